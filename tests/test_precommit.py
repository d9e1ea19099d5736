"""The pre-commit hooks, for real: ``pre-commit try-repo`` installs this project from a committed copy
of the working tree (with pip, from PyPI for its dependencies) and runs the hook on a temporary
repository holding a planted, generated fake secret. The other hooks run through ``pre-commit run``
with a config that points at the same copy, which installs the hook environment only once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import secretgen
from flake8_nosecrets import providers

ROOT = Path(__file__).resolve().parent.parent
GH = secretgen.provider_samples(providers.BY_ID["github-pat"])[0]
PW = secretgen.password(secretgen.rng("pre-commit"))

pytestmark = pytest.mark.slow

pre_commit = shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or shutil.which("pre-commit")
if pre_commit is None:  # pragma: no cover
    pytest.skip("pre-commit is not installed (it is in the test extra)", allow_module_level=True)


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A committed copy of the working tree (tracked and untracked, not ignored files), as try-repo needs."""
    dest = tmp_path_factory.mktemp("hook-repo")
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "--no-verify", "-m", "snapshot for try-repo")
    return dest


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(user_repo: Path, hook_repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [pre_commit, "try-repo", str(hook_repo), hook, "--all-files", "--verbose"],
        cwd=user_repo, env=env, capture_output=True, text=True, timeout=600,
    )


def run_hook(user_repo: Path, hook_repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit run`` with a config naming the snapshot repository at its commit: unlike try-repo (a new
    shadow clone, so a new hook environment, each time) the environment is installed once per session."""
    rev = git(hook_repo, "rev-parse", "HEAD").strip()
    (user_repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n"
    )
    git(user_repo, "add", ".pre-commit-config.yaml")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [pre_commit, "run", hook, "--all-files", "--verbose"],
        cwd=user_repo, env=env, capture_output=True, text=True, timeout=600,
    )


def user_repo(tmp_path: Path, files: dict[str, str]) -> Path:
    repo = tmp_path / "user"
    repo.mkdir()
    git(repo, "init", "-q")
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    git(repo, "add", "-A")
    return repo


def test_nosecrets_hook_blocks_a_planted_secret(tmp_path: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    repo = user_repo(tmp_path, {
        "app/settings.py": f'import os\n\nDEBUG = False\nGITHUB_TOKEN = "{GH}"\n',
        "app/clean.py": 'password = os.environ["PASSWORD"]\n',
        "README.md": f"not Python, not checked by this hook: {PW}\n",
    })
    proc = try_repo(repo, hook_repo, pre_commit_home, "nosecrets")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "Failed" in out and "app/settings.py:4:16: NSC102 GitHub personal access token" in out
    assert "clean.py" not in out.split("Failed", 1)[1]
    assert GH not in out


def test_nosecrets_hook_covers_config_files(tmp_path: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    repo = user_repo(tmp_path, {
        "config/prod.yaml": f"database:\n  host: db\n  password: {PW}\n",
        "requirements.txt": f"--extra-index-url https://ci:{PW}@pypi.acme.internal/simple\nrequests\n",
        ".env": "DEBUG=1\n",
        "notes.txt": f"password: {PW}\n",
    })
    proc = try_repo(repo, hook_repo, pre_commit_home, "nosecrets")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "config/prod.yaml:3:13: NSC206" in out and "requirements.txt:1:19: NSC202" in out
    assert ".env:1:1: NSC301 environment file tracked by git" in out and "notes.txt" not in out
    assert PW not in out


NAMES = ["app.py", "pkg/stub.pyi", "nb.ipynb", "config/settings.yaml", "ci.yml", "pyproject.toml", "setup.cfg",
         "tox.ini", "pip.conf", ".pypirc", "data/config.json", ".env", ".env.production", "deploy/prod.env",
         "prod.env.example", "requirements.txt", "requirements-dev.txt", "requirements/base.txt",
         "requirements/dev.in", "constraints.txt", "Dockerfile", "docker/Dockerfile.prod", "api.Dockerfile",
         "Containerfile", "README.md", "notes.txt", "nginx.conf", "Makefile", "app.js", "LICENSE", "envoy.txt"]


@pytest.mark.parametrize("name", NAMES)
def test_hook_files_pattern_is_the_scanners_list(name: str) -> None:
    """The hook passes exactly the files whose kind the scanner knows (a kind it does not know would be parsed
    as Python and fail)."""
    import re

    import yaml

    from flake8_nosecrets import files

    hook = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "nosecrets")
    assert bool(re.search(hook["files"], name)) is (files.kind_of(name) is not None)


def test_nosecrets_hook_passes_a_clean_repository(tmp_path: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    repo = user_repo(tmp_path, {"app.py": 'token = os.environ["GITHUB_TOKEN"]\n'})
    proc = run_hook(repo, hook_repo, pre_commit_home, "nosecrets")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


def test_nosecrets_hook_covers_notebooks(tmp_path: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    import json

    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": "a1", "metadata": {}, "outputs": [],
                     "source": ["%pip install PyGithub\n", f'gh = Github("{GH}")']}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    repo = user_repo(tmp_path, {"analysis.ipynb": json.dumps(nb, indent=1) + "\n"})
    proc = run_hook(repo, hook_repo, pre_commit_home, "nosecrets")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "analysis.ipynb:" in out and "NSC102" in out and "(cell 1, line 2)" in out and GH not in out


def test_nosecrets_fix_hook_moves_the_secret(tmp_path: Path, hook_repo: Path, pre_commit_home: Path) -> None:
    repo = user_repo(tmp_path, {"app.py": f'import os\n\nGITHUB_TOKEN = "{GH}"\n'})
    proc = run_hook(repo, hook_repo, pre_commit_home, "nosecrets-fix")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out  # files were modified: pre-commit stops the commit for review
    fixed = (repo / "app.py").read_text()
    assert GH not in fixed and "os.environ" in fixed
    assert GH not in out
