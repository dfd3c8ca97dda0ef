"""Read model of evaluations: table definitions and event handlers in view.py, queries in queries.py."""
