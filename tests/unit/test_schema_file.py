"""The committed schema.graphql is exactly the schema the server serves (no drift)."""

import difflib
import os
import subprocess
import sys

from api.export_schema import ROOT, SCHEMA_FILE, schema_sdl
from api.schema import build_schema

PRINT_SDL = "import sys; from api.export_schema import schema_sdl; sys.stdout.write(schema_sdl())"


def test_committed_schema_graphql_equals_the_served_schema():
    committed = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
    served = schema_sdl()
    diff = difflib.unified_diff(
        committed.splitlines(), served.splitlines(), "schema.graphql", "the code", lineterm=""
    )
    assert committed == served, (
        "schema.graphql differs from the GraphQL schema in the code: "
        "run `make schema` and commit it\n" + "\n".join(list(diff)[:30])
    )


def test_the_export_does_not_depend_on_the_process_or_the_mode():
    # Another interpreter (another hash seed: set and dict orders of str change) prints the same
    # text, and development mode changes validation only, not the types.
    for seed in ("1", "2"):
        printed = subprocess.run(
            [sys.executable, "-c", PRINT_SDL],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        assert printed == schema_sdl()
    assert build_schema(development=True).as_str() + "\n" == schema_sdl()
