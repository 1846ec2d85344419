"""Build distributional word clusters for the NER tagger: hadath/data/ner/clusters.tsv.

Why: ANERcorp has 125k training tokens, so most names at test time were never seen in training.
Words that occur in the same contexts in a large news corpus (cities after «في مدينة», surnames
after first names, agencies before «للأنباء») fall into the same cluster, and the tagger learns
the cluster instead of the word.

How: every word among the most frequent VOCAB (normalised with `normalize_text`) gets a vector
of positive PMI counts with the CONTEXT most frequent words at each relative position -2, -1,
+1, +2 (position-aware, so clusters are syntactic as well as topical); a truncated SVD reduces it
to DIM dimensions; spherical k-means groups the vectors at three granularities (64, 256, 1024).
Everything is seeded: the same corpus gives the same file.

Run from the project root (a few minutes on 2 cores):
    .venv/bin/python scripts/build_word_clusters.py [../shared/data/news/saudinewsnet.jsonl.gz]
"""
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hadath.text.normalize import normalize_text  # noqa: E402
from hadath.text.tokens import TOKEN_RE  # noqa: E402

VOCAB = 100_000
CONTEXT = 10_000
OFFSETS = (-2, -1, 1, 2)
DIM = 160
KS = (64, 256, 1024)
ITERATIONS = 30
SEED = 13
OUT = Path("hadath/data/ner/clusters.tsv")


def read_corpus(path: Path) -> list[list[str]]:
    """Articles as lists of normalised tokens (numbers collapsed to one form)."""
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = normalize_text((rec.get("title") or "") + "\n" + rec["text"])
            docs.append(["0" if t[0].isdigit() else t for t in TOKEN_RE.findall(text)])
    return docs


def cooccurrence(docs, vocab: dict, context: dict) -> sparse.csr_matrix:
    rows, cols = [], []
    nctx = len(context)
    for doc in docs:
        w = np.array([vocab.get(t, -1) for t in doc], dtype=np.int64)
        c = np.array([context.get(t, -1) for t in doc], dtype=np.int64)
        for k, off in enumerate(OFFSETS):
            if off < 0:
                a, b = w[-off:], c[:off]
            else:
                a, b = w[:-off], c[off:]
            keep = (a >= 0) & (b >= 0)
            rows.append(a[keep])
            cols.append(b[keep] + k * nctx)
    r, c = np.concatenate(rows), np.concatenate(cols)
    m = sparse.coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)),
                          shape=(len(vocab), nctx * len(OFFSETS)))
    return m.tocsr()


def ppmi(m: sparse.csr_matrix) -> sparse.csr_matrix:
    """Positive PMI with context-distribution smoothing (alpha 0.75, Levy et al. 2015)."""
    total = m.sum()
    row = np.asarray(m.sum(axis=1)).ravel()
    col = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col = col / col.sum()
    m = m.tocoo()
    pmi = np.log(m.data * 1.0 / total) - np.log(row[m.row] / total) - np.log(col[m.col] + 1e-30)
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)


def randomized_svd(m, k: int, rng, oversample: int = 20, power: int = 4):
    """Top-k left singular vectors and values (Halko et al. 2011): seeded, so reproducible."""
    q = m @ rng.standard_normal((m.shape[1], k + oversample))
    for _ in range(power):
        q, _ = np.linalg.qr(q)
        q, _ = np.linalg.qr(m @ (m.T @ q))
    q, _ = np.linalg.qr(q)
    b = (m.T @ q).T
    ub, s, _ = np.linalg.svd(b, full_matrices=False)
    return (q @ ub)[:, :k], s[:k]


def kmeans(x: np.ndarray, k: int, rng: np.random.RandomState) -> np.ndarray:
    """Spherical k-means (rows of x are unit vectors); seeded from the frequent words."""
    centers = x[rng.choice(min(len(x), 20 * k), k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for it in range(ITERATIONS):
        labels = np.empty(len(x), dtype=np.int64)
        for s in range(0, len(x), 20_000):
            labels[s:s + 20_000] = np.argmax(x[s:s + 20_000] @ centers.T, axis=1)
        sums = np.zeros_like(centers)
        np.add.at(sums, labels, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        centers = np.where(empty[:, None], centers, sums / np.maximum(norms, 1e-12))
    return labels


def main(corpus: str = "../shared/data/news/saudinewsnet.jsonl.gz") -> None:
    t0 = time.time()
    docs = read_corpus(Path(corpus))
    counts = Counter(t for d in docs for t in d)
    words = [w for w, _ in counts.most_common() if w[0].isalpha()][:VOCAB]
    vocab = {w: i for i, w in enumerate(words)}
    context = {w: i for i, (w, _) in enumerate(counts.most_common(CONTEXT))}
    print(f"{sum(counts.values()):,} tokens, {len(counts):,} types, vocab {len(vocab):,} "
          f"({time.time() - t0:.0f}s)", flush=True)
    m = ppmi(cooccurrence(docs, vocab, context))
    print(f"PPMI matrix {m.shape}, {m.nnz:,} non-zeros ({time.time() - t0:.0f}s)", flush=True)
    u, s = randomized_svd(m, DIM, np.random.RandomState(SEED))
    x = u * np.sqrt(s)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    print(f"SVD {x.shape} ({time.time() - t0:.0f}s)", flush=True)
    rng = np.random.RandomState(SEED)
    labels = [kmeans(x, k, rng) for k in KS]
    print(f"k-means {KS} ({time.time() - t0:.0f}s)", flush=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("# word\t" + "\t".join(f"k{k}" for k in KS) +
                 f"\t(SaudiNewsNet PPMI+SVD{DIM}, spherical k-means; scripts/build_word_clusters.py)\n")
        for i, w in enumerate(words):
            fh.write(w + "\t" + "\t".join(str(int(lab[i])) for lab in labels) + "\n")
    print(f"wrote {OUT} ({len(words):,} words, {OUT.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main(*sys.argv[1:])
