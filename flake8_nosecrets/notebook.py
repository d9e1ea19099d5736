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
newline: what Jupyter writes) only when something changed. ``nosecrets-fix``
passes the codemod as the transform with ``write=False`` and writes
``FixResult.text`` itself, after the env file (see ``fix/cli.py``).

Reading needs only :mod:`json`; writing imports nbformat lazily (the
``notebooks`` extra).
"""

from __future__ import annotations

import ast
import bisect
import dataclasses
import json
import re
from typing import Any, Callable, Iterable, Iterator

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
# The value is rstripped in code: a lazy value before '\s*$' retried the tail after every step (quadratic).
_ENV_MAGIC_RE = re.compile(r"^\s*%env\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:\s*=\s*|\s+)(?P<value>\S.*)$")
_TEXT_MIMES = ("text/plain", "text/markdown", "text/html", "text/latex", "application/json", "application/javascript")


@dataclasses.dataclass(frozen=True)
class NotebookFinding:
    """A finding inside a notebook: *finding*'s line/col are relative to the cell source or output text."""

    path: str
    cell: int  # 1-based, every cell counted
    kind: str  # "code", "markdown", "raw" or "output"
    finding: Finding
    output: int = 0  # 1-based output index of the cell, for kind == "output"
    file_line: int = 0  # line of the .ipynb file holding the JSON string with the secret (0: unknown)

    @property
    def line(self) -> int:
        return self.finding.line

    @property
    def location(self) -> str:
        """``cell 3, line 2`` or ``cell 3, output 1, line 2``."""
        out = f", output {self.output}" if self.kind == "output" else ""
        return f"cell {self.cell}{out}, line {self.finding.line}"

    def file_finding(self) -> Finding:
        """The finding placed in the ``.ipynb`` file itself (the line of the JSON string that holds it,
        column 1) with the cell location added to its message: for SARIF and other per-file reports."""
        line = self.file_line or 1
        return dataclasses.replace(self.finding, line=line, col=0, node_line=line, node_col=0, end_line=line,
                                   message=f"{self.finding.message} ({self.location})")

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
            raw = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise NotebookError(f"{path}: not a readable notebook: {exc}") from None
    return parse(raw, path)


def output_fields(output: dict[str, Any]) -> list[tuple[tuple[str, ...], list[str], str]]:
    """``(key path in the output, text pieces, joiner)`` for each text a reader of the output sees: stream
    text, text-like MIME data, the error value and traceback (ANSI colours removed)."""
    kind = output.get("output_type")
    fields: list[tuple[tuple[str, ...], list[str], str]] = []
    if kind == "stream":
        fields.append((("text",), _pieces(output.get("text")), ""))
    elif kind in ("execute_result", "display_data"):
        data = output.get("data") or {}
        for mime in _TEXT_MIMES:
            if mime in data:
                value = data[mime]
                is_text = isinstance(value, str) or isinstance(value, list) and all(isinstance(v, str) for v in value)
                fields.append((("data", mime), _pieces(value) if is_text else [json.dumps(value)], ""))
    elif kind == "error":
        fields.append((("evalue",), _pieces(output.get("evalue")), ""))
        fields.append((("traceback",), [_ANSI_RE.sub("", str(t)) for t in output.get("traceback") or []], "\n"))
    return fields


def _pieces(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [value] if isinstance(value, str) else []


def output_texts(output: dict[str, Any]) -> list[str]:
    """The texts of :func:`output_fields`, joined."""
    return [joiner.join(pieces) for _, pieces, joiner in output_fields(output)]


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
    shown = redact(secret, prefix)
    return Finding(
        code=code, line=line, col=col, message=f"{what} {shown} {where}", what=what,
        rule=rules.BY_CODE[code].slug, provider=provider, binding=binding, secret=secret, span=span,
        node_line=line, node_col=col, end_line=line, shown=shown, where=where,
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
        value = env.group("value").rstrip().strip("'\"")
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


def _code_cell_findings(source: str, path: str, options: Options, markers: bool = True) -> list[Finding]:
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
                                lines=cell.python.splitlines(keepends=True), markers=markers)
            for i, line in enumerate(cell.python.splitlines(keepends=True), 1):
                m = _MARK_RE.search(line)
                if m:
                    found += _magic_line_findings(i, cell.magic[int(m.group(1))].rstrip("\r\n"), options)
    if not markers:
        return found
    # flake8's ``# noqa`` as the other front-ends read it, and the markers of the tools teams migrate from
    kept = suppress.apply_noqa(found, lines, bare=options.bare_noqa)
    return [f for f in kept if not suppress.is_suppressed(lines, f.line, f.line)]


def scan_notebook(path: str, options: Options | None = None, notebook: dict[str, Any] | None = None,
                  markers: bool = True) -> list[NotebookFinding]:
    """Every finding in the notebook at *path*, in cell order. Raises :class:`NotebookError` if unreadable.

    *markers* false keeps what ``noqa`` and the inline markers hide (for redaction wherever lines are shown).

    When the file is read here (no *notebook* given), each finding also gets its ``file_line``.
    The baseline is not applied here: front-ends pass ``[nf.finding for nf in …]`` through
    :func:`flake8_nosecrets.baseline.filter_findings` like any file's findings.
    """
    options = options or DEFAULT
    raw = None
    if notebook is None:
        try:
            with open(path, encoding="utf-8") as fh:
                raw = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise NotebookError(f"{path}: not a readable notebook: {exc}") from None
        notebook = parse(raw, path)
    found = list(_scan(notebook, path, options, markers))
    if raw is not None and found:
        try:
            lines = json_lines(raw)
        except (ValueError, IndexError):
            lines = None
        found = [(dataclasses.replace(nf, file_line=_file_line(lines, notebook, nf, where)) if lines else nf, where)
                 for nf, where in found]
    results = [nf for nf, _ in found]
    results.sort(key=lambda r: (r.cell, r.kind == "output", r.output, r.finding.line, r.finding.col))
    return results


def _scan(nb: dict[str, Any], path: str, options: Options, markers: bool = True
          ) -> Iterator[tuple[NotebookFinding, tuple[Any, ...]]]:
    """Findings with where they sit: ``(cell index, "source")`` or ``(cell, "outputs", k, *field)``."""
    code_secrets: dict[str, Finding] = {}
    cells = nb.get("cells") or []
    for n, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            continue
        kind = cell.get("cell_type", "code")
        source = _text(cell.get("source"))
        if kind == "code":
            found = _code_cell_findings(source, path, options, markers)
        else:
            found = text_findings(source, options, f"in a {kind} cell")
        for f in found:
            yield NotebookFinding(path, n, kind if kind in ("code", "markdown", "raw") else "raw", f), (n - 1, "source")
            if len(f.secret) >= 8:
                code_secrets.setdefault(f.secret, f)
    for n, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            continue
        for k, output in enumerate(cell.get("outputs") or [], 1):
            if isinstance(output, dict):
                for f, field in _output_findings(output, options, code_secrets):
                    yield NotebookFinding(path, n, "output", f, output=k), (n - 1, "outputs", k - 1, *field)


def parse(raw: str, path: str) -> dict[str, Any]:
    try:
        nb = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise NotebookError(f"{path}: not a readable notebook: {exc}") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells", []), list):
        raise NotebookError(f"{path}: not a Jupyter notebook (no cell list)")
    return nb


def _output_findings(output: dict[str, Any], options: Options, code_secrets: dict[str, Finding]
                     ) -> list[tuple[Finding, tuple[str, ...]]]:
    found: list[tuple[Finding, tuple[str, ...]]] = []
    seen: set[tuple[str, str]] = set()
    for field, pieces, joiner in output_fields(output):
        text = joiner.join(pieces)
        if not text:
            continue
        for f in text_findings(text, options, "printed in a cell output"):
            if (f.code, f.secret) not in seen:
                seen.add((f.code, f.secret))
                found.append((f, field))
        for secret, origin in code_secrets.items():
            start = text.find(secret)
            if start >= 0 and (origin.code, secret) not in seen:
                seen.add((origin.code, secret))
                line, col = _line_col(text, start)
                found.append((dataclasses.replace(
                    origin, line=line, col=col, node_line=line, node_col=col, end_line=line,
                    message=_echo_message(origin),
                    binding=Binding("string"), span=(start, start + len(secret)),
                ), field))
    return found


# --------------------------------------------------------------------------- positions in the .ipynb file

_WS_RE = re.compile(r"[ \t\n\r]+")  # never empty: a search yields one match per run, not one per character


def _skip_ws(raw: str, pos: int) -> int:
    """The index of the first character at or after *pos* that is not JSON white space."""
    m = _WS_RE.match(raw, pos)
    return m.end() if m else pos


def json_lines(raw: str) -> Any:
    """The structure of the JSON document *raw* with every scalar replaced by its 1-based line number."""
    newlines = [i for i, c in enumerate(raw) if c == "\n"]
    decoder = json.JSONDecoder()

    def line_of(pos: int) -> int:
        return bisect.bisect_right(newlines, pos - 1) + 1

    def walk(pos: int) -> tuple[Any, int]:
        pos = _skip_ws(raw, pos)
        c = raw[pos]
        if c in "{[":
            closing = "}" if c == "{" else "]"
            items: Any = {} if c == "{" else []
            pos = _skip_ws(raw, pos + 1)
            if raw[pos] == closing:
                return items, pos + 1
            while True:
                if c == "{":
                    key, pos = decoder.raw_decode(raw, _skip_ws(raw, pos))
                    pos = _skip_ws(raw, pos)
                    if raw[pos] != ":":
                        raise ValueError("expected ':'")
                    value, pos = walk(pos + 1)
                    items[key] = value
                else:
                    value, pos = walk(pos)
                    items.append(value)
                pos = _skip_ws(raw, pos)
                if raw[pos] == ",":
                    pos += 1
                    continue
                if raw[pos] != closing:
                    raise ValueError(f"expected {closing!r}")
                return items, pos + 1
        _, end = decoder.raw_decode(raw, pos)
        return line_of(pos), end

    return walk(0)[0]


def _first_line(node: Any) -> int:
    if isinstance(node, int):
        return node
    children = node.values() if isinstance(node, dict) else node
    for child in children:
        line = _first_line(child)
        if line:
            return line
    return 0


def _file_line(lines: Any, nb: dict[str, Any], nf: NotebookFinding, where: tuple[Any, ...]) -> int:
    node: Any = lines.get("cells")
    value: Any = nb.get("cells")
    try:
        for key in where:
            node, value = node[key], value[key]
    except (KeyError, IndexError, TypeError):
        return 0
    if where[1] == "source":
        pieces, joiner = _pieces(value), ""
        text = "".join(pieces)
        offset = sum(len(x) for x in text.splitlines(keepends=True)[: nf.finding.line - 1]) + nf.finding.col
    else:
        output = nb["cells"][where[0]]["outputs"][where[2]]
        pieces, joiner = next(((p, j) for f, p, j in output_fields(output) if f == where[3:]), ([], ""))
        offset = nf.finding.span[0]
    if isinstance(node, list) and len(node) == len(pieces):
        pos = 0
        for piece, sub in zip(pieces, node):
            pos += len(piece) + len(joiner)
            if offset < pos:
                return _first_line(sub)
    return _first_line(node)


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
    found: list[NotebookFinding] = dataclasses.field(default_factory=list)  # what was acted on, before the fix
    transformed: list[int] = dataclasses.field(default_factory=list)  # cells given to the transform, in call order
    cleared: list[tuple[int, int]] = dataclasses.field(default_factory=list)  # (cell, output) removed, 1-based
    text: str = ""  # the new notebook text when changed: what was (or, without write, would be) written


FindingFilter = Callable[[list[NotebookFinding]], list[NotebookFinding]]


def fix_notebook(path: str, transform: Callable[[str], str], options: Options | None = None, *,
                 write: bool = True, raw: str | None = None, select: FindingFilter | None = None) -> FixResult:
    """Rewrite the code cells of *path* with *transform* and clear the outputs that hold a secret.

    *transform* receives one code cell as Python (IPython lines replaced by
    placeholder names, which it must leave alone) and returns its new text;
    cells without findings are not passed to it. Non-Python cells are left as
    they are. The file is written (with nbformat) only when something changed;
    ``remaining`` lists the findings still present afterwards (a secret in a
    ``%%bash`` cell, in markdown, or one the transform could not move).

    *raw* is the file's text when the caller has read it already. *select*
    narrows the findings acted on (flake8's select/ignore, a baseline): outputs
    and cells holding only other findings are left alone. Raises
    :class:`NotebookError` (naming no cell content) when the file is not JSON or,
    when there is something to fix, not a notebook nbformat validates; nothing
    is written then.
    """
    options = options or DEFAULT
    if raw is None:
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
    before = scan_notebook(path, options, notebook=parse(raw, path))
    if select is not None:
        before = select(before)
    result = FixResult(remaining=before, found=before)
    if not before:
        return result
    import nbformat

    nb = _read_valid(nbformat, raw, path)
    cells_with_findings = {f.cell for f in before if f.kind == "code"}
    for n, cell in enumerate(nb.cells, 1):
        if n not in cells_with_findings or cell.get("cell_type") != "code":
            continue
        parsed = to_python(_text(cell.source))
        if parsed.python is None:
            continue
        result.transformed.append(n)
        new_python = transform(parsed.python)
        if not parsed.python.endswith("\n") and new_python.endswith("\n"):
            new_python = new_python[:-1]  # Jupyter stores a cell without its final newline; keep it so
        new_source = restore(new_python, parsed)
        if new_source != cell.source:
            cell.source = new_source
            result.cells_rewritten += 1
    secrets = {f.finding.secret for f in before if len(f.finding.secret) >= 8}
    flagged = {(f.cell, f.output) for f in before if f.kind == "output"}
    for n, cell in enumerate(nb.cells, 1):
        outputs = cell.get("outputs")
        if not outputs:
            continue
        keep = []
        for k, output in enumerate(outputs, 1):
            if (n, k) in flagged or _output_has_secret(output, secrets):
                result.cleared.append((n, k))
            else:
                keep.append(output)
        if len(keep) != len(outputs):
            cell.outputs = keep
    result.outputs_cleared = len(result.cleared)
    result.changed = bool(result.cells_rewritten or result.outputs_cleared)
    if result.changed:
        text = nbformat.writes(nb, version=nbformat.NO_CONVERT)
        if not text.endswith("\n"):
            text += "\n"
        result.text = text
        if write:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            result.remaining = scan_notebook(path, options)
        else:
            result.remaining = scan_notebook(path, options, notebook=json.loads(text))
        if select is not None:
            result.remaining = select(result.remaining)
    return result


def _read_valid(nbformat: Any, raw: str, path: str) -> Any:
    """*raw* read by nbformat, after checking it validates: nbformat only logs a schema error, and its
    message quotes the offending JSON (which may hold a secret), so the check comes first and names no
    content."""
    try:
        nbformat.validate(json.loads(raw))
    except Exception as exc:  # noqa: BLE001 - jsonschema and nbformat raise several types; none is quoted
        where = list(getattr(exc, "absolute_path", None) or ())
        in_cell = len(where) > 1 and where[0] == "cells" and isinstance(where[1], int)
        cell = f" in cell {where[1] + 1}" if in_cell else ""
        raise NotebookError(f"{path}: not a valid notebook: does not match the nbformat schema{cell}") from None
    try:
        return nbformat.reads(raw, as_version=nbformat.NO_CONVERT)
    except Exception as exc:  # noqa: BLE001 - as above
        raise NotebookError(f"{path}: not a readable notebook ({type(exc).__name__})") from None


def _output_has_secret(output: dict[str, Any], secrets: Iterable[str]) -> bool:
    texts = [t for t in output_texts(output) if t]
    return any(s in t for s in secrets for t in texts)


def untransformed_reason(nb: dict[str, Any], nf: NotebookFinding) -> str:
    """Why a source transform does not get to move *nf*; '' when it sits on a Python line of a code cell.

    *nb* is the notebook the finding was found in (as :func:`parse` returns it).
    """
    if nf.kind == "output":
        return "in a cell output"
    if nf.kind != "code":
        return f"in a {nf.kind} cell"
    cells = nb.get("cells") or []
    cell = cells[nf.cell - 1] if 0 < nf.cell <= len(cells) else None
    parsed = to_python(_text(cell.get("source"))) if isinstance(cell, dict) else None
    if parsed is None or parsed.python is None:
        return "in a cell that is not Python"
    lines = parsed.python.splitlines()
    if 0 < nf.line <= len(lines) and _MARK_RE.search(lines[nf.line - 1]):
        return "on an IPython magic or shell line"
    return ""


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
