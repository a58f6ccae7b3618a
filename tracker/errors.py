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
