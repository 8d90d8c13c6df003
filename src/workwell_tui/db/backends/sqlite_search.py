"""Find-as-you-type over the directory on SQLite: an FTS5 index kept up to date by triggers.

The index (`service_fts`) holds each service's name, organisation, categories and description.
Its rows are numbered through `service_search`, a small table with an INTEGER PRIMARY KEY that
VACUUM never renumbers (the service table's own rowid may change, its UUID key is text), so a
trigger can find and replace a service's row in one indexed step. Triggers on `service` keep the
index right whatever writes the table (imports, the coach's edits, the demo's bulk insert).

A SQLite built without FTS5 simply has no index; the directory then searches with LIKE.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["SEARCH_TABLES", "install_search_index", "is_search_table", "match_query", "search_ids"]

SEARCH_TABLES = ("service_fts", "service_search")

# Written out in full (no SQL is ever built from values in db/, a test checks).
SEARCH_DDL = (
    "CREATE TABLE IF NOT EXISTS service_search ("
    "fts_rowid INTEGER PRIMARY KEY, service_id CHAR(32) NOT NULL UNIQUE)",
    # Prefix indexes: typing "couns" finds "counselling" quickly from the second letter on.
    "CREATE VIRTUAL TABLE IF NOT EXISTS service_fts USING fts5("
    "name, organisation, categories, description, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')",
    "CREATE TRIGGER IF NOT EXISTS service_search_insert AFTER INSERT ON service BEGIN "
    "INSERT INTO service_search(service_id) VALUES (new.id); "
    "INSERT INTO service_fts(rowid, name, organisation, categories, description) "
    "SELECT fts_rowid, new.name, new.organisation, new.categories, new.description "
    "FROM service_search WHERE service_id = new.id; END",
    "CREATE TRIGGER IF NOT EXISTS service_search_update "
    "AFTER UPDATE OF name, organisation, categories, description ON service BEGIN "
    "DELETE FROM service_fts WHERE rowid = "
    "(SELECT fts_rowid FROM service_search WHERE service_id = old.id); "
    "INSERT INTO service_fts(rowid, name, organisation, categories, description) "
    "SELECT fts_rowid, new.name, new.organisation, new.categories, new.description "
    "FROM service_search WHERE service_id = new.id; END",
    "CREATE TRIGGER IF NOT EXISTS service_search_delete AFTER DELETE ON service BEGIN "
    "DELETE FROM service_fts WHERE rowid = "
    "(SELECT fts_rowid FROM service_search WHERE service_id = old.id); "
    "DELETE FROM service_search WHERE service_id = old.id; END",
)
_FILL = (
    "INSERT INTO service_search(service_id) SELECT id FROM service "
    "WHERE id NOT IN (SELECT service_id FROM service_search)",
    "INSERT INTO service_fts(rowid, name, organisation, categories, description) "
    "SELECT k.fts_rowid, s.name, s.organisation, s.categories, s.description "
    "FROM service s JOIN service_search k ON k.service_id = s.id "
    "WHERE k.fts_rowid NOT IN (SELECT rowid FROM service_fts)",
)
# bm25 weights per column: a word in the name counts most, in the description least.
_SEARCH = (
    "SELECT k.service_id FROM service_fts JOIN service_search k ON k.fts_rowid = service_fts.rowid "
    "WHERE service_fts MATCH ? ORDER BY bm25(service_fts, 10.0, 4.0, 6.0, 1.0) LIMIT ?"
)


def is_search_table(name: str) -> bool:
    """Whether a table is part of the search index (FTS5 adds its own shadow tables)."""
    return name.startswith(SEARCH_TABLES)


def install_search_index(dbapi_connection: Any) -> bool:
    """Create the index, its triggers and its rows (idempotent); False without FTS5.

    Takes a DB-API (sqlite3) connection, so it runs the same from a migration or `create_all`.
    """
    import sqlite3

    cursor = dbapi_connection.cursor()
    try:
        try:
            cursor.execute(SEARCH_DDL[1])
        except sqlite3.OperationalError:
            return False  # no FTS5 in this SQLite: the directory searches with LIKE
        for statement in (SEARCH_DDL[0], *SEARCH_DDL[2:], *_FILL):
            cursor.execute(statement)
        return True
    finally:
        cursor.close()


def match_query(words: Sequence[str], titles_only: bool = False) -> str:
    """An FTS5 query for every word as a prefix ("couns"* AND "prest"*), quotes doubled;
    `titles_only` looks in the name, organisation and categories, not the description."""
    phrases = " ".join('"' + word.replace('"', '""') + '"*' for word in words)
    return "{name organisation categories} : (" + phrases + ")" if titles_only else phrases


def search_ids(dbapi_connection: Any, words: Sequence[str], limit: int) -> list[str] | None:
    """Ids of services matching every word, best first; None when there is no index.

    Matches in the name, organisation or categories come first (one quick query); services
    that match only in their description follow, once every word has three letters or more
    (a one- or two-letter prefix is in nearly every description, and says little).
    """
    import sqlite3

    try:
        found = dbapi_connection.execute(_SEARCH, (match_query(words, True), limit)).fetchall()
        ids = [str(row[0]) for row in found]
        if len(ids) < limit and min(len(word) for word in words) >= 3:
            seen = set(ids)
            more = dbapi_connection.execute(_SEARCH, (match_query(words), limit)).fetchall()
            ids += [str(row[0]) for row in more if str(row[0]) not in seen][: limit - len(ids)]
    except sqlite3.OperationalError:
        return None  # no index (no FTS5, or a database from before it): LIKE instead
    return ids
