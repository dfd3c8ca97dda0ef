"""Expected failures as data: every mutation answers `XSuccess | CommandError`."""

import strawberry

from domain.errors import DomainError


@strawberry.type(description="A refused command. Nothing was recorded. `code` is stable; messages are for people.")
class CommandError:
    code: str
    message: str = strawberry.field(description="In English.")
    pesan: str = strawberry.field(description="Dalam Bahasa Indonesia.")
    field: str | None = None


def command_error(error: DomainError) -> CommandError:
    field = error.details.get("field")
    return CommandError(code=error.code, message=error.message_en, pesan=error.message_id,
                        field=str(field) if field else None)
