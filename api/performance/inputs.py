"""Inputs of the performance mutations; their fields are the commands'
(application.commands.performance)."""

import strawberry

KEY = "Client key: a retry returns the first result."


@strawberry.input(description="One agreed result (Rencana Hasil Kerja) with its indicator and target.")
class AgreedResultInput:
    rhk: str
    indicator: str
    target: str


@strawberry.input
class RecordExpectationsInput:
    subject_id: strawberry.ID = strawberry.field(description="The individual assignment, or the team.")
    nip: str = strawberry.field(description="The official the dialogue was held with.")
    results: list[AgreedResultInput]
    expectations: str = strawberry.field(default="", description="The counterpart's expectations (text).")
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class AgreeExpectationsInput:
    subject_id: strawberry.ID
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input(description="One activity of the leader's work breakdown, and who does it.")
class BreakdownItemInput:
    activity: str
    target: str | None = None
    member_nip: str | None = None


@strawberry.input
class RecordWorkBreakdownInput:
    team_id: strawberry.ID
    items: list[BreakdownItemInput]
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input(description="One activity of a member's individual plan.")
class IndividualPlanItemInput:
    activity: str
    target: str | None = None


@strawberry.input
class RecordIndividualPlanInput:
    team_id: strawberry.ID
    items: list[IndividualPlanItemInput]
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class GiveFeedbackInput:
    subject_id: strawberry.ID = strawberry.field(description="The individual assignment, or the team.")
    receiver_nip: str
    text: str
    result: str | None = strawberry.field(default=None, description="The agreed result (RHK) it is about.")
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)
