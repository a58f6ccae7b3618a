"""Search's snippets read as one passage (seen in Chromium): a letter's match near a paragraph
break showed the words after the break as a paragraph of their own ("Third…" alone under the
match), as if it were a second result."""

from __future__ import annotations

import pytest
from appkit import open_app
from dbkit import demo_database

from tracker import records
from tracker.auth import Actor, acting_as
from tracker.db import open_db

PEOPLE = [("lena@example.org", "leadership", "Lena")]
TEXT = (
    "Dear Attorney General,\n\n"
    "Second, we call on you to guarantee the independence of the special prosecutor for the "
    "Quetzalcoatl inquiry.\n\n"
    "Third, we ask that the protection mechanism be staffed.\n"
    "Sincerely,\nThe coalition"
)


@pytest.fixture
def letter_with_paragraphs(tmp_path, monkeypatch):
    path = demo_database(tmp_path / "demo.db", PEOPLE, "correct horse 1")
    monkeypatch.setenv("TRACKER_DB", str(path))
    db = open_db(path)
    with acting_as(Actor(email="admin@example.org", role="admin", via="test")):
        records.add_letter(
            db,
            title="On the inquiry",
            date_sent="2026-10-14",
            author_org="A coalition",
            full_text=TEXT,
        )
    db.close()
    return path


def test_a_snippet_across_a_paragraph_break_is_one_paragraph(letter_with_paragraphs):
    at = open_app("lena@example.org", "search", q="Quetzalcoatl")
    assert not at.exception
    snippets = [m.value for m in at.markdown if "**Quetzalcoatl**" in m.value]
    assert snippets, [m.value for m in at.markdown]
    for snippet in snippets:
        assert "\n" not in snippet, snippet
    # (read through the page's markdown escaping: "inquiry\\." reads "inquiry.")
    assert any("inquiry. Third" in s.replace("\\", "") for s in snippets), snippets
