"""Native cross-tenant routes (docs/adr/0010-native-cross-tenant-routes.md): the directory of the
platform's other tenants a request may name, and the relay that carries each side's events to
the other tenant (outbox: the sender's own event store; inbox: the receiver's idempotency keys)."""
