"""The same letter twice (QA 12): which stored letter a new one repeats (tracker.same_letter,
a read), accept_draft refusing it unless told to add it anyway, and ``tracker intake``
refusing it unless ``--add-anyway``."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from clikit import assert_rejected, count, ok
from dbkit import dump

from tracker import intake, records, users
from tracker.auth import Actor, acting_as
from tracker.db import open_db
from tracker.errors import FormErrors
from tracker.same_letter import same_letter

JOURNEY = Path(__file__).parent / "data" / "journey-letter.txt"
TEXT = JOURNEY.read_text(encoding="utf-8")
ANA = Actor(email="ana@example.org", role="officer", name="Ana Ruiz", via="test")
LETTER = {
    "title": "Protection of journalists in Mexico",
    "date_sent": "2025-04-02",
    "author_org": "Center for Press Freedom in the Americas",
    "recipient_office": "US Department of State",
    "full_text": TEXT,
}


@pytest.fixture
def stored(fresh_db):
    """The journey letter, added by Ana Ruiz (an officer with an account); returns (db, id)."""
    users.add_user(fresh_db, ANA.email, "officer", name=ANA.name, password="correct horse 1")
    with acting_as(ANA):
        letter_id = records.add_letter(fresh_db, **LETTER)
    return fresh_db, letter_id


def _reflowed(text: str) -> str:
    """The same letter as another format gives it: other line breaks, spacing and case, its
    list numbers and bullets lost (a Word file's numbering is not in its text)."""
    words = text.replace("1.", "").replace("2.", "").replace("•", "").split()
    return "\n".join(" ".join(words[i : i + 9]) for i in range(0, len(words), 9)).upper()


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({}, "the same text"),
        ({"full_text": _reflowed(TEXT)}, "the same text"),
        ({"full_text": TEXT, "date_sent": "2025-04-09", "title": "Another title"}, "the same text"),
        ({"full_text": "", "author_org": "Someone else"}, "the same date and title"),
        (
            {"full_text": "", "title": "  PROTECTION of journalists  in Mexico "},
            "the same date and title",
        ),
        ({"full_text": "", "title": "Press freedom"}, "the same date, author and recipient"),
        (
            {"full_text": "", "title": "Press freedom", "recipient_office": ""},
            "the same date, author and recipient",
        ),
    ],
)
def test_a_letter_already_stored_is_recognised(stored, changes, reason):
    db, letter_id = stored
    found = same_letter(db, **(LETTER | changes))
    assert found is not None
    assert (found.letter_id, found.reason) == (letter_id, reason)
    assert found.added_by == "Ana Ruiz"  # the person's name, not their email
    assert found.title == LETTER["title"]
    assert found.sentence.startswith(
        f"This looks like letter #{letter_id}, “Protection of journalists in Mexico” "
        f"(sent 2025-04-02), added on {found.added_on} by Ana Ruiz: {reason}."
    )


@pytest.mark.parametrize(
    "changes",
    [
        # another letter from the same organisation, another day, another text
        {"full_text": "", "date_sent": "2025-06-01", "title": "Press freedom"},
        # the same day and author, to another recipient: two letters sent together
        {"full_text": "", "title": "Press freedom", "recipient_office": "Senate of Mexico"},
        # a follow-up that quotes half of the first letter
        {"full_text": TEXT[: len(TEXT) // 2] + " We write again. " * 60, "date_sent": "2025-09-01"},
        {"full_text": "", "date_sent": "", "title": "", "author_org": ""},  # nothing to compare
    ],
)
def test_a_different_letter_is_not_taken_for_it(stored, changes):
    db, _ = stored
    assert same_letter(db, **(LETTER | changes)) is None


def test_a_letter_by_someone_without_an_account_names_their_email(fresh_db):
    with acting_as(Actor(email="cli-user", role="admin", via="cli")):
        records.add_letter(fresh_db, **LETTER)
    assert same_letter(fresh_db, **LETTER).added_by == "cli-user"


def _rows() -> list[dict]:
    return [{"title": "Fund legal aid", "target": "US Department of State", "theme": "Press",
             "country": "Mexico", "passage": "We ask you to fund legal aid."}]  # fmt: skip


def test_accept_refuses_the_same_letter_unless_told_to_add_it_anyway(stored):
    db, letter_id = stored
    before = dump(db)
    with acting_as(ANA), pytest.raises(FormErrors) as refused:
        intake.accept_draft(db, dict(LETTER), _rows())
    assert set(refused.value.errors) == {"add_anyway"}  # the flag that lets it through
    assert refused.value.errors["add_anyway"].startswith(f"This looks like letter #{letter_id}")
    assert refused.value.errors["add_anyway"].endswith("If it is another letter, add it anyway.")
    assert dump(db) == before  # nothing stored
    with acting_as(ANA):
        new_id, asks, _ = intake.accept_draft(db, dict(LETTER), _rows(), add_anyway=True)
    assert new_id == letter_id + 1 and len(asks) == 1


def test_the_same_letter_is_named_with_the_other_problems_at_once(stored):
    db, _ = stored
    with acting_as(ANA), pytest.raises(FormErrors) as refused:
        intake.accept_draft(db, LETTER | {"url": "ftp://x"}, _rows())
    assert {"add_anyway", "url"} <= set(refused.value.errors)


def test_cli_intake_refuses_a_letter_already_stored_unless_add_anyway(runner, demo_file):
    ok(runner, demo_file, "intake", str(JOURNEY), "--accept-all")
    letters = count(demo_file, "letters")
    assert_rejected(
        runner,
        demo_file,
        ["intake", str(JOURNEY), "--accept-all"],
        f"This looks like letter #{letters}",
        "the same text",
        "--add-anyway",
    )
    out = ok(runner, demo_file, "intake", str(JOURNEY), "--accept-all", "--add-anyway").stdout
    assert out.startswith(f"#{letters + 1} letter added")
    help_text = ok(runner, demo_file, "intake", "--help").stdout
    assert "--add-anyway" in help_text and "already stored" in help_text


def test_two_officers_accepting_the_same_letter_at_once_store_it_once(fresh_db, db_path):
    """The rule is checked under the write lock, as the letter is stored: two sessions that
    both drafted the letter before either accepted it cannot both store it."""
    users.add_user(fresh_db, ANA.email, "officer", name=ANA.name, password="correct horse 1")
    start, outcomes = threading.Barrier(2), []

    def accept():
        db = open_db(db_path)
        try:
            with acting_as(ANA):
                start.wait()
                intake.accept_draft(db, dict(LETTER), _rows())
            outcomes.append("stored")
        except FormErrors as error:
            outcomes.append(next(iter(error.errors)))
        finally:
            db.close()

    threads = [threading.Thread(target=accept) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["add_anyway", "stored"]
    assert fresh_db.conn.execute("SELECT count(*) FROM letters").fetchone() == (1,)
