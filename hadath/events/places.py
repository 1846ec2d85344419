"""Where an event happened: a place named in its sentence, geocoded from the knowledge base.

The place is the city or country after «في» in the sentence («في موسكو»), else the target when
the target is a place («وصل إلى موسكو»). Coordinates come from the knowledge base's cities.
"""
from __future__ import annotations

from ..actors.gazetteer import load_gazetteer
from ..model import Document, Mention


def _record(doc: Document, m: Mention):
    tokens = doc.tokens[m.token_start:m.token_end]
    hit = load_gazetteer().match(tokens, 0)
    if not hit:
        return None
    return next((e for e in hit[1] if e.kind in ("city", "country")), None)


def _location(doc: Document, m: Mention) -> dict | None:
    entry = _record(doc, m)
    if entry is None:
        return None
    ref = entry.ref
    return {"name": m.text, "name_en": getattr(ref, "name_en", None),
            "country": getattr(ref, "country", None) or getattr(ref, "iso3", None),
            "lat": getattr(ref, "lat", None), "lon": getattr(ref, "lon", None), "geonames": None}


def locate(doc: Document, sentence: int, target: Mention) -> dict | None:
    places = [m for m in doc.mentions if m.sentence == sentence and m.kind in ("city", "country")]
    for m in places:
        prev = doc.tokens[m.token_start - 1] if m.token_start > 0 else None
        first = doc.tokens[m.token_start]
        if (prev is not None and prev.stem == "في") or first.prefix.split("+")[0:1] == ["ب"]:
            if m.kind == "city":
                return _location(doc, m)
    if target.kind in ("city", "country"):
        return _location(doc, target)
    return None
