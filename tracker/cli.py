"""The ``tracker`` command: a thin skin over the package, for scripts and for people without
the app. Errors are one line on stderr and exit status 1; nothing is written on bad input."""

from __future__ import annotations

import contextlib
import functools
import getpass
import json
import sqlite3
import sys
from pathlib import Path

import click
import pandas as pd
from tabulate import tabulate

from tracker import audit, backups, demo, importer, reading, records, report, users
from tracker import intake as letter_intake
from tracker import search as full_text
from tracker import snapshots as snaps
from tracker.auth import ROLES, Actor, acting_as, set_actor
from tracker.changes import asks_moved_between
from tracker.counting import how_many
from tracker.dates import earliest_date, today
from tracker.db import default_db_path, open_db, translate
from tracker.drafting import draft_letter
from tracker.errors import FormErrors, NotFound, StaleForm, TrackerError, ValidationError
from tracker.export import export_tracker, template_xlsx
from tracker.files import check_destination, write_atomically
from tracker.filters import filter_options
from tracker.history import ask_history, dated_before_added
from tracker.importer import counted
from tracker.indicators import list_indicators
from tracker.letters import get_letter, list_letters
from tracker.report import TABLES, ExportUnavailable, chromium_path
from tracker.snapshots import normalise_scope
from tracker.spans import rebuild_spans
from tracker.standing import STALE_DAYS, list_asks, stale_asks
from tracker.vocabulary import TRACKS, load_vocabulary

FILE = click.Path(dir_okay=False, path_type=Path)  # a file's name, never a folder's


def _fail(message: str) -> None:
    """The CLI's one way to refuse: one line on stderr, exit status 1."""
    click.echo("Error: " + " ".join(message.split()), err=True)
    sys.exit(1)


class TrackerGroup(click.Group):
    """Turns every TrackerError, database error and usage error (an unknown option, a
    missing argument) into one clear line on stderr and exit status 1, as the README says."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        for number, arg in enumerate(args if args is not None else sys.argv[1:], start=1):
            if "\x00" in str(arg):
                _fail(f"argument {number} holds a NUL character: remove it and try again.")
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:  # 'tracker' or 'tracker user'
            click.echo(error.ctx.get_help() if error.ctx else error.format_message())
            code = 0
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "tracker"
            _fail(f"{error.format_message().rstrip('.')} (see '{where} --help').")
        except click.ClickException as error:
            _fail(error.format_message())
        except click.Abort:
            _fail("stopped before anything was written.")
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            with acting_as(cli_actor(None)):
                return super().invoke(ctx)
        except TrackerError as error:
            _fail(error.message)
        except sqlite3.Error as error:
            known = translate(error, ctx.obj.get("db_path") if ctx.obj else "")
            _fail(known.message if known else f"the database refused the change: {error}.")


def _db(ctx: click.Context, *, create: bool = False):
    db = open_db(ctx.obj["db_path"], create=create)
    ctx.call_on_close(db.close)
    return db


SQLITE_MAX_INTEGER = 2**63 - 1


def _id_in_range(what: str, hint: str):
    """A click callback: an id too large for SQLite names no row (not found, not the driver's
    OverflowError); a non-integer passes through for records to explain."""

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


def cli_actor(by: str | None) -> Actor:
    """Whoever runs the CLI has the database file in hand: the local administrator, named by
    --by or the OS user name in the audit log."""
    try:
        who = by or getpass.getuser()
    except Exception:  # no user name in some containers
        who = "cli"
    return Actor(email=who, role="admin", via="cli")


def _by(who: str):
    """``--by NAME``: the person the audit log names for this command's writes. The callback
    makes them the acting user; TrackerGroup.invoke restores the default after the command."""
    return click.option(
        "--by",
        expose_value=False,
        callback=lambda ctx, param, value: set_actor(cli_actor(value)),
        help=f"{who} (default: your OS user name).",
    )


_json = click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
_track = click.option("--track", type=click.Choice(TRACKS), default="outcome", show_default=True)


def _listing(*columns: str):
    """A listing command: the frame it returns shown as a table of ``columns``, or with
    ``--json`` as one JSON array (every column)."""

    def decorate(command):
        @_json
        @click.pass_context
        @functools.wraps(command)
        def listing(ctx: click.Context, as_json: bool, **options) -> None:
            _emit(command(ctx, **options), list(columns), as_json)

        return listing

    return decorate


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
    type=FILE,
    envvar="TRACKER_DB",
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
        rows = rebuild_spans(db)  # in short transactions: the app's writes go on meanwhile
        click.echo(f"Rebuilt the status spans: {how_many(rows, 'row')}")
    if with_demo:
        counts = demo.load_demo(db, force=force)
        loaded = ", ".join(how_many(n, kind.removesuffix("s"), kind) for kind, n in counts.items())
        click.echo(f"Loaded the demo dataset: {loaded}")
    if users.count_users(db) == 0:
        click.echo(
            "No users yet. To sign in, open the app: its first-run page creates the first "
            "administrator. Or: tracker user add EMAIL --role admin --password-stdin"
        )


@cli.command()
@_listing("id", "date_sent", "title", "author_org", "asks")
def letters(ctx: click.Context) -> pd.DataFrame:
    """List letters, newest first."""
    return list_letters(_db(ctx))


@cli.command()
@click.option("--as-of", help="Show statuses as they were on this date (YYYY-MM-DD).")
@_listing("ask_id", "title", "theme", "status", "since", "response", "last_checked")
def asks(ctx: click.Context, as_of: str | None) -> pd.DataFrame:
    """List asks with their current outcome and response status."""
    return list_asks(_db(ctx), as_of)


@cli.command()
@click.option("--as-of", help="Latest values as of this date (YYYY-MM-DD).")
@_listing("indicator_id", "name", "latest_value", "latest_date", "target_value", "progress_status")
def indicators(ctx: click.Context, as_of: str | None) -> pd.DataFrame:
    """List indicators with latest value and computed progress status."""
    return list_indicators(_db(ctx), as_of)


@cli.command()
@click.argument("ask_id", callback=_ASK_ID)
@click.argument("status")
@click.option("--date", "effective_date", required=True, help="When it happened (YYYY-MM-DD).")
@click.option("--note", default="", help="What happened (required unless a verification).")
@_track
@click.option("--evidence", "evidence_url", help="Evidence URL (http/https).")
@click.option(
    "--public",
    "visibility",
    flag_value="public",
    default="internal",
    help="Public entry (donors may see it).",
)
@_by("Who records it")
@click.option(
    "--supersedes",
    "supersedes_id",
    type=int,
    callback=_id_in_range("status update", "'tracker history ASK_ID' lists them."),
    help="Id of the entry this one corrects.",
)
@click.option(
    "--expect-latest",
    type=int,
    help="Refuse if the ask's latest entry on this track is not this id (0: no entry yet), "
    "e.g. someone recorded one since you looked ('tracker history ASK_ID').",
)
@click.pass_context
def update(ctx, ask_id, status, **fields):
    """Record a status update for an ask (same status again = a verification).

    Example: tracker update 7 in_progress --date 2015-03-01 --note "Bill tabled"
    """
    db = _db(ctx)
    before_added = dated_before_added(db, ask_id, fields["effective_date"])
    with _stale_said_for_the_shell(fields["expect_latest"]):
        row = records.record_status_update(db, ask_id, status, **fields)
    click.echo(
        f"Recorded {row['kind']} #{row['id']}: ask {row['ask_id']} {row['track']} -> "
        f"{row['status']} on {row['effective_date']}"
    )
    if before_added:  # a background entry, or a mistyped year: said, not refused
        click.echo(f"Note: {before_added}")


@cli.command()
@click.argument("ask_id", callback=_ASK_ID)
@click.option("--date", "on", help="When it was checked (default today).")
@_track
@_by("Who checked it")
@click.pass_context
def verify(ctx, ask_id, **fields):
    """Record that an ask was checked and nothing changed."""
    row = records.verify_ask(_db(ctx), ask_id, **fields)
    click.echo(f"Verified ask {row['ask_id']}: still {row['status']} ({row['effective_date']})")


@cli.command()
@click.argument("ask_id", callback=_ASK_ID)
@_listing("id", "track", "effective_date", "status", "kind", "note", "recorded_by", "superseded_by")
def history(ctx: click.Context, ask_id: str) -> pd.DataFrame:
    """An ask's full status history, newest first."""
    return ask_history(_db(ctx), ask_id)


# a negative value (-5) is a value, not an unknown option: no "--" needed before it
@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("indicator_id", callback=_INDICATOR_ID)
@click.argument("value")
@click.option("--date", required=True, help="The date the value refers to (YYYY-MM-DD).")
@click.option("--source", "source_url", help="Source URL.")
@click.option("--note", default="")
@_by("Who records it")
@click.option(
    "--expect-latest",
    type=int,
    help="Refuse if the indicator's latest observation is not this id (0: none yet).",
)
@click.option(
    "--corrects",
    type=int,
    help="Id of the observation this value corrects (the date's value it replaces).",
)
@click.pass_context
def observe(ctx, indicator_id, value, **fields):
    """Record an observation of an indicator. VALUE is a plain number: 1234.5, not 1,234.5.
    An indicator holds one value per date: to change a date's value, pass --corrects ID.

    Example: tracker observe 4 5 --date 2023-12-31 --source https://rsf.org --corrects 37
    """
    db = _db(ctx)
    old = next(db["observations"].rows_where("id = ?", [fields["corrects"] or 0]), None)
    with _stale_said_for_the_shell(fields["expect_latest"]):
        obs_id = records.record_observation(db, indicator_id, value, **fields)
    if old:
        click.echo(
            f"Corrected observation #{old['id']} of indicator {indicator_id} on "
            f"{fields['date']}: {old['value']:g} -> {value} (now observation #{obs_id})"
        )
        return
    click.echo(
        f"Recorded observation #{obs_id} of indicator {indicator_id}: {value} on {fields['date']}"
    )


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
@_by("Who adds it")
@click.pass_context
def add_indicator(ctx, **fields):
    """Add an indicator (impunity rate, convictions, asylum claims...) to record values of."""
    indicator_id = records.add_indicator(_db(ctx), **fields)
    click.echo(f"Added indicator #{indicator_id}: {fields['name']}")


@cli.command("earliest-date")
@click.argument("date", required=False)
@_by("Who changes it")
@click.pass_context
def earliest_date_command(ctx, date):
    """Show, or set, the earliest date that may be recorded (default 1970-01-01).

    Example: tracker earliest-date 1950-01-01
    """
    db = _db(ctx)
    if date:
        records.set_earliest_date(db, date)
    click.echo(f"Dates may be recorded from {earliest_date(db).isoformat()} to today.")


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
@_by("Who enters it")
@click.pass_context
def add_letter(ctx, text_file, **fields):
    """Add a letter."""
    try:
        full_text = text_file.read() if text_file else ""
    except UnicodeDecodeError:
        raise TrackerError(
            f"cannot read '{text_file.name}': it is not UTF-8 text (save it as UTF-8)."
        ) from None
    letter_id = records.add_letter(_db(ctx), full_text=full_text, **fields)
    click.echo(f"Added letter #{letter_id}: {fields['title']}")


@cli.command("add-ask")
@click.option("--title", required=True)
@click.option("--target", required=True, help="Who must act, e.g. 'Government of Mexico'.")
@click.option("--theme", required=True)
@click.option("--country", required=True)
@click.option("--wording", default="", help="The ask's wording, quoted from the letter.")
@click.option("--owner")
@click.option("--priority", type=click.Choice(records.PRIORITIES), default="medium")
@click.option(
    "--letter",
    "letter_ids",
    multiple=True,
    callback=_LETTER_ID,
    help="Id of a letter making the ask.",
)
@click.option("--passage", default="", help="The passage of the letter that makes the ask.")
@click.option("--added-on", help="When the ask was first made (default: the letter's date).")
@_by("Who enters it")
@click.pass_context
def add_ask(ctx, letter_ids, passage, **fields):
    """Add an ask, linked to the letters that make it."""
    letters = [(letter_id, passage) for letter_id in letter_ids]
    ask_id = records.add_ask(_db(ctx), letters=letters, **fields)
    click.echo(f"Added ask #{ask_id}: {fields['title']}")


@cli.command("link-ask")
@click.argument("letter_id", callback=_LETTER_ID)
@click.argument("ask_id", callback=_ASK_ID)
@click.option("--passage", default="", help="The passage of the letter that makes the ask.")
@click.pass_context
def link_ask(ctx, letter_id, ask_id, passage):
    """Record that a letter makes an existing ask again."""
    records.link_ask(_db(ctx), letter_id, ask_id, passage)
    click.echo(f"Linked ask {ask_id} to letter {letter_id}")


def _echo_changes(what: str, changes: dict) -> None:
    """What a correction changed, one detail a line, from what to what."""
    click.echo(f"Corrected {what}:")
    for line in audit.changes_in_words(changes):
        click.echo(f"  {line}")


# what --expect names each detail by (the edit command's own option names; a letter's
# co-signers one name per --expect cosigner=NAME)
ASK_EXPECT = {name: name for name in records.ASK_DETAILS}
LETTER_EXPECT = {
    "title": "title",
    "date": "date_sent",
    "author": "author_org",
    "cosigner": "cosigners",
    "recipient-person": "recipient_person",
    "recipient-office": "recipient_office",
    "url": "url",
    "summary": "summary",
}


def _expect(fields: dict):
    """``--expect FIELD=VALUE`` (repeatable): the details as the person last saw them, so a
    correction made since by someone else is refused rather than overwritten (the app's
    guard: records' ``expected``)."""

    def parse(ctx: click.Context, param: click.Parameter, values: tuple) -> dict | None:
        expected: dict = {}
        for item in values:
            name, equals, value = item.partition("=")
            if not equals:
                raise ValidationError(
                    f"--expect {item}: give it as FIELD=VALUE, e.g. --expect "
                    f'{next(iter(fields))}="..." (what you saw).',
                    "expected",
                )
            field = fields.get(name.strip().lower())
            if field is None:
                raise ValidationError(
                    f"--expect {name}: no such detail here (these are: {', '.join(fields)}).",
                    "expected",
                )
            if field == "cosigners":
                expected.setdefault(field, []).append(value)
            else:
                expected[field] = value
        return expected or None

    return click.option(
        "--expect",
        "expected",
        multiple=True,
        metavar="FIELD=VALUE",
        callback=parse,
        help="Refuse, saving nothing, if FIELD is no longer VALUE (what you saw: someone may "
        f"have corrected it since). Repeatable; FIELD is one of {', '.join(fields)}.",
    )


@contextlib.contextmanager
def _stale_said_for_the_shell(expected: int | None):
    """A write --expect-latest refused, said in the shell's terms: the entry the option named,
    not a form, and the option to give when running the command again."""
    try:
        yield
    except StaleForm as error:
        since = f"since entry #{expected}" if expected else "since it had no entry"
        message = error.message.replace(records.SINCE_OPENED, since)
        message = message.replace(records.RELOAD, "list the entries again and check")
        if error.latest.get("id"):
            again = f"then run the command again with --expect-latest {error.latest['id']}"
            message = message.replace(records.RECORD_ANYWAY, again + " if yours still holds")
        raise TrackerError(message) from None


def _edited(edit, record_id: int, changes: dict, expected: dict | None):
    """records' edit with the --expect guard, its refusal said for the command line."""
    try:
        return edit(_db(click.get_current_context()), record_id, expected=expected, **changes)
    except StaleForm as error:
        raise TrackerError(
            f"{error.latest['said']}, not what --expect says. Nothing was saved: check the "
            "change, then run the command again (with --expect as it is now) if yours still "
            "holds."
        ) from None


@cli.command("edit-ask")
@click.argument("ask_id", callback=_ASK_ID)
@click.option("--title")
@click.option("--wording")
@click.option("--target", help="Who must act.")
@click.option("--theme")
@click.option("--country")
@click.option("--owner", help="Who reviews it ('' for nobody).")
@click.option("--priority", help="high, medium or low.")
@_expect(ASK_EXPECT)
@_by("Who corrects it")
@click.pass_context
def edit_ask(ctx, ask_id, expected, **fields):
    """Correct an ask's details: only the options given change; the audit log keeps the old
    values.

    Example: tracker edit-ask 3 --owner "Ben Ortiz" --theme "Rule of law"
    """
    changes = {field: value for field, value in fields.items() if value is not None}
    if not changes:
        raise TrackerError(
            "say what to correct, e.g. --title or --owner (see 'tracker edit-ask --help')."
        )
    changed = _edited(records.edit_ask, ask_id, changes, expected)
    _echo_changes(f"ask #{ask_id}", changed)


@cli.command("edit-letter")
@click.argument("letter_id", callback=_LETTER_ID)
@click.option("--title")
@click.option("--date", "date_sent", help="Date sent (YYYY-MM-DD).")
@click.option("--author", "author_org", help="Authoring organization.")
@click.option(
    "--cosigner",
    "cosigners",
    multiple=True,
    help="A co-signer (repeat for more): replaces the list.",
)
@click.option("--no-cosigners", is_flag=True, help="The letter has no co-signers.")
@click.option("--recipient-person")
@click.option("--recipient-office")
@click.option("--url")
@click.option("--summary")
@_expect(LETTER_EXPECT)
@_by("Who corrects it")
@click.pass_context
def edit_letter(ctx, cosigners, no_cosigners, expected, **fields):
    """Correct a letter's details: only the options given change; the audit log keeps the old
    values. A new date moves the "made since" date of the asks dated by their letters.

    Example: tracker edit-letter 2 --date 2024-03-05 --cosigner "Group A" --cosigner "Group B"
    """
    letter_id = fields.pop("letter_id")
    changes = {field: value for field, value in fields.items() if value is not None}
    if cosigners and no_cosigners:
        raise ValidationError("give --cosigner or --no-cosigners, not both.", "cosigners")
    if cosigners or no_cosigners:
        changes["cosigners"] = list(cosigners)
    if not changes:
        raise TrackerError(
            "say what to correct, e.g. --title or --date (see 'tracker edit-letter --help')."
        )
    result = _edited(records.edit_letter, letter_id, changes, expected)
    _echo_changes(f"letter #{letter_id}", result["changes"])
    for ask_id, (before, after) in result["asks_moved"].items():
        click.echo(
            f"  Ask #{ask_id} is now made since {after} (was {before}): its letters' earliest date."
        )


@cli.command()
@click.option("--days", default=STALE_DAYS, show_default=True, help="Days without a check.")
@click.option("--as-of", help="As of this date (default today).")
@_listing("ask_id", "title", "owner", "status", "last_checked", "days_since_checked")
def stale(ctx, days, as_of):
    """Asks nobody has updated or verified for a while, stalest first."""
    return stale_asks(_db(ctx), as_of, days=days)


@cli.command()
@click.option("--since", required=True, help="Start date (YYYY-MM-DD).")
@click.option("--until", help="End date (default today).")
@_listing("ask_id", "title", "change", "status_before", "status_after")
def changes(ctx, since, until):
    """Asks whose status moved up or down, or that were added, between two dates."""
    return asks_moved_between(_db(ctx), since, until or today().isoformat())


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


def _out_options(*, required: bool = True, help: str = OUT_HELP):
    """``--out FILE`` and, for a CSV file, ``--table NAME``: where a snapshot is written."""

    def decorate(command):
        command = click.option("--table", metavar="NAME", default=None, help=TABLE_HELP)(command)
        return click.option("--out", required=required, type=FILE, help=help)(command)

    return decorate


def _scope(db, themes: tuple[str, ...], letter_ids: tuple[str, ...]) -> dict:
    """The snapshot scope, each theme and letter checked to exist (a typo would otherwise make
    an empty report)."""
    known = filter_options(db)["themes"]
    for theme in themes:
        if theme not in known:
            raise TrackerError(
                f"unknown theme '{theme}': use one of {', '.join(known) or '(no asks yet)'}."
            )
    ids = []
    for letter in letter_ids:
        number = records.check_id(letter, "letter")
        if get_letter(db, number) is None:
            raise NotFound(f"no letter with id {letter}: 'tracker letters' lists them.", "letter")
        ids.append(number)
    return normalise_scope(themes, ids)


def _write(out: Path, data: bytes) -> None:
    """Write an export all at once (no partial file on failure, never through a symlink,
    never over the database)."""
    write_atomically(out, data, protected=click.get_current_context().obj["db_path"])
    click.echo(f"Wrote {out} ({how_many(len(data), 'byte')})")


def _check_out(out: Path, table: str | None = None) -> str:
    """The export kind for ``out`` (and --table, for a CSV), after checking it can be made: a
    file name and table we know, a folder that exists, and Chromium for a PDF. Checked before
    anything is published."""
    kind = EXPORT_KINDS.get(out.suffix.lower())
    if kind is None:
        raise TrackerError(
            f"cannot export to '{out}': unknown extension '{out.suffix or '(none)'}', use "
            + ", ".join(EXPORT_KINDS)
            + "."
        )
    if table is not None:
        if table not in TABLES:
            raise TrackerError(f"unknown table '{table}': use one of {', '.join(TABLES)}.", "table")
        if kind != EXPORT_KINDS[".csv"]:
            raise TrackerError(
                f"--table picks the table of a CSV file: write FILE.csv, not '{out.name}', or "
                "leave --table out.",
                "table",
            )
        kind = f"{table}.csv"
    check_destination(out, click.get_current_context().obj["db_path"])
    if kind == "pdf" and chromium_path() is None:
        raise ExportUnavailable(
            "PDF export needs Chromium, which is not installed here: write FILE.html instead."
        )
    return kind


def _printing(kind: str) -> None:
    """Say that a PDF is being printed (it takes seconds); other kinds are quick."""
    if kind == "pdf":
        click.echo("Printing PDF with Chromium...", err=True)


# the asks a snapshot covers (every ask when neither is given)
_themes = click.option("--theme", "themes", multiple=True, help="Only asks of this theme (repeat).")
_letters = click.option(
    "--letter", "letter_ids", multiple=True, callback=_LETTER_ID, help="Only this letter's asks."
)


def _scope_options(command):
    return _themes(_letters(command))


@cli.command()
@click.option("--as-of", "as_of", required=True, help="The date the report is as of.")
@_scope_options
@click.option("--title", default="", help="Report title (default: 'Progress as of DATE').")
@click.option("--narrative", default="", help="The text donors read first.")
@_out_options()
@click.pass_context
def snapshot(ctx, as_of, themes, letter_ids, title, narrative, out, table):
    """Export what donors would see as of a date, without publishing anything."""
    kind = _check_out(out, table)
    db = _db(ctx)
    content = snaps.preview(
        db, as_of, scope=_scope(db, themes, letter_ids), title=title, narrative=narrative
    )
    _printing(kind)
    _write(out, report.export(content, kind))


@cli.group()
def snapshots() -> None:
    """Published progress snapshots for donors: frozen when published, withdrawn not deleted."""


@snapshots.command("list")
@_listing("id", "as_of", "title", "scope", "status", "published_at", "link")
def snapshots_list(ctx):
    """Snapshots, newest first, withdrawn ones included, each with the link to send."""
    address = snaps.public_url()
    db = _db(ctx)
    frame = snaps.list_snapshots(db)
    frame.insert(
        4, "scope", [snaps.describe_scope(db, json.loads(key)) for key in frame["scope_key"]]
    )
    frame["link"] = [snaps.snapshot_link(token, address) for token in frame["token"]]
    return frame


@snapshots.command("publish")
@click.option("--as-of", "as_of", required=True, help="The date the snapshot is as of.")
@_scope_options
@click.option("--title", default="", help="The snapshot's title (required).")
@click.option("--narrative", default="", help="The text donors read first (required).")
@_out_options(required=False, help="Also write it to " + OUT_HELP)
@_by("Who publishes it")
@click.pass_context
def snapshots_publish(ctx, as_of, themes, letter_ids, title, narrative, out, table):
    """Freeze and publish a snapshot; prints its id and the link to send (at the address
    TRACKER_PUBLIC_URL names, default http://localhost:8501)."""
    if table is not None and out is None:
        raise ValidationError("--table picks the table of --out FILE.csv: add --out.", "table")
    kind = _check_out(out, table) if out else None
    if not title.strip():
        raise ValidationError("--title is required: donors see it first.", "title")
    address = snaps.public_url()  # checked first: a snapshot is published with its link
    db = _db(ctx)
    scope = _scope(db, themes, letter_ids)
    row = snaps.publish(db, as_of, scope=scope, title=title, narrative=narrative)
    click.echo(f"Published snapshot #{row['id']}: {row['title']} (as of {row['as_of']})")
    click.echo(f"Token: {row['token']}")
    click.echo(f"Link: {snaps.snapshot_link(row['token'], address)}")
    if kind:
        _printing(kind)
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
@_by("Who withdraws it")
@click.pass_context
def snapshots_withdraw(ctx, snapshot_id, reason):
    """Withdraw a snapshot: its link then says so. Nothing is deleted."""
    number = records.check_id(snapshot_id, "snapshot")
    snaps.withdraw(_db(ctx), number, reason)
    click.echo(f"Withdrew snapshot #{number}: {reason.strip()}")


@snapshots.command("export")
@click.argument("snapshot_id", callback=_SNAPSHOT_ID)
@_out_options()
@click.pass_context
def snapshots_export(ctx, snapshot_id, out, table):
    """Write a published snapshot to a file, byte-identical every time."""
    kind = _check_out(out, table)
    number = records.check_id(snapshot_id, "snapshot")
    db = _db(ctx)
    if snaps.cached_file(db, number, kind) is None:  # NotFound first
        _printing(kind)
    _write(out, snaps.export_file(db, number, kind))


@cli.command("export")
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--audit-log", is_flag=True, help="Include the audit log.")
@click.pass_context
def export_command(ctx, out, audit_log):
    """Export the whole tracker, in the shape 'tracker import' reads back.

    OUT.xlsx: one sheet per kind; OUT.zip: the same sheets as CSV files with a
    datapackage.json; any other name: a Frictionless Data Package folder.

        tracker export tracker-2026.xlsx
    """
    counts = export_tracker(_db(ctx), out, audit_log=audit_log, progress=_progress())
    click.echo(f"Wrote {out}: " + ", ".join(counted(n, t) for t, n in counts.items()) + ".")


def _progress():
    """Progress on stderr for a person at a terminal; nothing for scripts and tests."""
    if not sys.stderr.isatty():
        return None
    return lambda fraction, text: click.echo(f"\r{fraction:4.0%} {text:<60}", err=True, nl=False)


def _pairs(values: tuple[str, ...], what: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        left, sep, right = value.partition("=")
        if not sep or not left.strip():
            raise TrackerError(f"{what} '{value}' is not WORD=VALUE.", what)
        pairs[left.strip()] = right.strip()
    return pairs


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="List every problem and what would be added.")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    metavar="WORD=CODE",
    help="Map a status word of the sheet to a status code (repeatable).",
)
@click.option(
    "--default",
    "defaults",
    multiple=True,
    metavar="FIELD=VALUE",
    help="A value for every new ask without one: target, theme, country, owner; author_org for "
    "the new letters a Letter column names (repeatable).",
)
@click.option("--month-first", is_flag=True, help="Read 3/4/2024 as March 4 (default: 3 April).")
@_by("Who imports")
@click.pass_context
def import_command(ctx, file, dry_run, statuses, defaults, month_first):
    """Import a spreadsheet (.xlsx, .csv, or a .zip of CSV files), all or nothing.

    tracker import our-tracker.xlsx --dry-run --default country=Mexico
    """
    plan = importer.import_file(
        _db(ctx),
        file.read_bytes(),
        file.name,
        dry_run=dry_run,
        statuses=_pairs(statuses, "status"),
        defaults=_pairs(defaults, "default"),
        day_first=not month_first,
        progress=_progress(),
    )
    if dry_run:
        click.echo(importer.describe_mapping(plan.mapping))
        for problem in plan.problems:
            click.echo(importer.problem_line(problem))
    click.echo(importer.describe_plan(plan, dry_run=dry_run))
    if not plan.ok:
        raise TrackerError(f"{how_many(plan.problem_count, 'problem')}: nothing was imported.")


@cli.command("template")
@click.argument("out", type=FILE)
@click.pass_context
def template_command(ctx, out):
    """Write the import template: the expected sheets and columns, an example row each,
    and a Read me sheet explaining every column and the status vocabulary."""
    _write(out, template_xlsx(_db(ctx)))


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
@_listing("email", "name", "role", "has_password", "last_sign_in")
def user_list(ctx):
    """List users and their roles."""
    return users.list_users(_db(ctx))


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


@user.command("sign-out")
@click.argument("email")
@click.pass_context
def user_sign_out(ctx, email):
    """Sign EMAIL out of every browser (their next click asks them to sign in again)."""
    ended = users.sign_out_everywhere(_db(ctx), email)
    click.echo(f"Signed {email} out everywhere ({how_many(ended, 'session')} ended)")


@cli.command("backup")
@click.argument("out", type=FILE)
@click.pass_context
def backup_command(ctx, out):
    """Back the database up to OUT, safely while the app is running; the copy is checked
    with SQLite's integrity check before it gets its name.

    Example: tracker backup backups/tracker-$(date +%F).db
    """
    info = backups.backup(_db(ctx), out)
    click.echo(
        f"Backed up to {info.path} ({how_many(info.size, 'byte')}: {how_many(info.asks, 'ask')}, "
        f"{how_many(info.status_updates, 'status update')}, {how_many(info.users, 'user')}; "
        "integrity check ok)"
    )


@cli.command("restore")
@click.argument("backup_file", type=FILE)
@click.pass_context
def restore_command(ctx, backup_file):
    """Replace the database's content with BACKUP_FILE's (made by 'tracker backup'). The
    replaced content is kept aside next to the database; running apps reload by themselves.
    """
    aside = backups.restore_file(ctx.obj["db_path"], backup_file)
    click.echo(
        f"Restored {backup_file} into {ctx.obj['db_path']}; the replaced content is in {aside}"
    )


# --- letter intake: read, draft, accept; search ---------------------------------------------


def _draft(db, source: str):
    """The draft of the letter at ``source`` (a file or a link)."""
    document = reading.read_source(source, allow_private=letter_intake.private_links_allowed(db))
    return draft_letter(db, document.text, url=document.url, title_hint=document.title)


@cli.command()
@click.argument("source", metavar="FILE_OR_URL")
@click.option("--json", "as_json", is_flag=True, help="The draft as one JSON object.")
@click.pass_context
def extract(ctx: click.Context, source: str, as_json: bool) -> None:
    """Draft a letter's details and asks from a file (.pdf, .docx, .html, .txt, .md) or a link;
    writes nothing.

        tracker extract letter.pdf --json
    """
    draft = _draft(_db(ctx), source)
    if as_json:
        click.echo(json.dumps(draft.to_json(), ensure_ascii=False, indent=2))
        return
    to = ", ".join(x for x in (draft.recipient_person, draft.recipient_office) if x)
    click.echo(f"{draft.title}\n  date: {draft.date or '(not found)'} · language: {draft.language}")
    click.echo(f"  from: {draft.author_org or '(not found)'}")
    if draft.cosigners:
        click.echo(f"  co-signed by: {', '.join(draft.cosigners)}")
    click.echo(f"  to: {to or '(not found)'}")
    if not draft.asks:
        click.echo("No asks found: add them by hand (Letters → Add a letter in the app).")
    for number, ask in enumerate(draft.asks, start=1):
        click.echo(f"\n{number}. {ask.title}")
        click.echo(f"   target: {ask.target} · theme: {ask.theme} · country: {ask.country}")
        click.echo(f"   why: {ask.why}")
        click.echo(f"   passage: {ask.text}")
        for r in ask.repeats:
            click.echo(f"   repeats? #{r.ask_id} {r.title} ({r.score:.2f}: {', '.join(r.words)})")
    for number, ask in enumerate(draft.possible, start=len(draft.asks) + 1):
        click.echo(f"\n{number}. (possible, not kept unless ticked) {ask.title}")
        click.echo(f"   why: {letter_intake.reason(ask.why)}")
        click.echo(f"   passage: {ask.text}")


# what a reviewed draft's ask may say (intake.accept_draft says what a field left out means)
REVIEW_FIELDS = ("keep", "title", "target", "theme", "country", "owner", "priority", "same_as")


def _reviewed(path: Path, draft) -> tuple[dict, list[dict]]:
    """A reviewed draft file (the shape 'extract --json' prints, edited): the letter's fields
    and the review rows. Each ask may add "keep", "same_as", "owner" and "priority"."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        given, asks = data["letter"], data["asks"]
        possible = data.get("possible_asks") or []  # stored only where the reviewer ticks them
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise TrackerError(
            f"{path} is not a draft file: save the output of 'tracker extract --json' and edit it."
        ) from None
    letter = letter_intake.draft_letter_fields(draft)
    authors = given.get("authors") or []
    recipients = given.get("recipients") or []
    letter.update(
        title=given.get("title", letter["title"]),
        date_sent=given.get("date", letter["date_sent"]),
        author_org=authors[0] if authors else "",
        cosigners=authors[1:],
        recipient_person=given.get("recipient_person", recipients[0] if recipients else ""),
        recipient_office=given.get("recipient_office", ", ".join(recipients[1:])),
    )
    if not all(isinstance(ask, dict) for ask in [*asks, *possible]):
        raise TrackerError(f"{path}: each ask must be an object with its text and title.")
    return letter, [
        {"keep": n < len(asks)}
        | {field: ask[field] for field in REVIEW_FIELDS if field in ask}
        | {"passage": ask.get("text", "")}
        for n, ask in enumerate([*asks, *possible])
    ]


@cli.command()
@click.argument("source", metavar="FILE_OR_URL")
@click.option("--accept-all", is_flag=True, help="Store the draft as it is.")
@click.option(
    "--draft",
    "draft_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A reviewed draft (edited output of 'extract --json') to store instead.",
)
@click.option(
    "--add-anyway",
    is_flag=True,
    help="Store it even if it looks like a letter already stored (the same text, or the same "
    "date and title, or date, author and recipient): refused without this flag.",
)
@_by("Who enters it")
@click.pass_context
def intake(ctx, source, accept_all, draft_file, add_anyway):
    """Store a letter and its asks in one transaction: the draft as it is (--accept-all), or a
    reviewed draft file. Likely repeats link to the earlier ask with this letter's passage. A
    letter already stored is refused unless --add-anyway.

        tracker intake letter.docx --accept-all
    """
    if accept_all == bool(draft_file):
        raise TrackerError("say how to store it: --accept-all, or --draft REVIEWED.json.")
    db = _db(ctx)
    draft = _draft(db, source)
    if draft_file:
        letter, rows = _reviewed(draft_file, draft)
    else:
        if not draft.asks:
            raise TrackerError(
                f"no asks were found in {source}: nothing was stored. Add it in the app "
                "(Letters → Add a letter) or pass --draft with its asks."
            )
        letter, rows = letter_intake.draft_letter_fields(draft), letter_intake.draft_rows(draft)
    try:
        letter_id, new_ids, linked = letter_intake.accept_draft(  # (a reviewed draft with
            db,
            letter,
            rows,
            add_anyway,
            without_asks=bool(draft_file),  # none kept is meant)
        )
    except FormErrors as error:  # every problem, each a sentence
        message = error.message.replace("add it anyway.", "add it anyway with --add-anyway.")
        raise TrackerError("nothing was stored: " + message) from None
    click.echo(
        f"#{letter_id} letter added with {how_many(len(new_ids), 'new ask')}"
        + (f" ({', '.join(f'#{i}' for i in new_ids)})" if new_ids else "")
        + (
            f" and {len(linked):,} repeated ({', '.join(f'#{i}' for i in linked)})"
            if linked
            else ""
        )
    )


@cli.command()
@click.argument("query")
@click.option("--public", "public_only", is_flag=True, help="Only what donors may see.")
@_json
@click.pass_context
def search(ctx: click.Context, query: str, public_only: bool, as_json: bool) -> None:
    """Search letters, asks, their passages and status notes.

    tracker search "protection mechanism"
    """
    found = full_text.search(_db(ctx), query, public_only=public_only, marks=("[", "]"))
    if found.empty and not as_json:
        click.echo(f"Nothing matches '{query}'.")
        return
    _emit(found, ["kind", "id", "ask_id", "letter_id", "title", "snippet"], as_json)


@cli.command("private-links")
@click.argument("state", type=click.Choice(["on", "off"]))
@click.pass_context
def private_links(ctx: click.Context, state: str) -> None:
    """Let the server fetch letters from private or loopback addresses (default off)."""
    letter_intake.set_private_links(_db(ctx), state == "on")
    click.echo(f"Links to private addresses: {state}")
