"""``pip install .`` from a fresh clone gives working console scripts (flake8 with NSC, nosecrets-baseline,
nosecrets-fix), in a new virtual environment: what a user gets from the release, not the editable install."""

from __future__ import annotations

import os
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

import secretgen
from flake8_nosecrets import __version__, providers

ROOT = Path(__file__).resolve().parent.parent
GH = secretgen.provider_samples(providers.BY_ID["github-pat"])[0]

pytestmark = pytest.mark.slow


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """bin/ of a new venv with the project installed (not editable) from a clone of a snapshot commit."""
    base = tmp_path_factory.mktemp("install")
    snapshot = base / "snapshot"
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, snapshot / name)
    git(snapshot, "init", "-q")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "--no-verify", "-m", "snapshot")
    clone = base / "clone"
    git(base, "clone", "-q", str(snapshot), str(clone))
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    proc = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(clone)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return bin_dir


def run(bin_dir: Path, cmd: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bin_dir / cmd), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_flake8_has_the_plugin_and_finds_a_secret(installed: Path, tmp_path: Path) -> None:
    version = run(installed, "flake8", "--version").stdout
    assert f"flake8-nosecrets: {__version__}" in version
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\n')
    proc = run(installed, "flake8", "--select=NSC", ".", cwd=tmp_path)
    assert proc.returncode == 1 and "./app.py:1:9: NSC102" in proc.stdout and GH not in proc.stdout
    sarif = run(installed, "flake8", "--select=NSC", "--format=sarif", ".", cwd=tmp_path)
    assert '"ruleId": "NSC102"' in sarif.stdout


def test_nosecrets_baseline_script(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\n')
    assert run(installed, "nosecrets-baseline", cwd=tmp_path).returncode == 0
    proc = run(installed, "flake8", "--select=NSC", "--nosecrets-baseline=.nosecrets-baseline.json", ".",
               cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, "")


def test_nosecrets_fix_script(installed: Path) -> None:
    proc = run(installed, "nosecrets-fix", "--help")
    assert proc.returncode == 0 and "usage: nosecrets-fix" in proc.stdout, proc.stderr


def test_nosecrets_fix_moves_a_secret(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\n')
    proc = run(installed, "nosecrets-fix", "app.py", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert GH not in (tmp_path / "app.py").read_text() and "os.environ" in (tmp_path / "app.py").read_text()
    assert GH not in proc.stdout + proc.stderr


def test_standalone_nosecrets_script(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\n')
    proc = run(installed, "nosecrets", ".", cwd=tmp_path)
    assert proc.returncode == 1 and "NSC102" in proc.stdout and GH not in proc.stdout


def test_notebook_check_mode_runs_without_nbformat(installed: Path, tmp_path: Path) -> None:
    nb = ('{"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], '
          f'"source": ["TOKEN = \\"{GH}\\""]}}], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 4}}\n')
    (tmp_path / "nb.ipynb").write_text(nb)
    proc = run(installed, "python", "-m", "flake8_nosecrets.notebook", "nb.ipynb", cwd=tmp_path)
    assert proc.returncode == 1 and "cell 1, line 1" in proc.stdout, proc.stderr


def test_configuration_in_pyproject_via_flake8_pyproject(installed: Path, tmp_path: Path) -> None:
    """docs/adoption.md promises ``[tool.flake8]`` works with the Flake8-pyproject plugin: lists and paths."""
    proc = subprocess.run([str(installed / "python"), "-m", "pip", "install", "-q", "Flake8-pyproject"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    other = secretgen.provider_samples(providers.BY_ID["github-pat"], salt="pyproject")[0]
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\nsession_key = "{other[4:]}"\n')
    (tmp_path / "pyproject.toml").write_text(
        '[tool.flake8]\nselect = ["NSC"]\nnosecrets-ignore-names = ["session_key", "csrf_token"]\n'
    )
    proc = run(installed, "flake8", ".", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout.splitlines() == [proc.stdout.splitlines()[0]]
    assert "./app.py:1:9: NSC102" in proc.stdout
    assert run(installed, "nosecrets-baseline", cwd=tmp_path).returncode == 0
    with (tmp_path / "pyproject.toml").open("a") as fh:
        fh.write('nosecrets-baseline = "./.nosecrets-baseline.json"\n')
    proc = run(installed, "flake8", ".", cwd=tmp_path / ".")
    assert (proc.returncode, proc.stdout) == (0, ""), proc.stderr
