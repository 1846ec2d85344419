"""Train the event/mention sentence classifier (hadath/events/classifier.py) on the Arabic event
GSR and write hadath/models/events.json.

    python scripts/train_event_model.py [../shared/data/gsr/gsr-dev.jsonl]

For each type the GSR labels (ASSAULT, PROTEST): sentences labelled "yes" are positives, "easy
no" and "difficult no" negatives, "ambiguous" left out. An L2 logistic regression
(scikit-learn, liblinear, C fixed below) over the classifier's features. The script first reports
5-fold cross-validated detection figures (each fold scored by a model that never saw it) and
picks the two thresholds from the out-of-fold scores, then fits on all sentences. Deterministic:
fixed folds and solver. Needs scikit-learn (`pip install -e ".[train]"`); inference does not.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hadath.events.classifier import features  # noqa: E402
from hadath.model import Document  # noqa: E402
from hadath.pipeline import Pipeline  # noqa: E402

C = 0.5
MIN_FEATURE_COUNT = 2
FOLDS = 5


def sentence_features(text: str, text_layer) -> list[str]:
    doc = text_layer(Document(text=text))
    return features(doc.tokens)


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def choose_thresholds(scores, y, hard):
    """`keep`: the threshold maximising F1 with the hard-negative false-positive rate under 0.2;
    `alone`: the lowest threshold with precision of at least 0.85."""
    best, keep = -1.0, 0.5
    for th in np.arange(0.05, 0.95, 0.01):
        pred = scores >= th
        tp, fp, fn = int((pred & y).sum()), int((pred & ~y).sum()), int((~pred & y).sum())
        fpr = (pred & hard).sum() / max(1, hard.sum())
        f = prf(tp, fp, fn)[2]
        if fpr < 0.2 and f > best:
            best, keep = f, float(th)
    alone = 0.99
    for th in np.arange(0.3, 0.99, 0.01):
        pred = scores >= th
        tp, fp = int((pred & y).sum()), int((pred & ~y).sum())
        if tp and tp / (tp + fp) >= 0.85:
            alone = float(th)
            break
    return round(keep, 2), round(alone, 2)


def main(path: str = str(ROOT.parent / "shared" / "data" / "gsr" / "gsr-dev.jsonl")) -> None:
    text_layer = Pipeline.default().until("tokens")
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    model = {"about": "sentence event classifier; see scripts/train_event_model.py",
             "trained_on": Path(path).name, "sha256_16": digest, "C": C, "types": {}}
    for etype in sorted({r["gsr"]["event_type"] for r in rows}):
        data = [r for r in rows if r["gsr"]["event_type"] == etype and r["gsr"]["label"] != "ambiguous"]
        feats = [sentence_features(r["text"], text_layer) for r in data]
        y = np.array([r["gsr"]["label"] == "yes" for r in data])
        hard = np.array([r["gsr"]["label"] == "difficult no" for r in data])
        counts: dict[str, int] = {}
        for f in feats:
            for x in set(f):
                counts[x] = counts.get(x, 0) + 1
        dicts = [{x: 1 for x in f if counts[x] >= MIN_FEATURE_COUNT} for f in feats]
        vec = DictVectorizer()
        X = vec.fit_transform(dicts)
        oof = np.zeros(len(y))
        for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=13).split(X, y):
            clf = LogisticRegression(C=C, solver="liblinear", class_weight="balanced")
            clf.fit(X[train], y[train])
            oof[test] = clf.predict_proba(X[test])[:, 1]
        keep, alone = choose_thresholds(oof, y, hard)
        pred = oof >= keep
        tp, fp, fn = int((pred & y).sum()), int((pred & ~y).sum()), int((~pred & y).sum())
        p, r, f = prf(tp, fp, fn)
        fpr = (pred & hard).sum() / max(1, hard.sum())
        print(f"{etype}: {len(y)} sentences, {int(y.sum())} positive; {FOLDS}-fold CV at keep={keep}: "
              f"P {p:.3f} R {r:.3f} F1 {f:.3f}, hard-negative FP rate {fpr:.3f}; alone={alone}")
        clf = LogisticRegression(C=C, solver="liblinear", class_weight="balanced").fit(X, y)
        weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0])
                   if abs(w) >= 0.01}
        model["types"][etype] = {"bias": round(float(clf.intercept_[0]), 4), "keep": keep,
                                 "alone": alone, "weights": weights,
                                 "cv": {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4),
                                        "hard_negative_fp_rate": round(float(fpr), 4)}}
    out = ROOT / "hadath" / "models" / "events.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main(*sys.argv[1:])
