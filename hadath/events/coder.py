"""The events stage: PLOVER events from trigger words, the sentence's structure and the actors.

For each sentence: find triggers from the lexicon, fill source and target from the mentions
around them (`arguments`), read negation and auxiliary mode (`status`), date the event from the
sentence's date expression or the publication day for present-tense reporting, place it, and
record why (`Event.trace`, shown by `hadath explain`). Then one event per real interaction
(`merge`). Announced intentions are also coded as their own AGREE event, as PLOVER asks.
"""
from __future__ import annotations

from ..dates import date_for_sentence
from ..model import Document, Event, Mention, Party, Span
from .arguments import Slot, expand, find_arguments
from .detect import implied, screen
from .lexicon import Trigger, cameo_table, find_triggers
from .merge import merge_events
from .places import locate
from .status import status

INTENT_CAMEO = {"CONSULT": "036", "AID": "033", "COOPERATE": "031", "CONCEDE": "035",
                "RETREAT": "035", "SUPPORT": "032"}


def code_events(doc: Document) -> None:
    by_sentence: dict[int, list[Mention]] = {}
    for m in doc.mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    events: list[Event] = []
    decisions: list[dict] = []          # every trigger hit and what became of it (explain)
    carried: Mention | None = None      # who spoke or acted last: the subject Arabic drops
    for si, sentence in enumerate(doc.sentences):
        tokens = doc.tokens[sentence.token_start:sentence.token_end]
        mentions = by_sentence.get(si, [])
        date = date_for_sentence(doc, si)
        previous: Mention | None = None
        previous_aux: str | None = None
        acted = False
        cache: dict = {}                # per-sentence model features
        hits = [h for h in find_triggers(tokens) if not _inside_name(h, mentions, sentence.token_start)]
        for k, (t0, t1, entries) in enumerate(hits):
            trig = entries[0]
            speaker = _speaker_before(mentions, sentence.token_start + t0)
            limit = hits[k + 1][0] if k + 1 < len(hits) else None
            source, targets = find_arguments(trig, t0, t1, tokens, sentence.token_start, mentions,
                                             previous, speaker, limit)
            if not targets and trig.type == "ACCUSE" and trig.mode == "disapprove":
                targets = _condemned_attack(hits, k, tokens, mentions, sentence.token_start, doc, si)
            src_rule = source.rule if source else None
            src = source.mention if source else None
            if src is None and carried is not None and not trig.tagged("relation") \
                    and _may_carry(trig, tokens, t0, mentions, sentence.token_start):
                src, src_rule = carried, "dropped subject: the last actor named"
            keep, score = screen(trig, tokens, cache)
            if keep:
                src, targets, rule = implied(trig, tokens, t0, t1, doc, si, mentions, src, targets, score)
                src_rule = rule or src_rule
            hit = {"sentence": si, "trigger": trig.form, "type": trig.type, "mode": trig.mode,
                   "pos": trig.pos, "matched": doc.text[tokens[t0].start:tokens[t1 - 1].end],
                   "source": src.text if src else None, "source_rule": src_rule,
                   "targets": [t.mention.text for t in targets], "model": score}
            decisions.append(hit)
            if not keep:
                hit["outcome"] = f"the model reads a mention, not an event ({score:.2f})"
                continue
            if src is None or not targets:
                hit["outcome"] = "no source" if src is None else "no target"
                continue
            negated, aux, reasons = status(tokens, t0, t1, date, doc.published)
            if aux is None and previous_aux == "future" and trig.verbal \
                    and tokens[t0].prefix.startswith("و") and tokens[t0].stem[:1] in ("ي", "ت", "ن"):
                aux, reasons = "future", reasons + ["joined by «و» to a future verb"]
            previous_aux = aux
            hit["outcome"] = "coded"
            sources = [src]
            if source is not None and source.mention is src:
                # «فرضت الولايات المتحدة والاتحاد الأوروبي عقوبات»: one event per actor
                taken = {id(t.mention) for t in targets}
                sources += [x.mention for x in expand(source, mentions, tokens, sentence.token_start)
                            if id(x.mention) not in taken]
            for src, slot in ((a, b) for a in sources for b in targets):
                tgt = slot.mention
                if tgt.country is None and tgt.sector in ("CVL", "LAB", "EDU", "REL", "HLH") \
                        and src.country and tgt.kind in ("group", "title"):
                    # «طلبت الحكومة التشادية من السكان»: the population addressed is its own
                    tgt = _with_country(tgt, src.country)
                why = _not_codable(src, tgt)
                if why:
                    hit["outcome"] = why
                    continue
                ev = _event(doc, si, trig, tokens, t0, t1, src, tgt, date, negated, aux)
                ev.trace = {"trigger": trig.form, "lemma": trig.lemma, "pos": trig.pos,
                            "matched": doc.text[tokens[t0].start:tokens[t1 - 1].end],
                            "source_rule": src_rule, "target_rule": slot.rule,
                            "status": reasons, "note": trig.note}
                if score is not None:
                    ev.trace["model"] = score
                    ev.confidence = (ev.confidence + score) / 2
                events.append(ev)
                if _mutual(trig, src_rule, slot.rule):
                    events.append(_reversed(ev, doc, si, trig, tokens, t0, t1, src, tgt, date, negated, aux))
                if aux == "future" and not negated and trig.type != "AGREE":
                    events.append(_intent(ev, doc))
            src = sources[0]
            if not trig.tagged("relation"):
                previous = src
            if not trig.tagged("relation") and not acted:
                carried, acted = src, True   # the sentence's first actor, not one quoted in it
        if not acted:
            subject = _sentence_subject(mentions)
            if subject is not None:
                carried = subject
    doc.extra["event_decisions"] = decisions
    doc.events = merge_events(doc, events)
    for i, ev in enumerate(doc.events, 1):
        ev.id = f"v{i}"


def _may_carry(trig: Trigger, tokens, t0, mentions, base) -> bool:
    """Arabic drops a known subject: «وأضاف», «وتابع» or another verb opening its sentence, and a
    verbal noun with a pronoun («لقائه») or with no actor named before it in the sentence."""
    named_before = any(m.token_start - base < t0 for m in mentions
                       if m.kind in ("person", "title", "group", "org"))
    if trig.verbal:
        return t0 <= 1 and not named_before
    return bool(tokens[t0].suffix) or not named_before


def _not_codable(src: Mention, tgt: Mention) -> str | None:
    """Why a source/target pair cannot make an event, or None if it can."""
    if (src.actor is not None and src.actor == tgt.actor) or (src.start, src.end) == (tgt.start, tgt.end):
        return "source and target are one actor"
    if not (src.country or src.sector) or not (tgt.country or tgt.sector):
        return "an actor with neither country nor sector"
    if src.kind == "nisba" and tgt.kind == "nisba":
        return "two adjectives, no actor"
    return None


def _party(m: Mention, doc: Document) -> Party:
    actor = next((a for a in doc.actors if a.id == m.actor), None)
    name = actor.name if actor is not None else m.text
    return Party(country=m.country, sector=m.sector, name=name, actor=m.actor)


def _event(doc, si, trig: Trigger, tokens, t0, t1, src, tgt, date, negated, aux) -> Event:
    # the evidence is the stretch of this sentence naming the trigger and the sides it names;
    # a side carried from an earlier sentence stays out of it
    sent = doc.sentences[si]
    inside = [m for m in (src, tgt) if sent.start <= m.start and m.end <= sent.end]
    a = min([tokens[t0].start] + [m.start for m in inside])
    b = max([tokens[t1 - 1].end] + [m.end for m in inside])
    value, precision, text = None, None, None
    if date is not None:
        value, precision, text = date.value, date.precision, date.text
    elif trig.verbal and tokens[t0].stem[:1] in ("ي", "ت", "ن") and doc.published:
        value, precision = doc.published[:10], "day"   # present-tense reporting: today
    context = list(trig.context) or _context(trig.cameo)
    confidence = 0.75 if trig.verbal else 0.6
    return Event(id="", type=trig.type, mode=trig.mode, context=context, cameo=trig.cameo,
                 source=_party(src, doc), target=_party(tgt, doc), sentence=si,
                 evidence=Span(a, b, doc.text[a:b]), date=value, date_precision=precision,
                 date_text=text, location=locate(doc, si, tgt), negated=negated, aux=aux,
                 confidence=confidence)


def _context(cameo: str | None) -> list[str]:
    row = cameo_table().get(cameo or "")
    return [c for c in (row or {}).get("context", "").split("|") if c]


def _intent(ev: Event, doc: Document) -> Event:
    """«سيزور», «من المقرر أن يلتقي»: the announcement is itself an AGREE event, dated the day it
    was made (the publication day unless the sentence says otherwise)."""
    cameo = INTENT_CAMEO.get(ev.type, "030")
    stated = doc.published[:10] if doc.published else None
    return Event(id="", type="AGREE", mode="intent", context=_context(cameo) or ["diplomatic"],
                 cameo=cameo, source=ev.source, target=ev.target, sentence=ev.sentence,
                 evidence=ev.evidence, date=stated, date_precision="day" if stated else None,
                 location=ev.location, confidence=ev.confidence * 0.9,
                 trace=dict(ev.trace, derived=f"announced {ev.type}: coded as intent"))


def _sentence_subject(mentions: list[Mention]) -> Mention | None:
    """The first person or titled actor of a sentence, the one a later «وأضاف» refers to."""
    return next((m for m in mentions if m.kind in ("person", "title") and m.sector
                 and m.sector != "MED"), None)


def _speaker_before(mentions: list[Mention], token: int) -> Mention | None:
    """The actor named last before a token in its sentence: who a statement belongs to."""
    return next((m for m in reversed(mentions) if m.token_end <= token
                 and m.kind in ("person", "title", "org", "group") and m.country), None)


def _inside_name(hit, mentions: list[Mention], base: int) -> bool:
    """«التعاون» in «مجلس التعاون الخليجي» names, it does not happen."""
    t0, t1 = hit[0] + base, hit[1] + base
    return any(m.kind in ("org", "person") and m.token_start <= t0 and t1 <= m.token_end
               for m in mentions)


def _mutual(trig: Trigger, src_rule: str | None, tgt_rule: str) -> bool:
    """An agreement or a clash between two named sides is done by each to the other."""
    joint = "«بين X و Y»" in (src_rule or "") or tgt_rule.startswith("joined to the subject")
    return joint and (trig.type == "AGREE" or trig.mode == "clash")


def _reversed(ev: Event, doc, si, trig, tokens, t0, t1, src, tgt, date, negated, aux) -> Event:
    back = _event(doc, si, trig, tokens, t0, t1, tgt, src, date, negated, aux)
    back.trace = dict(ev.trace, derived="the other side of a mutual event")
    return back


def _condemned_attack(hits, k, tokens, mentions, base, doc, si) -> list[Slot]:
    """«أدان المجلس حادث التفجير»: condemning an attack accuses its authors, armed men of the
    country where it happened (annotation guidelines), even unnamed."""
    if k + 1 >= len(hits):
        return []
    a0, a1, entries = hits[k + 1]
    if entries[0].type != "ASSAULT" or a0 - hits[k][1] > 2:
        return []
    places = [m for m in mentions if m.kind in ("city", "country", "nisba") and m.country
              and m.token_start - base >= a0]
    country = places[0].country if places else None
    a, b = tokens[a0].start, tokens[a1 - 1].end
    authors = Mention(a, b, doc.text[a:b], kind="group", country=country, sector="REB",
                      sentence=si, token_start=base + a0, token_end=base + a1)
    return [Slot(authors, "the authors of the condemned attack")]


def _with_country(m: Mention, country: str) -> Mention:
    return Mention(m.start, m.end, m.text, actor=m.actor, kind=m.kind, country=country,
                   sector=m.sector, sentence=m.sentence, token_start=m.token_start,
                   token_end=m.token_end)
