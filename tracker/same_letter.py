"""Whether a letter being added is one the tracker already holds. The same letter stored twice
lists its asks twice and inflates "asks repeated across letters", so the app warns and the CLI
refuses before that happens. A read: the rule, shared by the app, the CLI and accept_draft.

The rule (a product decision, in the README's "From a letter to its asks"): a letter is the
same as a stored one when

1. its text is the same letter's text: at least 20 words, and nine in ten of its runs of three
   words are the stored text's too (words are letters only, case folded, so the same letter
   pasted, uploaded as .docx or as .pdf, with other line breaks and list numbers, matches);
2. or it has the same date and the same title (case and spacing aside);
3. or it has the same date, the same authoring organization and the same recipient office
   (or either names none): one organization's two letters of a day to two offices differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlite_utils import Database

TEXT_SHARE = 0.9  # of the runs of three words both texts hold, over those either holds
MIN_WORDS = 20  # a shorter text (a note typed by hand) is compared by its date and names only
LENGTH_RATIO = 1.25  # the same text in another format is within this of the stored length
WORD = re.compile(r"[^\W\d_]+")  # letters only: numbering, dates and punctuation vary by format

REASONS = {
    "text": "the same text",
    "title": "the same date and title",
    "author": "the same date, author and recipient",
}


@dataclass(frozen=True)
class SameLetter:
    """A stored letter the new one repeats, and why the rule took it."""

    letter_id: int
    title: str
    date_sent: str
    added_on: str
    added_by: str
    reason: str

    @property
    def sentence(self) -> str:
        return (
            f"This looks like letter #{self.letter_id}, “{self.title}” (sent {self.date_sent}), "
            f"added on {self.added_on} by {self.added_by}: {self.reason}."
        )


def _name(value) -> str:
    return " ".join(str(value or "").casefold().split())


def _runs(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.casefold())
    return (
        {tuple(words[i : i + 3]) for i in range(len(words) - 2)}
        if len(words) >= MIN_WORDS
        else set()
    )


def _same_text(runs: set, other: str) -> bool:
    theirs = _runs(other)
    return bool(theirs) and len(runs & theirs) >= TEXT_SHARE * len(runs | theirs)


LETTER_SQL = """SELECT l.id, l.title, l.date_sent, l.author_org, l.recipient_office, l.created_at,
                       coalesce(nullif(u.name, ''), l.created_by, 'someone') AS added_by {text}
                FROM letters l LEFT JOIN users u ON u.email = l.created_by
                WHERE {where} ORDER BY l.id"""


def same_letter(
    db: Database,
    *,
    title: str = "",
    date_sent=None,
    author_org: str = "",
    recipient_office: str | None = "",
    full_text: str = "",
    **_other,
) -> SameLetter | None:
    """The earliest stored letter the rule says this one is (its text first, then its date and
    names), or None. Takes a letter's fields as add_letter does; the others are ignored."""
    found: dict[str, tuple] = {}
    runs = _runs(full_text or "")
    if runs:
        size = len(full_text)
        rows = db.conn.execute(
            LETTER_SQL.format(
                text=", l.full_text",
                where="l.full_text != '' AND length(l.full_text) BETWEEN ? AND ?",
            ),
            (int(size / LENGTH_RATIO), int(size * LENGTH_RATIO) + 1),
        )
        found["text"] = next((row for row in rows if _same_text(runs, row[-1])), None)
    date = str(date_sent or "").strip()
    if date:
        same_day = db.conn.execute(
            LETTER_SQL.format(text="", where="l.date_sent = ?"), (date,)
        ).fetchall()
        found["title"] = next(
            (r for r in same_day if _name(title) and _name(r[1]) == _name(title)), None
        )
        found["author"] = next(
            (
                r
                for r in same_day
                if _name(author_org)
                and _name(r[3]) == _name(author_org)
                and (
                    not _name(recipient_office)
                    or not _name(r[4])
                    or _name(r[4]) == _name(recipient_office)
                )
            ),
            None,
        )
    for reason, row in found.items():
        if row is not None:
            return SameLetter(
                letter_id=row[0],
                title=row[1],
                date_sent=row[2],
                added_on=str(row[5] or "")[:10],
                added_by=row[6],
                reason=REASONS[reason],
            )
    return None
