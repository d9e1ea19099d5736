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
configured, ``nosecrets``, ``nosecrets-fix``, pylint), so that occurrences are
counted the way ``nosecrets-baseline`` counted them. :func:`main` is the
``nosecrets-baseline`` command.
"""

from __future__ import annotations

import argparse
import dataclasses
import fnmatch
import functools
import hashlib
import json
import os
import sys
from typing import Iterable, Iterator, Sequence

from . import __version__
from .findings import Finding

FORMAT_VERSION = 2
DEFAULT_PATH = ".nosecrets-baseline.json"
LEGACY_ALGORITHM = "pbkdf2-hmac-sha256"  # version 1's value fingerprints
# Directories never walked when collecting files (flake8's own default excludes, plus virtualenvs).
SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", ".bzr", "CVS", ".tox", ".nox", ".eggs", "__pycache__", ".venv", "venv",
     "node_modules", "build", "dist", ".mypy_cache", ".pytest_cache", ".ipynb_checkpoints"}
)


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


# --------------------------------------------------------------------------- scanning


def _excluded(path: str, patterns: Sequence[str]) -> bool:
    """flake8's rule: a pattern matches the base name, or the absolute path (patterns with a ``/``
    arrive made absolute by :mod:`.config`)."""
    if not patterns:
        return False
    full = os.path.abspath(path)
    base = os.path.basename(full)
    return any(fnmatch.fnmatch(base, p) or fnmatch.fnmatch(full, p) for p in patterns)


def iter_files(paths: Iterable[str], exclude: Sequence[str] = ()) -> Iterator[str]:
    """``.py``, ``.pyi`` and ``.ipynb`` files under *paths*, sorted; files named explicitly are always included."""
    for top in paths:
        if os.path.isfile(top):
            yield top
            continue
        found = []
        for root, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not _excluded(os.path.join(root, d), exclude)]
            found.extend(os.path.join(root, f) for f in files if f.endswith((".py", ".pyi", ".ipynb")))
        yield from sorted(p for p in found if not _excluded(p, exclude))


def scan_file(path: str, options: object) -> list[Finding]:
    """Findings of one file through the same engine as flake8 (notebooks through :mod:`.notebook`)."""
    from .scanner import scan_source

    if path.endswith(".ipynb"):
        from . import notebook

        return [nf.finding for nf in notebook.scan_notebook(path, options)]
    with open(path, "rb") as fh:
        raw = fh.read()
    try:
        import tokenize
        import io

        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        source = raw.decode(encoding)
        return scan_source(source, filename=path, options=options)  # type: ignore[arg-type]
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return []  # flake8 reports E999 for these; a baseline records nothing for them


def scan(paths: Iterable[str], options: object, exclude: Sequence[str] = ()) -> dict[str, list[Finding]]:
    return {p: found for p in iter_files(paths, exclude) if (found := scan_file(p, options))}


def import_detect_secrets(ds_path: str, base: Baseline, options: object) -> tuple[int, int]:
    """Add to *base* our findings that a detect-secrets baseline records; returns (matched, unmatched).

    detect-secrets stores, per file, the unsalted SHA-1 of each secret. We scan
    each file it names, hash each of our findings' values with SHA-1 *only to
    compare*, and record the matching findings as any other entry; no hash is written.
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
        rel = base.relpath(path)
        for entry, f in entries_of(found):
            digest = hashlib.sha1(f.secret.encode("utf-8", "surrogatepass")).hexdigest()
            if digest in wanted:
                base.files.setdefault(rel, set()).add(entry)
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
            "Entries are matched by file, rule, binding, the value as messages show it (nothing for a weak "
            "value) and occurrence, never by line."
        ),
    )
    p.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or directories (default: .)")
    p.add_argument("-o", "--output", default=DEFAULT_PATH, metavar="FILE",
                   help=f"baseline file to write (default: {DEFAULT_PATH})")
    p.add_argument("--update", action="store_true",
                   help="update FILE: keep entries still found, drop fixed ones; new findings only with --add-new")
    p.add_argument("--add-new", action="store_true", help="with --update, also record findings not yet in FILE")
    p.add_argument("--import-detect-secrets", metavar="DS_FILE",
                   help="add the findings a detect-secrets .secrets.baseline records (no hash is written)")
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
        base = Baseline.new(args.output)
        current = scan(args.paths, options, exclude)
        kept = added = skipped = 0
        for path, found in current.items():
            rel = base.relpath(path)
            marked = old.recorded(path, found) if old is not None else [(e, f, False) for e, f in entries_of(found)]
            for entry, f, known in marked:
                if args.update and not known:
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
            old_files = old.legacy.files if old.legacy else old.files
            recorded = sum(len(e) for e in old_files.values())
            dropped = max(0, recorded - kept)
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
