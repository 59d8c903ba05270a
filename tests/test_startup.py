"""generator/startup.py, run at interpreter start-up (showcase-quiet.pth): it sets
NO_MKDOCS_2_WARNING for the `mkdocs` program only, never over the user's value, never when
verbose output is asked for. (The real runs are in test_console.py and test_package.py.)"""

from __future__ import annotations

import pytest

from generator.startup import hide_banner


@pytest.mark.parametrize("argv, orig_argv, hidden", [
    (["/venv/bin/mkdocs", "build"], ["/venv/bin/python", "/venv/bin/mkdocs", "build"], True),
    (["-m", "serve"], ["python3", "-m", "mkdocs", "serve"], True),
    (["mkdocs.exe", "build"], ["mkdocs.exe", "build"], True),
    (["/venv/bin/mkdocs", "build", "-v"], [], False),
    (["/venv/bin/mkdocs", "serve", "--verbose"], [], False),
    (["/venv/bin/mkdocs", "build", "-sv"], [], False),  # grouped short flags
    (["/venv/bin/mkdocs", "build", "-f", "mkdocs.yml"], [], True),
    (["/venv/bin/mkdocs", "build", "--", "-v"], [], True),  # after "--": no option
    (["-m", "build"], ["python3", "-m", "mkdocs", "build", "-v"], False),
    (["/venv/bin/showcase", "build"], ["/venv/bin/python", "/venv/bin/showcase", "build"], False),
    (["-c"], ["python3", "-c", "print(1)"], False),
    (["-m", "pytest"], ["python3", "-m", "pytest", "-m", "mkdocs"], False),  # "-m mkdocs" given to pytest
    (["-m", "build"], ["python3", "-X", "dev", "-W", "error", "-m", "mkdocs", "build"], True),
    (["x.py"], ["python3", "x.py", "-m", "mkdocs"], False),
    ([], [], False),
])
def test_the_banner_is_hidden_for_mkdocs_only(argv, orig_argv, hidden):
    environ: dict = {}
    hide_banner(argv, orig_argv, environ)
    assert environ == ({"NO_MKDOCS_2_WARNING": "1"} if hidden else {})


@pytest.mark.parametrize("environ", [{"NO_MKDOCS_2_WARNING": ""}, {"NO_MKDOCS_2_WARNING": "0"},
                                     {"SHOWCASE_VERBOSE": "1"}])
def test_the_users_choice_wins(environ):
    before = dict(environ)
    hide_banner(["/venv/bin/mkdocs", "build"], [], environ)
    assert environ == before
