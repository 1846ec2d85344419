"""Ingest throughput and peak memory over the news corpus, and HTML extraction speed.

    python bench/ingest_speed.py                      # whole corpus, 1 and 2 workers, full pipeline
    python bench/ingest_speed.py --limit 3000 --skip entities --skip events
    python bench/ingest_speed.py --html-only

For each worker count, `hadath ingest` runs as a subprocess into a fresh SQLite file; its
process tree's memory (main process, the server workers are forked from, workers) is sampled
every 0.2 s as RSS and every second as PSS (shared pages divided among the processes sharing
them), and CPU time
is counted for the whole tree and for the main process (reading, hashing, storing) alone, so the
figures mean something on a shared machine too. Two
reference figures tell analysis from storage: analysis alone in one process (`analyze_many`
over the same articles, nothing stored) and storage alone (the same analysed documents written
by `Store`, nothing analysed). HTML: `read_html` against trafilatura's own extraction over
the real pages in ../shared/data/web.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NEWS = SHARED / "data" / "news" / "saudinewsnet.jsonl.gz"
WEB = SHARED / "data" / "web"


def tree_memory(pid: int, pss: bool = True) -> tuple[int, int, dict[int, tuple[int, int, float]]]:
    """Resident (RSS) and proportional (PSS) bytes of `pid` and all its descendants, and per
    process (RSS, PSS, CPU seconds so far). RSS counts a page shared by several processes
    (workers forked from the server that loaded the models) once in each; PSS divides it among
    them, so the PSS sum is what the tree really holds. PSS (smaps_rollup) costs the kernel a
    walk of every page table, so it is read only when `pss`; otherwise it is 0."""
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            stats[int(entry)] = fields
        except (OSError, IndexError, ValueError):
            continue
    page, tick = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    each, todo = {}, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        if p not in stats:
            continue
        f = stats[p]
        proportional = 0
        if pss:
            try:
                with open(f"/proc/{p}/smaps_rollup") as fh:
                    proportional = next(int(x.split()[1]) for x in fh if x.startswith("Pss:")) * 1024
            except (OSError, StopIteration, ValueError, IndexError):
                continue
        each[p] = (int(f[21]) * page, proportional, (int(f[11]) + int(f[12])) / tick)
    return sum(m[0] for m in each.values()), sum(m[1] for m in each.values()), each


def run_ingest(inputs: list[str], workers: int, skip: list[str], recycle: int | None = None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "bench.db")
        cmd = [sys.executable, "-m", "hadath", "ingest", *inputs, "--db", db, "--workers", str(workers),
               "--quiet", "--json", *[a for s in skip for a in ("--skip", s)],
               *(["--recycle", str(recycle)] if recycle is not None else [])]
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        peak = peak_pss = 0
        peaks: dict[int, tuple[int, int]] = {}     # per process: peak RSS, peak PSS
        cpu: dict[int, float] = {}                 # per process: CPU seconds, last seen
        ticks = 0
        while proc.poll() is None:     # RSS every 0.2 s, PSS every second
            rss, pss, each = tree_memory(proc.pid, pss=ticks % 5 == 0)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            for p, (r, q, c) in each.items():
                old = peaks.get(p, (0, 0))
                peaks[p] = (max(old[0], r), max(old[1], q))
                cpu[p] = max(cpu.get(p, 0.0), c)
            ticks += 1
            time.sleep(0.2)
        wall = time.monotonic() - start
        # Workers are the fork server's children, not reaped by the ingest process, so CPU time
        # is summed over every process seen (the last 0.2 s of each is missed).
        total_cpu, main_cpu = sum(cpu.values()), cpu.get(proc.pid, 0.0)
        out = json.loads(proc.stdout.read())
        size = sum(os.path.getsize(os.path.join(tmp, f)) for f in os.listdir(tmp))
    s = out["summary"]
    return {"workers": workers, "wall_s": round(wall, 1), "read": s["read"], "analysed": s["analysed"],
            "duplicates": s["duplicates"], "near": s["near"], "rejected": s["rejected"],
            "docs_per_s": round(s["read"] / wall, 1), "peak_rss_mb": round(peak / 2**20),
            "peak_pss_mb": round(peak_pss / 2**20),
            "main_peak_rss_pss_mb": [round(x / 2**20) for x in peaks.get(proc.pid, (0, 0))],
            "other_processes_peak_rss_pss_mb": sorted(([round(r / 2**20), round(q / 2**20)] for p, (r, q)
                                                       in peaks.items() if p != proc.pid), reverse=True)[:6],
            "processes": len(peaks),
            "cpu_s_total": round(total_cpu, 1), "cpu_s_main_process": round(main_cpu, 1),
            "docs_per_cpu_s": round(s["read"] / total_cpu, 1) if total_cpu else None,
            "load_avg": os.getloadavg()[0],
            "db_mb": round(size / 2**20), "events": out["store"]["events"]}


def analysis_and_storage(path: str, limit: int, skip: list[str]) -> dict:
    """Analysis alone and storage alone over the first `limit` articles, in this process."""
    from hadath.api import analyze_many
    from hadath.cli.ingest import pipeline
    from hadath.dedup import content_hash, signature
    from hadath.store import Store
    nlp = pipeline(tuple(skip))
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        records = [json.loads(x) for x in itertools.islice(fh, limit)]
    nlp(records[0]["text"])   # load models before the clock starts
    start = time.process_time()
    docs = [d.to_dict(tokens=False) for d in analyze_many(records, pipeline=nlp) if d.error is None]
    analysis = time.process_time() - start
    start = time.process_time()
    sigs = [(content_hash(d["document"]["text"]), *signature(d["document"]["text"])) for d in docs]
    hashing = time.process_time() - start
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(os.path.join(tmp, "s.db"))
        store.index
        start = time.perf_counter()
        seen, batch = set(), []
        for d, (h, sig, n) in zip(docs, sigs):
            if h in seen:
                continue
            seen.add(h)
            batch.append(store.prepare(d, content_hash=h, minhash=sig, shingles=n))
            if len(batch) == 200:
                store.write(batch)
                batch = []
        store.write(batch)
        storage = time.perf_counter() - start
        store.close()
    n = len(docs)
    return {"documents": n, "analysis_docs_per_s_cpu": round(n / analysis, 1),
            "dedup_signature_docs_per_s_cpu": round(n / hashing, 1),
            "storage_docs_per_s": round(len(seen) / storage, 1)}


def html_speed(repeat: int) -> dict:
    import trafilatura
    from hadath.sources import read_html
    pages = []
    for p in sorted(WEB.glob("*.htm*")):
        data = p.read_bytes()
        pages.append((p.name, gzip.decompress(data) if p.name.endswith(".gz") else data))
    for name, data in pages:     # warm up lazy imports in both
        read_html(data, name)
        trafilatura.extract(data)
    fns = {"trafilatura.extract (defaults)": lambda d, n: trafilatura.extract(d),
           "trafilatura.bare_extraction (same options as hadath)": lambda d, n: trafilatura.bare_extraction(
               d, with_metadata=True, favor_precision=True, include_comments=False, include_tables=False),
           "hadath read_html": lambda d, n: read_html(d, n)}
    cpu = dict.fromkeys(fns, 0.0)
    for _ in range(repeat):      # interleaved, on CPU time: fair on a busy machine
        for label, fn in fns.items():
            start = time.process_time()
            for name, data in pages:
                fn(data, name)
            cpu[label] += time.process_time() - start
    timings = {label: round(repeat * len(pages) / t, 1) for label, t in cpu.items()}
    return {"pages": len(pages), "repeat": repeat, "pages_per_s": timings}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all 30,985)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--skip", action="append", default=[], metavar="STAGE")
    ap.add_argument("--recycle", type=int, default=None, help="passed to hadath ingest --recycle")
    ap.add_argument("--reference", type=int, default=2000, help="articles for the analysis/storage split")
    ap.add_argument("--html-repeat", type=int, default=20)
    ap.add_argument("--html-only", action="store_true")
    args = ap.parse_args()
    report: dict = {"html": html_speed(args.html_repeat)}
    print(json.dumps(report["html"], ensure_ascii=False), flush=True)
    if not args.html_only:
        inputs = [str(NEWS)]
        tmp = None
        if args.limit:
            tmp = tempfile.NamedTemporaryFile(suffix=".jsonl.gz", delete=False)
            with gzip.open(NEWS, "rt", encoding="utf-8") as src, gzip.open(tmp.name, "wt", encoding="utf-8") as dst:
                dst.writelines(itertools.islice(src, args.limit))
            inputs = [tmp.name]
        report["split"] = analysis_and_storage(inputs[0], args.reference, args.skip)
        print(json.dumps(report["split"]), flush=True)
        report["ingest"] = []
        for w in args.workers:
            report["ingest"].append(run_ingest(inputs, w, args.skip, args.recycle))
            print(json.dumps(report["ingest"][-1], ensure_ascii=False), flush=True)
        if tmp:
            os.unlink(tmp.name)
    report["skip"] = args.skip
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
