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
command). :func:`main` is the ``nosecrets-baseline`` command.
"""

from __future__ import annotations

import argparse
import dataclasses
import fnmatch
import functools
import hashlib
import json
import os
import secrets
import sys
from typing import Iterable, Iterator, Sequence

from . import __version__
from .findings import Finding

FORMAT_VERSION = 1
DEFAULT_PATH = ".nosecrets-baseline.json"
ALGORITHM = "pbkdf2-hmac-sha256"
DEFAULT_ITERATIONS = 10_000  # ~4-7 ms per finding checked; see docs/adoption.md
# Directories never walked when collecting files (flake8's own default excludes, plus virtualenvs).
SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", ".bzr", "CVS", ".tox", ".nox", ".eggs", "__pycache__", ".venv", "venv",
     "node_modules", "build", "dist", ".mypy_cache", ".pytest_cache", ".ipynb_checkpoints"}
)


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


# --------------------------------------------------------------------------- scanning


def _excluded(path: str, patterns: Sequence[str]) -> bool:
    """flake8's rule: a pattern matches the base name, or the absolute path (patterns with a ``/``
    arrive made absolute by :mod:`.config`)."""
    if not patterns:
        return False
    full = os.path.abspath(path)
    base = os.path.basename(full)
    return any(fnmatch.fnmatch(base, p) or fnmatch.fnmatch(full, p) for p in patterns)


def iter_files(paths: Iterable[str], exclude: Sequence[str] = (), kinds: frozenset[str] | None = None) -> Iterator[str]:
    """The files of *kinds* (default: all, :mod:`.files`) under *paths*, sorted: ``.py``, ``.pyi``, ``.ipynb`` and
    the config, requirements, ``.env`` and Docker files the standalone scan reads; files named are always included."""
    from . import files as kinds_of_files

    for top in paths:
        if os.path.isfile(top):
            yield top
            continue
        found = []
        for root, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not _excluded(os.path.join(root, d), exclude)]
            found.extend(p for p in (os.path.join(root, f) for f in files) if kinds_of_files.kind_of(p, kinds))
        yield from sorted(p for p in found if not _excluded(p, exclude))


def scan_file(path: str, options: object) -> list[Finding]:
    """Findings of one file through the same engine as flake8 (notebooks through :mod:`.notebook`)."""
    from .scanner import scan_source

    from . import files

    kind = files.kind_of(path)
    if kind == "notebook":
        from . import notebook

        return [nf.finding for nf in notebook.scan_notebook(path, options)]
    with open(path, "rb") as fh:
        raw = fh.read()
    if kind in files.CONFIG_KINDS:
        from .files.scan import scan_text
        from .textio import decode, split_lines

        text, _ = decode(raw)
        return scan_text(text, split_lines(text), path, kind, options)[0]  # type: ignore[arg-type]
    try:
        import tokenize
        import io

        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        source = raw.decode(encoding)
        return scan_source(source, filename=path, options=options)  # type: ignore[arg-type]
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return []  # flake8 reports E999 for these; a baseline records nothing for them


def scan(paths: Iterable[str], options: object, exclude: Sequence[str] = ()) -> dict[str, list[Finding]]:
    kinds = getattr(options, "file_kinds", None)
    return {p: found for p in iter_files(paths, exclude, kinds) if (found := scan_file(p, options))}


def import_detect_secrets(ds_path: str, base: Baseline, options: object) -> tuple[int, int]:
    """Add to *base* our findings that a detect-secrets baseline records; returns (matched, unmatched).

    detect-secrets stores, per file, the unsalted SHA-1 of each secret. We scan
    each file it names, hash each of our findings' values with SHA-1 *only to
    compare*, and store our salted fingerprint; no SHA-1 is written.
    """
    try:
        with open(ds_path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{ds_path}: cannot read the detect-secrets baseline: {exc}") from None
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, dict):
        raise BaselineError(f"{ds_path}: not a detect-secrets baseline (no \"results\" object)")
    root = os.path.dirname(os.path.abspath(ds_path))
    matched = unmatched = 0
    for name, entries in sorted(results.items()):
        wanted = {e.get("hashed_secret") for e in entries if isinstance(e, dict)}
        path = os.path.join(root, name)
        found = scan_file(path, options) if os.path.isfile(path) else []
        hit = set()
        for f in found:
            digest = hashlib.sha1(f.secret.encode("utf-8", "surrogatepass")).hexdigest()
            if digest in wanted:
                base.add(path, f)
                hit.add(digest)
        matched += len(hit)
        unmatched += len(wanted - hit)
    return matched, unmatched


# --------------------------------------------------------------------------- command line


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="nosecrets-baseline",
        description=(
            "Record today's findings so that flake8 (with 'nosecrets-baseline = FILE') reports only new ones. "
            "Entries are matched by file, rule and a salted fingerprint of the value, never by line."
        ),
    )
    p.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or directories (default: .)")
    p.add_argument("-o", "--output", default=DEFAULT_PATH, metavar="FILE",
                   help=f"baseline file to write (default: {DEFAULT_PATH})")
    p.add_argument("--update", action="store_true",
                   help="update FILE: keep entries still found, drop fixed ones; new findings only with --add-new")
    p.add_argument("--add-new", action="store_true", help="with --update, also record findings not yet in FILE")
    p.add_argument("--import-detect-secrets", metavar="DS_FILE",
                   help="add the findings a detect-secrets .secrets.baseline records (re-fingerprinted, salted)")
    p.add_argument("--config", metavar="FILE", help="configuration file to read instead of searching for one")
    p.add_argument("--isolated", action="store_true", help="ignore configuration files")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from . import config

    try:
        cfg = config.load_config(os.curdir, config_file=args.config, isolated=args.isolated)
    except config.ConfigError as exc:
        print(f"nosecrets-baseline: {exc}", file=sys.stderr)
        return 2
    # The baseline being written must not filter the scan that fills it.
    options = dataclasses.replace(cfg.options, baseline="")
    exclude = (cfg.exclude or ()) + cfg.extend_exclude + (os.path.abspath(args.output),)
    try:
        old = load(args.output) if os.path.exists(args.output) else None
        if args.update and old is None:
            print(f"nosecrets-baseline: {args.output}: no baseline to update", file=sys.stderr)
            return 2
        base = Baseline.new(args.output, salt=old.salt if old else None)
        if old:
            base.iterations = old.iterations
        current = scan(args.paths, options, exclude)
        kept = added = skipped = 0
        for path, found in current.items():
            for f in found:
                rel = base.relpath(path)
                entry = base.entry(f)
                if args.update and old is not None and entry not in old.files.get(rel, set()):
                    if not args.add_new:
                        skipped += 1
                        continue
                    added += 1
                elif args.update:
                    kept += 1
                else:
                    added += 1
                base.files.setdefault(rel, set()).add(entry)
        imported = (0, 0)
        if args.import_detect_secrets:
            imported = import_detect_secrets(args.import_detect_secrets, base, options)
        dropped = 0
        if old is not None:
            dropped = sum(len(e - base.files.get(name, set())) for name, e in old.files.items())
        write(base, args.output)
    except BaselineError as exc:
        print(f"nosecrets-baseline: {exc}", file=sys.stderr)
        return 2
    summary = f"nosecrets-baseline: wrote {args.output}: {len(base)} entr{'y' if len(base) == 1 else 'ies'}"
    if args.update:
        summary += f" ({kept} kept, {dropped} dropped as fixed, {added} added"
        summary += f", {skipped} new not added: use --add-new)" if skipped else ")"
    if args.import_detect_secrets:
        summary += f"; detect-secrets import: {imported[0]} matched, {imported[1]} not found by our rules"
    print(summary, file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
