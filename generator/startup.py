"""Run when Python starts in an environment the package is installed in (showcase-quiet.pth,
written by setup.py), so that a plain `mkdocs build` or `mkdocs serve` does not greet staff with
Material's English end-of-life banner.

Material prints that banner when MkDocs imports its theme (material/templates/__init__.py),
which happens while mkdocs.yml is read, before any plugin is imported: our plugin comes too
late, so the only earlier moment is interpreter start-up. What this does, and nothing more: in
a process whose program is `mkdocs` (`mkdocs …` or `python -m mkdocs …`), unless verbose output
is asked for (`-v`/`--verbose`, or SHOWCASE_VERBOSE=1), it sets NO_MKDOCS_2_WARNING=1 — the
switch Material itself offers — when the user has not set it. Any other program is untouched.
Standard library only: it runs at every start of Python in the environment.
"""

from __future__ import annotations

import os
import sys

VERBOSE_ENV = "SHOWCASE_VERBOSE"
BANNER_ENV = "NO_MKDOCS_2_WARNING"  # Material's switch for its banner


def verbose_env(environ=os.environ) -> bool:
    """SHOWCASE_VERBOSE asks for every line, ours and third parties'."""
    return environ.get(VERBOSE_ENV, "") not in ("", "0", "false")


def mkdocs_arguments(argv: list[str], orig_argv: list[str]) -> list[str] | None:
    """The arguments after the program when the program is MkDocs' command line, else None."""
    if os.path.basename(argv[0] if argv else "") in ("mkdocs", "mkdocs.exe"):
        return argv[1:]
    i = 1
    while i < len(orig_argv) - 1:  # python [options] -m mkdocs …: the interpreter's options first
        word = orig_argv[i]
        if word == "-m":
            return orig_argv[i + 2:] if orig_argv[i + 1] == "mkdocs" else None
        if not word.startswith("-") or word in ("-c", "-"):  # a script or a command: not -m
            return None
        i += 2 if word in ("-W", "-X", "--check-hash-based-pycs") else 1
    return None


def verbose_flag(arguments: list[str]) -> bool:
    """MkDocs' -v/--verbose, also among grouped short flags (-sv)."""
    for word in arguments:
        if word == "--":
            break
        if word == "--verbose" or (word.startswith("-") and not word.startswith("--") and "v" in word[1:]):
            return True
    return False


def hide_banner(argv: list[str], orig_argv: list[str], environ=os.environ) -> None:
    arguments = mkdocs_arguments(argv, orig_argv)
    if arguments is not None and not verbose_env(environ) and not verbose_flag(arguments):
        environ.setdefault(BANNER_ENV, "1")


hide_banner(getattr(sys, "argv", []), getattr(sys, "orig_argv", []))
