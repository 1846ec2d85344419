"""Named entities: the `entities` pipeline stage.

`find_entities(doc)` tags each sentence's tokens with the CRF model (hadath/models/ner.crfsuite,
trained on ANERcorp) and adds `Entity` spans to `doc.entities`, labelled PER, ORG, GPE, LOC or
MISC. A span starts at its first token's `name_begin`, so a clitic conjunction or preposition
stays outside and the article inside («وألمانيا» -> «ألمانيا», «بالأمم المتحدة» -> «الأمم
المتحدة»); where «ل» and the article merge into «لل» the span starts at the «لل» («للأمم
المتحدة»), the only way to keep the article in. ANERcorp's LOC becomes GPE for a country, city or region name (the
actor knowledge base's names when it is installed, else the ANERGazet countries and cities) and
stays LOC for rivers, seas, mountains and unknown places.
"""
from __future__ import annotations

from functools import lru_cache

from ..model import Document, Entity
from ..text.normalize import normalize_text
from .crf import Tagger, spans
from .lexicon import gazetteer, triggers

__all__ = ["find_entities", "tagger", "Tagger"]


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    return Tagger()


@lru_cache(maxsize=1)
def _gpe_names() -> frozenset:
    names = set(gazetteer().get("GPE", {}))
    try:   # the actor knowledge base, when this build has it
        from ..actors.kb import load_kb
        names |= _kb_names(load_kb())
    except Exception:   # noqa: BLE001 - no KB, or a KB of another shape: the lexicon alone
        pass
    return frozenset(names)


def _kb_names(kb) -> set:
    """Country names and city/region names of the actor knowledge base (`hadath.actors.kb`)."""
    return set(getattr(kb, "country_by_name", {})) | set(getattr(kb, "cities", {}))


def label_for(label: str, text: str) -> str:
    """ANERcorp label -> output label: LOC is GPE when the name is a known country/city."""
    if label != "LOC":
        return label
    key = " ".join(normalize_text(text).split())
    if key.split()[0] in triggers()["physical"]:
        return "LOC"
    names = _gpe_names()
    if key in names or (key.startswith("ال") and key[2:] in names) or ("ال" + key) in names:
        return "GPE"
    return "LOC"


def find_entities(doc: Document) -> None:
    """Tag the document's sentences (both passes see the whole document) and fill
    `doc.entities`, ids e1, e2, ... in text order."""
    if not doc.tokens:
        return
    sents = [doc.sentence_tokens(i) for i in range(len(doc.sentences))] if doc.sentences else [doc.tokens]
    sents = [toks for toks in sents if toks]
    found = []
    tagged = tagger().tag_sentences([[t.text for t in toks] for toks in sents])
    for toks, tags in zip(sents, tagged):
        for a, b, label in spans(tags):
            first, last = toks[a], toks[b - 1]
            start = first.name_begin
            end = last.stem_end if last.suffix else last.end
            if end <= start:
                continue
            text = doc.text[start:end]
            found.append(Entity(start, end, text, label=label_for(label, text), source="crf"))
    found.sort(key=lambda e: (e.start, e.end))
    for i, e in enumerate(found, 1):
        e.id = f"e{i}"
    doc.entities = found
