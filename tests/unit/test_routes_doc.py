"""The committed route documentation is exactly what the profiles generate (no drift)."""

from infra.routes_doc import ROOT, SECTION, readme_section, readme_with_section, routes_markdown


def test_docs_routes_md_equals_the_generated_text():
    assert (ROOT / "docs" / "routes.md").read_text(encoding="utf-8") == routes_markdown(), (
        "docs/routes.md is stale: run `python -m infra.routes_doc`"
    )


def test_the_readme_routes_section_equals_the_generated_text():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_section() in readme and readme_with_section(readme) == readme, (
        "README.md's '## Assignment routes' is stale: run `python -m infra.routes_doc`"
    )


def test_every_route_and_refusal_of_every_profile_is_documented_with_its_article():
    from domain.profile import list_profiles, load_profile

    text = routes_markdown()
    for profile_id in list_profiles():
        rules = load_profile(profile_id).assignment
        for route in rules.routes:
            assert f"#### {route.mode.value} × {route.scope.value} — {route.citation}" in text
            for step in route.steps:
                assert f"| {step.citation} |" in text
        for refusal in rules.refused:
            assert f"- {refusal.mode.value} × {refusal.scope.value} ({refusal.citation})" in text
    assert SECTION in readme_section()


def test_who_refuses_who_designates_and_direct_tasking_are_documented():
    """Issue 10: the route data the handlers read beyond roles and actions is in docs/routes.md too."""
    from domain.profile import list_profiles, load_profile
    from infra.routes_doc import ROLE

    text = routes_markdown()
    for profile_id in list_profiles():
        rules = load_profile(profile_id).assignment
        for route in rules.routes:
            for step in route.steps:
                if step.designates_unit:
                    assert f"{step.action.value} (designates the unit) | {step.citation} |" in text
                if step.refused_by:
                    who = " or ".join(ROLE[r.value] for r in step.refused_by)
                    assert f"{step.action.value}; refused by {who} | {step.citation} |" in text
        if rules.direct_tasking:
            assert f"Direct tasking ({rules.direct_tasking.citation})" in text
