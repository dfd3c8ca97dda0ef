"""Commands: one frozen dataclass per mutation, grouped by feature (application.pipeline.Command)."""
