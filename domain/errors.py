"""Expected failures of the domain: a stable code and a message in Indonesian and English."""


class DomainError(Exception):
    """A command was refused. Nothing was recorded.

    `code` is stable (clients switch on it); the messages are for people.
    """

    def __init__(self, code: str, message_en: str, message_id: str, **details: object):
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_en = message_en
        self.message_id = message_id
        self.details = details

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
