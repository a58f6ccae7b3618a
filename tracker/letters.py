"""Letters and the asks they make, each way round."""

from __future__ import annotations

import pandas as pd
from sqlite_utils import Database


def list_letters(db: Database) -> pd.DataFrame:
    """Letters, newest first, with how many asks each makes."""
    return pd.read_sql_query(
        """SELECT l.id, l.date_sent, l.title, l.author_org, l.cosigners, l.recipient_person,
                  l.recipient_office, l.url,
                  (SELECT COUNT(*) FROM letter_asks la WHERE la.letter_id = l.id) AS asks
           FROM letters l ORDER BY l.date_sent DESC, l.id DESC""",
        db.conn,
    )


def get_letter(db: Database, letter_id: int) -> dict | None:
    """One letter's row, or None when there is no such letter."""
    rows = pd.read_sql_query(
        "SELECT * FROM letters WHERE id = ?", db.conn, params=(int(letter_id),)
    )
    return None if rows.empty else rows.iloc[0].to_dict()


def letter_asks(db: Database, letter_id: int) -> pd.DataFrame:
    """The asks a letter makes, with the passage that makes each."""
    return pd.read_sql_query(
        """SELECT a.id AS ask_id, a.title, a.theme, a.target, la.passage
           FROM letter_asks la JOIN asks a ON a.id = la.ask_id
           WHERE la.letter_id = ? ORDER BY a.id""",
        db.conn,
        params=(int(letter_id),),
    )


def ask_letters(db: Database, ask_id: int) -> pd.DataFrame:
    """The letters that made an ask, oldest first."""
    return pd.read_sql_query(
        """SELECT l.id AS letter_id, l.date_sent, l.title, l.author_org, la.passage
           FROM letter_asks la JOIN letters l ON l.id = la.letter_id
           WHERE la.ask_id = ? ORDER BY l.date_sent, l.id""",
        db.conn,
        params=(int(ask_id),),
    )
