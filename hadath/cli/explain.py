"""`hadath explain`: why each event was (or was not) coded, sentence by sentence."""
from __future__ import annotations

import sys

from ..api import analyze_many
from ..sources import read_path

HELP = "show, for each sentence, the actors found and which lexicon entry and rule made each event"


def register(sub) -> None:
    p = sub.add_parser("explain", help=HELP, description=HELP + ".")
    p.add_argument("input", help="a file (.txt/.json/.jsonl), - for stdin, or the text itself with --text")
    p.add_argument("--text", action="store_true", help="INPUT is the Arabic text itself")
    p.add_argument("--published", help="publication date (YYYY-MM-DD)")
    p.add_argument("--sentence", type=int, action="append", help="only this sentence index (repeatable)")
    p.set_defaults(run=run)


def run(args) -> int:
    if args.text:
        items = [{"id": "text", "text": args.input}]
    else:
        items = read_path(args.input)
    out = sys.stdout
    for doc in analyze_many(items, published=args.published):
        if doc.error:
            print(f"{doc.id}: {doc.error['code']}: {doc.error['message']}", file=sys.stderr)
            continue
        out.write(f"# {doc.id} (published {doc.published})\n")
        decisions = doc.extra.get("event_decisions", [])
        for s in doc.sentences:
            if args.sentence and s.index not in args.sentence:
                continue
            out.write(f"\n[{s.index}] {s.text}\n")
            for m in (m for m in doc.mentions if m.sentence == s.index):
                out.write(f"   actor   «{m.text}»  {m.kind}  {m.country or '-'} {m.sector or '-'}\n")
            for d in (d for d in decisions if d["sentence"] == s.index):
                out.write(f"   trigger «{d['matched']}» = {d['trigger']} ({d['pos']}) -> {d['type']}"
                          f"/{d['mode'] or '-'}: {d['outcome']}; source «{d['source'] or '-'}» "
                          f"[{d['source_rule'] or '-'}], targets {d['targets']}\n")
            for e in (e for e in doc.events if e.sentence == s.index):
                t = e.trace
                out.write(f"   EVENT   {e.id} {e.type}/{e.mode or '-'} cameo {e.cameo}: "
                          f"{e.source.name} ({e.source.country} {e.source.sector}) -> "
                          f"{e.target.name} ({e.target.country} {e.target.sector}); date {e.date} "
                          f"aux {e.aux} negated {e.negated} conf {e.confidence:.2f}\n"
                          f"           rule: source {t.get('source_rule')}; target {t.get('target_rule')};"
                          f" status {t.get('status') or '-'}"
                          f"{'; ' + t['derived'] if t.get('derived') else ''}"
                          f"{'; model ' + format(t['model'], '.2f') if 'model' in t else ''}"
                          f"{'; merged ' + str(len(e.also)) + ' more evidence' if e.also else ''}\n")
    return 0
