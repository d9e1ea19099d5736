"""Baselines: accept today's findings without hiding tomorrow's.

A baseline file records findings as ``(file, rule code, salted fingerprint of
the value)``. It never holds line numbers (an edit above a finding must not
resurrect it), the plaintext, or an unsalted hash: a baseline is committed, and
the plain SHA-1 of a short password (what detect-secrets stores) is
brute-forced in seconds. The fingerprint is PBKDF2-HMAC-SHA256 of the value
with a random per-baseline salt stored in the file; the salt defeats
precomputed tables and cross-repository comparison, and the iteration count
makes each guess against one baseline cost milliseconds instead of nanoseconds.

File format (stable, sorted JSON so that diffs review well)::

    {
      "files": {"pkg/settings.py": [{"code": "NSC206", "fingerprint": "…"}]},
      "generated_by": "flake8-nosecrets 0.1.0",
      "hash": {"algorithm": "pbkdf2-hmac-sha256", "iterations": 10000, "salt": "…"},
      "version": 1
    }

File paths are relative to the baseline's own directory, with ``/``.

Front-ends call :func:`filter_findings` (the flake8 plugin when
``nosecrets-baseline = FILE`` is configured, the standalone ``nosecrets``
command, the fixer, the notebook scan). The ``nosecrets-baseline`` command,
which scans files to fill a baseline, is :mod:`.baseline_cli`: this module
knows no file format but its own, so every scanner may use it without an
import circle.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import secrets
from typing import Sequence

from . import __version__
from .findings import Finding

FORMAT_VERSION = 1
DEFAULT_PATH = ".nosecrets-baseline.json"
ALGORITHM = "pbkdf2-hmac-sha256"
DEFAULT_ITERATIONS = 10_000  # ~4-7 ms per finding checked; see docs/adoption.md


class BaselineError(Exception):
    """A baseline file is missing, unreadable or malformed; the message names the file."""


Entry = tuple[str, str]  # (rule code, fingerprint)


@dataclasses.dataclass
class Baseline:
    """A loaded (or new) baseline. ``files`` maps a relative posix path to its entries."""

    salt: str
    directory: str  # absolute directory that relative paths are anchored to
    iterations: int = DEFAULT_ITERATIONS
    files: dict[str, set[Entry]] = dataclasses.field(default_factory=dict)
    path: str = ""

    @classmethod
    def new(cls, path: str, salt: str | None = None) -> Baseline:
        path = os.path.abspath(path)
        return cls(salt=salt or secrets.token_hex(16), directory=os.path.dirname(path), path=path)

    def fingerprint(self, value: str) -> str:
        return _fingerprint(self.salt, self.iterations, value)

    def relpath(self, filename: str) -> str:
        """*filename* (relative to the current directory, or absolute) as the baseline names it."""
        rel = os.path.relpath(os.path.abspath(filename), self.directory)
        return rel.replace(os.sep, "/")

    def entry(self, finding: Finding) -> Entry:
        return finding.code, self.fingerprint(finding.secret)

    def contains(self, filename: str, finding: Finding) -> bool:
        entries = self.files.get(self.relpath(filename))
        if not entries or not any(code == finding.code for code, _ in entries):
            return False  # no hashing needed: the cheap checks already decide
        return self.entry(finding) in entries

    def add(self, filename: str, finding: Finding) -> None:
        self.files.setdefault(self.relpath(filename), set()).add(self.entry(finding))

    def __len__(self) -> int:
        return sum(len(v) for v in self.files.values())

    def to_json(self) -> str:
        data = {
            "files": {
                name: [{"code": c, "fingerprint": f} for c, f in sorted(entries)]
                for name, entries in sorted(self.files.items())
                if entries
            },
            "generated_by": f"flake8-nosecrets {__version__}",
            "hash": {"algorithm": ALGORITHM, "iterations": self.iterations, "salt": self.salt},
            "version": FORMAT_VERSION,
        }
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=True) + "\n"


@functools.lru_cache(maxsize=4096)
def _fingerprint(salt: str, iterations: int, value: str) -> str:
    raw = hashlib.pbkdf2_hmac("sha256", value.encode("utf-8", "surrogatepass"), bytes.fromhex(salt), iterations)
    return raw.hex()


def _parse(text: str, path: str) -> Baseline:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        if isinstance(data, dict) and "plugins_used" in data:
            raise BaselineError(
                f"{path}: this is a detect-secrets baseline; convert it with "
                f"'nosecrets-baseline --import-detect-secrets {path}'"
            )
        raise BaselineError(f"{path}: not a flake8-nosecrets baseline (expected \"version\": {FORMAT_VERSION})")
    hashing = data.get("hash") or {}
    salt, iterations = hashing.get("salt"), hashing.get("iterations")
    if hashing.get("algorithm") != ALGORITHM or not isinstance(iterations, int) or iterations < 1:
        raise BaselineError(f"{path}: unsupported fingerprint hash {hashing.get('algorithm')!r}")
    try:
        if not isinstance(salt, str) or len(bytes.fromhex(salt)) < 8:
            raise ValueError
    except ValueError:
        raise BaselineError(f"{path}: the salt must be at least 16 hex digits") from None
    files: dict[str, set[Entry]] = {}
    raw_files = data.get("files")
    if not isinstance(raw_files, dict):
        raise BaselineError(f"{path}: \"files\" must be an object")
    for name, entries in raw_files.items():
        if not isinstance(entries, list):
            raise BaselineError(f"{path}: entries of {name!r} must be a list")
        for e in entries:
            if not (isinstance(e, dict) and isinstance(e.get("code"), str) and isinstance(e.get("fingerprint"), str)):
                raise BaselineError(f"{path}: malformed entry under {name!r}: expected code and fingerprint")
            files.setdefault(name, set()).add((e["code"], e["fingerprint"]))
    full = os.path.abspath(path)
    return Baseline(salt=salt, directory=os.path.dirname(full), iterations=iterations, files=files, path=full)


def load(path: str) -> Baseline:
    """Read and validate the baseline at *path*. Raises :class:`BaselineError`."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (create it with 'nosecrets-baseline -o {path}')") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc}") from None
    return _parse(text, path)


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int, size: int) -> Baseline:
    return load(path)


def cached(path: str) -> Baseline:
    """:func:`load`, cached per absolute path, modification time and size (one parse per flake8 process)."""
    full = os.path.abspath(path)
    try:
        st = os.stat(full)
    except OSError:
        return load(full)  # raises the clear error
    return _load_cached(full, st.st_mtime_ns, st.st_size)


def filter_findings(findings: Sequence[Finding], filename: str, options: object) -> list[Finding]:
    """*findings* of *filename* minus those recorded in the baseline named by ``options.baseline`` (if any)."""
    path = getattr(options, "baseline", "") or ""
    if not path or not findings:
        return list(findings)
    base = cached(path)
    return [f for f in findings if not base.contains(filename, f)]


def write(base: Baseline, path: str | None = None) -> str:
    """Write *base* to *path* (default: where it was loaded from). A new file is created mode 0600."""
    target = os.path.abspath(path or base.path)
    text = base.to_json()
    if os.path.exists(target):
        with open(target, "w", encoding="utf-8") as fh:  # keeps the file's existing mode
            fh.write(text)
    else:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
    return target
