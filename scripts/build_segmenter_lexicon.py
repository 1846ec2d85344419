"""Build the clitic segmenter's lexicon from the corpora in ../shared/data:

- hadath/data/text/wordfreq.tsv: how often each word form (normalised, «ة» kept) occurs in the
  news corpus. «والرئيس» splits because «الرئيس» is frequent; «وفد» stays whole.
- hadath/data/text/names.txt: single words of proper names (ANERcorp train entity tokens and the
  ANERGazet gazetteers) that must never be split: «باقر» is a name, not ب + أقر.
- hadath/data/text/hamza_alef.txt: words whose initial «ال» the news mostly writes «أل», «إل» or
  «آل» («ألمانيا», «إلغاء», «آلاف», «إليه»): not the article, even where a text drops the hamza.

Run from the project root:  python scripts/build_segmenter_lexicon.py ../shared/data
"""
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hadath.text.normalize import segmentation_form  # noqa: E402
from hadath.text.segment import lexicon_form  # noqa: E402

WORD = re.compile(r"[\u0621-\u064a]+")  # letters only: the form the segmenter looks up
MIN_COUNT = 3
CLITIC_LETTERS = "وفبلكس"
KEEP_COUNT = 20   # news occurrences that make a name-shaped clitic + name form a word of its own


HAMZA_SHARE = 0.5   # share of hamza spellings that makes an initial «ال» not the article


def word_counts(news: Path) -> tuple[Counter, set]:
    """Word counts, and the words whose initial «ال» is mostly spelt with a hamza."""
    counts: Counter = Counter()
    al: Counter = Counter()
    hamza: Counter = Counter()
    with gzip.open(news, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = (rec.get("title") or "") + " " + rec["text"]
            for raw in WORD.findall(segmentation_form(text)):
                w = lexicon_form(raw)
                counts[w] += 1
                if len(w) >= 4 and w.startswith("ال"):
                    al[w] += 1
                    if raw[0] != "ا":
                        hamza[w] += 1
    hamza_initial = {w for w, n in al.items() if n >= MIN_COUNT and hamza[w] >= HAMZA_SHARE * n}
    return counts, hamza_initial


def name_words(nlp: Path) -> set:
    words = set()
    with open(nlp / "anercorp" / "train.conll", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and parts[-1] != "O":
                words.add(lexicon_form(segmentation_form(parts[0])))
    for gaz in sorted((nlp / "anergazet").glob("*.txt")):
        with open(gaz, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                words.update(lexicon_form(segmentation_form(w)) for w in line.split())
    return {w for w in words if WORD.fullmatch(w) and len(w) > 2}


def glued(w: str, words: set, counts: Counter) -> bool:
    """A clitic glued to another name («وألمانيا», «لبغداد», «للولايات») is not a name of its own,
    unless it is a frequent word in the news, at least as frequent as that shorter name: «كريم»
    beside «ريم», «بكين» beside «كين», «بيان» beside «يان» are words of their own. A clitic
    before a name with the article («والعراق», «للولايات») is always composed."""
    if w[0] not in CLITIC_LETTERS:
        return False
    shorter = [w[1:], w[2:]]
    for p in ("لل", "ولل", "فلل"):   # ل + ال: the article's alef is dropped
        if w.startswith(p):
            shorter.append("ال" + w[len(p):])
    for s in shorter:
        if s in words and (s.startswith("ال") or counts[w] < max(KEEP_COUNT, counts[s])):
            return True
    return False


def main(shared: str = "../shared/data") -> None:
    shared = Path(shared)
    counts, hamza_initial = word_counts(shared / "news" / "saudinewsnet.jsonl.gz")
    out = Path("hadath/data/text")
    kept = [(w, c) for w, c in counts.most_common() if c >= MIN_COUNT and len(w) > 1]
    with open(out / "wordfreq.tsv", "w", encoding="utf-8") as fh:
        fh.write(f"# normalised word\tcount (SaudiNewsNet, words seen >= {MIN_COUNT} times)\n")
        fh.writelines(f"{w}\t{c}\n" for w, c in kept)
    names = name_words(shared / "nlp")
    names = {w for w in names if not glued(w, names, counts)}
    # Very frequent forms whose remainder is frequent too read as composed («باسم» = ب + اسم).
    names = {w for w in names if not (counts[w] >= 1000 and w[0] in CLITIC_LETTERS and counts[w[1:]] >= 100)}
    with open(out / "names.txt", "w", encoding="utf-8") as fh:
        fh.write("# words of proper names, never split (ANERcorp train entities, ANERGazet)\n")
        fh.writelines(f"{w}\n" for w in sorted(names))
    with open(out / "hamza_alef.txt", "w", encoding="utf-8") as fh:
        fh.write(f"# words whose initial «ال» the news writes «أل/إل/آل» at least {HAMZA_SHARE:.0%} of the "
                 f"time (seen >= {MIN_COUNT} times): not the article\n")
        fh.writelines(f"{w}\n" for w in sorted(hamza_initial))
    print(f"{len(hamza_initial)} hamza-initial words; {len(kept)} words from {sum(counts.values())} tokens; {len(names)} name words")


if __name__ == "__main__":
    main(*sys.argv[1:])
