"""`make bench`: end-to-end placement rate and query latency over real HTTP, beside the raw rate
of the eventsourcing library on the same database (issue 2, item 9). Not part of `make test`."""
