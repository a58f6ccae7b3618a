"""Which asks a view is about: theme, target, country, owner, letter, or given ask ids (one
ask's page). One filter object feeds every query, so the dashboard's charts and tables
always agree."""

from __future__ import annotations

from dataclasses import astuple, dataclass, field

from sqlite_utils import Database

from tracker.errors import ValidationError

GROUPINGS = ("theme", "target", "country", "owner", "priority")


@dataclass(frozen=True)
class AskFilter:
    """Empty tuples mean "any"."""

    themes: tuple[str, ...] = field(default_factory=tuple)
    targets: tuple[str, ...] = field(default_factory=tuple)
    countries: tuple[str, ...] = field(default_factory=tuple)
    owners: tuple[str, ...] = field(default_factory=tuple)
    letter_ids: tuple[int, ...] = field(default_factory=tuple)
    ask_ids: tuple[int, ...] = field(default_factory=tuple)  # one ask's page, one ask's form

    def sql(self, alias: str = "a", id_column: str = "id") -> tuple[str, dict]:
        """A WHERE fragment (always valid, ``1`` when empty) and its named parameters, for a
        table with the asks' columns (``id_column`` names the ask id)."""
        asks = f"{alias}.{id_column} IN"
        letters = f"{asks} (SELECT ask_id FROM letter_asks WHERE letter_id IN ({{}}))"
        clauses: list[str] = []
        params: dict = {}
        for name, values, clause in (
            ("theme", self.themes, f"{alias}.theme IN ({{}})"),
            ("target", self.targets, f"{alias}.target IN ({{}})"),
            ("country", self.countries, f"{alias}.country IN ({{}})"),
            ("owner", self.owners, f"{alias}.owner IN ({{}})"),
            ("letter", tuple(int(v) for v in self.letter_ids), letters),
            ("ask", tuple(int(v) for v in self.ask_ids), f"{asks} ({{}})"),
        ):
            if values:
                names = [f"f_{name}_{i}" for i in range(len(values))]
                params.update(zip(names, values, strict=True))
                clauses.append(clause.format(", ".join(":" + n for n in names)))
        return (" AND ".join(clauses) or "1"), params

    @property
    def is_empty(self) -> bool:
        return not any(astuple(self))


NO_FILTER = AskFilter()


def check_grouping(by: str | None) -> None:
    """A column counts can be grouped by (or none)."""
    if by is not None and by not in GROUPINGS:
        raise ValidationError(f"cannot group by '{by}': use one of {', '.join(GROUPINGS)}.", "by")


def filter_options(db: Database) -> dict:
    """Distinct values for each filter, for pickers, and the date the first ask was made."""
    options = {
        plural: [
            r[0]
            for r in db.conn.execute(
                f"SELECT DISTINCT {column} FROM asks WHERE {column} IS NOT NULL ORDER BY 1"
            )
        ]
        for column, plural in (
            ("theme", "themes"),
            ("target", "targets"),
            ("country", "countries"),
            ("owner", "owners"),
        )
    }
    options["letters"] = [
        (r[0], r[1])
        for r in db.conn.execute(
            "SELECT id, date_sent || ' — ' || title FROM letters ORDER BY date_sent DESC"
        )
    ]
    options["first_date"] = db.conn.execute("SELECT MIN(added_on) FROM asks").fetchone()[0]
    return options


def ask_choices(db: Database) -> dict[int, str]:
    """Every ask's id and a label to pick it by ("#12 Title"), for search boxes: no status
    work, so a picker over every ask costs one small query (cached by the pages)."""
    return dict(db.conn.execute("SELECT id, '#' || id || ' ' || title FROM asks ORDER BY id"))
