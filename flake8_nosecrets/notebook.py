"""Jupyter notebooks: where keys get pasted most.

Check mode, :func:`scan_notebook`, looks at

* code cells, through the same engine as ``.py`` files (:func:`scan_source`).
  IPython syntax is tolerated: line magics (``%env``, ``%pip``), shell escapes
  (``!curl …``), ``x = !cmd`` / ``x = %magic`` assignments, help lines
  (``obj?``) and cell magics (``%%time``) are swapped for placeholder names on
  the same line before parsing, and their own text is scanned with the
  value-based rules (``%env OPENAI_API_KEY=…`` is an environment write, named);
  cells in another language (``%%bash``, ``%%html``…) and cells that still do
  not parse are scanned as text;
* markdown and raw cells, as text (value-based rules: provider formats,
  private keys, URL credentials, Authorization values, embedded settings);
* outputs: stream text, ``execute_result``/``display_data`` text-like data and
  error tracebacks, with the value-based rules, plus any secret found in the
  notebook's code echoed in an output (``print(password)``).

Each result is a :class:`NotebookFinding` that names the cell (1-based, counting
every cell as Jupyter shows them) and the line inside the cell source or the
output. Suppressions work as in ``.py`` files: ``# noqa[: NSCnnn]``,
``# pragma: allowlist secret``, ``# nosec`` on the line.

Fix mode, :func:`fix_notebook`, rewrites code cells with a source transform
(``str -> str``, e.g. the ``nosecrets-fix`` codemod applied to one cell),
restores the IPython lines untouched, removes outputs that contain a secret,
and writes the notebook back with nbformat (indent 1, sorted keys, trailing
newline: what Jupyter writes) only when something changed.

Reading needs only :mod:`json`; writing imports nbformat lazily (the
``notebooks`` extra).
"""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from typing import Any, Callable, Iterable

from . import classify, rules, suppress
from .findings import Binding, Finding, redact
from .options import DEFAULT, Options
from .scanner import scan_source

# Cell magics whose body is still Python.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "pypy", "python", "python3", "px"})
_MARK = "__nosecrets_ipython_{}__"
_MARK_RE = re.compile(r"__nosecrets_ipython_(\d+)__")
_MAGIC_RE = re.compile(r"^(?P<indent>\s*)(?:[%!]|\?\??\s*\S)")
_ASSIGN_MAGIC_RE = re.compile(r"^(?P<head>\s*[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*)[%!]")
_HELP_SUFFIX_RE = re.compile(r"^(?P<indent>\s*)[A-Za-z_][\w.]*\s*\?\??\s*$")
_ENV_MAGIC_RE = re.compile(r"^\s*%env\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:\s*=\s*|\s+)(?P<value>\S.*?)\s*$")
_NOQA_RE = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z][A-Z0-9]*(?:[\s,]+[A-Z][A-Z0-9]*)*))?", re.IGNORECASE)
_TEXT_MIMES = ("text/plain", "text/markdown", "text/html", "text/latex", "application/json", "application/javascript")


@dataclasses.dataclass(frozen=True)
class NotebookFinding:
    """A finding inside a notebook: *finding*'s line/col are relative to the cell source or output text."""

    path: str
    cell: int  # 1-based, every cell counted
    kind: str  # "code", "markdown", "raw" or "output"
    finding: Finding
    output: int = 0  # 1-based output index of the cell, for kind == "output"

    @property
    def line(self) -> int:
        return self.finding.line

    @property
    def location(self) -> str:
        """``cell 3, line 2`` or ``cell 3, output 1, line 2``."""
        out = f", output {self.output}" if self.kind == "output" else ""
        return f"cell {self.cell}{out}, line {self.finding.line}"

    def format(self) -> str:
        """One report line: ``nb.ipynb: cell 3, line 2, col 5: NSC102 …`` (never the secret)."""
        return f"{self.path}: {self.location}, col {self.finding.col + 1}: {self.finding.code} {self.finding.message}"


class NotebookError(ValueError):
    """The file is not a notebook we can read; the message names it."""


# --------------------------------------------------------------------------- reading


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "".join(str(v) for v in value)
    return value if isinstance(value, str) else ""


def load(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as fh:
            nb = json.load(fh)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotebookError(f"{path}: not a readable notebook: {exc}") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells", []), list):
        raise NotebookError(f"{path}: not a Jupyter notebook (no cell list)")
    return nb


def output_texts(output: dict[str, Any]) -> list[str]:
    """The text a reader of the output sees: stream text, text-like MIME data, error value and traceback."""
    kind = output.get("output_type")
    if kind == "stream":
        return [_text(output.get("text"))]
    if kind in ("execute_result", "display_data"):
        data = output.get("data") or {}
        texts = []
        for mime in _TEXT_MIMES:
            if mime in data:
                value = data[mime]
                texts.append(value if isinstance(value, str) or isinstance(value, list) and all(
                    isinstance(v, str) for v in value) else json.dumps(value))
        return [_text(t) for t in texts]
    if kind == "error":
        return [_text(output.get("evalue")), "\n".join(_ANSI_RE.sub("", t) for t in output.get("traceback") or [])]
    return []


_ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


# --------------------------------------------------------------------------- IPython syntax


@dataclasses.dataclass
class CellSource:
    """A code cell as Python: ``python`` is the text to parse (None for a non-Python cell); ``magic`` maps
    placeholder numbers to the original IPython lines they stand for."""

    original: str
    python: str | None
    magic: dict[int, str]


def to_python(source: str) -> CellSource:
    """Swap IPython-only lines for placeholder names of the same line count; see the module docstring."""
    try:
        ast.parse(source)
        return CellSource(source, source, {})
    except SyntaxError:
        pass
    lines = source.splitlines(keepends=True)
    magic: dict[int, str] = {}
    out = []

    def mark(line: str, replacement_head: str) -> str:
        n = len(magic)
        magic[n] = line
        newline = line[len(line.rstrip("\r\n")):]
        return replacement_head + _MARK.format(n) + newline

    for i, line in enumerate(lines):
        body = line.rstrip("\r\n")
        if i == 0 and body.lstrip().startswith("%%"):
            name = body.lstrip()[2:].split(None, 1)[0] if body.lstrip()[2:].strip() else ""
            if name not in PYTHON_CELL_MAGICS:
                return CellSource(source, None, {})
            out.append(mark(line, ""))
        elif (m := _ASSIGN_MAGIC_RE.match(body)) is not None:
            out.append(mark(line, m.group("head")))
        elif (m := _MAGIC_RE.match(body)) is not None or (m := _HELP_SUFFIX_RE.match(body)) is not None:
            out.append(mark(line, m.group("indent")))
        else:
            out.append(line)
    python = "".join(out)
    try:
        ast.parse(python)
    except SyntaxError:
        return CellSource(source, None, {})
    return CellSource(source, python, magic)


def restore(python: str, cell: CellSource) -> str:
    """*python* (possibly transformed) with each placeholder line put back as the IPython line it replaced."""
    if not cell.magic:
        return python
    out = []
    for line in python.splitlines(keepends=True):
        m = _MARK_RE.search(line)
        out.append(cell.magic[int(m.group(1))] if m and int(m.group(1)) in cell.magic else line)
    return "".join(out)


# --------------------------------------------------------------------------- scanning


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1)


def _finding(code: str, what: str, provider: str, prefix: str, secret: str, line: int, col: int, where: str,
             binding: Binding, span: tuple[int, int]) -> Finding:
    return Finding(
        code=code, line=line, col=col, message=f"{what} {redact(secret, prefix)} {where}",
        rule=rules.BY_CODE[code].slug, provider=provider, binding=binding, secret=secret, span=span,
        node_line=line, node_col=col, end_line=line,
    )


def text_findings(text: str, options: Options, where: str, binding: Binding | None = None) -> list[Finding]:
    """Value-based findings in free text (markdown, outputs, shell lines), positioned by line and column."""
    binding = binding or Binding("string")
    found = []
    for m in classify.value_matches(text, options):
        line, col = _line_col(text, m.start)
        found.append(_finding(m.code, m.what, m.provider, m.prefix, text[m.start:m.end], line, col, where, binding,
                              (m.start, m.end)))
    return found


def _magic_line_findings(line_no: int, text: str, options: Options) -> list[Finding]:
    env = _ENV_MAGIC_RE.match(text)
    if env:
        value = env.group("value").strip("'\"")
        binding = Binding("env-write", env.group("name"))
        matches = classify.classify(value, binding, options)
        offset = text.find(value)
        return [
            _finding(m.code, m.what, m.provider, m.prefix, value[m.start:m.end], line_no, offset + m.start,
                     binding.describe() + " by %env", binding, (m.start, m.end))
            for m in matches
        ]
    return [dataclasses.replace(f, line=line_no, node_line=line_no, end_line=line_no)
            for f in text_findings(text, options, "in an IPython magic or shell line")]


def _noqa(lines: list[str], f: Finding) -> bool:
    if not 0 < f.line <= len(lines):
        return False
    m = _NOQA_RE.search(lines[f.line - 1])
    if not m:
        return False
    codes = m.group("codes")
    return not codes or any(f.code.startswith(c.upper()) for c in re.split(r"[\s,]+", codes) if c)


def _code_cell_findings(source: str, path: str, options: Options) -> list[Finding]:
    cell = to_python(source)
    lines = source.splitlines(keepends=True)
    if cell.python is None:
        found = text_findings(source, options, "in a notebook cell that is not Python")
    else:
        try:
            tree = compile(cell.python, path, "exec", ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        except (SyntaxError, ValueError):
            tree = None
        if tree is None:
            found = text_findings(source, options, "in a notebook cell that is not Python")
        else:
            found = scan_source(cell.python, filename=path, options=options, tree=tree,
                                lines=cell.python.splitlines(keepends=True))
            for i, line in enumerate(cell.python.splitlines(keepends=True), 1):
                m = _MARK_RE.search(line)
                if m:
                    found += _magic_line_findings(i, cell.magic[int(m.group(1))].rstrip("\r\n"), options)
    return [f for f in found if not _noqa(lines, f) and not suppress.is_suppressed(lines, f.line, f.line)]


def scan_notebook(path: str, options: Options | None = None, notebook: dict[str, Any] | None = None
                  ) -> list[NotebookFinding]:
    """Every finding in the notebook at *path*, in cell order. Raises :class:`NotebookError` if unreadable.

    The baseline is not applied here: front-ends pass ``[nf.finding for nf in …]`` through
    :func:`flake8_nosecrets.baseline.filter_findings` like any file's findings.
    """
    options = options or DEFAULT
    nb = notebook if notebook is not None else load(path)
    results: list[NotebookFinding] = []
    code_secrets: dict[str, Finding] = {}
    cells = nb.get("cells") or []
    for n, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            continue
        kind = cell.get("cell_type", "code")
        source = _text(cell.get("source"))
        if kind == "code":
            found = _code_cell_findings(source, path, options)
        else:
            found = text_findings(source, options, f"in a {kind} cell")
        for f in found:
            results.append(NotebookFinding(path, n, kind if kind in ("code", "markdown", "raw") else "raw", f))
            if len(f.secret) >= 8:
                code_secrets.setdefault(f.secret, f)
    for n, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            continue
        for k, output in enumerate(cell.get("outputs") or [], 1):
            if isinstance(output, dict):
                for f in _output_findings(output, options, code_secrets):
                    results.append(NotebookFinding(path, n, "output", f, output=k))
    results.sort(key=lambda r: (r.cell, r.kind == "output", r.output, r.finding.line, r.finding.col))
    return results


def _output_findings(output: dict[str, Any], options: Options, code_secrets: dict[str, Finding]) -> list[Finding]:
    found: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for text in output_texts(output):
        if not text:
            continue
        for f in text_findings(text, options, "printed in a cell output"):
            if (f.code, f.secret) not in seen:
                seen.add((f.code, f.secret))
                found.append(f)
        for secret, origin in code_secrets.items():
            start = text.find(secret)
            if start >= 0 and (origin.code, secret) not in seen:
                seen.add((origin.code, secret))
                line, col = _line_col(text, start)
                found.append(dataclasses.replace(
                    origin, line=line, col=col, node_line=line, node_col=col, end_line=line,
                    message=_echo_message(origin),
                    binding=Binding("string"), span=(start, start + len(secret)),
                ))
    return found


_REDACTED_END_RE = re.compile(r"(\(\d+ chars, fp [0-9a-f]{6}\)).*$", re.DOTALL)


def _echo_message(origin: Finding) -> str:
    """The code finding's description and redaction, with where it was echoed (never the value)."""
    head = _REDACTED_END_RE.sub(r"\1", origin.message)
    return f"{head} from the notebook's code, printed in a cell output"


# --------------------------------------------------------------------------- fixing


@dataclasses.dataclass
class FixResult:
    changed: bool = False
    cells_rewritten: int = 0
    outputs_cleared: int = 0
    remaining: list[NotebookFinding] = dataclasses.field(default_factory=list)  # what the transform left


def fix_notebook(path: str, transform: Callable[[str], str], options: Options | None = None, *,
                 write: bool = True) -> FixResult:
    """Rewrite the code cells of *path* with *transform* and clear the outputs that hold a secret.

    *transform* receives one code cell as Python (IPython lines replaced by
    placeholder names, which it must leave alone) and returns its new text;
    cells without findings are not passed to it. Non-Python cells are left as
    they are. The file is written (with nbformat) only when something changed;
    ``remaining`` lists the findings still present afterwards (a secret in a
    ``%%bash`` cell, in markdown, or one the transform could not move).
    """
    import nbformat

    options = options or DEFAULT
    with open(path, encoding="utf-8") as fh:
        original_text = fh.read()
    nb = nbformat.reads(original_text, as_version=nbformat.NO_CONVERT)
    before = scan_notebook(path, options, notebook=nb)
    result = FixResult()
    cells_with_findings = {f.cell for f in before if f.kind == "code"}
    for n, cell in enumerate(nb.cells, 1):
        if n not in cells_with_findings or cell.get("cell_type") != "code":
            continue
        parsed = to_python(_text(cell.source))
        if parsed.python is None:
            continue
        new_python = transform(parsed.python)
        if not parsed.python.endswith("\n") and new_python.endswith("\n"):
            new_python = new_python[:-1]  # Jupyter stores a cell without its final newline; keep it so
        new_source = restore(new_python, parsed)
        if new_source != cell.source:
            cell.source = new_source
            result.cells_rewritten += 1
    secrets = {f.finding.secret for f in before if len(f.finding.secret) >= 8}
    for cell in nb.cells:
        outputs = cell.get("outputs")
        if not outputs:
            continue
        keep = [o for o in outputs if not _output_has_secret(o, options, secrets)]
        if len(keep) != len(outputs):
            result.outputs_cleared += len(outputs) - len(keep)
            cell.outputs = keep
    result.changed = bool(result.cells_rewritten or result.outputs_cleared)
    if result.changed:
        text = nbformat.writes(nb, version=nbformat.NO_CONVERT)
        if not text.endswith("\n"):
            text += "\n"
        if write:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        result.remaining = scan_notebook(path, options, notebook=json.loads(text))
    else:
        result.remaining = before
    return result


def _output_has_secret(output: dict[str, Any], options: Options, secrets: Iterable[str]) -> bool:
    texts = [t for t in output_texts(output) if t]
    return any(classify.value_matches(t, options) or any(s in t for s in secrets) for t in texts)


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    """``python -m flake8_nosecrets.notebook NB.ipynb…``: check mode; exit 1 when anything is found."""
    import argparse
    import sys

    from . import baseline, config

    p = argparse.ArgumentParser(prog="python -m flake8_nosecrets.notebook", description=main.__doc__)
    p.add_argument("paths", nargs="+", metavar="NOTEBOOK")
    args = p.parse_args(argv)
    try:
        options = config.load_config().options
    except config.ConfigError as exc:
        print(f"nosecrets: {exc}", file=sys.stderr)
        return 2
    status = 0
    for path in args.paths:
        try:
            found = scan_notebook(path, options)
        except NotebookError as exc:
            print(exc, file=sys.stderr)
            status = 2
            continue
        kept = {id(f) for f in baseline.filter_findings([nf.finding for nf in found], path, options)}
        for nf in found:
            if id(nf.finding) in kept:
                print(nf.format())
                status = max(status, 1)
    return status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
