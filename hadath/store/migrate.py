"""Schema versions. A new database gets the current schema at once; an older one is brought
up to date step by step by `MIGRATIONS` (version -> function run in one transaction), so a
database written by an earlier hadath keeps working and is never rebuilt.

To change the schema: edit `tables.py`, bump `SCHEMA_VERSION`, and add the step that takes a
database at the previous version to the new one (ALTER TABLE ..., data moves) in `MIGRATIONS`.
"""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Connection, Engine

from .tables import meta, metadata

SCHEMA_VERSION = 1

# version -> step taking a database at version-1 to version. Version 1 is the initial schema.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {}


class SchemaError(RuntimeError):
    pass


def _full_text(conn: Connection) -> None:
    """Full-text search over event evidence: FTS5 in SQLite, a GIN index in PostgreSQL."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(search, content='events', "
            "content_rowid='pk', tokenize='unicode61 remove_diacritics 2')")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "CREATE INDEX IF NOT EXISTS events_search ON events "
            "USING gin (to_tsvector('simple', coalesce(search, '')))")


def version(conn: Connection) -> int | None:
    if not inspect(conn).has_table("meta"):
        return None
    row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
    return int(row[0]) if row else None


def upgrade(engine: Engine) -> int:
    """Create or migrate the schema; returns the version the database is at."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":   # one migrator at a time
            conn.execute(text("SELECT pg_advisory_xact_lock(74657)"))
        current = version(conn)
        if current is None:
            metadata.create_all(conn)
            _full_text(conn)
            conn.execute(meta.insert(), [{"key": "schema_version", "value": str(SCHEMA_VERSION)}])
            return SCHEMA_VERSION
        if current > SCHEMA_VERSION:
            raise SchemaError(f"the database has schema version {current}, newer than this hadath's "
                              f"{SCHEMA_VERSION}: upgrade hadath to use it")
        for step in range(current + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[step](conn)
            conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(step)))
        return SCHEMA_VERSION
