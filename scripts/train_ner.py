"""Train the NER tagger: hadath/models/ner-first.crfsuite, hadath/models/ner.crfsuite and
hadath/models/ner.json.

    .venv/bin/python scripts/train_ner.py                 # train with the fixed settings
    .venv/bin/python scripts/train_ner.py --autolex       # also rebuild data/ner/autolex.tsv
    .venv/bin/python scripts/train_ner.py --holdout       # train on 3/4 of TRAIN, score the rest
    .venv/bin/python scripts/train_ner.py --eval TEST     # also report entity F1 on TEST

Reads ANERcorp train (../shared/data/nlp/anercorp/train.conll) and, at training time only, the
ANERGazet gazetteers (compiled into hadath/data/ner/gazetteer.tsv) and the news corpus (tagged
by a bootstrap model into hadath/data/ner/autolex.tsv, when that file is missing or with
--autolex). Word clusters (hadath/data/ner/clusters.tsv) come from
scripts/build_word_clusters.py. Settings are fixed in hadath/entities/train.py: same data, same
models. Model selection (c1/c2, features) used --holdout, never the test split.
"""
import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hadath.entities import crf, features, lexicon  # noqa: E402
from hadath.entities import train as T  # noqa: E402

SHARED = Path("../shared/data")
MODELS = T.ROOT / "models"
AUTOLEX = T.ROOT / "data" / "ner" / "autolex.tsv"


def report(tagger, sents, title) -> None:
    print(title)
    for label, v in T.evaluate(tagger, sents).items():
        print(f"  {label:8s} P {v['p']:.4f} R {v['r']:.4f} F1 {v['f1']:.4f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", default=str(SHARED / "nlp" / "anercorp" / "train.conll"))
    ap.add_argument("--gazetteers", default=str(SHARED / "nlp" / "anergazet"))
    ap.add_argument("--news", default=str(SHARED / "news" / "saudinewsnet.jsonl.gz"))
    ap.add_argument("--autolex", action="store_true", help="rebuild data/ner/autolex.tsv from the news corpus")
    ap.add_argument("--holdout", action="store_true",
                    help="train on the first 3/4 of TRAIN (autolex rebuilt from that part) and score the rest")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--eval", metavar="CONLL", help="report entity F1 on this file after training")
    args = ap.parse_args()

    T.compile_gazetteer(Path(args.gazetteers), T.ROOT / "data" / "ner" / "gazetteer.tsv")
    sents = T.read_conll(args.train)
    print(f"training data {args.train}: {len(sents)} sentences, {sum(len(s[0]) for s in sents)} tokens, "
          f"sha256 {T.file_hash(args.train)[:16]}")
    print("settings", json.dumps({**T.SETTINGS, "features_version": features.FEATURES_VERSION,
                                  "window": features.WINDOW}))
    if args.holdout:
        n = len(sents) * 3 // 4
        with tempfile.TemporaryDirectory() as d:
            lex = T.build(sents[:n], Path(d), args.news, jobs=args.jobs)
            report(crf.Tagger(Path(d) / "ner-first.crfsuite", Path(d) / "ner.crfsuite", lex),
                   sents[n:], f"held-out last quarter of TRAIN ({len(sents) - n} sentences)")
        return
    lex = None if args.autolex or not AUTOLEX.is_file() else lexicon.autolex()
    with tempfile.TemporaryDirectory() as d:
        lex2 = T.build(sents, Path(d), args.news, lex=lex, jobs=args.jobs)
        if lex is None:
            T.write_autolex(lex2, AUTOLEX)
            lexicon.autolex.cache_clear()
        for name in ("ner-first.crfsuite", "ner.crfsuite"):
            shutil.copyfile(Path(d) / name, MODELS / name)
    T.write_settings(MODELS / "ner.json", args.train, T.SETTINGS,
                     {"window": features.WINDOW, "jackknife_folds": 3, "training_sentences": len(sents),
                      "models": ["ner-first.crfsuite", "ner.crfsuite"]})
    sizes = ", ".join(f"{n} {(MODELS / n).stat().st_size / 1e6:.1f} MB" for n in ("ner-first.crfsuite", "ner.crfsuite"))
    print(f"wrote {MODELS}: {sizes}; ner.json")
    if args.eval:
        report(crf.Tagger(), T.read_conll(args.eval), f"evaluation on {args.eval}")


if __name__ == "__main__":
    main()
