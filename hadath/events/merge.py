"""One event per real interaction within an article.

The headline, a caption and the body often report the same meeting; an article also comes back
to it («خلال لقائه مع ...»). Two codings are one event when they have the same type and status,
the same source actor, the same target (the same actor, or the same country when the target is
a place), and dates that do not disagree. The merged event keeps the better-dated, more specific
coding and carries every evidence span. Headline-like lines (no final stop) merge into a body
event with the same type and countries when one exists.
"""
from __future__ import annotations

from ..model import Document, Event


def _headline_like(doc: Document, i: int) -> bool:
    text = doc.sentences[i].text.rstrip().rstrip('"»”\')')
    return not text.endswith((".", "!", "?", "؟", ":")) and len(text) < 220


def _same_side(a, b, place_ok: bool) -> bool:
    if a.actor and b.actor:
        if a.actor == b.actor:
            return True
    elif a.actor is None and b.actor is None and (a.country, a.sector) == (b.country, b.sector):
        return True
    return place_ok and a.sector is None and b.sector is None and a.country == b.country


def _dates_agree(a: Event, b: Event) -> bool:
    return a.date is None or b.date is None or a.date == b.date


def same_interaction(a: Event, b: Event, loose: bool = False) -> bool:
    # a headline's present tense («يلتقي») only defaults to the publication day: the body's
    # «أمس» does not contradict it
    dates_ok = _dates_agree(a, b) or (loose and (a.date_text is None or b.date_text is None))
    if (a.type, a.negated, a.aux) != (b.type, b.negated, b.aux) or not dates_ok:
        return False
    if loose:   # a headline: same type and the same countries on each side
        return (a.source.country, a.target.country) == (b.source.country, b.target.country)
    return _same_side(a.source, b.source, False) and _same_side(a.target, b.target, a.mode == b.mode)


def _absorb(keep: Event, other: Event) -> None:
    if other.date_text and not keep.date_text:   # a stated date beats a defaulted one
        keep.date, keep.date_precision, keep.date_text = other.date, other.date_precision, other.date_text
    if keep.date is None and other.date is not None:
        keep.date, keep.date_precision, keep.date_text = other.date, other.date_precision, other.date_text
    if keep.location is None:
        keep.location = other.location
    if keep.target.sector is None and other.target.sector is not None \
            and keep.target.country == other.target.country:
        keep.target = other.target
    keep.also.append(other.evidence)
    keep.also.extend(other.also)
    keep.confidence = min(0.99, max(keep.confidence, other.confidence) + 0.05)


def merge_events(doc: Document, events: list[Event]) -> list[Event]:
    body = [e for e in events if not _headline_like(doc, e.sentence)]
    heads = [e for e in events if _headline_like(doc, e.sentence)]
    kept: list[Event] = []
    for ev in body:
        twin = next((k for k in kept if same_interaction(k, ev)), None)
        if twin is None:
            kept.append(ev)
        elif ev.confidence > twin.confidence:
            # the clearer statement («وصل قاليباف إلى موسكو») leads; the mention («الزيارة
            # إلى موسكو») becomes more evidence
            _absorb(ev, twin)
            kept[next(i for i, k in enumerate(kept) if k is twin)] = ev
        else:
            _absorb(twin, ev)
    for ev in heads:
        twin = next((k for k in kept if same_interaction(k, ev, loose=True)), None)
        if twin is None:
            twin = next((k for k in kept if k in heads and same_interaction(k, ev)), None)
        if twin is None:
            kept.append(ev)
        else:
            _absorb(twin, ev)
    kept.sort(key=lambda e: (e.sentence, e.evidence.start))
    return kept
