"""The database: analysed documents with their annotations, exact copies, rejections and runs,
in SQLite (a file, by default `hadath.db`) or PostgreSQL (`postgresql://...`), through one
data-access class, `Store`. The store knows the contract dicts only; it runs no analysis.

    >>> from hadath.store import Store, EventFilter
    >>> store = Store("news.db")
    >>> store.add(doc.to_dict())          # one document, one transaction
    >>> store.events(EventFilter(country="IRN"))

Names are imported on first use: `hadath.store.rows`, which ingest workers use, needs no
SQLAlchemy.
"""
from ..lazy import lazy_names

_WHERE = {"SCHEMA_VERSION": "migrate", "SchemaError": "migrate", "COLUMNS": "query",
          "EventFilter": "query", "DEFAULT_DB": "store", "Pending": "store", "Store": "store"}
__all__ = sorted(_WHERE)

__getattr__ = lazy_names(__name__, _WHERE)
