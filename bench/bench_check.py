"""Benchmark: `showcase check` on N generated records vs. a bare python-frontmatter parse.

All run in this process over the same files (warm OS file cache, best of several runs):
- cold: no check cache, every file read and checked (ratio = cost on top of parsing);
- warm: the check cache is fresh (nothing changed since the last check);
- one edit: one file changed since the last check.
The `showcase` command itself adds interpreter start-up (reported separately).

    python bench/bench_check.py [N ...]      (default: 10000)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

import frontmatter

sys.path.insert(0, os.path.dirname(__file__))
from corpus import write_corpus  # noqa: E402

from generator.core.checkcache import CheckCache  # noqa: E402
from generator.core.contentfiles import find_record_files  # noqa: E402
from generator.core.project import load_project  # noqa: E402
from generator.core.settings import load_settings  # noqa: E402

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

        cache_path = os.path.join(root, ".cache", "check.marshal")

        def check(cache=False):
            project = load_project(settings, build_index=False,
                                   cache=CheckCache(cache_path, settings) if cache else None)
            assert not project.problems, project.problems[:3]

        def edit_one():
            with open(files[len(files) // 2], "a", encoding="utf-8") as fh:
                fh.write("\n补充一段。\n")
            check(cache=True)

        bare = best_of(bare_parse)
        cold = best_of(check)
        check(cache=True)
        warm = best_of(lambda: check(cache=True))
        edit = best_of(edit_one)
        command_line = [os.path.join(os.path.dirname(sys.executable), "showcase"), "check", root]
        subprocess.run(command_line, check=True, capture_output=True)  # fills the command's cache
        start = time.perf_counter()
        subprocess.run(command_line, check=True, capture_output=True)
        command = time.perf_counter() - start
        print(f"records={len(files)}  bare python-frontmatter parse={bare:.3f}s")
        print(f"  check cold   {cold:.3f}s  ratio to bare parse {cold / bare:.2f}x  (target <= 2.0x)")
        print(f"  check warm   {warm:.3f}s  ratio {warm / bare:.2f}x  (target < 1 s)")
        print(f"  one edit     {edit:.3f}s  ratio {edit / bare:.2f}x")
        print(f"  `showcase check` command, warm, incl. start-up: {command:.3f}s")


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["10000"]:
        bench(int(arg))
