"""The browser editor in headless Chromium against a real `showcase serve`: 新建 a case (its
organisation picked by typing part of its name, in traditional script), edit a branch's field
and a brand's milestones, upload an image, an error shown beside its field, and the refusal
when the file changed on disk since the form was opened."""

from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import REPO, md
from test_preview import MKDOCS_YML, Server

pytestmark = pytest.mark.browser

BRANCH = "content/branches/hebei-jgdw.md"
BRANCH_TEXT = md("""
    title: 河北省水利厅直属机关党委
    level: 机关党委   # 2019 年换届
    unit: 河北省水利厅
    members: 30
    """, "## 基本情况\n\n厅直属机关党委。\n")
BRAND = "content/brands/xianfeng.md"
BRAND_TEXT = md("""
    title: 先锋领航
    owner: hebei-jgdw
    milestones:
      - name: 建成示范岗
        start: 2021-03
        end: 2021年12月
      - name: 开展结对共建
        start: 2022
    """, "品牌介绍。\n")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from conftest import write_project
    root = write_project(tmp_path_factory.mktemp("editor") / "project", {BRANCH: BRANCH_TEXT, BRAND: BRAND_TEXT},
                         MKDOCS_YML)
    running = Server(root)
    yield running
    running.stop()


def read(server, rel: str) -> str:
    return (server.project_dir / rel).read_text(encoding="utf-8")


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def open_editor(page, url: str, button: str):
    page.set_default_timeout(15_000)
    page.goto(url)
    page.get_by_role("button", name=button, exact=True).click()
    dialog = page.locator("dialog.sce-editor[open]")
    dialog.wait_for()
    return dialog


def field(dialog, path: str):
    return dialog.locator(f'[data-path="{path}"]')


def test_a_new_case_through_the_form(server, watched):
    page = watched.page
    dialog = open_editor(page, server.url + "cases/", "新建典型案例")
    assert dialog.get_by_role("heading", name="新建典型案例").is_visible()
    dialog.locator('[data-path="title"] input').fill("库区党员服务队防汛抢险")
    dialog.locator('[data-path="date.start"] input').fill("2021年7月")
    # the organisation: typed as part of its name, in traditional script, then chosen (keyboard)
    organisation = dialog.locator('[data-path="branches.0"] input[role=combobox]')
    organisation.fill("直屬機關")
    dialog.get_by_role("option", name="河北省水利厅直属机关党委").wait_for()
    assert field(dialog, "branches.0").get_by_role("option").all_inner_texts() == ["河北省水利厅直属机关党委hebei-jgdw"]
    organisation.press("ArrowDown")
    organisation.press("Enter")
    assert organisation.input_value() == "hebei-jgdw"
    # the id suggested from the organisation and the year, as `showcase new` does
    page.wait_for_function("document.querySelector('.sce-new-id input').value === 'hebei-jgdw-2021-1'")
    assert "河北省水利厅直属机关党委" in field(dialog, "branches.0").inner_text()
    dialog.locator('[data-path="category"] select').select_option("防汛抗旱")
    dialog.get_by_label("编号（文件名）").fill("kuqu-2021")  # editable; kept once edited
    dialog.locator('[data-path="title"] input').press("End")
    dialog.locator('[data-path="title"] input').type("！")
    page.wait_for_timeout(600)
    assert dialog.get_by_label("编号（文件名）").input_value() == "kuqu-2021"
    dialog.locator('[data-path="title"] input').fill("库区党员服务队防汛抢险")
    # the body starts from the kind's outline; the preview renders it as the site does
    body = dialog.get_by_label("正文（Markdown）")
    assert "## 背景" in body.input_value()
    body.fill("## 背景\n\n汛期**到来**，见 [[hebei-jgdw]]。\n")
    rendered = dialog.locator(".sce-rendered")
    rendered.locator("strong").wait_for()
    assert rendered.locator("strong").inner_text() == "到来"
    assert rendered.locator("a").inner_text() == "河北省水利厅直属机关党委"  # [[id]] as the site links it
    watched.screenshot("editor-new-case")
    dialog.get_by_role("button", name="保存").click()
    # the new record's page opens, and the file is written as the form said
    page.wait_for_url(server.url + "cases/kuqu-2021/")
    assert page.locator("h1").first.inner_text() == "库区党员服务队防汛抢险"
    written = front(read(server, "content/cases/kuqu-2021.md"))
    assert written["title"] == "库区党员服务队防汛抢险" and written["date"] == "2021年7月"
    assert written["branches"] == ["hebei-jgdw"] and written["category"] == "防汛抗旱"
    assert "draft" not in written and "visibility" not in written
    assert read(server, "content/cases/kuqu-2021.md").split("---\n", 2)[2].strip() == "## 背景\n\n汛期**到来**，见 [[hebei-jgdw]]。"
    assert watched.errors == []


def test_a_new_lecture_numbered_in_its_series(server, watched):
    page = watched.page
    dialog = open_editor(page, server.url + "lectures/", "新建讲堂")
    dialog.locator('[data-path="title"] input').fill("基线讲堂第2期：治水精神")
    dialog.locator('[data-path="series"] input').fill("基线讲堂")
    dialog.locator('[data-path="number"] input').fill("2")
    dialog.locator('[data-path="date"] input').fill("2021年8月3日")
    # a list that may not be empty starts with one item: the first speaker
    dialog.locator('[data-path="speakers.0.name"] input').fill("李四")
    page.wait_for_function("document.querySelector('.sce-new-id input').value === '基线讲堂/002'")
    dialog.get_by_role("button", name="保存").click()
    page.wait_for_url("**/lectures/*/002/")
    assert page.locator("h1").first.inner_text() == "基线讲堂第2期：治水精神"
    written = front(read(server, "content/lectures/基线讲堂/002.md"))
    assert written["number"] == 2 and written["speakers"] == [{"name": "李四"}] and written["date"] == "2021年8月3日"
    assert watched.errors == []


def test_a_new_record_never_takes_an_id_in_use(server, watched):
    page = watched.page
    before = read(server, "content/cases/baseline-case.md")
    dialog = open_editor(page, server.url + "cases/", "新建典型案例")
    dialog.locator('[data-path="title"] input').fill("另一个案例")
    page.wait_for_function("document.querySelector('.sce-new-id input').value !== ''")
    dialog.get_by_label("编号（文件名）").fill("Baseline-Case")  # taken, in another letter case
    dialog.locator('[data-path="date.start"] input').fill("2021")
    dialog.locator('[data-path="branches.0"] input').fill("baseline-branch")
    dialog.locator('[data-path="category"] select').select_option("其他")
    dialog.get_by_role("button", name="保存").click()
    error = dialog.locator('.sce-new-id .sce-error')
    error.wait_for()
    assert "baseline-case" in error.inner_text().lower()
    assert read(server, "content/cases/baseline-case.md") == before
    assert not (server.project_dir / "content/cases/Baseline-Case.md").exists()


def test_edit_a_branch_field_and_a_brand_milestones(server, watched):
    page = watched.page
    dialog = open_editor(page, server.url + "branches/hebei-jgdw/", "编辑")
    unit = dialog.get_by_label("所属单位")
    assert unit.input_value() == "河北省水利厅"
    unit.fill("河北省水利厅机关")
    dialog.get_by_role("button", name="保存").click()
    page.wait_for_function("document.body && document.body.innerText.includes('河北省水利厅机关')")
    # only that line changed: the comment, the body and every other byte are as they were
    assert read(server, BRANCH) == BRANCH_TEXT.replace("unit: 河北省水利厅\n", "unit: 河北省水利厅机关\n")

    dialog = open_editor(page, server.url + "brands/xianfeng/", "编辑")
    milestones = field(dialog, "milestones")
    milestones.locator('[data-path="milestones.1.name"] input').fill("开展结对共建活动")
    milestones.get_by_role("button", name="添加 推进计划").click()
    milestones.locator('[data-path="milestones.2.name"] input').fill("总结提升")
    milestones.locator('[data-path="milestones.2.start"] input').fill("2023-01")
    milestones.get_by_role("button", name="上移 推进计划 第 3 项").click()
    milestones.get_by_role("button", name="删除 推进计划 第 1 项").click()
    page.keyboard.press("Tab")  # focus stays in the list after a removal
    watched.screenshot("editor-milestones")
    dialog.get_by_role("button", name="保存").click()
    page.wait_for_function("document.body && document.body.innerText.includes('总结提升')")
    written = read(server, BRAND)
    assert front(written)["milestones"] == [{"name": "总结提升", "start": "2023-01"},
                                            {"name": "开展结对共建活动", "start": 2022}]
    assert written.split("---\n", 2)[2] == BRAND_TEXT.split("---\n", 2)[2]  # the body, byte for byte
    assert watched.errors == []


def test_upload_an_image(server, watched, tmp_path):
    page = watched.page
    picture = tmp_path / "标识.png"
    picture.write_bytes(PNG)
    dialog = open_editor(page, server.url + "brands/baseline-brand/", "编辑")
    logo = field(dialog, "logo")
    # a file the field does not take (a logo is an image) is refused, with the server's words
    text = tmp_path / "说明.txt"
    text.write_text("说明", encoding="utf-8")
    logo.get_by_label("上传新文件").set_input_files(str(text))
    note = logo.locator(".sce-file-note")
    page.wait_for_function("document.querySelector('[data-path=\"logo\"] .sce-file-note').textContent !== ''")
    assert note.inner_text().startswith("上传失败：") and ".png" in note.inner_text()
    assert not list((server.project_dir / "content").rglob("说明*"))
    logo.get_by_label("上传新文件").set_input_files(str(picture))
    path = logo.locator("input[type=text]")
    page.wait_for_function("document.querySelector('[data-path=\"logo\"] input[type=text]').value !== ''")
    value = path.input_value()
    assert value.startswith("/assets/brands/") and value.endswith(".png")
    stored = server.project_dir / "content" / value.lstrip("/")
    assert stored.read_bytes() == PNG
    thumb = logo.locator("img.sce-thumb")
    thumb.wait_for()
    page.wait_for_function("document.querySelector('.sce-thumb').naturalWidth === 1")
    # the file is now among those to choose from, for the cover too
    cover = field(dialog, "cover")
    choose = cover.get_by_label("选择已有文件")
    choose.focus()
    page.wait_for_function(f"Array.from(document.querySelectorAll('[data-path=\"cover\"] option')).some(o => o.value === {value!r})")
    choose.select_option(value)
    assert cover.locator("input[type=text]").input_value() == value
    dialog.get_by_role("button", name="保存").click()
    page.wait_for_function("!document.querySelector('dialog[open]')")
    written = front(read(server, "content/brands/baseline-brand.md"))
    assert written["logo"] == value and written["cover"] == value


def test_an_error_is_shown_beside_its_field_and_nothing_is_written(server, watched):
    page = watched.page
    before = read(server, BRANCH)
    dialog = open_editor(page, server.url + "branches/hebei-jgdw/", "编辑")
    members = dialog.get_by_label("党员人数")
    members.fill("三十名")
    # a tag too long, after an empty item (left out)
    tags = field(dialog, "tags")
    tags.get_by_role("button", name="添加 标签").click()
    tags.get_by_role("button", name="添加 标签").click()
    tags.get_by_role("textbox", name="标签 第 2 项").fill("长" * 41)
    saves = []
    page.on("request", lambda r: r.method == "POST" and "/edit/record/" in r.url and saves.append(r.url))
    members.press("Enter")  # Enter in a field does not send the form
    page.wait_for_timeout(300)
    assert saves == []
    dialog.get_by_role("button", name="保存").click()
    error = field(dialog, "members").locator(".sce-error")
    error.wait_for()
    text = error.inner_text()
    assert "党员人数" in text and "三十名" in text and "[E" in text  # the checker's own words and code
    assert members.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.closest('[data-path]').dataset.path") == "members"
    assert "3 个问题" in dialog.locator(".sce-summary").inner_text()
    # the tag's two problems (too long, too long for an address) beside the list or the item
    beside = " ".join(tags.locator(".sce-error").all_inner_texts())
    assert beside.count("“tags”（标签）") == 2 and "[E021]" in beside
    watched.screenshot("editor-error")
    assert read(server, BRANCH) == before
    # fixed, it saves
    members.fill("31")
    tags.get_by_role("textbox", name="标签 第 2 项").fill("水利")
    members.press("Control+s")  # saves, as in an editor
    page.wait_for_function("!document.querySelector('dialog[open]')")
    assert front(read(server, BRANCH))["members"] == 31 and front(read(server, BRANCH))["tags"] == ["水利"]


def test_a_file_changed_on_disk_is_not_overwritten(server, watched):
    page = watched.page
    dialog = open_editor(page, server.url + "cases/baseline-case/", "编辑")
    changed = read(server, "content/cases/baseline-case.md").replace("title: 基线案例", "title: 别处改过的标题")
    server.write("content/cases/baseline-case.md", changed)
    dialog.locator('[data-path="title"] input').fill("表单里的标题")
    dialog.get_by_role("button", name="保存").click()
    reload = dialog.get_by_role("button", name="重新载入（放弃本页的修改）")
    reload.wait_for()
    assert dialog.locator(".sce-summary").inner_text().strip()
    assert read(server, "content/cases/baseline-case.md") == changed
    watched.screenshot("editor-conflict")
    reload.click()
    page.wait_for_function("document.querySelector('[data-path=\"title\"] input').value === '别处改过的标题'")
    # the editor stayed open over a page the live reload did not take away
    assert page.locator("dialog.sce-editor[open]").count() == 1


def test_on_a_phone_the_form_fits_and_esc_closes_it(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="zh-CN", has_touch=True)
    page = context.new_page()
    try:
        dialog = open_editor(page, server.url + "brands/xianfeng/", "编辑")
        assert page.evaluate("document.activeElement.closest('[data-path]').dataset.path") == "title"
        width = page.evaluate("document.querySelector('dialog.sce-editor').getBoundingClientRect().width")
        overflow = page.evaluate("(() => { const m = document.querySelector('.sce-main'); return m.scrollWidth - m.clientWidth; })()")
        assert width <= 390 and overflow <= 0
        dialog.get_by_role("button", name="保存").wait_for()
        page.screenshot(path=str(REPO / "tests" / "artifacts" / "editor-phone.png"))
        page.keyboard.press("Escape")  # nothing changed: it closes without asking, focus back on 编辑
        page.wait_for_function("document.activeElement.id === 'sc-editor-open' && !document.querySelector('dialog')")
        # with a change, closing asks first: declined, the form stays; accepted, it goes
        dialog = open_editor(page, server.url + "brands/xianfeng/", "编辑")
        dialog.locator('[data-path="slogan"] input').fill("改了还没保存")
        asked = []
        page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        assert asked == ["有未保存的修改，确定关闭吗？"] and dialog.is_visible()
        page.once("dialog", lambda d: d.accept())
        dialog.locator(".sce-foot").get_by_role("button", name="关闭").click()
        dialog.wait_for(state="detached")
        assert "改了还没保存" not in read(server, BRAND)
    finally:
        context.close()


def test_every_sample_record_saved_through_the_form_unchanged_keeps_its_bytes(tmp_path, watched):
    """The form sends back what it was given for every field left alone (and keys it does not
    show), so 保存 without a change leaves every sample file as it was. (The internal edition's
    preview: a public one has no page for an internal record.)"""
    root = tmp_path / "sample"
    shutil.copytree(REPO / "content", root / "content")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - showcase:\n      lang: zh\n" in config
    (root / "mkdocs.yml").write_text(config.replace("\n      lang: zh\n", "\n      lang: zh\n      visibility: internal\n"),
                                     encoding="utf-8")
    files = sorted((root / "content").glob("[bcls]*/**/*.md"))
    before = {path: path.read_bytes() for path in files}
    running = Server(root)
    try:
        page = watched.page
        for path in files:
            rel = path.relative_to(root / "content").with_suffix("")
            dialog = open_editor(page, f"{running.url}{rel.as_posix()}/", "编辑")
            with page.expect_navigation(), \
                    page.expect_response(lambda r: r.request.method == "POST" and "/edit/record/" in r.url) as saved:
                dialog.get_by_role("button", name="保存").click()  # the page reloads after a save
            assert saved.value.status == 200, (rel, saved.value.text())
            assert path.read_bytes() == before[path], rel
    finally:
        running.stop()
    assert len(files) > 50 and watched.errors == []


UNNAMED = """() => Array.from(document.querySelectorAll('dialog input, dialog select, dialog textarea, dialog button'))
  .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby')
               && !(c.tagName === 'BUTTON' && c.textContent.trim()))
  .map(c => c.outerHTML.slice(0, 120))"""


@pytest.mark.parametrize("kind,folder", [("党组织", "branches"), ("党建品牌", "brands"), ("示范点", "sites"),
                                         ("讲堂", "lectures"), ("典型案例", "cases")])
def test_every_control_of_every_form_has_a_name(server, watched, kind, folder):
    page = watched.page
    dialog = open_editor(page, f"{server.url}{folder}/", "新建" + kind)
    for add in dialog.locator(".sce-add").all():  # one item in every list, so that items are checked too
        add.click()
    assert page.evaluate(UNNAMED) == []
    required = dialog.locator("legend .sce-required, label .sce-required")
    assert required.count() >= 2  # the id and the title at least, marked
    assert watched.errors == []
