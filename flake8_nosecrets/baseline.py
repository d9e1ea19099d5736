"""Baselines: accept today's findings without hiding tomorrow's.

A baseline is committed, so it must not let anyone recover a secret. It
records each finding by what its message already shows, never by a hash of
the value: ``(file, rule code, binding, value as shown, occurrence)``, where
*binding* is the message's description of where the literal is bound
(``assigned to 'DB_PASSWORD'``), *value as shown* is the message's redaction
(``"ghp_…" (40 chars, fp 3f2a9c)`` for a value whose hidden part takes at
least 2^80 guesses, ``(value withheld)`` for any other) and *occurrence* counts
equal keys in the file from the top. A weak value is thus recorded by its place
alone: no salt, iteration count or hash makes a dictionary attack on it
possible, since nothing in the file depends on it (see docs/no-leak.md). It
never holds line numbers either: an edit above a finding must not resurrect it.

File format (stable, sorted JSON so that diffs review well)::

    {
      "files": {"pkg/settings.py": [{"code": "NSC206", "occurrence": 1,
                                     "shown": "(value withheld)", "where": "assigned to 'password'"}]},
      "generated_by": "flake8-nosecrets 0.2.0",
      "version": 2
    }

Version 1 files (a salted PBKDF2 fingerprint of each value) still load and
still match, but a weak value in one can be brute-forced from the file
alone: the front-ends warn, and ``nosecrets-baseline --update`` rewrites one
as version 2 (the old file stays in git history; rotate the weak secrets it
recorded).

File paths are relative to the baseline's own directory, with ``/``.

Front-ends call :func:`filter_findings` with every finding of a file, before
any other suppression (the flake8 plugin when ``nosecrets-baseline = FILE`` is
configured, ``nosecrets``, ``nosecrets-fix``, pylint, the notebook scan), so
that occurrences are counted the way ``nosecrets-baseline`` counted them. The
``nosecrets-baseline`` command, which scans files to fill a baseline, is
:mod:`.baseline_cli`: this module knows no file format but its own, so every
scanner may use it without an import circle.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
from typing import Iterable, Iterator, Sequence

from . import __version__
from .findings import Finding

FORMAT_VERSION = 2
DEFAULT_PATH = ".nosecrets-baseline.json"
LEGACY_ALGORITHM = "pbkdf2-hmac-sha256"  # version 1's value fingerprints


class BaselineError(Exception):
    """A baseline file is missing, unreadable or malformed; the message names the file."""


Entry = tuple[str, str, str, int]  # (rule code, binding as described, value as shown, occurrence)


@dataclasses.dataclass(frozen=True)
class Legacy:
    """A version 1 file's entries, matched by recomputing its PBKDF2 fingerprint of each value."""

    salt: str
    iterations: int
    files: dict[str, frozenset[tuple[str, str]]]  # path -> {(code, fingerprint)}

    def contains(self, rel: str, finding: Finding) -> bool:
        entries = self.files.get(rel)
        if not entries or not any(code == finding.code for code, _ in entries):
            return False  # no hashing needed: the cheap checks already decide
        raw = hashlib.pbkdf2_hmac("sha256", finding.secret.encode("utf-8", "surrogatepass"),
                                  bytes.fromhex(self.salt), self.iterations)
        return (finding.code, raw.hex()) in entries


def entries_of(findings: Iterable[Finding]) -> list[tuple[Entry, Finding]]:
    """Each finding of one file with its entry; occurrences count equal keys from the top of the file."""
    seen: dict[tuple[str, str, str], int] = {}
    out = []
    for f in sorted(findings, key=lambda f: (f.line, f.col, f.code)):
        key = (f.code, f.where or f.binding.kind, f.shown)
        seen[key] = seen.get(key, 0) + 1
        out.append(((*key, seen[key]), f))
    return out


@dataclasses.dataclass
class Baseline:
    """A loaded (or new) baseline. ``files`` maps a relative posix path to its entries."""

    directory: str  # absolute directory that relative paths are anchored to
    files: dict[str, set[Entry]] = dataclasses.field(default_factory=dict)
    path: str = ""
    legacy: Legacy | None = None

    @classmethod
    def new(cls, path: str) -> Baseline:
        path = os.path.abspath(path)
        return cls(directory=os.path.dirname(path), path=path)

    def relpath(self, filename: str) -> str:
        """*filename* (relative to the current directory, or absolute) as the baseline names it."""
        rel = os.path.relpath(os.path.abspath(filename), self.directory)
        return rel.replace(os.sep, "/")

    def recorded(self, filename: str, findings: Sequence[Finding]) -> list[tuple[Entry, Finding, bool]]:
        """``(entry, finding, in this baseline)`` for every finding of one file."""
        rel = self.relpath(filename)
        entries = self.files.get(rel, set())
        return [(e, f, e in entries or (self.legacy is not None and self.legacy.contains(rel, f)))
                for e, f in entries_of(findings)]

    def add_file(self, filename: str, findings: Sequence[Finding]) -> None:
        self.files.setdefault(self.relpath(filename), set()).update(e for e, _ in entries_of(findings))

    def __len__(self) -> int:
        return sum(len(v) for v in self.files.values())

    def to_json(self) -> str:
        data = {
            "files": {
                name: [{"code": c, "occurrence": n, "shown": v, "where": w} for c, w, v, n in sorted(entries)]
                for name, entries in sorted(self.files.items())
                if entries
            },
            "generated_by": f"flake8-nosecrets {__version__}",
            "version": FORMAT_VERSION,
        }
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=True) + "\n"


def _parse_legacy(data: dict, path: str) -> Legacy:
    hashing = data.get("hash") or {}
    salt, iterations = hashing.get("salt"), hashing.get("iterations")
    if hashing.get("algorithm") != LEGACY_ALGORITHM or not isinstance(iterations, int) or iterations < 1:
        raise BaselineError(f"{path}: unsupported fingerprint hash {hashing.get('algorithm')!r}")
    try:
        if not isinstance(salt, str) or len(bytes.fromhex(salt)) < 8:
            raise ValueError
    except ValueError:
        raise BaselineError(f"{path}: the salt must be at least 16 hex digits") from None
    files: dict[str, frozenset[tuple[str, str]]] = {}
    for name, entries in _file_lists(data, path):
        for e in entries:
            if not (isinstance(e.get("code"), str) and isinstance(e.get("fingerprint"), str)):
                raise BaselineError(f"{path}: malformed entry under {name!r}: expected code and fingerprint")
        files[name] = frozenset((e["code"], e["fingerprint"]) for e in entries)
    return Legacy(salt, iterations, files)


def _file_lists(data: dict, path: str) -> Iterator[tuple[str, list[dict]]]:
    raw_files = data.get("files")
    if not isinstance(raw_files, dict):
        raise BaselineError(f"{path}: \"files\" must be an object")
    for name, entries in raw_files.items():
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise BaselineError(f"{path}: entries of {name!r} must be a list of objects")
        yield name, entries


def _parse(text: str, path: str) -> Baseline:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not valid JSON: {exc}") from None
    full = os.path.abspath(path)
    base = Baseline(directory=os.path.dirname(full), path=full)
    if isinstance(data, dict) and data.get("version") == 1:
        base.legacy = _parse_legacy(data, path)
        return base
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        if isinstance(data, dict) and "plugins_used" in data:
            raise BaselineError(
                f"{path}: this is a detect-secrets baseline; convert it with "
                f"'nosecrets-baseline --import-detect-secrets {path}'"
            )
        raise BaselineError(f"{path}: not a flake8-nosecrets baseline (expected \"version\": {FORMAT_VERSION})")
    for name, entries in _file_lists(data, path):
        for e in entries:
            c, w, v, n = e.get("code"), e.get("where"), e.get("shown"), e.get("occurrence")
            if not (isinstance(c, str) and isinstance(w, str) and isinstance(v, str) and isinstance(n, int)):
                raise BaselineError(f"{path}: malformed entry under {name!r}: expected code, where, shown, occurrence")
            base.files.setdefault(name, set()).add((c, w, v, n))
    return base


def legacy_warning(base: Baseline) -> str:
    """'' for a current file; for a version 1 file, what to do about it."""
    if base.legacy is None:
        return ""
    return (f"{base.path}: a version 1 baseline: its salted hashes let anyone who reads it brute-force a weak "
            "value; rewrite it with 'nosecrets-baseline --update' and rotate the weak secrets it recorded")


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
    """*findings* (all of one file) minus those recorded in the baseline named by ``options.baseline``."""
    path = getattr(options, "baseline", "") or ""
    if not path or not findings:
        return list(findings)
    kept = {id(f) for _, f, known in cached(path).recorded(filename, findings) if not known}
    return [f for f in findings if id(f) in kept]


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
