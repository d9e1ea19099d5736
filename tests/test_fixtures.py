"""Each generic code's annotated fixture, and one per config file kind: ``# NSCnnn`` lines are reported with that
code, no other line is."""

from __future__ import annotations

import pathlib
import re

import pytest

import secretgen
from flake8_nosecrets import files, scan_source
from flake8_nosecrets.files.scan import scan_text as scan_config
from flake8_nosecrets.options import DEFAULT

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
_EXPECT_RE = re.compile(r"#\s*(NSC\d{3})\s*$")


def expected(text: str) -> set[tuple[int, str]]:
    return {(n, m.group(1)) for n, line in enumerate(text.splitlines(), 1) if (m := _EXPECT_RE.search(line))}


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("NSC*.py")), ids=lambda p: p.stem)
def test_fixture(path: pathlib.Path) -> None:
    source = secretgen.fill(path.read_text(), path.stem)
    # Named relative to tests/: a path under tests/ is test code, where NSC207 is not reported (uses.py).
    got = {(f.line, f.code) for f in scan_source(source, filename=f"{path.parent.name}/{path.name}")}
    assert got == expected(source)


def test_every_generic_code_has_a_fixture() -> None:
    from flake8_nosecrets.rules import RULES

    generic = {r.code for r in RULES if r.code.startswith("NSC2")}
    assert generic <= {p.stem for p in FIXTURES.glob("NSC*.py")}


# The files beside the code (flake8_nosecrets/files): the same markers, in each format's own comments.
CONFIG_FIXTURES = FIXTURES / "files"


@pytest.mark.parametrize("path", sorted(CONFIG_FIXTURES.iterdir()), ids=lambda p: p.name)
def test_config_fixture(path: pathlib.Path) -> None:
    text = secretgen.fill(path.read_text(), path.name)
    kind = files.kind_of(path.name)
    assert kind in files.CONFIG_KINDS, path.name
    found, warnings = scan_config(text, text.splitlines(keepends=True), str(path), kind, DEFAULT)
    assert warnings == []
    assert {(f.line, f.code) for f in found} == expected(text)


def test_every_config_kind_but_json_and_dockerfile_has_a_fixture() -> None:
    """JSON has no comments and a Dockerfile no trailing ones: tests/test_config_files.py tables hold theirs."""
    covered = {files.kind_of(p.name) for p in CONFIG_FIXTURES.iterdir()}
    assert covered == set(files.CONFIG_KINDS) - {"json", "dockerfile"}
