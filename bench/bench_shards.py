"""Benchmark: the search index built in shards and merged, against one Pagefind run over the same
documents (the index as it was built before the shards), in the same run.

For each N (default 2,000 and 10,000), on bench/corpus.py's records, each step in a fresh
process under GNU time (peak = the largest process's resident memory, Pagefind included):

- single: write_index with one shard (one Pagefind run over every document);
- sharded: write_index as a build runs it (shards of at most SHARD_RECORDS records), with a
  cache folder (<root>/<N>/shard-cache, emptied first);
- edit: the same after one record was edited, with that cache (its time, and how many shards
  Pagefind re-ran);

alternated, the best time of each kept. With a site built by `mkdocs build` (SHOWCASE_SEARCH=0)
in <root>/site, also the bytes a browser fetches before the first results, for both indexes.

    nice python bench/bench_shards.py [N ...] [--rounds 2] [--root DIR] [--no-browser]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
from bench_pipeline import QUERIES, run  # noqa: E402
from bench_search import first_query_bytes  # noqa: E402
from corpus import write_corpus  # noqa: E402

STEP = """
import json, os, sys, time
sys.path.insert(0, {repo!r})
from generator import search
from generator.search import pagefind
from generator.core.project import Visibility, load_project
from generator.core.settings import load_settings
runs = []
real = pagefind._Run
pagefind._Run = lambda *a: runs.append(1) or real(*a)
project = load_project(load_settings({root!r}), Visibility())
started = time.perf_counter()
report = search.write_index(project, {site!r}, Visibility(), cache_dir={cache!r}, shard_records={per_shard!r})
print(json.dumps({{"seconds": time.perf_counter() - started, "runs": len(runs), "bytes": report.bytes}}), file=sys.stderr)
"""


def index_step(root: str, site: str, per_shard: int | None, cache: str | None = None) -> dict:
    code = STEP.format(repo=os.path.dirname(HERE), root=root, site=site, cache=cache, per_shard=per_shard)
    _, peak, err = run([sys.executable, "-c", code])
    return {**json.loads(err.strip().splitlines()[-1]), "peak": peak}


def edit_one_record(root: str) -> None:
    folder = os.path.join(root, "content", "cases")
    path = os.path.join(folder, sorted(os.listdir(folder))[len(os.listdir(folder)) // 2])
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\n修改后的一段文字。\n")


def bench(n: int, root: str, rounds: int, browser: bool) -> dict:
    if not os.path.isdir(os.path.join(root, "content")):
        write_corpus(root, n)
    site = os.path.join(root, "site") if os.path.isdir(os.path.join(root, "site")) else os.path.join(root, "out")
    cache = os.path.join(root, "shard-cache")  # kept: a later merge can be tried on it
    best: dict[str, dict] = {}
    for round_ in range(rounds):
        for name, per_shard in (("sharded", None), ("single", 10**9)):
            if name == "sharded":
                shutil.rmtree(cache, ignore_errors=True)
            result = index_step(root, site, per_shard, cache if name == "sharded" else None)
            if name not in best or result["seconds"] < best[name]["seconds"]:
                best[name] = {**result, "peak": max(result["peak"], best.get(name, {}).get("peak", 0))}
            if browser and round_ == 0 and os.path.isfile(os.path.join(site, "search", "index.html")):
                best[f"{name}_fq"] = {"fq": [r["results_bytes"] for r in first_query_bytes(site, QUERIES)]}
            print(name, best[name], best.get(f"{name}_fq"), file=sys.stderr, flush=True)
    edit_one_record(root)
    best["edit"] = index_step(root, site, None, cache)
    return {"n": n, **best}


def table(rows: list[dict]) -> str:
    lines = ["| records | one Pagefind run: time / peak | sharded: time / peak | time ratio | peak ratio | "
             "index bytes one / sharded | first query one / sharded (防汛, 党, 乡村振兴 先锋) | "
             "one record edited, with the cache: time / Pagefind runs |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        s, m = r["single"], r["sharded"]
        fq = lambda k: "/".join(f"{b / 1000:.0f}" for b in r[k]["fq"]) + " KB" if k in r else "n/a"  # noqa: E731
        lines.append(
            f"| {r['n']:,} | {s['seconds']:.1f} s / {s['peak'] / 1e6:,.0f} MB | {m['seconds']:.1f} s / "
            f"{m['peak'] / 1e6:,.0f} MB | {m['seconds'] / s['seconds']:.2f}× | {m['peak'] / s['peak']:.2f}× | "
            f"{s['bytes'] / 1e6:.1f} / {m['bytes'] / 1e6:.1f} MB | {fq('single_fq')} / {fq('sharded_fq')} | "
            f"{r['edit']['seconds']:.1f} s / {r['edit']['runs']} of {r['sharded']['runs']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--root", help="a folder holding <N>/ corpora (kept), with <N>/site built without the index")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    rows = []
    tmp = args.root or tempfile.mkdtemp(prefix="bench-shards-")
    try:
        for n in args.sizes or [2000, 10000]:
            rows.append(bench(n, os.path.join(tmp, str(n)), args.rounds, not args.no_browser))
            print(table(rows[-1:]), "\n", flush=True)
    finally:
        if not args.root:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"bench/bench_shards.py, {os.cpu_count()} cores, best of {args.rounds} alternated runs:\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
