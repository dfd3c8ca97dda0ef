"""Read model of escalations: table definitions and event handlers in view.py, queries in queries.py."""
