"""Fault injection: make each write step of nosecrets-fix fail in turn.

Whatever fails (the env file's temp file, its write, fsync, rename; the
.env.example or .gitignore; each source file's write, fsync or rename), and
whether it is an ``OSError`` or an interruption (``KeyboardInterrupt``):

* every file is exactly its old or its new content (never half-written, no temp file left);
* no value is lost: each secret is still in its source file or in the env file;
* a rewritten source file only names variables the env file has;
* a rerun without faults ends exactly where an undisturbed run ends.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from dotenv import dotenv_values

import secretgen
from flake8_nosecrets import providers
from flake8_nosecrets.fix import cli

SECRETS = {
    "a.py": ("api_token", secretgen.random_key(secretgen.rng("fault-a"), 32)),
    "b.py": ("db_password", secretgen.password(secretgen.rng("fault-b"))),
    "c.py": ("GH", secretgen.provider_samples(providers.BY_ID["github-pat"], salt="fault")[0]),
}


def make_project(root: Path) -> None:
    root.mkdir()
    for name, (var, value) in SECRETS.items():
        (root / name).write_text(f"import sys\n{var} = \"{value}\"  # keep\nprint(len({var}))\n")
    (root / ".env").write_text("EXISTING='kept'\n")


def fix(root: Path) -> int:
    old = os.getcwd()
    os.chdir(root)
    try:
        return cli.main(["--no-history", "."], stdout=io.StringIO(), stderr=io.StringIO())
    finally:
        os.chdir(old)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    base = tmp_path_factory.mktemp("ref")
    make_project(base / "p")
    original = snapshot(base / "p")
    assert fix(base / "p") == 1
    return original, snapshot(base / "p")


class Boom(OSError):
    pass


def _count_calls(tmp_path: Path, monkeypatch, target, attr: str) -> int:
    calls = [0]
    real = getattr(target, attr)

    def counting(*a, **k):
        calls[0] += 1
        return real(*a, **k)

    monkeypatch.setattr(target, attr, counting)
    make_project(tmp_path / "count")
    fix(tmp_path / "count")
    monkeypatch.setattr(target, attr, real)
    return calls[0]


class _HalfWriter:
    """A file object that writes half of what it is given, then fails."""

    def __init__(self, fh, exc):
        self._fh, self._exc = fh, exc

    def write(self, data):
        self._fh.write(data[: len(data) // 2])
        raise self._exc

    def __getattr__(self, name):
        return getattr(self._fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self._fh.close()


STEPS = ["replace", "fsync", "mkstemp", "write"]


@pytest.mark.parametrize("exc_type", [Boom, KeyboardInterrupt])
@pytest.mark.parametrize("step", STEPS)
def test_each_write_step_failing(tmp_path, monkeypatch, reference, step, exc_type):
    import tempfile

    original, final = reference
    target, attr = {
        "replace": (os, "replace"),
        "fsync": (os, "fsync"),
        "mkstemp": (tempfile, "mkstemp"),
        "write": (os, "fdopen"),
    }[step]
    total = _count_calls(tmp_path, monkeypatch, target, attr)
    assert total >= 5  # env file, .env.example, 3 sources (fsync also counts directory syncs)
    real = getattr(target, attr)
    for k in range(1, total + 1):
        root = tmp_path / f"run{k}"
        make_project(root)
        calls = [0]

        def failing(*a, _k=k, **kw):
            calls[0] += 1
            if calls[0] == _k:
                if step == "write":
                    return _HalfWriter(real(*a, **kw), exc_type("injected"))
                raise exc_type("injected")
            return real(*a, **kw)

        monkeypatch.setattr(target, attr, failing)
        try:
            code = fix(root)
        finally:
            monkeypatch.setattr(target, attr, real)
        check_consistent(root, original, final, f"{step} #{k}: exit {code}")
        assert fix(root) in (0, 1)
        assert snapshot(root) == final, f"{step} #{k}: rerun did not converge"


def check_consistent(root: Path, original: dict[str, bytes], final: dict[str, bytes], where: str) -> None:
    now = snapshot(root)
    leftovers = [n for n in now if n.endswith(".nosecrets-tmp") or n.endswith(".lock")]
    assert not leftovers, (where, leftovers)
    for name, data in now.items():
        assert data in (original.get(name), final.get(name)), (where, name, "half-written or unexpected")
    env = dotenv_values(root / ".env")
    assert env.get("EXISTING") == "kept", where
    for name, (var, value) in SECRETS.items():
        source = now[name].decode()
        assert value in source or value in env.values(), (where, name, "value lost")
        for used in [part.split('"]')[0] for part in source.split('os.environ["')[1:]]:
            assert used in env, (where, name, "names a variable the env file lacks")


# ----------------------------------------------------------------------------- real kills


KILL_FILES = 40


def _kill_project(root: Path) -> dict[str, str]:
    """KILL_FILES modules, each with its own secret: a run long enough to be killed in every phase."""
    root.mkdir()
    values = {}
    for n in range(KILL_FILES):
        value = secretgen.random_key(secretgen.rng(f"kill-{n}"), 32)
        values[f"m{n:02d}.py"] = value
        (root / f"m{n:02d}.py").write_text(f"import sys\napi_token_{n} = \"{value}\"\nprint(len(api_token_{n}))\n")
    return values


def _spawn(root: Path):
    import subprocess
    import sys

    return subprocess.Popen([sys.executable, "-m", "flake8_nosecrets.fix.cli", "--no-history", "."], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _check_killed(root: Path, values: dict[str, str], original: dict[str, str], where: str) -> None:
    import ast

    env = dotenv_values(root / ".env") if (root / ".env").exists() else {}
    for name, value in values.items():
        text = (root / name).read_text()
        ast.parse(text)
        assert text == original[name] or "os.environ[" in text, (where, name, "half-written")
        assert value in text or value in env.values(), (where, name, "value lost")
        for used in [part.split('"]')[0] for part in text.split('os.environ["')[1:]]:
            assert used in env, (where, name, "names a variable the env file lacks")


def test_killed_at_random_points_loses_nothing(tmp_path):
    """SIGKILL (no handler runs, no cleanup) at moments spread over a whole run, each on a fresh tree, then
    killed again on the tree it left: every source is its old or its new text and parses, every value is in
    its source or in the env file, a rewritten source names only variables the env file has; a final run
    finishes the job and sweeps the temp files the kills left."""
    import random
    import signal
    import time

    base = tmp_path / "base"
    values = _kill_project(base)
    original = {name: (base / name).read_text() for name in values}
    start = time.monotonic()
    assert _spawn(_copy(base, tmp_path / "timing")).wait(timeout=300) == 1
    duration = time.monotonic() - start
    rnd = random.Random(20261129)
    kills = 0
    for attempt in range(8):
        root = _copy(base, tmp_path / f"run{attempt}")
        for round_ in range(2):  # a fresh tree, then the tree the first kill left
            proc = _spawn(root)
            time.sleep(rnd.uniform(0.1, 1.0) * duration)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            else:  # it finished first: the timing run was slowed by a busy moment, aim earlier from now on
                duration *= 0.6
            proc.wait(timeout=300)
            _check_killed(root, values, original, f"attempt {attempt}, round {round_}")
        assert _spawn(root).wait(timeout=300) in (0, 1)
        env = dotenv_values(root / ".env")
        for name, value in values.items():
            assert value not in (root / name).read_text() and value in env.values(), (attempt, name)
        assert not list(root.glob("*.nosecrets-tmp")) and not list(root.glob(".*.nosecrets-tmp")), attempt
    assert kills >= 8, f"only {kills} of 16 runs were still running when killed (a run takes {duration:.2f} s)"


def _copy(src: Path, dst: Path) -> Path:
    import shutil

    shutil.copytree(src, dst)
    return dst
