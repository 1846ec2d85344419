"""CRF named-entity tagging in numpy: trained crfsuite models, scored a document at a time.

A CRF's emission score is a sum of feature weights, and most features belong to one word type
(see `features`), so each model keeps, per word type, a 5 x labels block: the type's score at
its own position and what it adds to the words at distance 1 and 2 on each side. Tagging a
document is then one gather over its token ids, four shifted adds masked at sentence edges,
the word-pair scores (cached per pair), the second-pass context scores (counted in numpy) and
a Viterbi pass over all sentences at once.

Two passes: the first model sees the sentence alone; the second also sees how the other
occurrences of each stem were tagged by the first within WINDOW sentences: a name found once
after a title («الرئيس شيراك») is then found where it stands alone.
"""
from __future__ import annotations

from importlib.resources import files

import numpy as np
import pycrfsuite

from ..text.segment import segment
from .features import WINDOW, conjunctions, word_features
from .lexicon import autolex, clusters, gazetteer, word_counts

# Feature-name prefix -> slot in a type's block: own, then the neighbour at -1, +1, -2, +2.
_SLOTS = {"-1:": 1, "+1:": 2, "-2:": 3, "+2:": 4}
_TYPE_LIMIT = 100_000    # word types kept (about 1 KB each with both models): then start afresh
_PAIR_LIMIT = 200_000    # word pairs kept (about 0.2 KB each)
_DEFAULT = object()
CONTEXT_LABELS = ("LOC", "MISC", "O", "ORG", "PER")   # sorted: a tie goes to the first, as in
                                                      # features.context_codes


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
        state = info.state_features
        self.slots: list[dict[str, int]] = [{} for _ in range(5)]
        rows = 1                        # row 0: features the model does not know
        for attr, _ in state:
            slot = _SLOTS.get(attr[:3], 0)
            name = attr[3:] if slot else attr
            if name not in self.slots[slot]:
                self.slots[slot][name] = rows
                rows += 1
        self.matrix = np.zeros((rows, k))
        for (attr, lab), w in state.items():
            slot = _SLOTS.get(attr[:3], 0)
            self.matrix[self.slots[slot][attr[3:] if slot else attr], idx[lab]] = w

    def row(self, attr: str) -> np.ndarray:
        """The weights of an unprefixed feature (zeros when the model does not know it)."""
        return self.matrix[self.slots[0].get(attr, 0)]

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
        grown = np.zeros((max(need, 2 * len(array)),) + array.shape[1:], dtype=array.dtype)
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
        if len(self.models) > 1:
            self._context_rows(self.models[1], self.models[0].labels)
        self._feature_rows()
        self._reset()

    def _feature_rows(self) -> None:
        """One table for every model and slot: feature -> its row in each model's matrix per
        slot (0: no weight), so a word's features are looked up once. Also the word pairs
        that have any weight, so the others cost no string building."""
        names = sorted(set().union(*(slot for m in self.models for slot in m.slots)))
        self.feature_index = {f: i for i, f in enumerate(names, 1)}
        self.feature_rows = np.zeros((len(names) + 1, len(self.models), 5), dtype=np.int64)
        for n, m in enumerate(self.models):
            for g, slot in enumerate(m.slots):
                for f, r in slot.items():
                    self.feature_rows[self.feature_index[f], n, g] = r
        self.weighted_pairs: set[tuple[str, str]] = set()
        for m in self.models:
            for f in m.slots[0]:
                if f.startswith(("ww-=", "ww+=", "ss-=", "ss+=")):
                    self.weighted_pairs.add(tuple(f[4:].split("|", 1)))

    def _blocks(self, types: list[dict]) -> list[np.ndarray]:
        """Score blocks (types x 5 x labels) of new word types, one array per model. A word's
        own feature list holds every feature its neighbours see, and a model has weights
        for a neighbour slot only where training put the feature there."""
        get, idx, starts = self.feature_index.get, [], []
        for t in types:
            starts.append(len(idx))
            idx.append(0)               # every type gets the zero row: no empty groups
            idx += [i for i in map(get, t[0]) if i]
        rows = self.feature_rows[idx]                          # features x models x slots
        out = []
        for n, m in enumerate(self.models):
            out.append(np.stack([np.add.reduceat(m.matrix[rows[:, n, g]], starts) for g in range(5)], axis=1))
        return out

    def _context_rows(self, model: Model, first_labels: list[str]) -> None:
        """The second model's weights for the context features (`features.context_strings`)."""
        self.first_label = np.array([CONTEXT_LABELS.index(t[2:] or "O") for t in first_labels])
        self.ctx_tag = np.stack([model.row("p1=" + t) for t in first_labels])
        self.ctx_alone = model.row("d0")
        self.ctx_most = np.stack([model.row("dm=" + lab) for lab in CONTEXT_LABELS])
        self.ctx_seen = np.stack([model.row("d=" + lab) if lab != "O" else model.matrix[0] for lab in CONTEXT_LABELS])

    def _reset(self) -> None:
        self.ids: dict[str, int] = {}
        self.keys: list[tuple[str, str]] = []      # (word, stem) per type id
        self.stems: dict[str, int] = {}
        self.stem_of = np.zeros(1024, dtype=np.int64)   # stem id per type id
        self.blocks = [np.zeros((1024, 5, len(m.labels))) for m in self.models]
        self.pairs: dict[tuple[int, int], int] = {}     # (type id, type id) -> row, 0: no weight
        self.pair_rows = [np.zeros((1024, 2, len(m.labels))) for m in self.models]
        self.pair_used = 1

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
            stems = [self.stems.setdefault(t["s"], len(self.stems)) for t in types]
            self.stem_of = _append(self.stem_of, np.array(stems, dtype=np.int64), len(ids) - len(new))
            self.blocks = [_append(b, nb, len(ids) - len(new)) for b, nb in zip(self.blocks, self._blocks(types))]
        return np.fromiter((ids[t] for t in texts), dtype=np.int64, count=len(texts))

    def _pair_ids(self, ids: np.ndarray, first_of_sentence: np.ndarray) -> np.ndarray:
        """Row per adjacent pair (token i-1, i) in `pair_rows`, 0 at sentence starts."""
        if len(self.pairs) > _PAIR_LIMIT:
            self.pairs.clear()
            self.pair_used = 1
        out = np.zeros(len(ids), dtype=np.int64)
        pairs, keys, weighted = self.pairs, self.keys, self.weighted_pairs
        tables = [m.slots[0] for m in self.models]
        new: list[list[list[int]]] = []     # per new weighted pair: its 4 feature rows per model
        base = self.pair_used
        idl = ids.tolist()
        for i in np.flatnonzero(~first_of_sentence).tolist():
            key = (idl[i - 1], idl[i])
            r = pairs.get(key)
            if r is None:
                (wa, sa), (wb, sb) = keys[key[0]], keys[key[1]]
                r = 0
                if (wa, wb) in weighted or (sa, sb) in weighted:   # most pairs never were in training
                    minus, plus = conjunctions({"w": wa, "s": sa}, {"w": wb, "s": sb})
                    r = base + len(new)
                    new.append([[table.get(f, 0) for f in minus + plus] for table in tables])
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
        first = self.models[0].viterbi(self._emissions(0, ids, pos, rest, pair), lens)
        model = self.models[-1]
        if len(self.models) > 1:
            sent = np.repeat(np.arange(len(lens)), lens)
            e = self._emissions(1, ids, pos, rest, pair) + self.context_scores(self.stem_of[ids], sent, first)
            first = model.viterbi(e, lens)
        tags = np.array(model.labels)[first]
        out, at = [], 0
        for n in lengths:
            out.append(tags[at:at + n].tolist())
            at += n
        return out

    def context_scores(self, stems: np.ndarray, sent: np.ndarray, first: np.ndarray,
                       window: int = WINDOW) -> np.ndarray:
        """Second-pass context scores, the numpy form of `features.context_codes`: for each
        token, how often its stem got each label from the first pass (indices `first`) in
        the sentences within `window` of its own, counted by binary search over the sorted
        (stem, label, sentence) keys."""
        lab = self.first_label[first]
        span = int(sent.max()) + 1
        keys = np.sort((stems * 5 + lab) * span + sent)
        lo, hi = np.maximum(sent - window, 0), np.minimum(sent + window, span - 1)
        counts = np.empty((len(stems), 5), dtype=np.int64)
        for k in range(5):
            base = (stems * 5 + k) * span
            counts[:, k] = np.searchsorted(keys, base + hi, "right") - np.searchsorted(keys, base + lo, "left")
        alone = counts.sum(axis=1) == 1
        counts[np.arange(len(lab)), lab] -= 1              # the others, not the token itself
        out = self.ctx_tag[first] + self.ctx_most[counts.argmax(axis=1)] + (counts > 0) @ self.ctx_seen
        out[alone] = self.ctx_tag[first[alone]] + self.ctx_alone
        return out


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
