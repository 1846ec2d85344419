"""The offset rule on real news: every span the Document holds points at its own text.

`doc.text[start:end] == text` for every item of `doc.to_dict(tokens=True)` that has a start, an
end and a text (sentences, tokens and their stems, entities, figures, dates, quotes, event
evidence, and whatever stage comes next: the output is walked generically). Over 1,000 articles
of the SaudiNewsNet corpus through the full default pipeline, and over adversarial texts made
from real sentences with diacritics, tatweel, zero-width joiners, bidi marks and Persian digits
inserted.
"""
from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

import pytest

import hadath
from hadath.api import default_pipeline
from hadath.model import Document

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
NEWS = DATA / "news" / "saudinewsnet.jsonl.gz"
N_ARTICLES = 1000

pytestmark = pytest.mark.skipif(not NEWS.exists(), reason=f"shared data not found at {DATA}")


def spans(obj, path="$"):
    """Every (path, start, end, text) in a to_dict() output, found generically."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) and isinstance(obj.get("text"), str):
            yield path, obj["start"], obj["end"], obj["text"]
        for key, value in obj.items():
            if key != "document":
                yield from spans(value, f"{path}.{key}")
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from spans(value, f"{path}[{i}]")


def offset_errors(doc: Document) -> list[str]:
    d = doc.to_dict(tokens=True)
    text = d["document"]["text"]
    assert text == doc.text
    bad = []
    for path, start, end, span_text in spans(d):
        if not (0 <= start <= end <= len(text)) or text[start:end] != span_text:
            bad.append(f"{doc.id} {path}: [{start}:{end}] {text[start:end]!r} != {span_text!r}")
    return bad


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    """1,000 articles spread over the corpus (every 31st line: all outlets, both months)."""
    out = []
    with gzip.open(NEWS, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 31 == 0:
                out.append(json.loads(line))
                if len(out) == N_ARTICLES:
                    break
    assert len(out) == N_ARTICLES
    return out


@pytest.fixture(scope="module")
def analysed(articles) -> list[Document]:
    return list(hadath.analyze_many(articles))


def test_every_span_of_1000_articles_points_at_its_text(analysed):
    bad = [e for doc in analysed for e in offset_errors(doc)]
    assert not bad, f"{len(bad)} bad spans, e.g.\n" + "\n".join(bad[:10])


def test_the_1000_articles_are_analysed(articles, analysed):
    assert [d.id for d in analysed] == [a["id"] for a in articles]   # order and ids kept
    internal = [(d.id, d.error) for d in analysed if d.error and d.error["code"] == "internal"]
    assert not internal, internal[:5]
    ok = [d for d in analysed if d.error is None]
    assert len(ok) >= 0.98 * N_ARTICLES   # a few corpus records are empty
    for doc in ok:
        assert doc.sentences and doc.tokens, doc.id
        # sentences in order, not overlapping; tokens inside their sentence
        for a, b in zip(doc.sentences, doc.sentences[1:]):
            assert a.end <= b.start, doc.id
        for s in doc.sentences:
            for t in doc.tokens[s.token_start:s.token_end]:
                assert s.start <= t.start <= t.end <= s.end, (doc.id, s.index, t.text)


def test_spans_are_found_generically():
    # the walker must see nested spans: token stems, event evidence and more evidence
    d = {"document": {"text": "abc"}, "tokens": [{"start": 0, "end": 3, "text": "abc",
                                                  "stem": {"start": 1, "end": 3, "text": "bc"}}],
         "events": [{"evidence": {"start": 0, "end": 1, "text": "a"},
                     "more_evidence": [{"start": 2, "end": 3, "text": "x"}]}]}
    found = {(p, s, e, t) for p, s, e, t in spans(d)}
    assert ("$.tokens[0].stem", 1, 3, "bc") in found
    assert ("$.events[0].evidence", 0, 1, "a") in found
    assert ("$.events[0].more_evidence[0]", 2, 3, "x") in found
    assert len(found) == 4


# --- adversarial texts from real sentences ---------------------------------------------------

HARAKAT = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u064c", "\u064d"]
CONTROLS = ["\u200c", "\u200d", "\u200f", "\u200e", "\u200b", "\u202b", "\u202c", "\u2067", "\u2069"]
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


def plain(text: str) -> str:
    return re.sub("[\u064b-\u0652\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]", "",
                  text).translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789"))


def corrupt(text: str, rng: random.Random) -> str:
    """Insert marks and controls that normalisation deletes, swap digits for Persian or
    Arabic-Indic ones: the matching form stays the same."""
    out = ["\ufeff"] if rng.random() < 0.5 else []
    digits = PERSIAN_DIGITS if rng.random() < 0.5 else ARABIC_INDIC
    for i, ch in enumerate(text):
        out.append(ch.translate(digits))
        r = rng.random()
        if ARABIC_LETTER.match(ch):
            nxt = text[i + 1:i + 2]
            if r < 0.25:
                out.append(rng.choice(HARAKAT))
            elif r < 0.30 and ARABIC_LETTER.match(nxt or " "):
                out.append("\u0640" * rng.randint(1, 3))         # tatweel inside a word
            elif r < 0.34 and ARABIC_LETTER.match(nxt or " "):
                out.append(rng.choice(["\u200c", "\u200d"]))    # zero-width (non-)joiner
        elif ch in " .،,:؛«»\"()" and r < 0.3:
            out.append(rng.choice(CONTROLS))                     # RLM/LRM and bidi controls
    return "".join(out)


@pytest.fixture(scope="module")
def real_paragraphs(articles) -> list[str]:
    """Paragraphs of real articles that hold digits, quotes and Arabic punctuation."""
    out = []
    for rec in articles:
        for para in rec["text"].split("\n"):
            para = para.strip()
            if 150 < len(para) < 1500 and re.search(r"\d", para) and re.search("[«\"،]", para):
                out.append(para)
                break
        if len(out) == 40:
            break
    assert len(out) == 40
    return out


def test_adversarial_texts_keep_offsets_and_analysis(real_paragraphs):
    rng = random.Random(20150801)
    nlp = default_pipeline()
    for k, clean in enumerate(real_paragraphs):
        noisy = corrupt(clean, rng)
        assert noisy != clean
        a = nlp(Document(text=clean, id=f"clean{k}"))
        b = nlp(Document(text=noisy, id=f"noisy{k}"))
        bad = offset_errors(b)
        assert not bad, "\n".join(bad[:10])
        # the inserted characters change nothing in the analysis of sentences and tokens
        assert b.norm.text == a.norm.text
        assert [s.index for s in b.sentences] == [s.index for s in a.sentences]
        assert ([(t.norm, t.prefix, t.stem, t.suffix) for t in b.tokens]
                == [(t.norm, t.prefix, t.stem, t.suffix) for t in a.tokens])
        # and every token of the noisy text, stripped of what was inserted, is the clean token
        for ta, tb in zip(a.tokens, b.tokens):
            assert plain(tb.text) == plain(ta.text), (tb.text, ta.text)


def test_text_made_only_of_marks_and_controls():
    nlp = default_pipeline()
    doc = nlp(Document(text="\u200f\u064e\u0640\u200d \u202b\u202c"))
    assert not offset_errors(doc)
    assert doc.tokens == []
