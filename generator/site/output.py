"""The output folder: one build writing it at a time, which edition it holds, and swapping a
finished build in for the previous one.

Our files in site_dir start with a dot: MkDocs' cleaning leaves those alone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from ..core.messages import Text, bilingual
from ..core.project import Visibility

LOCK_FILE = ".showcase-build.lock"
STAMP_FILE = ".showcase-build.json"


class SiteBusy(Exception):
    """Another live process is building into the same folder; the message is Chinese, then English."""


class SiteLock:
    """An exclusive lock on a site folder while a build writes it: the file <site>/.showcase-build.lock
    holds the owner's pid and is locked with flock, so the lock of a process that died (even by
    SIGKILL) is free for the next build, which takes the file over. Processes forked by the owner
    (the search index) share the lock until they exit. Without flock (Windows) there is no lock.
    """

    def __init__(self, site_dir: str):
        self.site_dir = os.path.abspath(site_dir)
        self.path = os.path.join(self.site_dir, LOCK_FILE)
        self.fd: int | None = None
        self.owner = os.getpid()

    def acquire(self) -> "SiteLock":
        try:
            import fcntl
        except ImportError:
            return self
        os.makedirs(self.site_dir, exist_ok=True)
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                pid = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
                os.close(fd)
                raise SiteBusy(bilingual("site-busy", pid=pid, site=self.site_dir, lock=self.path)) from None
            try:  # the holder may have removed the file between our open and flock: lock the new one
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd, self.owner = fd, os.getpid()
        return self

    def release(self) -> None:
        fd, self.fd = self.fd, None
        if fd is None or os.getpid() != self.owner:  # a forked child never releases its parent's lock
            return
        try:
            if os.stat(self.path).st_ino == os.fstat(fd).st_ino:
                os.unlink(self.path)
        except OSError:
            pass
        os.close(fd)


# -- which edition the folder holds (for --dirty) ----------------------------------------------

def _edition(visibility: Visibility) -> dict:
    return {"internal": visibility.internal, "drafts": visibility.drafts}


def _edition_name(edition: dict | None) -> Text:
    if edition is None:
        return Text("edition-unknown")
    name = Text("edition-internal" if edition.get("internal") else "edition-public")
    return Text("edition-drafts", edition=name) if edition.get("drafts") else name


def read_stamp(site_dir: str) -> dict | None:
    try:
        with open(os.path.join(site_dir, STAMP_FILE), encoding="utf-8") as fh:
            stamp = json.load(fh)
        return stamp if isinstance(stamp, dict) else None
    except (OSError, ValueError):
        return None


def remove_stamp(site_dir: str) -> None:
    """Before writing into the folder: until the build succeeds, its edition is unknown."""
    try:
        os.unlink(os.path.join(site_dir, STAMP_FILE))
    except FileNotFoundError:
        pass


def write_stamp(site_dir: str, visibility: Visibility) -> None:
    with open(os.path.join(site_dir, STAMP_FILE), "w", encoding="utf-8") as fh:
        json.dump(_edition(visibility), fh)


def dirty_build_problem(site_dir: str, visibility: Visibility) -> str | None:
    """Why a --dirty build of `visibility` into site_dir must not run (it would keep the pages of
    another edition), or None. A folder with pages but no stamp is of unknown edition."""
    if not os.path.isdir(site_dir) or not any(not n.startswith(".") for n in os.listdir(site_dir)):
        return None
    before = read_stamp(site_dir)
    if before is not None and before == _edition(visibility):
        return None
    return bilingual("dirty-visibility", site=site_dir, before=_edition_name(before),
                     now=_edition_name(_edition(visibility)))


# -- publishing a finished build ---------------------------------------------------------------

def publish(built: str, site_dir: str) -> None:
    """Put the finished build `built` (a sibling folder) in place of site_dir in one rename.

    Linux swaps the two atomically (renameat2 RENAME_EXCHANGE): there is never a moment without a
    site. Elsewhere, the old folder is renamed away first. The old site ends up at `built`, for
    the caller to remove.
    """
    if not os.path.exists(site_dir):
        os.rename(built, site_dir)
        return
    if _exchange(built, site_dir):
        return
    aside = built + ".old"
    os.rename(site_dir, aside)
    os.rename(built, site_dir)
    os.rename(aside, built)


def _exchange(a: str, b: str) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        at_fdcwd, rename_exchange = -100, 2
        return libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
    except (OSError, AttributeError):
        return False


def spare_path(site_dir: str) -> str:
    """Where the site a build replaced waits for the next build (`.site-spare` beside `site`): its
    folders are made again by no one. Not a temporary folder's name (remove_stale leaves it)."""
    parent, name = os.path.split(os.path.abspath(site_dir))
    return os.path.join(parent, f".{name}-spare")


def take_spare(site_dir: str, folder: str) -> bool:
    """Move the spare of site_dir to `folder` (a name of this build's), if there is one."""
    try:
        os.rename(spare_path(site_dir), folder)
        return True
    except OSError:
        return False


def keep_spare(folder: str, site_dir: str, files: int) -> None:
    """Keep `folder`, the site a build replaced, as the next build's spare (an older spare no
    build took is removed as a replaced site is); remove it when that cannot be done."""
    spare, name = spare_path(site_dir), f".{os.path.basename(os.path.abspath(site_dir))}"
    try:
        if os.path.lexists(spare):
            older = f"{folder}-older"  # still a name of this build's (remove_stale)
            os.rename(spare, older)
            remove_replaced(older, name, files)
        os.rename(folder, spare)
    except OSError:
        remove_replaced(folder, name, files)


REMOVED_AT_ONCE = 2000  # files: a replaced site this small is removed before the command returns


def remove_replaced(folder: str, name: str, files: int) -> None:
    """Remove `folder`, the site of about `files` files a build replaced: at once when it is small,
    else in a process of its own, which outlives this one (the command does not wait for
    thousands of unlinks). That process first renames the folder `name`-<its pid>-old
    (core.processes.temp_prefix's pattern), so that the next build's remove_stale(…, name) leaves
    it alone while it runs, and removes what is left if it was killed."""
    if files < REMOVED_AT_ONCE:
        shutil.rmtree(folder, ignore_errors=True)
        return
    code = ("import os, shutil, sys\n"
            "folder, renamed = sys.argv[1], os.path.join(os.path.dirname(sys.argv[1]), f'{sys.argv[2]}-{os.getpid()}-old')\n"
            "try:\n    os.rename(folder, renamed)\nexcept OSError:\n    renamed = folder\n"
            "shutil.rmtree(renamed, ignore_errors=True)\n")
    try:
        subprocess.Popen([sys.executable, "-I", "-S", "-c", code, folder, name], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
