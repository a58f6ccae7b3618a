"""Full-text search over letters, asks (title, wording, the passages that make them) and status
notes, and the "this ask repeats an earlier one" suggestions built on it.

The FTS5 indexes are made by a migration (sqlite-utils ``enable_fts`` with triggers), so
every write, correction included, is searchable at once. Donors search public content only:
ask titles and public status notes, never letters, wordings or internal notes.

Repeat suggestions are two steps a person can follow: bm25 picks candidates that share word
stems with the passage (prefix queries, so "releas*" finds release, released, releasing), then
each candidate is scored by how much of the passage's distinctive words it holds and how much
of its own words the passage holds (the harmonic mean, 0 to 1), with the words shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd
from sqlite_utils import Database

from tracker.words import WORD, fold, language_of, stems, with_other_names

MARK_START, MARK_END = "\x02", "\x03"  # around matched words in snippets; pages style them
CANDIDATES = 20  # bm25 candidates per index before re-ranking
QUERY_WORDS = 10  # the passage's rarest word stems that pick the candidates
# bm25 ranks every row its words match: a word found in more rows than this (in a large
# tracker, "rights" or "reform") cannot tell candidates apart and only slows the ranking
COMMON_ROWS = 1000


def fts_query(text: str) -> str:
    """A person's search words as an FTS5 query: every word must appear (quoted, so FTS5
    syntax in the box is just text); the last word may be the start of a word."""
    words = [fold(w) for w in WORD.findall(text)]
    if not words:
        return ""
    return " ".join(f'"{w}"' for w in words) + "*"


def search(
    db: Database,
    query: str,
    *,
    public_only: bool = False,
    limit: int = 50,
    marks: tuple[str, str] = (MARK_START, MARK_END),
) -> pd.DataFrame:
    """Letters, asks and status notes matching every word of ``query``, best first within each
    kind. Columns: kind, id, ask_id, letter_id, title, snippet (matches between the two
    ``marks``), rank. Superseded status entries are left out: their correction is found."""
    match = fts_query(query)
    columns = ["kind", "id", "ask_id", "letter_id", "title", "snippet", "rank"]
    if not match:
        return pd.DataFrame(columns=columns)
    params = {"q": match, "limit": limit, "s": marks[0], "e": marks[1]}
    on_ask = "JOIN asks a ON a.id = t.ask_id"
    # an ask by any of its words; for donors, by its title only (column 0)
    ask_match = "'{title} : (' || :q || ')'" if public_only else ":q"
    parts = [_best("ask", "asks", "t.id, t.id, NULL, t.title", 0 if public_only else -1, ask_match)]
    if not public_only:
        parts.insert(0, _best("letter", "letters", "t.id, NULL, t.id, t.title"))
        fields = "t.ask_id, t.ask_id, t.letter_id, a.title"
        parts.append(_best("passage", "letter_asks", fields, join=on_ask))
    where = """AND NOT EXISTS (SELECT 1 FROM status_updates c
                               WHERE c.supersedes_id = t.id AND c.kind = 'correction')"""
    if public_only:
        where += " AND t.visibility = 'public'"
    fields = "t.id, t.ask_id, NULL, a.title"
    parts.append(_best("status note", "status_updates", fields, 0, join=on_ask, where=where))
    sql = " UNION ALL ".join(parts)
    found = pd.read_sql_query(sql, db.conn, params=params).set_axis(columns, axis=1)
    # whole numbers with gaps (a letter's row has no ask), not floats shown as "#4.0"
    return found.astype({"id": "Int64", "ask_id": "Int64", "letter_id": "Int64"})


def _best(kind: str, table: str, fields: str, column=-1, match=":q", join="", where="") -> str:
    """One kind's best matches: the rows ``t`` of ``table`` found by its full-text index, with
    (id, ask_id, letter_id, title), a snippet of ``column`` (-1: any) and the rank."""
    index = f"{table}_fts"
    return f"""SELECT * FROM (
        SELECT '{kind}', {fields}, snippet({index}, {column}, :s, :e, '…', 16), {index}.rank
        FROM {index} JOIN {table} t ON t.rowid = {index}.rowid {join}
        WHERE {index} MATCH {match} {where} ORDER BY {index}.rank LIMIT :limit)"""


# --- repeat suggestions -------------------------------------------------------------------------


@dataclass
class Suggestion:
    """An existing ask a passage likely repeats, with why: its score and the words shared."""

    ask_id: int
    title: str
    score: float
    words: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"ask_id": self.ask_id, "title": self.title, "score": self.score}


@dataclass
class RepeatCache:
    """What one draft's suggestions share (a long letter asks for dozens): word frequencies,
    the table's size, and each candidate ask's stems. Only valid while nothing is written."""

    frequency: dict[str, int] = field(default_factory=dict)
    total: int | None = None
    asks: dict[tuple[int, str], tuple[str, list[tuple[set[str], set[str]]]]] = field(
        default_factory=dict
    )


def _document_frequency(db: Database, keys: list[str], known: dict[str, int]) -> dict[str, int]:
    """In how many asks (titles and wordings) and passages each stem prefix appears: rare words
    weigh more, and a word found nowhere cannot pick a candidate."""
    for key in (k for k in keys if k not in known):
        known[key] = sum(
            db.conn.execute(
                f"SELECT count(*) FROM {index} WHERE {index} MATCH ?", (f'"{key}"*',)
            ).fetchone()[0]
            for index in ("asks_fts", "letter_asks_fts")
        )
    return known


def suggest_repeats(
    db: Database,
    text: str,
    *,
    limit: int = 3,
    cache: RepeatCache | None = None,
) -> list[Suggestion]:
    """Up to ``limit`` existing asks that ``text`` (a passage, or a title) likely repeats,
    best first. Never writes. Pass one ``cache`` for all the passages of one letter."""
    cache = cache or RepeatCache()
    language = language_of(text)
    text = with_other_names(text)
    query = stems(text, language, bridge=True)
    keys = [k for k in query if len(k) >= 3][:40]
    if not keys:
        return []
    if cache.total is None:
        cache.total = db.conn.execute(
            "SELECT (SELECT count(*) FROM asks) + (SELECT count(*) FROM letter_asks)"
        ).fetchone()[0]
    total = max(cache.total, 1)
    frequency = _document_frequency(db, keys, cache.frequency)
    found = [k for k in keys if frequency[k]]
    if not found:
        return []
    own_keys = set(stems(text, language))
    # a word brought over from the other language (bridge) counts half: it is the same word
    weight = {
        k: math.log(1 + total / (1 + frequency.get(k, 0))) * (1 if k in own_keys else 0.5)
        for k in keys
    }
    query_norm = math.sqrt(sum(w * w for w in weight.values())) or 1.0
    # the rarest words pick the candidates (common ones would make bm25 rank half the table)
    rarest = sorted(found, key=lambda k: frequency[k])
    picking = [k for k in rarest if frequency[k] <= COMMON_ROWS][:QUERY_WORDS]
    # no rare word: the asks holding all of its three rarest words together
    prefixes = [f'"{k}"*' for k in picking or rarest[:3]]
    match = " OR ".join(prefixes) if picking else " ".join(prefixes)
    candidate_ids: list[int] = []
    for table, ask in (("asks", "id"), ("letter_asks", "ask_id")):
        sql = f"""SELECT t.{ask} FROM {table}_fts JOIN {table} t ON t.rowid = {table}_fts.rowid
                  WHERE {table}_fts MATCH ? ORDER BY {table}_fts.rank LIMIT ?"""
        for (ask_id,) in db.conn.execute(sql, (match, CANDIDATES)):
            if ask_id not in candidate_ids:
                candidate_ids.append(ask_id)
    if not candidate_ids:
        return []
    missing = [i for i in candidate_ids if (i, language) not in cache.asks]
    if missing:
        marks = ",".join("?" * len(missing))
        texts: dict[int, list[str]] = {}
        titles: dict[int, str] = {}
        for ask_id, title, wording in db.conn.execute(
            f"SELECT id, title, wording FROM asks WHERE id IN ({marks})", missing
        ):
            titles[ask_id] = title
            # the title on its own too: a passage naming all of a short title's words repeats
            # it, however long the wording the title is read with
            texts.setdefault(ask_id, []).extend([title, f"{title}. {wording}"])
        for ask_id, passage in db.conn.execute(
            f"SELECT ask_id, passage FROM letter_asks WHERE ask_id IN ({marks}) AND passage != ''",
            missing,
        ):
            texts.setdefault(ask_id, []).append(passage)
        for ask_id, views in texts.items():
            stemmed = []
            for view in views:
                own = _matchable(view, language)
                stemmed.append((own, {o[:i] for o in own for i in range(3, len(o) + 1)}))
            cache.asks[(ask_id, language)] = (titles.get(ask_id, ""), stemmed)
    key_starts = {k: {k[:i] for i in range(3, len(k))} for k in keys}
    # the cosine of idf-weighted words (rare words count most on both sides); an ask word the
    # passage does not share weighs as much as the passage's average word
    typical = sum(weight[k] for k in found) / len(found)
    scored = []
    for ask_id in candidate_ids:
        title, stemmed = cache.asks.get((ask_id, language), ("", []))
        shared_all: set[str] = set()
        best = 0.0
        for own, starts in stemmed:  # its title and wording, and each passage: the closest
            shared = {k for k in keys if k in starts or not own.isdisjoint(key_starts[k])}
            if not shared:
                continue
            shared_all |= shared
            held = sum(weight[k] ** 2 for k in shared)
            rest = max(0, len(own) - len(shared)) * typical**2
            best = max(best, held / (query_norm * math.sqrt(held + rest)))
        if not shared_all:
            continue
        words = [query[k] for k in sorted(shared_all, key=lambda k: -weight[k])]
        scored.append(Suggestion(ask_id, title, round(min(best, 1.0), 3), words))
    scored.sort(key=lambda s: (-s.score, s.ask_id))
    return scored[:limit]


def _matchable(text: str, query_language: str) -> set[str]:
    """An ask's stems, in its own language and bridged to the query's."""
    language = language_of(text)
    own = set(stems(text, language, bridge=language != query_language))
    return {k for k in own if len(k) >= 3}
