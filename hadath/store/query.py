"""Reading the store: documents back as contract dicts, events filtered and flattened to the
columns POLECAT and ICEWS users know, and counts per dyad, month, type and outlet.

An event is *counted* when it is reported as news that happened: not negated, no auxiliary
mode (future, hypothetical, historical), and not a repeat of an event already stored for the
same story by another outlet. Counts use counted events only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import and_, func, literal_column, not_, or_, select, text

from ..text.normalize import normalize_text
from . import rows as R
from .tables import ITEMS, copies, documents, events, rejections, sentences

# Export column -> expression. Names follow POLECAT's fields in snake_case.
COLUMNS = {
    "event_id": events.c.uid, "event_date": events.c.date, "date_precision": events.c.date_precision,
    "event_type": events.c.type, "event_mode": events.c.mode, "context": events.c.context,
    "cameo": events.c.cameo,
    "source_name": events.c.source_name, "source_actor": events.c.source_actor,
    "source_country": events.c.source_country, "source_sector": events.c.source_sector,
    "target_name": events.c.target_name, "target_actor": events.c.target_actor,
    "target_country": events.c.target_country, "target_sector": events.c.target_sector,
    "location": events.c.location, "location_country": events.c.location_country,
    "latitude": events.c.lat, "longitude": events.c.lon,
    "negated": events.c.negated, "aux": events.c.aux, "confidence": events.c.confidence,
    "evidence": events.c.text, "sentence": events.c.sentence_text,
    "doc_id": documents.c.id, "title": documents.c.title, "url": documents.c.url,
    "outlet": documents.c.outlet, "published": documents.c.published,
    "story_id": events.c.story_id, "duplicate_of": events.c.duplicate_of,
}
COUNTED = and_(not_(events.c.negated), events.c.aux.is_(None), events.c.duplicate_of.is_(None))


@dataclass
class EventFilter:
    actor: str | None = None      # part of a source or target name, or an actor/Wikidata id
    country: str | None = None    # ISO3 on either side
    dyad: str | None = None       # "IRN-RUS": source IRN, target RUS
    type: str | None = None       # PLOVER type(s), comma-separated
    since: str | None = None      # YYYY[-MM[-DD]], on the event date else the publication date
    until: str | None = None
    outlet: str | None = None
    search: str | None = None     # words in the evidence sentence
    counted: bool = True          # only events counted as news (see module doc)
    limit: int | None = None


def _date():
    return func.coalesce(events.c.date, documents.c.published)


class Queries:
    """Read methods of `Store` (mixed in), kept apart from the writing side."""

    def document(self, doc_id: str) -> dict | None:
        """The stored document as `Document.to_dict(tokens=False)` gave it."""
        with self.engine.connect() as conn:
            doc = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().first()
            if doc is None:
                return None
            spans = conn.execute(select(sentences.c.char_start, sentences.c.char_end)
                                 .where(sentences.c.doc_pk == doc["pk"]).order_by(sentences.c.idx)).all()
        return R.to_contract(dict(doc), [tuple(s) for s in spans])

    def document_info(self, doc_id: str) -> dict | None:
        """Storage facts about a document: story, origin, run, and the story's other sources."""
        with self.engine.connect() as conn:
            doc = conn.execute(select(documents.c.id, documents.c.story_id, documents.c.content_hash,
                                      documents.c.origin, documents.c.run_id, documents.c.added)
                               .where(documents.c.id == doc_id)).mappings().first()
            if doc is None:
                return None
            story = doc["story_id"]
            docs = conn.execute(select(documents.c.id, documents.c.outlet, documents.c.url,
                                       documents.c.published, documents.c.content_hash)
                                .where(documents.c.story_id == story).order_by(documents.c.pk)).mappings().all()
            hashes = [d["content_hash"] for d in docs]
            dups = conn.execute(select(copies.c.input_id, copies.c.outlet, copies.c.url, copies.c.published,
                                       copies.c.content_hash).where(copies.c.content_hash.in_(hashes))
                                .order_by(copies.c.pk)).mappings().all()
        sources = [dict(d, kind="document") for d in docs] + [dict(c, id=c["input_id"], kind="copy") for c in dups]
        return dict(doc, sources=sources)

    def events(self, f: EventFilter | None = None, columns: list[str] | None = None) -> list[dict]:
        """Events matching `f`, flattened to `COLUMNS`, by date."""
        return list(self.iter_events(f, columns))

    def iter_events(self, f: EventFilter | None = None, columns: list[str] | None = None):
        f = f or EventFilter()
        cols = [COLUMNS[c].label(c) for c in (columns or COLUMNS)]
        q = select(*cols).select_from(events.join(documents, events.c.doc_pk == documents.c.pk))
        q = q.where(*self._conditions(f)).order_by(_date(), events.c.pk)
        if f.limit:
            q = q.limit(f.limit)
        with self.engine.connect() as conn:
            for row in conn.execute(q).mappings():
                yield dict(row)

    def _conditions(self, f: EventFilter) -> list:
        cond = [COUNTED] if f.counted else []
        if f.actor:
            like = f"%{f.actor}%"
            cond.append(or_(events.c.source_name.like(like), events.c.target_name.like(like),
                            events.c.link_key.like(f"%{normalize_text(f.actor)}%"),
                            events.c.source_actor == f.actor, events.c.target_actor == f.actor))
        if f.country:
            c = f.country.upper()
            cond.append(or_(events.c.source_country == c, events.c.target_country == c))
        if f.dyad:
            parts = [p.strip().upper() or None for p in re.split(r"[-:>,/]", f.dyad, maxsplit=1)]
            src, tgt = (parts + [None])[:2]
            if src:
                cond.append(events.c.source_country == src)
            if tgt:
                cond.append(events.c.target_country == tgt)
        if f.type:
            cond.append(events.c.type.in_([t.strip().upper() for t in f.type.split(",") if t.strip()]))
        if f.since:
            cond.append(func.substr(_date(), 1, len(f.since)) >= f.since)
        if f.until:
            cond.append(func.substr(_date(), 1, len(f.until)) <= f.until)
        if f.outlet:
            cond.append(documents.c.outlet == f.outlet)
        if f.search:
            cond.append(self._match(f.search))
        return cond

    def _match(self, query: str):
        words = re.findall(r"\w+", normalize_text(query))
        if not words:
            return literal_column("1") == 0
        if self.backend == "postgresql":
            return text("to_tsvector('simple', coalesce(events.search, '')) @@ "
                        "plainto_tsquery('simple', :fts_q)").bindparams(fts_q=" ".join(words))
        fts = " ".join(f'"{w}"' for w in words)
        return events.c.pk.in_(select(literal_column("rowid")).select_from(text("events_fts"))
                               .where(text("events_fts MATCH :fts_q").bindparams(fts_q=fts)))

    def stats(self, f: EventFilter | None = None) -> dict:
        """Counted events per dyad per month, per type, and documents and events per outlet."""
        f = f or EventFilter()
        cond = self._conditions(EventFilter(**{**f.__dict__, "counted": True, "limit": None}))
        joined = events.join(documents, events.c.doc_pk == documents.c.pk)
        n = func.count().label("events")
        dyads = (select(events.c.month, events.c.source_country, events.c.target_country, n)
                 .select_from(joined).where(*cond)
                 .group_by(events.c.month, events.c.source_country, events.c.target_country)
                 .order_by(events.c.month, n.desc(), events.c.source_country, events.c.target_country))
        types = (select(events.c.type, n).select_from(joined).where(*cond)
                 .group_by(events.c.type).order_by(n.desc(), events.c.type))
        ev_by_outlet = (select(documents.c.outlet, n).select_from(joined).where(*cond)
                        .group_by(documents.c.outlet))
        docs_by_outlet = select(documents.c.outlet, func.count()).group_by(documents.c.outlet)
        with self.engine.connect() as conn:
            out = {"dyad_month": [dict(r) for r in conn.execute(dyads).mappings()],
                   "type": [dict(r) for r in conn.execute(types).mappings()]}
            evs = dict(conn.execute(ev_by_outlet).all())
            out["outlet"] = sorted(({"outlet": o, "documents": k, "events": evs.get(o, 0)}
                                    for o, k in conn.execute(docs_by_outlet).all()),
                                   key=lambda r: (-r["events"], -r["documents"], r["outlet"] or ""))
        return out

    def counts(self) -> dict:
        """How much is stored: documents, stories, copies, events, rejections by reason."""
        with self.engine.connect() as conn:
            one = conn.scalar
            out = {"documents": one(select(func.count()).select_from(documents)),
                   "stories": one(select(func.count(func.distinct(documents.c.story_id)))),
                   "copies": one(select(func.count()).select_from(copies)),
                   "sentences": one(select(func.count()).select_from(sentences)),
                   "events": one(select(func.count()).select_from(events)),
                   "events_counted": one(select(func.count()).select_from(events).where(COUNTED))}
            for name, table in ITEMS.items():
                out[name] = one(select(func.count()).select_from(table))
            out["rejected"] = dict(conn.execute(select(rejections.c.code, func.count())
                                                .group_by(rejections.c.code).order_by(rejections.c.code)).all())
        return out

    def rejections(self) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(rejections).order_by(rejections.c.pk)).mappings()]
