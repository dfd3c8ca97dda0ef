# Quick start: `make run` serves the demo government, `make test` lints, then runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install run lint test fuzz bench bench-large clean lock schema

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: install
	$(BIN)/sistemkerja demo load --if-empty
	@echo "Demo administrator token (Authorization: Bearer ...):"
	@$(BIN)/sistemkerja token 196805121990031003 --admin
	$(BIN)/sistemkerja serve

# Lint and import order, formatting, and types (settings in pyproject.toml); make test runs it first.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: install lint
	$(BIN)/python -m pytest

# The GraphQL fuzz run at length (make test runs it with 300 cases per store); the size
# can be given: make fuzz SISTEMKERJA_FUZZ_EXAMPLES=20000
SISTEMKERJA_FUZZ_EXAMPLES ?= 3000
fuzz: install
	SISTEMKERJA_FUZZ_EXAMPLES=$(SISTEMKERJA_FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider tests/e2e/test_fuzz.py

# Placements end to end and query latency (SQLite, PostgreSQL; then 50 tenants in one process), then the rebuild of a
# generated history of one million events (PostgreSQL; the history is kept for the next run).
bench: install
	$(BIN)/python -m bench
	$(BIN)/python -m bench.rebuild --events 1000000
	$(BIN)/python -m bench.queries --sizes 100000 1000000
	$(BIN)/python -m bench.onboarding --officials 10000

# Not part of `make bench`: the queries at 10M events too (a 10M history: ~35 min to generate here).
bench-large: install
	$(BIN)/python -m bench.rebuild --events 10000000 --schema bench_rebuild_10m
	$(BIN)/python -m bench.queries --source bench_rebuild_10m --prefix bench_queries_10m \
		--sizes 100000 1000000 10000000

# Re-pin dependencies after changing pyproject.toml (the test and otel extras: CI runs the tracing test too).
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra test --extra otel --generate-hashes --python-version 3.11 -o requirements.lock

# Export the GraphQL schema (SDL) to schema.graphql; commit it (a test checks it is current).
schema: install
	$(BIN)/python -m api.export_schema

clean:
	rm -rf $(VENV) var .pytest_cache
