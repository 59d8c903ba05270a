"""Keeping a build's helper processes and temporary folders from outliving it.

A temporary folder is named `<name>-<pid>-…` after the process that owns it, so that one left
behind by a killed process can be recognised (its pid is gone) and removed by the next run.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
TERMINATING = (signal.SIGTERM, signal.SIGINT) + ((signal.SIGHUP,) if hasattr(signal, "SIGHUP") else ())


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def die_with_parent(parent: int, signum: int = signal.SIGTERM) -> None:
    """In a child process: have Linux send it `signum` when `parent` dies, even by SIGKILL.
    Elsewhere, or when prctl is unavailable, nothing (the parent's handlers still cancel it)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os.kill(os.getpid(), signum)


def temp_prefix(name: str) -> str:
    """The prefix of a temporary folder this process owns (for tempfile's prefix=)."""
    return f"{name}-{os.getpid()}-"


def remove_stale(folder: str, name: str) -> None:
    """Remove the temporary folders `name`-<pid>-… in `folder` whose process is gone."""
    pattern = re.compile(re.escape(name) + r"-(\d+)-")
    try:
        entries = os.listdir(folder)
    except OSError:
        return
    for entry in entries:
        found = pattern.match(entry)
        if found and not pid_alive(int(found[1])):
            shutil.rmtree(os.path.join(folder, entry), ignore_errors=True)


class OnTermination:
    """Run `cleanup` when a terminating signal (SIGTERM, SIGINT, SIGHUP) reaches this process,
    then let the signal do what it did before (end the process, or an outer OnTermination).

    Installed only from the main thread (the only one Python delivers signals to), and only
    over a default or Python handler: an ignored signal stays ignored.
    """

    def __init__(self, cleanup):
        self.cleanup = cleanup
        self.previous: dict = {}

    def install(self) -> "OnTermination":
        if threading.current_thread() is threading.main_thread():
            for signum in TERMINATING:
                current = signal.getsignal(signum)
                if current is signal.SIG_DFL or callable(current):
                    self.previous[signum] = signal.signal(signum, self._handle)
        return self

    def uninstall(self) -> None:
        previous, self.previous = self.previous, {}
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    def _handle(self, signum, frame) -> None:
        self.uninstall()
        try:
            self.cleanup()
        finally:
            os.kill(os.getpid(), signum)  # now handled as before this was installed
