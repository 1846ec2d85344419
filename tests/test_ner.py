"""The NER stage on real text: the dev seed, sentences from the news corpus, ANERcorp test
through `hadath ner --conll`, and the span rule (clitics outside, offsets exact).

Texts are read from ../shared/data (never copied into the repo).
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from hadath.cli import main as cli_main
from hadath.entities import find_entities, tagger
from hadath.model import Document
from hadath.pipeline import Pipeline
from hadath.text.sentences import split_sentences
from hadath.text.tokens import tokenize

from shared_data import DATA, news, requires_shared, seed, sentence_of

pytestmark = requires_shared
NLP = Pipeline([("sentences", split_sentences), ("tokens", tokenize), ("entities", find_entities)])
TAGS = {"O"} | {f"{p}-{lab}" for p in "BI" for lab in ("PER", "LOC", "ORG", "MISC")}


def entities(text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in NLP(Document(text=text)).entities}


def test_seed_people_and_places():
    found = entities(seed()["text"])
    assert ("محمد باقر قاليباف", "PER") in found
    assert ("موسكو", "GPE") in found
    assert ("روسيا", "GPE") in found


@pytest.mark.parametrize("article, needle, expected", [
    ("snn-aawsat-b87f33f3e65b", "باراك أوباما", [("باراك أوباما", "PER"), ("راؤول كاسترو", "PER"),
                                                   ("كوبا", "GPE")]),
    ("snn-aawsat-cb86a8e7a6a6", "بان كي مون", [("بان كي مون", "PER"), ("ستيفن أوبراين", "PER")]),
    ("snn-aawsat-333020156632", "منظمة الصحة العالمية", [("منظمة الصحة العالمية", "ORG")]),
    ("snn-aawsat-e182854f08c6", "وألمانيا", [("بريطانيا", "GPE"), ("فرنسا", "GPE"), ("ألمانيا", "GPE")]),
    ("snn-aawsat-415f30e53d8f", "البحر الأحمر", [("البحر الأحمر", "LOC")]),
])
def test_news_sentences(article, needle, expected):
    found = entities(sentence_of(news(article)["text"], needle))
    for item in expected:
        assert item in found, (item, found)


def test_span_rule_clitics_outside_offsets_exact():
    text = sentence_of(news("snn-aawsat-e182854f08c6")["text"], "وألمانيا")
    doc = NLP(Document(text=text))
    germany = [e for e in doc.entities if e.text == "ألمانيا"]
    assert germany and doc.text[germany[0].start - 1] == "و"     # the conjunction stays outside
    texts = [seed()["text"], text, sentence_of(news("snn-aawsat-cb86a8e7a6a6")["text"], "بالأمم المتحدة")]
    for t in texts:
        doc = NLP(Document(text=t))
        starts = {tok.name_start for tok in doc.tokens}
        assert doc.entities
        for i, e in enumerate(doc.entities, 1):
            assert doc.text[e.start:e.end] == e.text
            assert e.start in starts and e.id == f"e{i}" and e.source == "crf"
            assert e.label in {"PER", "ORG", "GPE", "LOC", "MISC"}
            assert not e.text[:1].isspace() and not e.text[-1:].isspace()
        assert [e.start for e in doc.entities] == sorted(e.start for e in doc.entities)


def test_article_inside_preposition_outside():
    doc = NLP(Document(text=sentence_of(news("snn-aawsat-cb86a8e7a6a6")["text"], "بالأمم المتحدة")))
    un = [e for e in doc.entities if e.text.endswith("الأمم المتحدة")]
    assert un and un[0].text == "الأمم المتحدة"                  # «بالأمم»: ب outside, ال inside


def test_conll_round_trip(tmp_path):
    gold = DATA / "nlp" / "anercorp" / "test.conll"
    blocks = gold.read_text(encoding="utf-8").split("\n\n")[:150]
    sample = tmp_path / "gold.conll"
    sample.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    out = tmp_path / "pred.conll"
    assert cli_main(["ner", "--conll", str(sample), str(out)]) == 0
    gold_lines = sample.read_text(encoding="utf-8").splitlines()
    pred_lines = out.read_text(encoding="utf-8").splitlines()
    gold_lines = gold_lines + [""] * (len(pred_lines) - len(gold_lines))
    assert len(pred_lines) == len(gold_lines)
    for g, p in zip(gold_lines, pred_lines):
        assert bool(g.split()) == bool(p.split())
        if p.split():
            tok, tag = p.split()
            assert tok == g.split()[0] and tag in TAGS
    score = subprocess.run([sys.executable, str(DATA.parent / "eval" / "score.py"), "conll", str(sample), str(out)],
                           capture_output=True, text=True, check=True)
    f1 = float(score.stdout.strip().splitlines()[-1].split()[2])
    assert f1 > 0.6


def test_empty_and_tokenless_documents():
    doc = Document(text="")
    find_entities(doc)
    assert doc.entities == []
    assert tagger().tag_sentences([]) == []


def test_numpy_tagger_agrees_with_crfsuite(tmp_path):
    """The document-at-a-time numpy scorer (per-type blocks, word pairs, length-sorted
    Viterbi) gives exactly crfsuite's own best paths, on a small model trained
    here on ANERcorp train and run over ANERcorp test sentences."""
    import pycrfsuite

    from hadath.entities import crf, features
    from hadath.entities import train as T

    sents = T.read_conll(DATA / "nlp" / "anercorp" / "train.conll")[:300]
    test = [t for t, _ in T.read_conll(DATA / "nlp" / "anercorp" / "test.conll")[:150]]
    feats = features.Featurizer({})
    path = tmp_path / "small.crfsuite"
    T.fit([feats.sentence(t) for t, _ in sents], [y for _, y in sents], path, {"max_iterations": 40})
    reference = pycrfsuite.Tagger()
    reference.open(str(path))
    expected = [reference.tag(feats.sentence(t)) for t in test]
    tagger = crf.Tagger(path, None, {})
    assert tagger.tag_sentences(test) == expected
    assert tagger.tag_sentences(test[:40]) == expected[:40]    # warm caches, same answer
    assert any(tag != "O" for tags in expected for tag in tags)


def test_two_pass_tagger_agrees_with_crfsuite():
    """Both committed models through the numpy scorer give crfsuite's own two-pass answer
    (first pass, context features from its tags, second pass) on ANERcorp test."""
    import pycrfsuite

    from hadath.entities import crf, features, lexicon
    from hadath.entities import train as T

    sents = [t for t, _ in T.read_conll(DATA / "nlp" / "anercorp" / "test.conll")[:300]]
    feats = features.Featurizer(lexicon.autolex())
    first, second = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    first.open(crf._model_path("ner-first.crfsuite"))
    second.open(crf._model_path("ner.crfsuite"))
    items = [feats.sentence(t) for t in sents]
    tags1 = [first.tag(x) for x in items]
    ctx = features.context_features([[feats.type(w)["s"] for w in t] for t in sents], tags1)
    expected = [second.tag([a + b for a, b in zip(x, c)]) for x, c in zip(items, ctx)]
    assert crf.Tagger().tag_sentences(sents) == expected


def test_committed_models_match_the_feature_code():
    """ner.json records the feature version the models were trained with: a feature change
    without retraining (scripts/train_ner.py) fails here, not silently in the tags."""
    import json

    from hadath.entities import crf, features

    info = json.loads(open(crf._model_path("ner.json"), encoding="utf-8").read())
    assert info["features_version"] == features.FEATURES_VERSION
