"""``nosecrets-fix [--diff] [--env-file FILE] PATH...``: move reported secrets into the environment.

Order of work, so that an interruption at any point loses nothing:

1. read and transform every file in memory (each result must parse, and the
   detector must no longer report the moved values in it);
2. write the env file (atomically, fsync'd, read back through python-dotenv
   first), then ``.env.example`` and ``.gitignore``;
3. replace each source file atomically (temp file + rename, mode kept).

Until step 2 completes no file has changed; after it every value is in the env
file, so a source file that is still old still works and a new one finds its
value. Exit status: 0 nothing to change, 1 changed (or, with ``--diff``,
changes needed), 2 usage or I/O error (one-line reason on stderr).
"""

from __future__ import annotations

import argparse
from collections import Counter
import dataclasses
import difflib
import fnmatch
import io
import os
import subprocess
import sys
import tokenize
from pathlib import Path
from typing import IO, Sequence

from .. import __version__, providers
from ..findings import Finding, printable, redact

DEFAULT_EXCLUDE = (".svn", "CVS", ".bzr", ".hg", ".git", "__pycache__", ".tox", ".nox", ".eggs", "*.egg")
PROGRESS_MIN_FILES = 20


class FixError(Exception):
    """Stops the run with exit status 2; the message is the one-line reason."""


@dataclasses.dataclass
class FileChange:
    path: Path
    display: str
    old: bytes
    new: bytes
    encoding: str
    moves: list = dataclasses.field(default_factory=list)
    manual: list = dataclasses.field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.new != self.old


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="nosecrets-fix",
        description=(
            "Move the hardcoded secrets flake8-nosecrets reports into environment variables: each flagged "
            "literal (or just its secret part) becomes os.environ[\"NAME\"] and the value goes to an env file "
            "that git ignores. Nothing printed contains a whole secret."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories (directories: *.py, recursively)")
    p.add_argument("--diff", action="store_true",
                   help="write nothing; print a unified diff (secrets redacted, so it is for review, not for patch)")
    p.add_argument("--env-file", default=".env", metavar="FILE",
                   help="env file the values are merged into (default: .env in the current directory)")
    p.add_argument("--no-history", action="store_true", help="do not search git history for the moved values")
    p.add_argument("--history-max-commits", type=int, default=None, metavar="N",
                   help="search at most the newest N commits (default 2000)")
    p.add_argument("--history-timeout", type=float, default=None, metavar="SECONDS",
                   help="stop the history search after this many seconds (default 20)")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p


# ----------------------------------------------------------------------------- files


def _excluded(path: str, patterns: Sequence[str]) -> bool:
    absolute = os.path.abspath(path)
    base = os.path.basename(absolute)
    return any(fnmatch.fnmatch(base, p) or fnmatch.fnmatch(absolute, p) for p in patterns)


def _git_listed(directory: Path) -> list[str] | None:
    """Files under *directory* that git does not ignore (tracked or untracked), or None outside a work tree."""
    try:
        r = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            cwd=directory, capture_output=True, check=False, timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if r.returncode != 0:
        return None
    names = r.stdout.decode("utf-8", "surrogateescape").split("\0")
    return sorted({n for n in names if n})


def gather(paths: Sequence[str], exclude: Sequence[str]) -> list[Path]:
    """flake8's file selection: files named are taken as they are; directories give their ``*.py`` files,
    minus excluded names and git-ignored paths."""
    out: list[Path] = []
    for arg in paths:
        if not os.path.exists(arg):
            raise FixError(f"{arg}: no such file or directory")
        if not os.path.isdir(arg):
            out.append(Path(arg))
            continue
        if _excluded(arg, exclude) and os.path.abspath(arg) != os.getcwd():
            continue
        base = Path(arg)
        listed = _git_listed(base)
        if listed is not None:
            for rel in listed:
                if not rel.endswith(".py"):
                    continue
                parts = Path(rel).parts
                if any(_excluded(str(base.joinpath(*parts[: k + 1])), exclude) for k in range(len(parts))):
                    continue
                candidate = base / rel
                if candidate.is_file():
                    out.append(candidate)
            continue
        for root, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if not _excluded(os.path.join(root, d), exclude))
            for name in sorted(files):
                if name.endswith(".py") and not _excluded(os.path.join(root, name), exclude):
                    out.append(Path(root, name))
    seen: set[str] = set()
    unique = []
    for p in out:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def decode_source(data: bytes) -> tuple[str, str]:
    """``(text without BOM, encoding)`` the way Python reads a module (PEP 263, BOM)."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    text = data.decode(encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, ("utf-8" if encoding == "utf-8-sig" else encoding)


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


# ----------------------------------------------------------------------------- output


class Redactor:
    """Replaces every spelling of every secret in text to be printed by its redacted form."""

    def __init__(self) -> None:
        self.pairs: dict[str, str] = {}

    def add(self, needles: Sequence[str], label: str, whole: str = "") -> None:
        for n in needles:
            if len(n) >= 4:
                self.pairs.setdefault(n, label if n == whole or not whole else "<…>")

    def __call__(self, text: str) -> str:
        for needle in sorted(self.pairs, key=len, reverse=True):
            if needle in text:
                text = text.replace(needle, self.pairs[needle])
        return text


def _rotation_advice(f: Finding) -> str:
    provider = providers.BY_ID.get(f.provider) if f.provider else None
    if provider is not None and provider.rotate:
        return f"revoke it and issue a new one: {provider.rotate}"
    if f.code in ("NSC202", "NSC206"):
        return "change this password wherever it is used, then put the new one in the env file"
    if f.code == "NSC201":
        return "replace this key pair (and its certificates), then put the new key in the env file"
    return "revoke it where it was issued and put a new one in the env file"


class Progress:
    def __init__(self, stream: IO[str], total: int) -> None:
        self.stream = stream
        self.enabled = total >= PROGRESS_MIN_FILES and getattr(stream, "isatty", lambda: False)()
        self.total = total

    def show(self, n: int, path: str) -> None:
        if self.enabled:
            self.stream.write(f"\r\x1b[Knosecrets-fix: [{n}/{self.total}] {printable(path, 60)}")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


# ----------------------------------------------------------------------------- the run


def main(argv: Sequence[str] | None = None, stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        return run(args, out, err)
    except FixError as exc:
        err.write(f"nosecrets-fix: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        err.write("nosecrets-fix: interrupted; every file is either unchanged or complete\n")
        return 2


def _plan_files(files: list[Path], conf, namer, err: IO[str]) -> tuple[list[FileChange], list[str], int]:
    from libcst import ParserSyntaxError

    from . import codemod

    changes: list[FileChange] = []
    warnings: list[str] = []
    failures = 0
    progress = Progress(err, len(files))

    def name_for(f: Finding, value: str, wanted: str) -> str:
        return namer.name_for(value, wanted)

    for n, path in enumerate(files, 1):
        display = _display(path)
        progress.show(n, display)
        try:
            data = path.read_bytes()
        except OSError as exc:
            progress.done()
            raise FixError(f"cannot read {display}: {exc.strerror or exc}") from None
        try:
            text, encoding = decode_source(data)
        except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
            warnings.append(f"{display}: skipped, cannot decode: {printable(str(exc), 100)}")
            continue
        try:
            findings = codemod.detect(text, str(path), conf)
        except (SyntaxError, ValueError, RecursionError) as exc:
            warnings.append(f"{display}: skipped, not valid Python: {printable(str(exc), 100)}")
            continue
        if not findings:
            continue
        try:
            new, moves, manual = codemod.fix_code(data, str(path), findings=findings, name_for=name_for, config=conf)
        except ParserSyntaxError as exc:
            warnings.append(f"{display}: skipped, libcst cannot parse it: {printable(str(exc).splitlines()[0], 100)}")
            continue
        except RecursionError:
            warnings.append(f"{display}: skipped, nested too deeply for libcst")
            continue
        except SyntaxError as exc:  # the rewrite would not parse: never written
            reason = printable(str(exc), 80)
            warnings.append(f"{display}: NOT changed, the rewrite did not parse ({reason}); please report")
            failures += 1
            continue
        except Exception as exc:  # a bug must not stop the other files; this one is not written
            warnings.append(f"{display}: NOT changed, internal error {type(exc).__name__}; please report")
            failures += 1
            continue
        change = FileChange(path, display, data, new, encoding, moves, manual)
        if change.changed:
            problem = _verify(change, conf)
            if problem:
                warnings.append(f"{display}: NOT changed, {problem}; please report")
                failures += 1
                continue
        changes.append(change)
    progress.done()
    return changes, warnings, failures


def _verify(change: FileChange, conf) -> str:
    """'' when the new text parses and the detector no longer reports a moved value; else what is wrong."""
    import ast

    from . import codemod

    try:
        text, _ = decode_source(change.new)
        ast.parse(text)
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        return f"the rewrite does not parse ({printable(str(exc), 80)})"
    moved = [m.env_value for m in change.moves] + [m.finding.secret for m in change.moves]
    found = codemod.detect(text, str(change.path), conf)
    left = Counter(f.secret for f in found if any(f.secret in v for v in moved))
    left.subtract(Counter(m.finding.secret for m in change.manual))  # left by design (comments, patterns…)
    extra = sum(n for n in left.values() if n > 0)
    if extra:
        return f"the detector still reports {extra} moved value(s) after the rewrite"
    return ""


def run(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from .. import config as cfg
    from . import dotenv_io, envname

    cwd = Path.cwd()
    try:
        conf = cfg.load_config(str(cwd))
    except (cfg.ConfigError, ValueError) as exc:
        raise FixError(str(exc)) from None
    for w in getattr(conf, "warnings", ()):
        err.write(f"nosecrets-fix: warning: {w}\n")
    exclude = tuple(conf.exclude if getattr(conf, "exclude", None) is not None else DEFAULT_EXCLUDE)
    exclude += tuple(getattr(conf, "extend_exclude", ()) or ())
    files = gather(args.paths, exclude)
    root = dotenv_io.git_toplevel(cwd) or cwd
    env_arg = Path(args.env_file)
    try:
        env_target = dotenv_io.resolve_env_path(env_arg, root)
    except OSError as exc:
        raise FixError(str(exc)) from None
    report = out if not args.diff else err
    lock = dotenv_io.locked(env_target) if not args.diff else _null()
    try:
        with lock:
            env = dotenv_io.EnvFile(env_arg, root)
            namer = envname.Namer(env.values)
            changes, warnings, failures = _plan_files(files, conf, namer, err)
            changed = [c for c in changes if c.changed]
            moves = [m for c in changed for m in c.moves]
            used = {m.name for m in moves}
            new_entries = {k: v for k, v in namer.new.items() if k in used}
            comments = {}
            for c in changed:
                for m in c.moves:
                    comments.setdefault(m.name, f"moved from {c.display}:{m.finding.line} by nosecrets-fix")
            redactor = Redactor()
            for c in changes:
                for m in c.moves:
                    redactor.add(m.needles, f"<{m.name}: {redact(m.finding.secret)}>", m.env_value)
                for mf in c.manual:
                    from .codemod import needles_for

                    redactor.add(needles_for(mf.finding.secret), f"<secret {redact(mf.finding.secret)}>",
                                 mf.finding.secret)
            for w in warnings:
                err.write(f"nosecrets-fix: {w}\n")
            if args.diff:
                for c in changed:
                    out.write(redactor(_diff(c)))
                _summary(report, changes, new_entries, env_arg, diff=True, notes=[])
                _history_report(args, changes, report, root)
                return 2 if failures else (1 if changed else 0)
            notes = _write_all(changed, env, new_entries, comments, env_arg, report)
    except dotenv_io.EnvFileError as exc:
        raise FixError(str(exc)) from None
    _summary(report, changes, new_entries, env_arg, diff=False, notes=notes)
    _history_report(args, changes, report, root)
    return 2 if failures else (1 if changed else 0)


class _null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _diff(c: FileChange) -> str:
    try:
        old = c.old.decode(c.encoding).lstrip("\ufeff")
        new = c.new.decode(c.encoding).lstrip("\ufeff")
    except (UnicodeDecodeError, LookupError):
        return ""
    return "".join(difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{c.display}", f"b/{c.display}",
    ))


def _write_all(changed: list[FileChange], env, new_entries, comments, env_arg: Path, report: IO[str]) -> list[str]:
    from . import dotenv_io

    notes: list[str] = []
    if not changed:
        return notes
    try:
        env.merge(new_entries, comments)  # 1. every value is safe before any source changes
    except OSError as exc:
        raise FixError(f"cannot write {env_arg}: {exc.strerror or exc}; no file was changed") from None
    try:
        names = [m.name for c in changed for m in c.moves]
        if dotenv_io.update_example(env.path, list(dict.fromkeys(names))):
            notes.append(f"{_display(dotenv_io.example_path(env.path))} lists the names")
        plan = dotenv_io.gitignore_plan(env.path)
        if plan is not None:
            dotenv_io.add_to_gitignore(*plan)
            notes.append(f"added {plan[1]} to {_display(plan[0])}")
    except OSError as exc:
        raise FixError(
            f"cannot write {getattr(exc, 'filename', None) or '.env.example/.gitignore'}: {exc.strerror or exc}; "
            f"no source file was changed, the values are in {env_arg}"
        ) from None
    try:
        top = dotenv_io.git_toplevel(env.path.parent)
        if top is not None and dotenv_io.is_tracked(env.path, top):
            notes.append(f"WARNING: {_display(env.path)} is tracked by git: run `git rm --cached {_display(env.path)}`")
    except (OSError, subprocess.SubprocessError):
        pass
    written: list[str] = []
    for c in changed:  # 2. each source file atomically
        try:
            dotenv_io.atomic_write(c.path.resolve(), c.new)
        except OSError as exc:
            done = f" ({len(written)} file(s) already rewritten)" if written else ""
            raise FixError(
                f"cannot write {c.display}: {exc.strerror or exc}; it is unchanged, its values are in {env_arg}{done}"
            ) from None
        written.append(c.display)
    return notes


def _summary(report: IO[str], changes, new_entries, env_arg: Path, *, diff: bool, notes: list[str]) -> None:
    changed = [c for c in changes if c.changed]
    moves = [(c, m) for c in changed for m in c.moves]
    manual = [(c, m) for c in changes for m in c.manual]
    verb = "would move" if diff else "moved"
    if moves:
        report.write(
            f"nosecrets-fix: {verb} {len(moves)} secret(s) from {len(changed)} file(s) into {env_arg} "
            f"({len(new_entries)} new entr{'y' if len(new_entries) == 1 else 'ies'})\n"
        )
        for c, m in moves:
            report.write(f"  {c.display}:{m.where}: {m.describe()}\n")
    else:
        report.write("nosecrets-fix: nothing to move\n")
    for note in notes:
        report.write(f"  {note}\n")
    if manual:
        report.write(f"nosecrets-fix: {len(manual)} secret(s) left for you to remove by hand:\n")
        for c, m in manual:
            report.write(f"  {c.display}:{m.finding.line}:{m.finding.col + 1}: {m.describe()}\n")


def _history_report(args, changes: list[FileChange], report: IO[str], root: Path) -> None:
    from . import dotenv_io, history

    moves = [(c, m) for c in changes if c.changed for m in c.moves]
    manual = [(c, m) for c in changes for m in c.manual]
    if args.no_history or not (moves or manual):
        return
    top = dotenv_io.git_toplevel(root)
    if top is None:
        return
    needles: dict[str, list[bytes]] = {}
    label: dict[str, tuple[str, Finding]] = {}
    for c, m in moves:
        key = m.name
        label[key] = (m.name, m.finding)
        for n in m.needles:
            try:
                needles.setdefault(key, []).append(n.encode(c.encoding))
            except (UnicodeEncodeError, LookupError):
                needles.setdefault(key, []).append(n.encode("utf-8", "surrogateescape"))
    for c, mf in manual:
        from .codemod import needles_for

        key = f"{c.display}:{mf.finding.line}"
        label[key] = (key, mf.finding)
        for n in needles_for(mf.finding.secret):
            needles.setdefault(key, []).append(n.encode("utf-8", "surrogateescape"))
    kwargs = {}
    if args.history_max_commits is not None:
        kwargs["max_commits"] = args.history_max_commits
    if args.history_timeout is not None:
        kwargs["timeout"] = args.history_timeout
    result = history.scan(top, needles, **kwargs)
    if result.seen:
        report.write("nosecrets-fix: ROTATE these secrets: they are in committed git history, "
                     "so moving them out of the code does not un-leak them:\n")
        for key, seen in result.seen.items():
            name, f = label[key]
            report.write(
                f"  {name} {redact(f.secret)}: first seen in commit {seen.commit} ({seen.date}); "
                f"{_rotation_advice(f)}\n"
            )
    report.write(f"  {result.note}\n")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
