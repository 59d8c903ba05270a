"""The check cache of `showcase check`: keyed by a file's content (an edit that keeps its size
and mtime is re-checked), refreshed by --no-cache, and a cache that cannot be written costs
one warning, never a traceback."""

from __future__ import annotations

import os

import pytest
from conftest import md

from generator.cli import main
from generator.core.checkcache import CheckCache, stamp
from generator.core.settings import load_settings

BRANCH = "content/branches/baseline-branch.md"


def check(project, capsys, *args) -> tuple[int, str, str]:
    code = main(["check", str(project), *args])
    out, err = capsys.readouterr()
    return code, out, err


def cache_of(project) -> CheckCache:
    settings = load_settings(str(project))
    return CheckCache(str(project / ".cache/showcase/check.marshal"), settings)


@pytest.fixture
def project(make_project):
    return make_project({BRANCH: md("title: 基线党支部\nlevel: 党支部\nmembers: 1260")})


def test_an_edit_that_keeps_size_and_mtime_is_rechecked(project, capsys):
    assert check(project, capsys)[0] == 0
    path = project / BRANCH
    before = os.stat(path)
    path.write_bytes(path.read_bytes().replace(b"members: 1260", b"members: 12x0"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # `touch -d` to the old time
    assert (os.stat(path).st_size, os.stat(path).st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    code, out, _ = check(project, capsys)
    assert code == 1
    assert out.startswith(f"{BRANCH}:4: 错误：") and "12x0" in out


def test_no_cache_refreshes_the_entries(project, capsys):
    assert check(project, capsys)[0] == 0
    path = project / BRANCH
    path.write_bytes(path.read_bytes().replace(b"members: 1260", b"members: 1261"))
    assert check(project, capsys, "--no-cache")[0] == 0
    entry = cache_of(project).entries["branches/baseline-branch.md"]
    assert entry[0] == stamp(path.read_bytes())


@pytest.mark.parametrize("blocker", [".cache", ".cache/showcase/check.marshal/x"],
                         ids=["cache-folder-is-a-file", "cache-file-is-a-folder"])
def test_a_cache_that_cannot_be_written_means_one_warning(project, capsys, blocker):
    target = project / blocker
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("不是缓存")
    for _ in range(2):
        code, out, err = check(project, capsys)
        assert code == 0 and out == ""
        warnings = [line for line in err.splitlines() if "检查缓存" in line]
        assert len(warnings) == 1, err
        assert warnings[0].startswith("警告：无法写入检查缓存") and "本次检查未使用缓存" in warnings[0]
        assert "Traceback" not in err
    # and the content is still checked
    (project / BRANCH).write_text(md("title: 基线党支部\nlevel: 党支布"), encoding="utf-8")
    assert check(project, capsys)[0] == 1


def test_a_record_from_the_build_cache_is_the_record_read(make_project):
    """showcase build's RecordCache keeps whole records, each body and lines decoded only when
    first read: what a build gets from it is the file read afresh, value for value; a damaged
    body in the cache means the file is read afresh, not a damaged page."""
    from generator.core.checkcache import RecordCache
    from generator.core.project import load_project

    case = "content/cases/baseline-case.md"
    project = make_project({BRANCH: md("title: 基线党支部\nlevel: 党支部\nmembers: 1260\ntags: [学习, 服务]",
                                       "第一段，见[[baseline-case]]。\n\n## 做法\n\n第二段。")})
    settings = load_settings(str(project))
    path = str(project / ".cache/showcase/records.marshal")
    fresh = load_project(settings, cache=RecordCache(path, settings))
    cache = RecordCache(path, settings)
    cached = load_project(settings, cache=cache)
    assert len(cached.records) == len(fresh.records) > 1 and case[len("content/"):] in cached.by_file
    for read, kept in zip(fresh.records, cached.records):
        assert "body" not in vars(kept) and "lines" not in vars(kept)  # not decoded until asked
        assert (kept.values, kept.body, kept.lines, kept.references, kept.files, kept.title) == \
               (read.values, read.body, read.lines, read.references, read.files, read.title)
    uri = BRANCH[len("content/"):]
    assert "第二段" in cached.by_file[uri].body

    entry = cache.entries[uri]
    check, state, body, lines = entry[3]
    cache.entries[uri] = (*entry[:3], (check, state, body.replace("第二段".encode(), "第三段".encode()), lines))
    cache.dirty = True
    cache.save(list(cache.entries))
    again = load_project(settings, cache=RecordCache(path, settings))
    assert "第二段" in again.by_file[uri].body and "body" in vars(again.by_file[uri])  # read afresh
