"""Check that a change to the render path leaves the built site as it was: build the sample site
(this repository's mkdocs.yml and content/) and a generated corpus (bench/corpus.py) with the
code of a git revision and with the work tree, and compare the two trees file by file.

    python bench/compare_builds.py [--rev main] [--records 300] [--search]

Exits 1 and lists the files that differ (or exist on one side only) when the trees are not the
same. The search index is left out unless --search is given (SHOWCASE_SEARCH=0).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from corpus import write_corpus  # noqa: E402


def export(rev: str, target: str) -> str:
    """The code of `rev` (git archive) in target/; returns target."""
    os.makedirs(target)
    archive = subprocess.run(["git", "-C", REPO, "archive", rev, "generator"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", target], input=archive, check=True)
    return target


def build(code: str, config: str, site: str, search: bool) -> None:
    """`mkdocs build` of `config` into `site` with the generator package found in `code`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": code,
           "SHOWCASE_SEARCH": "1" if search else "0"}
    # Run from `code`: `python -m` puts the working directory first on the path.
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site],
                          env=env, capture_output=True, text=True, cwd=code)
    if proc.returncode:
        raise SystemExit(f"mkdocs build -f {config} failed with {code}:\n{proc.stderr[-3000:]}")


def differences(left: str, right: str) -> list[str]:
    """Paths (relative) whose bytes differ or that exist on one side only."""
    found = []
    comparison = filecmp.dircmp(left, right, ignore=[])  # not its default ignores ("tags"…)

    def walk(cmp, prefix):
        found.extend(os.path.join(prefix, name) + " (only in one)" for name in cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(os.path.join(prefix, name) for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, os.path.join(prefix, name))
    walk(comparison, "")
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="main", help="the revision to compare with (default: main)")
    parser.add_argument("--records", type=int, default=300, help="records of the generated corpus (0: none)")
    parser.add_argument("--search", action="store_true", help="build the search index too")
    args = parser.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory(prefix="compare-builds-") as tmp:
        old_code = export(args.rev, os.path.join(tmp, "code"))
        projects = {"sample": os.path.join(REPO, "mkdocs.yml")}
        if args.records:
            corpus = write_corpus(os.path.join(tmp, "corpus"), args.records)
            projects["corpus"] = os.path.join(corpus, "mkdocs.yml")
        for name, config in projects.items():
            old, new = os.path.join(tmp, f"{name}-old"), os.path.join(tmp, f"{name}-new")
            build(old_code, config, old, args.search)
            build(REPO, config, new, args.search)
            diff = differences(old, new)
            files = sum(len(names) for _, _, names in os.walk(new))
            print(f"{name}: {files} files, {len(diff)} differ from {args.rev}")
            for path in diff[:30]:
                print(f"  {path}")
            failed = failed or bool(diff)
        shutil.rmtree(old_code, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
