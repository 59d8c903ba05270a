"""Benchmark: `mkdocs build` of N generated records with the showcase plugin, against a
plain `mkdocs build` (Material, same Markdown, no plugin, empty nav) in the same run.

Also reports page sizes: a record page must not grow with the number of records
(target ≤ 60 KB at 5,000), and no index page may exceed 500 KB.

    python bench/bench_build.py [N ...]      (default: 1000 5000)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from corpus import write_corpus  # noqa: E402

from generator.site.pages import NAV  # noqa: E402

MKDOCS = os.path.join(os.path.dirname(sys.executable), "mkdocs")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ROUNDS = 2


def write_plain_config(root: str) -> str:
    """root/plain.yml: plain Material over the same Markdown, no plugin; returns its path."""
    plain = os.path.join(root, "plain.yml")
    with open(plain, "w", encoding="utf-8") as fh:
        # A nav as long as ours (an empty one would make MkDocs put every page in it).
        nav = "".join(f"  - branches/org-{i:05d}.md\n" for i in range(len(NAV)))
        fh.write(f"site_name: bench\ndocs_dir: content\nnav:\n{nav}"
                 "theme:\n  name: material\n  font: false\n  language: zh\n"
                 "  features: [navigation.tabs]\nplugins: []\n")
    return plain


def build(config: str, site: str) -> float:
    start = time.perf_counter()
    subprocess.run([MKDOCS, "build", "-q", "-f", config, "-d", site], check=True, env=ENV,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def page_sizes(site: str) -> tuple[int, int, str, int]:
    """(largest record page, largest other page, its path, number of pages)."""
    record_max = other_max = count = 0
    other_path = ""
    record_folders = ("branches", "brands", "sites", "lectures", "cases")
    for dirpath, _, names in os.walk(site):
        for name in names:
            if not name.endswith(".html"):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, site)
            size = os.path.getsize(path)
            count += 1
            parts = rel.split(os.sep)
            is_record = parts[0] in record_folders and len(parts) > 2 and parts[1] not in ("page", "by")
            if is_record:
                record_max = max(record_max, size)
            elif size > other_max:
                other_max, other_path = size, rel
    return record_max, other_max, other_path, count


def bench(n: int) -> None:
    with tempfile.TemporaryDirectory() as root:
        write_corpus(root, n)
        plain = write_plain_config(root)
        # Alternate the two builds and keep the best of each, so a busy moment of the
        # machine does not land on one side only.
        ours, baseline = float("inf"), float("inf")
        for _ in range(ROUNDS):
            ours = min(ours, build(os.path.join(root, "mkdocs.yml"), os.path.join(root, "site")))
            baseline = min(baseline, build(plain, os.path.join(root, "plain-site")))
        record_max, other_max, other_path, pages = page_sizes(os.path.join(root, "site"))
        print(f"records={n}  showcase build={ours:.1f}s  plain mkdocs build={baseline:.1f}s  "
              f"ratio={ours / baseline:.2f}x (target <= 1.3x at 5,000)")
        print(f"  pages={pages}  largest record page={record_max / 1024:.1f} KB (target <= 60)  "
              f"largest other page={other_max / 1024:.1f} KB ({other_path}; target <= 500)")


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["1000", "5000"]:
        bench(int(arg))
