"""Quotes on real Arabic news: direct speech in «» and "" with its cue and speaker, indirect speech
after «قال إن» / «أكد أن», participle cues («مضيفًا», «مؤكدا», «مشيرا») and sentence-opening cues
(«وتابع», «وأضاف») that keep the last speaker, anonymous sources («مصدر») that give no quote,
and the seed article's gold quotes matched the way eval/score.py matches them. Every sentence is
loaded from the shared data by article id and a substring."""
from __future__ import annotations

import re
import unicodedata

import hadath
from hadath.quotes import cues
from shared_data import gold, news, requires_shared, seed, sentence_of

pytestmark = requires_shared


def _analyze(text: str, published: str):
    doc = hadath.analyze(text, published=published)
    for q in doc.quotes:
        assert doc.text[q.start:q.end] == q.text, q
        assert q.text.strip() and q.cue
    return doc


def _line(article_id: str, needle: str):
    art = news(article_id)
    return _analyze(sentence_of(art["text"], needle), art["published"])


# eval/score.py's comparison form and quote matching (speaker form in the predicted speaker's name,
# text overlap of at least half by word Jaccard)
_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def _norm(text: str) -> str:
    text = _DIACRITICS.sub("", unicodedata.normalize("NFKC", text or ""))
    text = re.sub("[إأآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه")
    text = text.replace("ؤ", "و").replace("ئ", "ي")
    return " ".join(re.sub(r"[^\w\s]|_", " ", text).split())


def _jaccard(a: str, b: str) -> float:
    x, y = set(_norm(a).split()), set(_norm(b).split())
    return len(x & y) / len(x | y) if x | y else 0.0


def _matches(gold_quote: dict, quote) -> bool:
    forms = [_norm(f) for f in gold_quote["speaker"]]
    name = _norm(quote.speaker.name or "")
    return any(f and f in name for f in forms) and _jaccard(gold_quote["text"], quote.text) >= 0.5


# -- direct speech ---------------------------------------------------------------------------

def test_direct_quotes_in_guillemets_with_cue_and_participle():
    # «وقال الرئيس التركي إردوغان ...: «نحن في حداد ...»، مضيفًا: «يجب إدانة الإرهاب ...»»
    doc = _line("snn-aawsat-5586f0127969", "وقال الرئيس التركي إردوغان")
    assert len(doc.quotes) == 2, [(q.cue, q.text) for q in doc.quotes]
    first, second = doc.quotes
    assert first.direct and second.direct
    assert first.cue == "قال" and first.text.startswith("نحن في حداد بسبب عمل إرهابي")
    assert second.cue == "مضيفًا" and second.text == "يجب إدانة الإرهاب بغض النظر عن مصدره"
    for q in (first, second):                           # the participle keeps the speaker
        assert "إردوغان" in q.speaker.name
        assert (q.speaker.country, q.speaker.sector) == ("TUR", "GOV")
    assert first.speaker.actor == second.speaker.actor
    assert "«" not in first.text and "»" not in first.text      # the words inside the marks


def test_direct_quotes_in_ascii_marks_and_a_sentence_opening_cue():
    # «وأوضح فابيوس "لقد دعاني نظيري الايراني ...". وتابع مستطردا "أرى من الطبيعي ..."»
    doc = _line("snn-aawsat-06a1e519428b", "وأوضح فابيوس")
    assert len(doc.quotes) == 2, [(q.cue, q.text) for q in doc.quotes]
    first, second = doc.quotes
    assert first.cue == "أوضح" and first.direct
    assert first.text.startswith("لقد دعاني نظيري الايراني")
    assert second.cue == "وتابع" and second.direct        # «وتابع» opens the next sentence
    assert second.sentence == first.sentence + 1
    assert second.text.startswith("أرى من الطبيعي تماما")
    for q in (first, second):
        assert q.speaker.name == "فابيوس" and q.speaker.country == "FRA"
    assert '"' not in first.text


# -- indirect speech -------------------------------------------------------------------------

def test_indirect_quote_after_qala_inna():
    doc = _line("snn-aawsat-5586f0127969", "وقال رئيس الوزراء التركي أحمد داود أوغلو")
    assert len(doc.quotes) == 1
    q = doc.quotes[0]
    assert not q.direct and q.cue == "قال"
    assert q.text == "تركيا ستكثف التدابير الأمنية على حدودها مع سوريا"   # no «إن», no final stop
    assert "داود أوغلو" in q.speaker.name
    assert (q.speaker.country, q.speaker.sector) == ("TUR", "GOV")


def test_indirect_quote_after_akkada_anna_then_participle_muakkidan():
    # «أكد وزير الخارجية البريطاني فيليب هاموند أن ...، مؤكدا أن إيران «...»»
    doc = _line("snn-aawsat-8069a9941e45", "أكد وزير الخارجية البريطاني فيليب هاموند")
    assert [q.cue for q in doc.quotes] == ["أكد", "مؤكدا"]
    said, stressed = doc.quotes
    assert not said.direct
    assert said.text.startswith("المملكة المتحدة لا تتساهل مع «الإرهاب»")
    assert stressed.direct                              # the words in «» after the participle
    assert stressed.text.startswith("دولة يجب أن تكون نافذة")
    for q in doc.quotes:
        assert q.speaker.name == "فيليب هاموند" and q.speaker.country == "GBR"


def test_participle_mushiran_keeps_the_speaker():
    # «وقال الرئيس الفلسطيني محمود عباس إن ...، مشيرا إلى أن ما جرى في دوما ...»
    doc = _line("snn-alwatan-a648bd263232", "وقال الرئيس الفلسطيني محمود عباس")
    assert [q.cue for q in doc.quotes] == ["قال", "مشيرا"]
    first, second = doc.quotes
    assert not first.direct and not second.direct
    assert first.text.startswith("القيادة الفلسطينية ستتوجه إلى المحكمة الجنائية الدولية")
    assert second.text.startswith("ما جرى في دوما")
    assert first.speaker.actor == second.speaker.actor
    assert "محمود عباس" in second.speaker.name
    assert (second.speaker.country, second.speaker.sector) == ("PSE", "GOV")


def test_seed_wa_adafa_refers_back_to_the_speaker():
    # «اعتبر رئيس مجلس الشورى ... قاليباف، أن "..."» then «وأضاف في تصريح ... أنه أيضاً "..."»
    s = seed()
    doc = _analyze(s["text"], s["published"])
    added = [q for q in doc.quotes if q.cue == "وأضاف"]
    assert len(added) == 1
    q = added[0]
    assert doc.sentences[q.sentence].text.startswith("وأضاف في تصريح")
    assert q.text.startswith("سيبدأ فصلاً جديداً من خريطة الطريق")
    assert "قاليباف" in q.speaker.name
    assert (q.speaker.country, q.speaker.sector) == ("IRN", "LEG")


# -- anonymous sources -----------------------------------------------------------------------

def test_anonymous_source_gives_no_quote():
    cases = [("snn-aawsat-c2f6e93fe515", "وقال مصدر أمني إن الرزقي"),            # indirect
             ("snn-aawsat-23c3b3c5a0ec", "وأوضح مصدر أمني لـ«الشرق الأوسط»"),    # indirect, «أن»
             ("snn-aawsat-abd2c0db012e", "قال مصدر أمني طلب عدم نشر اسمه")]       # direct «...»
    for article_id, needle in cases:
        doc = _line(article_id, needle)
        assert cues().find_all(doc.tokens), needle          # the cue is there ...
        assert doc.quotes == [], (article_id, [(q.speaker.name, q.text) for q in doc.quotes])


# -- the seed's gold quotes --------------------------------------------------------------------

def test_seed_gold_quotes_are_all_found():
    s, g = seed(), gold()["seed"]
    doc = _analyze(s["text"], s["published"])
    assert len(g["quotes"]) == 5
    free = list(doc.quotes)
    for gq in g["quotes"]:
        hit = next((q for q in free if _matches(gq, q)), None)
        assert hit is not None, (gq["text"], [(q.speaker.name, q.text) for q in doc.quotes])
        free.remove(hit)
        assert hit.direct                                    # all five are in quotation marks
        assert (hit.speaker.country, hit.speaker.sector) == ("IRN", "LEG")
    cues = {q.cue for q in doc.quotes}
    assert {"اعتبر", "وأضاف", "مؤكداً", "قال", "موضحاً"} <= cues
