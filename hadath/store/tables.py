"""The database tables (SQLAlchemy Core), shared by the SQLite and PostgreSQL backends.

One row per analysed document, with its annotations in child tables keyed by the document's
integer `pk` and the item's index: the columns queries filter and join on. The document row also
keeps every annotation list as the contract gave it (`annotations`, one JSON text), so a stored
document reads back exactly as `Document.to_dict()` wrote it, fields added later included.
"""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData,
                        PrimaryKeyConstraint, Table, Text, UniqueConstraint)

metadata = MetaData()


def _doc_fk() -> Column:
    return Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False)


def _span() -> list[Column]:
    return [Column("char_start", Integer), Column("char_end", Integer), Column("text", Text)]


meta = Table("meta", metadata, Column("key", Text, primary_key=True), Column("value", Text))

runs = Table(
    "runs", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("started", Text, nullable=False), Column("finished", Text),
    Column("status", Text, nullable=False),       # running, done, interrupted, failed
    Column("inputs", Text), Column("workers", Integer), Column("counts", Text),
    Column("resumes", Integer),                          # the interrupted run this one takes up
)

documents = Table(
    "documents", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=False),
    Column("id", Text, nullable=False, unique=True),
    Column("content_hash", Text, nullable=False, unique=True),
    Column("input_key", Text),     # where it was read, stable across runs (path, line, id)
    Column("story_id", Text, nullable=False, index=True),
    Column("title", Text), Column("outlet", Text, index=True), Column("url", Text),
    Column("published", Text, index=True), Column("language", Text),
    Column("text", Text, nullable=False),
    Column("origin", Text),        # JSON: where it was read (path, line, feed entry, WARC record)
    Column("annotations", Text),   # JSON: the contract dict but for `document` and `sentences`
    Column("minhash", LargeBinary), Column("shingles", Integer),
    Column("n_sentences", Integer, nullable=False), Column("n_events", Integer, nullable=False),
    Column("run_id", Integer), Column("added", Text),
)

copies = Table(
    "copies", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", Text, nullable=False, index=True),
    Column("input_key", Text, nullable=False),
    Column("input_id", Text), Column("outlet", Text), Column("url", Text),
    Column("title", Text), Column("published", Text), Column("origin", Text),
    Column("run_id", Integer), Column("added", Text),
    UniqueConstraint("content_hash", "input_key", name="copies_hash_key"),
)

rejections = Table(
    "rejections", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("input_key", Text, nullable=False, unique=True),
    Column("input_id", Text), Column("path", Text),
    Column("code", Text, nullable=False, index=True), Column("message", Text),
    Column("content_hash", Text), Column("run_id", Integer), Column("added", Text),
)

sentences = Table(
    "sentences", metadata, _doc_fk(), Column("idx", Integer, nullable=False),
    Column("char_start", Integer, nullable=False), Column("char_end", Integer, nullable=False),
    PrimaryKeyConstraint("doc_pk", "idx"),
)

entities = Table(
    "entities", metadata, _doc_fk(), Column("idx", Integer, nullable=False), Column("id", Text),
    Column("label", Text), Column("actor", Text), *_span(),
    PrimaryKeyConstraint("doc_pk", "idx"),
)

actors = Table(
    "actors", metadata, _doc_fk(), Column("idx", Integer, nullable=False), Column("id", Text),
    Column("name", Text), Column("name_en", Text), Column("country", Text),
    Column("sector", Text), Column("wikidata", Text),
    PrimaryKeyConstraint("doc_pk", "idx"),
)

events = Table(
    "events", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=False),
    Column("uid", Text, nullable=False, unique=True),   # "<document id>:<event id>"
    _doc_fk(), Column("idx", Integer, nullable=False), Column("id", Text),
    Column("story_id", Text, nullable=False, index=True),
    Column("type", Text, index=True), Column("mode", Text), Column("context", Text),
    Column("cameo", Text),
    *[Column(f"{side}_{f}", t) for side in ("source", "target")
      for f, t in (("actor", Text), ("name", Text), ("country", Text), ("sector", Text))],
    Column("date", Text), Column("date_precision", Text), Column("date_text", Text),
    Column("month", Text, index=True),     # of the event, else of the document
    Column("location", Text), Column("location_country", Text),
    Column("lat", Float), Column("lon", Float),
    Column("negated", Boolean, nullable=False), Column("aux", Text),
    Column("confidence", Float), Column("sentence", Integer),
    *_span(),
    Column("sentence_text", Text),
    Column("search", Text),                     # normalised sentence text, for full-text search
    Column("link_key", Text),                   # type and both sides: equal keys in one story are one event
    Column("duplicate_of", Text, index=True),
    Index("events_dyad", "source_country", "target_country"),
)

quotes = Table(
    "quotes", metadata, _doc_fk(), Column("idx", Integer, nullable=False), Column("id", Text),
    Column("speaker_actor", Text), Column("speaker_name", Text),
    Column("speaker_country", Text), Column("cue", Text), Column("direct", Boolean),
    *_span(), PrimaryKeyConstraint("doc_pk", "idx"),
)

figures = Table(
    "figures", metadata, _doc_fk(), Column("idx", Integer, nullable=False), Column("id", Text),
    Column("kind", Text), Column("value", Float), Column("unit", Text),
    Column("qualifier", Text), *_span(),
    PrimaryKeyConstraint("doc_pk", "idx"),
)

dates = Table(
    "dates", metadata, _doc_fk(), Column("idx", Integer, nullable=False),
    Column("value", Text), Column("precision", Text), Column("relative", Boolean),
    *_span(), PrimaryKeyConstraint("doc_pk", "idx"),
)

# Child tables in the order rows are written; each maps to the contract's list of that name.
ITEMS = {"entities": entities, "actors": actors, "quotes": quotes, "figures": figures, "dates": dates}
