"""Which files a run looks at: flake8's path expansion with the scan's own defaults."""

from __future__ import annotations

import dataclasses
import fnmatch
import os
from typing import Iterator, Sequence

from . import files
from .suppress import matches_filename as _matches

# flake8's defaults.EXCLUDE, plus the virtualenv and JavaScript dependency directories.
DEFAULT_EXCLUDE = (".svn", "CVS", ".bzr", ".hg", ".git", "__pycache__", ".tox", ".nox", ".eggs", "*.egg",
                   ".venv", "node_modules")
# flake8 looks at *.py; stubs and notebooks hold keys too (the same set nosecrets-baseline records).
DEFAULT_FILENAMES = ("*.py", "*.pyi", "*.ipynb")


@dataclasses.dataclass
class Walk:
    exclude: tuple[str, ...]
    filename: tuple[str, ...] = DEFAULT_FILENAMES
    kinds: frozenset[str] = frozenset()  # config file kinds (:mod:`.files`) taken besides *filename*
    errors: list[tuple[str, str]] = dataclasses.field(default_factory=list)

    def files(self, paths: Sequence[str]) -> Iterator[str]:
        """flake8's ``expand_paths``: files named are taken whatever their extension (unless excluded);
        directories are walked (sorted, symlinked directories not followed) for the ``--filename`` patterns."""
        for arg in paths:
            if arg == "-":
                yield arg
                continue
            if _matches(arg, self.exclude):
                continue
            if not os.path.isdir(arg):
                yield arg
                continue
            for root, dirs, names in os.walk(arg, onerror=self._onerror):
                dirs[:] = sorted(d for d in dirs if not _matches(os.path.join(root, d), self.exclude))
                for name in sorted(names):
                    joined = os.path.join(root, name)
                    if any(fnmatch.fnmatch(name, p) for p in self.filename) or self._config_file(joined):
                        if not _matches(joined, self.exclude):
                            yield joined

    def _config_file(self, path: str) -> bool:
        return bool(self.kinds) and files.kind_of(path, self.kinds) in files.CONFIG_KINDS

    def _onerror(self, exc: OSError) -> None:
        self.errors.append((exc.filename or "?", f"cannot list directory: {exc.strerror or type(exc).__name__}"))
