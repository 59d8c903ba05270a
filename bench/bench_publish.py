"""Benchmark: publishing one edit with `showcase build`, on N generated records: a full build
(no cache) against a build after one record's title changed (the cache of the build before),
in the same run, alternated, best of each kept; with and without the search index (which is
still built whole on every build until the sharded index lands).

    nice python bench/bench_publish.py [N ...] [--rounds R] [--search]   (default: 2000 10000)
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from corpus import write_corpus  # noqa: E402

BIN = os.path.dirname(sys.executable)


def showcase_build(root: str, search: bool) -> tuple[float, int]:
    """Seconds of one `showcase build` of root, and how many pages it rendered."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SHOWCASE_SEARCH": "1" if search else "0"}
    started = time.perf_counter()
    subprocess.run([os.path.join(BIN, "showcase"), "build", root], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    (cache,) = glob.glob(os.path.join(root, ".cache", "showcase", "publish-*.json"))
    with open(cache, encoding="utf-8") as fh:
        return seconds, len(json.load(fh)["rendered"])


def edit_one(root: str, n: int) -> None:
    path = os.path.join(root, "content", "cases", "case-00007.md")
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    text = re.sub(r"^title: .*$", f"title: 基准修改第{n}次", text, count=1, flags=re.M)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def bench(n: int, tmp: str, rounds: int, search: bool) -> dict:
    root = write_corpus(os.path.join(tmp, f"kb{n}"), n)
    full, edit, rendered = [], [], 0
    for r in range(rounds):
        shutil.rmtree(os.path.join(root, ".cache"), ignore_errors=True)
        full.append(showcase_build(root, search)[0])  # no cache: everything rendered (and keyed)
        edit_one(root, r)
        seconds, rendered = showcase_build(root, search)
        edit.append(seconds)
    pages = sum(1 for _ in glob.iglob(os.path.join(root, "site", "**", "*.html"), recursive=True))
    shutil.rmtree(root, ignore_errors=True)
    return {"n": n, "full": min(full), "edit": min(edit), "rendered": rendered, "pages": pages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--search", action="store_true", help="with the search index (whole, every build)")
    args = parser.parse_args(argv)
    print(f"| records | search | full `showcase build` | after one edit | pages rendered / all | ratio |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as tmp:
        for n in args.sizes or [2000, 10000]:
            row = bench(n, tmp, args.rounds, args.search)
            print(f"| {n:,} | {'on' if args.search else 'off'} | {row['full']:.1f} s | **{row['edit']:.1f} s** | "
                  f"{row['rendered']} / {row['pages']:,} | {row['edit'] / row['full']:.2f}× |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
