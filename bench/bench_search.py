"""Benchmark: the search index for N generated records.

For each N (default 1,000, 5,000 and 10,000), in one run:

1. writes the corpus (bench/corpus.py) and builds it with a real `mkdocs build`;
2. times `generator.search.write_index` (our index: documents + one Pagefind run) and
   the Pagefind binary run directly over the same built site (`pagefind_extended --site`),
   the baseline the issue names, and reports both sizes;
3. for the largest N, what the index adds to `mkdocs build` (builds with and without it,
   SHOWCASE_SEARCH=0), next to `pagefind --site` over the site built without it;
4. for the largest N, serves the site on 127.0.0.1 and measures in headless Chromium the
   bytes transferred for the first query on /search/ (target < 300 KB): everything the
   search needs (its script, the Pagefind bundle, index chunks, filters, fragments), and
   separately the page itself and the theme.

    python bench/bench_search.py [N ...] [--queries 防汛,党,乡村振兴]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from corpus import write_corpus  # noqa: E402

from generator import search  # noqa: E402
from generator.core.project import Visibility, load_project  # noqa: E402
from generator.core.settings import load_settings  # noqa: E402

MKDOCS = os.path.join(os.path.dirname(sys.executable), "mkdocs")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CHROMIUM = "/usr/bin/chromium"
BASELINE_DIR = "_pagefind_baseline"


def dir_size(path: str) -> tuple[int, int]:
    total = files = 0
    for folder, _, names in os.walk(path):
        for name in names:
            total += os.path.getsize(os.path.join(folder, name))
            files += 1
    return total, files


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def build_site(root: str, site: str, search_index: bool = True) -> float:
    started = time.perf_counter()
    subprocess.run([MKDOCS, "build", "-q", "-f", os.path.join(root, "mkdocs.yml"), "-d", site],
                   check=True, env={**ENV, "SHOWCASE_SEARCH": "1" if search_index else "0"},
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def baseline_run(site: str) -> float:
    """The Pagefind binary over the built site, as `pagefind --site` (Chinese pages: jieba)."""
    out = os.path.join(site, BASELINE_DIR)
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([search.pagefind_binary(), "--site", site, "--output-subdir", BASELINE_DIR, "--quiet"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def index_run(n: int, root: str, repeat: int) -> dict:
    write_corpus(root, n)
    site = os.path.join(root, "site")
    build = build_site(root, site)
    started = time.perf_counter()
    project = load_project(load_settings(root), Visibility())
    load = time.perf_counter() - started
    ours, baseline = [], []
    for _ in range(repeat):  # alternate, keep the best of each: this machine's timings vary
        shutil.rmtree(os.path.join(site, search.OUTPUT_DIR), ignore_errors=True)  # as after a clean build
        report = search.write_index(project, site, Visibility())
        ours.append(report.seconds)
        baseline.append(baseline_run(site))
    baseline_size, baseline_files = dir_size(os.path.join(site, BASELINE_DIR))
    shutil.rmtree(os.path.join(site, BASELINE_DIR))
    ours_size, ours_files = dir_size(report.output)
    html_pages = sum(1 for _, _, names in os.walk(site) for n in names if n.endswith(".html"))
    return {"n": n, "root": root, "site": site, "build": build, "load": load, "project": project,
            "ours": min(ours), "baseline": min(baseline), "ours_size": ours_size, "ours_files": ours_files,
            "baseline_size": baseline_size, "baseline_files": baseline_files, "pages": html_pages}


def build_cost(row: dict, repeat: int) -> dict:
    """What the index adds to `mkdocs build` (the plugin builds it in a background process
    while MkDocs renders): builds with and without it (SHOWCASE_SEARCH=0), alternated, best
    of each; and `pagefind --site` over the site built without it, the other way to get an
    index."""
    site_b = os.path.join(row["root"], "site-b")
    with_index, without, pagefind = [], [], []
    for _ in range(repeat):
        without.append(build_site(row["root"], site_b, search_index=False))
        pagefind.append(baseline_run(site_b))
        with_index.append(build_site(row["root"], site_b))
    shutil.rmtree(site_b, ignore_errors=True)
    return {"with": min(with_index), "without": min(without), "pagefind": min(pagefind)}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# Snapshots of what the page fetched (PerformanceResourceTiming.transferSize: bytes on the wire,
# headers included) when the results show (data-status "results") and when the facet counts do
# ("done"). Pagefind's filter files, needed only for the counts, are fetched in between.
SNAPSHOT = """
window.__transfers = {};
new MutationObserver(() => {
  const root = document.querySelector('[data-sc-search]');
  const status = root && root.dataset.status;
  if ((status === 'results' || status === 'done') && !(status in window.__transfers)) {
    window.__transfers[status] = performance.getEntriesByType('resource')
      .map(e => [new URL(e.name).pathname, e.transferSize]);
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
"""


def _sum(entries, prefix=("/pagefind/", "/assets/search/")) -> int:
    return sum(size for path, size in entries if path.startswith(prefix))


def first_query_bytes(site: str, queries: list[str], timeout: float = 120) -> list[dict]:
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for query in queries:
                context = browser.new_context()  # a cold cache for every query
                page = context.new_page()
                page.add_init_script(SNAPSHOT)
                outside = []
                page.on("request", lambda r: None if r.url.startswith((base, "data:")) else outside.append(r.url))
                started = time.perf_counter()
                page.goto(f"{base}/search/?q={quote(query)}")
                page.wait_for_selector('[data-sc-search][data-status="done"]', timeout=timeout * 1000)
                elapsed = time.perf_counter() - started
                snapshots = page.evaluate("window.__transfers")
                count = int(page.get_attribute("[data-sc-search]", "data-count"))
                shown, done = snapshots.get("results") or snapshots["done"], snapshots["done"]
                files: dict[str, int] = {}
                for path, size in done:
                    if path.startswith(("/pagefind/", "/assets/search/")):
                        part = path.split("/")[2] if path.count("/") > 2 else path.rsplit("/", 1)[-1]
                        key = part if part in ("index", "fragment", "filter") else path.rsplit("/", 1)[-1]
                        key = "pf_meta" if key.endswith(".pf_meta") else key
                        files[key] = files.get(key, 0) + size
                if outside:
                    raise AssertionError(f"requests left the site: {outside}")
                results.append({"query": query, "results": count, "results_bytes": _sum(shown),
                                "facets_bytes": _sum(done), "page_bytes": _sum(done, ("/",)) - _sum(done),
                                "requests": len(done), "seconds": elapsed, "files": files})
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000, 10000])
    parser.add_argument("--queries", default="防汛,党,乡村振兴 先锋")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each indexer (best kept)")
    args = parser.parse_args(argv)
    queries = [q for q in args.queries.split(",") if q]
    print("Search index benchmark: bench/corpus.py built with `mkdocs build`; ours =")
    print("generator.search.write_index; baseline = the Pagefind binary over the same built site")
    print(f"(`pagefind --site`), in the same run; best of {args.repeat} runs each.\n")
    print(f"{'records':>8} {'html pages':>10} {'mkdocs build':>12} {'ours':>8} {'baseline':>9} {'ratio':>6} "
          f"{'ours size (files)':>18} {'baseline size (files)':>22}")
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        last = None
        for n in args.sizes:
            row = index_run(n, os.path.join(tmp, str(n)), args.repeat)
            print(f"{n:>8} {row['pages']:>10} {row['build']:>11.1f}s {row['ours']:>7.2f}s {row['baseline']:>8.2f}s "
                  f"{row['ours'] / row['baseline']:>6.2f} {mb(row['ours_size']):>9} ({row['ours_files']:>6}) "
                  f"{mb(row['baseline_size']):>12} ({row['baseline_files']:>6})", flush=True)
            if last is not None:
                shutil.rmtree(last["root"], ignore_errors=True)
            last = row
        n = last["n"]
        print(f"\n(ours excludes load_project, which the plugin has done already: {last['load']:.2f}s "
              f"for {n:,} records)")
        cost = build_cost(last, args.repeat)
        added = cost["with"] - cost["without"]
        print(f"\n`mkdocs build` of the {n:,} records with the index: {cost['with']:.1f}s, without "
              f"(SHOWCASE_SEARCH=0): {cost['without']:.1f}s; the index adds {added:.1f}s to the build, "
              f"`pagefind --site` after the build would add {cost['pagefind']:.1f}s "
              f"(ratio {added / cost['pagefind']:.2f})")
        print(f"\nFirst query in Chromium on the {n:,}-record site (as built: the plugin's /search/), cold cache:")
        print("  (bytes on the wire for the search: its script and style, Pagefind's bundle, index,")
        print("   fragments; the filter files for the facet counts come after the results)")
        for r in first_query_bytes(last["site"], queries):
            parts = ", ".join(f"{k} {v / 1000:.0f}" for k, v in sorted(r["files"].items(), key=lambda kv: -kv[1]))
            verdict = "OK" if r["results_bytes"] < 300_000 else "OVER TARGET"
            print(f"  q={r['query']!r}: {r['results']} results; results shown after {r['results_bytes'] / 1000:.0f} KB "
                  f"[{verdict}: < 300 KB], with facet counts {r['facets_bytes'] / 1000:.0f} KB; "
                  f"{r['requests']} requests, {r['seconds']:.2f}s")
            print(f"      KB: {parts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
