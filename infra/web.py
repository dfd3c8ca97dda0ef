"""The ASGI application for uvicorn: `uvicorn --factory infra.web:create`."""

import logging

from fastapi import FastAPI

from api.app import create_app
from infra.bootstrap import build
from infra.settings import Settings
from infra.tokens import verifier


def create(settings: Settings | None = None, *, migrate: bool = False) -> FastAPI:
    settings = settings or Settings()
    logging.basicConfig(level=logging.INFO)
    system = build(settings, migrate=migrate)
    return create_app(system.app, system.store, verifier(settings), development=settings.development,
                      on_shutdown=system.close)
