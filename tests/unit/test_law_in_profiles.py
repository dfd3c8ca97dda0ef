"""The law lives in the profiles (issue 9 part 3): no module of the core names an article of a
regulation. Only the ledger's article parser mentions the words, as the syntax it parses."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = re.compile(r"Pasal|Lampiran")
PARSER = ROOT / "projections" / "ledger" / "view.py"


def test_no_module_of_the_core_names_an_article():
    named = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for package in ("domain", "application", "projections", "api")
        for path in sorted((ROOT / package).rglob("*.py"))
        if path != PARSER
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ARTICLE.search(line)
    ]
    where = "\n".join(named)
    assert named == [], f"an article belongs in a profile (domain/profiles/*.yaml), not in code:\n{where}"
