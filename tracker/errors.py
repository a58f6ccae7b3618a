"""Errors people can act on: raised by validation, shown as one sentence, never as a traceback.

``FormErrors`` carries all of a form's problems at once, keyed by the write function's parameter
name (a grid's rows as ``asks[N].field``, from 1), so a page puts each sentence next to its
field and a person fixes everything in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


class TrackerError(Exception):
    """A problem the user can fix; ``field`` names the input at fault, when there is one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(TrackerError):
    """The ask, letter, indicator or entry named does not exist."""


class ValidationError(TrackerError):
    """An input value is malformed or not allowed."""


class FormErrors(ValidationError):
    """``errors`` maps field name -> sentence; ``message`` joins them (what the CLI prints) and
    ``field`` is the first, so code that knows only TrackerError still points somewhere."""

    def __init__(self, errors: dict[str, str]):
        if not errors:
            raise ValueError("FormErrors needs at least one error")
        self.errors = dict(errors)
        super().__init__(" ".join(_sentence(m) for m in self.errors.values()), next(iter(errors)))


def _sentence(message: str) -> str:
    text = message.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


class StaleForm(ValidationError):
    """Someone recorded an entry since the form was filled in: ``latest`` is theirs."""

    def __init__(self, message: str, latest: dict, field: str = "expect_latest"):
        super().__init__(message, field)
        self.latest = latest


class Checks:
    """A form's errors, collected as each field is checked (``checks("date_sent", check_date,
    ...)`` returns the value, or None after noting the error) and raised together by ``done()``."""

    def __init__(self, prefix: str = ""):
        self.errors: dict[str, str] = {}
        self.prefix = prefix

    def __call__(self, field: str, check: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return check(*args, **kwargs)
        except FormErrors as error:
            for key, message in error.errors.items():
                self.errors.setdefault(self.prefix + key, message)
        except ValidationError as error:
            self.add(field, error.message)
        return None

    def add(self, field: str, message: str) -> None:
        """Note a problem found by the caller itself (the first one per field is kept)."""
        self.errors.setdefault(self.prefix + field, message)

    def done(self) -> None:
        if self.errors:
            raise FormErrors(self.errors)


# what markdown makes a link of, escaped or not (GitHub's autolinks): "www.x.org", an email
AUTOLINKED = re.compile(r"(https?://|www\.)[-\w]+\.[-\w]|[-.\w+]+@[-\w]+\.[-\w]", re.IGNORECASE)


def not_a_web_address(text: str, field: str) -> str:
    """Why ``text`` is refused as a web address, quoting it unless the page would show it as a
    link to the very address just refused (it is still in the field). Shared by every field
    that takes a link (evidence, a letter's source, a link to fetch)."""
    if not AUTOLINKED.search(text):
        return f"{field} '{text}' is not a web address: it must start with http:// or https://."
    if text.lower().startswith("www"):
        return f"{field} is not a web address yet: add https:// before the www."
    if " " in text:
        return f"{field} is not a web address: it has a space in it, and a web address has none."
    return (
        f"{field} is not a web address (an email address?): it must start with http:// or https://."
    )
