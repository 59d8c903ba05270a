"""What staff see of a build on the console: our Chinese lines and a one-line summary.

MkDocs' English progress lines ("Cleaning site directory", "Building documentation to
directory: …", "Documentation built in … seconds"; under `mkdocs serve` also "Watching paths
for changes", "Detected file changes", "Reloading browsers"…) are hidden; the plugin's summary
says the same in Chinese, and "Serving on URL" becomes showcase serve's 预览地址 line.
Material's end-of-life banner is printed when the theme is imported, only when
NO_MKDOCS_2_WARNING is unset and the program is `mkdocs`: `showcase build` never shows it;
for a plain `mkdocs build` or `mkdocs serve`, generator/startup.py (run at interpreter
start-up) sets the variable. SHOWCASE_VERBOSE=1 (`showcase build --verbose`) or
MkDocs' own `--verbose` shows everything.
"""

from __future__ import annotations

import logging
import os
import re

from .preview.messages import say
from .startup import BANNER_ENV, verbose_env

# The folder the summary names: `showcase build` builds into a temporary folder, then swaps it in.
PUBLISHED_DIR_ENV = "SHOWCASE_PUBLISHED_DIR"
# MkDocs' own progress lines of a build (mkdocs/commands/build.py) and of `mkdocs serve`
# (commands/serve.py, livereload/), by how they begin after livereload's "[12:00:00] ".
PROGRESS_LINES = ("Cleaning site directory", "Building documentation", "Documentation built in",
                  "Watching paths for changes", "Detected file changes", "Reloading browsers",
                  "Browser connected", "Shutting down")
LOGGERS = ("mkdocs.commands.build", "mkdocs.commands.serve", "mkdocs.livereload")
_TIME = re.compile(r"\[[\d:]+\] ")
_SERVING = re.compile(r"Serving on (\S+)")  # said in Chinese: the address is worth a line


def verbose() -> bool:
    return verbose_env() or logging.getLogger("mkdocs").getEffectiveLevel() <= logging.DEBUG


class _HideProgress(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if verbose() or record.levelno != logging.INFO:
            return True
        message = record.getMessage()
        clock = _TIME.match(message)
        text = message[clock.end():] if clock else message
        serving = _SERVING.match(text)
        if serving:
            record.msg, record.args = (clock[0] if clock else "") + say("serving", "zh", url=serving[1]), ()
        return not text.startswith(PROGRESS_LINES)


_FILTER = _HideProgress()


def quiet_third_party() -> None:
    """Hide third-party English lines from now on in this process (and its children), unless verbose."""
    if not verbose_env():
        os.environ.setdefault(BANNER_ENV, "1")
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


def shown_dir(site_dir: str) -> str:
    """The site folder as the summary names it: relative to the current folder when inside it."""
    folder = os.environ.get(PUBLISHED_DIR_ENV) or site_dir
    relative = os.path.relpath(folder)
    return folder if relative.startswith(os.pardir) else relative
