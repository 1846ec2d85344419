"""Cross-validated ASSAULT and PROTEST detection on the Arabic event GSR: the honest figures.

    python eval/gsr_cv.py [GSR.jsonl] [--folds 5] [--skip STAGE] [--out PRED.jsonl]

`eval/gsr.py` runs the committed event model, which was trained on all of gsr-dev, so its
figures on gsr-dev are optimistic. Here, for each of 5 stratified folds (fixed seed), the
training code (`scripts/train_event_model.py`, `train()`: features, logistic regression, and
thresholds from an inner cross-validation) sees only the other 4 folds; the full hadath
pipeline then codes the held-out fold with that fold's model (`classifier.use_model`). The
union of held-out predictions is scored by the shared scorer (`../shared/eval/score.py gsr`):
detection P/R/F1 per type, hard-negative false-positive rate and roles accuracy.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

import hadath  # noqa: E402
from hadath.events import classifier  # noqa: E402
from hadath.pipeline import Pipeline  # noqa: E402

SEED = 7


def load_training():
    spec = importlib.util.spec_from_file_location("train_event_model", ROOT / "scripts" / "train_event_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", default=str(SHARED / "data" / "gsr" / "gsr-dev.jsonl"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--skip", action="append", default=[], help="run the pipeline without this stage")
    ap.add_argument("--out", help="where to write the held-out predictions (JSON Lines)")
    args = ap.parse_args(argv)
    tm = load_training()
    pipeline = Pipeline.default()
    if args.skip:
        pipeline = pipeline.without(*args.skip)
    rows = tm.load_rows(args.gold)
    feats = tm.sentence_features(rows)
    rules = tm.rule_hits(rows, pipeline)
    strata = np.array([f"{r['gsr']['event_type']}/{r['gsr']['label']}" for r in rows])
    preds: dict[int, dict] = {}
    splits = StratifiedKFold(args.folds, shuffle=True, random_state=SEED).split(np.zeros(len(rows)), strata)
    for k, (train, test) in enumerate(splits, 1):
        model = tm.train([rows[i] for i in train], [feats[i] for i in train], [rules[i] for i in train])
        th = ", ".join(f"{t} keep {m['keep']} alone {m['alone']}" for t, m in model["types"].items())
        print(f"fold {k}: trained on {len(train)}, coding {len(test)} held out ({th})", file=sys.stderr)
        records = [{"id": rows[i]["id"], "text": rows[i]["text"]} for i in test]
        with classifier.use_model(model):
            for i, doc in zip(test, hadath.analyze_many(records, pipeline=pipeline)):
                preds[int(i)] = doc.to_dict(tokens=False)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.out) if args.out else Path(tmp) / "pred.jsonl"
        with open(out, "w", encoding="utf-8") as fh:
            for i in sorted(preds):
                fh.write(json.dumps(preds[i], ensure_ascii=False) + "\n")
        print(f"{args.folds}-fold cross-validated (each sentence coded by a model that never saw it):")
        sys.stdout.flush()
        return subprocess.call([sys.executable, str(SHARED / "eval" / "score.py"), "gsr", args.gold, str(out)])


if __name__ == "__main__":
    sys.exit(main())
