"""Event or mention? The statistical side of the coder.

`screen` asks the sentence classifier (`classifier.py`, trained by
scripts/train_event_model.py) whether a trigger hit of a type it knows is a reported event; a
hit it rejects is dropped, with the score kept for `hadath explain`. `implied` fills the side of
an attack or protest that the text only describes, when the model is confident (at or above the
type's `alone` threshold), as the annotation guidelines ask:

- attackers described but not named («مسلحون», «انتحاري», «مسلحين مجهولين», an attack called
  terrorist «التفجير الإرهابي», a car bomb or an explosive device) are REB of the country where
  the sentence places the action (a city or country it names; else the target's country; else
  unknown);
- protesters («المتظاهرون», «محتجون», «الأهالي», or no named subject at all) are CVL of that
  country;
- an attack with no named target whose victims are counted («قتيل», «جرحى», «مقتل») targets
  them: CVL of the place;
- a protest with no named target is addressed to the government of the place (GOV).

A filled side is a `Mention` over the describing words (kind "group", no actor). Nothing is
filled when the text neither names nor describes the side: an attack whose attacker is not even
described stays uncoded.
"""
from __future__ import annotations

from ..model import Document, Mention, Token
from ..text.normalize import normalize_text
from . import classifier
from .arguments import Slot
from .lexicon import Trigger

# Words that describe an attacker without naming one, as normalised stems (ة → ه, ى → ي, no
# article): armed or unknown men, suicide bombers, terrorists, and the devices only an attacker
# plants (a car bomb, an explosive belt or charge).
ATTACKER_WORDS = frozenset("""
مسلح مسلحون مسلحين مسلحا مسلحه مسلحان مسلحي
مجهول مجهولون مجهولين مجهولا مجهوله
انتحاري انتحاريه انتحاريون انتحاريين انتحاريان انتحاريات انتحاريا
ارهابي ارهابيه ارهابيون ارهابيين ارهابيا ارهابيات
مهاجم مهاجمون مهاجمين مهاجمان
مفجر مفجرون مفجرين
متشدد متشددون متشددين
متمرد متمردون متمردين
قناص قناصه قناصون قناصين
خاطف خاطفون خاطفين
قراصنه
مفخخه مفخختين مفخختان مفخخات
ناسفه ناسف ناسفا ناسفين ناسفتين ناسفتان
عبوه عبوات
ملغومه ملغومتين ملغومات
قنبله قنابل
""".split())
# Nouns an attacker word may qualify as an adjective: the filled side spans both.
DESCRIBED_HEADS = frozenset("""سياره سيارتين سيارات شاحنه شاحنات حزام حزامين احزمه عبوه عبوات هجوم هجمات
هجومين عمليه عمليات تفجير تفجيرات اعتداء انفجار دراجه مفجر مهاجم""".split())
# A bomb that is not an attacker's: tear gas, a sound grenade, a nuclear bomb.
NOT_ATTACK_DEVICE = frozenset("مسيله مسيلا غاز دخانيه صوتيه نوويه ذريه هيدروجينيه عنقوديه".split())
# Nouns «مجهول» describes without describing anyone: «إلى مكان مجهول», «مصير مجهول».
NOT_ATTACKER_HEADS = frozenset("مكان اماكن مصير سبب اسباب ظروف".split())
# Words that describe a military attacker without naming its state: warplanes, gunships, tanks,
# artillery, an air raid. Their country is a nisba right after them («طائرات حربية إسرائيلية»).
MILITARY_WORDS = frozenset("""
طائرات طائره مقاتلات مقاتله مروحيات مروحيه دبابات دبابه مدفعيه بوارج زوارق غاره غارات
""".split())
MILITARY_QUALIFIERS = frozenset("حربيه عسكريه جويه حربي عسكري مقاتله".split())
# Words for protesters (the source of a protest when no actor is named).
PROTESTER_WORDS = frozenset("""
متظاهر متظاهرون متظاهرين متظاهرا متظاهره متظاهرات
محتج محتجون محتجين محتجا محتجه
معتصم معتصمون معتصمين
مضرب مضربون مضربين
اهالي اهل سكان
مواطن مواطنون مواطنين مواطنا
نشطاء ناشطون ناشطين
انصار مؤيدون موالون مناصرون مناصرين مؤيدين
طلاب طلبه عمال
""".split())


# The lists above are matched against normalised stems («طائرات» is «طايرات» there).
ATTACKER_WORDS, DESCRIBED_HEADS, MILITARY_WORDS, PROTESTER_WORDS = (
    frozenset(normalize_text(w) for w in ws)
    for ws in (ATTACKER_WORDS, DESCRIBED_HEADS, MILITARY_WORDS, PROTESTER_WORDS))


def screen(trig: Trigger, tokens: list[Token], cache: dict) -> tuple[bool, float | None]:
    """(keep, model score) for a trigger hit; types the model does not know always pass."""
    if trig.type not in classifier.available_types():
        return True, None
    if "features" not in cache:
        cache["features"] = classifier.features(tokens)
    score = classifier.score(tokens, trig.type, cache["features"])
    keep, _ = classifier.thresholds(trig.type)
    return score >= keep, score


def implied(trig: Trigger, tokens: list[Token], t0: int, t1: int, doc: Document, si: int,
            mentions: list[Mention], src: Mention | None, targets: list[Slot],
            score: float | None) -> tuple[Mention | None, list[Slot], str | None]:
    """The described side of an attack or protest, when the model is sure enough: returns the
    (possibly new) source and targets and the rule that made them, or the inputs unchanged."""
    if score is None or trig.type not in ("ASSAULT", "PROTEST"):
        return src, targets, None
    _, alone = classifier.thresholds(trig.type)
    if score < alone or (src is not None and targets and src.country):
        return src, targets, None
    base = doc.sentences[si].token_start
    country, where, place = _place(tokens, mentions, base, targets)
    rules: list[str] = []
    if trig.type == "ASSAULT":
        if src is not None and src.sentence != si and (
                (src.kind == "group" and src.sector == "CVL")
                or _describing(tokens, t0, t1, ATTACKER_WORDS) is not None):
            src = None      # a subject carried from an earlier sentence yields to this one's attacker
        if src is not None and src.sentence == si and (
                (trig.tagged("victim-centric") and src.token_start - base >= t1)
                or (src.kind == "group" and src.sector == "CVL")):
            # «مقتل مدنيين»: the genitive of a victim-centric noun is the victim, not the agent;
            # and civilians described as a group («مدنيين», «السكان») are an attack's victims
            if not targets:
                targets = [Slot(src, "the victims named as the trigger's complement")]
            src = None
        if src is None:
            span = _describing(tokens, t0, t1, ATTACKER_WORDS)
            military = _military(tokens, mentions, base) if span is None else None
            if span is not None:
                src = _group(doc, tokens, base, si, span, country, "REB")
                rules.append(f"attacker described («{src.text}»): REB of {where}")
            elif military is not None:
                (a, b), state = military
                src = _group(doc, tokens, base, si, (a, b), state, "MIL")
                rules.append(f"military attacker described («{src.text}»): MIL of {state or 'an unknown country'}")
            else:
                return src, targets, None       # no attacker named or described: not coded
        elif src.sector == "REB" and src.country is None and src.actor is None and src.sentence == si:
            src = _group(doc, tokens, base, si, (src.token_start - base, src.token_end - base),
                         country, "REB")
            rules.append(f"armed group described («{src.text}»): REB of {where}")
        if not targets:
            span = _victims(tokens, t0, t1)
            named = _named_after(tokens, t1, mentions, base, src) if span is None else None
            if span is not None:
                tgt = _group(doc, tokens, base, si, span, country, "CVL")
                targets = [Slot(tgt, f"the victims («{tgt.text}»): CVL of {where}")]
            elif named is not None:
                targets = [Slot(named, "the actor named after the attack")]
    else:
        if src is None:
            span = _describing(tokens, t0, t1, PROTESTER_WORDS) or (t0, t1)
            src = _group(doc, tokens, base, si, span, country, "CVL")
            rules.append(f"protesters («{src.text}»): CVL of {where}")
        if not targets:
            span = (place.token_start - base, place.token_end - base) if place is not None else (t0, t1)
            tgt = _group(doc, tokens, base, si, span, country, "GOV")
            targets = [Slot(tgt, f"a protest with no named target: the government of {where}")]
    return src, targets, ("; ".join(rules) + f" (model {score:.2f})") if rules else None


def _stem_in(tok: Token, words: frozenset) -> bool:
    s = tok.stem
    return s in words or (s[:1] in ("ب", "ل", "و", "ف", "ك") and s[1:] in words)


def _military(tokens: list[Token], mentions: list[Mention], base: int):
    """«طائرات حربية إسرائيلية», «غارة جوية», «الدبابات»: (span, country of a nisba after it)."""
    for i, tok in enumerate(tokens):
        if not _stem_in(tok, MILITARY_WORDS):
            continue
        j = i + 1
        qualified = tok.stem in ("دبابات", "دبابه", "مدفعيه", "بوارج", "غاره", "غارات", "مروحيات")
        while j < len(tokens) and j < i + 3 and tokens[j].stem in MILITARY_QUALIFIERS:
            qualified, j = True, j + 1
        if not qualified:
            continue
        state = next((m.country for m in mentions if m.kind == "nisba" and m.token_start - base == j), None)
        return (i, j if state is None else j + 1), state
    return None


def _named_after(tokens: list[Token], t1: int, mentions: list[Mention], base: int,
                 src: Mention | None) -> Mention | None:
    """An actor named just after the attack's trigger in the same clause, not its source."""
    for m in mentions:
        s = m.token_start - base
        if s < t1 or s - t1 > 6 or m is src or m.kind in ("city", "country") or not (m.sector or m.country):
            continue
        if any(t.norm in (".", ",", ":", ";", "?", "!") for t in tokens[t1:s]):
            return None
        return m
    return None


def _describing(tokens: list[Token], t0: int, t1: int, words: frozenset) -> tuple[int, int] | None:
    """The describing word nearest the trigger (the trigger itself included), as a token span."""
    best = None
    lo, hi = 0, len(tokens)
    for i in range(lo, hi):
        if _stem_in(tokens[i], words) and not (i + 1 < hi and tokens[i + 1].stem in NOT_ATTACK_DEVICE) \
                and not (i > 0 and tokens[i - 1].stem in NOT_ATTACKER_HEADS):
            d = 0 if t0 <= i < t1 else (t0 - i if i < t0 else i - t1 + 1)
            if best is None or d < best[0]:
                best = (d, i)
    if best is None:
        return None
    i = best[1]
    j = i + 1
    if i > 0 and tokens[i - 1].stem in DESCRIBED_HEADS:
        i -= 1          # «سيارة مفخخة», «هجوم انتحاري»: the noun the adjective describes
    while j < hi and j < i + 3 and _stem_in(tokens[j], words):   # «مسلحين مجهولين»
        j += 1
    return i, j


def _victims(tokens: list[Token], t0: int, t1: int) -> tuple[int, int] | None:
    """Counted casualties near the trigger: a casualty noun («قتيلا», «الجرحى», «مقتل») or a
    number and the noun it counts («18 شخصا», «عشرات آخرون»)."""
    span = _describing(tokens, t0, t1, classifier.CASUALTIES)
    if span is not None:
        return span
    for i in range(t1, min(len(tokens) - 1, t1 + 6)):
        tok = tokens[i]
        if (tok.norm[:1].isdigit() or tok.stem in classifier.NUMBER_WORDS) and tokens[i + 1].is_word:
            return i, i + 2
    return None


def _place(tokens: list[Token], mentions: list[Mention], base: int,
           targets: list[Slot]) -> tuple[str | None, str, Mention | None]:
    """The country where the sentence places the action: a city or country it names (after
    «في»/«بـ» first), else the target's country; with words for the rule string and the place's
    mention when the sentence names one."""
    places = [m for m in mentions if m.kind in ("city", "country") and m.country]

    def introduced(m: Mention) -> bool:
        i = m.token_start - base
        prev = tokens[i - 1] if i > 0 else None
        return (prev is not None and prev.stem in ("في", "قرب", "شمال", "جنوب", "شرق", "غرب", "وسط")) \
            or tokens[i].prefix.split("+")[:1] == ["ب"]

    ranked = sorted(places, key=lambda m: (not introduced(m), m.kind != "city", m.token_start))
    if ranked:
        return ranked[0].country, f"the place («{ranked[0].text}»)", ranked[0]
    for slot in targets:
        if slot.mention.country:
            return slot.mention.country, f"the target's country ({slot.mention.country})", None
    return None, "an unknown country", None


def _group(doc: Document, tokens: list[Token], base: int, si: int, span: tuple[int, int],
           country: str | None, sector: str) -> Mention:
    a, b = tokens[span[0]].start, tokens[span[1] - 1].end
    return Mention(a, b, doc.text[a:b], actor=None, kind="group", country=country, sector=sector,
                   sentence=si, token_start=base + span[0], token_end=base + span[1])
