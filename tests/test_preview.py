"""`showcase serve`: a real server on 127.0.0.1, driven over HTTP and in headless Chromium.

Saving a record shows the change in the open page without a manual reload; an error shows
an overlay (file, line, message) on every page and in the terminal, never a hung request;
fixing it clears the overlay. A page served is the page `mkdocs build` writes, apart from
the preview's additions.
"""

from __future__ import annotations

import re
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest

from conftest import console_script, md, mkdocs_build, subprocess_env

from generator.preview.inject import START, strip

CASE = "content/cases/flood.md"
CASE_TEXT = md("""
    title: 防汛抢险案例
    date: 2021-07-17
    branches: [baseline-branch]
    category: 防汛抗旱
    tags: [防汛, 抢险]
    """, "汛期到来，支部[[baseline-branch]]组织党员突击队。")
FILES = {CASE: CASE_TEXT}
MKDOCS_YML = ("site_name: 测试\ndocs_dir: content\ntheme:\n  name: material\n  language: zh\n  font: false\n"
              "  features: [navigation.tabs]\nplugins: [showcase]\n")


class Server:
    """`showcase serve -a 127.0.0.1:0` in a subprocess; its terminal output kept in `lines`."""

    def __init__(self, project_dir):
        self.project_dir = project_dir
        self.process = subprocess.Popen(
            [console_script("showcase"), "serve", "-a", "127.0.0.1:0", str(project_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
            env=subprocess_env(SHOWCASE_SEARCH="0"))
        self.lines: list[str] = []
        self.url = None
        ready = threading.Event()

        def read():
            for line in self.process.stdout:
                self.lines.append(line.rstrip("\n"))
                found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
                if found and self.url is None:
                    self.url = found.group(1)
                    ready.set()
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(120) or self.url is None:
            self.stop()
            pytest.fail("showcase serve did not start:\n" + "\n".join(self.lines))

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        """Fails (urllib's timeout) if the server does not answer in time."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")

    def write(self, rel: str, text: str) -> None:
        (self.project_dir / rel).write_text(text, encoding="utf-8")

    def wait_for_output(self, fragment: str, timeout: float = 10) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines:
                if fragment in line:
                    return line
            time.sleep(0.05)
        pytest.fail(f"{fragment!r} not printed:\n" + "\n".join(self.lines))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def server(make_project):
    running = Server(make_project(FILES, MKDOCS_YML))
    yield running
    running.stop()


@pytest.mark.browser
def test_edit_error_and_fix_seen_in_the_open_page(server, watched):
    page = watched.page
    page.set_default_timeout(10_000)
    page.goto(server.url + "cases/flood/")
    assert page.locator("h1").first.inner_text() == "防汛抢险案例"
    assert page.locator("#sc-preview-problems").count() == 0

    # saved → visible, without the test reloading the page
    started = time.monotonic()
    server.write(CASE, CASE_TEXT.replace("防汛抢险案例", "防汛抢险典型案例"))
    page.wait_for_function("document.querySelector('h1').innerText === '防汛抢险典型案例'", timeout=5_000)
    assert time.monotonic() - started < 5

    # an error: the overlay names file, line and message; the terminal prints the same line
    server.write(CASE, CASE_TEXT.replace("category: 防汛抗旱", "category: 防汛"))
    overlay = page.locator("#sc-preview-problems")
    overlay.wait_for(state="visible", timeout=5_000)
    text = overlay.inner_text()
    assert "content/cases/flood.md:5" in text and "防汛" in text and "1 个错误" in text
    line = server.wait_for_output("content/cases/flood.md:5: 错误：")
    assert line.split("错误：", 1)[1] in text
    # the page keeps the record's last good version under the overlay
    assert page.locator("h1").first.inner_text() == "防汛抢险典型案例"
    watched.screenshot("preview-error-overlay")
    # every page shows it, and answers at once (no request waits for the content to be fixed)
    status, home = server.get("", timeout=5)
    assert status == 200 and 'id="sc-preview-problems"' in home and "content/cases/flood.md:5" in home
    status, missing = server.get("no/such/page/", timeout=5)
    assert status == 404 and 'id="sc-preview-problems"' in missing

    # fixed → the overlay goes by itself
    server.write(CASE, CASE_TEXT)
    overlay.wait_for(state="detached", timeout=5_000)
    assert page.locator("h1").first.inner_text() == "防汛抢险案例"
    server.wait_for_output("没有错误了")
    assert watched.errors == []


@pytest.mark.browser
def test_broken_yaml_and_a_new_record(server, watched):
    page = watched.page
    page.set_default_timeout(10_000)
    page.goto(server.url + "cases/")
    server.write(CASE, CASE_TEXT.replace("title: 防汛抢险案例", "title: [防汛抢险案例"))
    overlay = page.locator("#sc-preview-problems")
    overlay.wait_for(state="visible", timeout=5_000)
    where = server.wait_for_output("content/cases/flood.md:").split(": ", 1)[0]  # as `showcase check` says
    assert where in overlay.inner_text() and "YAML" in overlay.inner_text()
    # a new record appears in the list page as soon as it is saved
    server.write("content/cases/new-case.md", md("""
        title: 新写的案例
        date: 2024-01-02
        branches: [baseline-branch]
        category: 其他
        """))
    page.wait_for_selector("text=新写的案例", timeout=5_000)
    server.write(CASE, CASE_TEXT)
    overlay.wait_for(state="detached", timeout=5_000)
    status, new = server.get("cases/new-case/", timeout=5)
    assert status == 200 and "新写的案例" in new
    assert watched.errors == []


def _build_page(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_a_page_served_is_the_page_mkdocs_build_writes(server, tmp_path):
    site = tmp_path / "site"
    result = mkdocs_build(server.project_dir, site)
    assert result.returncode == 0, result.stderr
    urls = ["cases/flood/", "branches/baseline-branch/", "lectures/基线讲堂/001/", "", "cases/",
            "tags/防汛/", "years/2021/", "categories/"]
    for url in urls:
        status, served = server.get(urllib.parse.quote(url))
        assert status == 200, url
        assert START in served
        assert strip(served) == _build_page(site, url), url
    # after an edit, the pages it touches are again what a build of the edited content writes
    server.write(CASE, CASE_TEXT.replace("tags: [防汛, 抢险]", "tags: [抗洪]"))
    server.wait_for_output("已更新：content/cases/flood.md")
    result = mkdocs_build(server.project_dir, site)
    assert result.returncode == 0, result.stderr
    # (generated pages are listed again per group, when a page of the group is asked for: the
    # home page's group first, then others, a page that exists only now last)
    for url in ["cases/flood/", "", "cases/", "years/2021/", "cases/by/org/", "tags/抗洪/", "tags/",
                "branches/baseline-branch/"]:
        status, served = server.get(urllib.parse.quote(url))
        assert status == 200, url
        assert strip(served) == _build_page(site, url), url
    assert server.get(urllib.parse.quote("tags/防汛/"))[0] == 404


@pytest.mark.build
def test_serve_binds_localhost_and_refuses_a_wrong_address(make_project):
    root = make_project()
    result = subprocess.run([console_script("showcase"), "serve", "-a", "8000", str(root)],
                            capture_output=True, text=True, env=subprocess_env(), timeout=60)
    assert result.returncode == 2 and "主机:端口" in result.stderr
    running = Server(root)
    try:
        assert running.url.startswith("http://127.0.0.1:")
    finally:
        running.stop()


@pytest.mark.build
def test_the_editor_schemas_learn_a_new_id_while_serving(make_project):
    """Where the site keeps schemas/ (made by `showcase schema`), the preview keeps their ids current."""
    project_dir = make_project(FILES, MKDOCS_YML)
    subprocess.run([console_script("showcase"), "schema", str(project_dir)], check=True,
                   capture_output=True, env=subprocess_env())
    schema = project_dir / "schemas" / "case.schema.json"
    assert "河堤党支部" not in schema.read_text(encoding="utf-8")
    running = Server(project_dir)
    try:
        running.write("content/branches/dike.md", md("title: 河堤党支部\nlevel: 党支部"))
        deadline = time.monotonic() + 15
        while "河堤党支部" not in schema.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert '"dike"' in schema.read_text(encoding="utf-8") and "河堤党支部" in schema.read_text(encoding="utf-8")
    finally:
        running.stop()
