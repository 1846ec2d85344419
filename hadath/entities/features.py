"""Features of Arabic words for the CRF tagger.

Features of a word depend on the word alone (normalised form, clitic segmentation, stem
affixes, shape, nisba ending, how the stem inflects in news, gazetteer and trigger membership,
word clusters, the actor knowledge base's names, and how a first tagger labelled the word across the news
corpus), so they are computed once per word type, with the subset its neighbours see at
distance 1 and 2. The second pass adds `context` features: how the other occurrences of the
word's stem were tagged by the first pass in the surrounding sentences.
"""
from __future__ import annotations

from ..text.normalize import normalize_text, segmentation_form
from ..text.segment import segment
from .lexicon import autolex, clusters, gazetteer, kb_words, triggers, word_counts

FEATURES_VERSION = "5"
NISBA = ("يين", "يون", "يه", "ي")
WINDOW = 20          # sentences on each side that count as the same document
ENTITY_LABELS = ("PER", "LOC", "ORG", "MISC")
_TRIGGER_FEATURES = (("person", "tP"), ("place", "tL"), ("organisation", "tO"))
_CACHE_LIMIT = 100_000


def analyse(text: str) -> tuple[str, str, str, str]:
    """(normalised word, stem, prefix clitics joined with +, suffix), segmented as
    `hadath.text.tokens` does."""
    norm = normalize_text(text)
    if len(norm) > 2 and norm.isalpha():
        clitics, stem, suffix, _, _ = segment(segmentation_form(text))
        return norm, stem.replace("ة", "ه"), "+".join(clitics), suffix
    return norm, norm, "", ""


def _shape(w: str) -> str:
    if w.isdigit():
        return "num"
    if any(c.isdigit() for c in w):
        return "hasnum"
    if w.isascii() and w.isalpha():
        return "lat"
    if not any(c.isalnum() for c in w):
        return "punc"
    return "ar"


def _bucket(ratio: float) -> str:
    return "0" if ratio == 0 else "a" if ratio < 0.02 else "b" if ratio < 0.1 else "c" if ratio < 0.5 else "d"


def _inflection(bare: str) -> list[str]:
    """How productively the stem inflects in news: common nouns and adjectives take the
    article, pronoun suffixes and plural endings; names mostly do not (Arabic has no capital
    letters; this is the nearest thing)."""
    counts = word_counts()
    n = counts.get(bare, 0) + counts.get("ال" + bare, 0)
    if n < 3 or len(bare) < 3:
        return ["inf=rare"]
    stem = bare[:-1] if bare.endswith("ه") else bare
    forms = {"al": ("ال" + bare,), "pron": (stem + "ها", stem + "هم", stem + "ه" if stem != bare else bare + "ه"),
             "pl": (stem + "ات", bare + "ون", bare + "ين", stem + "تين")}
    return ["inf%s=%s" % (k, _bucket(sum(counts.get(f, 0) for f in fs) / n)) for k, fs in forms.items()]


def _autolex(norm: str, bare: str, lex: dict) -> list[str]:
    """How the bootstrap tagger labelled this stem across the news corpus."""
    dist = lex.get(bare)
    if dist is None:
        known = norm in word_counts() or bare in word_counts()
        return ["lx=O" if known else "lx=none"]
    out = []
    for label, frac in dist.items():
        if frac >= 0.05:
            out.append("lx%s=%s" % (label, "lo" if frac < 0.25 else "mid" if frac < 0.6 else "hi"))
    return out or ["lx=O"]


def word_features(text: str, lex: dict | None = None) -> dict:
    """Features of one word type: 0 -> its own feature list, 1 and 2 -> what a neighbour at
    that distance sees (unprefixed), "w" normalised word and "s" bare stem (for conjunctions
    and context)."""
    norm, stem, prefix, suffix = analyse(text)
    has_al = prefix.endswith("ال") or (not prefix and norm.startswith("ال") and len(norm) > 4)
    bare = stem[2:] if has_al and stem.startswith("ال") else stem
    shape = _shape(norm)
    core = ["w=" + norm, "s=" + bare, "sh=" + shape]   # shared with the window
    own = ["pre=" + prefix, "suf=" + suffix, "len=%d" % min(len(bare), 9)]
    if has_al:
        core.append("al")
    if shape == "ar":
        for n in (2, 3, 4):
            if len(bare) > n:
                own.append("p%d=%s" % (n, bare[:n]))
                own.append("x%d=%s" % (n, bare[-n:]))
        own += _inflection(bare)
        for end in NISBA:
            if bare.endswith(end) and len(bare) > len(end) + 2:
                own.append("nis=" + end)
                break
    gaz = gazetteer()
    for kind in ("PER", "LOC", "ORG"):
        hit = _name_word(gaz.get(kind, {}), norm, bare)
        if hit:
            core.append("g" + kind[0] + hit)
    for kind, feature in _TRIGGER_FEATURES:
        words = triggers()[kind]
        if bare in words or norm in words or ("ال" + bare) in words:
            core.append(feature)
    known = kb_words()
    for kind in ("P", "O", "L"):
        hit = _name_word(known[kind], norm, bare)
        if hit:
            core.append("k" + kind + hit)
    table = clusters()
    c = table.get(norm) or table.get("ال" + bare if has_al else bare) or table.get(bare)
    if c:
        core += c[:3]
        own.append("fq=%d" % c[3])
    else:
        core.append("c=none")
    if lex is not None and shape == "ar":
        core += _autolex(norm, bare, lex)
    far = [f for f in core if not f.startswith(("c64", "c1k", "sh", "lx"))]
    return {0: core + own, 1: core, 2: far, "w": norm, "s": bare}


def _name_word(table: dict[str, str], norm: str, bare: str) -> str | None:
    """Where the word stands in the names of a gazetteer table ("s", "f", "o"), if it does."""
    return table.get(norm) or table.get(bare) or table.get("ال" + bare)


def conjunctions(prev: dict, cur: dict) -> tuple[list[str], list[str]]:
    """Features of a word pair: (those its second word gets, those its first word gets)."""
    return (["ww-=" + prev["w"] + "|" + cur["w"], "ss-=" + prev["s"] + "|" + cur["s"]],
            ["ww+=" + prev["w"] + "|" + cur["w"], "ss+=" + prev["s"] + "|" + cur["s"]])


class Featurizer:
    """Word-type features with a cache; `lex` is the autolex table (None: the bootstrap
    tagger's feature set)."""

    def __init__(self, lex: dict | None = None):
        self.lex = lex
        self.cache: dict[str, dict] = {}

    def type(self, text: str) -> dict:
        f = self.cache.get(text)
        if f is None:
            if len(self.cache) > _CACHE_LIMIT:
                self.cache.clear()
            f = self.cache[text] = word_features(text, self.lex)
        return f

    def sentence(self, texts: list[str]) -> list[list[str]]:
        """crfsuite items for a sentence (training)."""
        types = [self.type(t) for t in texts]
        n = len(types)
        out = []
        for i, t in enumerate(types):
            f = list(t[0])
            f += ["-1:" + x for x in types[i - 1][1]] if i > 0 else ["BOS"]
            f += ["-2:" + x for x in types[i - 2][2]] if i > 1 else ["BOS2"]
            f += ["+1:" + x for x in types[i + 1][1]] if i + 1 < n else ["EOS"]
            f += ["+2:" + x for x in types[i + 2][2]] if i + 2 < n else ["EOS2"]
            if i > 0:
                f += conjunctions(types[i - 1], t)[0]
            if i + 1 < n:
                f += conjunctions(t, types[i + 1])[1]
            out.append(f)
        return out


def context_codes(sent_keys: list[list[str]], sent_tags: list[list[str]], window: int = WINDOW):
    """Second-pass evidence per token: (its first-pass tag, the label most other occurrences
    of its stem within `window` sentences got or None when it occurs alone, the entity labels
    the others got). Counts are kept over a sliding window: linear in the tokens."""
    labels = [[t[2:] or "O" for t in tags] for tags in sent_tags]
    running: dict[str, dict[str, int]] = {}

    def add(j: int, step: int) -> None:
        for k, lab in zip(sent_keys[j], labels[j]):
            d = running.setdefault(k, {})
            d[lab] = d.get(lab, 0) + step

    n = len(sent_keys)
    for j in range(min(window, n)):
        add(j, 1)
    out = []
    for i in range(n):
        if i + window < n:
            add(i + window, 1)
        if i - window - 1 >= 0:
            add(i - window - 1, -1)
        codes = []
        for k, lab, t in zip(sent_keys[i], labels[i], sent_tags[i]):
            total = running[k]
            if sum(total.values()) == 1:     # this token alone
                codes.append((t, None, ()))
                continue
            others = {lb: v - (lb == lab) for lb, v in total.items()}
            codes.append((t, max(sorted(others), key=others.get),
                          tuple(lb for lb, v in others.items() if v and lb != "O")))
        out.append(codes)
    return out


def context_strings(code: tuple) -> list[str]:
    tag, most, seen = code
    if most is None:
        return ["p1=" + tag, "d0"]
    return ["p1=" + tag, "dm=" + most] + ["d=" + lb for lb in seen]


def context_features(sent_keys, sent_tags, window: int = WINDOW) -> list[list[list[str]]]:
    """`context_codes` as crfsuite feature strings (training)."""
    return [[context_strings(c) for c in codes] for codes in context_codes(sent_keys, sent_tags, window)]
