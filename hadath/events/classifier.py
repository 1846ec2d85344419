"""A sentence classifier that tells a reported event from a mention of one.

Rules find «هجوم» in «ووقع الهجوم في مدينة خوست» (an attack mentioned) and in «هاجم مسلحون
مركزا للشرطة» (an attack reported) alike; annotators count only the second. A logistic
regression over the sentence's stems, stem pairs and trigger features, trained by
`scripts/train_event_model.py` on the Arabic event GSR, scores each sentence for the types it
was trained on; the coder drops trigger hits the model rejects and, above a higher bar, codes an
attack or protest whose actor is only described. Weights are a small JSON file
(`hadath/models/events.json`); inference is a dictionary lookup and a sum.

Features read the sentence's tokens only (never the gold, never other sentences): word stems and
light stems, stem pairs, and for each trigger hit its type, part of speech, lemma, lexicon tags
(weak, victim-centric, mention risk ...), article, neighbours and the status markers near it
(negation, future, conditional, background); casualty nouns and numbers before them; the actor
kinds and sectors the knowledge base finds in the sentence (REB, MIL, CVL ...).

`use_model(model)` scores with another model (a training fold's, or `{}` for none) inside a
`with` block; otherwise the committed file is used.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib.resources import files

from ..model import Token
from ..text.normalize import normalize_text
from .lexicon import crowd_after, find_triggers, markers

FEATURE_VERSION = 6

# Tags a trigger's note may lead with (lexicon.py: Trigger.tagged).
NOTE_TAGS = ("weak", "victim-centric", "homograph", "mention risk", "metaphor risk",
             "sports-sense risk", "accident risk", "name risk", "recipient-subject",
             "two-sided", "state actor", "civilian actor")
# Casualty nouns, normalised (ة → ه, ى → ي), with the article and clitics removed.
CASUALTIES = frozenset("""قتيل قتيلا قتيلين قتيلان قتلي جريح جريحا جريحين جريحان جرحي مصاب مصابا
مصابين مصابون ضحيه ضحايا شهيد شهيدا شهداء مقتل اصابه اصابات جثه جثث استشهاد مصرع""".split())
PERSON_NOUNS = frozenset("""شخص شخصا اشخاص شخصين مدني مدنيا مدنيين مدنيون جندي جنديا جنود جنديين
شرطي شرطيا شرطيين عنصر عنصرا عناصر طفل طفلا اطفال امراه نساء رجل رجلا رجال مواطن مواطنا مواطنين
مسلح مسلحا مسلحين""".split())
NUMBER_WORDS = frozenset("""اثنين اثنان ثلاثه اربعه خمسه سته سبعه ثمانيه تسعه عشره عشرات مئات الاف
عشرين ثلاثين اربعين خمسين""".split())
QUANTITY = frozenset("""عشرات مئات الاف الف الوف مليون ملايين حشد حشود الالاف المئات العشرات
نحو حوالي قرابه""".split())
TIME_WORDS = frozenset("""امس اليوم الليله صباح مساء الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه
السبت فجر ظهر""".split())
PEOPLE = frozenset("""شخص شخصا اشخاص مواطن مواطنا مواطنين مواطنون متظاهر متظاهرا متظاهرين متظاهرون
طالب طلاب عامل عمال ناشط نشطاء سكان اهالي""".split())
OBJECT_PREPS = frozenset("علي ضد مع الي عن من بين امام".split())
# The word lists above are matched against normalised stems («مئات» is «ميات» there).
CASUALTIES, PERSON_NOUNS, NUMBER_WORDS, QUANTITY, TIME_WORDS, PEOPLE = (
    frozenset(normalize_text(w) for w in ws)
    for ws in (CASUALTIES, PERSON_NOUNS, NUMBER_WORDS, QUANTITY, TIME_WORDS, PEOPLE))
RELATIVES = frozenset("الذي التي الذين اللذين اللتين اللواتي اللاتي".split())
# Words that open a clause: a verb right after one is that clause's predicate.
CLAUSE_OPENERS = frozenset("فيما بينما حيث اذ اذا كما فقد وقد قد ثم عندما بعدما حين".split())
WINDOW = 3      # tokens each side of a trigger whose stems are its context
SUFFIXES = ("يين", "ات", "ون", "ين", "ان", "ه", "ا", "ي")
NEAR = 3        # tokens before a trigger a negative particle may stand
MARKER_NEAR = 8


@lru_cache(maxsize=50_000)
def light(stem: str) -> str:
    """A light stem: one plural, dual, feminine or accusative ending off («متطوعا» → «متطوع»)."""
    for s in SUFFIXES:
        if stem.endswith(s) and len(stem) - len(s) >= 3:
            return stem[: -len(s)]
    return stem


def _bare(tok: Token) -> str:
    """The stem without a clitic the segmenter kept («بجروح» → «جروح»)."""
    s = tok.stem
    return s[1:] if s[:1] in ("ب", "ل", "و", "ف", "ك") and len(s) > 4 else s


def _note_tags(note: str) -> list[str]:
    head = note.split(";")[0]
    return [t.replace(" ", "_") for t in NOTE_TAGS if t in head]


def features(tokens: list[Token]) -> list[str]:
    """Features of one sentence (a list; repeats do not count twice)."""
    words = [t for t in tokens if t.is_word]
    stems = [t.stem for t in words]
    out = [f"w:{s}" for s in stems]
    out += [f"k:{light(s)}" for s in stems]
    out += [f"b:{a}_{b}" for a, b in zip(stems, stems[1:])]
    found: dict[str, list[int]] = {}
    for s, _e, kinds in markers().find_all(tokens):
        for kind in kinds:
            found.setdefault(kind, []).append(s)
    for kind in found:
        out.append(f"m:{kind}")
    per_type: dict[str, int] = {}
    for t0, t1, entries in find_triggers(tokens):
        head = tokens[t0]
        clitics = head.prefix.split("+") if head.prefix else []
        for etype in sorted({e.type for e in entries}):
            per_type[etype] = per_type.get(etype, 0) + 1
        trig = entries[0]
        ty = trig.type
        out += [f"t:{ty}", f"t:{ty}:{trig.pos}", f"l:{ty}:{trig.lemma or trig.form}",
                f"f:{ty}:{trig.form}"]
        if len(entries) > 1:
            out += [f"t:{e.type}:alt" for e in entries[1:]]
        out += [f"g:{ty}:{tag}" for tag in _note_tags(trig.note)]
        if trig.mode:
            out.append(f"mode:{ty}:{trig.mode}")
        if "ال" in clitics:
            out.append(f"def:{ty}")
        if head.suffix:
            out.append(f"suf:{ty}")
        if "س" in clitics:
            out.append(f"fut:{ty}")
        if t0 <= 2:
            out.append(f"early:{ty}")
        if t0 > 0:
            out.append(f"tp:{ty}:{tokens[t0 - 1].stem}")
        if t1 < len(tokens):
            out.append(f"tn:{ty}:{tokens[t1].stem}")
        lo, hi = max(0, t0 - WINDOW), min(len(tokens), t1 + WINDOW)
        near_stems = {tokens[j].stem for j in range(lo, hi) if j < t0 or j >= t1}
        out += [f"x:{ty}:{s}" for s in near_stems if s]
        if any(s in QUANTITY or s[:1].isdigit() for s in near_stems):
            out.append(f"qty:{ty}")
        if any(s in TIME_WORDS for s in near_stems):
            out.append(f"when:{ty}")
        after = [tokens[j] for j in range(t1, min(len(tokens), t1 + 3))]
        if trig.verbal and any(t.stem in QUANTITY or t.norm[:1].isdigit() or t.stem in PEOPLE for t in after):
            out.append(f"vsubj:{ty}")      # «تظاهر آلاف», «قتل 20 شخصا»
        if trig.verbal and crowd_after(tokens, t1) is not None:
            out.append(f"crowd:{ty}")      # «تجمع أمس مئات المتظاهرين»: a crowd is the subject
        prev = tokens[t0 - 1] if t0 > 0 else None
        if prev is not None and prev.stem in RELATIVES:
            out.append(f"rel:{ty}")        # «المتظاهرين الذين تجمعوا»: said of someone, not reported
        if trig.verbal and (prev is None or not prev.is_word or prev.stem in CLAUSE_OPENERS):
            out.append(f"lead:{ty}")       # the predicate of its sentence or clause
        if not trig.verbal and "ال" in clitics and prev is not None and prev.is_word \
                and prev.prefix in ("و", "ف") and not trig.tagged("victim-centric"):
            out.append(f"given:{ty}")      # «ورفع المتظاهرون»: the known protesters do something else
        if not trig.verbal and t0 > 0 and (tokens[t0 - 1].stem in OBJECT_PREPS or "ب" in clitics or "ل" in clitics):
            out.append(f"pobj:{ty}")       # «على المتظاهرين», «للهجوم»: governed by another word
        for kind, starts in found.items():
            reach = NEAR if kind == "negation" else MARKER_NEAR
            if any(t0 - reach <= s < t0 for s in starts):
                out.append(f"near:{ty}:{kind}")
    for ty, n in per_type.items():
        out.append(f"n:{ty}:{min(n, 3)}")
    out += _casualties(tokens)
    out += _actors(tokens)
    if any(t.norm[:1].isdigit() for t in tokens):
        out.append("has_number")
    if tokens and tokens[-1].norm in ("?", "؟"):
        out.append("question")
    return out


def _casualties(tokens: list[Token]) -> list[str]:
    out = []
    for i, t in enumerate(tokens):
        s = _bare(t)
        if s in CASUALTIES or light(s) in CASUALTIES:
            out.append("cas")
            if i > 0 and (tokens[i - 1].norm[:1].isdigit() or tokens[i - 1].stem in NUMBER_WORDS):
                out.append("cas:num")
        elif s in PERSON_NOUNS and i > 0 and tokens[i - 1].norm[:1].isdigit():
            out.append("num:person")
    return out


def _actors(tokens: list[Token]) -> list[str]:
    """Kinds and sectors of the knowledge base's phrases in the sentence."""
    from ..actors.gazetteer import load_gazetteer
    gz = load_gazetteer()
    out = []
    i = 0
    while i < len(tokens):
        hit = gz.match(tokens, i) if tokens[i].is_word else None
        if not hit:
            i += 1
            continue
        end, entries = hit
        e = entries[0]
        out.append(f"a:{e.kind}")
        sector = getattr(e.ref, "sector", None)
        if sector:
            out.append(f"s:{sector}")
        i = max(end, i + 1)
    return out


# --- the model -------------------------------------------------------------------------------

_override: ContextVar[dict | None] = ContextVar("hadath_event_model", default=None)


@lru_cache(maxsize=1)
def _committed() -> dict:
    path = files("hadath") / "models" / "events.json"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        model = json.load(fh)
    if model.get("feature_version") != FEATURE_VERSION:
        return {}      # weights for other features would score nonsense
    return model


def _model() -> dict:
    m = _override.get()
    return _committed() if m is None else m


@contextmanager
def use_model(model: dict) -> Iterator[dict]:
    """Score with `model` (a dict as `events.json` holds; `{}` for rules only) inside the block."""
    token = _override.set(model)
    try:
        yield model
    finally:
        _override.reset(token)


def available_types() -> frozenset:
    return frozenset(_model().get("types", {}))


def score(tokens: list[Token], event_type: str, feats: list[str] | None = None) -> float | None:
    """P(the sentence reports an event of this type), or None if the model does not know it."""
    m = _model().get("types", {}).get(event_type)
    if m is None:
        return None
    weights = m["weights"]
    z = m["bias"] + sum(weights.get(f, 0.0) for f in set(feats if feats is not None else features(tokens)))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def thresholds(event_type: str) -> tuple[float, float]:
    """(keep, alone): a trigger hit is kept at or above `keep`; an event whose actor is only
    described is coded at or above `alone`."""
    m = _model().get("types", {}).get(event_type, {})
    return m.get("keep", 0.0), m.get("alone", 1.01)
