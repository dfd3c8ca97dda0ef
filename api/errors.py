"""Expected failures as data: every mutation answers `XSuccess | CommandError`."""

import strawberry

from domain.errors import DomainError


@strawberry.type(
    description="A refused command: nothing was recorded. `code` is stable; messages are for people. "
    "One exception: RECORDED_NOT_YET_VISIBLE means the decision WAS recorded but a read "
    "model could not show it yet (the administrator is told); do not send it again."
)
class CommandError:
    code: str
    message: str = strawberry.field(description="In English.")
    pesan: str = strawberry.field(description="Dalam Bahasa Indonesia.")
    field: str | None = None
    legal_basis: list[str] = strawberry.field(
        default_factory=list,
        description="The articles the refusal rests on (regulation profile and article); empty when the "
        "refusal rests on no rule of a regulation (a malformed value, an unknown id).",
    )


def command_error(error: DomainError) -> CommandError:
    field = error.details.get("field")
    return CommandError(
        code=error.code,
        message=error.message_en,
        pesan=error.message_id,
        field=str(field) if field else None,
        legal_basis=error.legal_basis,
    )
