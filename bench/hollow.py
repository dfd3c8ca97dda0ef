"""The server of `bench.command`'s hollow placement: the real application, except that a command
decides and saves nothing (`uvicorn --factory bench.hollow:create`).

A placement through it costs everything a placement costs but the command itself: HTTP, auth,
the GraphQL mutation (its input, the worker-thread hop) and the answer read back from the read
models. So (floor + raw save) / (hollow placement + raw save) is the best ratio any command could
score (issue 14, target 4), and placement − hollow placement is the command's own cost."""

from fastapi import FastAPI

from application.pipeline import Outcome
from application.sistemkerja import SistemKerja
from infra.web import create as create_real


def _decide_nothing(self: SistemKerja, actor: object, command: object) -> Outcome:
    """The answer reads the official the command names, as it would after a placement."""
    return Outcome(result=getattr(command, "nip"), position=0)


def create() -> FastAPI:
    SistemKerja.handle = _decide_nothing  # type: ignore[method-assign]  # this process only
    return create_real()
