"""``nosecrets-baseline``: scan files and record their findings in a baseline (:mod:`.baseline`).

Kept apart from :mod:`.baseline` so that the baseline (read by every front-end,
the notebook scan included) does not import the scanners that fill it.
"""

from __future__ import annotations

import argparse
import dataclasses
import fnmatch
import hashlib
import json
import os
import sys
from typing import Iterable, Iterator, Sequence

from .baseline import DEFAULT_PATH, Baseline, BaselineError, entries_of, load, write
from .findings import Finding

# Directories never walked when collecting files (flake8's own default excludes, plus virtualenvs).
SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", ".bzr", "CVS", ".tox", ".nox", ".eggs", "__pycache__", ".venv", "venv",
     "node_modules", "build", "dist", ".mypy_cache", ".pytest_cache", ".ipynb_checkpoints"}
)


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
