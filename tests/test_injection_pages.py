"""Hostile text renders inertly on every page that shows user text (AppTest).

One database has HTML, markdown and a ``javascript:`` link planted in every kind of user text:
letter title, author, co-signers, recipient, summary and full text; ask title, target, owner,
wording and passage; status notes (internal and public); indicator name, unit, description and
observation notes; a snapshot's title and narrative. Each page is run, and every element that
Streamlit renders as markdown (titles, markdown, captions, alerts, metric, expander, tab and
widget labels, toasts) must carry the markup escaped, as ``test_access``'s
``test_hostile_text_renders_inertly`` checks it: no unescaped ``<script``/``<img``, no
``javascript:`` link target, no live ``**bold**``; and the text must still appear as typed
(un-escaping the element gives it back), or as raw text in a table, which shows it as text.
"""

from __future__ import annotations

import re

import pytest
from appkit import MARKDOWN, run_as
from dbkit import EMAIL
from streamlit.testing.v1 import AppTest

from tracker import records, snapshots, users
from tracker.auth import Actor, acting_as
from tracker.dates import today
from tracker.db import open_db
from tracker.vocabulary import load_vocabulary
from webapp.common import plain

ROLES = ("admin", "officer", "leadership", "donor")
ADMIN = Actor(email=EMAIL["admin"], role="admin", via="test")
PAYLOAD = "<script>alert(1)</script> **bold** [x](javascript:alert(1)) <img src=x onerror=alert(2)>"


def hostile(label: str) -> str:
    return f"{label} {PAYLOAD}"


OWNER = hostile("Owner")  # all of this owner's asks were checked today
LATE_OWNER = hostile("Late owner")  # this owner's ask is due for review


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    """Every kind of user text carries the payload; built once, the pages only read it."""
    path = tmp_path_factory.mktemp("injection") / "hostile.db"
    on = today().isoformat()
    with acting_as(ADMIN):
        db = open_db(path, create=True)
        load_vocabulary(db)
        for role in ROLES:
            # the name shows in the sidebar ("Signed in as ...") on every page
            users.add_user(db, EMAIL[role], role, name=hostile(role.capitalize()))
        letter = records.add_letter(
            db,
            title=hostile("Letter"),
            date_sent="2024-01-05",
            author_org=hostile("NGO"),
            cosigners=[hostile("Cosigner")],
            recipient_person=hostile("Minister"),
            summary=hostile("Summary"),
            full_text="Dear Minister,\n" + hostile("Full text"),
        )
        ask = records.add_ask(
            db,
            title=hostile("Ask"),
            target=hostile("Target"),
            theme="Rule of law",
            country="Mexico",
            owner=OWNER,
            wording=hostile("Wording"),
            added_on="2024-01-05",
            letters=[(letter, hostile("Passage"))],
        )
        late_ask = records.add_ask(
            db,
            title=hostile("Stale ask"),
            target="Congress",
            theme="Rule of law",
            country="Mexico",
            owner=LATE_OWNER,
            added_on="2024-01-05",
            letters=[(letter, "")],
        )
        records.record_status_update(
            db,
            ask,
            "no_progress",
            effective_date="2024-01-10",
            note=hostile("Public note"),
            visibility="public",
        )
        records.record_status_update(
            db,
            ask,
            "in_progress",
            effective_date=on,
            note=hostile("Internal note"),
            visibility="internal",
        )
        records.record_status_update(
            db,
            late_ask,
            "no_progress",
            effective_date="2024-01-10",
            note=hostile("Old note"),
            visibility="public",
        )
        indicator = records.add_indicator(
            db,
            name=hostile("Indicator"),
            direction="higher",
            unit=hostile("Unit"),
            description=hostile("Description"),
            baseline_value=10,
            baseline_date="2023-12-31",
            target_value=50,
            target_date="2030-12-31",
            ask_ids=[ask],
        )
        records.record_observation(db, indicator, 20, date="2024-06-30", note=hostile("Obs"))
        records.record_observation(db, indicator, 25, date="2024-12-31", note=hostile("Obs 2"))
        snapshot = snapshots.publish(
            db, on, title=hostile("Snapshot"), narrative=hostile("Narrative")
        )
        db.close()
    return {
        "path": path,
        "ask": ask,
        "letter": letter,
        "indicator": indicator,
        "token": snapshot["token"],
    }


def markdown_texts(at: AppTest) -> list[str]:
    """Every string on the page (sidebar included) that Streamlit renders as markdown."""
    texts: list[str] = []
    for kind in MARKDOWN:
        texts.extend(str(element.value) for element in getattr(at, kind))
    texts.extend(str(m.label) for m in at.metric)
    texts.extend(str(e.label) for e in at.expander)
    texts.extend(str(t.label) for t in at.tabs)
    for kind in ("button", "checkbox", "toggle", "radio", "selectbox", "multiselect"):
        texts.extend(str(w.label) for w in at.get(kind))
    for radio in at.radio:
        texts.extend(str(option) for option in radio.options)
    return texts


def table_texts(at: AppTest) -> str:
    """Tables show their cells as text (no markdown): the payload may appear there as typed."""
    return "\n".join(frame.value.to_csv(index=False) for frame in at.dataframe)


def unescape(text: str) -> str:
    r"""What a reader sees once markdown has removed the escaping backslashes (``\<`` -> ``<``)."""
    return re.sub(r"\\(.)", r"\1", text.replace("  \n", "\n"))


def assert_inert(text: str) -> None:
    assert not re.search(r"(?<!\\)<(script|img)", text), f"live HTML in {text!r}"
    assert "javascript:" not in text, f"a javascript: link target in {text!r}"
    # the app's own links point inside the app (``](/asks?ask=3)``); planted ones never work
    assert not re.search(r"(?<!\\)\]\((?!/)", text), f"a live markdown link in {text!r}"
    assert "**bold**" not in text, f"live markdown emphasis in {text!r}"


# page run -> the labels whose hostile text must be shown, escaped, in markdown elements, and
# those that must appear as typed in a table
CASES = {
    "snapshot-link": (
        dict(role="donor", token=True),
        ["Snapshot", "Narrative"],
        [],
    ),
    "snapshots": (dict(role="admin", page="snapshots"), [], ["Snapshot"]),
    "review-queue-caught-up": (
        dict(role="officer", page="review_queue", owner=OWNER),
        ["Owner"],
        [],
    ),
    "review-queue-due": (
        dict(role="officer", page="review_queue", owner=LATE_OWNER),
        ["Stale ask"],
        ["Stale ask"],
    ),
    "record-update": (
        dict(role="officer", page="record_update", ask="ask"),
        ["Internal note"],
        [],
    ),
    "indicators": (
        dict(role="leadership", page="indicators", indicator="indicator"),
        ["Indicator", "Description"],
        ["Obs 2", "Indicator"],
    ),
    "audit": (dict(role="leadership", page="audit"), [], ["Snapshot"]),
    "letter-page": (
        dict(role="leadership", page="letters", letter="letter"),
        ["Letter", "NGO", "Cosigner", "Minister", "Summary", "Full text", "Ask"],
        [],
    ),
    "letters": (dict(role="leadership", page="letters"), [], ["Letter", "NGO"]),
    "asks": (dict(role="leadership", page="asks"), [], ["Ask", "Owner", "Target"]),
    "ask-page": (
        dict(role="leadership", page="asks", ask="ask"),
        ["Ask", "Target", "Owner", "Wording", "Letter", "NGO", "Passage"],
        ["Internal note", "Indicator"],
    ),
    "dashboard": (
        dict(role="leadership", page="dashboard"),
        ["Ask", "Internal note", "Indicator", "Unit"],
        ["Stale ask"],
    ),
    "public-dashboard": (
        dict(role="donor", page="public_dashboard"),
        ["Indicator"],
        ["Ask", "Public note"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_text_renders_inertly_on_every_page(hostile_db, monkeypatch, case):
    monkeypatch.setenv("TRACKER_DB", str(hostile_db["path"]))
    spec, in_markdown, in_tables = CASES[case]
    spec = dict(spec)
    role, page = spec.pop("role"), spec.pop("page", None)
    params = {}
    if spec.pop("token", False):
        params["snapshot"] = hostile_db["token"]
    for key, value in spec.items():  # "ask" -> the planted ask's id, etc.; else a literal
        params[key] = str(hostile_db[value]) if value in hostile_db else value
    at = run_as(role, page, **params)
    assert not at.exception, [e.value for e in at.exception]
    assert not any("do not have access" in str(e.value) for e in at.error)

    texts = markdown_texts(at)
    for text in texts:
        assert_inert(text)
    shown = "\n".join(unescape(t) for t in texts)
    for label in in_markdown:
        assert hostile(label) in shown, f"{label!r}'s text is not shown as typed on {case}"
    tables = table_texts(at)
    for label in in_tables:
        assert hostile(label) in tables, f"{label!r}'s text is not in a table on {case}"


def test_the_payload_would_be_caught_if_it_were_not_escaped():
    """The checks above can fail: the raw payload trips every one of them."""
    for probe in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "[x](javascript:alert(1))",
        "[x](https://example.org)",
        "**bold**",
    ):
        with pytest.raises(AssertionError):
            assert_inert(f"Ask {probe}")
    assert_inert(plain(PAYLOAD))
    assert unescape(plain(PAYLOAD)) == PAYLOAD
