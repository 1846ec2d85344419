"""Who did it and to whom: source and target of a trigger from the sentence's structure.

Arabic news puts the subject after the verb (VSO: «استقبل الرئيس ... الوزير») or before it
(SVO: «قاليباف قال»); a verbal noun takes its agent as the next noun («زيارة الرئيس إلى
موسكو»); the target follows a preposition the trigger selects («إلى/مع/على/ضد/لـ/بـ») or is the
direct object; the passive names its agent with «من قبل»; «بين X و Y» makes both sides act.
These rules read tokens and the actors stage's mentions only.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Mention, Token
from .lexicon import Trigger

PREPOSITIONS = {"في", "الي", "علي", "مع", "ضد", "من", "عن", "بين", "لدي", "عند", "نحو", "حول",
                "تجاه", "امام", "بحق", "خلال", "عبر", "قبل", "بعد", "منذ"}
CLITIC_PREPS = {"ب", "ل", "ك"}
AGENT_MARKERS = (("من", "قبل"), ("علي", "يد"), ("بيد",))
WINDOW = 8          # tokens between a trigger and its arguments, at most


@dataclass
class Slot:
    mention: Mention
    rule: str


def preposition(m: Mention, tokens: list[Token], base: int) -> str | None:
    """The preposition governing a mention: a word before it, or a clitic on its first word."""
    first = tokens[m.token_start - base]
    clitics = first.prefix.split("+") if first.prefix else []
    for c in clitics:
        if c in CLITIC_PREPS:
            return c
    i = m.token_start - base - 1
    while i >= 0 and tokens[i].norm in ('"', "(", "'"):
        i -= 1
    if i >= 0 and tokens[i].stem in PREPOSITIONS and not tokens[i].prefix.endswith("ال"):
        return tokens[i].stem
    return None


def _gap_ok(tokens: list[Token], a: int, b: int, allow_comma: bool = True) -> bool:
    """No clause break between token a and b (exclusive): no full stop, no second verb-ish cue."""
    for t in tokens[a:b]:
        if t.norm in (".", "?", "!", ":", ";") or (not allow_comma and t.norm == ","):
            return False
    return True


def find_arguments(trigger: Trigger, t0: int, t1: int, tokens: list[Token], base: int,
                   mentions: list[Mention]) -> tuple[Slot | None, list[Slot]]:
    """Source and targets for the trigger at tokens[t0:t1] (sentence-relative indices); `base`
    is the sentence's first token index in the document."""
    rel = [(m.token_start - base, m.token_end - base, m) for m in mentions]
    after = [(s, e, m) for s, e, m in rel if s >= t1 and s - t1 <= WINDOW + 4]
    before = [(s, e, m) for s, e, m in rel if e <= t0 and t0 - e <= WINDOW]
    prep = {id(m): preposition(m, tokens, base) for _, _, m in rel}
    passive = trigger.pos == "verb_passive" or (t0 > 0 and tokens[t0 - 1].stem in ("تم", "جري"))

    source: Slot | None = None
    targets: list[Slot] = []
    # «بين X و Y»: both sides
    between = _between(tokens, t1, rel, base)
    if between:
        return Slot(between[0], "between"), [Slot(between[1], "between")]

    if passive:
        agent = _agent(tokens, t1, rel)
        if agent:
            source = Slot(agent, "passive agent (من قبل)")
        subj = next((m for s, e, m in after if prep[id(m)] is None and m is not (agent or None)), None)
        if subj:
            targets.append(Slot(subj, "passive subject"))
        return source, _expand(targets, rel, tokens, base)

    if trigger.verbal:
        # VSO: the first free mention after the verb; SVO: a free mention just before it.
        vso = next(((s, m) for s, e, m in after if prep[id(m)] is None and s - t1 <= 6
                    and _gap_ok(tokens, t1, s)), None)
        svo = next(((e, m) for s, e, m in reversed(before) if prep[id(m)] is None
                    and t0 - e <= 3 and _gap_ok(tokens, e, t0)), None)
        if svo and (not vso or t0 - svo[0] <= 2):
            source = Slot(svo[1], "subject before verb (SVO)")
        elif vso:
            source = Slot(vso[1], "subject after verb (VSO)")
    else:
        # A verbal noun: its agent is the noun right after it, or its pronoun's referent.
        gen = next((m for s, e, m in after if s - t1 <= 1 and prep[id(m)] is None), None)
        if gen is not None and not tokens[t1 - 1].suffix:
            source = Slot(gen, "agent after verbal noun")

    start_after = t1
    if source is not None and source.mention.token_start - base >= t1:
        start_after = source.mention.token_end - base
    for s, e, m in after:
        if s < start_after or (source and m is source.mention):
            continue
        p = prep[id(m)]
        if p is None and "obj" in trigger.preps:
            targets.append(Slot(m, "direct object"))
            break
        if p is not None and (p in trigger.preps or (not trigger.preps and p in ("الي", "مع", "علي", "ضد", "ل", "ب"))):
            targets.append(Slot(m, f"target after «{p}»"))
            break
        if p is None and not trigger.preps and source is not None:
            targets.append(Slot(m, "object"))
            break
    return source, _expand(targets, rel, tokens, base)


def _between(tokens, t1, rel, base):
    for i in range(t1, min(t1 + 4, len(tokens))):
        if tokens[i].stem == "بين":
            ms = [m for s, e, m in rel if s > i and s - i <= 8]
            if len(ms) >= 2 and tokens[ms[1].token_start - base].prefix.startswith("و"):
                return ms[0], ms[1]
            return None
    return None


def _agent(tokens, t1, rel):
    for i in range(t1, min(t1 + WINDOW, len(tokens))):
        for marker in AGENT_MARKERS:
            if tuple(t.stem for t in tokens[i:i + len(marker)]) == marker:
                j = i + len(marker)
                return next((m for s, e, m in rel if s == j), None)
    return None


def _expand(targets: list[Slot], rel, tokens, base: int) -> list[Slot]:
    """A list on one side («الولايات المتحدة وكندا واليابان») gives one event per actor."""
    out = list(targets)
    while out:
        last = out[-1].mention
        nxt = next((m for s, e, m in rel if m.token_start == last.token_end), None)
        if nxt is None or nxt.kind == "nisba" or not tokens[nxt.token_start - base].prefix.startswith("و"):
            break
        out.append(Slot(nxt, targets[0].rule + " (list)"))
    return out
