"""Every "Add a letter" link opens Add a letter (QA 2026-12-03: the empty tracker's notice and
Record an update with no asks yet linked "Add a letter" to the Letters list, one more click
away from the page the label names)."""

from __future__ import annotations

import pytest
from appkit import open_app
from dbkit import SETUP, demo_database

from tracker import records
from tracker.auth import acting_as
from tracker.db import open_db

OFFICER = "olga@example.org"


@pytest.fixture
def officer_db(tmp_path, monkeypatch):
    path = demo_database(
        tmp_path / "empty.db", [(OFFICER, "officer", "Olga")], "correct horse 1", demo=False
    )
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


def add_letter_links(at) -> list[str]:
    return [link.proto.page for link in at.get("page_link") if link.proto.label == "Add a letter"]


@pytest.mark.parametrize("page", ["record_update", "review_queue", "dashboard"])
def test_the_empty_trackers_add_a_letter_link_opens_add_a_letter(officer_db, page):
    at = open_app(OFFICER, page)
    assert not at.exception
    links = add_letter_links(at)
    assert links and set(links) == {"add_letter"}, links


def test_record_an_update_with_letters_but_no_asks_links_to_add_a_letter(officer_db):
    db = open_db(officer_db)
    with acting_as(SETUP):
        records.add_letter(db, title="A letter", date_sent="2024-01-15", author_org="NGO")
    db.close()
    at = open_app(OFFICER, "record_update")
    assert not at.exception
    assert any("no asks yet" in i.value for i in at.info)
    links = add_letter_links(at)
    assert links and set(links) == {"add_letter"}, links
