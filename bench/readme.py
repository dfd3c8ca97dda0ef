"""The README's GraphQL examples, as tests/e2e/test_readme_examples.py runs them verbatim against the
demo government and bench/queries.py times its queries.

Conventions in README.md (so that a reader and these read the same thing):
- a ```graphql block is run; each operation in it is sent on its own, in README order;
- `# token: <NIP> [--admin] [--role auditor]` names the token (as `sistemkerja token` mints it) for
  the operations that follow, up to the next such line;
- `# <name>: the answer's a.b.0.c` after an operation: a placeholder "<name>" in later operations
  stands for that value of the operation's answer (a generated id the reader copies);
- `# refused: CODE` before an operation: the example shows that refusal (a CommandError or a
  GraphQL error with that code), not data.
Every other operation must answer without any error or CommandError, with each root field
non-null and non-empty.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import httpx
from graphql import OperationDefinitionNode, OperationType, parse

from api.auth import mint_token
from infra.settings import Settings


class Server(Protocol):
    """What an example is sent to (tests.e2e.conftest.LiveServer, bench.queries.Target)."""

    settings: Settings

    def post(self, body: Any, token: str | None = None) -> httpx.Response: ...


README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"^```graphql\n(.*?)^```", re.S | re.M)
TOKEN = re.compile(r"^\s*# token: (\d{18})((?: --admin| --role \w+)*)\s*$", re.M)
CAPTURE = re.compile(r"^\s*# (<[^>]+>): the answer's ([\w.]+)\s*$", re.M)
REFUSED = re.compile(r"^\s*# refused: ([A-Z_]+)\s*$", re.M)


@dataclass
class Example:
    line: int  # README line of the operation's first character
    text: str
    token: tuple[str, bool, tuple[str, ...]] | None
    refused: str | None = None
    captures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_query(self) -> bool:
        """A read (no mutation), shown answering: what the query benchmark times."""
        operation = parse(self.text).definitions[0]
        return (
            isinstance(operation, OperationDefinitionNode)
            and operation.operation == OperationType.QUERY
            and self.refused is None
        )


def line_of(offset: int, readme: str) -> int:
    return readme.count("\n", 0, offset) + 1


def readme_examples(readme: str) -> list[Example]:
    examples: list[Example] = []
    for block in BLOCK.finditer(readme):
        source, base = block.group(1), block.start(1)
        operations = parse(source).definitions
        markers = sorted(
            [(m.start(), "token", m) for m in TOKEN.finditer(source)]
            + [(m.start(), "refused", m) for m in REFUSED.finditer(source)]
            + [(m.start(), "capture", m) for m in CAPTURE.finditer(source)],
            key=lambda x: x[0],
        )
        token, refused, previous, index = None, None, None, 0
        for start, kind, match in [*markers, (len(source) + 1, "end", None)]:
            while index < len(operations) and operations[index].loc.start < start:
                op = operations[index]
                previous = Example(
                    line_of(base + op.loc.start, readme), source[op.loc.start : op.loc.end], token, refused
                )
                examples.append(previous)
                refused, index = None, index + 1
            if kind == "token":
                roles = match.group(2).split()
                token = (
                    match.group(1),
                    "--admin" in roles,
                    tuple(r for r, flag in zip(roles[1:], roles) if flag == "--role"),
                )
            elif kind == "refused":
                refused = match.group(1)
            elif kind == "capture":
                where = line_of(base + start, readme)
                assert previous, f"README line {where}: a capture before any operation"
                previous.captures.append((match.group(1), match.group(2)))
    return examples


def _path(data: Any, path: str) -> Any:
    for key in path.split("."):
        data = data[int(key)] if isinstance(data, list) else data[key]
    return data


def _refusals(value: Any) -> list[str]:
    """CommandError answers (code with message/pesan) anywhere in the data."""
    if isinstance(value, list):
        return [code for item in value for code in _refusals(item)]
    if not isinstance(value, dict):
        return []
    own = [value["code"]] if "code" in value and ({"message", "pesan"} & value.keys()) else []
    # ConfirmationNeeded's warnings (code, message, legalBasis) are an answer, not a refusal
    return own + [code for key, item in value.items() if key != "warnings" for code in _refusals(item)]


def _empty(value: Any) -> bool:
    if value is None or value == []:
        return True
    if isinstance(value, dict) and "nodes" in value:
        return value["nodes"] == []
    if isinstance(value, dict) and "edges" in value:
        return value["edges"] == []
    return False


def run_example(server: Server, example: Example, values: dict[str, Any]) -> str | None:
    """Send one example; the reason it failed, or None."""
    if example.token is None:
        return "no `# token:` line says which token to use"
    text = example.text
    for name in re.findall(r"<[^>\"]+>", text):
        if name not in values:
            return f"placeholder {name} is captured by no earlier example"
        text = text.replace(name, str(values[name]))
    nip, admin, roles = example.token
    token = mint_token(
        server.settings.jwt_secret, nip=nip, tenant=server.settings.profile, admin=admin, roles=roles
    )
    response = server.post({"query": text}, token)
    if response.status_code != 200:
        return f"HTTP {response.status_code}: {response.text[:500]}"
    body = response.json()
    errors = [e.get("extensions", {}).get("code") for e in body.get("errors", [])]
    refusals = _refusals(body.get("data"))
    if example.refused:
        if example.refused not in errors + refusals:
            return f"expected the refusal {example.refused}, got {body}"[:1500]
        return None
    if errors or refusals:
        return f"answered {errors + refusals}: {body}"[:1500]
    empty = [name for name, value in body["data"].items() if _empty(value)]
    if empty:
        return f"no data in {empty}: {body['data']}"[:1500]
    for name, path in example.captures:
        try:
            values[name] = _path(body["data"], path)
        except (KeyError, IndexError, TypeError):
            return f"{name}: the answer has no {path}: {body['data']}"[:1500]
    return None
