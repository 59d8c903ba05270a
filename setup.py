"""Everything is declared in pyproject.toml; this file only adds showcase-quiet.pth to the
installed files (setuptools has no declarative way to install a .pth file).

The .pth line runs when Python starts in the environment the package is installed in; it
imports generator.startup, which does nothing unless the program is `mkdocs` (see there)."""

import os

from setuptools import setup
from setuptools.command.build_py import build_py

PTH = "showcase-quiet.pth"


class BuildPyWithPth(build_py):
    def run(self):
        super().run()
        # An editable install (pip install -e) keeps only what is written straight into the
        # wheel's folder, which setuptools hands to `install` as its install_lib.
        folder = self.get_finalized_command("install").install_lib if self.editable_mode else self.build_lib
        with open(os.path.join(folder, PTH), "w", encoding="utf-8") as fh:
            fh.write("import generator.startup\n")

    def get_outputs(self, include_bytecode=True):
        return super().get_outputs(include_bytecode) + [os.path.join(self.build_lib, PTH)]


setup(cmdclass={"build_py": BuildPyWithPth})
