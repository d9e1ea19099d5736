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

Jupyter notebooks (``*.ipynb``) take the same path: step 1 runs the codemod on
each code cell through :func:`flake8_nosecrets.notebook.fix_notebook` (which
also clears the outputs that show a secret) and keeps the new notebook text in
memory; steps 2 and 3 are shared. A notebook that is not valid JSON (or, when
it needs fixing, not a valid notebook) is reported and left alone, exit 2.
"""

from __future__ import annotations

import argparse
from collections import Counter
import dataclasses
import difflib
import fnmatch
import io
import json
import os
import subprocess
import sys
import tokenize
from pathlib import Path
from typing import IO, Callable, Iterable, Sequence

from .. import __version__, providers
from ..findings import Finding, printable, redact

DEFAULT_EXCLUDE = (".svn", "CVS", ".bzr", ".hg", ".git", "__pycache__", ".tox", ".nox", ".eggs", "*.egg")
SUFFIXES = (".py", ".ipynb")  # what a directory gives
PROGRESS_MIN_FILES = 20


class FixError(Exception):
    """Stops the run with exit status 2; the message is the one-line reason."""


class _Skip(Exception):
    """This file is left as it is and the run goes on (the message says why)."""


class _Fail(Exception):
    """This file is not written; the run goes on and exits 2 (the message says why)."""


@dataclasses.dataclass
class FileChange:
    path: Path
    display: str
    old: bytes
    new: bytes
    encoding: str
    moves: list = dataclasses.field(default_factory=list)
    manual: list = dataclasses.field(default_factory=list)
    # notebooks: findings in the outputs that were cleared, how many outputs, and each item's cell
    cleared: list = dataclasses.field(default_factory=list)
    outputs_cleared: int = 0
    places: dict = dataclasses.field(default_factory=dict)  # id(move / manual / cleared item) -> "cell 3"
    unreported: tuple = ()  # notebooks: secrets found but not acted on (baseline, ignore): kept out of --diff too

    @property
    def notebook(self) -> bool:
        return self.path.suffix == ".ipynb"

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
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files or directories (directories: *.py and *.ipynb, recursively)")
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
    """flake8's file selection: files named are taken as they are; directories give their ``*.py`` (and
    ``*.ipynb``) files, minus excluded names and git-ignored paths."""
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
                if not rel.endswith(SUFFIXES):
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
                if name.endswith(SUFFIXES) and not _excluded(os.path.join(root, name), exclude):
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
    if f.code in ("NSC202", "NSC206") or (f.code == "NSC207" and f.binding.use == "password"):
        return "change this password wherever it is used, then put the new one in the env file"
    if f.code == "NSC207":
        return ("replace this key with a random one (secrets.token_hex(32)) kept in the env file; "
                "whatever it signed can be forged")
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
        plan = _plan_notebook if path.suffix == ".ipynb" else _plan_module
        change, warning, failed = _plan_one(plan, path, display, data, conf, name_for)
        if warning:
            warnings.append(warning)
        failures += failed
        if change is not None:
            changes.append(change)
    progress.done()
    return changes, warnings, failures


Planner = Callable[[Path, str, bytes, object, Callable[[Finding, str, str], str]], "FileChange | None"]


def _plan_one(plan: Planner, path: Path, display: str, data: bytes, conf, name_for
              ) -> tuple[FileChange | None, str, bool]:
    """One file through *plan* (:func:`_plan_module` or :func:`_plan_notebook`), with the codemod's failures
    sorted out the same way for both: ``(change or None, one-line warning or '', counts as a failure)``."""
    from libcst import ParserSyntaxError

    try:
        return plan(path, display, data, conf, name_for), "", False
    except _Skip as exc:
        return None, f"{display}: skipped, {exc}", False
    except _Fail as exc:
        return None, f"{display}: {exc}", True
    except ParserSyntaxError as exc:
        return None, f"{display}: skipped, libcst cannot parse it: {printable(str(exc).splitlines()[0], 100)}", False
    except RecursionError:
        return None, f"{display}: skipped, nested too deeply for libcst", False
    except SyntaxError as exc:  # the rewrite would not parse: never written
        reason = printable(str(exc), 80)
        return None, f"{display}: NOT changed, the rewrite did not parse ({reason}); please report", True
    except Exception as exc:  # a bug must not stop the other files; this one is not written
        return None, f"{display}: NOT changed, internal error {type(exc).__name__}; please report", True


def _checked(change: FileChange, problem: str) -> FileChange:
    if problem:
        raise _Fail(f"NOT changed, {problem}; please report")
    return change


def _plan_module(path: Path, display: str, data: bytes, conf, name_for) -> FileChange | None:
    from . import codemod

    try:
        text, encoding = decode_source(data)
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        raise _Skip(f"cannot decode: {printable(str(exc), 100)}") from None
    try:
        findings = codemod.detect(text, str(path), conf)
    except (SyntaxError, ValueError, RecursionError) as exc:
        raise _Skip(f"not valid Python: {printable(str(exc), 100)}") from None
    if not findings:
        return None
    new, moves, manual = codemod.fix_code(data, str(path), findings=findings, name_for=name_for, config=conf)
    change = FileChange(path, display, data, new, encoding, moves, manual)
    return _checked(change, _verify(change, conf)) if change.changed else change


def _plan_notebook(path: Path, display: str, data: bytes, conf, name_for) -> FileChange | None:
    """A notebook's change: the codemod on each code cell that has findings (same names, same checks), the
    outputs showing a secret cleared, and what neither can reach (markdown, ``%%bash``, magics) left by hand."""
    from .. import notebook
    from . import codemod

    calls: list[tuple[list, list]] = []

    def transform(source: str) -> str:
        new, moves, manual = codemod.fix_code(source, str(path), name_for=name_for, config=conf)
        calls.append((moves, manual))
        return new.decode("utf-8")

    try:
        raw = data.decode("utf-8")
        nb = notebook.parse(raw, str(path))
        result = notebook.fix_notebook(str(path), transform, conf.options, write=False, raw=raw,
                                       select=lambda found: _reported_in_notebook(found, str(path), conf))
    except UnicodeDecodeError:
        raise _Fail("error: not a readable notebook (not UTF-8)") from None
    except notebook.NotebookError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        raise _Fail(f"error: {printable(reason.splitlines()[0] if reason else 'unreadable', 120)}") from None
    except ImportError as exc:
        if exc.name != "nbformat":
            raise
        raise _Fail("error: fixing notebooks needs nbformat: pip install 'flake8-nosecrets[notebooks]'") from None
    if not result.found:
        return None
    moves: list = []
    manual: list = []
    cleared: list = []
    places: dict[int, str] = {}
    for cell, (cell_moves, cell_manual) in zip(result.transformed, calls):
        for item in (*cell_moves, *cell_manual):
            places[id(item)] = f"cell {cell}"
        moves += cell_moves
        manual += cell_manual
    by_codemod = list(manual)
    for nf in result.found:
        reason = notebook.untransformed_reason(nb, nf)
        if not reason:
            continue  # on a Python line: the codemod moved it or said why not
        if nf.kind == "output":
            item = codemod.Manual(nf.finding, "shown in a cell output, which is cleared")
            cleared.append(item)
            places[id(item)] = f"cell {nf.cell}, output {nf.output}"
        else:
            item = codemod.Manual(nf.finding, f"{reason}: remove it by hand")
            manual.append(item)
            places[id(item)] = f"cell {nf.cell}"
    new = result.text.encode("utf-8") if result.changed else data
    change = FileChange(path, display, data, new, "utf-8", moves, manual, cleared, result.outputs_cleared, places)
    if change.changed:  # a reformatted notebook can show any of its lines in --diff
        acted_on = {nf.finding.secret for nf in result.found}
        change.unreported = tuple({nf.finding.secret for nf in notebook.scan_notebook(str(path), conf.options, nb)
                                   if nf.finding.secret not in acted_on})
    return _checked(change, _verify_notebook(change, result, by_codemod)) if change.changed else change


def _reported_in_notebook(found: list, filename: str, conf) -> list:
    """The notebook findings flake8's select/ignore and the baseline let through, as ``codemod.detect`` does
    for a module (the inline markers are applied by the notebook scan)."""
    codes = conf.code_filter
    found = [nf for nf in found if codes.reported_in(nf.finding.code, filename)]
    options = conf.options
    if found and options.baseline:
        from ..baseline import filter_findings

        kept = {id(f) for f in filter_findings([nf.finding for nf in found], filename, options)}
        found = [nf for nf in found if id(nf.finding) in kept]
    return found


def _verify(change: FileChange, conf) -> str:
    """'' when the new text parses and the detector no longer reports a moved value; else what is wrong."""
    import ast

    from . import codemod

    try:
        text, _ = decode_source(change.new)
        ast.parse(text)
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        return f"the rewrite does not parse ({printable(str(exc), 80)})"
    found = codemod.detect(text, str(change.path), conf)
    return _leftover((f.secret for f in found), change, change.manual)


def _verify_notebook(change: FileChange, result, by_codemod: list) -> str:
    """'' when the new notebook validates, its rewritten cells still parse, and no Python line of a code
    cell still holds a moved value; else what is wrong."""
    import nbformat

    from .. import notebook

    try:
        nb = json.loads(result.text)
        nbformat.validate(json.loads(result.text))
    except Exception:  # noqa: BLE001 - whatever it is, the rewrite is not written; the text may quote a secret
        return "the rewrite is not a valid notebook"
    for n in result.transformed:
        source = nb["cells"][n - 1].get("source")
        if notebook.to_python("".join(source) if isinstance(source, list) else source).python is None:
            return f"the rewrite of cell {n} does not parse"
    on_python_lines = (nf.finding.secret for nf in result.remaining if not notebook.untransformed_reason(nb, nf))
    return _leftover(on_python_lines, change, by_codemod)


def _leftover(reported: Iterable[str], change: FileChange, manual: list) -> str:
    """'' unless *reported* (secrets the detector finds in the new text) still holds a moved value that
    *manual* (findings left by design: comments, patterns…) does not account for."""
    moved = [m.env_value for m in change.moves] + [m.finding.secret for m in change.moves]
    left = Counter(s for s in reported if any(s in v for v in moved))
    left.subtract(Counter(m.finding.secret for m in manual))
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
                    comments.setdefault(m.name, f"moved from {_at(c, m, col=False)} by nosecrets-fix")
            redactor = _redactor(changes)
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


def _at(c: FileChange, item, *, col: bool = True) -> str:
    """Where a move, manual or cleared item is: ``app.py:4:16``, ``nb.ipynb: cell 3, line 2, col 9``
    (lines and columns inside the cell source or output)."""
    f = item.finding
    place = c.places.get(id(item))
    if place is None:
        return f"{c.display}:{f.line}:{f.col + 1}" if col else f"{c.display}:{f.line}"
    return f"{c.display}: {place}, line {f.line}" + (f", col {f.col + 1}" if col else "")


def _spellings(c: FileChange, needles: Iterable[str]) -> list[str]:
    """*needles* plus, in a notebook, the way its JSON spells them (escaped quotes, backslashes, newlines)."""
    out = list(needles)
    if c.notebook:
        out += [json.dumps(n, ensure_ascii=as_ascii)[1:-1] for n in out for as_ascii in (True, False)]
    return list(dict.fromkeys(out))


def _redactor(changes: list[FileChange]) -> Redactor:
    from .codemod import needles_for

    redactor = Redactor()
    for c in changes:
        for m in c.moves:
            redactor.add(_spellings(c, m.needles), f"<{m.name}: {redact(m.finding.secret)}>", m.env_value)
        for secret in (*(mf.finding.secret for mf in (*c.manual, *c.cleared)), *c.unreported):
            redactor.add(_spellings(c, needles_for(secret)), f"<secret {redact(secret)}>", secret)
    return redactor


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
    names = [m.name for c in changed for m in c.moves]
    if names:  # (a notebook whose only change is a cleared output moves nothing)
        notes = _write_env(env, new_entries, comments, env_arg, names)
    written: list[str] = []
    for c in changed:  # 2. each source file atomically
        try:
            dotenv_io.sweep_temps(c.path.resolve())
            dotenv_io.atomic_write(c.path.resolve(), c.new)
        except OSError as exc:
            done = f" ({len(written)} file(s) already rewritten)" if written else ""
            raise FixError(
                f"cannot write {c.display}: {exc.strerror or exc}; it is unchanged, its values are in {env_arg}{done}"
            ) from None
        written.append(c.display)
    return notes


def _write_env(env, new_entries, comments, env_arg: Path, names: list[str]) -> list[str]:
    from . import dotenv_io

    notes: list[str] = []
    try:
        dotenv_io.sweep_temps(env.path)
        env.merge(new_entries, comments)  # 1. every value is safe before any source changes
    except OSError as exc:
        raise FixError(f"cannot write {env_arg}: {exc.strerror or exc}; no file was changed") from None
    try:
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
    return notes


def _summary(report: IO[str], changes, new_entries, env_arg: Path, *, diff: bool, notes: list[str]) -> None:
    changed = [c for c in changes if c.changed]
    moves = [(c, m) for c in changed for m in c.moves]
    manual = [(c, m) for c in changes for m in c.manual]
    cleared = [c for c in changed if c.outputs_cleared]
    verb = "would move" if diff else "moved"
    if moves:
        files = len({id(c) for c, _ in moves})
        report.write(
            f"nosecrets-fix: {verb} {len(moves)} secret(s) from {files} file(s) into {env_arg} "
            f"({len(new_entries)} new entr{'y' if len(new_entries) == 1 else 'ies'})\n"
        )
        for c, m in moves:
            report.write(f"  {_at(c, m)}: {m.describe()}\n")
    elif not cleared:
        report.write("nosecrets-fix: nothing to move\n")
    if cleared:
        outputs = sum(c.outputs_cleared for c in cleared)
        report.write(f"nosecrets-fix: {'would clear' if diff else 'cleared'} {outputs} cell output(s) showing a "
                     f"secret in {len(cleared)} notebook(s)\n")
        for c in cleared:
            for m in c.cleared:
                report.write(f"  {_at(c, m)}: {m.finding.code} {redact(m.finding.secret)}\n")
    for note in notes:
        report.write(f"  {note}\n")
    if manual:
        report.write(f"nosecrets-fix: {len(manual)} secret(s) left for you to remove by hand:\n")
        for c, m in manual:
            report.write(f"  {_at(c, m)}: {m.describe()}\n")


def _history_report(args, changes: list[FileChange], report: IO[str], root: Path) -> None:
    from . import dotenv_io, history
    from .codemod import needles_for

    moves = [(c, m) for c in changes if c.changed for m in c.moves]
    moved = {m.finding.secret for _, m in moves}
    left = [(c, m) for c in changes for m in c.manual]  # left for a human, and outputs cleared of another value
    left += [(c, m) for c in changes if c.changed for m in c.cleared if m.finding.secret not in moved]
    if args.no_history or not (moves or left):
        return
    top = dotenv_io.git_toplevel(root)
    if top is None:
        return
    needles: dict[str, list[bytes]] = {}
    label: dict[str, tuple[str, Finding]] = {}
    for c, m in moves:
        label[m.name] = (m.name, m.finding)
        needles.setdefault(m.name, []).extend(_encoded(c, m.needles))
    for c, mf in left:
        key = _at(c, mf, col=False)
        label[key] = (key, mf.finding)
        needles.setdefault(key, []).extend(_encoded(c, needles_for(mf.finding.secret)))
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


def _encoded(c: FileChange, needles: Iterable[str]) -> list[bytes]:
    """The byte spellings of *needles* in *c*'s file (its encoding; JSON escapes in a notebook)."""
    out = []
    for n in _spellings(c, needles):
        try:
            out.append(n.encode(c.encoding))
        except (UnicodeEncodeError, LookupError):
            out.append(n.encode("utf-8", "surrogateescape"))
    return out


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
