"""Score hadath on the annotated dev articles, per article and overall.

    python eval/dev.py [GOLD.jsonl] [--out PRED.jsonl]

Runs the default pipeline over each gold article (text, published date), writes the
predictions, then scores them with the shared scorer (`../shared/eval/score.py docs`): events,
dyads, quotes, figures, for each article and for the whole set.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

import hadath  # noqa: E402


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", default=str(SHARED / "data" / "dev" / "gold.jsonl"))
    ap.add_argument("--out", help="where to write the predictions (JSON Lines)")
    args = ap.parse_args()
    score = load_scorer()
    gold = score.read_jsonl(args.gold)
    preds = [d.to_dict(tokens=False) for d in hadath.analyze_many(gold)]
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp()) / "pred.jsonl"
    out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    keys = ("events", "dyads", "quotes", "figures")
    print(f"{'article':34s} " + " ".join(f"{k:>15s}" for k in keys))
    with tempfile.TemporaryDirectory() as tmp:
        for g, p in zip(gold, preds):
            gp, pp = Path(tmp) / "g.jsonl", Path(tmp) / "p.jsonl"
            gp.write_text(json.dumps(g, ensure_ascii=False) + "\n", encoding="utf-8")
            pp.write_text(json.dumps(p, ensure_ascii=False) + "\n", encoding="utf-8")
            r = score.score_docs(str(gp), str(pp))
            cells = [f"{r[k]['f1']:.2f} ({r[k]['tp']}/{r[k]['pred']}/{r[k]['gold']})" if k in r else "-" for k in keys]
            print(f"{g['id']:34s} " + " ".join(f"{c:>15s}" for c in cells))
    r = score.score_docs(args.gold, str(out))
    print("\noverall (F1, tp/pred/gold):")
    for k in keys + ("event_date", "event_sector"):
        if k in r:
            print(f"  {k:13s} {r[k]}")
    print("  by type:")
    for t, v in r["by_type"].items():
        print(f"    {t:10s} {v}")
    print(f"headline events F1 {r['events']['f1']:.4f}  quotes F1 {r['quotes']['f1']:.4f}  "
          f"figures F1 {r['figures']['f1']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
