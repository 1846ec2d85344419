"""Throughput of hadath's text layer beside spaCy's blank Arabic tokenizer + sentencizer.

    python bench/text_speed.py [--limit N] [--only hadath|spacy] [NEWS.jsonl.gz]

The text layer is `Pipeline.default().until("tokens")`: normalisation, sentences, tokens with
clitic segmentation. spaCy runs `spacy.blank("ar")` with the `sentencizer` (install it with
`pip install -e ".[bench]"`; without it the bench runs hadath alone). Each system runs in its own
child process on one core over the same articles (the whole SaudiNewsNet corpus by default):
documents/s and MB/s (UTF-8 bytes of article text) from the process's CPU time, with wall time
beside it, and peak memory (the child's maximum resident set size, and how much of it the run
added on top of the loaded articles).
"""
from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

DEFAULT_NEWS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news" / "saudinewsnet.jsonl.gz"


def load_texts(path: Path, limit: int | None) -> list[str]:
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if limit and len(texts) >= limit:
                break
    return texts


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # kB on Linux


def _run_hadath(texts: list[str]) -> dict:
    from hadath.model import Document
    from hadath.pipeline import Pipeline

    t0 = time.perf_counter()
    try:
        nlp = Pipeline.default().until("tokens")
    except Exception:   # a later stage that does not load: the text layer is the same two stages
        from hadath.text.sentences import split_sentences
        from hadath.text.tokens import tokenize
        nlp = Pipeline([("sentences", split_sentences), ("tokens", tokenize)])
    nlp(Document(text="تحميل المعجم"))   # load the lexicon before timing
    load = time.perf_counter() - t0
    base = _rss_mb()
    sentences = tokens = 0
    cpu, wall = time.process_time(), time.perf_counter()
    for text in texts:
        doc = nlp(Document(text=text))
        sentences += len(doc.sentences)
        tokens += len(doc.tokens)
    return {"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall, "load": load,
            "sentences": sentences, "tokens": tokens, "rss_base": base, "rss_peak": _rss_mb()}


def _run_spacy(texts: list[str]) -> dict:
    import spacy

    t0 = time.perf_counter()
    nlp = spacy.blank("ar")
    nlp.add_pipe("sentencizer")
    nlp("تحميل")
    load = time.perf_counter() - t0
    base = _rss_mb()
    sentences = tokens = 0
    cpu, wall = time.process_time(), time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=256):
        sentences += sum(1 for _ in doc.sents)
        tokens += len(doc)
    return {"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall, "load": load,
            "sentences": sentences, "tokens": tokens, "rss_base": base, "rss_peak": _rss_mb()}


def _child(name: str, path: str, limit: int | None, queue) -> None:
    try:
        texts = load_texts(Path(path), limit)
        run = _run_hadath if name == "hadath" else _run_spacy
        queue.put((name, run(texts)))
    except Exception as exc:   # report, never hang the parent
        queue.put((name, {"error": f"{type(exc).__name__}: {exc}"}))


def measure(name: str, path: Path, limit: int | None) -> dict:
    ctx = mp.get_context("spawn")   # a fresh process: its peak memory is this run's alone
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(name, str(path), limit, queue))
    proc.start()
    _, result = queue.get()
    proc.join()
    return result


def spacy_available() -> bool:
    try:
        import spacy  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("news", nargs="?", default=str(DEFAULT_NEWS), help="a .jsonl.gz of articles with 'text'")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--only", choices=["hadath", "spacy"], help="run one system")
    args = ap.parse_args(argv)
    path = Path(args.news)
    if not path.exists():
        print(f"no corpus at {path}", file=sys.stderr)
        return 2
    texts = load_texts(path, args.limit)
    n_docs = len(texts)
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    del texts
    systems = [args.only] if args.only else ["hadath", "spacy"]
    if "spacy" in systems and not spacy_available():
        print("spaCy is not installed (pip install -e '.[bench]'): running hadath alone")
        systems = [s for s in systems if s != "spacy"]
    print(f"{n_docs:,} articles, {n_bytes / 1e6:.1f} MB of UTF-8 text ({path.name}); one process per "
          "system, one core; rates from CPU time (wall time beside it)\n")
    head = (f"{'system':<34}{'docs/s':>9}{'MB/s':>7}{'wall docs/s':>13}{'tokens':>12}{'sentences':>11}"
            f"{'peak MB':>9}{'run +MB':>9}{'load s':>8}")
    print(head)
    print("-" * len(head))
    results = {}
    for name in systems:
        r = measure(name, path, args.limit)
        if "error" in r:
            print(f"{name}: failed: {r['error']}")
            continue
        results[name] = r
        label = ("hadath until tokens" if name == "hadath" else "spaCy blank('ar') + sentencizer")
        print(f"{label:<34}{n_docs / r['cpu']:>9.0f}{n_bytes / 1e6 / r['cpu']:>7.2f}"
              f"{n_docs / r['wall']:>13.0f}{r['tokens']:>12,}{r['sentences']:>11,}"
              f"{r['rss_peak']:>9.0f}{r['rss_peak'] - r['rss_base']:>9.0f}{r['load']:>8.2f}")
    if "hadath" in results:
        h = results["hadath"]
        line = (f"\nRESULT hadath {n_docs / h['cpu']:.0f} docs/s {n_bytes / 1e6 / h['cpu']:.2f} MB/s "
                f"peak {h['rss_peak']:.0f} MB")
        if "spacy" in results:
            s = results["spacy"]
            line += (f"; spaCy {n_docs / s['cpu']:.0f} docs/s {n_bytes / 1e6 / s['cpu']:.2f} MB/s "
                     f"peak {s['rss_peak']:.0f} MB; hadath/spaCy speed {s['cpu'] / h['cpu']:.2f}x")
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
