"""Export the served GraphQL schema as SDL to `schema.graphql` at the repository root.

`make schema` (or `python -m api.export_schema`) rewrites the file; a test asserts that the
committed file equals what the code serves, so clients can generate their types from it.
The text is deterministic: strawberry prints the types sorted by name and the fields in their
declaration order, and nothing in the schema depends on settings or the environment.
"""

from pathlib import Path

from api.schema import build_schema

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "schema.graphql"


def schema_sdl() -> str:
    """The SDL of the production schema (development only relaxes validation, not the types)."""
    return build_schema(development=False).as_str() + "\n"


def main() -> None:
    SCHEMA_FILE.write_text(schema_sdl(), encoding="utf-8")
    print(f"Wrote {SCHEMA_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
