"""Expected failures of the domain: a stable code and details; the texts come from the catalogue
(domain/messages.yaml), in Indonesian and English."""

from domain.messages import render


class DomainError(Exception):
    """A command was refused. Nothing was recorded.

    `code` is stable (clients switch on it); the messages are for people, looked up by code and filled
    from `details`.
    """

    def __init__(self, code: str, **details: object):
        self.code = code
        self.details = details
        super().__init__(f"{code}: {self.message_en}")

    def message(self, language: str) -> str:
        return render(self.code, language, self.details)

    @property
    def message_en(self) -> str:
        return self.message("en")

    @property
    def message_id(self) -> str:
        return self.message("id")

    @property
    def legal_basis(self) -> list[str]:
        """The articles the refusal rests on (profile citations), as raise sites give them under
        `legal_basis` (one or several) or `citation`; empty when no rule of a regulation is involved."""
        given = self.details.get("legal_basis", self.details.get("citation"))
        if not given:
            return []
        return [str(c) for c in given] if isinstance(given, list | tuple) else [str(given)]


class NotFound(DomainError):
    pass


class Forbidden(DomainError):
    pass


class Conflict(DomainError):
    pass


class InvalidInput(DomainError):
    pass
