"""Schema changes, applied in order through sqlite-utils' ``Migrations`` (recorded in
``_sqlite_migrations``). Never edit a released step: add a new one.

Steps never build derived data with today's code (it expects today's schema): after
migrating, ``tracker.db.open_db`` builds the status spans of a database that has asks but no
spans. (m009 once built them itself; it had to change when m014 added a column.)"""

import json
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("advocacy-tracker")
VOCABULARY_FILE = Path(__file__).resolve().parent.parent / "data" / "statuses.json"


@migrations()
def m001_core_tables(db: Database) -> None:
    """Letters, asks, status vocabulary, status history, indicators and observations."""
    for statement in (
        """CREATE TABLE statuses (
            track TEXT NOT NULL CHECK (track IN ('outcome', 'response')),
            code TEXT NOT NULL,
            label TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            colour TEXT NOT NULL,
            sort_order INTEGER NOT NULL,
            score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
            terminal INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (track, code)
        )""",
        """CREATE TABLE letters (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            date_sent TEXT NOT NULL,
            author_org TEXT NOT NULL,
            cosigners TEXT NOT NULL DEFAULT '[]',
            recipient_person TEXT,
            recipient_office TEXT,
            url TEXT,
            full_text TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            created_by TEXT
        )""",
        """CREATE TABLE asks (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            wording TEXT NOT NULL DEFAULT '',
            target TEXT NOT NULL,
            theme TEXT NOT NULL,
            country TEXT NOT NULL,
            owner TEXT,
            priority TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('high', 'medium', 'low')),
            added_on TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT
        )""",
        """CREATE TABLE letter_asks (
            letter_id INTEGER NOT NULL REFERENCES letters(id),
            ask_id INTEGER NOT NULL REFERENCES asks(id),
            passage TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (letter_id, ask_id)
        )""",
        """CREATE TABLE status_updates (
            id INTEGER PRIMARY KEY,
            ask_id INTEGER NOT NULL REFERENCES asks(id),
            track TEXT NOT NULL,
            status TEXT NOT NULL,
            effective_date TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            evidence_url TEXT,
            visibility TEXT NOT NULL DEFAULT 'internal'
                CHECK (visibility IN ('internal', 'public')),
            recorded_by TEXT,
            kind TEXT NOT NULL DEFAULT 'change'
                CHECK (kind IN ('change', 'verification', 'correction')),
            supersedes_id INTEGER REFERENCES status_updates(id),
            FOREIGN KEY (track, status) REFERENCES statuses(track, code)
        )""",
        """CREATE TABLE indicators (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
            baseline_value REAL,
            baseline_date TEXT,
            target_value REAL,
            target_date TEXT,
            source TEXT,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE indicator_asks (
            indicator_id INTEGER NOT NULL REFERENCES indicators(id),
            ask_id INTEGER NOT NULL REFERENCES asks(id),
            PRIMARY KEY (indicator_id, ask_id)
        )""",
        """CREATE TABLE observations (
            id INTEGER PRIMARY KEY,
            indicator_id INTEGER NOT NULL REFERENCES indicators(id),
            date TEXT NOT NULL,
            value REAL NOT NULL,
            source_url TEXT,
            note TEXT NOT NULL DEFAULT '',
            recorded_by TEXT,
            recorded_at TEXT NOT NULL
        )""",
    ):
        db.execute(statement)


@migrations()
def m002_history_indexes_and_guards(db: Database) -> None:
    """Indexes the as-of queries need, and triggers that keep status history append-only."""
    db["status_updates"].create_index(["ask_id", "track", "effective_date"])
    db["status_updates"].create_index(["effective_date"])
    db["status_updates"].create_index(["supersedes_id"])
    db["observations"].create_index(["indicator_id", "date"])
    db["letter_asks"].create_index(["ask_id"])
    db["indicator_asks"].create_index(["ask_id"])
    for column in ("theme", "target", "country", "owner"):
        db["asks"].create_index([column])
    for action in ("UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER status_updates_append_only_{action.lower()}
            BEFORE {action} ON status_updates
            BEGIN
                SELECT RAISE(ABORT, 'status history is append-only: record a correction instead');
            END"""
        )


DATA_TABLES = (
    "statuses",
    "letters",
    "asks",
    "letter_asks",
    "status_updates",
    "indicators",
    "indicator_asks",
    "observations",
)


def install_change_counter(db: Database, tables: tuple[str, ...]) -> None:
    """Bump ``data_version.version`` on every write to ``tables``: an exact, cross-process cache
    key (PRAGMA data_version is per connection and blind to the connection's own writes)."""
    for table in tables:
        for action in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"""CREATE TRIGGER IF NOT EXISTS {table}_bump_version_{action.lower()}
                AFTER {action} ON {table}
                BEGIN
                    UPDATE data_version SET version = version + 1;
                END"""
            )


@migrations()
def m003_data_version(db: Database) -> None:
    """A counter that every write bumps, so read caches know when to refresh."""
    db.execute("CREATE TABLE data_version (version INTEGER NOT NULL)")
    db.execute("INSERT INTO data_version (version) VALUES (0)")
    install_change_counter(db, DATA_TABLES)


@migrations()
def m004_users_and_audit(db: Database) -> None:
    """Users with roles (and, for built-in sign-in, password hashes) and an append-only audit
    log of every write."""
    db.execute(
        """CREATE TABLE users (
            email TEXT PRIMARY KEY COLLATE NOCASE,
            name TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'leadership', 'donor')),
            password_hash TEXT,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            last_sign_in TEXT,
            created_at TEXT NOT NULL,
            created_by TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            role TEXT,
            via TEXT,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT,
            details TEXT NOT NULL DEFAULT '{}'
        )"""
    )
    db["audit_log"].create_index(["at"])
    db["audit_log"].create_index(["actor"])
    db["audit_log"].create_index(["action"])
    for action in ("UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER audit_log_append_only_{action.lower()}
            BEFORE {action} ON audit_log
            BEGIN
                SELECT RAISE(ABORT, 'the audit log is append-only');
            END"""
        )
    install_change_counter(db, ("users", "audit_log"))


@migrations()
def m005_sign_in_sessions(db: Database) -> None:
    """Built-in sign-in sessions that survive a page reload (the browser keeps a random token;
    we keep only its hash)."""
    db.execute(
        """CREATE TABLE sign_in_sessions (
            token_hash TEXT PRIMARY KEY,
            email TEXT NOT NULL REFERENCES users(email) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        )"""
    )
    db["sign_in_sessions"].create_index(["email"])


@migrations()
def m006_snapshots(db: Database) -> None:
    """Published progress snapshots, frozen when published; their export files, kept once made
    so every later download is byte-identical; and app settings."""
    db.execute(
        """CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            token TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            as_of TEXT NOT NULL,
            scope TEXT NOT NULL DEFAULT '{}',
            scope_key TEXT NOT NULL,
            narrative TEXT NOT NULL DEFAULT '',
            content TEXT NOT NULL,
            html TEXT NOT NULL,
            previous_id INTEGER REFERENCES snapshots(id),
            status TEXT NOT NULL DEFAULT 'published'
                CHECK (status IN ('published', 'withdrawn')),
            published_at TEXT NOT NULL,
            published_by TEXT NOT NULL,
            withdrawn_at TEXT,
            withdrawn_by TEXT,
            withdrawn_reason TEXT
        )"""
    )
    db["snapshots"].create_index(["scope_key", "as_of"])
    db.execute(
        """CREATE TRIGGER snapshots_frozen
        BEFORE UPDATE OF token, title, as_of, scope, scope_key, narrative, content, html,
                         previous_id, published_at, published_by ON snapshots
        BEGIN
            SELECT RAISE(ABORT, 'a published snapshot is frozen: publish a new one instead');
        END"""
    )
    db.execute(
        """CREATE TRIGGER snapshots_not_deleted BEFORE DELETE ON snapshots
        BEGIN
            SELECT RAISE(ABORT, 'snapshots are never deleted: withdraw it instead');
        END"""
    )
    db.execute(
        """CREATE TABLE snapshot_files (
            snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
            kind TEXT NOT NULL,
            content BLOB NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (snapshot_id, kind)
        )"""
    )
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    install_change_counter(db, ("snapshots", "settings"))


@migrations()
def m007_status_history_covering_index(db: Database) -> None:
    """A covering index for the per-ask "latest entry as of a date" lookups: it holds the whole
    sort key (so ORDER BY ... LIMIT 1 reads one index entry) and status and visibility (so the
    lookups never touch the table). It makes the old three-column index redundant."""
    db.execute(
        """CREATE INDEX idx_status_updates_history ON status_updates
           (ask_id, track, effective_date, recorded_at, id, status, visibility)"""
    )
    db.execute("DROP INDEX IF EXISTS idx_status_updates_ask_id_track_effective_date")


@migrations()
def m008_status_periods(db: Database) -> None:
    """Status periods (see tracker/periods.py): "as of" lookups and monthly status counts read
    these runs instead of every history entry."""
    db.execute(
        """CREATE TABLE status_periods (
            id INTEGER PRIMARY KEY,
            ask_id INTEGER NOT NULL REFERENCES asks(id),
            track TEXT NOT NULL,
            variant TEXT NOT NULL CHECK (variant IN ('all', 'public')),
            status TEXT NOT NULL,
            start TEXT NOT NULL,
            stop TEXT NOT NULL,
            entries INTEGER NOT NULL,
            last_date TEXT,
            last_id INTEGER,
            last_note TEXT,
            last_evidence TEXT,
            last_visibility TEXT,
            mix_start TEXT,
            stop_month TEXT NOT NULL,
            added_on TEXT NOT NULL,
            theme TEXT,
            target TEXT,
            country TEXT,
            owner TEXT,
            priority TEXT
        )"""
    )
    db["status_periods"].create_index(["variant", "track", "stop", "start"])
    db["status_periods"].create_index(["ask_id"])
    # covering indexes for the monthly counts: the month a period starts (or ends), its status,
    # and every column a view can filter or group by, so the counts never read the table
    # (theme right after status: the dashboard's counts by theme then need no sort)
    ask_columns = ["added_on", "target", "country", "owner", "priority", "ask_id"]
    db["status_periods"].create_index(
        ["variant", "track", "mix_start", "status", "theme", "start", *ask_columns],
        index_name="idx_status_periods_starts",
    )
    db["status_periods"].create_index(
        ["variant", "track", "stop_month", "status", "theme", "stop", "mix_start", *ask_columns],
        index_name="idx_status_periods_stops",
    )
    # filled by m009, which replaces these periods with spans


@migrations()
def m009_status_spans(db: Database) -> None:
    """Status spans replace status periods (see tracker/periods.py): the span in force on a date
    names the exact entry, so "as of" lookups read one index range and nothing else; and the
    status mix's monthly changes by theme, so the dashboard's charts read a few thousand rows."""
    db.execute("DROP TABLE IF EXISTS status_periods")
    db.execute(
        """CREATE TABLE status_spans (
            id INTEGER PRIMARY KEY,
            ask_id INTEGER NOT NULL REFERENCES asks(id),
            track TEXT NOT NULL,
            variant TEXT NOT NULL CHECK (variant IN ('all', 'public')),
            status TEXT NOT NULL,
            start TEXT NOT NULL,
            stop TEXT NOT NULL,
            entry_id INTEGER,
            since TEXT NOT NULL,
            mix_start TEXT,
            run_stop TEXT,
            run_stop_month TEXT,
            added_on TEXT NOT NULL,
            theme TEXT,
            target TEXT,
            country TEXT,
            owner TEXT,
            priority TEXT
        )"""
    )
    ask_columns = ["added_on", "target", "country", "owner", "priority", "ask_id"]
    # as-of lookups: the spans in force on a date, with every column they read or filter on
    db["status_spans"].create_index(
        ["variant", "track", "stop", "start", "status", "since", "entry_id", "theme", *ask_columns],
        index_name="idx_status_spans_as_of",
    )
    db["status_spans"].create_index(["ask_id"], index_name="idx_status_spans_ask")
    # one ask's span in force (the response track, joined to every ask's outcome span)
    db["status_spans"].create_index(
        ["variant", "track", "ask_id", "stop", "start", "status", "since", "entry_id"],
        index_name="idx_status_spans_by_ask",
    )
    # monthly counts: the month a run starts (or ends), its status, and every column a view can
    # filter or group by (theme right after status: counts by theme then need no sort)
    db["status_spans"].create_index(
        ["variant", "track", "mix_start", "status", "theme", "start", *ask_columns],
        index_name="idx_status_spans_starts",
    )
    db["status_spans"].create_index(
        ["variant", "track", "run_stop_month", "status", "theme", "run_stop", "mix_start"]
        + ask_columns,
        index_name="idx_status_spans_stops",
    )
    # the monthly status mix, summed by theme: +1 where a run starts counting, -1 where it ends
    db.execute(
        """CREATE TABLE status_mix_months (
            variant TEXT NOT NULL,
            track TEXT NOT NULL,
            month TEXT NOT NULL,
            status TEXT NOT NULL,
            theme TEXT NOT NULL,
            delta INTEGER NOT NULL,
            PRIMARY KEY (variant, track, month, status, theme)
        ) WITHOUT ROWID"""
    )
    # built after migrating (tracker.db.open_db), by today's tracker.periods.refresh_spans


def website_sql(url: str) -> str:
    """SQL for the host part of ``url`` (``https://www.wola.org/x?y`` -> ``www.wola.org``)."""
    rest = f"(substr({url}, instr({url}, '//') + 2) || '/')"
    return f"""substr({rest}, 1, MIN(instr({rest}, '/'),
                   COALESCE(NULLIF(instr({rest}, '?'), 0), length({rest})),
                   COALESCE(NULLIF(instr({rest}, '#'), 0), length({rest}))) - 1)"""


@migrations()
def m010_evidence_websites(db: Database) -> None:
    """How many entries cite each website, kept by triggers as entries arrive, so the
    methodology page's source list never scans the whole history."""
    db.execute(
        """CREATE TABLE evidence_websites (
            source TEXT NOT NULL CHECK (source IN ('status_updates', 'observations')),
            public INTEGER NOT NULL,
            website TEXT NOT NULL,
            entries INTEGER NOT NULL,
            PRIMARY KEY (source, public, website)
        )"""
    )

    def bump(source: str, url: str, public: str, step: int) -> str:
        # "WHERE" makes the SELECT unambiguous before ON CONFLICT (SQLite's upsert rule)
        return f"""INSERT INTO evidence_websites (source, public, website, entries)
                   SELECT '{source}', {public}, {website_sql(url)}, {step}
                   WHERE {url} IS NOT NULL
                   ON CONFLICT (source, public, website)
                   DO UPDATE SET entries = entries + excluded.entries;"""

    triggers = {
        "status_updates_insert": (
            "AFTER INSERT ON status_updates",
            bump("status_updates", "NEW.evidence_url", "NEW.visibility = 'public'", 1),
        ),
        "observations_insert": (
            "AFTER INSERT ON observations",
            bump("observations", "NEW.source_url", "1", 1),
        ),
        # observations are not append-only: follow edits and deletions too
        "observations_delete": (
            "AFTER DELETE ON observations",
            bump("observations", "OLD.source_url", "1", -1),
        ),
        "observations_update": (
            "AFTER UPDATE OF source_url ON observations",
            bump("observations", "OLD.source_url", "1", -1)
            + bump("observations", "NEW.source_url", "1", 1),
        ),
    }
    for name, (event, body) in triggers.items():
        db.execute(f"CREATE TRIGGER evidence_websites_{name} {event} BEGIN {body} END")
    db.execute(
        f"""INSERT INTO evidence_websites (source, public, website, entries)
            SELECT 'status_updates', visibility = 'public', {website_sql("evidence_url")}, COUNT(*)
            FROM status_updates WHERE evidence_url IS NOT NULL GROUP BY 1, 2, 3
            UNION ALL
            SELECT 'observations', 1, {website_sql("source_url")}, COUNT(*)
            FROM observations WHERE source_url IS NOT NULL GROUP BY 1, 2, 3"""
    )


ALREADY_CORRECTED = "this status update has already been corrected"


@migrations()
def m011_one_correction_per_entry(db: Database) -> None:
    """An entry is corrected at most once, checked as the correction is written: two people
    correcting the same entry at once must not fork the history into two live entries."""
    db.execute(
        f"""CREATE TRIGGER status_updates_one_correction BEFORE INSERT ON status_updates
        WHEN NEW.supersedes_id IS NOT NULL AND EXISTS
            (SELECT 1 FROM status_updates WHERE supersedes_id = NEW.supersedes_id)
        BEGIN
            SELECT RAISE(ABORT, '{ALREADY_CORRECTED}');
        END"""
    )


@migrations()
def m012_asks_version(db: Database) -> None:
    """A counter that only writes to ``asks`` bump: the asks' titles, themes and owners change
    far more rarely than their statuses, so as-of lists keep them between status writes."""
    db.execute("ALTER TABLE data_version ADD COLUMN asks INTEGER NOT NULL DEFAULT 0")
    for action in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER asks_bump_asks_version_{action.lower()}
            AFTER {action} ON asks
            BEGIN
                UPDATE data_version SET asks = asks + 1;
            END"""
        )


@migrations()
def m013_database_identity(db: Database) -> None:
    """A random identity for this database, made once: what a process keeps from it is
    filed under it, so another database at the same path (re-created, or another file) is
    never answered from it; an export names it, so an import knows its own keys."""
    db.execute("ALTER TABLE data_version ADD COLUMN identity TEXT")
    db.execute("UPDATE data_version SET identity = lower(hex(randomblob(16)))")


def _span_reach_sql(start: str, stop: str) -> str:
    """m014's length class of a stored span, frozen here with it (the classes are gone since
    m016): the smallest k with the span at most 2**k days long, 12 for longer, NULL if open."""
    days = f"(julianday({stop}) - julianday({start}))"
    steps = " ".join(f"WHEN {days} <= {2**k} THEN {k}" for k in range(12))
    return f"CASE WHEN {stop} = '9999-12-31' THEN NULL {steps} ELSE 12 END"


@migrations()
def m014_span_reach(db: Database) -> None:
    """Each status span's length class (``reach``; dropped again since), indexed before its
    end: the spans in force on any date are then a few short index ranges, where one range of
    every span ending after the date read most of the table for dates years back. Spans
    already built are classed in SQL, in place."""
    db.execute("ALTER TABLE status_spans ADD COLUMN reach INTEGER")
    db.execute("DROP INDEX IF EXISTS idx_status_spans_as_of")
    # spans already built are classed where they are (an empty table is built after migrating)
    db.execute(f"UPDATE status_spans SET reach = {_span_reach_sql('start', 'stop')}")
    ask_columns = ["added_on", "target", "country", "owner", "priority", "ask_id"]
    db["status_spans"].create_index(
        ["variant", "track", "reach", "stop", "start", "status", "since", "entry_id", "theme"]
        + ask_columns,
        index_name="idx_status_spans_in_force",
    )


@migrations()
def m015_snapshot_listing_index(db: Database) -> None:
    """Snapshots listed from an index: their status and dates sit after the frozen content
    and HTML (megabytes each) in the row, so a list read from the table walked every byte of
    every snapshot."""
    db.execute(
        """CREATE INDEX idx_snapshots_listing ON snapshots (
            published_at DESC, id DESC, status, token, title, as_of, scope_key,
            withdrawn_at, withdrawn_reason, published_by, withdrawn_by)"""
    )


APPEND_ONLY_TABLES = {"audit_log": "id", "status_updates": "id", "snapshots": "id"}


@migrations()
def m016_append_only_refuses_replace(db: Database) -> None:
    """``INSERT OR REPLACE`` over an existing id deletes the old row without running any
    DELETE trigger, so it could rewrite the audit log, the status history or a published
    snapshot. A BEFORE INSERT trigger refuses an id that is already there, whatever the
    conflict clause. A snapshot's kept file is never replaced either (the first one made is
    what every later download repeats): a second insert of it is skipped."""
    for table, key in APPEND_ONLY_TABLES.items():
        db.execute(
            f"""CREATE TRIGGER {table}_append_only_insert BEFORE INSERT ON {table}
            WHEN EXISTS (SELECT 1 FROM {table} WHERE {key} = NEW.{key})
            BEGIN
                SELECT RAISE(ABORT, '{table} is append-only: an existing entry cannot be replaced');
            END"""
        )
    db.execute(
        """CREATE TRIGGER snapshot_files_kept BEFORE INSERT ON snapshot_files
        WHEN EXISTS (SELECT 1 FROM snapshot_files
                     WHERE snapshot_id = NEW.snapshot_id AND kind = NEW.kind)
        BEGIN
            SELECT RAISE(IGNORE);
        END"""
    )


@migrations()
def m017_remake_unneutralised_csv_files(db: Database) -> None:
    """Kept snapshot CSVs made before every text column was checked for formulas (pandas 3
    keeps text as ``str``, which the old check skipped) may hold cells a spreadsheet runs:
    drop them so the next download makes them again through tracker/spreadsheets.py, from the
    same frozen content."""
    db.execute("DELETE FROM snapshot_files WHERE kind LIKE '%.csv' OR kind = 'csv'")


@migrations()
def m018_full_text_search(db: Database) -> None:
    """Full-text search (FTS5) over letters, asks, the passages that make them and status
    notes, kept in step by triggers. Accents are folded (``remove_diacritics 2``) so
    "corrupcion" finds "corrupción"; words are not stemmed here (the letters are in English and
    Spanish): tracker/search.py queries word prefixes instead."""
    tokenize = "unicode61 remove_diacritics 2"
    db["letters"].enable_fts(["title", "full_text"], create_triggers=True, tokenize=tokenize)
    db["asks"].enable_fts(["title", "wording"], create_triggers=True, tokenize=tokenize)
    db["letter_asks"].enable_fts(["passage"], create_triggers=True, tokenize=tokenize)
    db["status_updates"].enable_fts(["note"], create_triggers=True, tokenize=tokenize)


@migrations()
def m019_spreadsheet_imports(db: Database) -> None:
    """Spreadsheet imports (tracker/importer.py): each import, who ran it on which file, and
    the key every imported row had in its file, so importing the same file again matches its
    rows instead of adding them twice."""
    db.execute(
        """CREATE TABLE import_batches (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL,
            added TEXT NOT NULL DEFAULT '{}'
        )"""
    )
    db.execute(
        """CREATE TABLE import_keys (
            scope TEXT NOT NULL,
            entity TEXT NOT NULL,
            key TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            batch_id INTEGER NOT NULL REFERENCES import_batches(id),
            PRIMARY KEY (scope, entity, key)
        ) WITHOUT ROWID"""
    )
    install_change_counter(db, ("import_batches",))


@migrations()
def m020_plain_status_spans(db: Database) -> None:
    """Status spans with only their own columns and a few plain indexes: the length classes
    and the covering indexes that spelled out every ask column made each new filter touch the
    schema, for a speed the plain range lookup nearly matches. Asks' columns are read from
    ``asks`` by join; a span keeps ``theme``, the one the monthly sums counted it under. The
    table is emptied and rebuilt after migrating (``tracker.db.open_db``).

    Each outcome status also gets the dashboard headline figure it counts in (``bucket``:
    achieved, moving, stuck), from ``data/statuses.json`` like the rest of the vocabulary."""
    db.execute("ALTER TABLE statuses ADD COLUMN bucket TEXT")
    vocabulary = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    db.conn.executemany(
        "UPDATE statuses SET bucket = ? WHERE track = ? AND code = ?",
        [
            (entry["bucket"], track, entry["code"])
            for track in ("outcome", "response")
            for entry in vocabulary[track]
            if entry.get("bucket")
        ],
    )
    for index in ("in_force", "ask", "by_ask", "starts", "stops"):
        db.execute(f"DROP INDEX IF EXISTS idx_status_spans_{index}")
    db.execute("DELETE FROM status_spans")
    db.execute("DELETE FROM status_mix_months")
    copies = {"reach", "added_on", "target", "country", "owner", "priority"}
    db["status_spans"].transform(drop=copies)
    spans = db["status_spans"]
    # every ask's span in force on a date: a range of ends, read from the index alone
    spans.create_index(
        ["variant", "track", "stop", "start", "status", "since", "entry_id", "ask_id"],
        index_name="idx_status_spans_in_force",
    )
    # one ask's span in force (and the rows a refresh replaces), from the index alone
    spans.create_index(
        ["ask_id", "variant", "track", "stop", "start", "status", "since", "entry_id"],
        index_name="idx_status_spans_ask",
    )
    # the monthly status mix: where runs start and stop counting
    spans.create_index(
        ["variant", "track", "mix_start", "status", "theme", "start", "ask_id"],
        index_name="idx_status_spans_mix_starts",
    )
    spans.create_index(
        [
            "variant",
            "track",
            "run_stop_month",
            "status",
            "theme",
            "run_stop",
            "mix_start",
            "ask_id",
        ],
        index_name="idx_status_spans_mix_stops",
    )


@migrations()
def m021_spans_read_by_ask(db: Database) -> None:
    """Drop the index of spans by date range: every read of the spans in force now goes ask
    by ask through ``idx_status_spans_ask`` (tracker/in_force.py reads the asks in id order
    and seeks each one's spans), so nothing reads that index any more, and each write to a
    history no longer keeps it up to date."""
    db.execute("DROP INDEX IF EXISTS idx_status_spans_in_force")


@migrations()
def m022_spans_runs_by_ask(db: Database) -> None:
    """Each ask's runs of one status, by ask, with where each starts and stops counting in the
    monthly status mix: a mix over some asks (a filter other than themes, or grouped by another
    column) reads those asks' runs from this index, not every run of every ask."""
    db["status_spans"].create_index(
        [
            "ask_id",
            "variant",
            "track",
            "mix_start",
            "status",
            "start",
            "run_stop",
            "run_stop_month",
        ],
        index_name="idx_status_spans_runs",
    )


ONE_VALUE_PER_DATE = "this indicator already has a value for that date: record a correction of it"


@migrations()
def m023_one_observation_per_indicator_date(db: Database) -> None:
    """An indicator holds one value per date (records.record_observation refuses a second and
    offers a correction): these triggers hold the rule for every writer, hand edits included.
    Triggers, not a unique index, because a database may already hold two values for a date
    from before the rule; those are kept (nothing is deleted) and the latest recorded counts.
    Changing a value in place (a correction) is allowed; moving one onto a taken date is not."""
    taken = """EXISTS (SELECT 1 FROM observations o WHERE o.indicator_id = NEW.indicator_id
                       AND o.date = NEW.date AND o.id IS NOT NEW.id)"""
    db.execute(
        f"""CREATE TRIGGER observations_one_value_per_date_insert BEFORE INSERT ON observations
        WHEN {taken}
        BEGIN SELECT RAISE(ABORT, '{ONE_VALUE_PER_DATE}'); END"""
    )
    db.execute(
        f"""CREATE TRIGGER observations_one_value_per_date_update
        BEFORE UPDATE OF indicator_id, date ON observations
        WHEN (NEW.indicator_id IS NOT OLD.indicator_id OR NEW.date IS NOT OLD.date) AND {taken}
        BEGIN SELECT RAISE(ABORT, '{ONE_VALUE_PER_DATE}'); END"""
    )
