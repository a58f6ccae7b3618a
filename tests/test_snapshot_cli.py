"""The ``tracker snapshot`` and ``tracker snapshots ...`` commands, through click's CliRunner.

Happy paths check the files written and what is stored; bad input must exit with status 1,
print one ``Error:`` line on stderr, show no traceback, write no file and leave the database
file byte-for-byte as it was. Chromium prints one PDF here (``tracker snapshot --out x.pdf``);
the published-snapshot PDF export is checked with a stand-in printer.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import openpyxl
import pypdf
import pytest
from clikit import assert_rejected, count, file_bytes, ok, query

from tracker import report

# Demo asks 5-7 (data/demo/asks.json order) are the "Human rights" theme; their outcome as of
# 2019-12-31, read off data/demo/status_updates.csv by hand.
HUMAN_RIGHTS_2019 = {
    "Torture and enforced disappearances": "Partially achieved",  # 2017-11-17
    "Protection of human-rights defenders and journalists": "No progress",  # 2018-07-11
    "Ayotzinapa investigation": "In progress",  # 2019-06-26
}


def wrote(result, out: Path) -> None:
    """The command printed the path and the size of a file it really wrote."""
    size = out.stat().st_size
    assert size > 0
    assert result.stdout.strip().splitlines()[-1] == f"Wrote {out} ({size:,} bytes)"


def publish(runner, path: Path, *extra: str, title: str = "Year one") -> tuple[int, str]:
    result = ok(
        runner,
        path,
        "snapshots",
        "publish",
        "--as-of",
        "2019-12-31",
        "--title",
        title,
        "--narrative",
        "What moved in the first year.",
        *extra,
    )
    match = re.search(r"Published snapshot #(\d+)", result.stdout)
    token = re.search(r"^Token: (\S+)$", result.stdout, re.M).group(1)
    # a whole link, at the address `make run` serves unless TRACKER_PUBLIC_URL says otherwise
    assert f"Link: http://localhost:8501/snapshots?snapshot={token}" in result.stdout.splitlines()
    return int(match.group(1)), token


# --- tracker snapshot (unpublished) -----------------------------------------------------------


def test_snapshot_html_and_xlsx_publish_nothing(runner, demo_file, tmp_path):
    before = file_bytes(demo_file)
    html = tmp_path / "report.html"
    result = ok(runner, demo_file, "snapshot", "--as-of", "2019-12-31", "--out", str(html))
    wrote(result, html)
    text = html.read_text(encoding="utf-8")
    assert "<h1>Progress as of 2019-12-31</h1>" in text and text.count("* plotly.js v") == 1
    xlsx = tmp_path / "report.XLSX"  # the extension is read case-blind
    args = ["--title", "Draft", "--narrative", "For the board.", "--out", str(xlsx)]
    result = ok(runner, demo_file, "snapshot", "--as-of", "2024-12-31", *args)
    wrote(result, xlsx)
    summary = list(openpyxl.load_workbook(xlsx)["summary"].iter_rows(values_only=True))
    assert summary[1][:4] == ("Draft", "2024-12-31", "all asks", "For the board.")
    assert file_bytes(demo_file) == before  # a preview writes nothing, not even an audit row


def test_snapshot_csv_is_the_asks_table_of_the_scope(runner, demo_file, tmp_path):
    out = tmp_path / "asks.csv"
    scope = ["--theme", "Human rights", "--letter", "1"]
    result = ok(runner, demo_file, "snapshot", "--as-of", "2019-12-31", *scope, "--out", str(out))
    wrote(result, out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["Ask"]: r["Status"] for r in rows} == HUMAN_RIGHTS_2019
    assert "Owner" not in rows[0]


def test_snapshot_csv_writes_the_table_named_by_table(runner, demo_file, tmp_path):
    """--table picks any of the report's tables; each file is that table of the scope."""
    scope = ["--as-of", "2019-12-31", "--theme", "Human rights"]
    written = {}
    for name in report.TABLES:
        out = tmp_path / f"{name}.csv"
        wrote(ok(runner, demo_file, "snapshot", *scope, "--table", name, "--out", str(out)), out)
        with out.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            written[name] = (reader.fieldnames, list(reader))
        assert written[name][0] == list(report.HEADERS[name].values()), name
    assert {r["Ask"]: r["Status"] for r in written["asks"][1]} == HUMAN_RIGHTS_2019
    # Human rights as of 2019-12-31: partially achieved .7, no progress 0, in progress .4
    progress = written["progress-by-theme"][1]
    assert [(r["Theme"], r["Assessed asks"], r["Asks"]) for r in progress] == [
        ("Human rights", "3", "3")
    ]
    assert progress[0]["Progress index (0–1)"] == "0.3667"  # 1.1 / 3, to four places
    counts = {r["Status"]: r["Asks"] for r in written["status-by-theme"][1]}
    assert counts == {"Partially achieved": "1", "No progress": "1", "In progress": "1"}
    # Indicators linked to those asks: journalists killed and people disappeared.
    names = {r["Indicator"] for r in written["indicators"][1]}
    assert names == {
        "Journalists killed in Mexico per year (RSF)",
        "People disappeared and not located (RNPDNO)",
    }
    assert {r["Indicator"] for r in written["indicator-values"][1]} <= names
    # --table asks is the default
    default = tmp_path / "default.csv"
    ok(runner, demo_file, "snapshot", *scope, "--out", str(default))
    assert default.read_bytes() == (tmp_path / "asks.csv").read_bytes()


def test_help_lists_every_table(runner, demo_file):
    for command in (["snapshot"], ["snapshots", "export"], ["snapshots", "publish"]):
        # (click wraps lines after a hyphen: join them back)
        shown = re.sub(
            r"-\s+", "-", " ".join(ok(runner, demo_file, *command, "--help").stdout.split())
        )
        for name in report.TABLES:
            assert name in shown, (command, name)
        assert "--table NAME" in shown


def test_snapshot_pdf_prints_with_chromium(runner, demo_file, tmp_path):
    out = tmp_path / "report.pdf"
    result = ok(
        runner,
        demo_file,
        "snapshot",
        "--as-of",
        "2019-12-31",
        "--narrative",
        "Printed narrative 31415.",
        "--out",
        str(out),
        stderr="Printing PDF with Chromium...\n",
    )
    wrote(result, out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "Printed narrative 31415." in text


# --- tracker snapshots publish / list / export / withdraw ---------------------------------------


def test_publish_list_export_and_withdraw(runner, demo_file, tmp_path, monkeypatch):
    out = tmp_path / "published.xlsx"
    sid, token = publish(runner, demo_file, "--theme", "Human rights", "--out", str(out))
    stored = query(demo_file, "SELECT * FROM snapshots WHERE id = ?", (sid,))[0]
    assert (stored["token"], stored["status"], stored["as_of"]) == (
        token,
        "published",
        "2019-12-31",
    )
    assert json.loads(stored["scope_key"]) == {"themes": ["Human rights"]}
    # --out wrote the stored export.
    kept = query(demo_file, "SELECT content FROM snapshot_files WHERE kind = 'xlsx'")
    assert out.read_bytes() == kept[0]["content"]
    audit = query(demo_file, "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1")
    assert audit[0]["action"] == "snapshot.publish"

    listed = ok(runner, demo_file, "snapshots", "list")
    assert "Year one" in listed.stdout
    assert f"http://localhost:8501/snapshots?snapshot={token}" in listed.stdout  # to send again
    assert "themes: Human rights" in listed.stdout and "published" in listed.stdout
    rows = json.loads(ok(runner, demo_file, "snapshots", "list", "--json").stdout)
    assert [(r["id"], r["token"], r["status"]) for r in rows] == [(sid, token, "published")]
    assert rows[0]["link"] == f"http://localhost:8501/snapshots?snapshot={token}"

    html = tmp_path / "again.html"
    wrote(ok(runner, demo_file, "snapshots", "export", str(sid), "--out", str(html)), html)
    assert html.read_text(encoding="utf-8") == stored["html"]
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    for target in (first, second):
        args = ("snapshots", "export", str(sid), "--out", str(target))
        wrote(ok(runner, demo_file, *args), target)
    assert first.read_bytes() == second.read_bytes()
    with first.open(encoding="utf-8", newline="") as handle:
        assert {r["Ask"] for r in csv.DictReader(handle)} == set(HUMAN_RIGHTS_2019)
    # Any other table with --table, stored and byte-identical as well.
    mix = tmp_path / "mix.csv"
    for _ in range(2):
        args = ("snapshots", "export", str(sid), "--table", "status-mix", "--out", str(mix))
        wrote(ok(runner, demo_file, *args), mix)
        kept = query(demo_file, "SELECT content FROM snapshot_files WHERE kind = 'status-mix.csv'")
        assert mix.read_bytes() == kept[0]["content"]
    with mix.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # Human rights, December 2019: one each of partially achieved, no progress, in progress
    assert {(r["Status"], r["Asks"]) for r in rows if r["Month"] == "2019-12"} == {
        ("Partially achieved", "1"),
        ("No progress", "1"),
        ("In progress", "1"),
    }

    # The PDF export, with a stand-in printer: the progress line only when printing.
    printed = []
    monkeypatch.setattr(report, "render_pdf", lambda html: printed.append(1) or b"%PDF-stand-in")
    pdf = tmp_path / "snap.pdf"
    args = ("snapshots", "export", str(sid), "--out", str(pdf))
    wrote(ok(runner, demo_file, *args, stderr="Printing PDF with Chromium...\n"), pdf)
    wrote(ok(runner, demo_file, *args), pdf)  # stored: no printing, no message
    assert printed == [1] and pdf.read_bytes() == b"%PDF-stand-in"

    result = ok(runner, demo_file, "snapshots", "withdraw", str(sid), "--reason", "Revised.")
    assert result.stdout.strip() == f"Withdrew snapshot #{sid}: Revised."
    gone = query(demo_file, "SELECT status, withdrawn_reason FROM snapshots WHERE id = ?", (sid,))
    assert gone == [{"status": "withdrawn", "withdrawn_reason": "Revised."}]
    rows = json.loads(ok(runner, demo_file, "snapshots", "list", "--json").stdout)
    assert [(r["id"], r["status"]) for r in rows] == [(sid, "withdrawn")]


def test_list_with_no_snapshots(runner, demo_file):
    assert ok(runner, demo_file, "snapshots", "list").stdout.strip() == "(none)"
    assert json.loads(ok(runner, demo_file, "snapshots", "list", "--json").stdout) == []


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--as-of", "2019-02-30", "--out", "{out}.html"], ["2019-02-30", "not a valid date"]),
        (["--as-of", "2999-01-01", "--out", "{out}.html"], ["2999-01-01", "in the future"]),
        (["--as-of", "2019-12-31", "--out", "{out}.docx"], ["'.docx'", ".html, .pdf"]),
        (["--as-of", "2019-12-31", "--out", "{out}"], ["unknown extension"]),
        (["--as-of", "2019-12-31", "--theme", "Nope", "--out", "{out}.csv"], ["theme 'Nope'"]),
        (["--as-of", "2019-12-31", "--letter", "42", "--out", "{out}.csv"], ["letter with id 42"]),
        (
            ["--as-of", "2019-12-31", "--table", "owners", "--out", "{out}.csv"],
            ["unknown table 'owners'", "asks, indicators, changes, status-mix"],
        ),
        (
            ["--as-of", "2019-12-31", "--table", "indicators", "--out", "{out}.html"],
            ["--table", "FILE.csv", "report.html"],
        ),
    ],
)
def test_snapshot_rejects_bad_input(runner, demo_file, tmp_path, args, fragments):
    out = str(tmp_path / "report")
    assert_rejected(runner, demo_file, ["snapshot", *(a.format(out=out) for a in args)], *fragments)
    assert list(tmp_path.glob("report*")) == []


def test_snapshot_cannot_write_into_a_missing_folder(runner, demo_file, tmp_path):
    out = tmp_path / "missing" / "report.csv"
    args = ["snapshot", "--as-of", "2019-12-31", "--out", str(out)]
    assert_rejected(runner, demo_file, args, "cannot write", str(out))


PUBLISH = ["snapshots", "publish", "--title", "T", "--narrative", "N"]


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        ([*PUBLISH, "--as-of", "2019-13-01"], ["2019-13-01"]),
        ([*PUBLISH, "--as-of", "2019-12-31", "--out", "x.txt"], ["'.txt'"]),
        ([*PUBLISH, "--as-of", "2019-12-31", "--theme", "Nope"], ["theme 'Nope'"]),
        (["snapshots", "publish", "--as-of", "2019-12-31", "--title", "T"], ["narrative"]),
        (["snapshots", "publish", "--as-of", "2019-12-31", "--narrative", "N"], ["--title"]),
        ([*PUBLISH, "--as-of", "2019-12-31", "--table", "indicators"], ["--table", "--out"]),
        (
            [*PUBLISH, "--as-of", "2019-12-31", "--table", "Asks", "--out", "x.csv"],
            ["unknown table 'Asks'"],
        ),
        # before any ask: donors would open an empty report, as the page says before Publish
        ([*PUBLISH, "--as-of", "2000-01-01"], ["no public ask in this snapshot as of 2000-01-01"]),
    ],
)
def test_publish_rejects_bad_input_and_publishes_nothing(runner, demo_file, args, fragments):
    assert_rejected(runner, demo_file, args, *fragments)
    assert count(demo_file, "snapshots") == 0


@pytest.mark.parametrize(
    "address",
    ["https://progress.example.org/tracker/", "https://progress.example.org/tracker"],
)
def test_publish_prints_the_link_at_the_public_address(runner, demo_file, monkeypatch, address):
    """The printed link opens as it is, from another machine: TRACKER_PUBLIC_URL's address,
    its path prefix kept, one slash before the page."""
    monkeypatch.setenv("TRACKER_PUBLIC_URL", address)
    result = ok(runner, demo_file, *PUBLISH, "--as-of", "2019-12-31")
    token = re.search(r"^Token: (\S+)$", result.stdout, re.M).group(1)
    link = f"https://progress.example.org/tracker/snapshots?snapshot={token}"
    assert f"Link: {link}" in result.stdout.splitlines()


@pytest.mark.parametrize("address", ["progress.example.org", "ftp://example.org", "https://"])
def test_publish_refuses_a_public_address_that_is_no_web_address(
    runner, demo_file, monkeypatch, address
):
    """Refused before publishing: a snapshot whose link cannot be printed is not published."""
    monkeypatch.setenv("TRACKER_PUBLIC_URL", address)
    args = [*PUBLISH, "--as-of", "2019-12-31"]
    assert_rejected(runner, demo_file, args, "TRACKER_PUBLIC_URL", f"'{address}'")
    assert count(demo_file, "snapshots") == 0


def test_export_and_withdraw_reject_bad_input(runner, demo_file, tmp_path):
    sid, _ = publish(runner, demo_file)
    out = tmp_path / "out.html"
    export = ["snapshots", "export"]
    assert_rejected(runner, demo_file, [*export, "999", "--out", str(out)], "snapshot with id 999")
    assert_rejected(runner, demo_file, [*export, "abc", "--out", str(out)], "'abc'")
    assert_rejected(
        runner, demo_file, [*export, "99999999999999999999", "--out", str(out)], "snapshot"
    )
    assert_rejected(runner, demo_file, [*export, str(sid), "--out", "out.odt"], "'.odt'")
    csv_out = str(tmp_path / "out.csv")
    args = [*export, str(sid), "--table", "nope", "--out", csv_out]
    assert_rejected(runner, demo_file, args, "unknown table 'nope'", "indicator-values")
    assert not out.exists() and not Path(csv_out).exists()

    withdraw = ["snapshots", "withdraw"]
    assert_rejected(runner, demo_file, [*withdraw, str(sid)], "say why")
    assert_rejected(runner, demo_file, [*withdraw, str(sid), "--reason", "  "], "say why")
    assert_rejected(runner, demo_file, [*withdraw, "999", "--reason", "x"], "id 999")
    assert query(demo_file, "SELECT status FROM snapshots") == [{"status": "published"}]
    ok(runner, demo_file, *withdraw, str(sid), "--reason", "Superseded.")
    assert_rejected(runner, demo_file, [*withdraw, str(sid), "--reason", "x"], "already withdrawn")


def test_publish_checks_its_file_before_publishing(runner, demo_file, tmp_path, monkeypatch):
    """An export that cannot be written is refused before anything is published (a retry
    must not publish twice)."""
    missing = tmp_path / "missing" / "report.html"
    args = [*PUBLISH, "--as-of", "2019-12-31", "--out", str(missing)]
    assert_rejected(runner, demo_file, args, "no folder", str(missing.parent))
    monkeypatch.setenv("CHROMIUM", "")
    monkeypatch.setenv("PATH", "/nonexistent")  # no Chromium to print with
    pdf = tmp_path / "report.pdf"
    args = [*PUBLISH, "--as-of", "2019-12-31", "--out", str(pdf)]
    assert_rejected(runner, demo_file, args, "Chromium")
    assert count(demo_file, "snapshots") == 0
    assert not pdf.exists()
