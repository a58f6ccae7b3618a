"""Moving in and moving out: the whole-tracker export, the spreadsheet import (mapping, dry
run, all-or-nothing load, re-import adds nothing), the template, and bad files refused with
the database left byte-identical."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import openpyxl
import pandas as pd
import pytest
from appkit import open_app
from clikit import assert_rejected, count, file_bytes, ok, query, run
from filekit import saved
from pypdf import PdfWriter
from test_import_owner_browser import SHEET

from tracker import changes, dashboard, export, importer, records, search, standing, users
from tracker.auth import Actor, PermissionDenied, acting_as
from tracker.db import open_db
from tracker.demo import load_demo
from tracker.importer import guess_field
from tracker.indicators import list_indicators
from tracker.spreadsheet import (
    MAX_FILE_BYTES,
    MAX_SHEET_ROWS,
    read_date,
    read_file,
)
from tracker.vocabulary import load_vocabulary

DATES = ("2018-07-11", "2019-01-31", "2020-06-30", "2022-03-15", "2025-06-30")
OFFICER = Actor(email="olga@example.org", role="officer", via="test")


def _fresh(path):
    db = open_db(path, create=True)
    load_vocabulary(db)
    return db


def _views(db) -> dict[str, object]:
    """Every as-of view a person reads, on each of the five dates, as plain data."""
    views: dict[str, object] = {}
    for day in DATES:
        for public in (False, True):
            tag = f"{day}{' public' if public else ''}"
            views[f"asks {tag}"] = standing.list_asks(db, day, public_only=public)
            kpis, change = dashboard.kpis_with_change(db, day, public_only=public)
            views[f"kpis {tag}"] = (kpis, change)
            mix, progress, by_theme = dashboard.progress_over_time(db, day, public_only=public)
            views[f"mix {tag}"] = mix
            views[f"progress {tag}"] = progress
            views[f"progress by theme {tag}"] = by_theme
            views[f"counts {tag}"] = standing.status_counts(db, day, public_only=public)
        views[f"indicators {day}"] = list_indicators(db, day)
        views[f"changes {day}"] = changes.asks_moved_between(db, "2014-01-01", day)
    return views


def _assert_same_views(source, copy) -> None:
    before, after = _views(source), _views(copy)
    assert before.keys() == after.keys()
    for name, value in before.items():
        if isinstance(value, pd.DataFrame):
            assert not value.empty or name.startswith("changes"), name
            pd.testing.assert_frame_equal(value, after[name], obj=name)
        else:
            assert value == after[name], name


@pytest.mark.parametrize("suffix", ["xlsx", "zip"])
def test_round_trip_of_the_demo_gives_identical_views_on_five_dates(demo_db, tmp_path, suffix):
    out = tmp_path / f"tracker.{suffix}"
    counts = export.export_tracker(demo_db, out)
    assert counts["asks"] == 7 and counts["status_updates"] > 40
    copy = _fresh(tmp_path / "copy.db")
    version = "SELECT version FROM data_version"
    before = copy.conn.execute(version).fetchone()[0]
    plan = importer.import_file(copy, out.read_bytes(), out.name)
    assert plan.ok and plan.adds["asks"] == 7
    assert copy.conn.execute(version).fetchone()[0] > before  # read caches see the import
    assert plan.adds["status_updates"] == counts["status_updates"]
    _assert_same_views(demo_db, copy)
    for table in ("letters", "asks", "letter_asks", "status_updates", "indicators", "observations"):
        columns = "*" if table != "letters" else "id, title, date_sent, cosigners, full_text"
        assert query(tmp_path / "copy.db", f"SELECT {columns} FROM {table} ORDER BY 1, 2") == (
            [dict(r) for r in _rows(demo_db, f"SELECT {columns} FROM {table} ORDER BY 1, 2")]
        ), table
    # the derived tables agree with a rebuild from scratch
    for table in ("evidence_websites",):
        assert _rows(copy, f"SELECT * FROM {table} ORDER BY 1, 2, 3") == _rows(
            demo_db, f"SELECT * FROM {table} ORDER BY 1, 2, 3"
        )
    # every note is found by full-text search (the bulk load indexes them in one statement)
    for table, text in (("status_updates_fts", "note"), ("asks_fts", "title")):
        indexed = f"SELECT rowid, {text} FROM {table} ORDER BY rowid"
        assert _rows(copy, indexed) == _rows(demo_db, indexed) and _rows(copy, indexed), table
    word = demo_db.conn.execute("SELECT note FROM status_updates LIMIT 1").fetchone()[0].split()[1]
    assert search.search(copy, word).equals(search.search(demo_db, word))
    triggers = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    assert _rows(copy, triggers) == _rows(demo_db, triggers)


def _rows(db, sql: str) -> list[dict]:
    return list(db.query(sql))


def test_importing_the_same_file_twice_adds_nothing(demo_db, tmp_path, db_path):
    out = tmp_path / "tracker.xlsx"
    export.export_tracker(demo_db, out)
    copy = _fresh(tmp_path / "copy.db")
    importer.import_file(copy, out.read_bytes(), out.name)
    copy.close()
    before = file_bytes(tmp_path / "copy.db")
    copy = open_db(tmp_path / "copy.db")
    again = importer.import_file(copy, out.read_bytes(), out.name)
    copy.close()
    assert again.nothing_to_add and again.matched["status_updates"] > 40
    assert file_bytes(tmp_path / "copy.db") == before
    # and the export of a tracker, imported back into that same tracker, adds nothing either
    own = importer.import_file(demo_db, out.read_bytes(), out.name, dry_run=True)
    assert own.ok and own.nothing_to_add


def test_export_workbook_has_labelled_headers_dates_as_dates_and_no_password_hashes(
    demo_db, tmp_path
):
    users.add_user(demo_db, "ana@example.org", "officer", name="Ana", password="long passphrase 1")
    out = tmp_path / "all.xlsx"
    export.export_tracker(demo_db, out, audit_log=True)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "letters", "asks", "letter_asks", "status_updates", "indicators", "indicator_asks",
        "observations", "users", "audit_log", "about",
    ]  # fmt: skip
    updates = book["status_updates"]
    header = [c.value for c in updates[1]]
    assert header[:5] == ["ID", "Ask ID", "Track", "Status", "Effective date"]
    assert isinstance(updates["E2"].value, dt.datetime) and updates["E2"].number_format.startswith(
        "yyyy-mm-dd"
    )
    assert updates["D2"].value in {label for (label,) in demo_db.conn.execute(
        "SELECT label FROM statuses")}  # fmt: skip
    users_sheet = [[c.value for c in row] for row in book["users"].iter_rows()]
    assert users_sheet[0] == ["Email", "Name", "Role", "Created at", "Last sign-in"]
    assert users_sheet[1][:3] == ["ana@example.org", "Ana", "officer"]
    text = out.read_bytes()
    hashed = demo_db.conn.execute("SELECT password_hash FROM users").fetchone()[0]
    assert hashed and hashed.encode() not in text
    assert b"scrypt" not in text


def test_exported_text_that_looks_like_a_formula_stays_text(one_ask, tmp_path):
    db, ask = one_ask
    records.record_status_update(
        db, ask, "in_progress", effective_date="2024-02-01", note='=HYPERLINK("http://x","y")'
    )
    out = tmp_path / "t.xlsx"
    export.export_tracker(db, out)
    book = openpyxl.load_workbook(out)
    cell = book["status_updates"]["G2"]
    assert cell.value == '=HYPERLINK("http://x","y")' and cell.data_type == "s"
    files, _ = export.csv_files(db)
    assert b"'=HYPERLINK" in files["status_updates.csv"]
    # and both read back exactly as stored
    for suffix in ("xlsx", "zip"):
        path = tmp_path / f"back.{suffix}"
        export.export_tracker(db, path)
        copy = _fresh(tmp_path / f"copy-{suffix}.db")
        importer.import_file(copy, path.read_bytes(), path.name)
        notes = [r[0] for r in copy.conn.execute("SELECT note FROM status_updates")]
        assert notes == ['=HYPERLINK("http://x","y")']


def test_data_package_describes_every_csv_and_its_types(demo_db, tmp_path):
    folder = tmp_path / "package"
    export.export_tracker(demo_db, folder)
    package = json.loads((folder / "datapackage.json").read_text())
    assert package["profile"] == "tabular-data-package"
    for resource in package["resources"]:
        frame = pd.read_csv(folder / resource["path"], dtype=str, keep_default_na=False)
        names = [f["name"] for f in resource["schema"]["fields"]]
        assert list(frame.columns) == names, resource["name"]
        for item in resource["schema"]["fields"]:
            values = [v for v in frame[item["name"]] if v]
            if item["type"] == "integer":
                assert all(v.lstrip("-").isdigit() for v in values), item
            if item["type"] == "date":
                assert all(dt.date.fromisoformat(v) for v in values), item
            if item["type"] == "number":
                assert all(float(v) == float(v) for v in values), item
    status = next(r for r in package["resources"] if r["name"] == "status_updates")
    assert {"fields": "ask_id", "reference": {"resource": "asks", "fields": "id"}} in status[
        "schema"
    ]["foreignKeys"]
    with zipfile.ZipFile(io.BytesIO(export.export_bytes(demo_db, "zip"))) as archive:
        assert "datapackage.json" in archive.namelist()
        assert "status_updates.csv" in archive.namelist()


def test_only_admins_and_leadership_export(demo_db, tmp_path):
    with acting_as(OFFICER), pytest.raises(PermissionDenied, match="export"):
        export.export_tracker(demo_db, tmp_path / "x.xlsx")
    with acting_as(Actor(email="lena@example.org", role="leadership", via="test")):
        assert export.export_tracker(demo_db, tmp_path / "x.xlsx")["asks"] == 7
    with (
        acting_as(Actor(email="lena@example.org", role="leadership", via="test")),
        pytest.raises(PermissionDenied),
    ):
        importer.import_file(demo_db, (tmp_path / "x.xlsx").read_bytes(), "x.xlsx")


# --- a spreadsheet as an NGO keeps it -------------------------------------------------------


def messy_workbook(*, fixed: bool = False) -> bytes:
    """A tracker kept by hand for years: a tab per year, a merged title over the headers in
    2022, a two-row merged header in 2023, statuses in English and Spanish, dates as text in
    two formats (and one date cell), blank rows, a notes column; no country column. Unless
    ``fixed``, the 2023 tab has an impossible date and a status nobody maps automatically."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2022"
    sheet["A1"] = "Seguimiento de demandas / Advocacy follow-up 2022"
    sheet.merge_cells("A1:G1")
    sheet.append([])
    sheet.append(["Ref", "Demand / Demanda", "Dirigida a", "Tema", "Estado", "Fecha", "Notes"])
    rows_2022 = [
        ["D-01", "Publish the register of disappeared persons", "Secretaría de Gobernación",
         "Disappearances", "En proceso", "15/03/2022", "Draft law tabled in the Senate."],
        [],
        ["D-02", "An independent forensic institute", "Fiscalía General de la República",
         "Justice", "Pending", "March 3, 2022", None],
        ["D-03", "Protect journalists in Veracruz", "Gobierno de Veracruz", "Press freedom",
         "Stalled", "04/07/2022", "The protection mechanism lost its funding."],
    ]  # fmt: skip
    for row in rows_2022:
        sheet.append(row)
    sheet.append([])
    sheet.append([])

    sheet = book.create_sheet("2023")
    sheet.append(["Ref", "Ask", "Target", "Status update", None, "Comments"])
    sheet.append([None, None, None, "Estado", "Fecha", None])
    for cells in ("A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:F2"):
        sheet.merge_cells(cells)
    rows_2023 = [
        ["D-01", "Publish the register of disappeared persons", "Secretaría de Gobernación",
         "Cumplida parcialmente", "10/02/2023", "Register online, a third of cases missing."],
        ["D-02", "An independent forensic institute", "Fiscalía General de la República",
         "Sin avances", "June 1, 2023", None],
        [],
        ["D-03", "Protect journalists in Veracruz", "Gobierno de Veracruz", "Hecho",
         dt.datetime(2023, 9, 14), "Funding restored by state law."],
        ["D-04", "End military jurisdiction over abuses", "Secretaría de la Defensa",
         "Medio cumplida", "31/02/2023", "Reform passed one chamber."],
    ]  # fmt: skip
    if fixed:
        rows_2023[-1][3:5] = ["Medio cumplida", "28/02/2023"]
    for row in rows_2023:
        sheet.append(row)
    return saved(book)


def test_messy_workbook_is_mapped_dry_run_lists_clear_problems_then_imports(fresh_db, db_path):
    data = messy_workbook()
    book = read_file(data, "seguimiento.xlsx")
    mapping = importer.guess_mapping(fresh_db, book)
    by_sheet = {m.sheet: m for m in mapping.sheets}
    assert by_sheet["2022"].kind == "asks" and by_sheet["2022"].header_row == 3
    assert by_sheet["2023"].kind == "asks" and by_sheet["2023"].header_row == 2
    fields_2022 = {by_sheet["2022"].headers[n]: f for n, f in by_sheet["2022"].fields.items()}
    assert fields_2022 == {
        "Ref": "id", "Demand / Demanda": "title", "Dirigida a": "target", "Tema": "theme",
        "Estado": "status", "Fecha": "effective_date", "Notes": "note",
    }  # fmt: skip
    fields_2023 = {by_sheet["2023"].headers[n]: f for n, f in by_sheet["2023"].fields.items()}
    assert fields_2023 == {
        "Ref": "id", "Ask": "title", "Target": "target", "Estado": "status",
        "Fecha": "effective_date", "Comments": "note",
    }  # fmt: skip
    statuses = {mapping.status_words[k][0]: code for k, code in mapping.statuses.items()}
    assert statuses == {
        "En proceso": "in_progress", "Pending": "no_progress", "Stalled": "stalled",
        "Cumplida parcialmente": "partially_achieved", "Sin avances": "no_progress",
        "Hecho": "achieved", "Medio cumplida": "",
    }  # fmt: skip
    assert mapping.unmapped_statuses() == ["Medio cumplida"]

    before = db_path.read_bytes()
    plan = importer.plan_import(fresh_db, book, mapping, data)
    lines = [importer.problem_line(p) for p in plan.problems]
    assert lines == [
        "sheet '2022', row 4: no column is mapped to Country and no default country is given: "
        "map a column, or give one country for every new ask.",
        "sheet '2023', row 7: no column is mapped to Theme and no default theme is given: "
        "map a column, or give one theme for every new ask.",
        "sheet '2023', row 7: no column is mapped to Country and no default country is given: "
        "map a column, or give one country for every new ask.",
        "sheet '2023', row 7, column D (Estado): unknown status 'Medio cumplida': map it to a "
        "status of the vocabulary in the status mapping.",
        "sheet '2023', row 7, column E (Fecha): '31/02/2023' is not a real date: February 2023 "
        "has 28 days.",
    ]
    with pytest.raises(
        importer.ImportProblems, match="Nothing was imported: 'seguimiento.xlsx' has 5 problems"
    ):
        importer.run_import(fresh_db, book, mapping, data)
    assert db_path.read_bytes() == before and count(db_path, "asks") == 0

    # the person maps the status, gives the defaults, fixes the date in the sheet
    data = messy_workbook(fixed=True)
    book = read_file(data, "seguimiento.xlsx")
    mapping = importer.guess_mapping(fresh_db, book)
    mapping.statuses[importer.normalise("Medio cumplida")] = "partially_achieved"
    mapping.defaults.update(country="Mexico", theme="Military accountability")
    plan = importer.plan_import(fresh_db, book, mapping, data)
    assert plan.problems == [] and plan.adds["asks"] == 4 and plan.adds["status_updates"] == 7
    steps = []
    with acting_as(OFFICER):
        done = importer.run_import(
            fresh_db, book, mapping, data, progress=lambda f, t: steps.append(f)
        )
    assert done.adds["asks"] == 4 and steps[0] == 0.0 and steps[-1] == 1.0
    history = _rows(
        fresh_db,
        """SELECT a.title, a.country, a.theme, u.status, u.effective_date, u.kind, u.visibility,
                  u.note, u.recorded_by
           FROM status_updates u JOIN asks a ON a.id = u.ask_id ORDER BY a.id, u.effective_date""",
    )
    assert [(h["title"][:12], h["status"], h["effective_date"], h["kind"]) for h in history] == [
        ("Publish the ", "in_progress", "2022-03-15", "change"),
        ("Publish the ", "partially_achieved", "2023-02-10", "change"),
        ("An independe", "no_progress", "2022-03-03", "change"),
        ("An independe", "no_progress", "2023-06-01", "verification"),
        ("Protect jour", "stalled", "2022-07-04", "change"),
        ("Protect jour", "achieved", "2023-09-14", "change"),
        ("End military", "partially_achieved", "2023-02-28", "change"),
    ]
    assert {h["visibility"] for h in history} == {"internal"}
    assert {h["country"] for h in history} == {"Mexico"}
    assert history[0]["theme"] == "Disappearances" and history[-1]["theme"] == (
        "Military accountability"
    )
    assert history[0]["note"] == "Draft law tabled in the Senate."
    assert history[2]["note"] == "Imported from seguimiento.xlsx (2022, row 6)."
    assert {h["recorded_by"] for h in history} == {"olga@example.org"}
    # the status timelines (derived tables) were rebuilt for the imported asks
    now = standing.list_asks(fresh_db, "2024-01-01").set_index("title")["status"].to_dict()
    assert now["Protect journalists in Veracruz"] == "achieved"
    assert (
        standing.list_asks(fresh_db, "2022-12-31")
        .set_index("title")["status"]
        .to_dict()["Protect journalists in Veracruz"]
        == "stalled"
    )
    entry = _rows(fresh_db, "SELECT * FROM audit_log WHERE action = 'import'")
    assert len(entry) == 1 and entry[0]["actor"] == "olga@example.org"
    assert json.loads(entry[0]["details"])["file"] == "seguimiento.xlsx"
    batch = _rows(fresh_db, "SELECT * FROM import_batches")
    assert batch[0]["file_name"] == "seguimiento.xlsx" and batch[0]["imported_by"] == (
        "olga@example.org"
    )
    # the same file again adds nothing
    again = importer.run_import(fresh_db, book, mapping, data)
    assert again.nothing_to_add and count(db_path, "status_updates") == 7


def test_wide_sheet_turns_status_columns_into_dated_entries(fresh_db):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Summary"
    sheet.append(["Recommendation", "Institution", "Topic", "Country", "2021", "Status 2022",
                  "Q2 2023", "Visibility"])  # fmt: skip
    sheet.append(["Ratify the convention", "Senate", "Treaties", "Chile", "Pending",
                  "In progress", "Done", "yes"])  # fmt: skip
    sheet.append(["Open the archives", "Army", "Memory", "Chile", "No progress", None, "Stalled"])
    plan = importer.import_file(fresh_db, saved(book), "summary.xlsx")
    assert plan.ok, plan.problems
    rows = _rows(
        fresh_db,
        """SELECT a.title, u.status, u.effective_date, u.visibility FROM status_updates u
           JOIN asks a ON a.id = u.ask_id ORDER BY u.ask_id, u.effective_date""",
    )
    assert [tuple(r.values()) for r in rows] == [
        ("Ratify the convention", "no_progress", "2021-12-31", "public"),
        ("Ratify the convention", "in_progress", "2022-12-31", "public"),
        ("Ratify the convention", "achieved", "2023-06-30", "public"),
        ("Open the archives", "no_progress", "2021-12-31", "internal"),
        ("Open the archives", "stalled", "2023-06-30", "internal"),
    ]


def test_tracker_format_problems_name_sheet_row_and_column(demo_db, tmp_path):
    out = tmp_path / "t.xlsx"
    export.export_tracker(demo_db, out)
    book = openpyxl.load_workbook(out)
    updates = book["status_updates"]
    updates["B3"] = 999  # an update for an ask that is not there
    updates["D4"] = "Almost there"  # unknown status
    updates["E5"] = "2031-01-01"  # in the future
    updates["A7"] = updates["A6"].value  # a duplicate key
    copy = _fresh(tmp_path / "copy.db")
    plan = importer.import_file(copy, saved(book), "t.xlsx", dry_run=True)
    lines = [importer.problem_line(p) for p in plan.problems]
    assert "sheet 'status_updates', row 3, column B (Ask ID): Ask ID '999' is neither in this " \
        "file's asks nor in the tracker." in lines  # fmt: skip
    assert "sheet 'status_updates', row 4, column D (Status): unknown status 'Almost there': " \
        "map it to a status of the vocabulary in the status mapping." in lines  # fmt: skip
    assert "sheet 'status_updates', row 5, column E (Effective date): 2031-01-01 is in the " \
        "future: record what has happened." in lines  # fmt: skip
    assert any(line.startswith("sheet 'status_updates', row 7, column A (ID): ID ") and
               "is used twice in this sheet (rows 6 and 7)" in line for line in lines)  # fmt: skip
    assert plan.problem_count == 4


def test_an_imported_value_for_an_indicators_date_that_has_one_is_refused(demo_db, tmp_path):
    """One value per indicator and date (as in the app and the CLI): a row giving a date a
    second value, whether the tracker or an earlier row of the file holds the first, is a
    problem naming its row; nothing is imported."""
    out = tmp_path / "t.xlsx"
    export.export_tracker(demo_db, out)
    book = openpyxl.load_workbook(out)
    sheet = book["observations"]
    first = [cell.value for cell in sheet[2]]  # indicator 1 on 2013-12-31, 1296
    sheet.append(["new-1", first[1], first[2], 1300, None, "a second count", None, None])
    sheet.append(["new-2", first[1], "2026-01-31", 5, None, "", None, None])
    sheet.append(["new-3", first[1], "2026-01-31", 6, None, "", None, None])
    before = [dict(r) for r in demo_db.query("SELECT * FROM observations ORDER BY id")]
    plan = importer.import_file(demo_db, saved(book), "t.xlsx", dry_run=True)
    with pytest.raises(importer.ImportProblems, match="row 47"):
        importer.import_file(demo_db, saved(book), "t.xlsx")
    lines = [importer.problem_line(p) for p in plan.problems]
    assert plan.problem_count == 2, lines
    assert lines[0].startswith("sheet 'observations', row 47, column C (Date): ")
    assert "2013-12-31 already has the value 1296 (source jornada.com.mx" in lines[0]
    assert lines[1].startswith("sheet 'observations', row 49, column C (Date): ")
    assert "row 48 already gives 2026-01-31 a value" in lines[1]
    assert [dict(r) for r in demo_db.query("SELECT * FROM observations ORDER BY id")] == before


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2022-03-15", "2022-03-15"),
        ("15/03/2022", "2022-03-15"),
        ("3/4/2022", "2022-04-03"),
        ("15-03-2022", "2022-03-15"),
        ("March 3, 2022", "2022-03-03"),
        ("3 March 2022", "2022-03-03"),
        ("15 de marzo de 2022", "2022-03-15"),
        ("2022-03-15T10:00:00Z", "2022-03-15"),
        (44635, "2022-03-15"),
    ],
)
def test_dates_written_by_people_are_read(text, expected):
    assert read_date(text).isoformat() == expected


@pytest.mark.parametrize("text", ["31/02/2023", "next week", "2022-13-01", "32/01/2022"])
def test_impossible_dates_are_refused(text):
    with pytest.raises(ValueError):
        read_date(text)


# --- bad files ------------------------------------------------------------------------------


def _xlsx(fill) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    fill(book)
    return saved(book)


def _empty_sheet(book):
    book.create_sheet("Asks")


def _formulas(book):
    sheet = book.create_sheet("Asks")
    sheet.append(["Ask", "Target", "Theme", "Country", "Status", "Date"])
    sheet.append(["Free the press", "Congress", "Press", "Peru", "In progress", "2024-01-05"])
    sheet.append(["Open data", "Congress", "Data", "Peru", '=IF(1, "Done", "")', "2024-01-05"])


def _many_rows() -> bytes:
    """A sheet of 100,000 asks (as CSV: an XLSX file this long takes a minute just to write)."""
    lines = ["Ask,Target,Theme,Country"]
    lines += [f"Ask {number},Congress,Press,Peru" for number in range(100_000)]
    return "\n".join(lines).encode()


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


BAD_FILES = {
    "not a spreadsheet": (lambda: _pdf(), "tracker.xlsx", "is a PDF document, not a spreadsheet"),
    "random bytes": (lambda: bytes(range(256)) * 40, "data.csv", "is not a spreadsheet"),
    "empty sheet": (lambda: _xlsx(_empty_sheet), "empty.xlsx", "holds no data"),
    "50 MB file": (
        lambda: b"Ask,Target\n" + b"x" * (50 * 1024 * 1024),
        "huge.csv",
        f"is 50 MB; the tracker imports files of up to {MAX_FILE_BYTES // 2**20} MB",
    ),
    "formulas": (
        lambda: _xlsx(_formulas),
        "formulas.xlsx",
        "sheet 'Asks', row 3, column E (Status): the cell holds a formula",
    ),
    "100,000 rows": (
        _many_rows,
        "Asks.csv",
        f"the sheet 'Asks' has more than {MAX_SHEET_ROWS:,} rows",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_get_a_sentence_and_leave_the_database_byte_identical(
    case, demo_file, runner, tmp_path
):
    make, name, sentence = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(make())
    assert_rejected(runner, demo_file, ["import", str(path)], sentence, "othing was imported")
    before = file_bytes(demo_file)
    dry = run(runner, demo_file, "import", str(path), "--dry-run")
    assert dry.exit_code == 1 and sentence in dry.output and "Traceback" not in dry.output
    assert file_bytes(demo_file) == before


def test_cli_export_import_and_template(demo_file, runner, tmp_path):
    out = tmp_path / "all.xlsx"
    result = ok(runner, demo_file, "export", str(out))
    assert result.output.startswith(f"Wrote {out}: 1 letter, 7 asks, 7 links of letters to asks")
    target = tmp_path / "copy.db"
    ok(runner, target, "init")
    dry = ok(runner, target, "import", str(out), "--dry-run")
    assert "Sheet 'status_updates': status updates, headers on row 1" in dry.output
    assert "0 problems. Would add: 1 letter, 7 asks" in dry.output
    assert count(target, "asks") == 0
    done = ok(runner, target, "import", str(out), "--by", "ana@example.org")
    assert "Imported all.xlsx: added 1 letter, 7 asks, 7 links" in done.output
    assert query(target, "SELECT actor FROM audit_log WHERE action = 'import'") == [
        {"actor": "ana@example.org"}
    ]
    again = ok(runner, target, "import", str(out))
    assert "Nothing to add: every row of all.xlsx is already in the tracker." in again.output
    template = tmp_path / "template.xlsx"
    ok(runner, demo_file, "template", str(template))
    book = openpyxl.load_workbook(template)
    assert book.sheetnames[0] == "Read me"
    readme = " ".join(str(c.value) for row in book["Read me"].iter_rows() for c in row if c.value)
    assert "Partially achieved" in readme and "Effective date" in readme
    assert book["Read me"]["A2"].alignment.wrap_text and book["Read me"]["A4"].font.b  # prose
    for sheet in ("asks", "status_updates", "observations"):
        assert book[sheet].max_row == 2, sheet  # headers and one example row
    # the template's example rows import as they are
    fresh = tmp_path / "fresh.db"
    ok(runner, fresh, "init")
    ok(runner, fresh, "import", str(template))
    assert count(fresh, "asks") == 1 and count(fresh, "status_updates") == 1


def test_cli_dry_run_lists_problems_and_refuses(demo_file, runner, tmp_path):
    path = tmp_path / "seguimiento.xlsx"
    path.write_bytes(messy_workbook())
    before = file_bytes(demo_file)
    result = run(runner, demo_file, "import", str(path), "--dry-run", "--default", "country=Mexico")
    assert result.exit_code == 1
    assert "Medio cumplida (1 row) -> (not mapped: use --status WORD=CODE)" in result.stdout
    assert "sheet '2023', row 7, column E (Fecha): '31/02/2023' is not a real date" in (
        result.stdout
    )
    assert result.stderr.strip() == "Error: 3 problems: nothing was imported."
    assert file_bytes(demo_file) == before


def test_problems_name_columns_past_z_as_the_spreadsheet_does():
    mapping = importer.SheetMapping("Asks", "asks", 1, {27: "Status"}, {})
    names = [mapping.column_name(n) for n in (1, 26, 27, 52, 703)]
    assert names == ["A", "Z", "AA (Status)", "AZ", "AAA"]


# --- the page -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, sees, hidden",
    [
        ("officer", ["Import a spreadsheet"], ["Export everything"]),
        ("leadership", ["Export everything"], ["Import a spreadsheet"]),
        ("admin", ["Import a spreadsheet", "Export everything"], []),
    ],
)
def test_import_page_shows_each_role_its_part(role, sees, hidden, tmp_path, monkeypatch):

    path = tmp_path / "page.db"
    db = _fresh(path)
    users.add_user(db, f"{role}@example.org", role, password="correct horse 1")
    db.close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = open_app(f"{role}@example.org", "import_export")
    assert not at.exception
    labels = [tab.label for tab in at.tabs]
    assert labels == sees and not set(hidden) & set(labels)
    if "Import a spreadsheet" in sees:
        assert "Download the template" in [b.label for b in at.get("download_button")]


def test_donors_cannot_open_the_import_page(tmp_path, monkeypatch):

    path = tmp_path / "page.db"
    db = _fresh(path)
    users.add_user(db, "dora@example.org", "donor", password="correct horse 1")
    db.close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = open_app("dora@example.org", "import_export")  # the page's link, opened by a donor
    assert not at.exception
    assert any("do not have access" in e.value for e in at.error)
    assert not at.get("file_uploader") and not at.get("download_button")


# --- letters named in an asks sheet, and people ---------------------------------------------


def _sheet(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Asks"
    for row in rows:
        sheet.append(row)
    return saved(book)


def test_letter_column_links_each_ask_to_its_letter_made_once_or_matched(one_ask, db_path):
    db, _ = one_ask  # the tracker has "Test letter" of 2024-01-15
    rows = (
        [
            ["Ask", "Target", "Theme", "Country", "Status", "Date", "Letter"],
            ["Free the press", "Congress", "Press", "Peru", "In progress", "2024-03-05",
             "To the Congress, 3 March 2022"],
            ["Open the data", "Congress", "Data", "Peru", "Pending", "2024-03-05",
             "To the Congress (03/03/2022)"],
            ["Fund the courts", "Senate", "Justice", "Peru", None, None, "test letter 15/01/2024"],
            ["Hear the victims", "Senate", "Justice", "Peru", None, None, dt.date(2023, 5, 2)],
            ["Count the missing", "Senate", "Justice", "Peru", None, None, "A letter, no date"],
        ]
    )  # fmt: skip
    data = _sheet(rows)
    mapping = importer.guess_mapping(db, read_file(data, "asks.xlsx"))
    assert "letter" in mapping.sheets[0].fields.values()
    plan = importer.import_file(db, data, "asks.xlsx", dry_run=True)
    assert [importer.problem_line(p) for p in plan.problems] == [
        "sheet 'Asks', row 2, column G (Letter): no author is given for the new letters the "
        "Letter column names: give one (Letters' author), e.g. your organization.",
        "sheet 'Asks', row 6, column G (Letter): the letter 'A letter, no date' has no date: map "
        "a column to Letter date, or write its date after the title (e.g. 'To the Minister, "
        "2024-03-01').",
    ]
    before = db_path.read_bytes()
    with pytest.raises(importer.ImportProblems):
        importer.import_file(db, data, "asks.xlsx")
    assert db_path.read_bytes() == before

    rows[-1][-1] = "A letter, 2023-06-07"
    data = _sheet(rows)
    plan = importer.import_file(db, data, "asks.xlsx", defaults={"author_org": "Our NGO"})
    assert plan.ok and plan.adds["letters"] == 3 and plan.adds["letter_asks"] == 5
    links = _rows(
        db,
        """SELECT a.title AS ask, l.title AS letter, l.date_sent, l.author_org, a.added_on
           FROM letter_asks la JOIN asks a ON a.id = la.ask_id
           JOIN letters l ON l.id = la.letter_id ORDER BY a.id""",
    )
    assert [tuple(r.values()) for r in links[1:]] == [
        ("Free the press", "To the Congress", "2022-03-03", "Our NGO", "2022-03-03"),
        ("Open the data", "To the Congress", "2022-03-03", "Our NGO", "2022-03-03"),
        ("Fund the courts", "Test letter", "2024-01-15", "Test NGO", "2024-01-15"),
        ("Hear the victims", "Letter of 2023-05-02", "2023-05-02", "Our NGO", "2023-05-02"),
        ("Count the missing", "A letter", "2023-06-07", "Our NGO", "2023-06-07"),
    ]
    again = importer.import_file(db, data, "asks.xlsx", defaults={"author_org": "Our NGO"})
    assert again.nothing_to_add and count(db_path, "letters") == 4


def test_letter_date_column_dates_the_letter_of_the_letter_column(fresh_db):
    data = _sheet(
        [
            ["Recomendación", "Dirigida a", "Tema", "País", "Carta", "Fecha de la carta"],
            ["Ratify the convention", "Senate", "Treaties", "Chile", "Al Senado", "15/03/2021"],
            ["Open the archives", "Army", "Memory", "Chile", "Al Senado", "15/03/2021"],
            ["Fund the search", "Army", "Memory", "Chile", None, "2021-05-01"],
        ]
    )
    mapping = importer.guess_mapping(fresh_db, read_file(data, "cartas.xlsx"))
    fields = set(mapping.sheets[0].fields.values())
    assert {"letter", "letter_date"} <= fields
    plan = importer.import_file(fresh_db, data, "cartas.xlsx", defaults={"author_org": "ONG"})
    assert plan.ok, plan.problems
    assert _rows(fresh_db, "SELECT title, date_sent FROM letters ORDER BY id") == [
        {"title": "Al Senado", "date_sent": "2021-03-15"},
        {"title": "Letter of 2021-05-01", "date_sent": "2021-05-01"},
    ]
    assert count_rows(fresh_db, "letter_asks") == 3


def count_rows(db, table: str) -> int:
    return db.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_users_sheet_of_an_export_comes_in_without_passwords(demo_db, tmp_path):
    users.add_user(demo_db, "ana@example.org", "officer", name="Ana", password="long passphrase 1")
    users.add_user(demo_db, "leo@example.org", "leadership", name="Leo")
    out = tmp_path / "all.xlsx"
    export.export_tracker(demo_db, out)
    copy = _fresh(tmp_path / "copy.db")
    plan = importer.import_file(copy, out.read_bytes(), out.name)
    assert plan.ok and plan.adds["users"] == count_rows(demo_db, "users")
    people = _rows(copy, "SELECT email, name, role, password_hash FROM users ORDER BY email")
    assert {
        "email": "ana@example.org",
        "name": "Ana",
        "role": "officer",
        "password_hash": None,
    } in (people)
    assert {p["password_hash"] for p in people} == {None}
    assert users.get_user(copy, "leo@example.org")["role"] == "leadership"
    again = importer.import_file(copy, out.read_bytes(), out.name)
    assert again.nothing_to_add and again.matched["users"] == len(people)


def test_an_import_never_changes_a_role_it_says_so_in_the_dry_run(demo_db, tmp_path):
    users.add_user(demo_db, "ana@example.org", "officer", name="Ana")
    out = tmp_path / "all.zip"
    export.export_tracker(demo_db, out)
    copy = _fresh(tmp_path / "copy.db")
    users.add_user(copy, "ANA@example.org", "admin", name="Ana")
    plan = importer.import_file(copy, out.read_bytes(), out.name, dry_run=True)
    lines = [importer.problem_line(p) for p in plan.problems]
    row = 1 + [r[0] for r in demo_db.conn.execute("SELECT email FROM users ORDER BY email")].index(
        "ana@example.org"
    )
    assert lines == [
        f"sheet 'users', row {row + 1}, column C (role): ana@example.org is already a user here, "
        "with the role admin; the file says officer. An import never changes a role: change it "
        "on the Users page or make the file say admin, then import again."
    ]
    before = list(copy.conn.iterdump())
    with pytest.raises(importer.ImportProblems):
        importer.import_file(copy, out.read_bytes(), out.name)
    assert list(copy.conn.iterdump()) == before
    assert users.get_user(copy, "ana@example.org")["role"] == "admin"


def test_only_an_administrator_imports_people(demo_db, tmp_path):
    users.add_user(demo_db, "ana@example.org", "officer", name="Ana")
    out = tmp_path / "all.xlsx"
    export.export_tracker(demo_db, out)
    copy = _fresh(tmp_path / "copy.db")
    with acting_as(OFFICER):
        plan = importer.import_file(copy, out.read_bytes(), out.name)
    assert plan.ok and plan.adds["users"] == 0 and plan.adds["asks"] == 7
    assert "Sheet 'users' (users) is left out: only an administrator imports people." in (
        plan.notes
    )
    assert count_rows(copy, "users") == 0


@pytest.mark.parametrize("kind", ["Excel workbook", "CSV files and datapackage.json"])  # QA 15a
def test_leadership_prepares_and_downloads_an_export_on_the_page(kind, tmp_path, monkeypatch):

    path = tmp_path / "page.db"
    db = _fresh(path)
    load_demo(db)
    users.add_user(db, "lena@example.org", "leadership", password="correct horse 1")
    db.close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = open_app("lena@example.org", "import_export")
    next(b for b in at.button if b.label == f"Prepare the {kind}").click().run()
    assert not at.exception
    downloads = [b.label for b in at.get("download_button")]
    assert any(d.startswith(f"Download the {kind}") for d in downloads), downloads


def test_a_thousand_problems_are_counted_with_a_thousands_separator(demo_file, runner, tmp_path):
    """Regression: "1234 problems" beside "Would add: 1,234 asks"; every count reads 1,234."""
    sheet = tmp_path / "sheet.csv"
    rows = ["Ask,Status,Date", *(f"Ask {n},achieved,31/02/2023" for n in range(1234))]
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    defaults = ["--default", "country=Mexico", "--default", "target=G", "--default", "theme=T"]
    dry = run(runner, demo_file, "import", str(sheet), "--dry-run", *defaults)
    assert "1,234 problems. Would add: 1,234 asks." in dry.stdout.splitlines()
    assert dry.stderr.strip() == "Error: 1,234 problems: nothing was imported."
    real = run(runner, demo_file, "import", str(sheet), *defaults)
    assert real.stderr.startswith("Error: Nothing was imported: 'sheet.csv' has 1,234 problems.")


def test_the_import_uploader_takes_what_the_page_says(tmp_path, monkeypatch):
    """Regression (QA): the page said "Up to 40 MB" and the uploader "200MB per file"; both
    come from the importer's limit."""
    path = tmp_path / "page.db"
    db = _fresh(path)
    users.add_user(db, "olga@example.org", "officer", password="correct horse 1")
    db.close()
    monkeypatch.setenv("TRACKER_DB", str(path))
    at = open_app("olga@example.org", "import_export")
    [uploader] = at.get("file_uploader")
    assert uploader.proto.max_upload_size_mb == MAX_FILE_BYTES // 2**20 == 40
    assert any("Up to 40 MB" in c.value for c in [*at.caption, *at.markdown])


@pytest.mark.parametrize(
    "header",
    ["Last updated", "Updated", "Date updated", "Last updated on", "Update date",
     "Fecha de actualización", "Actualizado", "Última actualización"],
)  # fmt: skip
def test_a_hand_kept_last_updated_column_is_the_status_date(fresh_db, header):
    """Regression (QA): a sheet's "Last updated" column was not taken as the status date, so
    its statuses had no date. A workbook as openpyxl writes it, headers as people type them."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tracker"
    sheet.append(["Ask", "Status", header])
    sheet.append(["Free the press", "In progress", "2024-03-01"])
    sheet.append(["Fund the mechanism", "Achieved", "2024-05-02"])
    plan = importer.import_file(
        fresh_db,
        saved(book),
        "hand-kept.xlsx",
        dry_run=True,
        defaults={"country": "Mexico", "target": "Government of Mexico", "theme": "Press"},
    )
    assert plan.ok, [importer.problem_line(p) for p in plan.problems]
    assert f"C ({header}) -> " in importer.describe_mapping(plan.mapping) or header in (
        importer.describe_mapping(plan.mapping)
    )
    assert plan.adds["asks"] == 2 and plan.adds["status_updates"] == 2


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("2025-13-45", "is not a real date: the month must be 01 to 12"),
        ("31/02/2023", "is not a real date: February 2023 has 28 days"),
        ("29/02/2024", None),  # a leap year's 29 February is a real date
    ],
)
def test_an_impossible_date_says_why_as_the_forms_do(text, said):
    """QA 15c: an import said "no such day in that month" for month 13, where the update
    form says the month must be 01 to 12: the same reasons, in the same words."""
    if said is None:
        assert read_date(text) == dt.date(2024, 2, 29)
        return
    with pytest.raises(ValueError) as refused:
        read_date(text)
    assert str(refused.value) == said


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (1, "1 problem: nothing will be imported until it is fixed"),
        (2, "2 problems: nothing will be imported until they are fixed"),
        (1234, "1,234 problems: nothing will be imported until they are fixed"),
    ],
)
def test_the_dry_runs_headline_agrees_with_its_count(count, said):
    """QA 15d: one problem read "until they are fixed"."""
    assert importer.held_back(count) == said


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Who must act", "target"),
        ("Sent on", "letter_date"),
        ("Date sent", "letter_date"),
        ("Fecha de envío", "letter_date"),
        ("Date", "effective_date"),  # a bare date is still the status's
    ],
)
def test_the_import_guesses_headers_in_the_words_people_use(header, field):
    """The CLI's own help calls the target 'who must act'; a letter's date is often 'sent on'."""
    assert guess_field("asks", header) == field


def test_cli_import_says_how_many_new_asks_have_no_owner(demo_file, runner, tmp_path):
    """As the import page does (QA 2026-12-03): before and after, in the same words."""
    sheet = tmp_path / "tracker.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    dry = ok(runner, demo_file, "import", str(sheet), "--dry-run").stdout
    assert "2 new asks have no owner: they will not appear in anyone's review queue" in dry
    done = ok(runner, demo_file, "import", str(sheet)).stdout
    assert "2 new asks have no owner, so they are in no review queue." in done
