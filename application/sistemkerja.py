"""The write side's composition: one pipeline, every command's handler bound to its collaborators."""

from application.app import BaseApp
from application.crossing import Others
from application.handlers import registry
from application.pipeline import Command, Outcome, Pipeline
from application.principal import Principal
from domain.profile import Profile


class SistemKerja(BaseApp):
    """One local government's Sistem Kerja (one tenant, one regulation profile)."""

    def __init__(self, profile: Profile, env: dict[str, str] | None = None):
        super().__init__(profile, env)
        self.others = Others()  # the other tenants of the platform, once connected (ADR 0010)
        self.pipeline = Pipeline(
            self, registry(repo=self.repo, roles=self.roles, profile=profile, others=self.others)
        )

    def handle(self, actor: Principal, command: Command) -> Outcome:
        """Run one command through the pipeline (application.pipeline)."""
        return self.pipeline.handle(actor, command)
