"""A configuration file in a parent of the test's directory does not change what the front-ends report.

Discovery (flake8's, copied by :mod:`flake8_nosecrets.config`) searches upward to the home directory or the
root. A stray ``/tmp/setup.cfg`` once changed ~30 fixer tests; ``conftest.py`` now puts a neutral
configuration at the base of pytest's temporary tree. These tests rebuild that layout below tmp_path (a
stray file two levels up, the neutral base one level up, the project below it) and run nosecrets,
nosecrets-fix and flake8 in the project: with the neutral base, a stray file that ignores the password's name
changes nothing; without it, the same file silences the finding (so the check can fail).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NEUTRAL_CONFIG, write_neutral_config

import secretgen
from flake8_nosecrets import cli, config
from flake8_nosecrets.fix import cli as fix_cli

PASSWORD = secretgen.password(secretgen.rng("ambient-config"), 16)
INI = "[flake8]\nnosecrets-ignore-names = password\n"
STRAY = {
    "setup.cfg": INI,
    "tox.ini": INI,
    ".flake8": INI,
    "pyproject.toml": '[tool.nosecrets]\nignore-names = ["password"]\n',
}


def _runs(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
          flake8: bool) -> dict[str, object]:
    """What each front-end reports for *project*: nosecrets' (line, code) pairs, nosecrets-fix --diff's exit
    status and the lines it would change, flake8's output lines."""
    monkeypatch.chdir(project)
    capsys.readouterr()
    cli.main(["--no-progress", "--format", "json", "."])
    scanned = sorted((f["line"], f["code"]) for f in json.loads(capsys.readouterr().out))
    out, err = io.StringIO(), io.StringIO()
    status = fix_cli.main(["--diff", "."], stdout=out, stderr=err)
    changed = [line for line in out.getvalue().splitlines() if line.startswith(("-DB_", "+DB_"))]
    runs: dict[str, object] = {"nosecrets": scanned, "fix": (status, changed)}
    if flake8:
        proc = subprocess.run([sys.executable, "-m", "flake8", "--select=NSC", "app.py"], cwd=project,
                              capture_output=True, text=True, timeout=120)
        runs["flake8"] = [line.split(" ")[1] for line in proc.stdout.splitlines()]
    return runs


@pytest.mark.parametrize("name", sorted(STRAY))
def test_a_stray_config_above_the_neutral_base_changes_nothing(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    outer = tmp_path / "tmp"
    base = outer / "pytest-of-user"
    project = base / "test_x0"
    project.mkdir(parents=True)
    (project / "app.py").write_text(f'DB_PASSWORD = "{PASSWORD}"\n')
    flake8 = name != "pyproject.toml"  # flake8 itself reads only the INI files
    clean = _runs(project, monkeypatch, capsys, flake8)
    assert clean["nosecrets"] == [(1, "NSC206")]
    status, changed = clean["fix"]  # type: ignore[misc]
    assert status == 1 and [line[:12] for line in changed] == ["-DB_PASSWORD", "+DB_PASSWORD"]
    if flake8:
        assert clean["flake8"] == ["NSC206"]

    (outer / name).write_text(STRAY[name])
    assert _runs(project, monkeypatch, capsys, flake8) == {key: (
        [] if key == "nosecrets" else (0, []) if key == "fix" else []) for key in clean}  # the stray file speaks

    write_neutral_config(base)
    assert _runs(project, monkeypatch, capsys, flake8) == clean


def test_every_test_directory_finds_the_neutral_base_first(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    base = tmp_path_factory.getbasetemp()
    assert {p.name: p.read_text() for p in base.iterdir() if p.name in NEUTRAL_CONFIG} == NEUTRAL_CONFIG
    assert config.find_flake8_config(str(tmp_path)) == str(base / "setup.cfg")
    assert config.find_pyproject(str(tmp_path)) == str(base / "pyproject.toml")
    loaded = config.load_config(str(tmp_path))
    assert loaded.values == {} and loaded.exclude is None and loaded.ignore == () and loaded.select == ()
