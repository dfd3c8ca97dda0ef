"""Many governments in one deployment (README "Tenants", ADR 0009): the registry, one System per
tenant built on first use over one shared connection pool, and one follower for them all."""
