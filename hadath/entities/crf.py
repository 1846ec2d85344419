"""CRF named-entity tagging in numpy: trained crfsuite models, scored a document at a time.

A CRF's emission score is a sum of feature weights, and most features belong to one word type
(see `features`), so each model keeps, per word type, a 5 x labels block: the type's score at
its own position and what it adds to the words at distance 1 and 2 on each side. Tagging a
document is then one gather over its token ids, four shifted adds masked at sentence edges,
the word-pair and second-pass context scores (cached per pair and per code), and a Viterbi
pass over all sentences at once.

Two passes: the first model sees the sentence alone; the second also sees how the other
occurrences of each stem were tagged by the first within WINDOW sentences: a name found once
after a title («الرئيس شيراك») is then found where it stands alone.
"""
from __future__ import annotations

import re
from importlib.resources import files

import numpy as np
import pycrfsuite

from ..text.segment import segment
from .features import conjunctions, context_codes, context_strings, word_features
from .lexicon import autolex, clusters, gazetteer, vectors, word_counts

# Feature-name prefix -> slot in a type's block: own, then the neighbour at -1, +1, -2, +2.
_SLOTS = {"-1:": 1, "+1:": 2, "-2:": 3, "+2:": 4}
_DENSE = re.compile(r"([-+]1:)?e(\d+)$")
_TYPE_LIMIT = 200_000    # word types kept per tagger (about 0.8 KB each with both models)
_PAIR_LIMIT = 300_000    # word pairs kept
_DEFAULT = object()


class Model:
    """A trained crfsuite model: transitions, and its state-feature weights indexed by slot."""

    def __init__(self, path):
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        info = tagger.info()
        self.labels = tagger.labels()
        idx = {lab: i for i, lab in enumerate(self.labels)}
        k = len(self.labels)
        self.trans = np.zeros((k, k))
        for (a, b), w in info.transitions.items():
            self.trans[idx[a], idx[b]] = w
        weights: dict[str, np.ndarray] = {}
        for (attr, lab), w in info.state_features.items():
            weights.setdefault(attr, np.zeros(k))[idx[lab]] = w
        self.slots: list[dict[str, int]] = [{} for _ in range(5)]
        dense: dict[tuple[int, int], np.ndarray] = {}
        rows = [np.zeros(k)]           # row 0: features the model does not know
        for attr, w in weights.items():
            m = _DENSE.match(attr)
            if m:
                dense[(_SLOTS.get(m.group(1) or "", 0), int(m.group(2)))] = w
                continue
            slot = _SLOTS.get(attr[:3], 0)
            self.slots[slot][attr[3:] if slot else attr] = len(rows)
            rows.append(w)
        self.matrix = np.array(rows)
        self.weights = weights
        self.dense = None               # (3 slots, dims, labels): word-vector weights
        if dense:
            self.dense = np.zeros((3, max(d for _, d in dense) + 1, k))
            for (slot, d), w in dense.items():
                self.dense[slot, d] = w

    def row(self, attr: str) -> np.ndarray:
        return self.weights.get(attr, self.matrix[0])

    def blocks(self, types: list[dict], vecs) -> np.ndarray:
        """Score blocks (types x 5 x labels) of new word types."""
        own, near_b, near_a, far_b, far_a = self.slots
        rows, starts = [], []
        for t in types:
            for table, feats in ((own, t[0]), (near_b, t[1]), (near_a, t[1]), (far_b, t[2]), (far_a, t[2])):
                starts.append(len(rows))
                rows.append(0)          # every slot gets the zero row: no empty groups
                rows += [r for r in map(table.get, feats) if r]
        out = np.add.reduceat(self.matrix[rows], starts).reshape(len(types), 5, -1)
        if self.dense is not None and vecs is not None:
            v = np.array([t["v"] for t in types])
            has = v >= 0
            if has.any():
                x = vecs[v[has]].astype(np.float64) / 127.0
                out[has, :3] += np.einsum("nd,sdk->nsk", x, self.dense)
        return out

    def viterbi(self, e: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Best label index per token for sentences of `lengths` whose emission rows are
        concatenated in `e`. Sentences advance together, longest first, so step i works on
        the sentences still running: the cost is the number of tokens, not sentences x the
        longest."""
        order = np.argsort(-lengths, kind="stable")
        lens = lengths[order]
        b, m, k = len(lens), int(lens[0]), len(self.labels)
        starts = (np.cumsum(lengths) - lengths)[order]
        sent = np.repeat(np.arange(b), lens)
        pos = np.arange(len(e)) - np.repeat(np.cumsum(lens) - lens, lens)
        pad = np.zeros((b, m, k))
        pad[sent, pos] = e[np.repeat(starts, lens) + pos]
        running = (lens[:, None] > np.arange(m)).sum(axis=0)
        back = np.zeros((b, m, k), dtype=np.int64)
        score = pad[:, 0].copy()
        for i in range(1, m):
            n = running[i]
            cand = score[:n, :, None] + self.trans          # running x from x to
            back[:n, i] = cand.argmax(axis=1)
            score[:n] = cand.max(axis=1) + pad[:n, i]
        path = np.zeros((b, m), dtype=np.int64)
        j = score.argmax(axis=1)
        for i in range(m - 1, 0, -1):
            n = running[i]
            path[:n, i] = j[:n]
            j[:n] = back[np.arange(n), i, j[:n]]
        path[:, 0] = j
        out = np.empty(len(e), dtype=np.int64)
        out[np.repeat(starts, lens) + pos] = path[sent, pos]
        return out


def _append(array: np.ndarray, rows: np.ndarray, used: int) -> np.ndarray:
    """`rows` written after the first `used` rows of `array`, grown by doubling (amortised
    constant time per row; the unused tail is zeros)."""
    need = used + len(rows)
    if need > len(array):
        grown = np.zeros((max(need, 2 * len(array)),) + array.shape[1:])
        grown[:used] = array[:used]
        array = grown
    array[used:need] = rows
    return array


def _model_path(name: str) -> str:
    return str(files("hadath") / "models" / name)


class Tagger:
    """The two-pass tagger (one pass when `second` is None): `tag_sentences` takes a
    document's sentences as lists of token texts and returns their IOB2 tags (PER, LOC, ORG,
    MISC). `lex` is the autolex table (default: the committed one)."""

    def __init__(self, first=None, second=_DEFAULT, lex=_DEFAULT):
        self.lex = autolex() if lex is _DEFAULT else lex
        clusters(), word_counts(), gazetteer(), segment("والرئيس")   # load the lexicons now
        self.models = [Model(first or _model_path("ner-first.crfsuite"))]
        if second is not None:
            self.models.append(Model(_model_path("ner.crfsuite") if second is _DEFAULT else second))
        self.vectors = vectors() if any(m.dense is not None for m in self.models) else None
        self._reset()

    def _reset(self) -> None:
        self.ids: dict[str, int] = {}
        self.keys: list[tuple[str, str]] = []      # (word, stem) per type id
        self.blocks = [np.zeros((1024, 5, len(m.labels))) for m in self.models]
        self.pairs: dict[tuple[int, int], int] = {}     # (type id, type id) -> row, 0: no weight
        self.pair_rows = [np.zeros((1024, 2, len(m.labels))) for m in self.models]
        self.pair_used = 1
        self.codes: dict[tuple, np.ndarray] = {}

    def _type_ids(self, texts: list[str]) -> np.ndarray:
        if len(self.ids) > _TYPE_LIMIT:
            self._reset()
        ids, new = self.ids, {}
        for t in texts:
            if t not in ids and t not in new:
                new[t] = len(ids) + len(new)
        if new:
            types = [word_features(t, self.lex) for t in new]
            ids.update(new)
            self.keys += [(t["w"], t["s"]) for t in types]
            self.blocks = [_append(b, m.blocks(types, self.vectors), len(ids) - len(new))
                           for b, m in zip(self.blocks, self.models)]
        return np.fromiter((ids[t] for t in texts), dtype=np.int64, count=len(texts))

    def _pair_ids(self, ids: np.ndarray, first_of_sentence: np.ndarray) -> np.ndarray:
        """Row per adjacent pair (token i-1, i) in `pair_rows`, 0 at sentence starts."""
        if len(self.pairs) > _PAIR_LIMIT:
            self.pairs.clear()
            self.pair_used = 1
        out = np.zeros(len(ids), dtype=np.int64)
        pairs, keys, tables = self.pairs, self.keys, [m.slots[0] for m in self.models]
        new: list[list[list[int]]] = []     # per new weighted pair: its 4 feature rows per model
        base = self.pair_used
        idl = ids.tolist()
        for i in np.flatnonzero(~first_of_sentence).tolist():
            key = (idl[i - 1], idl[i])
            r = pairs.get(key)
            if r is None:
                (wa, sa), (wb, sb) = keys[key[0]], keys[key[1]]
                minus, plus = conjunctions({"w": wa, "s": sa}, {"w": wb, "s": sb})
                rows = [[table.get(f, 0) for f in minus + plus] for table in tables]
                r = 0
                if any(map(any, rows)):    # most pairs were never seen in training
                    r = base + len(new)
                    new.append(rows)
                pairs[key] = r
            out[i] = r
        if new:
            for n, model in enumerate(self.models):
                w = model.matrix[[rows[n] for rows in new]]          # pairs x 4 x labels
                add = np.stack([w[:, 0] + w[:, 1], w[:, 2] + w[:, 3]], axis=1)
                self.pair_rows[n] = _append(self.pair_rows[n], add, base)
            self.pair_used += len(new)
        return out

    def _emissions(self, n: int, ids, pos, rest, pair) -> np.ndarray:
        model, x = self.models[n], self.blocks[n][ids]
        e = x[:, 0].copy()
        e[1:] += x[:-1, 1] * (pos[1:] >= 1)[:, None]      # "-1:" features of the word before
        e[:-1] += x[1:, 2] * (rest[:-1] >= 1)[:, None]
        e[2:] += x[:-2, 3] * (pos[2:] >= 2)[:, None]
        e[:-2] += x[2:, 4] * (rest[:-2] >= 2)[:, None]
        for name, at in (("BOS", pos == 0), ("BOS2", pos < 2), ("EOS", rest == 0), ("EOS2", rest < 2)):
            e[at] += model.row(name)
        p = self.pair_rows[n][pair]                          # tokens x (minus, plus) x labels
        e += p[:, 0]
        e[:-1] += p[1:, 1]
        return e

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        lengths = np.array([len(s) for s in sentences], dtype=np.int64)
        keep = lengths > 0
        if not keep.any():
            return [[] for _ in sentences]
        lens = lengths[keep]
        ids = self._type_ids([t for s in sentences for t in s])
        starts = np.repeat(np.cumsum(lens) - lens, lens)
        pos = np.arange(len(ids)) - starts
        rest = np.repeat(lens, lens) - 1 - pos
        pair = self._pair_ids(ids, pos == 0)
        labels = np.array(self.models[0].labels)
        tags = labels[self.models[0].viterbi(self._emissions(0, ids, pos, rest, pair), lens)]
        if len(self.models) > 1:
            tags = self._second(ids, pos, rest, pair, lens, tags)
        out, at = [], 0
        for n in lengths:
            out.append(tags[at:at + n].tolist())
            at += n
        return out

    def _second(self, ids, pos, rest, pair, lens, first_tags):
        model = self.models[1]
        bounds = np.cumsum(lens) - lens
        stems = [self.keys[i][1] for i in ids.tolist()]
        first = first_tags.tolist()
        codes = context_codes([stems[a:a + n] for a, n in zip(bounds, lens)],
                              [first[a:a + n] for a, n in zip(bounds, lens)])
        cache = self.codes
        extra = []
        for sent in codes:
            for c in sent:
                v = cache.get(c)
                if v is None:
                    v = cache[c] = sum(model.row(f) for f in context_strings(c))
                extra.append(v)
        e = self._emissions(1, ids, pos, rest, pair) + np.array(extra)
        return np.array(model.labels)[model.viterbi(e, lens)]


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
