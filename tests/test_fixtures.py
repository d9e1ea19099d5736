"""Each generic code's annotated fixture: ``# NSCnnn`` lines are reported with that code, no other line is."""

from __future__ import annotations

import pathlib
import re

import pytest

import secretgen
from flake8_nosecrets import scan_source

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
