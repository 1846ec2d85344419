"""A crowd as the subject of a verb (hadath/data/events/crowds.tsv, lexicon.crowd_after), the
classifier's clause features, and word lists matched in normalised form — on real sentences of
the news corpus and the Arabic event GSR (../shared/data, read in place, never copied)."""
from __future__ import annotations

import json
from functools import lru_cache

import pytest
from shared_data import DATA, NEWS, news, sentence_of

import hadath
from hadath.events import classifier, detect
from hadath.events.lexicon import crowd_after, crowd_words, find_triggers
from hadath.model import Document
from hadath.pipeline import Pipeline

GSR = DATA / "gsr" / "gsr-dev.jsonl"
pytestmark = pytest.mark.skipif(not (NEWS.is_file() and GSR.is_file()), reason="no shared data")


@lru_cache(maxsize=1)
def _gsr() -> dict[str, dict]:
    with open(GSR, encoding="utf-8") as fh:
        return {r["id"]: r for r in map(json.loads, fh)}


def tokens(text: str):
    return Pipeline.default().until("tokens")(Document(text=text)).tokens


def news_sentence(article: str, needle: str) -> str:
    line = sentence_of(news(article)["text"], needle)
    start = line.rfind(".", 0, line.index(needle)) + 1
    end = line.find(".", line.index(needle))
    return line[start:end + 1 if end >= 0 else len(line)].strip()


def first_types(text: str, form: str) -> list[str]:
    toks = tokens(text)
    return [[e.type for e in entries] for s, e, entries in find_triggers(toks)
            if toks[s].stem == form][0]


def test_crowd_words_are_normalised():
    words = crowd_words()
    assert words["ميات"] == "quantity"             # «مئات» as the matcher sees it
    assert words["مويدين"] == "people"              # «مؤيدين»
    assert all(kind in ("quantity", "people", "skip") for kind in words.values())


def test_protesters_protesting_is_a_demonstration():
    # «احتج متظاهرون ضد قرار محطة كيشو ...»: the crowd is the subject, PROTEST before ACCUSE
    text = news_sentence("snn-aleqtisadiya-c984b4050974", "احتج متظاهرون")
    assert first_types(text, "احتج")[0] == "PROTEST"


def test_a_state_protesting_is_disapproval():
    # «وطالما احتجت البحرين على الأعمال العدوانية الإيرانية»: a state, ACCUSE stays first
    text = news_sentence("snn-alyaum-954a06b92801", "احتجت البحرين")
    types = first_types(text, "احتجت")
    assert types[0] == "ACCUSE" and "PROTEST" in types


def test_crowd_after_passes_time_words_and_approximations():
    # «تظاهر أمس نحو 500 شخص يرفعون الأعلام العراقية»
    text = news_sentence("snn-aawsat-abbba70cf1db", "تظاهر أمس نحو 500")
    toks = tokens(text)
    v = next(i for i, t in enumerate(toks) if t.stem == "تظاهر")
    j = crowd_after(toks, v + 1)
    assert j is not None and toks[j].norm == "500"
    assert "crowd:PROTEST" in classifier.features(toks)


def test_known_protesters_are_no_new_crowd():
    # «وسار المتظاهرون من بابي الجديد والخليل ... وراحوا يهتفون»: the definite protesters were
    # reported before; «يهتفون» has no crowd after it, «المتظاهرون» follows another verb
    text = _gsr()["protest:AAW_ARB_20070319.0028-2"]["text"]
    feats = classifier.features(tokens(text))
    assert "crowd:PROTEST" not in feats
    assert "given:PROTEST" in feats


def test_relative_clause_feature():
    # «واعتقلت الشرطة الاسرائيلية ... ستة فلسطينيين من عشرات المتظاهرين الذين تجمعوا ...»:
    # the gathering is said of the protesters arrested, in a relative clause
    text = _gsr()["protest:AAW_ARB_20070211.0017-9"]["text"]
    assert "rel:PROTEST" in classifier.features(tokens(text))


def test_hundreds_count_as_a_quantity():
    # «وتظاهر مئات الفلسطينيين في غزة أمس»: «مئات» normalises to «ميات»; the word lists match it
    text = news_sentence("snn-aawsat-0133ed108c5b", "وتظاهر مئات الفلسطينيين")
    feats = classifier.features(tokens(text))
    assert "qty:PROTEST" in feats and "crowd:PROTEST" in feats


def test_warplanes_describe_a_military_attacker():
    # «قصفت طائرات حربية تركية أهدافا لتنظيم الدولة الإسلامية في سوريا»: «طائرات» (with its
    # hamza) is found by the military description once the list is normalised
    text = news_sentence("snn-3alyoum-b45b5e5bff9a", "قصفت طائرات حربية تركية")
    doc = hadath.analyze(text)
    toks = doc.tokens
    found = detect._military(toks, doc.mentions, 0)
    assert found is not None
    (a, b), state = found
    assert toks[a].stem == "طايرات" and state == "TUR"


def test_brings_together_is_no_gathering():
    # «... المناسبات السنوية القليلة التي تجمع أبناء العائلة في زمان ومكان واحد»: the occasions
    # bring families together (تَجمع, transitive, in a relative clause); nobody gathers
    text = news_sentence("snn-aawsat-a0fdf07a2f2e", "التي تجمع أبناء العائلة")
    toks = tokens(text)
    assert not any(toks[s].stem == "تجمع" for s, _e, _x in find_triggers(toks))
    # «... قمة ثلاثية تستضيفها العاصمة السورية اليوم، وتجمع الرئيس السوري بشار الأسد إلى أمير
    # قطر»: a definite noun, no crowd, follows: the summit brings the presidents together
    text = next(r["text"] for r in _gsr().values() if "وتجمع الرئيس السوري بشار الأسد" in r["text"])
    toks = tokens(text)
    assert not any(toks[s].stem == "تجمع" for s, _e, _x in find_triggers(toks))
    # «وتجمع المتظاهرون امام مقر انعقاد المؤتمر»: the protesters gathered
    text = _gsr()["protest:AAW_ARB_20070625.0031-13"]["text"]
    toks = tokens(text)
    assert any(toks[s].stem == "تجمع" for s, _e, _x in find_triggers(toks))


def test_worth_mentioning_opens_background():
    # «وجدير بالذكر ان حملة الاحتجاج على السياسة الاسرائيلية ... تتفاقم»: «جدير بالذكر», like
    # «يذكر أن», opens a background sentence
    from hadath.events.status import status
    toks = tokens(_gsr()["protest:AAW_ARB_20080213.0044-14"]["text"])
    t0 = next(i for i, t in enumerate(toks) if t.stem == "احتجاج")
    _negated, aux, reasons = status(toks, t0, t0 + 1, None, None)
    assert aux == "historical" and "background marker" in reasons
