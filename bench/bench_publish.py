"""Benchmark: publishing one edit with `showcase build`, on N generated records: a full build
(no cache) against a build after one record's title changed (the cache of the build before):
the first after the full build, and the next (the usual case: each edit after another), in the
same run, alternated, best of each kept (wall clock and CPU seconds); with or without the
search index.

    nice python bench/bench_publish.py [N ...] [--rounds R] [--search]   (default: 2000 10000)
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from corpus import write_corpus  # noqa: E402

from generator.publish import read_cache  # noqa: E402

BIN = os.path.dirname(sys.executable)


def showcase_build(root: str, search: bool) -> tuple[float, float, int]:
    """Seconds of one `showcase build` of root (wall clock, and CPU: user + system of the build
    and the processes it waited for), and how many pages it rendered."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SHOWCASE_SEARCH": "1" if search else "0"}
    cpu = _children_cpu()
    started = time.perf_counter()
    subprocess.run([os.path.join(BIN, "showcase"), "build", root], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    (cache,) = glob.glob(os.path.join(root, ".cache", "showcase", "publish-*.marshal"))
    return seconds, cpu, len(read_cache(cache)["rendered"])


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def edit_one(root: str, n: int) -> None:
    path = os.path.join(root, "content", "cases", "case-00007.md")
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    text = re.sub(r"^title: .*$", f"title: 基准修改第{n}次", text, count=1, flags=re.M)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def bench(n: int, tmp: str, rounds: int, search: bool) -> dict:
    root = write_corpus(os.path.join(tmp, f"kb{n}"), n)
    full, first, edit, rendered = [], [], [], 0
    for r in range(rounds):
        shutil.rmtree(os.path.join(root, ".cache"), ignore_errors=True)
        full.append(showcase_build(root, search)[:2])  # no cache: everything rendered (and keyed)
        time.sleep(5)  # the site replaced is removed in the background: not this build's time
        # The first edit after a full build finds a spare tree (the site the full build replaced)
        # that shares no file with the new site: it moves all of them aside. The next edits
        # find the site the edit before replaced, which shares nearly every file.
        for i, times in enumerate((first, edit)):
            edit_one(root, r * 2 + i)
            seconds, cpu, rendered = showcase_build(root, search)
            times.append((seconds, cpu))
            time.sleep(5)
    pages = sum(1 for _ in glob.iglob(os.path.join(root, "site", "**", "*.html"), recursive=True))
    shutil.rmtree(root, ignore_errors=True)
    return {"n": n, "full": min(full), "first": min(first), "edit": min(edit), "rendered": rendered, "pages": pages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--search", action="store_true", help="with the search index (whole, every build)")
    args = parser.parse_args(argv)
    print("| records | search | full `showcase build` (CPU) | first edit after it (CPU) | after one edit (CPU) "
          "| pages rendered / all | ratio |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as tmp:
        for n in args.sizes or [2000, 10000]:
            row = bench(n, tmp, args.rounds, args.search)
            (full, full_cpu), (first, first_cpu), (edit, edit_cpu) = row["full"], row["first"], row["edit"]
            print(f"| {n:,} | {'on' if args.search else 'off'} | {full:.1f} s ({full_cpu:.1f} s) | "
                  f"{first:.1f} s ({first_cpu:.1f} s) | "
                  f"**{edit:.1f} s** ({edit_cpu:.1f} s) | {row['rendered']} / {row['pages']:,} | "
                  f"{edit / full:.2f}× |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
