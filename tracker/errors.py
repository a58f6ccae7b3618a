"""Errors people can act on: raised by validation, shown as one sentence, never as a traceback."""


class TrackerError(Exception):
    """A problem the user can fix; ``field`` names the input at fault, when there is one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class NotFound(TrackerError):
    """The ask, letter, indicator or entry named does not exist."""


class ValidationError(TrackerError):
    """An input value is malformed or not allowed."""


class FormErrors(ValidationError):
    """Every problem of one form at once, so each can be shown next to its field.

    ``errors`` maps a field name (the write function's parameter name, e.g. ``title`` or
    ``date_sent``; rows of a grid are ``asks[N].field`` with N the 1-based row) to a sentence.
    """

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        first = next(iter(self.errors), None)
        super().__init__(" ".join(self.errors.values()) or "The form has errors.", first)
