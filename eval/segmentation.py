"""Measure hadath's clitic segmentation on ANERcorp entity tokens.

    python eval/segmentation.py [SHARED_DATA_DIR] [--conll FILE.conll]

`--conll` evaluates another CoNLL file instead of ANERcorp test (e.g. AQMAR, to check that a
change to the segmenter generalises beyond the test set).

The evaluation set is built from `nlp/anercorp/test.conll` (the words of train.conll and
test.conll together tell which words are names):

(a) whole names — entity-initial tokens (B- tags) that begin with a clitic letter (و ف ب ل ك س)
    but are not clitic-prefixed: no shorter form of the word (the word without a possible
    prefix) is an entity word anywhere in the corpus («لبنان», «بوتين», «فلسطين», «وليد»).
    They must stay whole: no prefix and no suffix split off.
(b) clitic + name — entity tokens made of a clitic prefix and another entity word of the corpus
    («وألمانيا» where «ألمانيا» occurs, «لبغداد», «للعراق»). They must be split with exactly
    that prefix (plus the article «ال» when the name carries it). A token that is itself a
    name in the ANERGazet gazetteers («كريم» beside «ريم», «بكين» beside «كين») is ambiguous
    and left out of both groups (the count is printed).
(c) split precision on all test tokens: 200 tokens that the segmenter splits, sampled
    deterministically, are printed for a person to check; they are not judged here.

Each token is analysed through the real tokenizer (the default pipeline's sentences + tokens), so the
figures are what users of `Token.prefix` / `Token.suffix` get.
"""
from __future__ import annotations

import hashlib
import sys
from collections import Counter
from pathlib import Path

from hadath.model import Document
from hadath.pipeline import Pipeline
from hadath.text.normalize import segmentation_form
from hadath.text.segment import lexicon_form
from hadath.text.sentences import split_sentences
from hadath.text.tokens import tokenize

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CLITIC_LETTERS = "وفبلكس"
# Prefixes that attach to a name (the future «س» only attaches to verbs).
NAME_PREFIXES = ["و", "ف", "ب", "ل", "ك", "وب", "فب", "ول", "فل", "وك"]
ARTICLE_PREFIXES = ["لل", "ولل", "فلل"]   # «للعراق» = ل + ال + عراق
ARABIC = set(chr(c) for c in range(0x0621, 0x064B))


def form_of(word: str) -> str:
    """A word as the lexicon spells it: diacritics off, hamza on alef unified, «ة» kept."""
    return lexicon_form(segmentation_form(word))


def read_conll(path: Path) -> list[tuple[str, str]]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                out.append((parts[0], parts[-1]))
    return out


def analyse(nlp: Pipeline, word: str) -> tuple[str, str, str] | None:
    """(prefix, stem, suffix) that the tokenizer gives the first word of a one-token text, or
    None when it holds no word."""
    doc = nlp(Document(text=word))
    for t in doc.tokens:
        if t.is_word:
            return t.prefix, word[t.stem_start:t.stem_end], t.suffix
    return None


def expected_prefix(raw: str, names: set[str]) -> str | None:
    """The clitic prefix of a «clitic + name» token (`raw` in `segmentation_form`, hamza kept),
    or None when the token is not one."""
    for p in ARTICLE_PREFIXES:
        rest = raw[len(p):]
        if raw.startswith(p) and len(rest) >= 2 and lexicon_form("ال" + rest) in names:
            return "+".join(list(p[:-2]) + ["ل", "ال"])
    for p in NAME_PREFIXES:   # shortest prefix first: «وبغداد» is و + بغداد
        rest = raw[len(p):]
        if raw.startswith(p) and len(rest) >= 3 and lexicon_form(rest) in names:
            # the name's own article comes off too («والعراق» = و + ال + عراق); «أل» is no article
            return "+".join(list(p) + (["ال"] if rest.startswith("ال") and len(rest) > 4 else []))
    return None


def possibly_prefixed(raw: str, names: set[str]) -> bool:
    """Whether a shorter form of the word (without some prefix) is an entity word, or the word
    starts with a clitic + article combination («والملعب», «للاتهامات») that names never begin
    with."""
    if raw.startswith(("وال", "فال", "بال", "كال", "لل")):
        return True
    for p in NAME_PREFIXES + ARTICLE_PREFIXES:
        if raw.startswith(p):
            rest = lexicon_form(raw[len(p):])
            if rest in names or "ال" + rest in names:
                return True
    return False


def gazetteer(data: Path) -> set[str]:
    words = set()
    for path in sorted((data / "nlp" / "anergazet").glob("*.txt")):
        with open(path, encoding="utf-8", errors="replace") as fh:
            words.update(form_of(line.strip()) for line in fh if line.strip())
    return words


def main(argv: list[str]) -> None:
    conll = None
    if "--conll" in argv:
        i = argv.index("--conll")
        conll = Path(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    data = Path(argv[0]) if argv else DEFAULT_DATA
    train = read_conll(data / "nlp" / "anercorp" / "train.conll")
    test = read_conll(conll or data / "nlp" / "anercorp" / "test.conll")
    names = {form_of(w) for w, tag in train + test if tag != "O"}
    gazetteer_names = gazetteer(data)
    nlp = Pipeline([("sentences", split_sentences), ("tokens", tokenize)])   # = default until tokens
    cache: dict[str, tuple[str, str, str]] = {}

    def seg(word):
        if word not in cache:
            cache[word] = analyse(nlp, word)
        return cache[word]

    whole: list[tuple[str, bool, str]] = []   # (token, correct, what it got)
    ambiguous = 0
    split: list[tuple[str, bool, str, str]] = []   # (token, correct, got, expected)
    for word, tag in test:
        if tag == "O":
            continue
        raw = segmentation_form(word)
        form = lexicon_form(raw)
        if not form or form[0] not in CLITIC_LETTERS or len(form) < 3:
            continue
        exp = expected_prefix(raw, names)
        if exp is not None and form in gazetteer_names:
            ambiguous += 1
            continue
        if exp is not None:
            prefix, stem, suffix = seg(word) or ("?", word, "?")
            split.append((word, prefix == exp, f"{prefix or '-'} | {stem} | {suffix or '-'}", exp))
        elif tag.startswith("B-") and not possibly_prefixed(raw, names) and all(c in ARABIC for c in form):
            prefix, stem, suffix = seg(word) or ("?", word, "?")
            whole.append((word, not prefix and not suffix, f"{prefix or '-'} | {stem} | {suffix or '-'}"))

    def acc(items):
        ok = sum(1 for it in items if it[1])
        return ok, len(items), 100.0 * ok / max(1, len(items))

    print(f"Clitic segmentation on {'ANERcorp test' if conll is None else conll.name} entity tokens")
    print("=" * 60)
    for label, items in (("(a) whole names, must stay whole", whole),
                         ("(b) clitic + name, must split with the right prefix", split)):
        ok, n, pct = acc(items)
        types = len({it[0] for it in items})
        print(f"{label}: {pct:.1f}% ({ok}/{n} tokens, {types} distinct)")
    ok_all, n_all, pct_all = acc(whole + split)
    print(f"overall: {pct_all:.1f}% ({ok_all}/{n_all})")
    print(f"left out as ambiguous (clitic + name, but a gazetteer name itself): {ambiguous} tokens")

    errors = Counter()
    for word, ok, got in whole:
        if not ok:
            errors[(word, "(a)", got, "whole")] += 1
    for word, ok, got, exp in split:
        if not ok:
            errors[(word, "(b)", got, exp + " | ...")] += 1
    print("\n20 most frequent errors (count, group, token, got [prefix | stem | suffix], expected):")
    for (word, group, got, exp), n in errors.most_common(20):
        print(f"  {n:3d} {group} {word}\tgot {got}\texpected {exp}")

    # (c) a deterministic sample of split tokens over the whole test set, for a person to check.
    splits = []
    seen = set()
    for i, (word, _) in enumerate(test):
        if word in seen:
            continue
        seen.add(word)
        got = seg(word)
        if got and (got[0] or got[2]):
            splits.append(word)
    total_words = len(seen)
    sample = sorted(splits, key=lambda w: hashlib.md5(w.encode()).hexdigest())[:200]
    print(f"\n(c) {len(splits)} of {total_words} distinct test tokens are split; 200 sampled "
          "(check by hand: prefix | stem | suffix):")
    for word in sample:
        prefix, stem, suffix = seg(word)
        print(f"  {word}\t{prefix or '-'} | {stem} | {suffix or '-'}")

    ok_a, n_a, pct_a = acc(whole)
    ok_b, n_b, pct_b = acc(split)
    print(f"\nRESULT whole-names {pct_a:.1f}% ({ok_a}/{n_a})  clitic+name {pct_b:.1f}% ({ok_b}/{n_b})  "
          f"overall {pct_all:.1f}% ({ok_all}/{n_all})  split sample 200 of {len(splits)} printed")


if __name__ == "__main__":
    main(sys.argv[1:])
