"""The message catalogue (domain/messages.yaml) against every raise site: each code raised anywhere has
complete Indonesian and English texts, each placeholder is given by every site that raises it, and no
role code is left in Indonesian text."""

import ast
import re
from pathlib import Path

import pytest

from domain import limits
from domain.errors import InvalidInput, NotFound
from domain.messages import Localized, catalogue, placeholders, preferred_language, role_words, templates

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("domain", "application", "api", "infra")
ERRORS = {"DomainError", "NotFound", "Forbidden", "Conflict", "InvalidInput"}
ROLE_CODES = set(catalogue()["roles"])


def _api_site(node: ast.Call, where: str) -> tuple[str, str, str | None, set[str]] | None:
    """The HTTP layer's refusals: AuthenticationError(case, **details) answers UNAUTHENTICATED,
    _Refused(status, code, **details) a 413 or 408."""
    keywords = {k.arg for k in node.keywords if k.arg}
    if node.func.id == "AuthenticationError":
        case = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
        return where, "UNAUTHENTICATED", case, keywords
    if node.func.id == "_Refused" and len(node.args) == 2 and isinstance(node.args[1], ast.Constant):
        return where, node.args[1].value, None, keywords
    return None


def _trees() -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text(encoding="utf-8")))
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    ]


def _error_classes(trees: list[tuple[Path, ast.Module]]) -> set[str]:
    """DomainError and every subclass of it (e.g. RecordedNotYetVisible in application/)."""
    names = set(ERRORS)
    for _, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and {getattr(b, "id", None) for b in node.bases} & names:
                names.add(node.name)
    return names


def _domain_site(node: ast.Call, where: str) -> tuple[str, str, str | None, set[str]]:
    keywords = {k.arg for k in node.keywords if k.arg}
    if len(node.args) != 1 or not isinstance(node.args[0], ast.Constant):
        return where, "", None, {"<positional>"} if len(node.args) > 1 else set()
    given = next((k.value for k in node.keywords if k.arg == "case"), None)
    if given is not None and not isinstance(given, ast.Constant):
        return where, node.args[0].value, "<computed>", keywords
    return where, node.args[0].value, given.value if given is not None else None, keywords


def _raise_sites() -> list[tuple[str, str, str | None, set[str]]]:
    """(where, code, case, keyword names) of every DomainError built anywhere (also through
    super().__init__ in a subclass), and of the HTTP layer's refusals."""
    trees = _trees()
    classes = _error_classes(trees)
    sites = []
    for path, tree in trees:
        for owner in ast.walk(tree):
            in_error_class = isinstance(owner, ast.ClassDef) and owner.name in classes - {"DomainError"}
            for node in ast.walk(owner) if in_error_class else ():
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "__init__"
                    and isinstance(node.func.value, ast.Call)
                ):
                    sites.append(_domain_site(node, f"{path.relative_to(ROOT)}:{node.lineno}"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            api_site = _api_site(node, where)
            if api_site:
                sites.append(api_site)
            elif node.func.id in classes and node.func.id in ERRORS | {"DomainError"}:
                sites.append(_domain_site(node, where))
    return sites


SITES = _raise_sites()


def _texts(entry: dict) -> list[tuple[str, str]]:
    found = [(entry["id"], entry["en"])]
    for case in entry.get("cases", {}).values():
        found += _texts(case)
    return found


def test_the_scan_finds_the_raise_sites():
    assert len(SITES) > 90
    assert {
        "NOT_AUTHORISED",
        "INVALID_NIP",
        "NOT_YOUR_STEP",
        "PROFILE_INVALID",
        "UNAUTHENTICATED",
        "REQUEST_TOO_LARGE",
        "REQUEST_TIMEOUT",
    } <= {s[1] for s in SITES}


def test_the_codes_graphql_answers_itself_have_both_texts():
    from api.bad_request import BAD_REQUEST
    from api.query_cost import QUERY_TOO_COSTLY
    from api.request_errors import INVALID_VALUE, PARSE_FAILED, VALIDATION_FAILED

    answered = (
        (BAD_REQUEST, None),
        (PARSE_FAILED, None),
        (VALIDATION_FAILED, None),
        (QUERY_TOO_COSTLY, None),
        (INVALID_VALUE, "graphql"),
        (INVALID_VALUE, "graphql_unnamed"),
    )
    for code, case in answered:
        entry = templates(code, case)
        assert entry["id"] and entry["en"]
        assert placeholders(entry["id"]) | placeholders(entry["en"]) <= {"field", "cost", "max_cost"}


def test_a_raise_site_gives_the_code_alone_and_its_details_by_name():
    positional = [where for where, _, _, keywords in SITES if "<positional>" in keywords]
    assert not positional, "texts belong in domain/messages.yaml, not at the raise site"


def test_only_the_limits_helper_raises_a_code_it_was_given():
    dynamic = [where for where, code, _, keywords in SITES if not code and "<positional>" not in keywords]
    assert dynamic == [w for w in dynamic if w.startswith("domain/limits.py")] and len(dynamic) == 1


@pytest.mark.parametrize("where,code,case,keywords", SITES, ids=[s[0] for s in SITES])
def test_every_raise_site_has_both_texts_and_gives_their_placeholders(where, code, case, keywords):
    if not code or case == "<computed>":
        return  # the limits helper and the read permissions: tested below
    entry = templates(code, case)
    for language in ("id", "en"):
        assert entry[language].strip(), f"{code} ({case}) has no {language} text"
        missing = placeholders(entry[language]) - keywords
        assert not missing, f"{where}: {code} {language} needs {missing}"


def test_the_codes_of_the_input_limits_have_their_frame():
    kinds = [kind for kind in vars(limits).values() if isinstance(kind, limits.TextKind)]
    codes = {kind.code for kind in kinds} | {"INVALID_VALUE"}
    for code in codes:
        entry = templates(code, "limit")
        assert placeholders(entry["id"]) == placeholders(entry["en"]) == {"field", "reason"}


def test_every_catalogued_text_is_complete_and_indonesian_names_no_role_code():
    for code, entry in catalogue()["codes"].items():
        assert re.fullmatch(r"[A-Z][A-Z_]+", code)
        for id_, en in _texts(entry):
            assert id_.strip() and en.strip() and id_ != en or "{reason}" in id_, code
            words = re.sub(r"'[^']*'", "", id_)  # a quoted value is what the client sends, not a role
            assert not ROLE_CODES & set(re.findall(r"\b[A-Z][A-Z_]{2,}\b", words)), f"{code}: {id_}"
    for name in ROLE_CODES:
        assert not re.search(r"\b[A-Z]+_[A-Z_]+\b", role_words(name).id)


def test_an_error_is_worded_in_either_language_from_its_details():
    error = NotFound("OFFICIAL_NOT_FOUND", nip="199001012020121001")
    assert error.message_id == "Tidak ada pegawai terdaftar dengan NIP 199001012020121001."
    assert error.message_en == "No official with NIP 199001012020121001 is registered."
    assert error.message("en") == error.message_en


def test_a_case_and_a_localized_detail_are_worded_per_language():
    reason = Localized(en="too long", id="terlalu panjang")
    error = InvalidInput("INVALID_VALUE", case="limit", field="name", reason=reason)
    assert (error.message_en, error.message_id) == ("name: too long", "name: terlalu panjang")


def test_a_role_is_named_in_words_in_indonesian():
    from application.roles import not_your_step

    error = not_your_step(2, "OWNING_AGENCY_HEAD", [], None)
    assert "OWNING_AGENCY_HEAD" not in error.message_id
    assert "kepala Perangkat Daerah pemilik kinerja" in error.message_id


@pytest.mark.parametrize(
    "header,language",
    [
        (None, "id"),
        ("", "id"),
        ("en", "en"),
        ("en-US,en;q=0.9", "en"),
        ("id-ID,id;q=0.9,en;q=0.8", "id"),
        ("fr, en;q=0.5", "en"),
        ("de", "id"),
        ("en;q=0.4, id;q=0.6", "id"),
        ("en;q=x", "id"),
        ("*", "id"),
    ],
)
def test_the_callers_language_is_indonesian_unless_english_is_preferred(header, language):
    assert preferred_language(header) == language


def test_every_read_permission_has_its_texts():
    from api import permissions

    refusals = [
        c
        for c in vars(permissions).values()
        if isinstance(c, type) and issubclass(c, permissions.ReadPermission)
    ]
    assert len(refusals) > 5
    for refusal in refusals:
        entry = templates("NOT_AUTHORISED", refusal.case)
        assert entry["id"] and entry["en"] and not placeholders(entry["id"]) | placeholders(entry["en"])


def _phrase_uses() -> list[tuple[str, str, set[str]]]:
    """(where, key, keyword names) of every phrase("key", ...) and require_admin(actor, "key")."""
    uses = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                keywords = {k.arg for k in node.keywords if k.arg}
                if node.func.id == "phrase" and node.args and isinstance(node.args[0], ast.Constant):
                    uses.append((where, node.args[0].value, keywords))
                elif node.func.id == "require_admin" and len(node.args) == 2:
                    assert isinstance(node.args[1], ast.Constant), f"{where}: name a phrase of the catalogue"
                    uses.append((where, node.args[1].value, set()))
    return uses


def test_every_phrase_used_is_in_the_catalogue_with_its_placeholders():
    uses = _phrase_uses()
    assert len(uses) > 15
    for where, key, keywords in uses:
        entry = catalogue()["phrases"].get(key)
        assert entry and entry["id"] and entry["en"], f"{where}: no phrase {key}"
        assert placeholders(entry["id"]) | placeholders(entry["en"]) <= keywords, where
        assert not ROLE_CODES & set(re.findall(r"\b[A-Z][A-Z_]{2,}\b", entry["id"])), key


def test_the_leader_warning_is_catalogued():
    from application.team_checks import leader_warnings  # noqa: F401  (builds it from the catalogue)

    entry = templates("LEADER_NOT_FROM_OWNING_UNIT")
    assert placeholders(entry["id"]) == placeholders(entry["en"]) == {"legal_basis"}
