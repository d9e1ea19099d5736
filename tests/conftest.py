from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from flake8_nosecrets import infer, options as opts
from flake8_nosecrets.flake8_plugin import Plugin

infer.STRICT = True  # an astroid error while inferring fails the test that met it instead of being skipped

# Configuration discovery (flake8's, which nosecrets, nosecrets-baseline and nosecrets-fix copy) searches from
# the working directory up to the home directory or the root, so a stray setup.cfg, tox.ini, .flake8 or
# pyproject.toml in /tmp would change what every test that runs a front-end in tmp_path sees. A neutral file of
# each kind discovery reads, at the base of pytest's temporary tree, is found first and ends the search there,
# as a project's own configuration shadows its parents' (tests/test_ambient_config.py proves it).
NEUTRAL_CONFIG = {"setup.cfg": "[flake8]\n", "pyproject.toml": "[tool.nosecrets]\n"}


def write_neutral_config(directory: Path) -> None:
    for name, text in NEUTRAL_CONFIG.items():
        (directory / name).write_text(text)


@pytest.fixture(scope="session", autouse=True)
def _config_search_stops_at_the_temporary_tree(tmp_path_factory: pytest.TempPathFactory) -> None:
    write_neutral_config(tmp_path_factory.getbasetemp())


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
