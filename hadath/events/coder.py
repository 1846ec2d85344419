"""The events stage: PLOVER events from trigger words, the sentence's structure and the actors.

For each sentence: find triggers from the lexicon, fill source and target from the mentions
around them (`arguments`), read negation and auxiliary mode (`status`), date the event from the
sentence's date expression, the publication day for present-tense reporting, or the day of the
sentence before when this one goes on with its story and actors («وأدلى هاموند بهذه التصريحات»
after «قال هاموند أمس»), place it, and
record why (`Event.trace`, shown by `hadath explain`). Then one event per real interaction
(`merge`). Announced intentions are also coded as their own AGREE event, as PLOVER asks.
"""
from __future__ import annotations

from datetime import date as calendar_day

from ..actors.kb import load_kb
from ..dates import date_for_sentence
from ..model import Document, Event, Mention, Party, Span
from .arguments import Slot, expand, find_arguments
from .detect import implied, screen
from .lexicon import Trigger, argument_words, cameo_table, find_triggers, split_tail, word_in
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
    sides: tuple[Mention, Mention] | None = None   # the two sides of the story («الجانبان»)
    sides_at = 0                                   # the sentence that named them
    for si, sentence in enumerate(doc.sentences):
        tokens = doc.tokens[sentence.token_start:sentence.token_end]
        mentions = by_sentence.get(si, [])
        date = date_for_sentence(doc, si)
        story_date = _story_date(doc, si, tokens, by_sentence.get(si - 1, [])) if date is None else None
        previous: Mention | None = None
        previous_end = 0                # where the trigger that named `previous` ends
        previous_aux: str | None = None
        acted = False
        agent, agent_end = None, 0      # the last verbal noun's agent in the sentence
        cache: dict = {}                # per-sentence model features
        hits = [h for h in find_triggers(tokens) if not _inside_name(h, mentions, sentence.token_start)]
        named_sides = _named_sides(doc, si, tokens, mentions, sentence.token_start)
        if named_sides is not None:
            sides, sides_at = named_sides, si
        elif sides is not None and si - sides_at > SIDES_REACH:
            sides = None            # a later story's «الوزيرين» are not this one's
        for k, (t0, t1, entries) in enumerate(hits):
            trig = entries[0]
            speaker = _speaker_before(mentions, sentence.token_start + t0)
            # a split trigger's own noun and what stands before it are its own («رفض الجانبان
            # القاطع لمحاولات تدخل إيران»: «القاطع» is no trigger of its own there)
            tail = split_tail(tokens, t0, t1, trig) if " " in trig.form else None
            nxt = next((h[0] for h in hits[k + 1:] if tail is None or h[0] > tail), None)
            limit = nxt
            relative = _in_relative(tokens, t0)
            # a relative clause opened since the earlier trigger has a subject of its own
            # («... لسنغافورة والذين يسعى بعضهم للوصول إلى بريطانيا»: not the minister)
            shared = previous if not _relative_between(tokens, max(previous_end, t0 - 4), t0) else None
            pair_at = _pair_word(tokens, t0, t1, trig) if sides is not None else None
            source, targets = find_arguments(trig, t0, t1, tokens, sentence.token_start, mentions,
                                             shared, speaker, limit, pair_at)
            if pair_at is not None:
                # «رفض الجانبان ...», «الرئيسين تشاورا»: both sides named last act
                side_ids = {id(m) for m in sides}
                targets = [t for t in targets if id(t.mention) not in side_ids]
                if not targets and trig.type in ("CONSULT", "AGREE"):
                    targets = [Slot(sides[1], "the other of the two sides")]
                source = Slot(sides[0], f"one of the two sides («{tokens[pair_at].text}»)")
            if not targets and trig.type == "ACCUSE" and trig.mode == "disapprove":
                targets = _condemned_attack(hits, k, tokens, mentions, sentence.token_start, doc, si)
            src_rule = source.rule if source else None
            src = source.mention if source else None
            head = tokens[t0]
            if src is None and agent is not None and not trig.verbal and head.suffix \
                    and head.prefix.startswith("و") and t0 - agent_end <= 2:
                # «لزيارة سمو ولي العهد ومحادثاته مع المسؤولين»: his talks, the visitor's
                src, src_rule = agent, "the agent of the verbal noun before «و»"
            if src is None and carried is not None and not trig.tagged("relation") \
                    and _may_carry(trig, tokens, t0, mentions, sentence.token_start):
                src, src_rule = carried, "dropped subject: the last actor named"
            if source is not None and source.rule == "agent after the verbal noun":
                agent, agent_end = source.mention, source.mention.token_end - sentence.token_start
            keep, score = screen(trig, tokens, cache)
            if keep and trig.tagged("publish risk") and _publishes(tokens, t1):
                keep = False      # «ونشرت شرطة المرور صورة على تويتر»: published, not deployed
            if keep:
                src, targets, rule = implied(trig, tokens, t0, t1, doc, si, mentions, src, targets, score)
                src_rule = rule or src_rule
            hit = {"sentence": si, "trigger": trig.form, "type": trig.type, "mode": trig.mode,
                   "pos": trig.pos, "matched": doc.text[tokens[t0].start:tokens[t1 - 1].end],
                   "source": src.text if src else None, "source_rule": src_rule,
                   "targets": [t.mention.text for t in targets], "model": score}
            decisions.append(hit)
            if not keep:
                hit["outcome"] = (f"the model reads a mention, not an event ({score:.2f})" if score is not None
                                  else "a publication, not a deployment")
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
            if pair_at is not None and src is sides[0] and not (
                    targets and targets[0].mention is sides[1]):
                sources.append(sides[1])
            elif source is not None and source.mention is src:
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
                when = date
                if story_date is not None and _same_story(src, tgt, story_date[1]) \
                        and not (trig.verbal and tokens[t0].stem[:1] in ("ي", "ت", "ن")):
                    when = story_date[0]     # «وأدلى هاموند بهذه التصريحات»: the day told before
                ev = _event(doc, si, trig, tokens, t0, t1, src, tgt, when, negated, aux)
                ev.trace = {"trigger": trig.form, "lemma": trig.lemma, "pos": trig.pos,
                            "matched": doc.text[tokens[t0].start:tokens[t1 - 1].end],
                            "source_rule": src_rule, "target_rule": slot.rule,
                            "status": reasons, "note": trig.note}
                if score is not None:
                    ev.trace["model"] = score
                    ev.confidence = (ev.confidence + score) / 2
                events.append(ev)
                if trig.type in ("CONSULT", "AGREE") and named_sides is None and _distinct_states(src, tgt) \
                        and _state_side(src) and _state_side(tgt):
                    sides, sides_at = (src, tgt), si
                if _mutual(trig, src_rule, slot.rule):
                    events.append(_reversed(ev, doc, si, trig, tokens, t0, t1, src, tgt, date, negated, aux))
                if aux == "future" and not negated and trig.type != "AGREE":
                    events.append(_intent(ev, doc))
            src = sources[0]
            if relative and src.sentence == si and src.token_start >= sentence.token_start + t1:
                continue        # «المقاومة التي يدعمها التحالف»: a subject for its clause only
            if not trig.tagged("relation"):
                previous, previous_end = src, t1
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


def _story_date(doc, si: int, tokens, before: list[Mention]):
    """A sentence with no date of its own that goes on with the story of the sentence before
    («وأدلى هاموند بهذه التصريحات ...», «كما اتهموا ...», «وطلب النواب من أمانو ...»): opened by
    «و», «ف» or «كما», not looking back with «وكان» (past perfect: background), right after a
    sentence dated to a past day. (the date, the actors of that sentence) or None."""
    if si == 0 or not tokens or not tokens[0].is_word:
        return None
    first = tokens[0]
    if not (first.prefix.startswith(("و", "ف")) or first.stem == "كما"):
        return None
    looking_back = ("كان", "كانت", "سبق")      # «وكان ... قد وصل», «وسبق أن طالب»: background
    if any(t.stem in looking_back or t.norm.lstrip("وف") in looking_back for t in tokens[:2]):
        return None
    prior = date_for_sentence(doc, si - 1)
    if prior is None or prior.precision != "day" or not prior.value or not doc.published:
        return None
    try:
        days = (calendar_day.fromisoformat(doc.published[:10]) - calendar_day.fromisoformat(prior.value[:10])).days
    except ValueError:
        return None
    if not 0 <= days <= STORY_DAYS:
        return None       # the day of this week's news, not a date recalled from the past
    return prior, before


STORY_DAYS = 7


def _same_story(src: Mention, tgt: Mention, before: list[Mention]) -> bool:
    """Whether the source or the target was named in the sentence before (the same actor)."""
    for m in (src, tgt):
        for b in before:
            if b is m or (m.actor is not None and b.actor == m.actor) \
                    or (m.actor is None and m.kind != "group" and b.text == m.text):
                return True
    return False


def _publishes(tokens, t1: int) -> bool:
    """Whether what follows «نشرت الشرطة» (past an adjective or a name) is a publication."""
    return any(word_in(t, "publication") for t in tokens[t1:t1 + 3])


SIDES_REACH = 2     # sentences after the two sides were named that «الجانبان» still means them
SIDE_KINDS = ("person", "title", "org", "country", "group")


def _distinct_states(a: Mention, b: Mention) -> bool:
    return bool(a.country and b.country and a.country != b.country)


def _state_side(m: Mention) -> bool:
    """A side of a bilateral story: a state, its government, parliament or forces."""
    return m.kind in SIDE_KINDS and m.sector in (None, "GOV", "LEG", "MIL")


def _pair_word(tokens, t0: int, t1: int, trig: Trigger) -> int | None:
    """Where a dual noun for the two sides stands as the trigger's subject: right after it
    («رفض الجانبان», «تأكيد الطرفين», «بحث الجانبان») or right before a verb («الرئيسين
    «تشاورا»»)."""
    verb = trig.verbal and not tokens[t0].prefix.endswith("ال")
    if t1 < len(tokens) and word_in(tokens[t1], "pair") \
            and set(filter(None, tokens[t1].prefix.split("+"))) <= {"و", "ال"} \
            and (not verb or tokens[t1].stem.endswith("ان")):
        return t1       # after a verb its subject is nominative: «بحث الجانبان», not «الجانبين»
    if verb:
        j = t0 - 1
        while j >= 0 and tokens[j].norm in ('"', "«", "»", "'"):
            j -= 1
        if j >= 0 and word_in(tokens[j], "pair") and (
                tokens[j].stem.endswith("ان") or (j > 0 and tokens[j - 1].stem in ("ان", "لكن"))):
            return j    # «الرئيسان تشاورا», «أن الرئيسين تشاورا»
    return None


def _named_sides(doc, si, tokens, mentions, base) -> tuple[Mention, Mention] | None:
    """«بين الجانبين السعودي والأردني»: a dual noun and two state adjectives name the two
    sides (their governments)."""
    pair = argument_words().get("pair", frozenset())
    for i in range(len(tokens) - 2):
        if tokens[i].norm not in pair and tokens[i].stem not in pair:
            continue
        a = next((m for m in mentions if m.token_start - base == i + 1 and m.kind == "nisba"), None)
        if a is None:
            continue
        b = next((m for m in mentions if m.token_start == a.token_end and m.kind == "nisba"
                  and tokens[m.token_start - base].prefix.startswith("و")), None)
        if b is None or not _distinct_states(a, b):
            continue
        return tuple(Mention(m.start, m.end, m.text, kind="group", country=m.country, sector="GOV",
                             sentence=si, token_start=m.token_start, token_end=m.token_end)
                     for m in (a, b))
    return None


RELATIVES = frozenset("الذي التي الذين اللذين اللتين اللواتي اللاتي".split())


def _relative(tok) -> bool:
    """«الذي», «التي», and with «و» on it («والذين», split as و+ال+ذين)."""
    norm = tok.norm[1:] if tok.norm[:1] in ("و", "ف") and tok.norm[1:] in RELATIVES else tok.norm
    return tok.stem in RELATIVES or norm in RELATIVES


def _in_relative(tokens, t0: int) -> bool:
    """A trigger opening a relative clause: «التي يدعمها», «الذي شنه»."""
    return t0 > 0 and _relative(tokens[t0 - 1])


def _relative_between(tokens, a: int, b: int) -> bool:
    return any(_relative(t) for t in tokens[a:b])


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
    if actor is None and m.kind == "nisba" and m.country:
        # «العلاقات الإيرانية الروسية» -> the party is Russia, named as a country, not «الروسية»
        country = load_kb().countries.get(m.country)
        name = country.name_ar if country is not None else name
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
    joint = "«بين X و Y»" in (src_rule or "") or tgt_rule.startswith(("joined to the subject",
                                                                          "the other of the two sides"))
    return joint and (trig.type == "AGREE" or trig.mode == "clash")


def _reversed(ev: Event, doc, si, trig, tokens, t0, t1, src, tgt, date, negated, aux) -> Event:
    back = _event(doc, si, trig, tokens, t0, t1, tgt, src, date, negated, aux)
    back.trace = dict(ev.trace, derived="the other side of a mutual event")
    return back


def _condemned_attack(hits, k, tokens, mentions, base, doc, si) -> list[Slot]:
    """«أدان المجلس حادث التفجير»: condemning an attack accuses its authors. The attack is the
    condemnation's object: the next trigger hit, an ASSAULT one, in the same clause (the subject,
    «بشدة» or «في بيان له اليوم» may stand between). Its authors are the actor a relative clause
    names («الهجوم الإرهابي الذي شنه مستوطنون إسرائيليون», «الجريمة التي ارتكبها المستوطنون»),
    else armed men of the country where it happened (annotation guidelines), even unnamed."""
    if k + 1 >= len(hits):
        return []
    t1 = hits[k][1]
    a0, a1, entries = hits[k + 1]
    if entries[0].type != "ASSAULT" or a0 - t1 > ATTACK_REACH \
            or any(t.norm in (".", "?", "!", ":", ";") for t in tokens[t1:a0]):
        return []
    named = _attack_agent(tokens, a1, mentions, base)
    if named is not None:
        return [Slot(named, "the authors the condemned attack's relative clause names")]
    if a0 - t1 > 2:
        return []
    places = [m for m in mentions if m.kind in ("city", "country", "nisba") and m.country
              and m.token_start - base >= a0]
    country = places[0].country if places else None
    a, b = tokens[a0].start, tokens[a1 - 1].end
    authors = Mention(a, b, doc.text[a:b], kind="group", country=country, sector="REB",
                      sentence=si, token_start=base + a0, token_end=base + a1)
    return [Slot(authors, "the authors of the condemned attack")]


ATTACK_REACH = 12   # tokens between a condemnation and the attack it names, at most


def _attack_agent(tokens, a1: int, mentions, base) -> Mention | None:
    """The actor named as subject of «الذي شنه», «التي ارتكبها», «الذي نفذته» right after an
    attack noun and its adjectives («الهجوم الإرهابي الذي شنه مستوطنون إسرائيليون»)."""
    j = a1
    while j < len(tokens) and j < a1 + 3 and not _relative(tokens[j]):
        j += 1
    if j + 1 >= len(tokens) or not _relative(tokens[j]) or not word_in(tokens[j + 1], "agent_verb"):
        return None
    return next((m for m in mentions if m.token_start - base in (j + 2, j + 3)
                 and m.kind in ("group", "org", "person", "title", "country") and (m.country or m.sector)), None)


def _with_country(m: Mention, country: str) -> Mention:
    return Mention(m.start, m.end, m.text, actor=m.actor, kind=m.kind, country=country,
                   sector=m.sector, sentence=m.sentence, token_start=m.token_start,
                   token_end=m.token_end)
