"""Score ASSAULT and PROTEST detection on the Arabic event GSR (dev half).

    python eval/gsr.py [GSR.jsonl]

Each line of the GSR file is one sentence; hadath codes it as a document and the shared scorer
(`../shared/eval/score.py gsr`) reports detection P/R/F1 per type, the false-positive rate on
hard negatives ("difficult no") and the share of detected positives with the right dyad.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

import hadath  # noqa: E402


def main() -> int:
    gold = sys.argv[1] if len(sys.argv) > 1 else str(SHARED / "data" / "gsr" / "gsr-dev.jsonl")
    with open(gold, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        with open(pred, "w", encoding="utf-8") as out:
            for doc in hadath.analyze_many(records):
                out.write(json.dumps(doc.to_dict(tokens=False), ensure_ascii=False) + "\n")
        return subprocess.call([sys.executable, str(SHARED / "eval" / "score.py"), "gsr", gold, str(pred)])


if __name__ == "__main__":
    sys.exit(main())
