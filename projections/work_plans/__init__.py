"""Read model of the PK targets and the units' work plans (issue 11 parts 1-2)."""
