"""Which files a fixer run reads (flake8's selection), and how a module's bytes decode."""

from __future__ import annotations

import fnmatch
import io
import os
import subprocess
import tokenize
from pathlib import Path
from typing import Sequence

from .change import FixError

DEFAULT_EXCLUDE = (".svn", "CVS", ".bzr", ".hg", ".git", "__pycache__", ".tox", ".nox", ".eggs", "*.egg")
SUFFIXES = (".py", ".ipynb")  # what a directory gives


def _excluded(path: str, patterns: Sequence[str]) -> bool:
    absolute = os.path.abspath(path)
    base = os.path.basename(absolute)
    return any(fnmatch.fnmatch(base, p) or fnmatch.fnmatch(absolute, p) for p in patterns)


def _git_listed(directory: Path) -> list[str] | None:
    """Files under *directory* that git does not ignore (tracked or untracked), or None outside a work tree."""
    try:
        r = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            cwd=directory, capture_output=True, check=False, timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if r.returncode != 0:
        return None
    names = r.stdout.decode("utf-8", "surrogateescape").split("\0")
    return sorted({n for n in names if n})


def gather(paths: Sequence[str], exclude: Sequence[str]) -> list[Path]:
    """flake8's file selection: files named are taken as they are; directories give their ``*.py`` (and
    ``*.ipynb``) files, minus excluded names and git-ignored paths."""
    out: list[Path] = []
    for arg in paths:
        if not os.path.exists(arg):
            raise FixError(f"{arg}: no such file or directory")
        if not os.path.isdir(arg):
            out.append(Path(arg))
            continue
        if _excluded(arg, exclude) and os.path.abspath(arg) != os.getcwd():
            continue
        base = Path(arg)
        listed = _git_listed(base)
        if listed is not None:
            for rel in listed:
                if not rel.endswith(SUFFIXES):
                    continue
                parts = Path(rel).parts
                if any(_excluded(str(base.joinpath(*parts[: k + 1])), exclude) for k in range(len(parts))):
                    continue
                candidate = base / rel
                if candidate.is_file():
                    out.append(candidate)
            continue
        for root, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if not _excluded(os.path.join(root, d), exclude))
            for name in sorted(files):
                if name.endswith(SUFFIXES) and not _excluded(os.path.join(root, name), exclude):
                    out.append(Path(root, name))
    seen: set[str] = set()
    unique = []
    for p in out:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def decode_source(data: bytes) -> tuple[str, str]:
    """``(text without BOM, encoding)`` the way Python reads a module (PEP 263, BOM)."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    text = data.decode(encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, ("utf-8" if encoding == "utf-8-sig" else encoding)


def display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
