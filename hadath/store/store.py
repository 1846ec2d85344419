"""The `Store`: one data-access class over SQLite (the default, a file) and PostgreSQL.

Writing is in two steps so that a batch of documents is one transaction: `prepare` turns an
analysed document into rows in memory (its unique id, its story from the near-duplicate index,
links from its events to the same events already stored for that story), and `write` inserts
prepared documents, exact copies and rejections together, all or nothing. A process killed
mid-batch leaves the database as it was before the batch. `add` does both for one document.

One writer at a time: the near-duplicate index and the story links live in the writer's memory
and keys are numbered inside each transaction. Readers (`hadath events` during an ingest) are
fine on both backends (SQLite runs in WAL mode).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import create_engine, delete, event, func, select
from sqlalchemy.engine import Engine

from .. import dedup
from . import rows as R
from .migrate import upgrade
from .query import Queries
from .tables import ITEMS, copies, documents, events, rejections, runs, sentences

DEFAULT_DB = "hadath.db"


def engine_for(url: str) -> Engine:
    """An engine for a file path (SQLite) or a postgresql:// URL."""
    if url.startswith(("postgresql://", "postgres://")):
        return create_engine("postgresql+psycopg://" + url.split("://", 1)[1], pool_pre_ping=True)
    if "://" not in url:
        url = "sqlite:///" + (url if url == ":memory:" else os.path.abspath(url))
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _pragmas(dbapi, _):
            dbapi.isolation_level = None          # transactions are begun below, not by sqlite3
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON",
                           "busy_timeout=30000", "cache_size=-16384"):
                dbapi.execute(f"PRAGMA {pragma}")

        @event.listens_for(engine, "begin")
        def _begin(conn):
            conn.exec_driver_sql("BEGIN")
    return engine


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Pending:
    """One analysed document's rows, ready to write."""
    doc: dict
    items: dict[str, list[dict]]
    events: list[dict] = field(default_factory=list)


class Store(Queries):
    def __init__(self, url: str = DEFAULT_DB):
        self.url = url
        self.engine = engine_for(url)
        self.version = upgrade(self.engine)
        self._index: dedup.NearIndex | None = None
        self._stories: dict[str, dict[str, str]] = {}   # story -> link key -> first event uid
        self._pending_ids: set[str] = set()
        self._free: set[str] = set()                     # ids known not to be stored

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- runs -------------------------------------------------------------------------------
    def begin_run(self, inputs: list[str], workers: int) -> tuple[int, int | None]:
        """Start a run; a run left 'running' (killed) is marked interrupted, and the new run
        records that it takes up the last interrupted run over the same inputs."""
        listed = json.dumps(inputs, ensure_ascii=False)
        with self.engine.begin() as conn:
            conn.execute(runs.update().where(runs.c.status == "running").values(status="interrupted"))
            resumes = conn.scalar(select(runs.c.pk).where(runs.c.status == "interrupted",
                                                          runs.c.inputs == listed).order_by(runs.c.pk.desc()))
            run = conn.execute(runs.insert().values(started=now(), status="running", inputs=listed,
                                                    workers=workers, resumes=resumes)).inserted_primary_key[0]
        return run, resumes

    def finish_run(self, run: int, status: str, counts: dict) -> None:
        with self.engine.begin() as conn:
            conn.execute(runs.update().where(runs.c.pk == run).values(
                status=status, finished=now(), counts=json.dumps(counts, ensure_ascii=False)))

    def runs(self) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(runs).order_by(runs.c.pk))]

    # -- what is stored ---------------------------------------------------------------------
    def seen(self, hashes: Iterable[str]) -> dict[str, set[str]]:
        """For each stored content hash among `hashes`, the input keys it was read from."""
        hashes = list(set(hashes))
        out: dict[str, set[str]] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(hashes), 500):
                part = hashes[i:i + 500]
                for h, key in conn.execute(select(documents.c.content_hash, documents.c.input_key)
                                           .where(documents.c.content_hash.in_(part))):
                    out.setdefault(h, set()).add(key)
                for h, key in conn.execute(select(copies.c.content_hash, copies.c.input_key)
                                           .where(copies.c.content_hash.in_(part))):
                    out.setdefault(h, set()).add(key)
        return out

    @property
    def index(self) -> dedup.NearIndex:
        """The near-duplicate index over every stored document, loaded on first use."""
        if self._index is None:
            self._index = dedup.NearIndex()
            q = select(documents.c.content_hash, documents.c.minhash, documents.c.shingles,
                       documents.c.story_id).where(documents.c.minhash.is_not(None)).order_by(documents.c.pk)
            with self.engine.connect() as conn:
                for h, sig, n, story in conn.execute(q):
                    self._index.add(h, bytes(sig), n, story)
        return self._index

    # -- writing ----------------------------------------------------------------------------
    def prepare(self, d: dict, *, content_hash: str | None = None, minhash: bytes | None = None,
                shingles: int | None = None, origin: dict | None = None, input_key: str | None = None,
                run: int | None = None, rows: dict | None = None) -> Pending:
        """Rows for one analysed document (`d` as `Document.to_dict()` gives it; only its
        "document" part when `rows`, from `rows.document_rows(d)`, come with it)."""
        if d.get("error"):
            raise ValueError(f"document {d['document'].get('id')} failed analysis: {d['error']}")
        doc = d["document"]
        text = doc["text"]
        content_hash = content_hash or dedup.content_hash(text)
        if minhash is None:
            minhash, shingles = dedup.signature(text)
        rows = rows or R.document_rows(d)
        doc_id = self._unique_id(str(doc.get("id") or "doc"), content_hash)
        match = self.index.match(minhash, shingles or 0)
        story = match[1] if match else doc_id
        self.index.add(content_hash, minhash, shingles or 0, story)
        evs = rows["events"]
        for ev in evs:
            ev["uid"] = f"{doc_id}:{ev['id'] or ev['idx']}"
        self._link(story, evs, known=match is not None)
        row = {"id": doc_id, "content_hash": content_hash, "input_key": input_key or doc_id,
               "story_id": story, "title": doc.get("title"), "outlet": doc.get("source"),
               "url": doc.get("url"), "published": doc.get("published"), "language": doc.get("language"),
               "text": text, "origin": R.dumps(origin) if origin else None, "annotations": rows["annotations"],
               "minhash": minhash, "shingles": shingles, "n_sentences": len(rows["items"]["sentences"]),
               "n_events": len(evs), "run_id": run, "added": now()}
        return Pending(row, rows["items"], evs)

    def check_ids(self, ids: Iterable[str]) -> None:
        """Look up in one query whether these document ids are free, ahead of `prepare`."""
        ids = list(set(ids) - self._pending_ids)
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                part = ids[i:i + 500]
                taken = set(conn.scalars(select(documents.c.id).where(documents.c.id.in_(part))))
                self._free.update(x for x in part if x not in taken)

    def _unique_id(self, doc_id: str, content_hash: str) -> str:
        if doc_id in self._pending_ids:
            taken = True
        elif doc_id in self._free:
            taken = False
        else:
            with self.engine.connect() as conn:
                taken = conn.scalar(select(documents.c.pk).where(documents.c.id == doc_id)) is not None
        self._free.discard(doc_id)
        if taken:
            doc_id = f"{doc_id}~{content_hash[:8]}"
        self._pending_ids.add(doc_id)
        return doc_id

    def _link(self, story: str, evs: list[dict], known: bool) -> None:
        """Mark each event that repeats one already stored for the story as its duplicate."""
        if story not in self._stories:
            if len(self._stories) > 100_000:
                self._stories.clear()
            first: dict[str, str] = {}
            if known:
                with self.engine.connect() as conn:
                    for uid, key in conn.execute(select(events.c.uid, events.c.link_key).where(
                            events.c.story_id == story, events.c.duplicate_of.is_(None)).order_by(events.c.pk)):
                        first.setdefault(key, uid)
            self._stories[story] = first
        first = self._stories[story]
        for ev in evs:
            ev["story_id"] = story
            ev["duplicate_of"] = first.get(ev["link_key"])
        for ev in evs:
            first.setdefault(ev["link_key"], ev["uid"])

    def write(self, docs: Iterable[Pending] = (), copy_rows: Iterable[dict] = (),
              rejection_rows: Iterable[dict] = ()) -> None:
        """Insert documents with all their rows, copies and rejections in one transaction."""
        docs, copy_rows, rejection_rows = list(docs), list(copy_rows), list(rejection_rows)
        with self.engine.begin() as conn:
            if docs:
                self._insert_docs(conn, docs)
            if copy_rows:
                conn.execute(self._insert(copies).on_conflict_do_nothing(), copy_rows)
            if rejection_rows:
                ins = self._insert(rejections)
                conn.execute(ins.on_conflict_do_update(index_elements=["input_key"], set_={
                    c: ins.excluded[c] for c in ("code", "message", "path", "run_id", "added", "content_hash")}),
                    rejection_rows)
            done = [p.doc["input_key"] for p in docs] + [c["input_key"] for c in copy_rows]
            for i in range(0, len(done), 500):   # an input accepted now is no longer rejected
                conn.execute(delete(rejections).where(rejections.c.input_key.in_(done[i:i + 500])))
        for p in docs:
            self._pending_ids.discard(p.doc["id"])

    def _insert_docs(self, conn, docs: list[Pending]) -> None:
        pk = conn.scalar(select(func.coalesce(func.max(documents.c.pk), 0)))
        epk = conn.scalar(select(func.coalesce(func.max(events.c.pk), 0)))
        rows: dict = {t: [] for t in (documents, sentences, *ITEMS.values(), events)}
        for p in docs:
            pk += 1
            rows[documents].append(dict(p.doc, pk=pk))
            for table, items in ((sentences, p.items["sentences"]),
                                 *((t, p.items[name]) for name, t in ITEMS.items()), (events, p.events)):
                for r in items:
                    r["doc_pk"] = pk
                    if table is events:
                        epk += 1
                        r["pk"] = epk
                rows[table].extend(items)
        for table, batch in rows.items():
            self._executemany(conn, table, batch)
        if rows[events] and self.backend == "sqlite":
            conn.exec_driver_sql("INSERT INTO events_fts(rowid, search) VALUES (?, ?)",
                                 [(e["pk"], e["search"]) for e in rows[events]])

    def _executemany(self, conn, table, batch: list[dict]) -> None:
        """A plain DBAPI executemany: tens of thousands of small rows a batch, where SQLAlchemy's
        per-row parameter processing would cost more than the database itself."""
        if not batch:
            return
        cols = [c.name for c in table.columns]
        mark = "?" if self.backend == "sqlite" else "%s"
        sql = (f'INSERT INTO {table.name} ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
               f'VALUES ({", ".join([mark] * len(cols))})')
        conn.exec_driver_sql(sql, [tuple(r.get(c) for c in cols) for r in batch])

    def _insert(self, table):
        if self.backend == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(table)

    def add(self, d: dict, **kw) -> str:
        """Store one analysed document (its own transaction); returns its id in the store. A text
        stored already is not stored again: its id is returned."""
        kw.setdefault("content_hash", dedup.content_hash(d["document"]["text"]))
        with self.engine.connect() as conn:
            stored = conn.scalar(select(documents.c.id).where(documents.c.content_hash == kw["content_hash"]))
        if stored is not None:
            return stored
        p = self.prepare(d, **kw)
        self.write([p])
        return p.doc["id"]
