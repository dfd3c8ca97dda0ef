"""Tamper evidence for the event store: a hash chain written with every stored event,
signed checkpoints of its head, and a verifier that names the first thing that was changed.

Modules: `chain` (the hash), `chained` (persistence factories to put in PERSISTENCE_MODULE),
`checkpoint` (Ed25519 signatures), `verify` (recompute and compare), `env` (database URL to
eventsourcing settings), `cli` (`sistemkerja audit …`).
"""
