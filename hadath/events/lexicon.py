"""The event lexicon: trigger words and phrases, status markers, the CAMEO crosswalk.

All of it is data under `hadath/data/events/` (derived from PLOVER, CC BY-SA 4.0); this module
only loads it into phrase indexes matched on token stems.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import read_tsv, word_sets
from ..model import Token
from ..text.normalize import normalize_text
from ..text.phrases import PhraseIndex, phrase_key

GAP = 8   # tokens a verb's object may stand from it when its subject intervenes (VSO)
LONG_GAP = 14   # the same for an entry tagged "long gap": subject and object both stand between
                # («حمّل نائب الرئيس العراقي أسامة النجيفي نظيره نوري المالكي المسؤولية»)

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@dataclass(frozen=True)
class Trigger:
    form: str
    lemma: str
    pos: str              # verb, verb_passive, masdar, noun, participle
    type: str
    mode: str | None
    cameo: str | None
    context: tuple[str, ...]
    preps: tuple[str, ...]   # prepositions that introduce the target; "obj" for a direct object
    polarity: str
    note: str

    @property
    def verbal(self) -> bool:
        return self.pos in ("verb", "verb_passive")

    def tagged(self, tag: str) -> bool:
        """Tags lead the note, before the first «;» (weak, relation, homograph ...)."""
        return tag in self.note.split(";")[0]


@lru_cache(maxsize=1)
def _entries() -> list[Trigger]:
    out = []
    for row in read_tsv("events", "triggers.tsv"):
        out.append(Trigger(
            form=row["form"], lemma=row.get("lemma", ""), pos=row.get("pos") or "verb",
            type=row["type"], mode=row.get("mode") or None, cameo=row.get("cameo") or None,
            context=tuple(c for c in row.get("context", "").split("|") if c),
            preps=tuple(normalize_text(p) for p in row.get("target_preps", "").split("|") if p),
            polarity=row.get("polarity") or "+", note=row.get("note", "")))
    return out


@lru_cache(maxsize=1)
def triggers() -> PhraseIndex[Trigger]:
    index: PhraseIndex[Trigger] = PhraseIndex(loose=True)
    for t in _entries():
        index.add(t.form, t)
    return index


@lru_cache(maxsize=1)
def _split_triggers() -> dict[str, list[tuple[tuple[str, ...], Trigger]]]:
    """Verb + noun triggers by their verb («فرض عقوبات», «سلم رسالة»), for the VSO order where
    the subject stands between them: «فرض الاتحاد الأوروبي عقوبات», «يسلم فولودين رسالة»."""
    heads: dict[str, list] = {}
    for trig in _entries():
        key = phrase_key(trig.form, loose=True)
        if len(key) > 1 and trig.verbal:
            heads.setdefault(key[0], []).append((key[1:], trig))
    return heads


@lru_cache(maxsize=1)
def _split_over() -> dict[str, list[tuple[tuple[str, ...], Trigger]]]:
    return {k: [(t, trig) for t, trig in v if trig.tagged("over verb")]
            for k, v in _split_triggers().items() if any(trig.tagged("over verb") for _, trig in v)}


def find_triggers(tokens: list[Token]) -> list[tuple[int, int, list[Trigger]]]:
    """Trigger hits in a sentence: contiguous phrases, longest first, then a verb whose object
    noun follows within a few tokens. (start, end, entries) with end covering the verb only
    for the split ones."""
    index = triggers()
    keys = index.keys(tokens)
    hits = index.find_all(tokens, keys)
    covered = {i for s, e, _ in hits for i in range(s, e)}
    split = _split_triggers()
    tails: set[int] = set()
    over = _split_over()
    alone = {s for s, e, _ in hits if e == s + 1 and any(k in over for k in keys[s])}
    for i, tok in enumerate(tokens):
        if i in covered and i not in alone:
            continue
        for key in keys[i]:
            # a verb that is a trigger alone («رفض») yields only to the entries tagged "over
            # verb" («رفض ... تدخل»)
            for tail, trig in (over if i in covered else split).get(key, ()):
                j = _tail_at(tokens, keys, i + 1, tail, LONG_GAP if trig.tagged("long gap") else GAP)
                if j is not None:
                    hits = [h for h in hits if h[0] != i]
                    hits.append((i, i + 1, [trig]))
                    alone.discard(i)
                    covered.add(i)
                    tails.add(j)   # «عقوبات» in «فرضت واشنطن عقوبات» is the verb's, not a trigger
                    break
            if i in covered and i not in alone:
                break
    hits = [h for h in hits if h[0] not in tails]
    hits.sort(key=lambda h: h[0])
    return [(s, e, _crowd_first(tokens, s, e, entries)) for s, e, entries in hits
            if not _transitive(tokens, s, e, entries)]


def _transitive(tokens: list[Token], t0: int, t1: int, entries: list[Trigger]) -> bool:
    """«تجمع» gathered (تجمّع, intransitive) or brings together (تَجمع, transitive): the second
    when «بين» or a definite noun that is no crowd follows it («القمة تجمع الرئيس الأسد»), or when
    it opens a relative clause («الروابط التي تجمع البلدين»)."""
    if not entries[0].verbal or not all(e.tagged("transitive risk") for e in entries):
        return False
    prev = tokens[t0 - 1].stem if t0 > 0 else ""
    if prev in ("التي", "الذي"):
        return True
    if t1 >= len(tokens) or not tokens[t1].is_word:
        return False
    nxt = tokens[t1]
    if nxt.stem == "بين":
        return True
    return "ال" in nxt.prefix.split("+") and nxt.stem not in crowd_words() and crowd_after(tokens, t1, 1) is None


def _crowd_first(tokens: list[Token], t0: int, t1: int, entries: list[Trigger]) -> list[Trigger]:
    """A verb listed under PROTEST and another type («احتج»: ACCUSE or PROTEST; «قاطع»: PROTEST
    or SANCTION) is a demonstration when a crowd is its subject («واحتج مئات المتظاهرين»)."""
    if entries[0].type == "PROTEST" or not entries[0].verbal or not any(e.type == "PROTEST" for e in entries):
        return entries
    if crowd_after(tokens, t1) is None:
        return entries
    return [e for e in entries if e.type == "PROTEST"] + [e for e in entries if e.type != "PROTEST"]


@lru_cache(maxsize=1)
def crowd_words() -> dict[str, str]:
    """Normalised stem → class (quantity, people, skip) from crowds.tsv."""
    return {normalize_text(row["word"]): row["class"] for row in read_tsv("events", "crowds.tsv")}


def crowd_after(tokens: list[Token], t1: int, reach: int = 4) -> int | None:
    """Where a crowd stands as the subject right after a verb ending at `t1` («تظاهر أمس نحو
    ألفي شخص», «تجمع مئات المتظاهرين», «احتج 300 طالب»), passing time words and «نحو», «أكثر
    من»; None if the first word there is not a number, a quantity or an indefinite crowd noun
    (the definite «المتظاهرون» are protesters already reported: «وهتف المتظاهرون»)."""
    words = crowd_words()
    j = t1
    while j < len(tokens) and j < t1 + reach:
        tok = tokens[j]
        if tok.norm[:1].isdigit():
            return j
        kind = words.get(tok.stem)
        if kind == "quantity" or (kind == "people" and "ال" not in tok.prefix.split("+")):
            return j            # «مئات», «المئات», «متظاهرون»; «المتظاهرون» are already known
        if kind == "skip" or (tok.stem == "من" and j > t1 and words.get(tokens[j - 1].stem) == "skip"
                              and tokens[j - 1].stem in ("اكثر", "اقل")):
            j += 1
            continue
        return None
    return None


def _tail_at(tokens: list[Token], keys, start: int, tail: tuple[str, ...], gap: int = GAP) -> int | None:
    """Where the rest of a split trigger («عقوبات» after «فرض») stands, if within reach."""
    for j in range(start, min(start + gap, len(tokens))):
        if tokens[j].norm in (".", "?", "!", ":"):
            return None
        if all(j + k < len(tokens) and tail[k] in keys[j + k] for k in range(len(tail))):
            return j
    return None


@lru_cache(maxsize=1)
def markers() -> PhraseIndex[str]:
    """Words that change an event's status; the value is the kind: negation, future,
    hypothetical, historical, attribution, question."""
    index: PhraseIndex[str] = PhraseIndex(loose=True)
    for row in read_tsv("events", "markers.tsv"):
        index.add(row["form"], row["kind"])
    return index


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, dict]:
    return {row["cameo"]: row for row in read_tsv("events", "cameo.tsv")}


@lru_cache(maxsize=1)
def argument_words() -> dict[str, frozenset]:
    """Role → normalised words from argument_words.tsv (honorific, counterpart, pair, ...)."""
    return word_sets("events", "argument_words.tsv", normalize_text)


def word_in(tok: Token, role: str) -> bool:
    """Whether a token (its stem, stem and pronoun together, or the whole word with its
    article: «التابعة») is a word of the role."""
    words = argument_words().get(role, frozenset())
    return tok.stem in words or tok.norm in words or (bool(tok.suffix) and tok.stem + tok.suffix in words)


def split_tail(tokens: list[Token], t0: int, t1: int, trig: Trigger) -> int | None:
    """Where the noun of a split trigger stands («تدخل» of «رفض الجانبان لمحاولات تدخل إيران»),
    or None for a contiguous hit."""
    key = phrase_key(trig.form, loose=True)
    if len(key) < 2 or t1 - t0 != 1 or not trig.verbal:
        return None
    keys = triggers().keys(tokens)
    return _tail_at(tokens, keys, t0 + 1, key[1:], LONG_GAP if trig.tagged("long gap") else GAP)
