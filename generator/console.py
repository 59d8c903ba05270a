"""What staff see of a build on the console: our Chinese lines and a one-line summary.

MkDocs' English progress lines ("Cleaning site directory", "Building documentation to
directory: …", "Documentation built in … seconds") are hidden; the plugin's summary says
the same in Chinese. Material's end-of-life banner is printed when the theme is imported,
only when NO_MKDOCS_2_WARNING is unset and the program is `mkdocs`: `showcase build` never
shows it; for a plain `mkdocs build` or `mkdocs serve`, generator/startup.py (run at
interpreter start-up) sets the variable. SHOWCASE_VERBOSE=1 (`showcase build --verbose`) or
MkDocs' own `--verbose` shows everything.
"""

from __future__ import annotations

import logging
import os

from .startup import BANNER_ENV, verbose_env

# The folder the summary names: `showcase build` builds into a temporary folder, then swaps it in.
PUBLISHED_DIR_ENV = "SHOWCASE_PUBLISHED_DIR"
# MkDocs' own progress lines of a build (mkdocs/commands/build.py), by how they begin.
PROGRESS_LINES = ("Cleaning site directory", "Building documentation to directory:", "Documentation built in")
BUILD_LOGGER = "mkdocs.commands.build"


def verbose() -> bool:
    return verbose_env() or logging.getLogger("mkdocs").getEffectiveLevel() <= logging.DEBUG


class _HideProgress(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return verbose() or record.levelno != logging.INFO or not record.getMessage().startswith(PROGRESS_LINES)


_FILTER = _HideProgress()


def quiet_third_party() -> None:
    """Hide third-party English lines from now on in this process (and its children), unless verbose."""
    if not verbose_env():
        os.environ.setdefault(BANNER_ENV, "1")
    logger = logging.getLogger(BUILD_LOGGER)
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)


def shown_dir(site_dir: str) -> str:
    """The site folder as the summary names it: relative to the current folder when inside it."""
    folder = os.environ.get(PUBLISHED_DIR_ENV) or site_dir
    relative = os.path.relpath(folder)
    return folder if relative.startswith(os.pardir) else relative
