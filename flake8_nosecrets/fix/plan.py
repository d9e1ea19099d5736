"""Step 1 of a run: every file read and transformed in memory, each result checked (it parses, and the
detector no longer reports a moved value in it) before anything is written."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path
from typing import IO, Callable, Iterable

from ..findings import Finding, printable
from .change import FileChange, FixError
from .files import decode_source, display
from .report import Progress


class _Skip(Exception):
    """This file is left as it is and the run goes on (the message says why)."""


class _Fail(Exception):
    """This file is not written; the run goes on and exits 2 (the message says why)."""


def plan_files(files: list[Path], conf, namer, err: IO[str]) -> tuple[list[FileChange], list[str], int]:
    changes: list[FileChange] = []
    warnings: list[str] = []
    failures = 0
    progress = Progress(err, len(files))

    def name_for(f: Finding, value: str, wanted: str) -> str:
        return namer.name_for(value, wanted)

    for n, path in enumerate(files, 1):
        shown = display(path)
        progress.show(n, shown)
        try:
            data = path.read_bytes()
        except OSError as exc:
            progress.done()
            raise FixError(f"cannot read {shown}: {exc.strerror or exc}") from None
        plan = _plan_notebook if path.suffix == ".ipynb" else _plan_module
        change, warning, failed = _plan_one(plan, path, shown, data, conf, name_for)
        if warning:
            warnings.append(warning)
        failures += failed
        if change is not None:
            changes.append(change)
    progress.done()
    failures += _copies_across_files(changes, conf, name_for, warnings)
    return changes, warnings, failures


def spellings(moves: Iterable) -> dict[str, str]:
    """Each text that spells a moved value in a source file -> the value's env var name."""
    out: dict[str, str] = {}
    for m in moves:
        for text in m.needles:
            out.setdefault(text, m.name)
    return out


def _copies_across_files(changes: list[FileChange], conf, name_for, warnings: list[str]) -> int:
    """A value moved from one file and also spelled in another file the run changes moves there too (its
    literals and comments, :mod:`.copies`); then every changed module records what is still left of any moved
    value (:attr:`FileChange.copies_left`). Returns the number of files that failed on the second pass."""
    from . import copies

    moved = [m for c in changes if c.changed for m in c.moves]
    if not moved:
        return 0
    spelled = spellings(moved)
    first = {}
    for m in moved:
        first.setdefault(m.name, m.finding)
    failures = 0
    for k, c in enumerate(changes):
        if not c.changed or c.notebook:
            continue
        own = {m.name for m in c.moves}
        foreign = [first[name] for name in copies.remaining(decode_source(c.new)[0], spelled) if name not in own]
        if foreign:
            def again(path, shown, data, conf, name_for, also=foreign):
                return _plan_module(path, shown, data, conf, name_for, also)

            change, warning, failed = _plan_one(again, c.path, c.display, c.old, conf, name_for)
            if warning:
                warnings.append(warning)
            failures += failed
            if change is not None and not failed:
                changes[k] = c = change
        c.copies_left = copies.remaining(decode_source(c.new)[0], spelled)
    return failures


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
    except ParserSyntaxError as exc:  # only files with findings reach libcst: one is left in place
        return None, f"{display}: NOT changed, libcst cannot parse it: {printable(str(exc).splitlines()[0], 100)}", True
    except RecursionError:
        return None, f"{display}: NOT changed, nested too deeply for libcst", True
    except SyntaxError as exc:  # the rewrite would not parse: never written
        reason = printable(str(exc), 80)
        return None, f"{display}: NOT changed, the rewrite did not parse ({reason}); please report", True
    except Exception as exc:  # a bug must not stop the other files; this one is not written
        return None, f"{display}: NOT changed, internal error {type(exc).__name__}; please report", True


def _checked(change: FileChange, problem: str) -> FileChange:
    if problem:
        raise _Fail(f"NOT changed, {problem}; please report")
    return change


def _plan_module(path: Path, display: str, data: bytes, conf, name_for, also: list | tuple = ()
                 ) -> FileChange | None:
    from . import codemod

    try:
        text, encoding = decode_source(data)
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        raise _unfixable(path, data, conf, f"cannot decode: {printable(str(exc), 100)}") from None
    try:
        findings = codemod.detect(text, str(path), conf)
    except (SyntaxError, ValueError, RecursionError) as exc:
        raise _unfixable(path, data, conf, f"not valid Python: {printable(str(exc), 100)}") from None
    if not findings and not also:
        return None
    new, moves, manual = codemod.fix_code(data, str(path), findings=findings, name_for=name_for, config=conf,
                                          also_values=also)
    change = FileChange(path, display, data, new, encoding, moves, manual)
    if change.changed:  # the diff shows context lines: what the suppressions hide must not show there either
        change.unreported = _unreported(text, str(path), conf, (*moves, *manual))
    return _checked(change, _verify(change, conf)) if change.changed else change


def _unreported(text: str, filename: str, conf, acted_on: Iterable) -> tuple[str, ...]:
    """The secrets in a module that the run does not act on: findings the inline markers, noqa, the baseline,
    the allow patterns or a disabled provider hide. --diff redacts them on its context lines too."""
    from ..scanner import scan_source

    done = {m.finding.secret for m in acted_on}
    every = scan_source(text, filename=filename, options=_unsuppressed(conf.options), markers=False)
    return tuple({f.secret for f in every} - done)


def _unsuppressed(options):
    """*options* without what hides findings from a run (baseline, allow patterns, disabled providers)."""
    return dataclasses.replace(options, baseline="", allow=(), disabled_providers=frozenset())


def _unfixable(path: Path, data: bytes, conf, reason: str) -> Exception:
    """A file that cannot be decoded or parsed: skipped, unless the standalone scan (which then checks its
    lines for key formats) reports a finding in it, which this run was asked to fix and cannot: a failure."""
    from .. import cli as scan_cli

    settings = scan_cli.Settings(options=conf.options, codes=conf.code_filter)
    if scan_cli.scan_file(str(path), settings, data).findings:
        return _Fail(f"NOT changed, {reason}; it holds a secret 'nosecrets' reports: move it by hand")
    return _Skip(reason)


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
        every = notebook.scan_notebook(str(path), _unsuppressed(conf.options), nb, markers=False)
        change.unreported = tuple({nf.finding.secret for nf in every if nf.finding.secret not in acted_on})
    return _checked(change, _verify_notebook(change, result, by_codemod)) if change.changed else change


def _reported_in_notebook(found: list, filename: str, conf) -> list:
    """The notebook findings flake8's select/ignore and the baseline let through, as ``codemod.detect`` does
    for a module (the inline markers are applied by the notebook scan)."""
    options = conf.options
    if found and options.baseline:  # first: it counts occurrences over all the notebook's findings
        from ..baseline import filter_findings

        kept = {id(f) for f in filter_findings([nf.finding for nf in found], filename, options)}
        found = [nf for nf in found if id(nf.finding) in kept]
    codes = conf.code_filter
    return [nf for nf in found if codes.reported_in(nf.finding.code, filename)]


def _verify(change: FileChange, conf) -> str:
    """'' when the new text parses, each ``os.environ`` read it gained provably reads the os module's
    environment (scope analysis, :func:`.imports.unresolved`), and the detector no longer reports a moved
    value; else what is wrong."""
    import ast

    from . import codemod, imports

    try:
        text, _ = decode_source(change.new)
        ast.parse(text)
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        return f"the rewrite does not parse ({printable(str(exc), 80)})"
    problem = imports.unresolved(text, {m.name for m in change.moves})
    if problem:
        return f"its os.environ reads are not proven to reach the os module ({problem})"
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
