"""Read model of reports and report lines: table definitions and event handlers in view.py,
queries (reports, requests, obligations) in queries.py."""
