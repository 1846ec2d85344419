"""A contract dict (`Document.to_dict()`) to table rows, and back.

Pure functions: no database here. Rows leave `doc_pk` and event `pk` to the writer, which
assigns them inside the transaction that inserts them.
"""
from __future__ import annotations

import json

from ..text.normalize import normalize_text

DOC_FIELDS = ("id", "title", "source", "url", "published", "language", "text")


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _span(item: dict) -> dict:
    return {"char_start": item.get("start"), "char_end": item.get("end"), "text": item.get("text")}


def month_of(date: str | None, published: str | None) -> str | None:
    for value in (date, published):
        if value and len(value) >= 7 and value[4] == "-":
            return value[:7]
    return None


def side_key(party: dict, actors: dict[str, dict]) -> str:
    """What identifies one side of an event across rewrites: the actor's Wikidata id, else its
    normalised name, else country and sector."""
    actor = actors.get(party.get("actor") or "")
    if actor and actor.get("wikidata"):
        return actor["wikidata"]
    name = (actor or {}).get("name") or party.get("name")
    if name:
        return normalize_text(name)
    return f"{party.get('country') or '-'}/{party.get('sector') or '-'}"


def link_key(event: dict, actors: dict[str, dict]) -> str:
    return "|".join((event.get("type") or "", side_key(event.get("source") or {}, actors),
                     side_key(event.get("target") or {}, actors), str(bool(event.get("negated")))))


def event_row(ev: dict, idx: int, doc_id: str, d: dict, actors: dict[str, dict]) -> dict:
    doc = d["document"]
    sents = d.get("sentences") or []
    s = ev.get("sentence")
    sentence_text = sents[s]["text"] if isinstance(s, int) and 0 <= s < len(sents) else None
    evidence = ev.get("evidence") or {}
    loc = ev.get("location") or {}
    row = {"uid": f"{doc_id}:{ev.get('id') or idx}", "idx": idx, "id": ev.get("id"),
           "type": ev.get("type"), "mode": ev.get("mode"),
           "context": ";".join(ev.get("context") or []) or None, "cameo": ev.get("cameo"),
           "date": ev.get("date"), "date_precision": ev.get("date_precision"),
           "date_text": ev.get("date_text"), "month": month_of(ev.get("date"), doc.get("published")),
           "location": loc.get("name"), "location_country": loc.get("country"),
           "lat": loc.get("lat"), "lon": loc.get("lon"),
           "negated": bool(ev.get("negated")), "aux": ev.get("aux"),
           "confidence": ev.get("confidence"), "sentence": s, **_span(evidence),
           "sentence_text": sentence_text,
           "search": normalize_text(sentence_text or evidence.get("text") or ""),
           "link_key": link_key(ev, actors), "duplicate_of": None}
    for side in ("source", "target"):
        party = ev.get(side) or {}
        for f in ("actor", "name", "country", "sector"):
            row[f"{side}_{f}"] = party.get(f)
    return row


def item_rows(d: dict) -> dict[str, list[dict]]:
    """Rows for sentences and the per-item tables except events (no doc_pk yet)."""
    out: dict[str, list[dict]] = {
        "sentences": [{"idx": i, "char_start": s["start"], "char_end": s["end"]}
                      for i, s in enumerate(d.get("sentences") or [])]}
    out["entities"] = [{"idx": i, "id": e.get("id"), "label": e.get("label"), "actor": e.get("actor"),
                        **_span(e)} for i, e in enumerate(d.get("entities") or [])]
    out["actors"] = [{"idx": i, "id": a.get("id"), "name": a.get("name"), "name_en": a.get("name_en"),
                      "country": a.get("country"), "sector": a.get("sector"),
                      "wikidata": a.get("wikidata")}
                     for i, a in enumerate(d.get("actors") or [])]
    out["quotes"] = [{"idx": i, "id": q.get("id"), "speaker_actor": (q.get("speaker") or {}).get("actor"),
                      "speaker_name": (q.get("speaker") or {}).get("name"),
                      "speaker_country": (q.get("speaker") or {}).get("country"), "cue": q.get("cue"),
                      "direct": q.get("direct"), **_span(q)}
                     for i, q in enumerate(d.get("quotes") or [])]
    out["figures"] = [{"idx": i, "id": f.get("id"), "kind": f.get("kind"),
                       "value": _number(f.get("value")), "unit": f.get("unit"),
                       "qualifier": f.get("qualifier"), **_span(f)}
                      for i, f in enumerate(d.get("figures") or [])]
    out["dates"] = [{"idx": i, "value": t.get("value"), "precision": t.get("precision"),
                     "relative": t.get("relative"), **_span(t)}
                    for i, t in enumerate(d.get("dates") or [])]
    return out


def _number(value):
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def document_rows(d: dict) -> dict:
    """All rows of a document but its own: what `Store.prepare` needs besides the story, and what
    ingest workers compute in parallel so the single writer only writes."""
    actors = {a.get("id"): a for a in d.get("actors") or []}
    doc_id = str(d["document"].get("id") or "doc")
    return {"items": item_rows(d), "annotations": annotations_of(d),
            "events": [event_row(ev, i, doc_id, d, actors) for i, ev in enumerate(d.get("events") or [])]}


def annotations_of(d: dict) -> str:
    """Everything but the document and its sentences (kept as columns and rows), as JSON: the
    annotation lists, the contract version, and top-level fields added to the contract later."""
    return dumps({k: v for k, v in d.items() if k not in ("document", "sentences", "tokens")})


def to_contract(doc: dict, sentences: list[tuple[int, int]]) -> dict:
    """The contract dict again, from a documents row and its sentence offsets."""
    text = doc["text"]
    d = {"contract_version": None,
         "document": {"id": doc["id"], "title": doc["title"], "source": doc["outlet"], "url": doc["url"],
                      "published": doc["published"], "language": doc["language"], "text": text},
         "error": None,
         "sentences": [{"start": a, "end": b, "text": text[a:b]} for a, b in sentences]}
    d.update(json.loads(doc["annotations"]))
    return d
