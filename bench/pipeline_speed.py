"""Throughput of the whole pipeline (text to events) on one core.

    python bench/pipeline_speed.py [--limit N] [--skip STAGE ...]

Reads the news corpus (../shared/data/news), runs every stage on each article in this one
process, and prints articles/s, sentences/s, MB/s and the time each stage takes, plus peak
memory. Target: 50 articles/s per core. Rates are per CPU second of this process (one core), so
they hold on a shared machine; the wall-clock time is printed beside them.
"""
from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hadath.api import to_document  # noqa: E402
from hadath.pipeline import Pipeline  # noqa: E402

NEWS = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet.jsonl.gz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=3000, help="articles to run (0 = the whole corpus)")
    ap.add_argument("--skip", nargs="*", default=[], help="stages to leave out")
    args = ap.parse_args()
    t_load = time.perf_counter()
    nlp = Pipeline.default().without(*args.skip) if args.skip else Pipeline.default()
    nlp(to_document("بدأ الرئيس زيارة إلى موسكو أمس."))       # load every lexicon and model
    load = time.perf_counter() - t_load
    records = []
    with gzip.open(NEWS, "rt", encoding="utf-8") as fh:
        for line in fh:
            records.append(json.loads(line))
            if args.limit and len(records) >= args.limit:
                break
    per_stage = {name: 0.0 for name in nlp.names}
    n_docs = n_sent = n_events = n_bytes = 0
    start, wall = time.process_time(), time.perf_counter()
    for rec in records:
        doc = to_document(rec)
        if doc.error:
            continue
        for name, stage in nlp.stages:
            t = time.process_time()
            stage(doc)
            per_stage[name] += time.process_time() - t
        n_docs += 1
        n_sent += len(doc.sentences)
        n_events += len(doc.events)
        n_bytes += len(doc.text.encode("utf-8"))
    elapsed = time.process_time() - start
    wall = time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pipeline: {' → '.join(nlp.names)}")
    print(f"start-up (lexicons, knowledge base, models): {load:.2f} s")
    print(f"{n_docs} articles, {n_sent} sentences, {n_bytes / 1e6:.1f} MB, {n_events} events in {elapsed:.1f} CPU s "
          f"({wall:.1f} s wall clock)")
    for name, t in per_stage.items():
        print(f"  {name:10s} {1000 * t / max(n_docs, 1):6.2f} ms/article  ({100 * t / elapsed:4.1f}%)")
    print(f"peak memory {peak:.0f} MB")
    print(f"throughput: {n_docs / elapsed:.1f} articles/s, {n_sent / elapsed:.0f} sentences/s, "
          f"{n_bytes / 1e6 / elapsed:.2f} MB/s on one core")
    return 0


if __name__ == "__main__":
    sys.exit(main())
