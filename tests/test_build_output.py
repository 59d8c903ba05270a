"""What a failed, killed, concurrent or --dirty build leaves in the output folder: real builds
(`mkdocs build`, `showcase build`) in subprocesses, some killed mid-way, and the folder
inspected afterwards — the previous site whole, no process or temporary folder left behind."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import console_script, md, subprocess_env, write_project

from generator.search.pagefind import SCRATCH_NAME, _scratch_dir

pytestmark = [pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"), pytest.mark.build]

RECORDS = 600  # cases: enough that the search index is still being built a moment after it starts


def big_project(root: Path, records: int = RECORDS) -> Path:
    body = "\n\n".join(f"第{n}段：基层党建引领乡村振兴，服务群众志愿先锋模范。" * 6 for n in range(8))
    files = {f"content/cases/case-{i:04d}.md": md(f"""
        title: 典型案例{i}号
        date: 2021-07-17
        branches: [baseline-branch]
        category: 服务群众
        tags: [标签{i % 50}]
        """, body) for i in range(records)}
    return write_project(root, files)


def build_command(project: Path, site: Path, *args: str) -> list[str]:
    return [console_script("mkdocs"), "build", "-f", str(project / "mkdocs.yml"), "-d", str(site), *args]


def showcase_build_command(project: Path, site: Path, *args: str) -> list[str]:
    return [console_script("showcase"), "build", str(project), "--site-dir", str(site), *args]


def run(command: list[str], **env) -> subprocess.CompletedProcess:
    """The command's run, with stderr merged into stdout (MkDocs prints why it aborted on stdout)."""
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          encoding="utf-8", env=subprocess_env(**env), timeout=300)


def tree(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` (dot files included) → a hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def in_group(pgid: int) -> list[int]:
    """Live (not zombie) processes of process group `pgid`."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append(int(entry))
    return found


def start_and_wait_for_index(command: list[str], **env) -> tuple[subprocess.Popen, int]:
    """Start a build; return once its background index process runs (mid-way through the build)."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=subprocess_env(**env))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        forked = children(process.pid)
        if forked:
            time.sleep(0.1)  # let it write some of the bundle
            assert alive(forked[0]), "the index was done before the build could be killed mid-way"
            return process, forked[0]
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    process.kill()
    raise AssertionError("the build never started its index process")


def scratch_of(pid: int) -> list[str]:
    scratch = _scratch_dir() or "/tmp"
    return [n for n in os.listdir(scratch) if n.startswith(f"{SCRATCH_NAME}-{pid}-")]


def assert_nothing_left_of(index_pid: int, site: Path) -> None:
    assert not alive(index_pid) and in_group(index_pid) == [], "a process of the index job outlived the build"
    assert scratch_of(index_pid) == []
    assert not [p.name for p in site.glob(".pagefind-*")]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return big_project(tmp_path_factory.mktemp("big"))


# -- 12: a failed check leaves the site as it was ------------------------------------------------

def test_a_failed_check_leaves_the_published_site_untouched(make_project, tmp_path):
    project = make_project()
    site = tmp_path / "site"
    assert run(build_command(project, site)).returncode == 0
    before = tree(site)
    assert "index.html" in before and "pagefind/pagefind.js" in before
    (project / "content/branches/baseline-branch.md").write_text(md("title: 坏了\nlevel: 不存在的级别"),
                                                                 encoding="utf-8")
    failed = run(build_command(project, site))
    assert failed.returncode != 0 and "内容检查未通过" in failed.stdout
    assert tree(site) == before


def test_showcase_build_replaces_the_site_only_when_everything_succeeded(make_project, tmp_path):
    project = make_project()
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("旧页面")
    assert run(showcase_build_command(project, site)).returncode == 0
    before = tree(site)
    assert "stale.html" not in before and "cases/baseline-case/index.html" in before
    assert site.stat().st_mode & 0o777 == 0o755 & ~current_umask()

    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho broken >&2\nexit 3\n")
    fake.chmod(0o755)
    (project / "content/cases/baseline-case.md").write_text(
        (project / "content/cases/baseline-case.md").read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    failed = run(showcase_build_command(project, site), PAGEFIND_BINARY_PATH=str(fake))
    assert failed.returncode == 1 and "Pagefind 退出码 3" in failed.stdout
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pagefind", "project0", "site"]  # no temporary folder


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_showcase_build_killed_mid_way_leaves_the_previous_site_whole(project, tmp_path):
    site = tmp_path / "site"
    assert run(showcase_build_command(project, site, "--internal")).returncode == 0
    before = tree(site)
    build, index_pid = start_and_wait_for_index(showcase_build_command(project, site))
    build.send_signal(signal.SIGTERM)
    build.communicate(timeout=60)
    assert build.returncode == -signal.SIGTERM
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # the half-built folder is gone
    assert_nothing_left_of(index_pid, site)


# -- 13: killed and concurrent builds --------------------------------------------------------------

@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_build_takes_its_index_job_with_it(project, tmp_path, signum):
    site = tmp_path / "site"
    build, index_pid = start_and_wait_for_index(build_command(project, site))
    build.send_signal(signum)
    build.communicate(timeout=60)
    assert build.returncode == -signum
    if signum == signal.SIGKILL:  # nothing ran in the build: the kernel tells the index job
        deadline = time.monotonic() + 30  # its unwinding removes its folders: slow under load
        while (alive(index_pid) or in_group(index_pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert_nothing_left_of(index_pid, site)
    assert not (site / "pagefind").exists()  # no partial index
    rebuilt = run(build_command(project, site))
    assert rebuilt.returncode == 0, rebuilt.stdout
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "cases/case-0199/index.html").is_file()
    assert not (site / ".showcase-build.lock").exists()


def slow_pagefind(folder: Path, seconds: int) -> str:
    """A Pagefind that waits before indexing: a build that stays busy however fast the machine is."""
    from generator.search import pagefind_binary

    script = folder / "slow-pagefind"
    script.write_text(f'#!/bin/sh\nsleep {seconds}\nexec "{pagefind_binary()}" "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_a_second_build_into_the_same_site_refuses_to_start(project, tmp_path):
    site = tmp_path / "site"
    first, _ = start_and_wait_for_index(build_command(project, site),
                                        PAGEFIND_BINARY_PATH=slow_pagefind(tmp_path, 20))
    second = run(build_command(project, site))
    assert second.returncode != 0
    assert f"另一个生成过程（进程 {first.pid}）正在写入 {site}" in second.stdout
    assert f"another build (process {first.pid}) is writing {site}" in second.stdout
    busy = run(showcase_build_command(project, site))
    assert busy.returncode == 1 and f"进程 {first.pid}" in busy.stdout
    assert first.wait(timeout=300) == 0, first.communicate()
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "cases/case-0199/index.html").is_file()


def test_the_lock_of_a_dead_build_is_taken_over(make_project, tmp_path):
    project, site = make_project(), tmp_path / "site"
    site.mkdir()
    dead = subprocess.Popen(["true"])
    dead.wait()
    (site / ".showcase-build.lock").write_text(f"{dead.pid}\n")
    built = run(build_command(project, site))
    assert built.returncode == 0, built.stdout
    assert not (site / ".showcase-build.lock").exists()


# -- 14: --dirty over another edition ---------------------------------------------------------------

def test_dirty_build_refuses_to_mix_editions(make_project, tmp_path):
    project = make_project({"content/cases/neibu.md": md("""
        title: 内部案例秘密
        date: 2021-07-17
        branches: [baseline-branch]
        category: 服务群众
        visibility: internal
        """)})
    site = tmp_path / "site"
    assert run(build_command(project, site), SHOWCASE_VISIBILITY="internal").returncode == 0
    assert (site / "cases/neibu/index.html").is_file()
    before = tree(site)
    dirty = run(build_command(project, site, "--dirty"))
    assert dirty.returncode != 0
    assert f"不能用 --dirty：{site} 中是内部版，这次生成的是公开版" in dirty.stdout
    assert "holds the internal edition and this build is the public edition" in dirty.stdout
    assert tree(site) == before

    assert run(build_command(project, site)).returncode == 0  # a clean public build, then --dirty is fine
    assert not (site / "cases/neibu").exists()
    again = run(build_command(project, site, "--dirty"))
    assert again.returncode == 0, again.stdout
    assert not (site / "cases/neibu").exists()


def test_dirty_build_over_a_site_of_unknown_edition_refuses(make_project, tmp_path):
    project, site = make_project(), tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("别处生成的网站")
    dirty = run(build_command(project, site, "--dirty"))
    assert dirty.returncode != 0 and "来历不明的旧网站" in dirty.stdout
    assert tree(site) == {"index.html": hashlib.sha256("别处生成的网站".encode()).hexdigest()}


def test_a_large_replaced_site_is_removed_after_the_command(tmp_path):
    """The site a build replaced goes in a process of its own (renamed after that process, so
    that a build starting meanwhile leaves it alone), not in the command's time."""
    from generator.core.processes import temp_prefix
    from generator.site.output import REMOVED_AT_ONCE, remove_replaced

    old = tmp_path / f"{temp_prefix('.site')}old"
    for n in range(50):
        (old / f"p{n}").mkdir(parents=True)
        (old / f"p{n}" / "index.html").write_text("旧页面")
    remove_replaced(str(old), ".site", REMOVED_AT_ONCE)
    assert list(tmp_path.iterdir()), "removed before the command went on"  # (Python takes longer to start)
    deadline = time.monotonic() + 60
    while list(tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(tmp_path.iterdir()) == []
    small = tmp_path / f"{temp_prefix('.site')}small"
    (small / "p").mkdir(parents=True)
    remove_replaced(str(small), ".site", 10)  # a small site: at once
    assert list(tmp_path.iterdir()) == []
