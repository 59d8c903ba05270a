"""Benchmark: `showcase check` on N generated records vs. a bare python-frontmatter parse.

Both run in this process over the same files (warm file cache, best of several runs),
so the ratio is what validation and indexing cost on top of parsing.

    python bench/bench_check.py [N ...]      (default: 10000)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

import frontmatter

sys.path.insert(0, os.path.dirname(__file__))
from corpus import write_corpus  # noqa: E402

from generator.project import find_record_files, load_project  # noqa: E402
from generator.settings import load_settings  # noqa: E402

REPEATS = 3


def best_of(fn) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench(n: int) -> None:
    with tempfile.TemporaryDirectory() as root:
        write_corpus(root, n)
        settings = load_settings(root)
        files = [os.path.join(settings.content_root, f) for f in find_record_files(settings.content_root)]

        def bare_parse():
            for path in files:
                frontmatter.load(path)

        def check():
            project = load_project(settings)
            assert not project.problems, project.problems[:3]

        bare = best_of(bare_parse)
        ours = best_of(check)
        print(f"records={len(files)}  check={ours:.3f}s  bare python-frontmatter parse={bare:.3f}s  "
              f"ratio={ours / bare:.2f}x  (targets: < 1 s, <= 2.0x)")


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["10000"]:
        bench(int(arg))
