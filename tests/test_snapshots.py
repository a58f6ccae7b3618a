"""Donor snapshots at the tracker level: as-of content, public entries only, freezing on
publish, what changed since the previous snapshot of the same scope, withdrawal, roles, and the
HTML / PDF / XLSX / CSV exports.

Expectations are worked out by hand from ``data/demo/status_updates.csv`` and
``observations.csv`` (a fresh database numbers the demo's asks and indicators in file order,
from 1), never copied from program output. Chromium prints at most two PDFs here (about 5 s
each): one shared by the public-only and PDF tests, one in the freezing test.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from contextlib import closing

import openpyxl
import plotly.io as pio
import pypdf
import pytest
from dbkit import add_ask
from filekit import xlsx_text
from markupsafe import escape  # as the report template escapes

from tracker import methodology, records, report, snapshots
from tracker.auth import Actor, PermissionDenied, acting_as
from tracker.db import open_db
from tracker.demo import load_demo
from tracker.errors import FormErrors, NotFound, ValidationError
from tracker.history import ask_history
from tracker.standing import current_status
from tracker.vocabulary import load_vocabulary

ADMIN = Actor(email="admin@example.org", role="admin", name="Test Admin", via="test")
DONOR = Actor(email="donor@example.org", role="donor", via="test")

# Demo asks, numbered in data/demo/asks.json order.
FGR, SNA, ASYLUM, MILITARY, TORTURE, DEFENDERS, AYOTZINAPA = range(1, 8)
TITLE = {
    FGR: "Independent National Prosecutor's Office (FGR)",
    SNA: "Implementation of the National Anti-Corruption System (SNA)",
    ASYLUM: "Asylum seekers' rights in US-Mexico immigration cooperation",
    MILITARY: "Accountability for military abuses",
    TORTURE: "Torture and enforced disappearances",
    DEFENDERS: "Protection of human-rights defenders and journalists",
    AYOTZINAPA: "Ayotzinapa investigation",
}

# Outcome status and the date it began, read off status_updates.csv by hand.
AS_OF_2019 = {  # as of 2019-12-31
    FGR: ("partially_achieved", "2019-01-18"),
    SNA: ("partially_achieved", "2019-02-08"),
    ASYLUM: ("reversed", "2019-01-29"),  # the COMAR rows of 2019 are checks, not changes
    MILITARY: ("in_progress", "2019-10-01"),
    TORTURE: ("partially_achieved", "2017-11-17"),
    DEFENDERS: ("no_progress", "2018-07-11"),
    AYOTZINAPA: ("in_progress", "2015-09-06"),  # 2018-12-03 .. 2019-06-26 repeat in_progress
}
AS_OF_2024 = {  # as of 2024-12-31
    FGR: ("stalled", "2021-05-20"),
    SNA: ("reversed", "2024-12-20"),
    ASYLUM: ("partially_achieved", "2022-10-25"),
    MILITARY: ("reversed", "2024-09-30"),
    TORTURE: ("stalled", "2022-05-15"),
    DEFENDERS: ("stalled", "2024-12-31"),
    AYOTZINAPA: ("stalled", "2023-07-25"),
}

INTERNAL_NOTE = "INTERNAL-MARKER-4242: the minister told us privately it is done"
INTERNAL_URL = "https://internal.example.org/briefings/4242"
OWNER = "OWNER-MARKER-7777"
DEMO_OWNER = "Program officer, Mexico"  # every demo ask's owner (data/demo/asks.json)
RECORDER = "RECORDER-MARKER-5555"
MARKERS = ("INTERNAL-MARKER-4242", "internal.example.org", OWNER, DEMO_OWNER, RECORDER)
NARRATIVE = "Donor narrative sentence 2718.\n\nWe planted <b>x</b> & friends here."
NEW_ASK = "Hand-built ask with a secret owner"


def _titles(rows: list[dict]) -> set[str]:
    return {row["title"] for row in rows}


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "".join(page.extract_text() for page in reader.pages)


def _squash(text: str) -> str:
    """Text without whitespace, so a word wrapped across PDF lines still matches."""
    return re.sub(r"\s+", "", text)


def _snapshot_row(db, snapshot_id: int) -> dict:
    return next(db.query("SELECT * FROM snapshots WHERE id = ?", (snapshot_id,)))


def _counts(db) -> tuple[int, int, int]:
    return tuple(
        db.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("snapshots", "snapshot_files", "audit_log")
    )


def _update_id(db, ask_id: int, effective_date: str) -> int:
    return db.conn.execute(
        "SELECT id FROM status_updates WHERE ask_id = ? AND track = 'outcome' "
        "AND effective_date = ?",
        (ask_id, effective_date),
    ).fetchone()[0]


# --- a shared database with internal secrets planted, and its exports -------------------------


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The demo plus: an internal 'achieved' entry on the FGR ask (note and evidence carry
    markers) and a new ask whose owner and public entry's recorder carry markers. Read-only
    for the tests that use it; its exports (and the one PDF) are made once."""
    path = tmp_path_factory.mktemp("planted") / "tracker.db"
    with acting_as(ADMIN):
        db = open_db(path, create=True)
        load_vocabulary(db)
        load_demo(db)
        records.record_status_update(
            db,
            FGR,
            "achieved",
            effective_date="2024-06-01",
            note=INTERNAL_NOTE,
            evidence_url=INTERNAL_URL,
            visibility="internal",
        )
        new_ask = add_ask(
            db, NEW_ASK, owner=OWNER, added_on="2023-01-01", letters=[(1, "We urge you to act.")]
        )
        records.record_status_update(
            db,
            new_ask,
            "in_progress",
            effective_date="2023-02-01",
            note="A public step forward.",
            evidence_url="https://public.example.org/step",
            visibility="public",
            recorded_by=RECORDER,
        )
        content = snapshots.preview(db, "2024-12-31", title="Planted", narrative=NARRATIVE)
    html = report.render_html(content)
    files = {
        "html": report.export(content, "html", html=html),
        "xlsx": report.export(content, "xlsx"),
        **{kind: report.export(content, kind) for kind in report.CSV_TABLES},
        "pdf": report.export(content, "pdf", html=html),
    }
    yield {"db": db, "new_ask": new_ask, "content": content, "html": html, "files": files}
    db.close()


def test_public_only_content_keeps_internal_entries_owners_and_recorders_out(planted):
    db, content, files = planted["db"], planted["content"], planted["files"]
    # The markers are really there for staff, so their absence below means something.
    history = ask_history(db, FGR)
    assert INTERNAL_NOTE in set(history["note"])
    assert INTERNAL_URL in set(history["evidence_url"])
    staff = current_status(db, "2024-12-31").set_index("ask_id")
    assert staff.loc[FGR, "status"] == "achieved"
    assert staff.loc[planted["new_ask"], "owner"] == OWNER
    assert set(staff.loc[list(TITLE), "owner"]) == {DEMO_OWNER}
    assert RECORDER in set(ask_history(db, planted["new_ask"])["recorded_by"])

    # Donors see the latest *public* FGR entry (2021-05-20, stalled) and nothing achieved.
    asks = {a["ask_id"]: a for a in content["asks"]}
    assert asks[FGR]["status"] == "stalled"
    assert asks[FGR]["last_update"] == "2021-05-20"
    assert asks[FGR]["last_note"].startswith("A new FGR Law was published")
    assert asks[planted["new_ask"]]["last_note"] == "A public step forward."
    assert content["kpis"] == {"asks": 8, "achieved": 0, "moving": 2, "stuck": 6}

    texts = {
        "content JSON": json.dumps(content, ensure_ascii=False),
        "HTML": planted["html"],
        "xlsx": xlsx_text(files["xlsx"]),
        **{kind: files[kind].decode("utf-8") for kind in report.CSV_TABLES},
        "PDF": _squash(_pdf_text(files["pdf"])),
    }
    # every table's CSV is scanned: the seven the report holds
    scanned = {where for where in texts if where.endswith(".csv")}
    assert scanned == {f"{name}.csv" for name in report.TABLES} and len(scanned) == 7
    leaks = [(where, m) for where, text in texts.items() for m in MARKERS if m in text]
    assert leaks == []
    # ... while the public note made it into each place that shows notes.
    for where in ("content JSON", "HTML", "xlsx", "asks.csv"):
        assert "A public step forward." in texts[where], where
    assert _squash("A public step forward.") in texts["PDF"]


def _csv(planted, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(planted["files"][f"{name}.csv"].decode("utf-8"))))


def test_xlsx_and_csv_tables_hold_the_public_asks(planted):
    book = openpyxl.load_workbook(io.BytesIO(planted["files"]["xlsx"]))
    assert book.sheetnames == [
        "summary",
        "asks",
        "indicators",
        "changes",
        "status mix",
        "status by theme",
        "progress by theme",
        "indicator values",
    ]
    summary = list(book["summary"].iter_rows(values_only=True))
    assert summary[1][:2] == ("Planted", "2024-12-31")
    sheet_titles = {row[0] for row in book["asks"].iter_rows(min_row=2, values_only=True)}
    rows = _csv(planted, "asks")
    assert {r["Ask"] for r in rows} == sheet_titles == set(TITLE.values()) | {NEW_ASK}
    assert "Owner" not in rows[0] and "Ask #" not in rows[0]
    # Each table's CSV has the same rows as its sheet, under the same headers.
    for name in report.TABLES:
        sheet = list(book[name.replace("-", " ")].iter_rows(values_only=True))
        with_header = list(csv.reader(io.StringIO(planted["files"][f"{name}.csv"].decode())))
        assert with_header[0] == list(sheet[0]) == list(report.HEADERS[name].values()), name
        assert len(with_header) == len(sheet), name


def test_each_table_csv_holds_the_public_figures(planted):
    """Worked out by hand: AS_OF_2024 for the demo's public statuses (the internal FGR entry
    does not count), plus the planted ask, in progress since 2023-02-01 (Rule of law)."""
    mix = {
        (r["Status"], int(r["Asks"]))
        for r in _csv(planted, "status-mix")
        if r["Month"] == "2024-12"
    }
    # stalled: FGR, torture, defenders, Ayotzinapa; reversed: SNA, military
    assert mix == {("Stalled", 4), ("Reversed", 2), ("Partially achieved", 1), ("In progress", 1)}
    by_theme = {(r["Theme"], r["Status"]): int(r["Asks"]) for r in _csv(planted, "status-by-theme")}
    assert by_theme == {
        ("Rule of law", "Stalled"): 1,
        ("Rule of law", "In progress"): 1,
        ("Anti-corruption", "Reversed"): 1,
        ("Migration and asylum", "Partially achieved"): 1,
        ("Military accountability", "Reversed"): 1,
        ("Human rights", "Stalled"): 3,
    }
    # Scores: stalled .2, in_progress .4, partially_achieved .7, reversed 0.
    progress = {
        r["Theme"]: (r["Progress index (0–1)"], int(r["Assessed asks"]), int(r["Asks"]))
        for r in _csv(planted, "progress-by-theme")
    }
    assert progress == {  # to four places: 0.2, not 0.20000000000000004; 0, not 0.0
        "Rule of law": ("0.3", 2, 2),
        "Anti-corruption": ("0", 1, 1),
        "Migration and asylum": ("0.7", 1, 1),
        "Military accountability": ("0", 1, 1),
        "Human rights": ("0.2", 3, 3),
    }
    values = _csv(planted, "indicator-values")
    cpi = [r for r in values if r["Indicator"] == "Corruption Perceptions Index, Mexico"]
    # CPI: 2012, 2014..2024 (no 2013), the last 26 for 2024
    assert [r["Date"][:4] for r in cpi] == ["2012", *map(str, range(2014, 2025))]
    assert (cpi[-1]["Date"], float(cpi[-1]["Value"])) == ("2024-12-31", 26.0)
    assert {r["Indicator"] for r in values} == {i["name"] for i in planted["content"]["indicators"]}
    # The first snapshot of its scope: nothing to compare with, just the headers.
    assert _csv(planted, "changes") == []
    assert planted["files"]["changes.csv"].decode() == "Change,Ask or indicator,From,To\r\n"


def test_each_table_is_for_people_headers_in_words_and_no_codes(planted):
    """A donor's CSV names each status once, in words (the QA's asks.csv had "stalled"
    beside "Stalled"), under headers in words, with no colour or score."""
    for name in report.TABLES:
        header = next(csv.reader(io.StringIO(planted["files"][f"{name}.csv"].decode())))
        assert all(h[:1].isupper() or h[:1] == "%" for h in header), (name, header)
        assert not any("_" in h or h.lower() in ("colour", "score") for h in header), name
    asks = _csv(planted, "asks")
    assert {r["Status"] for r in asks} <= {s["label"] for s in planted["content"]["vocabulary"]}
    assert not {"stalled", "reversed", "in_progress"} & {v for r in asks for v in r.values()}
    directions = {r["Better when"] for r in _csv(planted, "indicators")}
    assert directions == {"Higher is better", "Lower is better"}


def test_whole_numbers_are_written_whole_in_the_tables(planted):
    """QA 2: the indicators CSV said 1296.0 and 78975.0 where the page and report say 1,296
    and 78,975; a whole value is written whole (3.2 stays 3.2), in each CSV and the XLSX."""
    asylum = next(r for r in _csv(planted, "indicators") if r["Indicator"].startswith("COMAR asy"))
    assert (asylum["Baseline"], asylum["Latest value"]) == ("1296", "78975")
    values = _csv(planted, "indicator-values")
    assert not [r["Value"] for r in values if r["Value"].endswith(".0")]
    assert "3.2" in {r["Value"] for r in values}
    book = openpyxl.load_workbook(io.BytesIO(planted["files"]["xlsx"]))
    rows = list(book["indicators"].iter_rows(values_only=True))
    row = next(r for r in rows if str(r[0]).startswith("COMAR asy"))
    baseline, latest = row[rows[0].index("Baseline")], row[rows[0].index("Latest value")]
    assert (baseline, latest) == (1296, 78975)
    assert isinstance(latest, int)


def test_the_summary_sheet_is_headed_in_words(planted):
    """QA 3: the XLSX's summary sheet was headed title, as_of, scope... (every other sheet
    in words): its headers are the words the report uses."""
    book = openpyxl.load_workbook(io.BytesIO(planted["files"]["xlsx"]))
    header, values = list(book["summary"].iter_rows(values_only=True))
    assert header == (
        "Title",
        "As of",
        "Scope",
        "Narrative",
        "Asks tracked",
        "Achieved",
        "In progress or partly achieved",
        "Stalled or reversed",
    )
    assert values[:2] == ("Planted", "2024-12-31")
    kpis = planted["content"]["kpis"]
    assert values[4:] == (kpis["asks"], kpis["achieved"], kpis["moving"], kpis["stuck"])


def test_html_report_is_self_contained_with_plotly_once(planted):
    html = planted["html"]
    # Plotly's bundle starts with this banner; one copy serves every chart.
    assert html.count("* plotly.js v") == 1
    # The demo as of 2024-12-31: status mix, by theme, and six indicators with data... and the
    # seventh (people disappeared, first observed 2020) too: seven indicators, each charted,
    # or said in a sentence when it has a single observation.
    lengths = [len(rows) for rows in planted["content"]["indicator_series"].values()]
    assert len(lengths) == 7 and all(lengths)
    charted = sum(n > 1 for n in lengths)
    assert html.count("Plotly.newPlot(") == 2 + charted
    assert html.count("One observation so far") == 7 - charted
    assert all("src=" not in tag for tag in re.findall(r"<script\b[^>]*>", html))
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)
    external = re.compile(r"""(?:src|href|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//""")
    for tag in re.findall(r"<(?!a\b)[a-zA-Z][^>]*>", markup):
        assert not external.search(tag), f"external reference in {tag[:120]}"
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//|@import", markup)
    # The only web addresses are links to public evidence and indicator sources.
    allowed = {a["last_evidence"] for a in planted["content"]["asks"]} | {
        i["source"] for i in planted["content"]["indicators"]
    }
    links = set(re.findall(r'<a href="([^"]*)"', markup))
    assert links and links <= allowed


def test_html_escapes_the_narrative(planted):
    html = planted["html"]
    assert "<b>x</b>" not in html
    assert "We planted &lt;b&gt;x&lt;/b&gt; &amp; friends here." in html
    assert "<p>Donor narrative sentence 2718.</p>" in html  # paragraphs kept


def test_the_report_style_sheet_is_not_escaped_as_text(planted):
    """A style element is raw text: an escaped quote there is a broken font name, not a quote."""
    style = re.search(r"<style>(.*?)</style>", planted["html"], flags=re.S).group(1)
    assert 'font-family: system-ui, -apple-system, "Segoe UI"' in style
    assert "&#34;" not in style and "&amp;" not in style


def test_pdf_is_a_pdf_with_the_narrative(planted):
    pdf = planted["files"]["pdf"]
    assert pdf.startswith(b"%PDF")
    text = _squash(_pdf_text(pdf))
    assert _squash("Donor narrative sentence 2718.") in text
    assert _squash("We planted <b>x</b> & friends here.") in text


def test_pdf_that_hangs_is_a_plain_error(tmp_path, monkeypatch):
    """A Chromium that never finishes is stopped at the timeout and reported in words."""
    stuck = tmp_path / "stuck-chromium"
    stuck.write_text("#!/bin/sh\nexec sleep 30\n")
    stuck.chmod(0o755)
    monkeypatch.setenv("CHROMIUM", str(stuck))
    with pytest.raises(report.ExportUnavailable, match="did not finish") as caught:
        report.render_pdf("<html><body>x</body></html>", timeout=0.5)
    assert "HTML report" in caught.value.message


def test_pdf_without_chromium_is_a_plain_error(demo_db, monkeypatch):
    row = snapshots.publish(demo_db, "2019-12-31", title="No PDF", narrative="Text.")
    monkeypatch.setattr(report, "chromium_path", lambda: None)
    with pytest.raises(report.ExportUnavailable, match="needs Chromium") as caught:
        report.render_pdf("<html><body>x</body></html>")
    assert "HTML report" in caught.value.message and "Traceback" not in caught.value.message
    with pytest.raises(report.ExportUnavailable):
        snapshots.export_file(demo_db, row["id"], "pdf")
    stored = demo_db.conn.execute(
        "SELECT COUNT(*) FROM snapshot_files WHERE kind = 'pdf'"
    ).fetchone()[0]
    assert stored == 0


# --- as of a date -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "expected", "kpis"),
    [
        # moving = in_progress or partially_achieved; stuck = stalled or reversed
        ("2019-12-31", AS_OF_2019, {"asks": 7, "achieved": 0, "moving": 5, "stuck": 1}),
        ("2024-12-31", AS_OF_2024, {"asks": 7, "achieved": 0, "moving": 1, "stuck": 6}),
    ],
)
def test_content_as_of_a_date_follows_the_history(demo_db, as_of, expected, kpis):
    content = snapshots.preview(demo_db, as_of)
    got = {a["ask_id"]: (a["status"], a["since"]) for a in content["asks"]}
    assert got == expected
    assert content["kpis"] == kpis
    assert content["as_of"] == as_of and content["title"] == f"Progress as of {as_of}"
    assert demo_db.conn.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0] == 0


def test_build_content_scoped_to_a_theme(demo_db):
    content = snapshots.build_content(demo_db, "2019-12-31", scope={"themes": ["Human rights"]})
    assert {a["ask_id"]: a["status"] for a in content["asks"]} == {
        TORTURE: "partially_achieved",
        DEFENDERS: "no_progress",
        AYOTZINAPA: "in_progress",
    }
    assert content["scope_label"] == "themes: Human rights"
    # Indicators linked to those asks: journalists killed (defenders) and people disappeared
    # (torture), the latter not yet observed in 2019.
    latest = {i["name"]: (i["latest_value"], i["latest_date"]) for i in content["indicators"]}
    assert latest == {
        "Journalists killed in Mexico per year (RSF)": (10, "2019-12-31"),
        "People disappeared and not located (RNPDNO)": (None, None),
    }


def test_indicator_series_stop_at_the_as_of_date(demo_db):
    content = snapshots.build_content(demo_db, "2019-12-31")
    cpi = next(i for i in content["indicators"] if i["name"].startswith("Corruption"))
    series = content["indicator_series"][str(cpi["indicator_id"])]
    # CPI observations 2012, 2014..2019 (no 2013): seven values, last 29.
    assert [row["date"][:4] for row in series] == ["2012", *map(str, range(2014, 2020))]
    assert series[-1]["value"] == 29


def test_report_before_any_ask_still_charts_every_indicator(demo_db):
    """Regression: with no asks yet there is no "By theme" chart, and the first indicator's
    chart used to be dropped with it."""
    content = snapshots.preview(demo_db, "2018-01-01")
    assert content["asks"] == [] and content["by_theme"] == []
    html = report.render_html(content)
    # Indicators observed by 2018-01-01: all but people disappeared (first observed 2020).
    indicators_part = html.split("<h2>Indicators</h2>", 1)[1]
    charted = set(re.findall(r"<h3>([^<]*)</h3>", indicators_part))
    assert "COMAR asylum applications per year" in charted
    assert len(charted) == 6
    lengths = [len(rows) for rows in content["indicator_series"].values() if rows]
    assert len(lengths) == 6
    assert html.count("Plotly.newPlot(") == 1 + sum(n > 1 for n in lengths)
    assert html.count("One observation so far") == sum(n == 1 for n in lengths)


# --- freezing ---------------------------------------------------------------------------------


def test_published_snapshot_and_its_files_never_change(demo_db, monkeypatch):
    db = demo_db
    row = snapshots.publish(db, "2024-12-31", title="Frozen", narrative="As it was.")
    sid = row["id"]
    kinds = ("html", "xlsx", *report.CSV_TABLES, "pdf")
    before_row = _snapshot_row(db, sid)
    before_token = snapshots.get_by_token(db, row["token"])
    before_files = {kind: snapshots.export_file(db, sid, kind) for kind in kinds}
    assert before_files["pdf"].startswith(b"%PDF")
    assert before_row["html"] == row["html"] and before_files["html"] == row["html"].encode()

    # The world moves on: a new public update, a correction, a new observation.
    records.record_status_update(
        db, FGR, "achieved", effective_date="2024-11-01", note="Done.", visibility="public"
    )
    records.record_status_update(
        db,
        SNA,
        "stalled",
        effective_date="2024-12-20",
        note="Correction: the reform was not yet in force.",
        visibility="public",
        supersedes_id=_update_id(db, SNA, "2024-12-20"),
    )
    cpi = next(i for i in row_content(before_row)["indicators"] if i["name"].startswith("Corr"))
    records.record_observation(
        db, cpi["indicator_id"], 99, date="2024-06-30", source_url="https://example.org/cpi"
    )
    now = {a["ask_id"]: a["status"] for a in snapshots.build_content(db, "2024-12-31")["asks"]}
    assert (now[FGR], now[SNA]) == ("achieved", "stalled")  # the live view did change

    # Exports are served from storage: nothing is rebuilt (and could not be).
    def refuse(*args, **kwargs):
        raise AssertionError("an export was rebuilt")

    monkeypatch.setattr(report, "export", refuse)
    monkeypatch.setattr(report, "render_pdf", refuse)
    after_row = _snapshot_row(db, sid)
    assert after_row["content"] == before_row["content"]
    assert after_row["html"] == before_row["html"]
    frozen = {a["ask_id"]: a["status"] for a in row_content(after_row)["asks"]}
    assert (frozen[FGR], frozen[SNA]) == ("stalled", "reversed")
    assert snapshots.get_by_token(db, row["token"]) == before_token
    for kind in kinds:
        assert snapshots.export_file(db, sid, kind) == before_files[kind], kind


def row_content(row: dict) -> dict:
    return json.loads(row["content"])


def test_database_refuses_to_edit_or_delete_a_snapshot(demo_db):
    row = snapshots.publish(demo_db, "2019-12-31", title="Fixed", narrative="Text.")
    for sql in (
        "UPDATE snapshots SET content = '{}' WHERE id = ?",
        "UPDATE snapshots SET html = '<p>changed</p>' WHERE id = ?",
        "UPDATE snapshots SET title = 'Other' WHERE id = ?",
    ):
        with pytest.raises(sqlite3.DatabaseError, match="frozen"):
            demo_db.conn.execute(sql, (row["id"],))
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        demo_db.conn.execute("DELETE FROM snapshots WHERE id = ?", (row["id"],))
    kept = _snapshot_row(demo_db, row["id"])
    assert kept["html"] == row["html"] and kept["title"] == "Fixed"


def test_a_file_made_meanwhile_by_another_session_wins(demo_db, db_path, monkeypatch):
    """Regression: two sessions exporting at once used to store the later file over the
    earlier one, so two downloads of the 'same' export could differ."""
    row = snapshots.publish(demo_db, "2019-12-31", title="Race", narrative="Text.")
    real_export = report.export

    def export_while_another_session_stores_first(content, kind, **kwargs):
        data = real_export(content, kind, **kwargs)
        with closing(sqlite3.connect(db_path)) as other, other:
            other.execute(
                "INSERT INTO snapshot_files (snapshot_id, kind, content, created_at) "
                "VALUES (?, ?, ?, 'then')",
                (row["id"], kind, b"made first"),
            )
        return data

    monkeypatch.setattr(report, "export", export_while_another_session_stores_first)
    assert snapshots.export_file(demo_db, row["id"], "asks.csv") == b"made first"
    monkeypatch.setattr(report, "export", real_export)
    assert snapshots.export_file(demo_db, row["id"], "asks.csv") == b"made first"


def test_prepared_files_are_each_made_once_from_one_reading_of_the_content(demo_db):
    """The page's first visit makes every missing spreadsheet and table file in one pass:
    each kind is announced once, kept, and equal to what the content exports to; a second
    pass has nothing to make; a withdrawn snapshot is refused to donors as for one file."""
    row = snapshots.publish(demo_db, "2024-12-31", title="Files", narrative="Text.")
    snapshots.export_file(demo_db, row["id"], "asks.csv")  # one kept already
    kinds = ["xlsx", *report.CSV_TABLES]
    made = list(snapshots.prepare_files(demo_db, row["id"], kinds))
    assert made == [kind for kind in kinds if kind != "asks.csv"]
    assert snapshots.stored_kinds(demo_db, row["id"]) >= set(kinds)
    content = json.loads(row["content"])
    for kind in report.CSV_TABLES:
        assert snapshots.export_file(demo_db, row["id"], kind) == report.export(content, kind)
    assert list(snapshots.prepare_files(demo_db, row["id"], kinds)) == []
    snapshots.withdraw(demo_db, row["id"], "Superseded.")
    with acting_as(DONOR), pytest.raises(snapshots.Withdrawn):
        list(snapshots.prepare_files(demo_db, row["id"], kinds))


def test_xlsx_keeps_text_that_looks_like_a_formula(one_ask):
    """Regression: openpyxl wrote any text starting with "=" as a formula."""
    db, ask = one_ask
    note = '=HYPERLINK("https://evil.example.org","click") is what the ministry posted'
    records.record_status_update(
        db, ask, "in_progress", effective_date="2024-03-01", note=note, visibility="public"
    )
    content = snapshots.build_content(db, "2024-06-30", narrative="=1+1 as a narrative")
    book = openpyxl.load_workbook(io.BytesIO(report.export(content, "xlsx")))
    header = [c.value for c in book["asks"][1]]
    cell = book["asks"].cell(row=2, column=header.index("Latest public note") + 1)
    assert (cell.value, cell.data_type) == (note, "s")
    narrative = book["summary"].cell(row=2, column=4)
    assert (narrative.value, narrative.data_type) == ("=1+1 as a narrative", "s")


def test_a_scoped_snapshot_of_a_tracker_with_no_indicators_is_made(one_ask):
    """Regression: with a theme or letter scope and no indicator in the tracker, the scope's
    indicator selection picked no column, and the snapshot failed with a KeyError."""
    db, ask = one_ask
    records.record_status_update(
        db, ask, "in_progress", effective_date="2024-03-01", note="Moving.", visibility="public"
    )
    theme = db.execute("SELECT theme FROM asks WHERE id = ?", [ask]).fetchone()[0]
    content = snapshots.build_content(db, "2024-06-30", scope={"themes": [theme]})
    assert [a["ask_id"] for a in content["asks"]] == [ask]
    assert content["indicators"] == []


# --- what changed since the previous snapshot --------------------------------------------------


def test_changes_since_the_previous_snapshot_of_the_same_scope(demo_db):
    db = demo_db
    # Two hand-built asks: one made in 2021 (new since 2019), one dropped in 2023.
    new = add_ask(db, "New in 2021", added_on="2021-03-01")
    records.record_status_update(
        db, new, "in_progress", effective_date="2021-04-01", note="Started.", visibility="public"
    )
    dropped = add_ask(db, "Dropped in 2023", added_on="2019-01-01")
    for status, date in (("in_progress", "2019-03-01"), ("dropped", "2023-01-01")):
        records.record_status_update(
            db, dropped, status, effective_date=date, note=status, visibility="public"
        )

    first = snapshots.publish(db, "2019-12-31", title="Year one", narrative="One.")
    themed = snapshots.publish(
        db, "2022-06-30", scope={"themes": ["Human rights"]}, title="HR", narrative="HR."
    )
    later = snapshots.publish(db, "2024-12-31", title="Year six", narrative="Six.")
    themed_later = snapshots.publish(
        db, "2024-12-31", scope={"themes": ["Human rights"]}, title="HR later", narrative="HR."
    )

    changes = json.loads(later["content"])["changes"]
    # The themed snapshot (2022, a different scope) is not "previous" for the all-asks one.
    assert changes["previous"] == {"title": "Year one", "as_of": "2019-12-31"}
    assert later["previous_id"] == first["id"]
    # Scores (statuses.json): no_progress/reversed 0, stalled .2, in_progress .4, partial .7.
    assert _titles(changes["up"]) == {TITLE[ASYLUM], TITLE[DEFENDERS]}  # 0->.7, 0->.2
    assert _titles(changes["down"]) == {
        TITLE[FGR],  # .7 -> .2
        TITLE[SNA],  # .7 -> 0 (reversed)
        TITLE[MILITARY],  # .4 -> 0 (reversed)
        TITLE[TORTURE],  # .7 -> .2
        TITLE[AYOTZINAPA],  # .4 -> .2
    }
    asylum = next(r for r in changes["up"] if r["title"] == TITLE[ASYLUM])
    assert (asylum["from"], asylum["to"]) == ("Reversed", "Partially achieved")
    # Dropped has no score: a change, neither up nor down.
    assert changes["changed"] == [
        {"title": "Dropped in 2023", "from": "In progress", "to": "Dropped"}
    ]
    assert changes["new"] == [{"title": "New in 2021", "to": "In progress"}]
    moved = {i["name"]: (i["from"], i["to"], i["to_date"]) for i in changes["indicators"]}
    assert moved == {
        "COMAR asylum applications per year": (70426, 78975, "2024-12-31"),
        "COMAR recognition rate": (85, 74, "2024-12-31"),
        "Corruption Perceptions Index, Mexico": (29, 26, "2024-12-31"),
        "Journalists killed in Mexico per year (RSF)": (10, 5, "2024-12-31"),
        "People disappeared and not located (RNPDNO)": (None, 113072, "2023-12-06"),
    }  # conviction and impunity rates: single 2016 values, unchanged
    assert "Since “Year one” (as of 2019-12-31)" in later["html"]

    csv_rows = list(
        csv.DictReader(
            io.StringIO(report.export(json.loads(later["content"]), "changes.csv").decode())
        )
    )
    assert [r["Change"] for r in csv_rows].count("Moved back") == 5
    assert {r["Change"] for r in csv_rows} == set(report.CHANGE_KINDS.values())
    assert [r["Change"] for r in csv_rows].count("Indicator") == 5  # the five series above

    # The first snapshot of a scope has nothing to compare with.
    assert json.loads(first["content"])["changes"]["previous"] is None
    assert json.loads(themed["content"])["changes"]["previous"] is None
    assert "This is the first snapshot of this scope." in themed["html"]
    # Human rights, 2022-06-30 -> 2024-12-31: torture stalled both times; defenders
    # no_progress -> stalled; Ayotzinapa in_progress (2021-06-15) -> stalled (2023-07-25).
    hr = json.loads(themed_later["content"])["changes"]
    assert hr["previous"] == {"title": "HR", "as_of": "2022-06-30"}
    assert (_titles(hr["up"]), _titles(hr["down"])) == ({TITLE[DEFENDERS]}, {TITLE[AYOTZINAPA]})
    assert hr["new"] == hr["changed"] == []
    assert {i["name"]: (i["from"], i["to"]) for i in hr["indicators"]} == {
        "Journalists killed in Mexico per year (RSF)": (7, 5),
        "People disappeared and not located (RNPDNO)": (100256, 113072),
    }


# --- withdrawal -------------------------------------------------------------------------------


def test_withdraw_a_snapshot(demo_db):
    row = snapshots.publish(demo_db, "2019-12-31", title="Early view", narrative="Text.")
    assert snapshots.get_by_token(demo_db, row["token"])["title"] == "Early view"
    audit_before = _counts(demo_db)[2]
    for reason in ("", "   "):
        with pytest.raises(ValidationError, match="say why"):
            snapshots.withdraw(demo_db, row["id"], reason)
    assert _snapshot_row(demo_db, row["id"])["status"] == "published"
    assert _counts(demo_db)[2] == audit_before

    snapshots.withdraw(demo_db, row["id"], "  Figures were revised.  ")
    stored = _snapshot_row(demo_db, row["id"])
    assert (stored["status"], stored["withdrawn_reason"]) == ("withdrawn", "Figures were revised.")
    assert stored["withdrawn_by"] == ADMIN.email
    with pytest.raises(snapshots.Withdrawn, match="withdrawn") as caught:
        snapshots.get_by_token(demo_db, row["token"])
    assert "Early view" in caught.value.message
    assert "Figures were revised." in caught.value.message
    with pytest.raises(NotFound):
        snapshots.get_by_token(demo_db, row["token"] + "x")
    with pytest.raises(NotFound):
        snapshots.get_by_token(demo_db, "")
    with pytest.raises(ValidationError, match="already withdrawn"):
        snapshots.withdraw(demo_db, row["id"], "Again.")
    assert _snapshot_row(demo_db, row["id"])["withdrawn_reason"] == "Figures were revised."
    with pytest.raises(NotFound):
        snapshots.withdraw(demo_db, 999, "No such snapshot.")
    # Withdrawn is not deleted: the content is still there, unchanged.
    assert stored["content"] == row["content"]


# --- roles ------------------------------------------------------------------------------------


def test_donor_may_not_preview_publish_or_withdraw(demo_db):
    published = snapshots.publish(demo_db, "2019-12-31", title="Shown", narrative="Text.")
    gone = snapshots.publish(demo_db, "2020-12-31", title="Gone", narrative="Text.")
    snapshots.withdraw(demo_db, gone["id"], "Superseded.")
    before = _counts(demo_db)
    with acting_as(DONOR):
        with pytest.raises(PermissionDenied):
            snapshots.preview(demo_db, "2024-12-31")
        with pytest.raises(PermissionDenied):
            snapshots.publish(demo_db, "2024-12-31", title="Mine", narrative="Text.")
        with pytest.raises(PermissionDenied):
            snapshots.withdraw(demo_db, published["id"], "I do not like it.")
        listed = snapshots.list_snapshots(demo_db)
    assert _counts(demo_db) == before
    assert _snapshot_row(demo_db, published["id"])["status"] == "published"
    assert list(listed["title"]) == ["Shown"]
    assert "published_by" not in listed.columns and "withdrawn_by" not in listed.columns
    staff = snapshots.list_snapshots(demo_db)
    assert set(staff["title"]) == {"Shown", "Gone"} and "published_by" in staff.columns


def test_snapshots_are_listed_from_an_index_never_their_frozen_rows(demo_db):
    """Listing (staff and donors) reads the listing index only: each row's frozen content
    and HTML (megabytes) lie before its status and dates, and reading them is what cost."""
    snapshots.publish(demo_db, "2019-12-31", title="Shown", narrative="Text.")
    statements: list[str] = []
    demo_db.conn.set_trace_callback(statements.append)
    try:
        staff = snapshots.list_snapshots(demo_db)
        with acting_as(DONOR):
            donors = snapshots.list_snapshots(demo_db)
    finally:
        demo_db.conn.set_trace_callback(None)
    assert list(staff["title"]) == list(donors["title"]) == ["Shown"]
    listing = [sql for sql in statements if "FROM snapshots" in sql]
    assert len(listing) == 2
    for sql in listing:
        plan = demo_db.conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
        assert [row[-1] for row in plan] == [
            "SCAN snapshots USING COVERING INDEX idx_snapshots_listing"
        ], sql


def test_report_charts_are_found_by_what_they_show_not_their_place(demo_db):
    """With no public ask there is no by-theme chart, and every indicator still gets its chart
    in the Indicators section (even one named like a headline chart)."""
    content = snapshots.preview(demo_db, "2024-12-31", title="T", narrative="N")
    content["by_theme"] = []
    content["indicators"][0]["name"] = "By theme"
    series = content["indicator_series"]
    charted = [  # two observations or more: a single one is said, not charted
        i for i in content["indicators"] if len(series.get(str(i["indicator_id"])) or []) > 1
    ]
    mix, by_theme = report.headline_figures(content, report.PRINT_LAYOUT)
    assert by_theme is None and mix.layout.width is None and mix.layout.autosize  # responsive
    shown = report.indicator_figures(content, report.PRINT_LAYOUT)
    assert [ind["name"] for ind, _ in shown] == [i["name"] for i in charted]
    one = report.indicator_figures(content, {}, ids=[charted[-1]["indicator_id"]])
    assert [ind["name"] for ind, _ in one] == [charted[-1]["name"]]
    html = report.render_html(content)
    assert html.count('<div class="chart">') == 1 + len(charted)
    indicators_part = html.split("<h2>Indicators</h2>", 1)[1]
    assert indicators_part.count('<div class="chart">') == len(charted)


# --- the methodology, frozen with the rest ---------------------------------------------------


def test_snapshot_keeps_the_methodology_it_was_published_with(demo_db, monkeypatch):
    row = snapshots.publish(demo_db, "2019-12-31", title="Method", narrative="Text.")
    published = json.loads(row["content"])
    assert published["methodology"]["tracks"] == methodology.TRACKS
    assert escape(methodology.PROGRESS_INDEX) in row["html"]
    for name in ("TRACKS", "PROGRESS_INDEX", "INDICATOR_STATUS", "SOURCES"):
        monkeypatch.setattr(methodology, name, f"Rewritten {name} 6060.")
    stored = _snapshot_row(demo_db, row["id"])
    # Rendered again from the stored content, the report keeps the text it was published with.
    # (Plotly names each chart's div at random: compare the methodology section.)
    again = report.render_html(json.loads(stored["content"]))
    section = again.split("<h2>Methodology</h2>", 1)[1]
    assert section == row["html"].split("<h2>Methodology</h2>", 1)[1]
    assert escape(published["methodology"]["sources"]) in section
    assert "Rewritten" not in again and stored["html"] == row["html"]
    # A new snapshot takes the text of its day...
    fresh = snapshots.preview(demo_db, "2019-12-31")
    assert fresh["methodology"]["tracks"] == "Rewritten TRACKS 6060."
    assert "Rewritten SOURCES 6060." in report.render_html(fresh)
    # ... and a snapshot stored before the methodology was kept (version 1) falls back to it.
    old = {k: v for k, v in published.items() if k != "methodology"} | {"version": 1}
    assert methodology.of_snapshot(old)["sources"] == "Rewritten SOURCES 6060."
    assert "Rewritten INDICATOR_STATUS 6060." in report.render_html(old)


def test_report_charts_keep_plotlys_template_after_the_app_drew_a_chart(demo_db, monkeypatch):
    """Regression: Streamlit makes its own template the process's default once the app draws
    a chart, and its axes do not fit their tick labels, so a report published from the app
    had clipped indicator labels. The report names its template."""
    monkeypatch.setattr(
        pio.templates, "default", "streamlit" if "streamlit" in pio.templates else "none"
    )
    content = snapshots.preview(demo_db, "2025-12-31")
    mix, by_theme = report.headline_figures(content, report.PRINT_LAYOUT)
    charts = [
        mix,
        by_theme,
        *(f for _, f in report.indicator_figures(content, report.PRINT_LAYOUT)),
    ]
    assert len(charts) >= 3
    for fig in charts:
        assert report.print_spec(fig)["layout"]["template"]["layout"]["yaxis"]["automargin"]


# --- the link people send ------------------------------------------------------------------------

TOKEN = "Ab3-_x9"
SETTING_SAYS = "https://progress.example.org/"


@pytest.mark.parametrize(
    ("setting", "browser", "link"),
    [
        (None, None, f"http://localhost:8501/snapshots?snapshot={TOKEN}"),  # make run's
        (
            None,
            "https://ngo.example.org/tracker",
            f"https://ngo.example.org/tracker/snapshots?snapshot={TOKEN}",
        ),
        (
            SETTING_SAYS,
            "http://10.0.0.5:8501",
            f"https://progress.example.org/snapshots?snapshot={TOKEN}",
        ),
        (
            "  https://progress.example.org/a/b//  ",
            None,
            f"https://progress.example.org/a/b/snapshots?snapshot={TOKEN}",
        ),
        ("http://localhost:8600", None, f"http://localhost:8600/snapshots?snapshot={TOKEN}"),
        ("", "http://127.0.0.1:8501/", f"http://127.0.0.1:8501/snapshots?snapshot={TOKEN}"),
    ],
    ids=["default", "browser", "setting-wins", "prefix-slashes", "port", "empty-setting"],
)
def test_snapshot_link_is_whole_at_the_public_address(monkeypatch, setting, browser, link):
    """TRACKER_PUBLIC_URL when set (the address donors reach, which may not be the sender's),
    else the address the sender's browser shows, else the one `make run` serves."""
    if setting is not None:
        monkeypatch.setenv("TRACKER_PUBLIC_URL", setting)
    assert snapshots.snapshot_link(TOKEN, snapshots.public_url(browser)) == link


@pytest.mark.parametrize("setting", ["progress.example.org", "ftp://example.org/", "https://"])
def test_a_public_address_that_is_no_web_address_is_refused(monkeypatch, setting):
    monkeypatch.setenv("TRACKER_PUBLIC_URL", setting)
    with pytest.raises(ValidationError, match=f"TRACKER_PUBLIC_URL '{re.escape(setting)}'"):
        snapshots.public_url()


def test_report_names_the_by_theme_chart_for_what_it_counts(demo_db):
    """QA (donor view): "Progress by theme" headed a chart of asks per theme by status. The
    chart is headed "By theme" (the dashboard's words) and says it counts asks by status; the
    progress index has a heading of its own, over its table."""
    html = report.render_html(snapshots.preview(demo_db, "2025-12-31", narrative="N"))
    assert "Progress by theme" not in html
    by_theme = html.split("<h2>By theme</h2>", 1)[1].split("<h2>", 1)[0]
    counted, index = by_theme.split("<h3>Progress index by theme</h3>", 1)
    assert "Asks in each theme by status" in counted and '<div class="chart">' in counted
    assert '<div class="chart">' not in index and "Progress index (0–1)" in index
    assert escape(methodology.PROGRESS_INDEX_LINE) in index


def test_publishing_reports_every_problem_at_once_each_under_its_field(demo_db):
    """QA (donor view): the snapshot form showed one error at a time. A bad as-of date and a
    missing narrative are both reported, each keyed by its field, and nothing is stored."""
    with pytest.raises(FormErrors) as raised:
        snapshots.publish(demo_db, "2999-01-01", title="T", narrative="  ")
    assert set(raised.value.errors) == {"as_of", "narrative"}
    assert "as-of date 2999-01-01 is in the future" in raised.value.errors["as_of"]
    assert "narrative" in raised.value.errors["narrative"]
    assert demo_db["snapshots"].count == 0
    with pytest.raises(FormErrors) as raised:
        snapshots.check_form(demo_db, "30/06/2015", "Text.")
    assert set(raised.value.errors) == {"as_of"}
    assert snapshots.check_form(demo_db, "2015-06-30", "Text.") == "2015-06-30"


def test_an_indicator_with_one_observation_shows_its_value_not_a_chart(demo_db):
    """QA (donor view): one observation drew a line chart of a single point. The report says
    the value, its date and its source instead; indicators with two or more keep their chart."""
    content = snapshots.preview(demo_db, "2025-12-31", narrative="N")
    series = content["indicator_series"]
    ind = next(i for i in content["indicators"] if len(series.get(str(i["indicator_id"]), [])) > 1)
    only = series[str(ind["indicator_id"])][-1] | {"value": 4321.5, "date": "2024-05-06"}
    series[str(ind["indicator_id"])] = [only]
    assert only["source_url"]
    many = [i for i in content["indicators"] if len(series.get(str(i["indicator_id"]), [])) > 1]
    charted = report.indicator_figures(content, report.PRINT_LAYOUT)
    assert [i["name"] for i, _ in charted] == [i["name"] for i in many]
    assert report.single_observation(content, ind["indicator_id"]) == only
    html = report.render_html(content)
    section = html.split(f"<h3>{escape(ind['name'])}</h3>", 1)[1].split("<h", 1)[0]
    assert '<div class="chart">' not in section
    assert "4,321.5" in section and "2024-05-06" in section
    assert f'<a href="{escape(only["source_url"])}">' in section
    assert "one observation" in section.lower()
