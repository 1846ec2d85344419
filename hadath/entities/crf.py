"""CRF named-entity tagger: features for Arabic tokens, and fast two-pass tagging.

Features of a word depend on the word alone (normalised form, clitic segmentation, stem
affixes, shape, nisba ending, how the stem inflects in news, gazetteer and trigger membership,
word clusters, and how a first tagger labelled the word across the news corpus), so they are
computed once per word type, with their window variants (-2..+2). A CRF's score is a sum over
features, so the model's weights for a word type's features are summed once too: tagging a
sentence adds a few cached vectors per token and runs Viterbi over 9 labels.

Two passes: the first model sees the sentence alone; the second also sees how the other
occurrences of each stem were tagged by the first within WINDOW sentences (`context_features`):
a name found once after a title («الرئيس شيراك») is then found where it stands alone.
"""
from __future__ import annotations

from importlib.resources import files

import numpy as np
import pycrfsuite

from ..text.normalize import normalize_text, segmentation_form
from ..text.segment import segment
from .lexicon import TRIGGERS, autolex, clusters, gazetteer, word_counts

FEATURES_VERSION = "4"
NISBA = ("يين", "يون", "يه", "ي")
WINDOW = 20          # sentences on each side that count as the same document
OFFSETS = (0, -1, 1, -2, 2)
_CACHE_LIMIT = 100_000   # word types kept (about 5 KB each with both models' score vectors)
ENTITY_LABELS = ("PER", "LOC", "ORG", "MISC")


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
    """Features of one word type: offset -> feature list (offset 0 unprefixed), plus the
    normalised word "w" and bare stem "s" used in conjunctions and context features."""
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
        d = gaz.get(kind, {})
        hit = d.get(norm) or d.get(bare) or d.get("ال" + bare)
        if hit:
            core.append("g" + kind[0] + hit)
    for kind, words in TRIGGERS.items():
        if bare in words or norm in words or ("ال" + bare) in words:
            core.append("t" + kind)
    c = clusters().get(norm) or clusters().get("ال" + bare if has_al else bare) or clusters().get(bare)
    if c:
        core += ["c64=" + c[0], "c256=" + c[1], "c1k=" + c[2]]
        own.append("fq=%d" % c[3])
    else:
        core.append("c=none")
    if lex is not None and shape == "ar":
        core += _autolex(norm, bare, lex)
    feats = {0: core + own, "w": norm, "s": bare}
    for off in (-2, -1, 1, 2):
        keep = core if abs(off) == 1 else [f for f in core if not f.startswith(("c64", "c1k", "sh", "lx"))]
        feats[off] = ["%+d:%s" % (off, f) for f in keep]
    return feats


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
        """Feature lists for a sentence (for training; tagging uses `Model.scores`)."""
        types = [self.type(t) for t in texts]
        n = len(types)
        out = []
        for i, t in enumerate(types):
            f = list(t[0])
            f += types[i - 1][-1] if i > 0 else ["BOS"]
            f += types[i - 2][-2] if i > 1 else ["BOS2"]
            f += types[i + 1][1] if i + 1 < n else ["EOS"]
            f += types[i + 2][2] if i + 2 < n else ["EOS2"]
            f += _conjunctions(types, i)
            out.append(f)
        return out


def _conjunctions(types, i) -> list[str]:
    t, out = types[i], []
    if i > 0:
        p = types[i - 1]
        out += ["ww-=" + p["w"] + "|" + t["w"], "ss-=" + p["s"] + "|" + t["s"]]
    if i + 1 < len(types):
        q = types[i + 1]
        out += ["ww+=" + t["w"] + "|" + q["w"], "ss+=" + t["s"] + "|" + q["s"]]
    return out


def context_features(sent_keys: list[list[str]], sent_tags: list[list[str]], window: int = WINDOW):
    """Second-pass features: the token's own first-pass tag, and how the other occurrences of
    its stem within `window` sentences around it were tagged (counts kept over a sliding
    window, so the cost is linear in the tokens)."""
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
        feats = []
        for k, lab, t in zip(sent_keys[i], labels[i], sent_tags[i]):
            total = running[k]
            f = ["p1=" + t]
            if sum(total.values()) == 1:     # this token alone
                f.append("d0")
            else:
                others = {lb: v - (lb == lab) for lb, v in total.items()}
                f.append("dm=" + max(sorted(others), key=others.get))
                f += ["d=" + lb for lb, v in others.items() if v and lb != "O"]
            feats.append(f)
        out.append(feats)
    return out


class Model:
    """A trained crfsuite model scored in numpy: per-word-type score vectors are cached."""

    def __init__(self, path):
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        info = tagger.info()
        self.labels = tagger.labels()
        idx = {lab: i for i, lab in enumerate(self.labels)}
        n = len(self.labels)
        self.trans = np.zeros((n, n))
        for (a, b), w in info.transitions.items():
            self.trans[idx[a], idx[b]] = w
        index: dict[str, int] = {}
        rows: list[list[float]] = [[0.0] * n]    # row 0: features the model does not know
        for (attr, lab), w in info.state_features.items():
            i = index.get(attr)
            if i is None:
                i = index[attr] = len(rows)
                rows.append([0.0] * n)
            rows[i][idx[lab]] = w
        self.index = index
        self.matrix = np.array(rows)
        self.weights = {a: self.matrix[i] for a, i in index.items()}

    def vector(self, feats) -> np.ndarray:
        get = self.index.get
        return self.matrix[[get(f, 0) for f in feats]].sum(axis=0)

    def _type_scores(self, t: dict) -> np.ndarray:
        """Score vectors of a word type's features at offsets 0, -1, +1, -2, +2 (5 x labels),
        kept in the type's own feature dict under this model's key."""
        s = t.get(self)
        if s is None:
            get = self.index.get
            rows, groups = [], []
            for g, off in enumerate(OFFSETS):
                ids = [i for i in map(get, t[off]) if i]
                rows += ids
                groups += [g] * len(ids)
            s = t[self] = np.zeros((len(OFFSETS), self.matrix.shape[1]))
            np.add.at(s, groups, self.matrix[rows])
        return s

    def scores(self, types: list[dict], extra: list[list[str]] | None = None) -> np.ndarray:
        """Emission scores (tokens x labels) for a sentence of word types; `extra` holds each
        token's neighbour conjunctions and any further features (default: the conjunctions)."""
        n = len(types)
        x = np.stack([self._type_scores(t) for t in types])   # n x 5 x labels
        e = x[:, 0].copy()
        if n > 1:
            e[1:] += x[:-1, 1]
            e[:-1] += x[1:, 2]
        if n > 2:
            e[2:] += x[:-2, 3]
            e[:-2] += x[2:, 4]
        w = self.weights
        for f, at in (("BOS", range(1)), ("BOS2", range(min(2, n))), ("EOS", range(n - 1, n)),
                      ("EOS2", range(max(0, n - 2), n))):
            if f in w:
                for i in at:
                    e[i] += w[f]
        get = self.index.get
        pos, rows = [], []
        for i in range(n):
            feats = extra[i] if extra is not None else _conjunctions(types, i)
            for r in map(get, feats):
                if r:
                    pos.append(i)
                    rows.append(r)
        if rows:
            np.add.at(e, pos, self.matrix[rows])
        return e

    def viterbi(self, es: list[np.ndarray]) -> list[list[str]]:
        """Best label sequences for several sentences at once (padded, one step per position
        for the whole batch)."""
        if not es:
            return []
        lengths = np.array([len(e) for e in es])
        m, k = int(lengths.max()), len(self.labels)
        e = np.zeros((len(es), m, k))
        for b, x in enumerate(es):
            e[b, :len(x)] = x
        back = np.zeros((len(es), m, k), dtype=np.int64)
        score = e[:, 0]
        keep = np.arange(k)
        for i in range(1, m):
            cand = score[:, :, None] + self.trans          # batch x from x to
            live = (lengths > i)[:, None]
            back[:, i] = np.where(live, cand.argmax(axis=1), keep)
            score = np.where(live, cand.max(axis=1) + e[:, i], score)
        out = []
        labels = self.labels
        for b, n in enumerate(lengths):
            j = int(score[b].argmax())
            path = [j]
            for i in range(n - 1, 0, -1):
                j = int(back[b, i, j])
                path.append(j)
            out.append([labels[j] for j in reversed(path)])
        return out

    def tag(self, types: list[dict], extra=None) -> list[str]:
        return self.viterbi([self.scores(types, extra)])[0] if types else []

    def tag_many(self, sentences: list[list[dict]], extra=None) -> list[list[str]]:
        es = [self.scores(ts, extra[i] if extra is not None else None) for i, ts in enumerate(sentences) if ts]
        tagged = iter(self.viterbi(es))
        return [next(tagged) if ts else [] for ts in sentences]


def _model_path(name: str) -> str:
    return str(files("hadath") / "models" / name)


class Tagger:
    """The two-pass tagger: `tag_sentences` takes a document's sentences as lists of token
    texts and returns their IOB2 tags (labels PER, LOC, ORG, MISC)."""

    def __init__(self, first=None, second=None, lex=None):
        self.features = Featurizer(autolex() if lex is None else lex)
        clusters(), word_counts(), gazetteer(), segment("والرئيس")   # load the lexicons now
        self.first = Model(first or _model_path("ner-first.crfsuite"))
        self.second = Model(second or _model_path("ner.crfsuite"))

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        types = [[self.features.type(t) for t in s] for s in sentences]
        conj = [[_conjunctions(ts, i) for i in range(len(ts))] for ts in types]
        first = self.first.tag_many(types, conj)
        ctx = context_features([[t["s"] for t in ts] for ts in types], first)
        return self.second.tag_many(types, [[a + b for a, b in zip(cs, xs)] for cs, xs in zip(conj, ctx)])


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, label) for each entity in an IOB2 sequence (conlleval
    rules: an I- after O or another label starts an entity)."""
    out, start, label = [], None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, lab = tag.partition("-")
        if start is not None and (prefix != "I" or lab != label):
            out.append((start, i, label))
            start = None
        if prefix in ("B", "I") and start is None:
            start, label = i, lab
    return out
