"""The quotes stage: reported speech with its speaker, words and cue verb.

Direct quotes are the words inside quotation marks that a reporting verb governs («قال إن
"..."», «مؤكدا أن "..."»); indirect quotes run from the complementiser after the cue (أن/إن) to
the end of the clause. The speaker is the actor named after the cue (VSO) or just before it
(SVO); a participle cue («مشيرا», «مؤكدا») or a sentence-opening cue with no subject («وأضاف»)
keeps the last speaker. Anonymous sources are skipped: no speaker, no quote.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import read_tsv
from .model import Document, Mention, Party, Quote, Token
from .text.grammar import grammar
from .text.phrases import PhraseIndex, word_key

_QUOTED = re.compile(r'"([^"\n]{3,}?)"')
_COMPLEMENTISERS = [("ان",), ("بان",)]
_MIN_INDIRECT = 3   # words
_MIN_DIRECT = 4     # fewer quoted words are a name or a scare quote («بي بي سي», «يثقون بشدة»)
_SPEAKER_KINDS = ("person", "title", "org", "group", "country", "city")


@lru_cache(maxsize=1)
def cues() -> PhraseIndex[dict]:
    index: PhraseIndex[dict] = PhraseIndex(loose=True)
    for row in read_tsv("events", "quote_cues.tsv"):
        index.add(row["form"], row)
    return index


def find_quotes(doc: Document) -> None:
    quotes: list[Quote] = []
    speaker: Mention | None = None
    ntext = doc.norm.text
    by_sentence: dict[int, list[Mention]] = {}
    for m in doc.mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    for si, s in enumerate(doc.sentences):
        tokens = doc.tokens[s.token_start:s.token_end]
        mentions = by_sentence.get(si, [])
        found = cues().find_all(tokens)
        if not found:
            continue
        spans = _quoted_spans(doc, ntext, s)
        used = set()
        for k, (c0, c1, rows) in enumerate(found):
            cue_tok = tokens[c0]
            who = _speaker(tokens, c0, c1, mentions, s.token_start, speaker)
            if who is None:
                continue
            speaker = who
            nxt = found[k + 1][0] if k + 1 < len(found) else len(tokens)
            limit = tokens[nxt - 1].end if nxt < len(tokens) else s.end
            direct = [q for q in spans if q[0] >= cue_tok.end and q[1] <= limit and q not in used
                      and len(doc.text[q[0]:q[1]].split()) >= _MIN_DIRECT]
            if direct:
                for a, b in direct:
                    used.add((a, b))
                    quotes.append(_quote(doc, a, b, who, cue_tok, True, si))
                continue
            colon = _after_colon(tokens, c1, nxt)
            if colon is not None:   # «وقال: لا أدري ...» is direct speech without quote marks
                quotes.append(_quote(doc, colon[0], colon[1], who, cue_tok, True, si))
                continue
            content = _indirect(tokens, c1, nxt, _complementisers(rows))
            if content is not None:
                quotes.append(_quote(doc, content[0], content[1], who, cue_tok, False, si))
    for i, q in enumerate(quotes, 1):
        q.id = f"q{i}"
    doc.quotes = quotes


def _quoted_spans(doc: Document, ntext: str, s) -> list[tuple[int, int]]:
    """Quotation-mark spans inside a sentence, as original offsets of the words inside."""
    norm = doc.norm
    a = _norm_index(norm, s.start)
    b = _norm_index(norm, s.end)
    out = []
    for m in _QUOTED.finditer(ntext, a, b):
        start, end = norm.to_original(m.start(1), m.end(1))
        out.append((start, end))
    return out


def _norm_index(norm, offset: int) -> int:
    lo, hi = 0, len(norm.text)
    while lo < hi:
        mid = (lo + hi) // 2
        if norm.start(mid) < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _speaker(tokens: list[Token], c0: int, c1: int, mentions: list[Mention], base: int,
             last: Mention | None) -> Mention | None:
    """Who the cue at tokens[c0:c1] reports: the actor right after it (VSO) or right before it
    (SVO); for a participle («مؤكدا») or a cue opening its sentence («وأضاف»), the last one."""
    cue = tokens[c0]
    opens = c0 == 0 or all(t.norm in ("و", "ف", ",") for t in tokens[:c0])
    if cue.stem.startswith(("م", "قايل")) or cue.norm.startswith(("م", "وم")):
        # participles: «مؤكدا», «مشيرا», «قائلا» go on with the subject of their clause — the
        # sentence's actor before them («وأشاد فلان ... قائلا»), else the last speaker
        subject = next((m for m in mentions if m.token_end - base <= c0 and m.kind in ("person", "title", "org")
                        and not _governed(tokens, m.token_start - base)), None)
        return subject or last
    g = grammar()
    if any(t.stem in g["anonymous"] for t in tokens[c0:c1 + 3]):
        return None        # «قال مصدر أمني», «بحسب ما أفاد مصدر»: anonymous, not attributed
    # a place speaks only as the subject right after the cue («قالت واشنطن»)
    actors = [m for m in mentions if m.kind in _SPEAKER_KINDS
              and (m.kind not in ("country", "city") or m.token_start - base == c1)]
    before = next((m for m in reversed(actors) if 0 <= c0 - (m.token_end - base) <= 2
                   and not _governed(tokens, m.token_start - base)), None)
    if cue.norm.startswith(("و", "ف")):
        before = None      # «... وأضاف»: a new clause; its subject follows or is dropped
    if before is not None and c0 - (before.token_end - base) <= 1:
        return before          # «قاليباف قال»
    after = next((m for m in actors if 0 <= m.token_start - base - c1 <= 3
                  and not _governed(tokens, m.token_start - base)
                  and not any(t.stem in ("ان", "بان") for t in tokens[c1:m.token_start - base])), None)
    if after is not None:
        return after           # «قال وزير الخارجية»
    if before is not None:
        return before
    return last if opens or cue.norm.startswith(("و", "ف")) else None


def _governed(tokens: list[Token], i: int) -> bool:
    """Whether the word at i stands after a preposition (so it is no subject)."""
    if any(c in ("ب", "ل") for c in tokens[i].prefix.split("+")):
        return True
    return i > 0 and tokens[i - 1].stem in grammar()["preposition"]


def _complementisers(rows: list[dict]) -> list[tuple[str, ...]]:
    """The words that open a cue's indirect content («أن», «على أن», «إلى», «بـ»), longest first."""
    out = set()
    for row in rows:
        for phrase in (row.get("indirect_complementizer") or "").split("|"):
            if phrase.strip() and phrase.strip() != "-":
                out.add(tuple(word_key(w, loose=True) for w in phrase.split()))
    return sorted(out or _COMPLEMENTISERS, key=len, reverse=True)


def _clause_end(tokens: list[Token], start: int, end: int) -> int:
    last = tokens[end - 1]
    return last.start if last.norm in (".", ",", "!", "?") else last.end


def _after_colon(tokens: list[Token], c1: int, end: int) -> tuple[int, int] | None:
    for i in range(c1, min(c1 + 6, end)):
        if tokens[i].norm == ":":
            words = [x for x in tokens[i + 1:end] if x.is_word]
            if len(words) >= _MIN_INDIRECT:
                return tokens[i + 1].start, _clause_end(tokens, i + 1, end)
            return None
        if tokens[i].norm in (".", "?", "!"):
            return None
    return None


def _indirect(tokens: list[Token], c1: int, end: int, openers) -> tuple[int, int] | None:
    """Words after the complementiser («أن», «إلى», «بـ») up to the end of the clause."""
    for i in range(c1, min(c1 + 8, end)):
        t = tokens[i]
        if t.norm in (".", "?", "!"):
            break
        for opener in openers:
            n = len(opener)
            if opener == ("ب",):
                hit, start = "ب" in t.prefix.split("+") and t.is_word, i
            else:
                hit = tuple(x.stem for x in tokens[i:i + n]) == opener or (n == 1 and t.norm == opener[0])
                start = i + n
            if not hit:
                continue
            words = [x for x in tokens[start:end] if x.is_word]
            if len(words) < _MIN_INDIRECT:
                return None
            return tokens[start].start, _clause_end(tokens, start, end)
    return None


def _quote(doc, a, b, who: Mention, cue: Token, direct: bool, si: int) -> Quote:
    actor = next((x for x in doc.actors if x.id == who.actor), None)
    name = actor.name if actor is not None else who.text
    return Quote(a, b, doc.text[a:b], speaker=Party(who.country, who.sector, name, who.actor),
                 cue=doc.text[cue.stem_start:cue.end] if cue.prefix else cue.text, direct=direct,
                 sentence=si)
