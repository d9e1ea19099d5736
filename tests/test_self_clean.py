"""The project passes its own linter: nothing in the repository looks like a live secret."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_repository_is_clean_under_its_own_linter() -> None:
    targets = [p for p in ("flake8_nosecrets", "tests", "scripts", "examples", "docs") if (ROOT / p).exists()]
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--select=NSC", *targets],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]


def test_project_is_clean_under_flake8() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "flake8_nosecrets", "scripts"], cwd=ROOT, capture_output=True, text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_repository_config_files_are_clean_under_the_standalone_scan() -> None:
    """The files beside the code too (pyproject.toml, setup.cfg, the hooks' YAML, the test data and fixtures)."""
    kinds = "yaml,toml,ini,json,dotenv,requirements,dockerfile"
    proc = subprocess.run(
        [sys.executable, "-m", "flake8_nosecrets.cli", "--isolated", "--no-progress", "--nosecrets-file-kinds", kinds,
         "."], cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
