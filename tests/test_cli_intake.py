"""'tracker extract', 'tracker intake', 'tracker search' and 'tracker private-links': the
draft's JSON contract, one transaction on accept, and every bad input refused in one sentence
with the database untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clikit import assert_rejected, count, file_bytes, ok, query
from filemaker import docx_bytes, letter_server, pdf_bytes, scan_pdf_bytes

from tracker import intake

LETTERS = Path(__file__).parent / "data" / "letters"
JOURNEY = Path(__file__).parent / "data" / "journey-letter.txt"


def test_extract_json_has_the_contract_s_shape_and_writes_nothing(runner, demo_file):
    before = file_bytes(demo_file)
    result = ok(runner, demo_file, "extract", str(JOURNEY), "--json")
    data = json.loads(result.stdout)
    assert set(data) == {"letter", "asks", "possible_asks"}
    assert set(data["letter"]) == {"title", "date", "authors", "recipients", "language"}
    assert data["letter"]["date"] == "2025-04-02"
    assert data["letter"]["authors"] == [
        "Center for Press Freedom in the Americas",
        "Red de Defensores Comunitarios",
    ]
    first = data["asks"][0]
    assert set(first) == {"text", "title", "target", "theme", "country", "repeats"}
    assert first["text"] in " ".join(JOURNEY.read_text().split())
    assert first["repeats"][0]["ask_id"] == 6  # the demo ask it repeats, best first
    assert set(first["repeats"][0]) == {"ask_id", "title", "score"}
    scores = [r["score"] for r in first["repeats"]]
    assert scores == sorted(scores, reverse=True)
    assert file_bytes(demo_file) == before


def test_extract_for_people_says_why(runner, demo_file):
    out = ok(runner, demo_file, "extract", str(LETTERS / "03-desapariciones.txt")).stdout
    assert "language: es" in out
    assert 'why: says "exhortamos"' in out
    assert "Garantizar un presupuesto suficiente" in out


def test_intake_accept_all_stores_letter_asks_and_the_repeat(runner, demo_file):
    letters, asks = count(demo_file, "letters"), count(demo_file, "asks")
    out = ok(runner, demo_file, "intake", str(JOURNEY), "--accept-all").stdout
    assert out.startswith(f"#{letters + 1} letter added with 1 new ask ")
    assert "1 repeated (#6)" in out
    assert count(demo_file, "asks") == asks + 1
    links = query(
        demo_file, "SELECT ask_id, passage FROM letter_asks WHERE letter_id = ?", (letters + 1,)
    )
    passages = {row["ask_id"]: row["passage"] for row in links}
    assert passages[6].startswith("We urge you to press the Mexican government")


def test_intake_from_a_reviewed_draft_file(runner, demo_file, tmp_path):
    data = json.loads(ok(runner, demo_file, "extract", str(JOURNEY), "--json").stdout)
    data["asks"][0]["same_as"] = None  # the officer says: a new ask, not a repeat
    data["asks"][1]["keep"] = False
    data["asks"][0]["title"] = "Press Mexico to investigate attacks on the press"
    data["asks"][0]["owner"] = "Ana"
    reviewed = tmp_path / "reviewed.json"
    reviewed.write_text(json.dumps(data))
    asks = count(demo_file, "asks")
    out = ok(runner, demo_file, "intake", str(JOURNEY), "--draft", str(reviewed)).stdout
    assert "with 1 new ask " in out and "repeated" not in out
    assert count(demo_file, "asks") == asks + 1
    row = query(demo_file, "SELECT title, owner FROM asks ORDER BY id DESC LIMIT 1")[0]
    assert row == {"title": "Press Mexico to investigate attacks on the press", "owner": "Ana"}


def _with_a_possible_ask(tmp_path: Path) -> str:
    """The journey letter and one sentence the rules do not take: a modal naming no one."""
    path = tmp_path / "possible.txt"
    path.write_text(
        JOURNEY.read_text().replace(
            "\n\nSincerely",
            "\n\nRenewing the federal protection mechanism for journalists must come first."
            "\n\nSincerely",
        )
    )
    return str(path)


def test_possible_asks_are_listed_apart_and_accept_all_leaves_them_out(runner, demo_file, tmp_path):
    letter = _with_a_possible_ask(tmp_path)
    data = json.loads(ok(runner, demo_file, "extract", letter, "--json").stdout)
    assert len(data["asks"]) == 2
    [possible] = data["possible_asks"]
    assert possible["text"].startswith("Renewing the federal protection mechanism")
    assert possible["why"] == 'possible: says "must" but names no one to act'
    shown = ok(runner, demo_file, "extract", letter).stdout
    # said once, as the tier; the reason under it reads like a drafted ask's (it said "possible"
    # twice: the tier, then a reason starting "possible: ")
    block = shown[shown.index("(possible, not kept unless ticked)") :]
    assert block.count("possible") == 1
    assert block.splitlines()[1] == '   why: says "must" but names no one to act'
    asks = count(demo_file, "asks")
    out = ok(runner, demo_file, "intake", letter, "--accept-all").stdout
    assert "with 1 new ask " in out and "1 repeated (#6)" in out
    assert count(demo_file, "asks") == asks + 1
    assert not query(demo_file, "SELECT id FROM asks WHERE wording LIKE 'Renewing%'")


def test_a_reviewed_draft_may_tick_a_possible_ask(runner, demo_file, tmp_path):
    letter = _with_a_possible_ask(tmp_path)
    data = json.loads(ok(runner, demo_file, "extract", letter, "--json").stdout)
    data["possible_asks"][0] |= {"keep": True, "title": "Renew the protection mechanism"}
    reviewed = tmp_path / "reviewed.json"
    reviewed.write_text(json.dumps(data))
    out = ok(runner, demo_file, "intake", letter, "--draft", str(reviewed)).stdout
    assert "with 3 new asks" in out  # (a draft file links a repeat only where it says same_as)
    row = query(demo_file, "SELECT title, wording FROM asks ORDER BY id DESC LIMIT 1")[0]
    assert row["title"] == "Renew the protection mechanism"
    assert row["wording"].startswith("Renewing the federal protection mechanism")


def test_a_reviewed_draft_with_problems_names_them_all(runner, demo_file, tmp_path):
    data = json.loads(ok(runner, demo_file, "extract", str(JOURNEY), "--json").stdout)
    data["letter"]["authors"] = []
    data["asks"][1]["theme"] = ""
    data["asks"][0]["same_as"] = 999
    reviewed = tmp_path / "reviewed.json"
    reviewed.write_text(json.dumps(data))
    assert_rejected(
        runner,
        demo_file,
        ["intake", str(JOURNEY), "--draft", str(reviewed)],
        "nothing was stored",
        "Name the organization",
        "Row 2: theme is required",
        "Row 1: there is no ask 999",
    )


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


BAD = [
    ("empty.txt", b"", "is empty"),
    ("blob.bin", b"\x00\x01\x02binary\x00", "not text"),
    ("scan.pdf", None, "this PDF is a scan: paste its text or upload a Word file"),
    ("locked.pdf", None, "encrypted PDF"),
    (
        "thanks.txt",
        b"Dear friend,\n\nThank you for the visit.\n\nSincerely,\n\nGroup A\n",
        "no asks were found",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD, ids=[b[0] for b in BAD])
def test_intake_refuses_bad_files_and_stores_nothing(
    runner, demo_file, tmp_path, name, data, message
):
    if name == "scan.pdf":
        data = scan_pdf_bytes()
    elif name == "locked.pdf":
        data = pdf_bytes(password="secret")
    path = _write(tmp_path, name, data)
    assert_rejected(runner, demo_file, ["intake", path, "--accept-all"], message)
    if name != "thanks.txt":  # extract opens a letter without asks for typing; intake refuses
        assert_rejected(runner, demo_file, ["extract", path], message)


def test_a_file_over_the_size_limit(runner, demo_file, tmp_path):
    path = _write(tmp_path, "huge.txt", b"a" * (10 * 1024 * 1024 + 1))
    assert_rejected(runner, demo_file, ["extract", path], "the limit is 10 MB")


def test_intake_needs_one_way_to_store(runner, demo_file):
    assert_rejected(runner, demo_file, ["intake", str(JOURNEY)], "--accept-all")
    assert_rejected(runner, demo_file, ["extract", "no-such-file.pdf"], "There is no file")


def test_links_need_the_admin_setting_for_a_local_server(runner, demo_file):
    with letter_server() as url:
        assert_rejected(runner, demo_file, ["extract", f"{url}/letter.html"], "private or local")
        ok(runner, demo_file, "private-links", "on")
        out = ok(runner, demo_file, "extract", f"{url}/letter.pdf", "--json").stdout
        assert json.loads(out)["asks"][0]["title"].startswith("Press the Mexican government")
        out = ok(runner, demo_file, "intake", f"{url}/letter.html", "--accept-all").stdout
        letter_id = int(out.split()[0].lstrip("#"))
        stored = query(demo_file, "SELECT url FROM letters WHERE id = ?", (letter_id,))
        assert stored == [{"url": f"{url}/letter.html"}]  # the link is kept as the source
        assert_rejected(runner, demo_file, ["extract", f"{url}/missing"], "answered 404")
        ok(runner, demo_file, "private-links", "off")
        assert_rejected(runner, demo_file, ["extract", f"{url}/letter.pdf"], "private or local")


def test_search_lists_matches_and_donors_see_public_only(runner, demo_file):
    out = ok(runner, demo_file, "search", "Ayotzinapa").stdout
    assert "ask" in out and "Ayotzinapa investigation" in out
    data = json.loads(ok(runner, demo_file, "search", "Ayotzinapa", "--json").stdout)
    assert {"letter", "ask"} <= {row["kind"] for row in data}
    public = json.loads(ok(runner, demo_file, "search", "Ayotzinapa", "--public", "--json").stdout)
    assert "letter" not in {row["kind"] for row in public}
    assert "Nothing matches" in ok(runner, demo_file, "search", "qwertyuiop").stdout


def test_docx_through_the_cli(runner, demo_file, tmp_path):
    path = _write(tmp_path, "letter.docx", docx_bytes(items=["Fund the mechanism in full."]))
    out = ok(runner, demo_file, "extract", path).stdout
    assert "Fund the mechanism in full" in out


@pytest.mark.parametrize(
    ("why", "shown"),
    [
        ('possible: says "must" but names no one to act', 'says "must" but names no one to act'),
        ('says "we urge"', 'says "we urge"'),  # a drafted ask's reason, as it is
        (
            "possible: opens like an instruction; possible wording",
            "opens like an instruction; possible wording",
        ),
    ],
)
def test_a_reason_reads_without_the_tier_label(why, shown):
    """One way, for the CLI and the app, to show why a sentence was offered."""
    assert intake.reason(why) == shown
