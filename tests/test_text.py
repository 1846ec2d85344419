"""The text layer on real Arabic news: normalisation with offsets that round-trip, sentence
splitting, clitic segmentation.

Cases are real occurrences, loaded by article id + substring from the SaudiNewsNet corpus in
../shared/data (never copied into the repo), the dev seed and ANERcorp.
"""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from hadath.model import Document
from hadath.pipeline import Pipeline
from hadath.text.normalize import normalize, normalize_text, segmentation_form
from hadath.text.segment import segment
from hadath.text.sentences import split_sentences
from hadath.text.tokens import tokenize

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
NEWS = DATA / "news" / "saudinewsnet.jsonl.gz"

CONTROLS = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff"

pytestmark = pytest.mark.skipif(not NEWS.exists(), reason=f"shared data not found at {DATA}")


# --- data -------------------------------------------------------------------------------------

# (article id, substring of its text, the substring's matching form)
NORMALISATION = [
    # diacritics: damma, tanwin fath
    ("snn-aawsat-c59aff05916f", "«قُتل", '"قتل'),
    ("snn-aawsat-174681a398df", "قراراً جمهورياً", "قرارا جمهوريا"),
    # tatweel
    ("snn-aawsat-9d15b1a7faf3", 'لـ"داعش"', 'ل"داعش"'),
    # alef and hamza forms: إ أ ؤ, alef wasla with diacritics
    ("snn-aawsat-9d15b1a7faf3", "وإعادة", "واعاده"),
    ("snn-aawsat-9d15b1a7faf3", "بالأفكار", "بالافكار"),
    ("snn-aawsat-9d15b1a7faf3", "لهؤلاء", "لهولاء"),
    ("snn-aawsat-b75e0c45f8f5", "فَٱحْتَارَ", "فاحتار"),
    ("snn-aawsat-df8f2bb6f618", "آلاف", "الاف"),
    # alef maqsura, ta marbuta
    ("snn-aawsat-9d15b1a7faf3", "تسعى", "تسعي"),
    ("snn-aawsat-9d15b1a7faf3", "المتطرفة", "المتطرفه"),
    # Arabic-Indic digits
    ("snn-aawsat-7d52a8d68101", "رؤوس ٢١ من", "رووس 21 من"),
    # Arabic punctuation ، ؛ ؟
    ("snn-aawsat-9d15b1a7faf3", "كاميرون،", "كاميرون,"),
    ("snn-aawsat-9d15b1a7faf3", "بريطانيا؛", "بريطانيا;"),
    ("snn-aawsat-2f416c3a741a", "اسمك؟»", 'اسمك?"'),
    # quotation marks « » “ ” " '
    ("snn-aawsat-732b1a394965", "«المقاومة الشعبية»", '"المقاومه الشعبيه"'),
    ("snn-aleqtisadiya-10e1e1a00080", "“الاقتصادية”", '"الاقتصاديه"'),
    ("snn-aawsat-9d15b1a7faf3", '"صراع جيلنا"', '"صراع جيلنا"'),
    ("snn-aawsat-176401f93b86", "Who's Who", "Who's Who"),
    # zero-width and bidi controls: RLM, LRM, ZWNJ, ZWJ, LRE/PDF, BOM
    ("snn-aawsat-611dd145c58c", "\u200f«", '"'),
    ("snn-aawsat-a6cd8e059417", "إ\u200eلون موسك", "الون موسك"),
    ("snn-alriyadh-0eab6909b7fb", "1438ه\u200d.", "1438ه."),
    ("snn-aawsat-6653cd5db4da", "Drive\u202a، \u202c He Said", "Drive,  He Said"),
    ("snn-3alyoum-70620b06795e", "ليونيل \ufeffميسي", "ليونيل ميسي"),
    # Persian letters and presentation forms
    ("snn-aawsat-f4467c28059a", "غرب زدگی", "غرب زدگي"),
    ("snn-aawsat-c3c467fac83d", "کبير موظفي", "كبير موظفي"),
    ("snn-aawsat-611dd145c58c", "ﻗﻮﺓ ﻋﺴﻜﺮﻳﺔ", "قوه عسكريه"),
]

# (article id, word as written, prefix clitics, stem as written, suffix)
SPLIT = [
    ("snn-aawsat-76e9df7ffb26", "والرئيس", "و+ال", "رئيس", ""),
    ("snn-aawsat-9bb70968d3ce", "للرئيس", "ل+ال", "رئيس", ""),
    ("snn-aawsat-91413c7fbe64", "بالقدرات", "ب+ال", "قدرات", ""),
    ("snn-aawsat-4308c5f1b5a2", "وسيزور", "و+س", "يزور", ""),
    ("snn-aawsat-d3dd54158e62", "رسالته", "", "رسالت", "ه"),
    ("snn-aawsat-2b51dd13db3b", "بفصل", "ب", "فصل", ""),
    ("snn-aawsat-611dd145c58c", "ويعد", "و", "يعد", ""),
    ("snn-aawsat-16f712061342", "وكان", "و", "كان", ""),
    ("snn-aawsat-4c8b8f62c71c", "وبوتين", "و", "بوتين", ""),
    ("snn-aawsat-4c8b8f62c71c", "لبوتين", "ل", "بوتين", ""),
    ("snn-aawsat-d1fe5326593b", "ولبنان", "و", "لبنان", ""),
    ("snn-aawsat-c43b6a1f9e89", "لروسيا", "ل", "روسيا", ""),
    ("snn-aawsat-e182854f08c6", "وألمانيا", "و", "ألمانيا", ""),   # «أل» with hamza: no article
    ("snn-aawsat-2b51dd13db3b", "بإلغاء", "ب", "إلغاء", ""),
    ("snn-aawsat-c62ae89a7df6", "الحرمين", "ال", "حرمين", ""),
    ("snn-aawsat-a8d1a3c27369", "ولادتها", "", "ولادت", "ها"),     # not و + ل + أدتها
]

# Words that begin (or end) with clitic letters but are single words.
WHOLE = [
    ("snn-aawsat-d1fe5326593b", "وفد"),
    ("snn-aawsat-7c945c374af7", "بوتين"),
    ("snn-aawsat-8194627f6711", "لبنان"),
    ("snn-aawsat-d1fe5326593b", "فلسطين"),
    ("snn-aawsat-9d15b1a7faf3", "كاميرون"),
    ("snn-aawsat-c5b40ab259bb", "باقر"),
    ("snn-aawsat-174681a398df", "وزير"),
    ("snn-aawsat-8b1174b23d6e", "كان"),
    ("snn-aawsat-174681a398df", "وصل"),
    ("snn-aawsat-a934eb6b50b9", "وقع"),
    ("snn-aawsat-a934eb6b50b9", "ولاية"),     # not و + ل + آية
    ("snn-aawsat-f59aae578ea9", "ساهم"),      # not the future س
    ("snn-aawsat-b4a29d0409c1", "فكرة"),
    ("snn-aawsat-0faa68047ce2", "كوما"),      # not ك + و + ما
    ("snn-aawsat-df8f2bb6f618", "آلاف"),      # «آل» is no article
    ("snn-aawsat-e182854f08c6", "ألمانيا"),
    ("snn-aleqtisadiya-d230c4ec5256", "الغاء"),   # إلغاء spelt without hamza
    ("snn-aawsat-0e54ce0e144f", "التقى"),     # a verb, not ال + تقى
    ("snn-aawsat-9d15b1a7faf3", "الذين"),
]

ARTICLE_IDS = ({i for i, *_ in NORMALISATION} | {i for i, *_ in SPLIT} | {i for i, _ in WHOLE} | {
    "snn-aawsat-d1fe5326593b", "snn-aawsat-e4d1d4cff5e6", "snn-aleqtisadiya-704c7f0ff543",
    "snn-aleqtisadiya-da7462887c0c", "snn-aleqtisadiya-d1be811ff7e2", "snn-aawsat-afcdc1052b7d",
    "snn-aawsat-277792d1f92b", "snn-aawsat-03ff5e5dc59b", "snn-aleqtisadiya-751398bafe21",
    "snn-almadina-26fd54c9c4c5"})


@pytest.fixture(scope="module")
def news() -> dict[str, dict]:
    out = {}
    with gzip.open(NEWS, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in ARTICLE_IDS:
                out[rec["id"]] = rec
                if len(out) == len(ARTICLE_IDS):
                    break
    missing = ARTICLE_IDS - set(out)
    assert not missing, f"articles missing from the corpus: {sorted(missing)}"
    return out


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    # the default pipeline's first two stages (Pipeline.default().until("tokens")), built here so
    # that the text layer is tested whatever the state of the later stages
    return Pipeline([("sentences", split_sentences), ("tokens", tokenize)])


@pytest.fixture(scope="module")
def seed() -> dict:
    return json.loads((DATA / "dev" / "seed.json").read_text(encoding="utf-8"))


def token_for(doc: Document, word: str):
    for t in doc.tokens:
        if t.text == word:
            return t
    raise AssertionError(f"no token {word!r} in the document")


def check_spans(doc: Document) -> None:
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
    for t in doc.tokens:
        assert doc.text[t.start:t.end] == t.text
        assert t.start <= t.name_start <= t.stem_start <= t.stem_end <= t.end


# --- normalisation ------------------------------------------------------------------------------

@pytest.mark.parametrize("aid,original,expected", NORMALISATION)
def test_normalisation_of_real_text(news, aid, original, expected):
    text = news[aid]["text"]
    at = text.index(original)
    assert normalize_text(original) == expected
    # in the whole article: the matching form, found in the normalised text, maps back to the
    # original characters, marks and controls included (controls before the first character
    # belong to what precedes it)
    lead = len(original) - len(original.lstrip(CONTROLS))
    norm = normalize(text)
    spans = []
    for m in re.finditer(re.escape(expected), norm.text):
        spans.append(norm.to_original(*m.span()))
    assert any(text[s:e].startswith(original[lead:]) and s == at + lead for s, e in spans), (original, spans[:5])


def test_normalised_text_has_no_marks_or_controls(news):
    for rec in news.values():
        ntext = normalize(rec["text"]).text
        assert not re.search("[\u064b-\u065f\u0670\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]", ntext)
        assert not re.search("[أإآٱىةؤئ٠-٩۰-۹،؛؟«»“”]", ntext)


def test_word_with_diacritics_maps_back(news):
    text = news["snn-aawsat-174681a398df"]["text"]
    norm = normalize(text)
    i = norm.text.index("قرارا جمهوريا")
    s, e = norm.to_original(i, i + len("قرارا"))
    assert text[s:e] == "قراراً"                 # the tanwin stays inside the span
    s, e = norm.to_original(i, i + len("قرارا جمهوريا"))
    assert text[s:e] == "قراراً جمهورياً"
    # and a word with marks inside it
    text = news["snn-aawsat-b75e0c45f8f5"]["text"]
    norm = normalize(text)
    i = norm.text.index("فاحتار")
    s, e = norm.to_original(i, i + len("فاحتار"))
    assert text[s:e] == "فَٱحْتَارَ"


def test_persian_digits_map_one_to_one(news):
    # the corpus has no Persian digits: a real sentence with its digits written in Persian
    sentence = "بعد قطع رؤوس ٢١ من مواطنيهم"
    assert sentence in news["snn-aawsat-7d52a8d68101"]["text"]
    persian = sentence.replace("٢", "۲").replace("١", "۱")
    norm = normalize(persian)
    assert norm.text == normalize(sentence).text == "بعد قطع رووس 21 من مواطنيهم"
    i = norm.text.index("21")
    s, e = norm.to_original(i, i + 2)
    assert persian[s:e] == "۲۱"


def test_segmentation_form_keeps_ta_marbuta_and_hamza():
    assert segmentation_form("رسالة") == "رسالة"
    assert segmentation_form("ألمانيا") == "ألمانيا"
    assert segmentation_form("رِسالَةُ") == "رسالة"
    assert len(segmentation_form("قراراً جمهورياً")) == len(normalize_text("قراراً جمهورياً"))


def test_tokens_carry_original_text_and_matching_form(news, nlp):
    doc = nlp(Document(text=news["snn-aawsat-b75e0c45f8f5"]["text"]))
    check_spans(doc)
    tok = token_for(doc, "فَٱحْتَارَ")
    assert tok.norm == "فاحتار"
    doc = nlp(Document(text=news["snn-aawsat-611dd145c58c"]["text"]))
    check_spans(doc)
    words = [t.norm for t in doc.tokens]
    assert "قوه" in words and "عسكريه" in words


# --- sentences ----------------------------------------------------------------------------------

def sentences_of(nlp, text):
    doc = nlp(Document(text=text))
    check_spans(doc)
    return [s.text for s in doc.sentences]


def test_headline_and_caption_lines_are_sentences(nlp, seed):
    sents = sentences_of(nlp, seed["text"])
    assert sents[0] == seed["title"]          # the headline, no final stop
    assert sents[-1] == "اخترنا لك"           # a caption line
    # a bullet line: the bullet is not part of the sentence
    assert "قاليباف يسلم رسالة السيد خامنئي إلى بوتين لرئيس" in sents
    assert not any(s.startswith("•") for s in sents)
    assert 'قاليباف يسلم رسالة السيد خامنئي إلى بوتين لرئيس "الدوما"' in sents


def test_bullets_and_list_numbers(news, nlp):
    sents = sentences_of(nlp, news["snn-aawsat-277792d1f92b"]["text"])
    assert "خدمة «نيويورك تايمز»" in sents
    # «10‪.‬ The Merchant of Venice», the number wrapped in bidi controls
    sents = sentences_of(nlp, news["snn-aawsat-afcdc1052b7d"]["text"])
    assert any(s.startswith("The Merchant of Venice") for s in sents)
    assert not any(re.fullmatch(r"\d+\W*", s) for s in sents)
    # an inline list number after a question
    sents = sentences_of(nlp, news["snn-aleqtisadiya-d1be811ff7e2"]["text"])
    assert any(s.startswith("2. يلاحظ أن التعريف") for s in sents)


def test_quotation_spanning_full_stops_stays_one_sentence(news, nlp):
    sents = sentences_of(nlp, news["snn-aawsat-d1fe5326593b"]["text"])
    quote = [s for s in sents if "قلنا مرارًا" in s]
    assert len(quote) == 1
    assert "القضايا الثنائية. هناك بعض الاستثناءات" in quote[0]
    assert quote[0].endswith("لخدمة مصالحنا».")


def test_stop_inside_closing_quote_ends_sentence(news, nlp):
    # «... جون كيري." وبعد أن يغادر الغرفة، يسأل أحد الطلاب قائلا "من هذا"»
    sents = sentences_of(nlp, news["snn-aleqtisadiya-751398bafe21"]["text"])
    assert any(s.endswith('يُدعى جون كيري."') for s in sents)
    assert any(s.startswith("وبعد أن يغادر الغرفة") for s in sents)


def test_decimals_and_abbreviations_do_not_split(news, nlp, seed):
    sents = sentences_of(nlp, seed["text"])
    assert ("منها 1.3 مليار دولار حصة الصادرات الروسية لإيران، والباقي حصة الصادرات الإيرانية "
            "إلى روسيا.") in sents
    sents = sentences_of(nlp, news["snn-aawsat-03ff5e5dc59b"]["text"])
    assert any("الحالي 99.97 في المائة" in s for s in sents)
    sents = sentences_of(nlp, news["snn-aawsat-e4d1d4cff5e6"]["text"])
    assert any("بقلم د. نادية الخولي عن المركز القومي" in s for s in sents)
    # Latin initials spelt out in Arabic
    sents = sentences_of(nlp, news["snn-aleqtisadiya-704c7f0ff543"]["text"])
    assert any("وكتبت جي. كيه. رولينج مؤلفة السلسلة" in s for s in sents)


def test_no_sentence_of_punctuation_alone(news, nlp):
    # «... على التلفزيون. فلماذا؟ .. يقول الأطفال»: the «..» belongs to the question
    sents = sentences_of(nlp, news["snn-aleqtisadiya-da7462887c0c"]["text"])
    assert "فلماذا؟ .." in sents
    # «تنتصر لكلب وتحارب الدنيا من أجله ؟! ،أين هي»: no cut before a comma
    sents = sentences_of(nlp, news["snn-almadina-26fd54c9c4c5"]["text"])
    assert any("من أجله ؟! ،أين هي بعد" in s for s in sents)
    for rec in news.values():
        for s in sentences_of(nlp, rec["text"]):
            assert re.search(r"[^\W_]", s), s


def test_gold_sentences_round_trip(nlp):
    with open(DATA / "dev" / "gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            doc = nlp(Document(text=rec["text"]))
            check_spans(doc)
            assert doc.sentences, rec["id"]
            covered = "".join(s.text for s in doc.sentences)
            assert len(re.findall(r"[^\W\d_]", covered)) == len(re.findall(r"[^\W\d_]", rec["text"]))


# --- clitic segmentation ---------------------------------------------------------------------------

@pytest.mark.parametrize("aid,word,prefix,stem,suffix", SPLIT)
def test_clitics_split_in_real_text(news, nlp, aid, word, prefix, stem, suffix):
    doc = nlp(Document(text=news[aid]["text"]))
    tok = token_for(doc, word)
    assert (tok.prefix, doc.text[tok.stem_start:tok.stem_end], tok.suffix) == (prefix, stem, suffix)
    assert tok.stem == normalize_text(stem if not suffix else stem[:-1] + "ة" if stem.endswith("ت") else stem)
    if prefix.endswith("ال"):
        # a name mention starts after و/ب but before ال: «والرئيس» -> «الرئيس»
        assert doc.text[tok.name_start:tok.end].startswith("ال") or prefix == "ل+ال"


@pytest.mark.parametrize("aid,word", WHOLE)
def test_words_that_are_not_clitic_composed(news, nlp, aid, word):
    doc = nlp(Document(text=news[aid]["text"]))
    tok = token_for(doc, word)
    assert (tok.prefix, tok.suffix) == ("", ""), (word, tok.prefix, tok.stem, tok.suffix)
    assert (tok.stem_start, tok.stem_end) == (tok.start, tok.end)


def test_clitic_before_a_latin_word():
    # ANERcorp test: «وDell» (and Dell)
    words = []
    with open(DATA / "nlp" / "anercorp" / "test.conll", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if parts and parts[0] == "وDell":
                words.append(parts[0])
    assert words
    assert segment(segmentation_form("وDell"))[:3] == (("و",), "Dell", "")
    assert segment(segmentation_form("Dell"))[:3] == ((), "Dell", "")


def test_segment_contract():
    # (clitics, stem, suffix, prefix length, suffix length), lengths in characters of the input
    clitics, stem, suffix, plen, slen = segment(segmentation_form("وبالقدرات"))
    assert (clitics, stem, suffix, plen, slen) == (("و", "ب", "ال"), "قدرات", "", 4, 0)
    clitics, stem, suffix, plen, slen = segment(segmentation_form("رسالته"))
    assert (clitics, stem, suffix, plen, slen) == ((), "رسالة", "ه", 0, 1)


def test_seed_tokens(nlp, seed):
    doc = nlp(Document(text=seed["text"]))
    check_spans(doc)
    by_text = {t.text: t for t in doc.tokens}
    assert by_text["ويعد"].prefix == "و"
    assert by_text["بفصل"].prefix == "ب"
    assert by_text["لرئيس"].prefix == "ل"
    assert by_text["بالقدرات"].prefix == "ب+ال"
    for word in ("بوتين", "باقر", "قاليباف", "وفد", "فياتشيسلاف", "فولودين", "وصل"):
        assert not by_text[word].prefix and not by_text[word].suffix, word
    assert (by_text["وكان"].prefix, by_text["وكان"].stem) == ("و", "كان")
    assert by_text["تسليمه"].suffix == "ه" and by_text["تسليمه"].stem == "تسليم"
    # the decimal is one token
    assert "1.3" in by_text
