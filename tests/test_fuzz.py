"""Never crash on valid Python: hypothesmith-generated programs and the installed site-packages.

Counts are bounded so the suite stays fast; raise them for a long run:

- ``NOSECRETS_FUZZ_EXAMPLES`` (default 200): hypothesmith ``from_grammar`` examples; ``from_node``
  (about 4x slower to generate) gets half as many and the codemod check a quarter, so the
  three stay near a minute together on 2 cores;
- ``NOSECRETS_FUZZ_ALL_SITE_PACKAGES=1``: every ``.py`` of site-packages instead of
  a deterministic sample (every ``NOSECRETS_FUZZ_STRIDE``-th file, default 10, sorted).
"""

from __future__ import annotations

import ast
import os
import sysconfig
import warnings
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, assume, given, settings

from flake8_nosecrets import cli
from flake8_nosecrets.fix.codemod import fix_code
from flake8_nosecrets.flake8_plugin import Plugin
from flake8_nosecrets.scanner import scan_source

EXAMPLES = int(os.environ.get("NOSECRETS_FUZZ_EXAMPLES", "200"))
STRIDE = 1 if os.environ.get("NOSECRETS_FUZZ_ALL_SITE_PACKAGES") else int(os.environ.get("NOSECRETS_FUZZ_STRIDE", "10"))
_HEALTH = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=_HEALTH)
FUZZ_NODE = settings(max_examples=max(1, EXAMPLES // 2), deadline=None, suppress_health_check=_HEALTH)
FUZZ_FIX = settings(max_examples=max(1, EXAMPLES // 4), deadline=None, suppress_health_check=_HEALTH)
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning", "ignore::DeprecationWarning")


def _parse(source: str) -> ast.AST:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escape sequences and the like in generated code
        try:
            return ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            assume(False)
            raise AssertionError("unreachable")


def _check(source: str) -> None:
    tree = _parse(source)
    lines = source.splitlines(keepends=True)
    out = list(Plugin(tree, "fuzz.py", lines).run())
    for line, col, text, _ in out:
        assert isinstance(line, int) and isinstance(col, int) and text.startswith("NSC")
    assert [(f.line, f.col) for f in scan_source(source, filename="fuzz.py")] == [(o[0], o[1]) for o in out]
    findings, errors = cli.scan_text(source, "fuzz.py", cli.Settings())
    assert errors == []
    assert len(findings) <= len(out)  # noqa comments may drop some; nothing new appears


@pytest.mark.slow
@FUZZ
@given(source=hypothesmith.from_grammar())
def test_from_grammar_never_raises(source: str) -> None:
    _check(source)


@pytest.mark.slow
@FUZZ_NODE
@given(source=hypothesmith.from_node())
def test_from_node_never_raises(source: str) -> None:
    _check(source)


@pytest.mark.slow
@FUZZ_FIX
@given(source=hypothesmith.from_node())
def test_fix_leaves_code_with_nothing_to_fix_byte_identical(source: str) -> None:
    _parse(source)
    assume(not scan_source(source, filename="fuzz.py"))
    try:
        out, moves, manual = fix_code(source.encode(), "fuzz.py", findings=[], name_for=lambda f, v, w: "UNUSED")
    except RecursionError:  # libcst's own recursion limit on deep generated trees, not ours
        assume(False)
        return
    assert out == source.encode() and moves == [] and manual == []


def _site_packages_files() -> list[Path]:
    roots = {Path(sysconfig.get_paths()[k]) for k in ("purelib", "platlib")}
    files = sorted({p for root in roots if root.is_dir() for p in root.rglob("*.py")})
    return files[::STRIDE]


SITE_FILES = _site_packages_files()


def test_site_packages_sample_is_real() -> None:
    assert len(SITE_FILES) >= 50  # flake8, hypothesis, libcst, astroid... are installed


@pytest.mark.slow
def test_scan_source_never_raises_on_site_packages() -> None:
    scanned = 0
    for path in SITE_FILES:
        try:
            data = path.read_bytes()
            text = data.decode("utf-8-sig")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(text, str(path))
        except (OSError, UnicodeDecodeError, SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        try:
            list(Plugin(tree, str(path), text.splitlines(keepends=True)).run())
            scan_source(text, filename=str(path))
        except Exception as exc:  # pragma: no cover - the failure message names the file
            raise AssertionError(f"{path}: {type(exc).__name__}: {exc}") from exc
        scanned += 1
    assert scanned >= 0.9 * len(SITE_FILES) - 5, (scanned, len(SITE_FILES))
