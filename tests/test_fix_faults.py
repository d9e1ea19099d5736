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
