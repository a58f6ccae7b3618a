"""How a count reads in a sentence, in the CLI and the app alike: thousands separated
("1,234 problems", as tables and tiles show numbers) and the noun singular for one."""

from __future__ import annotations


def how_many(number: int, noun: str, plural: str | None = None) -> str:
    """``1,234 problems``, ``1 problem``; ``plural`` for a noun not made plural by an s
    (``how_many(n, "entry", "entries")``)."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
