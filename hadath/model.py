"""The document model: one `Document` holding the original text, and `Span`s pointing into it.

Every stage reads and writes this model. Offsets are Python `str` indices into `Document.text`
(end exclusive), so `doc.text[span.start:span.end] == span.text` always holds, whatever
normalisation a stage used for matching (see `hadath.text.normalize`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CONTRACT_VERSION = "1"


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Token(Span):
    """A whitespace/punctuation token; `stem_start:stem_end` is the part left once clitics are
    split off (prefixes such as و ف ب ل ك س ال, suffixed pronouns). `norm` is the matching form."""
    norm: str = ""
    stem_start: int = 0
    stem_end: int = 0
    name_start: int = 0  # after و/ف/ب/ل/ك but before ال: where a name mention starts
    prefix: str = ""   # normalised prefix clitics joined with "+", e.g. "و+ال"
    suffix: str = ""   # normalised suffixed pronoun, e.g. "ه"
    stem: str = ""     # normalised stem
    sentence: int = 0
    keys: tuple = ()        # lexicon match keys, filled on first use (hadath.text.phrases)
    loose_keys: tuple = ()

    @property
    def is_word(self) -> bool:
        return bool(self.norm) and self.norm[0].isalpha()

    @property
    def name_begin(self) -> int:
        """Where a name in this token begins: `name_start`, unless two letters or fewer would
        be left after the clitic («بان كي مون»: the «ب» is the name's own)."""
        start = self.name_start
        return self.start if start > self.start and self.stem_end - start < 3 else start

    def as_dict(self) -> dict:
        d = {"start": self.start, "end": self.end, "text": self.text}
        if self.prefix or self.suffix:
            d["stem"] = {"start": self.stem_start, "end": self.stem_end,
                         "text": self.text[self.stem_start - self.start:self.stem_end - self.start]}
            d["prefix"] = self.prefix or None
            d["suffix"] = self.suffix or None
        return d


@dataclass(slots=True)
class Sentence(Span):
    index: int = 0
    token_start: int = 0   # index of its first token in doc.tokens
    token_end: int = 0


@dataclass(slots=True)
class Entity(Span):
    id: str = ""
    label: str = "MISC"
    actor: str | None = None
    source: str = ""      # what found it: "crf", "gazetteer", "kb", "rule"

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "id": self.id,
                "label": self.label, "actor": self.actor}


@dataclass(slots=True)
class Figure(Span):
    id: str = ""
    value: float = 0.0
    unit: str | None = None
    kind: str = "count"
    qualifier: str | None = None

    def as_dict(self) -> dict:
        value = int(self.value) if float(self.value).is_integer() else self.value
        return {"start": self.start, "end": self.end, "text": self.text, "id": self.id,
                "value": value, "unit": self.unit, "kind": self.kind, "qualifier": self.qualifier}


@dataclass(slots=True)
class DateExpr(Span):
    value: str | None = None
    precision: str | None = None
    relative: bool = False

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value,
                "precision": self.precision, "relative": self.relative}


@dataclass(slots=True)
class Mention(Span):
    """A stretch of text that refers to an actor: a name, a title phrase («رئيس مجلس الدوما
    الروسي»), a country or a group. `token_start:token_end` index `Document.tokens`."""
    actor: str | None = None
    kind: str = "name"          # person, org, country, city, title, group, nisba
    country: str | None = None
    sector: str | None = None
    sentence: int = 0
    token_start: int = 0
    token_end: int = 0


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    name_en: str | None = None
    title: str | None = None
    wikidata: str | None = None
    kb_id: str | None = None        # id in the knowledge base, when known
    mentions: list[str] = field(default_factory=list)     # entity ids
    spans: list[Span] = field(default_factory=list)       # every mention, nominal ones too

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "name_en": self.name_en, "country": self.country,
                "sector": self.sector, "title": self.title, "wikidata": self.wikidata,
                "kb_id": self.kb_id, "mentions": list(self.mentions),
                "spans": [s.as_dict() for s in self.spans]}


@dataclass(slots=True)
class Party:
    """One side of an event or a quote's speaker: country and sector inline, actor id if any."""
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    actor: str | None = None

    def as_dict(self) -> dict:
        return {"actor": self.actor, "name": self.name, "country": self.country, "sector": self.sector}


@dataclass(slots=True)
class Quote(Span):
    id: str = ""
    speaker: Party = field(default_factory=Party)
    cue: str | None = None
    direct: bool = False
    sentence: int = 0

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "id": self.id,
                "speaker": self.speaker.as_dict(), "cue": self.cue, "direct": self.direct}


@dataclass(slots=True)
class Event:
    id: str
    type: str
    source: Party
    target: Party
    sentence: int
    evidence: Span
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    location: dict | None = None
    negated: bool = False
    aux: str | None = None
    confidence: float = 0.5
    also: list[Span] = field(default_factory=list)   # more evidence for the same interaction
    trace: dict = field(default_factory=dict)        # why: lexicon entry, rule, model score

    def as_dict(self) -> dict:
        d = {"id": self.id, "type": self.type, "mode": self.mode, "context": list(self.context),
             "cameo": self.cameo, "source": self.source.as_dict(), "target": self.target.as_dict(),
             "date": self.date, "date_precision": self.date_precision, "date_text": self.date_text,
             "location": self.location, "negated": self.negated, "aux": self.aux,
             "confidence": round(self.confidence, 3), "sentence": self.sentence,
             "evidence": self.evidence.as_dict()}
        if self.also:
            d["more_evidence"] = [s.as_dict() for s in self.also]
        return d


@dataclass(slots=True)
class Document:
    """An article and everything found in it."""
    text: str
    id: str = "doc"
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = "ar"
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)   # actor mentions in text order
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    error: dict | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # stage scratch space, not serialised
    _norm: Any = None

    @property
    def norm(self):
        """The matching form of the text with its offset map (computed once, shared by stages)."""
        if self._norm is None:
            from .text.normalize import normalize
            self._norm = normalize(self.text)
        return self._norm

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding character `offset` (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def sentence_tokens(self, index: int) -> list[Token]:
        s = self.sentences[index]
        return self.tokens[s.token_start:s.token_end]

    def to_dict(self, tokens: bool = True) -> dict:
        d = {
            "contract_version": CONTRACT_VERSION,
            "document": {"id": self.id, "title": self.title, "source": self.source, "url": self.url,
                         "published": self.published, "language": self.language, "text": self.text},
            "error": self.error,
            "sentences": [s.as_dict() for s in self.sentences],
            "entities": [e.as_dict() for e in self.entities],
            "actors": [a.as_dict() for a in self.actors],
            "events": [e.as_dict() for e in self.events],
            "quotes": [q.as_dict() for q in self.quotes],
            "figures": [f.as_dict() for f in self.figures],
            "dates": [t.as_dict() for t in self.dates],
        }
        if tokens:
            d["tokens"] = [t.as_dict() for t in self.tokens]
        return d

    @classmethod
    def failed(cls, id: str, code: str, message: str, **meta) -> "Document":
        doc = cls(text="", id=id, language=None, **meta)
        doc.error = {"code": code, "message": message}
        return doc
