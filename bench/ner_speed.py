"""NER speed on one core: model load time, tagging over ANERcorp test (pre-tokenised, both
passes), and the `tokens` + `entities` stages over news articles.

    .venv/bin/python bench/ner_speed.py [--articles 500]

Targets: >= 50,000 tokens/s, load < 2 s. Times are CPU time of this process (one core), so
the figures hold on a shared machine. Tagging runs twice over the test set: cold (word-type
caches empty, what a fresh process sees) and warm.
"""
from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def read_conll(path: Path) -> list[list[str]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.split():
            cur.append(line.split()[0])
        elif cur:
            sents.append(cur)
            cur = []
    return sents + ([cur] if cur else [])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=500)
    args = ap.parse_args()

    t0 = time.process_time()
    from hadath.entities import find_entities, tagger
    tg = tagger()
    load = time.process_time() - t0
    print(f"model load (import, 2 models, lexicons): {load:.2f} s")
    from hadath.entities import _gpe_names
    t0 = time.process_time()
    _gpe_names()
    print(f"country/city names for GPE (actor KB, loaded once for the pipeline): "
          f"{time.process_time() - t0:.2f} s")

    sents = read_conll(DATA / "nlp" / "anercorp" / "test.conll")
    n = sum(map(len, sents))
    for run in ("cold", "warm"):
        t0 = time.process_time()
        tg.tag_sentences(sents)
        dt = time.process_time() - t0
        print(f"ANERcorp test, {run}: {n:,} tokens in {dt:.2f} s = {n / dt:,.0f} tokens/s")

    from hadath.model import Document
    from hadath.text.sentences import split_sentences
    from hadath.text.tokens import tokenize
    docs = []
    with gzip.open(DATA / "news" / "saudinewsnet.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            docs.append(Document(text=rec["text"], id=rec["id"]))
            if len(docs) >= args.articles:
                break
    for d in docs:
        split_sentences(d)
    t0 = time.process_time()
    for d in docs:
        tokenize(d)
    t_tok = time.process_time() - t0
    t0 = time.process_time()
    for d in docs:
        find_entities(d)
    t_ent = time.process_time() - t0
    n = sum(len(d.tokens) for d in docs)
    ents = sum(len(d.entities) for d in docs)
    print(f"{len(docs)} news articles, {n:,} tokens, {ents:,} entities: tokens stage "
          f"{n / t_tok:,.0f} tokens/s, entities stage {n / t_ent:,.0f} tokens/s, "
          f"both {n / (t_tok + t_ent):,.0f} tokens/s")


if __name__ == "__main__":
    main()
