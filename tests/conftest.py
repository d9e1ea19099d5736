from __future__ import annotations

import ast
import textwrap

import pytest

from flake8_nosecrets import infer, options as opts
from flake8_nosecrets.flake8_plugin import Plugin

infer.STRICT = True  # an astroid error while inferring fails the test that met it instead of being skipped


def results(source: str, options: opts.Options | None = None) -> set[str]:
    """``{"line:col: NSCnnn message", ...}`` for *source*, run through the flake8 plugin class."""
    source = textwrap.dedent(source)
    tree = ast.parse(source)

    class _NS:
        nosecrets = options

    plugin = Plugin(tree, "t.py", source.splitlines(keepends=True), _NS() if options else None)
    return {f"{line}:{col + 1}: {text}" for line, col, text, _ in plugin.run()}


def codes(source: str, options: opts.Options | None = None) -> list[tuple[int, str]]:
    """Sorted ``(line, code)`` pairs: what most tests compare."""
    return sorted((int(r.split(":")[0]), r.split(": ")[1].split()[0]) for r in results(source, options))


@pytest.fixture
def scan():
    return codes
