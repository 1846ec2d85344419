"""Build the clitic segmenter's lexicon from the corpora in ../shared/data:

- hadath/data/text/wordfreq.tsv: how often each word form (normalised, «ة» kept) occurs in the
  news corpus. «والرئيس» splits because «الرئيس» is frequent; «وفد» stays whole.
- hadath/data/text/names.txt: single words of proper names (ANERcorp train entity tokens and the
  ANERGazet gazetteers) that must never be split: «باقر» is a name, not ب + أقر.

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

WORD = re.compile(r"[\u0621-\u064a]+")  # letters only: the form the segmenter looks up
MIN_COUNT = 3
CLITIC_LETTERS = "وفبلكس"


def word_counts(news: Path) -> Counter:
    counts: Counter = Counter()
    with gzip.open(news, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            counts.update(WORD.findall(segmentation_form((rec.get("title") or "") + " " + rec["text"])))
    return counts


def name_words(nlp: Path) -> set:
    words = set()
    with open(nlp / "anercorp" / "train.conll", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and parts[-1] != "O":
                words.add(segmentation_form(parts[0]))
    for gaz in sorted((nlp / "anergazet").glob("*.txt")):
        with open(gaz, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                words.update(segmentation_form(w) for w in line.split())
    words = {w for w in words if WORD.fullmatch(w) and len(w) > 2}
    # A clitic glued to another name («وألمانيا», «لبغداد») is not a name of its own.
    return {w for w in words if not (w[0] in CLITIC_LETTERS and (w[1:] in words or w[2:] in words))}


def main(shared: str = "../shared/data") -> None:
    shared = Path(shared)
    counts = word_counts(shared / "news" / "saudinewsnet.jsonl.gz")
    out = Path("hadath/data/text")
    kept = [(w, c) for w, c in counts.most_common() if c >= MIN_COUNT and len(w) > 1]
    with open(out / "wordfreq.tsv", "w", encoding="utf-8") as fh:
        fh.write(f"# normalised word\tcount (SaudiNewsNet, words seen >= {MIN_COUNT} times)\n")
        fh.writelines(f"{w}\t{c}\n" for w, c in kept)
    names = name_words(shared / "nlp")
    # Very frequent forms whose remainder is frequent too read as composed («باسم» = ب + اسم).
    names = {w for w in names if not (counts[w] >= 1000 and w[0] in CLITIC_LETTERS and counts[w[1:]] >= 100)}
    with open(out / "names.txt", "w", encoding="utf-8") as fh:
        fh.write("# words of proper names, never split (ANERcorp train entities, ANERGazet)\n")
        fh.writelines(f"{w}\n" for w in sorted(names))
    print(f"{len(kept)} words from {sum(counts.values())} tokens; {len(names)} name words")


if __name__ == "__main__":
    main(*sys.argv[1:])
