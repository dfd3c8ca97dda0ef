"""The decision ledger: table definitions and event handlers in view.py, queries in queries.py."""
