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
