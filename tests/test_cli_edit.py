"""``tracker edit-ask`` and ``tracker edit-letter``: what they print and store, and clean
refusals (one line on stderr, exit status 1, the database file untouched)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clikit import assert_rejected, ok, query

HUGE_ID = "99999999999999999999"


def test_edit_ask_prints_each_change_and_stores_it(runner, demo_file):
    before = query(demo_file, "SELECT * FROM asks WHERE id = 1")[0]
    result = ok(
        runner, demo_file, "edit-ask", "1", "--owner", "Ben Ortiz", "--theme", "Justice reform",
        "--by", "olga",
    )  # fmt: skip
    assert result.output.splitlines() == [
        "Corrected ask #1:",
        f"  Owner: \u201c{before['owner']}\u201d → \u201cBen Ortiz\u201d",
        f"  Theme: \u201c{before['theme']}\u201d → \u201cJustice reform\u201d",
    ]
    after = query(demo_file, "SELECT * FROM asks WHERE id = 1")[0]
    assert (after["owner"], after["theme"]) == ("Ben Ortiz", "Justice reform")
    assert {k: v for k, v in after.items() if k not in ("owner", "theme")} == {
        k: v for k, v in before.items() if k not in ("owner", "theme")
    }
    entry = query(demo_file, "SELECT actor, action, details FROM audit_log ORDER BY id DESC")[0]
    assert (entry["actor"], entry["action"]) == ("olga", "ask.edit")
    assert json.loads(entry["details"])["changes"]["owner"]["from"] == before["owner"]
    spans = query(demo_file, "SELECT DISTINCT theme FROM status_spans WHERE ask_id = 1")
    assert spans == [{"theme": "Justice reform"}]


def test_edit_ask_can_clear_the_owner(runner, demo_file):
    ok(runner, demo_file, "edit-ask", "1", "--owner", "")
    assert query(demo_file, "SELECT owner FROM asks WHERE id = 1") == [{"owner": None}]


def test_edit_letter_prints_the_changes_and_the_asks_whose_date_follows(runner, demo_file):
    letter = query(demo_file, "SELECT * FROM letters WHERE id = 1")[0]
    moved = query(
        demo_file,
        "SELECT a.id, a.added_on FROM asks a JOIN letter_asks la ON la.ask_id = a.id "
        "WHERE la.letter_id = 1 AND a.added_on = ? ORDER BY a.id",
        (letter["date_sent"],),
    )
    assert moved
    result = ok(
        runner, demo_file, "edit-letter", "1", "--date", "2018-06-01", "--cosigner", "Group A",
        "--cosigner", "Group B",
    )  # fmt: skip
    lines = result.output.splitlines()
    names = json.loads(letter["cosigners"])
    was = f"\u201c{', '.join(names)}\u201d" if names else "(none)"
    assert lines[:3] == [
        "Corrected letter #1:",
        f"  Date sent: \u201c{letter['date_sent']}\u201d → \u201c2018-06-01\u201d",
        f"  Co-signers: {was} → \u201cGroup A, Group B\u201d",
    ]
    assert lines[3:] == [
        f"  Ask #{row['id']} is now made since 2018-06-01 (was {row['added_on']}): "
        "its letters' earliest date."
        for row in moved
    ]
    stored = query(demo_file, "SELECT date_sent, cosigners FROM letters WHERE id = 1")[0]
    assert stored == {"date_sent": "2018-06-01", "cosigners": '["Group A", "Group B"]'}
    ok(runner, demo_file, "edit-letter", "1", "--no-cosigners")
    assert query(demo_file, "SELECT cosigners FROM letters WHERE id = 1")[0]["cosigners"] == "[]"


@pytest.mark.parametrize(
    "args, fragments",
    [
        (["edit-ask", "1"], ["say what to correct", "--title"]),
        (["edit-ask", "99", "--title", "X"], ["no ask with id 99", "tracker asks"]),
        (["edit-ask", HUGE_ID, "--title", "X"], ["no ask with id"]),
        (["edit-ask", "x", "--title", "X"], ["ask id 'x' is not a number"]),
        (["edit-ask", "1", "--title", ""], ["title is required"]),
        (["edit-ask", "1", "--priority", "urgent", "--country", ""], ["priority", "country"]),
        (["edit-ask", "1", "--theme", "t" * 201], ["theme is 201 characters"]),
        (["edit-letter", "1"], ["say what to correct", "--date"]),
        (["edit-letter", "7", "--title", "X"], ["no letter with id 7"]),
        (["edit-letter", "1", "--date", "2019-02-30"], ["date sent"]),
        (["edit-letter", "1", "--url", "ftp://x"], ["not a web address"]),
        (["edit-letter", "1", "--cosigner", "A", "--no-cosigners"], ["not both"]),
        (["edit-ask", "1", "--colour", "red"], ["No such option"]),
    ],
)
def test_edit_commands_refuse_bad_input_and_write_nothing(runner, demo_file, args, fragments):
    assert_rejected(runner, demo_file, args, *fragments)


def test_a_correction_that_changes_nothing_is_refused(runner, demo_file):
    title = query(demo_file, "SELECT title FROM asks WHERE id = 1")[0]["title"]
    assert_rejected(runner, demo_file, ["edit-ask", "1", "--title", title], "nothing to save")


def test_the_edit_commands_are_in_the_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "tracker edit-ask " in readme and "tracker edit-letter " in readme


def test_edit_ask_with_expect_refuses_when_someone_changed_the_detail_since(runner, demo_file):
    """The app's two-people guard, for the CLI (QA 2026-12-03): ``--expect FIELD=VALUE`` says
    what the person saw; if a colleague has changed it since, nothing is saved and the line
    says who changed what."""
    owner = query(demo_file, "SELECT owner FROM asks WHERE id = 1")[0]["owner"]
    ok(runner, demo_file, "edit-ask", "1", "--owner", "Ben Ortiz", "--by", "olga")  # a colleague
    line = assert_rejected(
        runner,
        demo_file,
        ["edit-ask", "1", "--theme", "Justice reform", "--expect", f"owner={owner}"],
        "olga changed ask 1 at",
        "owner is now “Ben Ortiz”",
        "Nothing was saved",
        "--expect",
    )
    assert "form" not in line  # (the app's words are about its form; the CLI has none)
    assert query(demo_file, "SELECT owner FROM asks WHERE id = 1")[0]["owner"] == "Ben Ortiz"
    ok(
        runner,
        demo_file,
        "edit-ask",
        "1",
        "--theme",
        "Justice reform",
        "--expect",
        "owner=Ben Ortiz",
    )
    assert query(demo_file, "SELECT theme FROM asks WHERE id = 1")[0]["theme"] == "Justice reform"


def test_edit_letter_with_expect_checks_the_date_and_the_cosigners(runner, demo_file):
    letter = query(demo_file, "SELECT date_sent, cosigners FROM letters WHERE id = 1")[0]
    assert_rejected(
        runner,
        demo_file,
        ["edit-letter", "1", "--title", "Renamed", "--expect", "date=1999-01-01"],
        "date sent is now",
        letter["date_sent"],
    )
    names = json.loads(letter["cosigners"])
    ok(
        runner, demo_file, "edit-letter", "1", "--title", "Renamed",
        "--expect", f"date={letter['date_sent']}",
        *[arg for name in names for arg in ("--expect", f"cosigner={name}")],
    )  # fmt: skip
    assert query(demo_file, "SELECT title FROM letters WHERE id = 1")[0]["title"] == "Renamed"


@pytest.mark.parametrize(
    "args, fragments",
    [
        (["edit-ask", "1", "--title", "X", "--expect", "owner"], ["--expect owner", "FIELD=VALUE"]),
        (["edit-ask", "1", "--title", "X", "--expect", "colour=red"], ["colour", "owner"]),
        (["edit-letter", "1", "--title", "X", "--expect", "owner=Ana"], ["owner", "author"]),
    ],
)
def test_a_malformed_expect_is_refused_and_writes_nothing(runner, demo_file, args, fragments):
    assert_rejected(runner, demo_file, args, *fragments)
