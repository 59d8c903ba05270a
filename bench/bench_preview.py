"""Benchmark: `showcase serve`, from a record saved to its change received by the browser's
request, on N generated records; against a full `mkdocs build` of the same corpus in the same
run (what `mkdocs serve` does on every save).

A real server (a subprocess on 127.0.0.1) is driven as the page's script drives it: wait on the
long poll (/__showcase/changes) for the save to be applied, then fetch the page. Measured for
the record's own page and for the case list (/cases/), whose pages are listed again after a
change. Search is off on both sides (the preview builds it once, at start, in the background).

    python bench/bench_preview.py [N ...]      (default: 2000 10000; target < 1 s)
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from corpus import write_corpus  # noqa: E402

BIN = os.path.dirname(sys.executable)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SHOWCASE_SEARCH": "0"}
ROUNDS = 5


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


def start_server(root: str) -> tuple[subprocess.Popen, str, float]:
    started = time.perf_counter()
    process = subprocess.Popen([os.path.join(BIN, "showcase"), "serve", "-a", "127.0.0.1:0", root],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=ENV)
    for line in process.stdout:
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if found:
            threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
            return process, found.group(0), time.perf_counter() - started
    raise SystemExit("showcase serve did not start")


def save_to_visible(root: str, url: str, record: str, page: str, marker: str) -> float:
    """Seconds from the record saved to the page fetched with the change (as live.js does it)."""
    html = get(url + page)
    state = json.loads(re.search(r'<script id="sc-preview-state" type="application/json">(.*?)</script>',
                                 html).group(1))
    path = os.path.join(root, "content", "cases", f"{record}.md")
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    text = re.sub(r"^title: .*$", f"title: 基准修改{marker}", text, count=1, flags=re.M)
    started = time.perf_counter()
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    get(f"{url}__showcase/changes?boot={state['boot']}&version={state['version']}")
    html = get(url + page)
    elapsed = time.perf_counter() - started
    assert f"基准修改{marker}" in html, f"the change is not on {page}"
    return elapsed


def full_build(root: str) -> float:
    started = time.perf_counter()
    subprocess.run([os.path.join(BIN, "mkdocs"), "build", "-q", "-f", os.path.join(root, "mkdocs.yml"),
                    "-d", os.path.join(root, "site")], check=True, env=ENV,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def bench(n: int) -> None:
    with tempfile.TemporaryDirectory() as root:
        write_corpus(root, n)
        process, url, startup = start_server(root)
        try:
            # the newest case: on the first page of /cases/, which stays the first when its title changes
            case = re.search(r'href="(case-\d+)/"', get(url + "cases/")).group(1)
            get(f"{url}cases/{case}/")  # templates compiled, as once a page is open
            record = [save_to_visible(root, url, case, f"cases/{case}/", f"甲{i}") for i in range(ROUNDS)]
            listing = [save_to_visible(root, url, case, "cases/", f"乙{i}") for i in range(ROUNDS)]
        finally:
            process.terminate()
            process.wait()
        baseline = full_build(root)
        median = statistics.median(record)
        print(f"records={n}  start={startup:.1f}s  save→visible: record page median={median:.2f}s "
              f"max={max(record):.2f}s, case list median={statistics.median(listing):.2f}s "
              f"max={max(listing):.2f}s (target < 1 s)")
        print(f"  full mkdocs build={baseline:.1f}s  ratio={median / baseline:.3f}x")


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["2000", "10000"]:
        bench(int(arg))
