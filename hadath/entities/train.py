"""Train the CRF tagger on ANERcorp, and compile the lexicons it uses (gazetteer, autolex).

ANERcorp labels PERS/LOC/ORG/MISC; PERS is trained as PER. Settings live in SETTINGS (and are
written to models/ner.json with the training data's hash), so a run is reproducible: L-BFGS
is deterministic given the same data, features and parameters. c1/c2 were chosen on a
held-out quarter of the TRAIN split (scripts/train_ner.py --holdout), never on test.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pycrfsuite

from ..text.normalize import normalize_text
from ..text.tokens import TOKEN_RE
from . import crf, features
from .lexicon import triggers

SETTINGS = {"c1": 0.05, "c2": 0.05, "max_iterations": 250, "feature.minfreq": 1,
            "feature.possible_transitions": True}
LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
ROOT = Path(__file__).resolve().parents[1]
GAZETTEERS = {"PER": "AlignedPersGazetteer.txt", "LOC": "AlignedLocGazetteer.txt",
              "ORG": "AlignedOrgGazetteer.txt"}


def read_conll(path) -> list[tuple[list[str], list[str]]]:
    """Sentences as (tokens, tags); token in the first column, tag in the last."""
    sents, toks, tags = [], [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if toks:
                    sents.append((toks, tags))
                toks, tags = [], []
                continue
            toks.append(parts[0])
            tags.append(parts[-1].replace("PERS", "PER") if len(parts) > 1 else "O")
    if toks:
        sents.append((toks, tags))
    return sents


def compile_gazetteer(gazdir: Path, out: Path) -> None:
    """ANERGazet -> data/ner/gazetteer.tsv. In the location list, sections between «====»
    lines are continents (whose countries and cities are GPE) or «جبال»/«انهار» (mountains,
    rivers: LOC only); the section names themselves are LOC."""
    lines = set()
    for kind, name in GAZETTEERS.items():
        raw = (gazdir / name).read_text(encoding="utf-8", errors="replace").splitlines()
        header, physical_section = False, False
        for line in raw:
            entry = " ".join(normalize_text(line).split())
            if not entry or entry.strip("=*") == "":
                header = kind == "LOC" and entry.startswith("=") and not header
                continue
            lines.add((kind, entry))
            if kind != "LOC":
                continue
            if header:
                physical_section = entry in ("جبال", "انهار")
                continue
            if not physical_section and entry.split()[0] not in triggers()["physical"]:
                lines.add(("GPE", entry))
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# TYPE\tname (normalised), compiled from ANERGazet (Benajiba) by scripts/train_ner.py\n")
        fh.writelines(f"{k}\t{n}\n" for k, n in sorted(lines))
    features.gazetteer.cache_clear()


def fit(x_seqs, y_seqs, path, settings: dict | None = None) -> float:
    """Train one crfsuite model (L-BFGS: deterministic for the same input)."""
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for x, y in zip(x_seqs, y_seqs):
        trainer.append(x, y)
    trainer.set_params({**SETTINGS, **(settings or {})})
    t0 = time.time()
    trainer.train(str(path))
    return time.time() - t0


def _fit_first(args):
    """Worker: first-pass model on `sents`, then its tags for `held` (may be empty)."""
    sents, held, lex, path, settings = args
    feats = features.Featurizer(lex)
    fit([feats.sentence(t) for t, _ in sents], [y for _, y in sents], path, settings)
    return crf.Tagger(path, None, lex).tag_sentences([t for t, _ in held]) if held else []


def _tag_news(args):
    """Worker: tag every `parts`-th article of the news corpus; count labels per stem."""
    model_path, news, part, parts = args
    feats, tagger = features.Featurizer(None), crf.Tagger(model_path, None, None)
    counts: dict[str, dict[str, int]] = {}
    with gzip.open(news, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % parts != part:
                continue
            sent = []
            for tok in TOKEN_RE.findall(json.loads(line)["text"]) + ["."]:
                sent.append(tok)
                if tok in ".!?؟" or len(sent) >= 100:
                    types = [feats.type(w) for w in sent]
                    for t, tag in zip(types, tagger.tag_sentences([sent])[0]):
                        d = counts.setdefault(t["s"], {})
                        for k in (tag[2:] or "O", "I" if tag[0] == "I" else None, "n"):
                            if k:
                                d[k] = d.get(k, 0) + 1
                    sent = []
    return counts


def build_autolex(model_path, news, jobs: int) -> dict[str, dict[str, float]]:
    """Tag the news corpus with a bootstrap model: stem -> share of each label."""
    total: dict[str, dict[str, int]] = {}
    with ProcessPoolExecutor(jobs) as pool:
        for counts in pool.map(_tag_news, [(str(model_path), str(news), k, jobs) for k in range(jobs)]):
            for stem, d in counts.items():
                t = total.setdefault(stem, {})
                for k, v in d.items():
                    t[k] = t.get(k, 0) + v
    lex = {}
    for stem in sorted(total):
        d = total[stem]
        n = d["n"]
        shares = {k: round(d.get(k, 0) / n, 2) for k in features.ENTITY_LABELS + ("I",)}
        if n >= 3 and sum(shares[k] for k in features.ENTITY_LABELS) >= 0.05:
            lex[stem] = {k: v for k, v in shares.items() if v}
    return lex


def write_autolex(lex: dict, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# stem\tshare of news occurrences a bootstrap CRF tagged PER/LOC/ORG/MISC, I = inside a "
                 "name (scripts/train_ner.py)\n")
        for stem, d in lex.items():
            fh.write(stem + "\t" + " ".join(f"{k}={v:g}" for k, v in d.items()) + "\n")


def build(sents, outdir: Path, news=None, lex: dict | None = None, jobs: int = 2, folds: int = 3,
          settings=None, log=print) -> dict:
    """The whole training: bootstrap model -> autolex over the news corpus (skipped when `lex`
    is given) -> first-pass model (jackknifed over `folds` contiguous blocks, for honest
    first-pass tags on the training data) -> second-pass model. Writes
    outdir/{ner-first,ner}.crfsuite and returns the autolex table."""
    t0 = time.time()
    outdir.mkdir(parents=True, exist_ok=True)
    if lex is None:
        _fit_first((sents, [], None, outdir / "bootstrap.crfsuite", settings))
        log(f"  bootstrap model {time.time() - t0:.0f}s")
        lex = build_autolex(outdir / "bootstrap.crfsuite", news, jobs)
        (outdir / "bootstrap.crfsuite").unlink()
        log(f"  autolex over {news}: {len(lex)} stems {time.time() - t0:.0f}s")
    n = len(sents)
    blocks = [(n * k // folds, n * (k + 1) // folds) for k in range(folds)]
    jobs_args = [(sents[:a] + sents[b:], sents[a:b], lex, outdir / f"fold{k}.crfsuite", settings)
                 for k, (a, b) in enumerate(blocks)]
    jobs_args.append((sents, [], lex, outdir / "ner-first.crfsuite", settings))
    with ProcessPoolExecutor(jobs) as pool:
        tagged = list(pool.map(_fit_first, jobs_args))
    first = [tags for part in tagged[:-1] for tags in part]
    for k in range(folds):
        (outdir / f"fold{k}.crfsuite").unlink()
    log(f"  first pass (jackknifed) {time.time() - t0:.0f}s")
    feats = features.Featurizer(lex)
    ctx = features.context_features([[feats.type(w)["s"] for w in t] for t, _ in sents], first)
    x = [[a + b for a, b in zip(feats.sentence(t), c)] for (t, _), c in zip(sents, ctx)]
    fit(x, [y for _, y in sents], outdir / "ner.crfsuite", settings)
    log(f"  second pass {time.time() - t0:.0f}s")
    return lex


def evaluate(tagger: "crf.Tagger", sents) -> dict:
    """Entity-level P/R/F1 per label and overall (exact span and label)."""
    pred = tagger.tag_sentences([t for t, _ in sents])
    counts: dict[str, list[int]] = {"overall": [0, 0, 0]}
    for (_, gold), p in zip(sents, pred):
        g, p = set(crf.spans(gold)), set(crf.spans(p))
        for spans_, col in ((g & p, 0), (p, 1), (g, 2)):
            for s in spans_:
                counts.setdefault(s[2], [0, 0, 0])[col] += 1
                counts["overall"][col] += 1
    out = {}
    for label, (tp, npred, ngold) in sorted(counts.items()):
        prec = tp / npred if npred else 0.0
        rec = tp / ngold if ngold else 0.0
        out[label] = {"p": round(prec, 4), "r": round(rec, 4),
                      "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0}
    return out


def file_hash(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def write_settings(path: Path, train_path, settings: dict, extra: dict) -> None:
    info = {"features_version": features.FEATURES_VERSION, "algorithm": "lbfgs",
            **{k.replace("feature.", ""): v for k, v in settings.items()},
            "labels": LABELS, "label_map": {"PERS": "PER"},
            "training_data": Path(train_path).name, "training_sha256": file_hash(train_path),
            # features read these: retrain when they change
            "lexicon_sha256": {name: file_hash(ROOT / "data" / name)[:16] for name in
                               ("text/wordfreq.tsv", "text/names.txt", "ner/clusters.tsv", "ner/autolex.tsv",
                                "ner/gazetteer.tsv", "ner/triggers.tsv", "actors/countries.tsv",
                                "actors/cities.tsv", "actors/organisations.yaml", "actors/people_arab.yaml",
                                "actors/people_world.yaml")},
            **extra}
    path.write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
