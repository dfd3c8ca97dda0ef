"""Inputs of the evaluation mutations; their fields are the commands' (application.commands.evaluation)."""

import strawberry

KEY = "Client key: a retry returns the first result."


@strawberry.input
class ResultInput:
    target: str
    achieved: str
    note: str = ""


@strawberry.input
class SubmitResultsInput:
    subject_id: strawberry.ID
    summary: str
    results: list[ResultInput]
    attachments: list[str] = strawberry.field(default_factory=list)
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class ReviewResultsInput:
    subject_id: strawberry.ID
    level: int = strawberry.field(description="The level reviewing now (1-based), as last read.")
    note: str | None = None
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class ReturnResultsInput:
    subject_id: strawberry.ID
    level: int
    notes: str
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)
