"""Machinery shared by the read models: the view store (store), the exactly-once projector
(projector), rebuild, quarantine, event dispatch to handlers, bulk writes and JSON columns."""
