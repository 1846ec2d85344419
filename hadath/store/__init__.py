"""The database: analysed documents with their annotations, exact copies, rejections and runs,
in SQLite (a file, by default `hadath.db`) or PostgreSQL (`postgresql://...`), through one
data-access class, `Store`. The store knows the contract dicts only; it runs no analysis.

    >>> from hadath.store import Store
    >>> store = Store("news.db")
    >>> store.add(doc.to_dict())          # one document, one transaction
    >>> store.events(EventFilter(country="IRN"))
"""
from .migrate import SCHEMA_VERSION, SchemaError
from .query import COLUMNS, EventFilter
from .store import DEFAULT_DB, Pending, Store

__all__ = ["COLUMNS", "DEFAULT_DB", "EventFilter", "Pending", "SCHEMA_VERSION", "SchemaError", "Store"]
