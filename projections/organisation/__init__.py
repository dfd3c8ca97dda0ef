"""Read model of units, officials, placements and delegations: table definitions and event
handlers in view.py, queries in queries.py (the API context's `queries`)."""
