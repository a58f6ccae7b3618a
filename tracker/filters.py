"""Which asks a view is about: theme, target, country, owner, letter, or given ask ids (one
ask's page). One filter object feeds every query, so the dashboard's charts and tables
always agree."""

from __future__ import annotations

from dataclasses import dataclass, field


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
        clauses: list[str] = []
        params: dict = {}
        for column, values in (
            ("theme", self.themes),
            ("target", self.targets),
            ("country", self.countries),
            ("owner", self.owners),
        ):
            if values:
                names = [f"f_{column}_{i}" for i in range(len(values))]
                params.update(zip(names, values, strict=False))
                clauses.append(f"{alias}.{column} IN ({', '.join(':' + n for n in names)})")
        if self.letter_ids:
            names = [f"f_letter_{i}" for i in range(len(self.letter_ids))]
            params.update(zip(names, (int(v) for v in self.letter_ids), strict=False))
            clauses.append(
                f"{alias}.{id_column} IN (SELECT ask_id FROM letter_asks WHERE letter_id IN "
                f"({', '.join(':' + n for n in names)}))"
            )
        if self.ask_ids:
            names = [f"f_ask_{i}" for i in range(len(self.ask_ids))]
            params.update(zip(names, (int(v) for v in self.ask_ids), strict=False))
            clauses.append(f"{alias}.{id_column} IN ({', '.join(':' + n for n in names)})")
        return (" AND ".join(clauses) or "1"), params

    @property
    def is_empty(self) -> bool:
        return not (
            self.themes
            or self.targets
            or self.countries
            or self.owners
            or self.letter_ids
            or self.ask_ids
        )


NO_FILTER = AskFilter()
