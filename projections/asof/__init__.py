"""History read models on both time axes (ADR 0011): for units, officials, delegations,
assignments and teams, rows valid over a recorded interval and an effective (TMT) interval, so
"as of" is answered by one indexed look-up instead of replaying the event store."""
