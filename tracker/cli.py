"""The ``tracker`` command: a thin skin over the package, for scripts and for people without
the app. Errors are one line on stderr and exit status 1; nothing is written on bad input."""

from __future__ import annotations

import getpass
import json
import sqlite3
import sys
from pathlib import Path

import click
import pandas as pd
from tabulate import tabulate

from tracker import demo, records, users
from tracker.auth import ROLES, Actor, acting_as
from tracker.changes import asks_moved_between
from tracker.db import default_db_path, open_db
from tracker.errors import NotFound, TrackerError
from tracker.filters import filter_options
from tracker.history import ask_history
from tracker.indicators import list_indicators
from tracker.letters import get_letter, list_letters
from tracker.spans import refresh_spans
from tracker.standing import STALE_DAYS, list_asks, stale_asks
from tracker.vocabulary import load_vocabulary


class TrackerGroup(click.Group):
    """Turns every TrackerError (and database error) into one clear line and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            with acting_as(cli_actor(None)):
                return super().invoke(ctx)
        except TrackerError as error:
            click.echo(f"Error: {error.message}", err=True)
            sys.exit(1)
        except sqlite3.Error as error:
            click.echo(f"Error: the database refused the change: {error}.", err=True)
            sys.exit(1)


def _db(ctx: click.Context, *, create: bool = False):
    db = open_db(ctx.obj["db_path"], create=create)
    ctx.call_on_close(db.close)
    return db


SQLITE_MAX_INTEGER = 2**63 - 1


def _id_in_range(what: str, hint: str):
    """A click callback for id arguments: an integer too large for SQLite cannot name a row, so
    it is reported as not found (instead of an OverflowError traceback from the driver).
    Anything that is not an integer passes through for the records layer to explain."""

    def check(ctx: click.Context, param: click.Parameter, value):
        for item in value if isinstance(value, tuple) else (value,):
            try:
                number = int(str(item).strip())
            except ValueError:
                continue
            if abs(number) > SQLITE_MAX_INTEGER:
                raise NotFound(f"no {what} with id {item}: {hint}", what)
        return value

    return check


_ASK_ID = _id_in_range("ask", "'tracker asks' lists them.")
_LETTER_ID = _id_in_range("letter", "'tracker letters' lists them.")
_INDICATOR_ID = _id_in_range("indicator", "'tracker indicators' lists them.")


def _who(by: str | None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "cli"


def cli_actor(by: str | None) -> Actor:
    """Whoever runs the CLI has the database file in hand: the local administrator, named by
    --by or the OS user name in the audit log."""
    return Actor(email=_who(by), role="admin", via="cli")


def _emit(frame: pd.DataFrame, columns: list[str], as_json: bool) -> None:
    """A table for people, or one JSON array for machines."""
    if as_json:
        click.echo(frame.to_json(orient="records", force_ascii=False))
        return
    if frame.empty:
        click.echo("(none)")
        return
    shown = frame[columns].astype(object).where(frame[columns].notna(), "")
    click.echo(tabulate(shown.values.tolist(), headers=columns, tablefmt="simple"))


@click.group(cls=TrackerGroup)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="TRACKER_DB",
    default=None,
    help="SQLite database file (default: $TRACKER_DB or data/tracker.db).",
)
@click.version_option(package_name="advocacy-tracker")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """Advocacy Tracker: letters, the asks they make, and whether those asks are being met."""
    ctx.ensure_object(dict)
    ctx.obj["db_path"] = db_path or default_db_path()


@cli.command()
@click.option("--demo", "with_demo", is_flag=True, help="Load the demo dataset (2018 letter).")
@click.option("--force", is_flag=True, help="Load the demo even if the database holds data.")
@click.option(
    "--rebuild",
    is_flag=True,
    help="Recompute the status spans and monthly counts from the history (after asks were "
    "edited outside the tracker, e.g. in Datasette).",
)
@click.pass_context
def init(ctx: click.Context, with_demo: bool, force: bool, rebuild: bool) -> None:
    """Create or migrate the database (safe to run again)."""
    db = _db(ctx, create=True)
    if with_demo:
        demo.check_can_load(db, force=force)  # refuse before writing anything
    load_vocabulary(db)
    click.echo(f"Database ready: {ctx.obj['db_path']}")
    if rebuild:
        with db.atomic():
            rows = refresh_spans(db)
        click.echo(f"Rebuilt the status spans: {rows} rows")
    if with_demo:
        counts = demo.load_demo(db, force=force)
        click.echo("Loaded the demo dataset: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    if users.count_users(db) == 0:
        click.echo(
            "No users yet. To sign in, open the app: its first-run page creates the first "
            "administrator. Or: tracker user add EMAIL --role admin --password-stdin"
        )


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@click.pass_context
def letters(ctx: click.Context, as_json: bool) -> None:
    """List letters, newest first."""
    frame = list_letters(_db(ctx))
    _emit(frame, ["id", "date_sent", "title", "author_org", "asks"], as_json)


@cli.command()
@click.option("--as-of", help="Show statuses as they were on this date (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@click.pass_context
def asks(ctx: click.Context, as_of: str | None, as_json: bool) -> None:
    """List asks with their current outcome and response status."""
    frame = list_asks(_db(ctx), as_of)
    _emit(
        frame, ["ask_id", "title", "theme", "status", "since", "response", "last_checked"], as_json
    )


@cli.command()
@click.option("--as-of", help="Latest values as of this date (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@click.pass_context
def indicators(ctx: click.Context, as_of: str | None, as_json: bool) -> None:
    """List indicators with latest value and computed progress status."""
    frame = list_indicators(_db(ctx), as_of)
    _emit(
        frame,
        ["indicator_id", "name", "latest_value", "latest_date", "target_value", "progress_status"],
        as_json,
    )


@cli.command()
@click.argument("ask_id", callback=_ASK_ID)
@click.argument("status")
@click.option("--date", "effective_date", required=True, help="When it happened (YYYY-MM-DD).")
@click.option("--note", default="", help="What happened (required unless a verification).")
@click.option(
    "--track", type=click.Choice(["outcome", "response"]), default="outcome", show_default=True
)
@click.option("--evidence", help="Evidence URL (http/https).")
@click.option("--public", is_flag=True, help="Public entry (donors may see it).")
@click.option("--by", help="Who records it (default: your OS user name).")
@click.option(
    "--supersedes",
    type=int,
    callback=_id_in_range("status update", "'tracker history ASK_ID' lists them."),
    help="Id of the entry this one corrects.",
)
@click.pass_context
def update(ctx, ask_id, status, effective_date, note, track, evidence, public, by, supersedes):
    """Record a status update for an ask (same status again = a verification)."""
    db = _db(ctx)
    with acting_as(cli_actor(by)):
        row = records.record_status_update(
            db,
            ask_id,
            status,
            effective_date=effective_date,
            note=note,
            track=track,
            evidence_url=evidence,
            visibility="public" if public else "internal",
            supersedes_id=supersedes,
        )
    click.echo(
        f"Recorded {row['kind']} #{row['id']}: ask {row['ask_id']} {row['track']} -> "
        f"{row['status']} on {row['effective_date']}"
    )


@cli.command()
@click.argument("ask_id", callback=_ASK_ID)
@click.option("--date", "on", help="When it was checked (default today).")
@click.option("--track", type=click.Choice(["outcome", "response"]), default="outcome")
@click.option("--by", help="Who checked it (default: your OS user name).")
@click.pass_context
def verify(ctx, ask_id, on, track, by):
    """Record that an ask was checked and nothing changed."""
    db = _db(ctx)
    with acting_as(cli_actor(by)):
        row = records.verify_ask(db, ask_id, track=track, on=on)
    click.echo(f"Verified ask {row['ask_id']}: still {row['status']} ({row['effective_date']})")


@cli.command()
@click.argument("ask_id", callback=_ASK_ID)
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@click.pass_context
def history(ctx: click.Context, ask_id: str, as_json: bool) -> None:
    """An ask's full status history, newest first."""
    frame = ask_history(_db(ctx), ask_id)
    _emit(
        frame,
        ["id", "track", "effective_date", "status", "kind", "note", "recorded_by", "superseded_by"],
        as_json,
    )


@cli.command()
@click.argument("indicator_id", callback=_INDICATOR_ID)
@click.argument("value")
@click.option("--date", required=True, help="The date the value refers to (YYYY-MM-DD).")
@click.option("--source", help="Source URL.")
@click.option("--note", default="")
@click.option("--by", help="Who records it (default: your OS user name).")
@click.pass_context
def observe(ctx, indicator_id, value, date, source, note, by):
    """Record an observation of an indicator."""
    db = _db(ctx)
    with acting_as(cli_actor(by)):
        obs_id = records.record_observation(
            db,
            indicator_id,
            value,
            date=date,
            source_url=source,
            note=note,
        )
    click.echo(f"Recorded observation #{obs_id} of indicator {indicator_id}: {value} on {date}")


@cli.command("add-indicator")
@click.option("--name", required=True)
@click.option("--direction", required=True, metavar="higher|lower", help="Which way is better.")
@click.option("--unit", default="")
@click.option("--description", default="")
@click.option("--baseline", "baseline_value", help="Baseline value (with --baseline-date).")
@click.option("--baseline-date", help="YYYY-MM-DD.")
@click.option("--target", "target_value", help="Target value (with --target-date).")
@click.option("--target-date", help="YYYY-MM-DD; may be in the future.")
@click.option("--source", help="Where the series comes from (URL).")
@click.option("--ask", "ask_ids", multiple=True, type=int, help="Ask id it measures (repeat).")
@click.option("--by", help="Who adds it (default: your OS user name).")
@click.pass_context
def add_indicator(ctx, by, **fields):
    """Add an indicator (impunity rate, convictions, asylum claims...) to record values of."""
    db = _db(ctx)
    with acting_as(cli_actor(by)):
        indicator_id = records.add_indicator(db, **fields)
    click.echo(f"Added indicator #{indicator_id}: {fields['name']}")


@cli.command("add-letter")
@click.option("--title", required=True)
@click.option("--date", "date_sent", required=True, help="Date sent (YYYY-MM-DD).")
@click.option("--author", "author_org", required=True, help="Authoring organization.")
@click.option("--cosigner", "cosigners", multiple=True, help="A co-signer (repeat for more).")
@click.option("--recipient-person")
@click.option("--recipient-office")
@click.option("--url")
@click.option("--text-file", type=click.File("r", encoding="utf-8"), help="Full text, from a file.")
@click.option("--summary", default="")
@click.option("--by", help="Who enters it (default: your OS user name).")
@click.pass_context
def add_letter(
    ctx,
    title,
    date_sent,
    author_org,
    cosigners,
    recipient_person,
    recipient_office,
    url,
    text_file,
    summary,
    by,
):
    """Add a letter."""
    try:
        full_text = text_file.read() if text_file else ""
    except UnicodeDecodeError:
        raise TrackerError(
            f"cannot read '{text_file.name}': it is not UTF-8 text (save it as UTF-8)."
        ) from None
    db = _db(ctx)
    with acting_as(cli_actor(by)):
        letter_id = records.add_letter(
            db,
            title=title,
            date_sent=date_sent,
            author_org=author_org,
            cosigners=cosigners,
            recipient_person=recipient_person,
            recipient_office=recipient_office,
            url=url,
            full_text=full_text,
            summary=summary,
        )
    click.echo(f"Added letter #{letter_id}: {title}")


@cli.command("add-ask")
@click.option("--title", required=True)
@click.option("--target", required=True, help="Who must act, e.g. 'Government of Mexico'.")
@click.option("--theme", required=True)
@click.option("--country", required=True)
@click.option("--wording", default="", help="The ask's wording, quoted from the letter.")
@click.option("--owner")
@click.option("--priority", type=click.Choice(["high", "medium", "low"]), default="medium")
@click.option(
    "--letter",
    "letter_ids",
    multiple=True,
    callback=_LETTER_ID,
    help="Id of a letter making the ask.",
)
@click.option("--passage", default="", help="The passage of the letter that makes the ask.")
@click.option("--added-on", help="When the ask was first made (default: the letter's date).")
@click.option("--by", help="Who enters it (default: your OS user name).")
@click.pass_context
def add_ask(
    ctx, title, target, theme, country, wording, owner, priority, letter_ids, passage, added_on, by
):
    """Add an ask, linked to the letters that make it."""
    db = _db(ctx)
    with acting_as(cli_actor(by)):
        ask_id = records.add_ask(
            db,
            title=title,
            target=target,
            theme=theme,
            country=country,
            wording=wording,
            owner=owner,
            priority=priority,
            added_on=added_on,
            letters=[(lid, passage) for lid in letter_ids],
        )
    click.echo(f"Added ask #{ask_id}: {title}")


@cli.command("link-ask")
@click.argument("letter_id", callback=_LETTER_ID)
@click.argument("ask_id", callback=_ASK_ID)
@click.option("--passage", default="", help="The passage of the letter that makes the ask.")
@click.pass_context
def link_ask(ctx, letter_id, ask_id, passage):
    """Record that a letter makes an existing ask again."""
    records.link_ask(_db(ctx), letter_id, ask_id, passage)
    click.echo(f"Linked ask {ask_id} to letter {letter_id}")


@cli.command()
@click.option("--days", default=STALE_DAYS, show_default=True, help="Days without a check.")
@click.option("--as-of", help="As of this date (default today).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def stale(ctx, days, as_of, as_json):
    """Asks nobody has updated or verified for a while, stalest first."""
    frame = stale_asks(_db(ctx), as_of, days=days)
    _emit(
        frame, ["ask_id", "title", "owner", "status", "last_checked", "days_since_checked"], as_json
    )


@cli.command()
@click.option("--since", required=True, help="Start date (YYYY-MM-DD).")
@click.option("--until", help="End date (default today).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def changes(ctx, since, until, as_json):
    """Asks whose status moved up or down, or that were added, between two dates."""
    from tracker.dates import today

    frame = asks_moved_between(_db(ctx), since, until or today().isoformat())
    _emit(frame, ["ask_id", "title", "change", "status_before", "status_after"], as_json)


# --- Snapshots: what donors see, previewed as a file or published and frozen ------------------

EXPORT_KINDS = {".html": "html", ".pdf": "pdf", ".xlsx": "xlsx", ".csv": "asks.csv"}
_SNAPSHOT_ID = _id_in_range("snapshot", "'tracker snapshots list' lists them.")


# tracker.report.TABLES names them (tests/test_snapshot_cli.py checks that this help does);
# spelled out here so that loading the CLI does not load Plotly.
TABLE_HELP = (
    "With FILE.csv, the table to write: asks (the default), indicators, changes, status-mix, "
    "status-by-theme, progress-by-theme or indicator-values."
)
OUT_HELP = "FILE.html, FILE.pdf, FILE.xlsx (every table) or FILE.csv (one table: see --table)."


def _table_option(command):
    return click.option("--table", metavar="NAME", default=None, help=TABLE_HELP)(command)


def _export_kind(out: Path, table: str | None = None) -> str:
    """The export a file name (and --table, for a CSV) asks for, checked before any work."""
    kind = EXPORT_KINDS.get(out.suffix.lower())
    if kind is None:
        raise TrackerError(
            f"cannot export to '{out}': unknown extension '{out.suffix or '(none)'}', use "
            + ", ".join(EXPORT_KINDS)
            + "."
        )
    if table is None:
        return kind
    from tracker.report import TABLES

    if table not in TABLES:
        raise TrackerError(f"unknown table '{table}': use one of {', '.join(TABLES)}.", "table")
    if kind != EXPORT_KINDS[".csv"]:
        raise TrackerError(
            f"--table picks the table of a CSV file: write FILE.csv, not '{out.name}', or leave "
            "--table out.",
            "table",
        )
    return f"{table}.csv"


def _snapshot_id(value: str) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise TrackerError(f"snapshot id '{value}' is not a number.", "snapshot") from None


def _scope(db, themes: tuple[str, ...], letter_ids: tuple[str, ...]) -> dict:
    """The snapshot scope, each theme and letter checked to exist (a typo would otherwise make
    an empty report)."""
    from tracker.snapshots import normalise_scope

    known = filter_options(db)["themes"]
    for theme in themes:
        if theme not in known:
            raise TrackerError(
                f"unknown theme '{theme}': use one of {', '.join(known) or '(no asks yet)'}."
            )
    ids = []
    for letter in letter_ids:
        try:
            number = int(str(letter).strip())
        except ValueError:
            raise TrackerError(f"letter id '{letter}' is not a number.", "letter") from None
        if get_letter(db, number) is None:
            raise NotFound(f"no letter with id {letter}: 'tracker letters' lists them.", "letter")
        ids.append(number)
    return normalise_scope(themes, ids)


def _write(out: Path, data: bytes) -> None:
    try:
        out.write_bytes(data)
    except OSError as error:
        raise TrackerError(f"cannot write '{out}': {error.strerror or error}.") from None
    click.echo(f"Wrote {out} ({len(data):,} bytes)")


def _check_out(out: Path, table: str | None = None) -> str:
    """The export kind for ``out`` (and ``table``), after checking it can be made: a file name
    and table we know, a folder that exists, and Chromium for a PDF. Checked before anything
    is published."""
    from tracker.report import ExportUnavailable, chromium_path

    kind = _export_kind(out, table)
    if not out.parent.is_dir():
        raise TrackerError(f"cannot write '{out}': there is no folder '{out.parent}'.")
    if kind == "pdf" and chromium_path() is None:
        raise ExportUnavailable(
            "PDF export needs Chromium, which is not installed here: write FILE.html instead."
        )
    return kind


def _printing_pdf() -> None:
    click.echo("Printing PDF with Chromium...", err=True)


@cli.command()
@click.option("--as-of", "as_of", required=True, help="The date the report is as of.")
@click.option("--theme", "themes", multiple=True, help="Only asks of this theme (repeat).")
@click.option(
    "--letter", "letter_ids", multiple=True, callback=_LETTER_ID, help="Only this letter's asks."
)
@click.option("--title", default="", help="Report title (default: 'Progress as of DATE').")
@click.option("--narrative", default="", help="The text donors read first.")
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help=OUT_HELP
)
@_table_option
@click.pass_context
def snapshot(ctx, as_of, themes, letter_ids, title, narrative, out, table):
    """Export what donors would see as of a date, without publishing anything."""
    from tracker import report
    from tracker import snapshots as snaps

    kind = _check_out(out, table)
    db = _db(ctx)
    content = snaps.preview(
        db, as_of, scope=_scope(db, themes, letter_ids), title=title, narrative=narrative
    )
    if kind == "pdf":
        _printing_pdf()
    _write(out, report.export(content, kind))


@cli.group()
def snapshots() -> None:
    """Published progress snapshots for donors: frozen when published, withdrawn not deleted."""


@snapshots.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@click.pass_context
def snapshots_list(ctx, as_json):
    """Snapshots, newest first, withdrawn ones included."""
    from tracker import snapshots as snaps

    db = _db(ctx)
    frame = snaps.list_snapshots(db)
    frame.insert(
        4, "scope", [snaps.describe_scope(db, json.loads(key)) for key in frame["scope_key"]]
    )
    _emit(frame, ["id", "as_of", "title", "scope", "status", "published_at", "token"], as_json)


@snapshots.command("publish")
@click.option("--as-of", "as_of", required=True, help="The date the snapshot is as of.")
@click.option("--theme", "themes", multiple=True, help="Only asks of this theme (repeat).")
@click.option(
    "--letter", "letter_ids", multiple=True, callback=_LETTER_ID, help="Only this letter's asks."
)
@click.option("--title", default="", help="The snapshot's title (required).")
@click.option("--narrative", default="", help="The text donors read first (required).")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Also write it to " + OUT_HELP
)
@_table_option
@click.option("--by", help="Who publishes it (default: your OS user name).")
@click.pass_context
def snapshots_publish(ctx, as_of, themes, letter_ids, title, narrative, out, table, by):
    """Freeze and publish a snapshot; prints its id and link token."""
    from tracker import snapshots as snaps
    from tracker.errors import ValidationError

    if table is not None and out is None:
        raise ValidationError("--table picks the table of --out FILE.csv: add --out.", "table")
    kind = _check_out(out, table) if out else None
    if not title.strip():
        raise ValidationError("--title is required: donors see it first.", "title")
    db = _db(ctx)
    scope = _scope(db, themes, letter_ids)
    with acting_as(cli_actor(by)):
        row = snaps.publish(db, as_of, scope=scope, title=title, narrative=narrative)
    click.echo(f"Published snapshot #{row['id']}: {row['title']} (as of {row['as_of']})")
    click.echo(f"Token: {row['token']}")
    click.echo(f"Link: ?snapshot={row['token']}")
    if kind:
        if kind == "pdf":
            _printing_pdf()
        try:
            _write(out, snaps.export_file(db, row["id"], kind))
        except TrackerError as error:  # published all the same: say so, and how to retry
            raise TrackerError(
                f"snapshot #{row['id']} is published, but the file was not written "
                f"({error.message}) Retry with: tracker snapshots export {row['id']} --out {out}"
                + (f" --table {table}" if table else "")
            ) from None


@snapshots.command("withdraw")
@click.argument("snapshot_id", callback=_SNAPSHOT_ID)
@click.option("--reason", default="", help="Why (required): the link shows it.")
@click.option("--by", help="Who withdraws it (default: your OS user name).")
@click.pass_context
def snapshots_withdraw(ctx, snapshot_id, reason, by):
    """Withdraw a snapshot: its link then says so. Nothing is deleted."""
    from tracker import snapshots as snaps

    number = _snapshot_id(snapshot_id)
    with acting_as(cli_actor(by)):
        snaps.withdraw(_db(ctx), number, reason)
    click.echo(f"Withdrew snapshot #{number}: {reason.strip()}")


@snapshots.command("export")
@click.argument("snapshot_id", callback=_SNAPSHOT_ID)
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help=OUT_HELP
)
@_table_option
@click.pass_context
def snapshots_export(ctx, snapshot_id, out, table):
    """Write a published snapshot to a file, byte-identical every time."""
    from tracker import snapshots as snaps

    kind = _check_out(out, table)
    number = _snapshot_id(snapshot_id)
    db = _db(ctx)
    if snaps.cached_file(db, number, kind) is None and kind == "pdf":  # NotFound first
        _printing_pdf()
    _write(out, snaps.export_file(db, number, kind))


def main() -> None:  # pragma: no cover - console entry
    cli(obj={})


# checked by tracker.users (one line, exit 1), like every other bad value, not by click
ROLE_CHOICES = "[" + "|".join(ROLES) + "]"


@cli.group()
def user() -> None:
    """Manage who may use the app, and in which role (admin, officer, leadership, donor)."""


@user.command("add")
@click.argument("email")
@click.option("--role", metavar=ROLE_CHOICES, required=True)
@click.option("--name", default="", help="Display name.")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read a password for built-in sign-in from standard input (not needed with OIDC).",
)
@click.pass_context
def user_add(ctx, email, role, name, password_stdin):
    """Give EMAIL access with ROLE."""
    password = _read_password() if password_stdin else None
    row = users.add_user(_db(ctx), email, role, name=name, password=password)
    click.echo(f"Added {row['email']} as {row['role']}" + (" with a password" if password else ""))


@user.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def user_list(ctx, as_json):
    """List users and their roles."""
    frame = users.list_users(_db(ctx))
    _emit(frame, ["email", "name", "role", "has_password", "last_sign_in"], as_json)


@user.command("remove")
@click.argument("email")
@click.pass_context
def user_remove(ctx, email):
    """Take away EMAIL's access."""
    users.remove_user(_db(ctx), email)
    click.echo(f"Removed {email}")


@user.command("set-role")
@click.argument("email")
@click.argument("role", metavar=ROLE_CHOICES)
@click.pass_context
def user_set_role(ctx, email, role):
    """Change EMAIL's role."""
    row = users.set_role(_db(ctx), email, role)
    click.echo(f"{row['email']} is now {row['role']}")


@user.command("password")
@click.argument("email")
@click.pass_context
def user_password(ctx, email):
    """Set EMAIL's built-in password, read from standard input."""
    users.set_password(_db(ctx), email, _read_password())
    click.echo(f"Password set for {email}")


def _read_password() -> str:
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise TrackerError("no password on standard input: pipe one in, e.g. with printf.")
    return line
