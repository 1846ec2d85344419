"""Who did it and to whom: source and target of a trigger from the sentence's structure.

Arabic news puts the subject after the verb (VSO: «استقبل الرئيس ... الوزير») or before it
(SVO: «قاليباف قال»); a verb joined by «و» to an earlier one shares its subject; a verbal noun
takes its agent as the next noun («زيارة الرئيس إلى موسكو»); the target follows a preposition
the trigger selects («إلى/مع/على/ضد/لـ/بـ») or is the direct object; the passive names its agent
with «من قبل»; «بين X و Y» makes both sides act; «مجموعة من» and the like are transparent
(«اجتماع مع مجموعة من رجال الأعمال» meets the businessmen). These rules read tokens and the
actors stage's mentions only; the closed word classes they use are in data/text/grammar.tsv.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..model import Mention, Token
from ..text.grammar import grammar
from ..text.normalize import normalize_text
from .lexicon import Trigger, word_in

SUBJECT_KINDS = ("person", "title", "group", "org", "country", "city")
WINDOW = 8           # tokens between a verb and its subject, at most
TARGET_WINDOW = 18   # tokens between a trigger and a prepositional target, at most


@dataclass
class Slot:
    mention: Mention
    rule: str


def preposition(m: Mention, tokens: list[Token], base: int) -> str | None:
    """The preposition governing a mention: a clitic on its first word (بـ لـ كـ) or the word
    before it; through a transparent quantifier («مع مجموعة من X» → مع)."""
    g = grammar()
    i = m.token_start - base
    first = tokens[i]
    for c in first.prefix.split("+") if first.prefix else ():
        if c in ("ب", "ل", "ك"):
            return c
    j = i - 1
    while j >= 0 and tokens[j].norm in ('"', "(", "'", ","):
        j -= 1
    if j < 0:
        return None
    prev = tokens[j]
    while prev.stem in g["place_head"] and j > 0:
        j -= 1            # «إلى العاصمة القطرية الدوحة»: the place word passes the preposition on
        prev = tokens[j]
    if prev.stem in ("من", "في") and j > 0 and (tokens[j - 1].stem in g["transparent"]
                                                or word_in(tokens[j - 1], "counterpart")):
        # «مع مجموعة من رجال الأعمال», «مع نظرائه في مجلس التعاون»: the body they belong to
        q = tokens[j - 1]
        inner = Mention(q.start, q.end, q.text, token_start=base + j - 1, token_end=base + j)
        return preposition(inner, tokens, base)
    if prev.stem in g["preposition"] and not prev.prefix.endswith("ال"):
        return prev.stem
    return None


@lru_cache(maxsize=4096)
def _normal(word: str) -> str:
    return normalize_text(word)


def own_subject(tok: Token, trig: Trigger) -> bool:
    """Whether a verb carries its subject as a plural or dual ending: «اتهموا», «دعوا»,
    «يطالبون», «تشاورا», «يبحثان». Arabic puts a verb before its named subject in the singular
    («اتهم المسؤولون»), so the noun after such a verb is its object, not its subject («كما اتهموا
    القوات الأوكرانية بإطلاق النار»)."""
    if not trig.verbal or tok.prefix.endswith("ال"):
        return False
    stem = tok.stem
    lemma = _normal(trig.lemma or trig.form.split()[0])
    if stem == lemma or len(stem) < 4:
        return False
    if stem.endswith("وا") and not lemma.endswith("وا"):
        return True
    if stem[:1] in ("ي", "ت") and stem.endswith(("ون", "ان")) and not lemma.endswith(("ون", "ان")):
        return True
    return stem in (lemma + "ا", lemma + "تا") and not lemma.endswith("ا")


# not «بـ» («طالب بالإفراج» asks for it) nor «من» («شحنة من المساعدات» is the aid itself)
TOPIC_PREPS = frozenset(("عن", "حول", "بشان"))


def _topic(tokens: list[Token], t0: int) -> bool:
    """A definite verbal noun after a preposition of topic («عن الاتفاق», «حول الزيارة»): what
    is talked about, not an act of the sentence's subject."""
    head = tokens[t0]
    clitics = head.prefix.split("+") if head.prefix else []
    if "ال" not in clitics:
        return False
    return t0 > 0 and tokens[t0 - 1].stem in TOPIC_PREPS


def _affiliated(tokens, t1: int, after, prep) -> tuple[int, Mention] | None:
    """«أدانت الهيئة الدائمة ... التابعة لمنظمة التعاون الإسلامي»: an unnamed body subject to an
    organisation named after «التابعة لـ» acts for it."""
    for s, e, m in after:
        if s - t1 > WINDOW:
            return None
        if prep[id(m)] == "ل" and s > t1 and word_in(tokens[s - 1], "affiliation") \
                and all(t.norm != "," and t.is_word for t in tokens[t1:s]):
            return s, m
    return None


def _apposition(tokens: list[Token], source: Mention, m: Mention, base: int) -> bool:
    """Whether m stands between commas right after the source: a second name for it."""
    a, b = source.token_end - base, m.token_start - base
    e = m.token_end - base
    return 0 < b - a <= 1 and tokens[a].norm == "," and e < len(tokens) and tokens[e].norm == ","


def _main_subject(before, prep, rule: str) -> Slot | None:
    """The first actor of the clause before a trigger that no preposition governs: «أعلن كيري
    ... إثر اجتماع مع نظرائه» — Kerry met them."""
    # media report events rather than act in them («ونقلت الصحف ...»)
    m = next((m for s, e, m in before if prep[id(m)] is None and m.sector != "MED"
              and m.kind in ("person", "title", "org", "group")), None)
    return Slot(m, rule) if m is not None else None


def _opens_clause(tokens: list[Token], i: int) -> bool:
    """Whether a subject may start at token i: the sentence's start, after punctuation or a
    complementiser, or with «و» on it — not as the genitive of the noun before it."""
    if i == 0 or tokens[i].prefix.startswith(("و", "ف")):
        return True
    prev = tokens[i - 1]
    return not prev.is_word or prev.stem in grammar()["clause_opener"]


def _clause_ok(tokens: list[Token], a: int, b: int) -> bool:
    """No sentence-internal stop between tokens a and b."""
    return all(t.norm not in (".", "?", "!", ":", ";") for t in tokens[a:b])


def find_arguments(trig: Trigger, t0: int, t1: int, tokens: list[Token], base: int,
                   mentions: list[Mention], previous: Mention | None = None,
                   speaker: Mention | None = None, limit: int | None = None,
                   subject_at: int | None = None) -> tuple[Slot | None, list[Slot]]:
    """Source and targets for the trigger at tokens[t0:t1] (sentence-relative). `previous` is
    the source of the last trigger in the sentence; `speaker` who is talking (relation
    statements are theirs); `limit` where the next trigger starts (its arguments are its own);
    `subject_at` where a word standing for the subject is («الجانبان»): the coder fills the
    source, only targets are looked for here (after that word)."""
    if limit is not None:
        tokens = tokens[:limit]
        mentions = [m for m in mentions if m.token_end - base <= limit]
    rel = sorted(((m.token_start - base, m.token_end - base, m) for m in mentions), key=lambda r: r[0])
    prep = {id(m): preposition(m, tokens, base) for _, _, m in rel}
    actors = [r for r in rel if r[2].kind in SUBJECT_KINDS]
    after = [r for r in actors if r[0] >= t1 and r[0] - t1 <= TARGET_WINDOW and _clause_ok(tokens, t1, r[0])]
    before = [r for r in actors if r[1] <= t0 and t0 - r[1] <= WINDOW]
    head = tokens[t0]
    verbal = trig.verbal and not head.prefix.endswith("ال")   # «التعاون» is a noun

    if trig.tagged("relation"):
        return _relation(t1, rel, prep, speaker)

    pair = _between(tokens, t1, rel, base)
    if pair:
        return Slot(pair[0], "«بين X و Y»"), [Slot(pair[1], "«بين X و Y»")]

    passive = trig.pos == "verb_passive" or (t0 > 0 and tokens[t0 - 1].stem in grammar()["passive_aux"])
    if passive:
        agent = _agent(tokens, t1, rel)
        subj = next((m for s, e, m in after if prep[id(m)] is None and m is not agent), None)
        targets = [Slot(subj, "subject of the passive")] if subj else []
        return (Slot(agent, "agent of the passive («من قبل»)") if agent else None), _expand(targets, rel, tokens, base)

    source = None
    if subject_at is not None:
        pass
    elif verbal:
        vso = None if own_subject(head, trig) else \
            next(((s, m) for s, e, m in after if prep[id(m)] is None and s - t1 <= 6
                  and all(t.norm != "," for t in tokens[t1:s])), None) or _affiliated(tokens, t1, after, prep)
        svo = next(((e, m) for s, e, m in reversed(before) if prep[id(m)] is None
                    and t0 - e <= 3 and _clause_ok(tokens, e, t0) and _opens_clause(tokens, s)), None)
        shared = previous is not None and head.prefix.startswith("و")
        if svo and t0 - svo[0] <= 2 and not shared:
            source = Slot(svo[1], "subject before the verb (SVO)")
        elif vso and not (shared and vso[0] - t1 > 0):
            source = Slot(vso[1], "subject after the verb (VSO)")
        elif shared:
            source = Slot(previous, "shares the subject of the verb before «و»")
        elif svo:
            source = Slot(svo[1], "subject before the verb (SVO)")
        elif previous is not None:
            source = Slot(previous, "the subject of the sentence's earlier verb")
        elif not own_subject(head, trig) or trig.type in ("ASSAULT", "PROTEST"):
            # «قال مسؤولون إنهم اتهموا ...»: a plural verb's subject is no speaker before it;
            # attacks and protests are left to the model and the described sides (detect.py)
            source = _main_subject(before, prep, "the subject of the sentence")
    elif not head.suffix:
        # «لزيارة سمو ولي العهد»: an honorific may stand between the noun and its agent
        at = t1 + 1 if t1 < len(tokens) and word_in(tokens[t1], "honorific") and not tokens[t1].prefix \
            and not head.prefix.endswith("ال") else t1
        gen = next((m for s, e, m in after if s == at and prep[id(m)] is None
                    and m.kind != "nisba"), None)
        # «زيارة لافروف»: the genitive acts; but after a subject already named («وصل لافروف
        # للقاء الأمير») it is what the verbal noun is done to.
        if gen is None and _topic(tokens, t0):
            pass          # «تحدث عن الاتفاق النووي»: a thing spoken of, nobody's act here
        elif gen is None:
            source = (Slot(previous, "the subject of the sentence's earlier verb") if previous
                      else _main_subject(before, prep, "the subject of the sentence"))
        elif not (previous is not None and "obj" in trig.preps):
            source = Slot(gen, "agent after the verbal noun")
        elif gen is not None:
            return Slot(previous, "the subject of the sentence's earlier verb"), \
                _expand([Slot(gen, "object of the verbal noun")], rel, tokens, base)

    if source is not None and (trig.type == "AGREE" or trig.mode in ("clash", "meet", "discuss")):
        partner = _partner(source.mention, rel, tokens, base)
        if partner is not None:
            return source, [Slot(partner, "joined to the subject by «و»")]
    start = t1 if subject_at is None else max(t1, subject_at + 1)
    if source is not None and source.mention.token_start - base >= t1:
        start = source.mention.token_end - base
    noun_tail = " " in trig.form and t1 - t0 > 1
    # more actors of the subject («حركتا حماس والجهاد الإسلامي»): none of them is the object
    listed = {id(x.mention) for x in _expand([source], rel, tokens, base)[1:]} if source else set()
    targets: list[Slot] = []
    seen_from = False
    for s, e, m in after:
        if s < start or (source and m is source.mention):
            continue
        p = prep[id(m)]
        if p is None and noun_tail and s - t1 <= 2:
            continue      # the genitive of the trigger's noun: «يسلم رسالة السيد خامنئي»
        if p == "من" and "من" not in trig.preps:
            seen_from = True
            continue
        if p is None and source is not None and _apposition(tokens, source.mention, m, base):
            continue      # «رفض محمد علي جعفري، قائد الحرس الثوري، القرار»: the same person again
        if p is None and source is not None and id(m) in listed:
            continue      # «حمّلت حركتا حماس والجهاد الإسلامي إسرائيل»: a second subject, no object
        if p == "الي" and seen_from:
            continue      # «رسالة من X إلى Y» describes the message, not whom it was handed to
        if p is None and "obj" in trig.preps and s - start <= 6:
            targets.append(Slot(m, "direct object"))
            break
        if p is not None and p in trig.preps:
            targets.append(Slot(m, f"target after «{p}»"))
            break
    return source, _expand(targets, rel, tokens, base)


def _relation(t1, rel, prep, speaker):
    """«تطوير العلاقات الإيرانية الروسية», «فصل جديد من العلاقات بين روسيا وإيران»: the speaker
    toward the other party named after the phrase."""
    if speaker is None or not speaker.country:
        return None, []
    for s, e, m in rel:
        if s >= t1 and s - t1 <= 8 and m.country and m.country != speaker.country \
                and m.kind in ("country", "nisba", "city"):
            return Slot(speaker, "the speaker of the statement"), [Slot(m, "the other party of the relation")]
    return None, []


def _between(tokens, t1, rel, base):
    for i in range(t1, min(t1 + 4, len(tokens))):
        if tokens[i].stem == "بين":
            ms = [m for s, e, m in rel if s > i and s - i <= 8 and m.kind in SUBJECT_KINDS]
            if len(ms) >= 2:
                k = ms[1].token_start - base
                # «وY» or «وعناصر من Y»
                if any(t.prefix.startswith("و") for t in tokens[max(i + 1, k - 3):k + 1]):
                    return ms[0], ms[1]
            return None
    return None


def _partner(source: Mention, rel, tokens, base) -> Mention | None:
    """«توصل هولاند ونظيره الروسي بوتين إلى اتفاق»: the actor joined to the subject by «و»."""
    end = source.token_end - base
    for s, e, m in rel:
        if m is source or s < end:
            continue
        if s - end > 3:
            return None
        if m.kind in SUBJECT_KINDS and any(t.prefix.startswith("و") for t in tokens[end:s + 1]):
            return m
        return None
    return None


def _agent(tokens, t1, rel):
    g = grammar()
    for i in range(t1, min(t1 + WINDOW, len(tokens))):
        pair = (tokens[i].stem, tokens[i + 1].stem if i + 1 < len(tokens) else "")
        if " ".join(pair) in g["agent_marker"] or pair[0] in g["agent_marker"]:
            j = i + (2 if " ".join(pair) in g["agent_marker"] else 1)
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


def expand(slot: Slot, mentions: list[Mention], tokens: list[Token], base: int) -> list[Slot]:
    """The actors listed after one side with «و» (the side itself excluded)."""
    rel = sorted(((m.token_start - base, m.token_end - base, m) for m in mentions), key=lambda r: r[0])
    return _expand([slot], rel, tokens, base)[1:]
