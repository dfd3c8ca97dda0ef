"""Generate the documentation of assignment routes from the profile data, so it cannot drift:
docs/routes.md (every step, citation and note) and the README section "## Assignment routes"
(one line per mode x scope). `python -m infra.routes_doc` rewrites both; a test asserts that
the committed files equal the generated text."""

from pathlib import Path

from domain.profile import Mode, Profile, Route, Scope, list_profiles, load_profile

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Assignment routes"
ROLE = {
    "OFFICIAL": "the official",
    "OFFICIAL_APPRAISER": "official's appraiser",
    "OFFICIAL_UNIT_HEAD": "official's unit head",
    "OFFICIAL_AGENCY_HEAD": "official's agency head",
    "OFFICIAL_PYB": "official's PyB",
    "OFFICIAL_PERSONNEL_AGENCY_HEAD": "official's personnel agency head",
    "OWNING_UNIT_HEAD": "owning unit head",
    "OWNING_AGENCY_HEAD": "owning agency head",
    "OWNING_PYB": "owning PyB",
    "REQUESTER_APPRAISER": "requesting unit head's appraiser",
    "SEKDA": "Sekda",
    "PPK": "PPK (Bupati/Wali Kota)",
}
VERB = {
    "REQUEST": "requests",
    "PROPOSE": "proposes",
    "RECOMMEND": "recommends",
    "APPROVE": "approves",
    "NAME_OFFICIALS": "names officials",
    "ISSUE_LETTER": "issues the letter",
    "FIX": "fixes",
    "ACCEPT": "accepts",
}


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def _chain(route: Route) -> str:
    return " → ".join(f"{ROLE[s.role.value]} {VERB[s.action.value]}" for s in route.steps)


def _route_md(route: Route) -> list[str]:
    out = [f"#### {route.mode.value} × {route.scope.value} — {route.citation}", ""]
    if route.note:
        out += [_one_line(route.note), ""]
    if route.request_letter_required:
        out += [
            f"Request letter required (purpose, competencies, expected target, duration): "
            f"{route.request_letter_citation}.",
            "",
        ]
    out += ["| # | role | action | citation | note |", "|---|---|---|---|---|"]
    for n, step in enumerate(route.steps, start=1):
        copies = f" (cc {', '.join(ROLE[c.value] for c in step.copies)})" if step.copies else ""
        designates = " (designates the unit)" if step.designates_unit else ""
        refused = (
            f"; refused by {' or '.join(ROLE[r.value] for r in step.refused_by)}" if step.refused_by else ""
        )
        action = f"{step.action.value}{copies}{designates}{refused}"
        out.append(f"| {n} | {ROLE[step.role.value]} | {action} | {step.citation} | {_one_line(step.note)} |")
    cc = ", ".join(ROLE[c.value] for c in route.letter.copies) or "none listed"
    out += ["", f"Letter at step {route.letter.issued_at_step} ({route.letter.citation}); copies: {cc}.", ""]
    return out


def _profile_md(profile: Profile) -> list[str]:
    rules = profile.assignment
    out = [
        f"## {profile.government} — `{profile.id}`",
        "",
        f"{_one_line(profile.regulation)}",
        "",
        f"Scopes allowed: {', '.join(s.value for s in rules.scopes_allowed.values)} "
        f"({rules.scopes_allowed.citation}).",
        "",
    ]
    if rules.scopes_allowed.note:
        out += [_one_line(rules.scopes_allowed.note), ""]
    for route in rules.routes:
        out += _route_md(route)
    if rules.direct_tasking:
        rule = rules.direct_tasking
        grades, heads = (
            ", ".join(g.value for g in rule.grades),
            " or ".join(p.value for p in rule.by_positions),
        )
        out += [
            f"Direct tasking ({rule.citation}): {grades} may be tasked along the WITHIN_UNIT route by a "
            f"unit head who is {heads} in their agency, wherever they are placed in it. "
            + _one_line(rule.note),
            "",
        ]
    if rules.refused:
        out += ["#### Refused", ""]
        out += [
            f"- {r.mode.value} × {r.scope.value} ({r.citation}): {_one_line(r.reason_en)}"
            for r in rules.refused
        ]
        out.append("")
    return out


def routes_markdown() -> str:
    lines = [
        "# Assignment routes per regulation",
        "",
        "Generated from `domain/profiles/*.yaml` by `python -m infra.routes_doc`; do not edit by hand.",
        "Roles are relative to the request: *owning* is the unit that owns the performance, *official's*",
        "the side where the official stands.",
        "",
    ]
    for profile_id in list_profiles():
        lines += _profile_md(load_profile(profile_id))
    return "\n".join(lines).rstrip() + "\n"


def readme_section() -> str:
    lines = [
        SECTION,
        "",
        "Generated from the profiles (`python -m infra.routes_doc`); every step with its article and",
        "note is in [docs/routes.md](docs/routes.md). A request walks its route step by step; only the",
        "official who holds a step's role at that moment (or their delegate,"
        " by a delegation in force) may take it, a",
        "refusal needs a reason and ends the request, and a mode × scope not listed is refused with the",
        "regulation's reason.",
        "",
    ]
    for profile_id in list_profiles():
        profile = load_profile(profile_id)
        lines += [
            f"### {profile.government} (`{profile.id}`)",
            "",
            "| mode × scope | route | article |",
            "|---|---|---|",
        ]
        for mode in Mode:
            for scope in Scope:
                route = profile.assignment.route(mode, scope)
                if route:
                    lines.append(f"| {mode.value} × {scope.value} | {_chain(route)} | {route.citation} |")
                else:
                    refusal = profile.assignment.refusal(mode, scope)
                    lines.append(f"| {mode.value} × {scope.value} | refused | {refusal.citation} |")
        lines.append("")
    return "\n".join(lines)


def readme_with_section(readme: str) -> str:
    """The README with its routes section replaced (or inserted before the profile guide)."""
    section = readme_section()
    if SECTION in readme:
        start = readme.index(SECTION)
        end = readme.find("\n## ", start + len(SECTION))
        return readme[:start] + section + ("\n" + readme[end + 1 :] if end != -1 else "")
    anchor = readme.index("## Adding a government's profile")
    return readme[:anchor] + section + "\n" + readme[anchor:]


def main() -> None:
    (ROOT / "docs" / "routes.md").write_text(routes_markdown(), encoding="utf-8")
    readme = ROOT / "README.md"
    readme.write_text(readme_with_section(readme.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
