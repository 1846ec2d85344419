"""`hadath ner`: tag named entities in pre-tokenised CoNLL text (for scoring against ANERcorp)."""
from __future__ import annotations

import sys

HELP = "tag pre-tokenised CoNLL text with the NER model (token TAG lines, IOB2)"


def register(sub) -> None:
    p = sub.add_parser("ner", help=HELP, description=HELP + """.
Input: one token a line in the first column (other columns are ignored), a blank line between
sentences. Output: the same tokens and sentence breaks as `token TAG`, with the labels the
model was trained on (PER, LOC, ORG, MISC: no GPE here), ready for
`score.py conll GOLD OUT`.""")
    p.add_argument("--conll", required=True, metavar="IN", help="CoNLL input file (- for stdin)")
    p.add_argument("output", nargs="?", default="-", metavar="OUT", help="output file (default stdout)")
    p.set_defaults(run=run)


def read_conll(fh) -> list[list[str]]:
    sents, cur = [], []
    for line in fh:
        parts = line.split()
        if parts:
            cur.append(parts[0])
        elif cur:
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    return sents


def run(args) -> int:
    from ..entities import tagger

    if args.conll == "-":
        sents = read_conll(sys.stdin)
    else:
        with open(args.conll, encoding="utf-8") as fh:
            sents = read_conll(fh)
    tags = tagger().tag_sentences(sents)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    try:
        for toks, ts in zip(sents, tags):
            out.writelines(f"{w} {t}\n" for w, t in zip(toks, ts))
            out.write("\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0
