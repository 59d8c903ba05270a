"""The editor's server side against a real `showcase serve` (generator/preview/server.py's
server, on 127.0.0.1, in a thread): reading and saving records, new records, uploads, the
checker's refusals, conflicts, and that nothing but this computer's pages can write, and
nothing outside content/."""

from __future__ import annotations

import hashlib
import http.client
import io
import json
import os
import re
import shutil
import threading
from urllib.parse import quote

import pytest

from conftest import REPO, md, site_texts

from generator.editor import store as store_module
from generator.editor.guard import TOKEN_HEADER, is_local
from generator.editor.store import safe_name
from generator.preview.server import Preview, _Handler, _Server

BRAND = "content/brands/a-brand.md"
BRAND_TEXT = md("""
    title: 甲品牌
    owner: baseline-branch
    # 口号保留这条注释
    slogan: '先锋'
    launched: 2020-01-06
    milestones:
      - name: 起步
        start: 2020-01
      - name: 提升
        start: 2021-01
        end: 2021-12
    honors:
      - title: 先进集体
        level: 国家级
        year: 2020
    tags: [甲, 乙]
    """, "品牌正文。\n\n## 做法\n\n见 [[baseline-branch]]。")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


class Serving:
    """`showcase serve`'s server for one project, on 127.0.0.1 (a free port), in a thread."""

    def __init__(self, project_dir):
        self.project_dir = project_dir
        self.out = io.StringIO()
        self.preview = Preview(str(project_dir / "mkdocs.yml"), out=self.out)
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.preview = self.preview
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def token(self) -> str:
        return self.preview.token

    def request(self, method: str, path: str, body=None, headers: dict | None = None, token: bool = True,
                json_body: bool = True):
        """(status, JSON answer or text, response headers)."""
        headers = dict(headers or {})
        if token:
            headers.setdefault(TOKEN_HEADER, self.token)
        if body is not None and not isinstance(body, bytes):
            body = json.dumps(body, ensure_ascii=False).encode("utf-8")
            if json_body:
                headers.setdefault("Content-Type", "application/json")
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.putrequest(method, path, skip_host="Host" in headers)
            for name, value in headers.items():
                connection.putheader(name, value)
            if body is not None:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        kind = response.getheader("Content-Type", "")
        answer = json.loads(data) if kind.startswith("application/json") else (
            data.decode() if kind.startswith("text/") else data)
        return response.status, answer, response

    def get(self, path, **kw):
        return self.request("GET", path, **kw)[:2]

    def post(self, path, body, **kw):
        return self.request("POST", path, body, **kw)[:2]

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.preview.close()


@pytest.fixture
def serving(make_project, monkeypatch):
    monkeypatch.setenv("SHOWCASE_SEARCH", "0")
    running = Serving(make_project({BRAND: BRAND_TEXT}))
    yield running
    running.stop()


def tree(project_dir) -> dict:
    """Every file of the project (but the preview's own schemas), path -> sha256."""
    return {str(p.relative_to(project_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(project_dir.rglob("*")) if p.is_file()}


def page_state(html: str) -> dict:
    return json.loads(re.search(r'<script id="sc-preview-state" type="application/json">(.*?)</script>', html).group(1))


# -- reading and saving ---------------------------------------------------------------

def test_a_record_read_for_the_form_and_saved_unchanged_stays_the_same_bytes(serving):
    status, record = serving.get("/__showcase/edit/record/brand/a-brand")
    assert status == 200
    assert record["path"] == BRAND and record["kind"] == "brand" and record["id"] == "a-brand"
    assert record["version"] == hashlib.sha256((serving.project_dir / BRAND).read_bytes()).hexdigest()
    assert record["values"]["launched"] == "2020-01-06"  # a date as written
    assert record["values"]["honors"] == [{"title": "先进集体", "level": "国家级", "year": 2020}]
    assert record["body"].startswith("\n品牌正文。")
    before = tree(serving.project_dir)
    status, answer = serving.post("/__showcase/edit/record/brand/a-brand",
                                  {"version": record["version"], "values": record["values"], "body": record["body"]})
    assert (status, answer) == (200, {"ok": True, "version": record["version"], "url": "/brands/a-brand/"})
    assert tree(serving.project_dir) == before


def test_a_save_changes_only_what_changed_and_the_page_shows_it(serving):
    _, record = serving.get("/__showcase/edit/record/brand/a-brand")
    values = record["values"]
    values["milestones"][0]["name"] = "起步阶段"
    values["slogan"] = "争当先锋"
    status, answer = serving.post("/__showcase/edit/record/brand/a-brand",
                                  {"version": record["version"], "values": values, "body": record["body"]})
    assert status == 200 and answer["ok"], answer
    text = (serving.project_dir / BRAND).read_text(encoding="utf-8")
    assert text == BRAND_TEXT.replace("- name: 起步\n", "- name: 起步阶段\n").replace("'先锋'", "'争当先锋'")
    assert answer["version"] == hashlib.sha256(text.encode()).hexdigest()
    status, html = serving.get(answer["url"])
    assert status == 200 and "起步阶段" in html and "争当先锋" in html


def test_errors_refuse_the_save_with_the_checkers_words_beside_their_fields(serving):
    _, record = serving.get("/__showcase/edit/record/brand/a-brand")
    before = tree(serving.project_dir)
    values = dict(record["values"], owner="no-such-branch")
    values["honors"] = [{"title": "先进集体", "level": "宇宙级", "year": 2020}]
    status, answer = serving.post("/__showcase/edit/record/brand/a-brand",
                                  {"version": record["version"], "values": values, "body": record["body"]})
    assert status == 422 and answer["ok"] is False
    by_field = {e["field"]: e for e in answer["errors"]}
    assert set(by_field) == {"owner", "honors.0.level"}, answer
    level = by_field["honors.0.level"]
    assert re.fullmatch(r"E\d{3}", level["code"]) and "宇宙级" in level["message"] and level["code"] in level["message"]
    assert level["line"] == 15  # where the saved file would have it
    assert "no-such-branch" in by_field["owner"]["message"]
    values = dict(record["values"])
    del values["title"]  # required
    status, answer = serving.post("/__showcase/edit/record/brand/a-brand",
                                  {"version": record["version"], "values": values, "body": record["body"]})
    assert status == 422 and [e["field"] for e in answer["errors"]] == ["title"]
    assert "标题" in answer["errors"][0]["message"]
    assert tree(serving.project_dir) == before


def test_a_file_changed_on_disk_since_the_form_opened_is_never_overwritten(serving):
    _, record = serving.get("/__showcase/edit/record/brand/a-brand")
    theirs = BRAND_TEXT.replace("甲品牌", "甲品牌（别人改的）")
    (serving.project_dir / BRAND).write_text(theirs, encoding="utf-8")
    values = dict(record["values"], title="我的标题")
    status, answer = serving.post("/__showcase/edit/record/brand/a-brand",
                                  {"version": record["version"], "values": values, "body": record["body"]})
    assert status == 409 and answer["conflict"] is True
    assert "已被修改" in answer["message"] and "重新载入" in answer["message"]
    assert (serving.project_dir / BRAND).read_text(encoding="utf-8") == theirs


def test_a_file_the_form_cannot_show_is_refused_with_the_checkers_words(serving):
    (serving.project_dir / BRAND).write_text("---\ntitle: [甲\n---\n", encoding="utf-8")
    status, answer = serving.get("/__showcase/edit/record/brand/a-brand")
    assert status == 422 and "文本编辑器" in answer["message"] and answer["errors"][0]["code"].startswith("E")


# -- new records -------------------------------------------------------------------------

def test_a_new_record_is_written_once_under_a_free_id_and_its_page_exists(serving):
    values = {"title": "新案例", "date": "2024-05-01", "branches": ["baseline-branch"], "category": "服务群众",
              "tags": ["新"], "summary": ""}
    status, answer = serving.post("/__showcase/edit/new/case", {"values": values, "body": "## 背景\n\n正文。\n"})
    assert status == 201 and answer["ok"], answer
    assert answer["id"] == "baseline-branch-2024-1" and answer["path"] == "content/cases/baseline-branch-2024-1.md"
    text = (serving.project_dir / answer["path"]).read_text(encoding="utf-8")
    assert text == ("---\ntitle: 新案例\ndate: 2024-05-01\nbranches: [baseline-branch]\ncategory: 服务群众\n"
                    "tags: [新]\n---\n\n## 背景\n\n正文。\n")
    status, html = serving.get(answer["url"])
    assert status == 200 and "新案例" in html
    status, answer = serving.post("/__showcase/edit/new/case", {"id": "baseline-branch-2024-1", "values": values,
                                                               "body": ""})
    assert status == 409 and "不会覆盖" in answer["message"]
    status, answer = serving.post("/__showcase/edit/new/case", {"id": "BASELINE-case", "values": values, "body": ""})
    assert status == 409 and "content/cases/baseline-case.md" in answer["message"]
    assert (serving.project_dir / "content/cases/baseline-case.md").read_text(encoding="utf-8").count("基线案例")


def test_a_new_record_with_errors_is_not_written(serving):
    before = tree(serving.project_dir)
    status, answer = serving.post("/__showcase/edit/new/case", {"id": "x", "values": {"title": "缺字段"}, "body": ""})
    assert status == 422 and {e["field"] for e in answer["errors"]} >= {"date", "branches"}, answer
    assert tree(serving.project_dir) == before


def test_suggested_ids_and_the_lists_for_pickers(serving):
    assert serving.get("/__showcase/edit/suggest-id/case?title=%E6%96%B0&branches=baseline-branch&date=2023-01-02") \
        == (200, {"id": "baseline-branch-2023-1"})
    status, found = serving.get("/__showcase/edit/records?kind=branch")
    assert status == 200 and found == [{"id": "baseline-branch", "kind": "branch", "title": "基线党支部",
                                        "fold": "基线党支部 baseline-branch"}]
    status, everything = serving.get("/__showcase/edit/records")
    assert {r["kind"] for r in everything} == {"branch", "brand", "site", "lecture", "case"}
    assert serving.get("/__showcase/edit/records?kind=nope")[0] == 404


# -- uploads ---------------------------------------------------------------------------------

def test_an_upload_is_stored_under_the_kinds_assets_folder_never_over_another_file(serving):
    status, answer = serving.post("/__showcase/edit/upload/brand?name=%E6%A0%87%E8%AF%86.PNG&field=logo", PNG)
    assert (status, answer) == (201, {"ok": True, "value": "/assets/brands/标识.png", "name": "标识.png"})
    assert (serving.project_dir / "content/assets/brands/标识.png").read_bytes() == PNG
    status, again = serving.post("/__showcase/edit/upload/brand?name=%E6%A0%87%E8%AF%86.png", PNG[:-1] + b"!")
    assert (status, again["value"]) == (201, "/assets/brands/标识-1.png")
    assert (serving.project_dir / "content/assets/brands/标识.png").read_bytes() == PNG
    status, assets = serving.get("/__showcase/edit/assets")
    assert {"value": "/assets/brands/标识.png", "name": "brands/标识.png", "size": len(PNG), "image": True} in assets
    # the new file is usable at once: a record may name it and its page shows it
    _, record = serving.get("/__showcase/edit/record/brand/a-brand")
    status, saved = serving.post("/__showcase/edit/record/brand/a-brand", {
        "version": record["version"], "values": dict(record["values"], logo=answer["value"]), "body": record["body"]})
    assert status == 200, saved
    assert serving.get("/assets/brands/%E6%A0%87%E8%AF%86.png")[0] == 200


@pytest.mark.parametrize("name, field, status", [
    ("x.exe", "", 422), ("page.html", "", 422), ("logo.pdf", "logo", 422), ("a.png", "no-field", 422),
    ("empty.png", "", 422)])
def test_uploads_of_files_the_checker_would_not_take_are_refused(serving, name, field, status):
    before = tree(serving.project_dir)
    data = b"" if name.startswith("empty") else PNG
    code, answer = serving.post(f"/__showcase/edit/upload/brand?name={name}&field={field}", data)
    assert code == status and answer["ok"] is False and answer["message"]
    assert tree(serving.project_dir) == before


def test_an_upload_over_the_size_limit_is_refused_unread(serving, monkeypatch):
    monkeypatch.setattr(store_module, "MAX_UPLOAD_BYTES", 1000)
    before = tree(serving.project_dir)
    status, answer = serving.post("/__showcase/edit/upload/brand?name=big.png", PNG + b"\0" * 1000)
    assert status == 413 and "上限" in answer["message"]
    assert tree(serving.project_dir) == before


@pytest.mark.parametrize("name, safe", [
    ("标识.png", "标识.png"), ("../../etc/x.png", "x.png"), ("..\\..\\x.png", "x.png"), ("/abs/x.png", "x.png"),
    (".hidden.png", "hidden.png"), ("a b&c.PNG", "a-b-c.png"), ("a\x00b.png", "a-b.png"), ("..png", "file.png"),
    ("%2e%2e%2fx.png", "2e-2e-2fx.png")])
def test_upload_names_are_made_safe(name, safe):
    assert safe_name(name) == safe


# -- rendering ---------------------------------------------------------------------------------

def test_a_body_is_rendered_as_the_records_page_renders_it(serving):
    status, answer = serving.post("/__showcase/edit/render/brand",
                                  {"id": "a-brand", "body": "## 做法\n\n见 [[baseline-branch]]。<script>x</script>"})
    assert status == 200
    _, page = serving.get("/brands/a-brand/")
    link = re.search(r'<a [^>]*href="\.\./\.\./branches/baseline-branch/"[^>]*>基线党支部</a>', page).group(0)
    assert "<h2" in answer["html"] and link in answer["html"]
    status, answer = serving.post("/__showcase/edit/render/case", {"body": "见 [[baseline-branch]]"})
    assert status == 200 and "../../branches/baseline-branch/" in answer["html"]


# -- only this computer, only content/ -------------------------------------------------------

def test_pages_carry_the_token_and_what_they_show(serving):
    record = page_state(serving.get("/brands/a-brand/")[1])
    assert record["token"] == serving.token and record["page"] == {"kind": "brand", "id": "a-brand"}
    assert page_state(serving.get("/cases/")[1])["page"] == {"kind": "case"}
    assert "page" not in page_state(serving.get("/")[1])
    # a page asked for under another name of this computer (DNS rebinding) gets no token
    _, html, _ = serving.request("GET", "/brands/a-brand/", headers={"Host": "evil.example:8000"}, token=False)
    assert "token" not in page_state(html) and serving.token not in html


def test_requests_without_the_token_or_from_another_site_are_refused_and_change_nothing(serving):
    _, record = serving.get("/__showcase/edit/record/brand/a-brand")
    save = {"version": record["version"], "values": dict(record["values"], title="被篡改"), "body": record["body"]}
    path = "/__showcase/edit/record/brand/a-brand"
    before = tree(serving.project_dir)
    origin = f"http://127.0.0.1:{serving.port}"
    refused = [
        serving.request("POST", path, save, token=False),
        serving.request("POST", path, save, headers={TOKEN_HEADER: "wrong"}),
        serving.request("POST", path, save, headers={"Origin": "http://evil.example"}),
        serving.request("POST", path, save, headers={"Origin": "null"}),
        serving.request("POST", path, save, headers={"Sec-Fetch-Site": "cross-site"}),
        serving.request("POST", path, save, headers={"Sec-Fetch-Site": "same-site", "Origin": origin}),
        serving.request("POST", path, save, headers={"Host": "evil.example"}),
        serving.request("POST", "/__showcase/edit/upload/brand?name=x.png", PNG, token=False),
        serving.request("POST", "/__showcase/edit/new/case", {"values": {"title": "x"}, "body": ""}, token=False),
    ]
    for status, answer, _ in refused:
        assert status == 403 and answer["ok"] is False and answer["message"]
    assert serving.get("/__showcase/edit/record/brand/a-brand", token=False)[0] == 403
    assert serving.get("/__showcase/edit/assets", token=False)[0] == 403
    status, answer = serving.post(path, save, json_body=False)  # a form's POST (text/plain): refused too
    assert status == 403
    assert tree(serving.project_dir) == before
    status, _ = serving.post(path, save, headers={"Origin": origin, "Sec-Fetch-Site": "same-origin"})
    assert status == 200


EVIL = ["..", "../..", "..%2F..%2Fmkdocs", "%2e%2e", "%2e%2e%2f%2e%2e%2fmkdocs", "/etc/passwd", "%2Fetc%2Fpasswd",
        "..%5C..%5Cmkdocs", "a%5Cb", "a%00b", "%00", "x%0A", "C:%5Cx", "%FF%FE", "brands/../../mkdocs"]


@pytest.mark.parametrize("evil", EVIL)
def test_no_parameter_reaches_outside_content(serving, evil):
    project = serving.project_dir
    before = tree(project)
    save = {"version": "0", "values": {"title": "x", "owner": "baseline-branch"}, "body": "x"}
    answers = [
        serving.request("GET", f"/__showcase/edit/record/{evil}/a-brand"),
        serving.request("GET", f"/__showcase/edit/record/brand/{evil}"),
        serving.request("POST", f"/__showcase/edit/record/brand/{evil}", save),
        serving.request("POST", f"/__showcase/edit/record/{evil}/x", save),
        serving.request("POST", f"/__showcase/edit/new/{evil}", save),
        serving.request("POST", "/__showcase/edit/new/brand", dict(save, id=evil)),
        serving.request("POST", "/__showcase/edit/new/brand", dict(save, id=evil.replace("%2F", "/").replace(
            "%5C", "\\").replace("%00", "\x00").replace("%0A", "\n"))),
        serving.request("POST", f"/__showcase/edit/upload/{evil}?name=x.png", PNG),
        serving.request("GET", f"/__showcase/edit/suggest-id/{evil}"),
        serving.request("GET", f"/__showcase/edit/records?kind={evil}"),
    ]
    for status, answer, _ in answers:
        assert status in (400, 403, 404, 422), (status, answer)
        assert answer["ok"] is False and answer["message"]
    status, answer, _ = serving.request("POST", f"/__showcase/edit/upload/brand?name={evil}.png", PNG)
    assert status == 201 and re.fullmatch(r"/assets/brands/[\w.-]+\.png", answer["value"]), answer
    after = tree(project)
    added = set(after) - set(before)
    assert set(before) <= set(after) and all(before[p] == after[p] for p in before)
    assert len(added) == 1 and added.pop().startswith("content/assets/brands/")


def test_only_this_computer_may_edit():
    assert is_local("127.0.0.1", "127.0.0.1:8000") and is_local("::1", "[::1]:8000")
    assert is_local("127.0.0.1", "localhost:8000") and is_local("127.0.0.1", "192.168.1.5:8000")
    assert not is_local("192.168.1.9", "192.168.1.5:8000")  # another computer (served with -a 0.0.0.0:8000)
    assert not is_local("127.0.0.1", "evil.example:8000") and not is_local("127.0.0.1", None)


# -- a built site has nothing of the editor ----------------------------------------------------

@pytest.mark.build
def test_a_built_site_holds_nothing_of_the_editor(sample_site):
    texts = dict(site_texts(sample_site))
    assert len(texts) > 100
    for path, text in texts.items():
        for trace in ("__showcase", TOKEN_HEADER, "sc-preview", "sc-editor"):  # routes, token, state, buttons
            assert trace not in text, (path, trace)
    assert not any("editor" in path for path in texts if not path.startswith("guide"))
    assert os.path.isdir(REPO / "generator/editor")  # there is an editor to keep out


def test_every_sample_record_read_and_saved_through_the_server_is_unchanged(tmp_path, monkeypatch):
    monkeypatch.setenv("SHOWCASE_SEARCH", "0")
    project = tmp_path / "sample"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    running = Serving(project)
    try:
        before = tree(project)
        records = running.get("/__showcase/edit/records")[1]
        assert len(records) > 50 and any("/" in r["id"] for r in records)
        for record in records:
            path = f"/__showcase/edit/record/{record['kind']}/{quote(record['id'])}"
            status, form = running.get(path)
            assert status == 200, form
            status, answer = running.post(path, {"version": form["version"], "values": form["values"],
                                                 "body": form["body"]})
            assert (status, answer["version"]) == (200, form["version"]), answer
        assert tree(project) == before
    finally:
        running.stop()


def test_a_request_too_deep_to_read_is_refused_not_a_crash(serving):
    status, answer = serving.post("/__showcase/edit/new/case", b"[" * 100_000 + b"]" * 100_000,
                                  headers={"Content-Type": "application/json"})
    assert status == 400 and answer["ok"] is False
    _, record = serving.get("/__showcase/edit/record/brand/a-brand")
    nested: dict | str = "深"
    for _ in range(200):
        nested = {"a": nested}
    status, answer = serving.post("/__showcase/edit/record/brand/a-brand", {
        "version": record["version"], "values": dict(record["values"], slogan=nested), "body": record["body"]})
    assert status in (422, 500) and answer["ok"] is False and answer["message"]
    assert (serving.project_dir / BRAND).read_text(encoding="utf-8") == BRAND_TEXT
