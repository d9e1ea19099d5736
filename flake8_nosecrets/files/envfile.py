"""``.env``-style files (``.env``, ``.env.production``, ``docker.env``), with python-dotenv's parser.

Each ``KEY=value`` (``export`` allowed, quoted or not, multi-line when quoted)
is a value bound to ``KEY``; ``${VAR}`` is python-dotenv's and compose's own
interpolation. Lines the parser rejects are scanned for key formats alone.

Placement (NSC301): a ``.env`` file exists to keep values out of git. One
that git tracks, or that sits in a git work tree without being ignored (the
next ``git add .`` commits it), is a finding of its own whatever it holds;
``.env.example``/``.sample``/``.template`` (and the like) are meant to be
committed and are only scanned for values.
"""

from __future__ import annotations

import io
import os
import re
import subprocess

from dotenv.parser import parse_stream

from . import is_env_template
from .base import ConfigValue, LineIndex

_VALUE_START_RE = re.compile(r"\s*(?:export[^\S\r\n]+)?(?:'[^']+'|[^=#\s]+)[^\S\r\n]*=[^\S\r\n]*")
# The value's literal, as python-dotenv reads it: quoted (may span lines), or up to a `` #`` comment.
_VALUE_RE = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|[^\r\n]*?(?=[^\S\r\n]+#|[^\S\r\n]*$)",
                       re.DOTALL | re.MULTILINE)


def values(text: str) -> tuple[list[ConfigValue], list[int]]:
    """The bindings' values and the 1-based lines python-dotenv could not parse."""
    index = LineIndex(text)
    out, broken = [], []
    pos = 0
    for binding in parse_stream(io.StringIO(text)):
        raw = binding.original.string
        if binding.error:
            broken.append(index(pos + len(raw) - len(raw.lstrip()))[0])
        elif binding.key is not None and binding.value is not None:
            m = _VALUE_START_RE.match(raw)
            start = pos + (m.end() if m else 0)
            line, col = index(start)
            v = _VALUE_RE.match(raw, m.end() if m else 0)
            end = pos + (v.end() if v else len(raw.rstrip()))
            out.append(ConfigValue(binding.key, binding.value, line, col, index(end)[0], "env-write", start, end))
        pos += len(raw)
    return out, broken


def git_placement(path: str) -> str | None:
    """``"tracked"`` when git tracks *path*, ``"not ignored"`` when it sits in a git work tree that does not
    ignore it, else None (outside git, ignored, a template name, or git not installed)."""
    if is_env_template(path):
        return None
    directory, name = os.path.split(os.path.abspath(path))
    try:
        tracked = _git(directory, "ls-files", "--error-unmatch", "--", name)
        if tracked == 0:
            return "tracked"
        ignored = _git(directory, "check-ignore", "-q", "--", name)
    except (OSError, subprocess.SubprocessError):
        return None
    return "not ignored" if ignored == 1 else None  # 0 ignored; 128 not a work tree


def _git(directory: str, *args: str) -> int:
    return subprocess.run(("git", "-C", directory) + args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, timeout=30, check=False).returncode
