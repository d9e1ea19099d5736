"""Copies of a moved value: no byte of a secret the fixer moves may stay in a file it touches (a value a
person typed is a copy only where the detector says so, or quoted in commented-out code: :func:`may_sit_inside`).

The detector reports one place; the same value often sits in others it does not report (or reports
differently): a positional ``Signer("…")``, a comparison, a second assignment, a commented-out line
(``# SECRET_KEY = '…'``, the shape of a well-known Django tutorial).

* :func:`literal_copies`: every other string literal (or implicit concatenation) of the module that holds a
  moved value becomes a finding of its own, under the same name, so it is rewritten like the first
  (the env var holds the same value, so the program computes the same thing);
* :class:`CommentCopies`: in a comment, a quoted copy becomes the env read (``# SECRET_KEY =
  os.environ["SECRET_KEY"]``: commented-out code stays meaningful) and a bare copy becomes ``$NAME``;
* what neither can reach (a docstring, an f-string's text, a ``match`` pattern) is found by
  :func:`remaining` in the written text, and the run then says "still in the code", never "moved".
"""

from __future__ import annotations

import dataclasses
import re
from typing import Iterable, Mapping

import libcst as cst

from .. import strength
from ..findings import Finding
from . import literals

MIN_INSIDE = 8  # a value shorter than this is a copy only as a whole literal, not inside a longer one


def may_sit_inside(value: str) -> bool:
    """Whether another occurrence of *value* is a copy of it: only for a value random enough that it cannot
    occur by chance (the test that lets a message show it, :func:`strength.is_strong`).

    A person's choice (``dev``, ``12345678``, ``password``) found elsewhere is most often a coincidence: the
    alphabet ``"1234567890"``, ``MODE = "dev"``, the word *dev* in a comment. Such a value is a copy only
    where the detector itself reports the other literal (its "same value as line N" rule, or a finding of its
    own) or as a quoted value in commented-out code (``# SECRET_KEY = 'dev'``): :func:`quoted_in_comment`."""
    return len(value) >= MIN_INSIDE and strength.is_strong(value)


def quoted_in_comment(text: str) -> re.Pattern[str]:
    """A quoted *text* after a ``#`` on its line: a weak value in commented-out code."""
    q = re.escape(text)
    return re.compile(r"#[^\n]*?(?P<q>['\"])" + q + r"(?P=q)")


def _flat(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(node, cst.ConcatenatedString):
        return _flat(node.left) + _flat(node.right)
    return [node]


def node_value(node: cst.BaseExpression) -> tuple[str, bool] | None:
    """``(value, is_bytes)`` of a plain literal or implicit concatenation; None for f-strings and oddities."""
    pieces = _flat(node)
    if not all(isinstance(p, cst.SimpleString) for p in pieces):
        return None
    try:
        lits = [literals.Literal.parse(p.value) for p in pieces]  # type: ignore[attr-defined]
        return "".join(literals.as_text(literals.evaluate(lit)) for lit in lits), lits[0].is_bytes
    except (SyntaxError, ValueError):
        return None


def literal_copies(
    nodes: Iterable[tuple[cst.CSTNode, int, int]], values: Mapping[str, Finding], taken: Mapping[int, list[Finding]]
) -> list[tuple[cst.CSTNode, Finding]]:
    """Findings for the copies of *values* (value -> a finding of it) in *nodes* ``(node, line, col)``;
    *taken* maps ``id(node)`` to the findings already planned there (their spans are not copies)."""
    out = []
    ordered = sorted(values, key=len, reverse=True)
    for node, line, col in nodes:
        got = node_value(node)  # type: ignore[arg-type]
        if got is None:
            continue
        text, is_bytes = got
        covered = [f.span for f in taken.get(id(node), ())]
        for value in ordered:
            if not value or not may_sit_inside(value):
                continue  # a weak value: a copy only where the detector reports it (see may_sit_inside)
            start = text.find(value)
            while start >= 0:
                span = (start, start + len(value))
                if not any(a < span[1] and span[0] < b for a, b in covered):
                    f = dataclasses.replace(values[value], line=line, col=col, node_line=line, node_col=col,
                                            span=span, secret=value, is_bytes=is_bytes)
                    out.append((node, f))
                    covered.append(span)
                start = text.find(value, span[1])
    return out


class CommentCopies(cst.CSTTransformer):
    """Rewrites the copies of moved values in comments; :attr:`lines` says which lines of *original*."""

    def __init__(self, spellings: Mapping[str, str], read: str, original: str) -> None:
        """*spellings*: each text spelling a moved value -> its env var name; *read*: ``os.environ`` as spelled;
        *original*: the module's text before the fix (whose line numbers the summary gives)."""
        super().__init__()
        self.read = read
        self.original = original.splitlines()
        self.lines: dict[str, list[int]] = {}
        self._patterns = []
        for text in sorted(spellings, key=len, reverse=True):
            name = spellings[text]
            quoted = re.compile(r"""(?P<q>['"])""" + re.escape(text) + r"(?P=q)")
            bare = re.compile(re.escape(text)) if may_sit_inside(text) else None  # a weak value: quoted only
            self._patterns.append((quoted, bare, name))

    def leave_Comment(self, original_node: cst.Comment, updated_node: cst.Comment) -> cst.Comment:
        text = updated_node.value
        for quoted, bare, name in self._patterns:
            def env_ref(m: re.Match[str], n: str = name) -> str:
                return f"{self.read}[{m.group('q')}{n}{m.group('q')}]"

            new = quoted.sub(env_ref, text)
            if bare is not None:
                new = bare.sub(f"${name}", new)
            if new != text:
                line = next((n for n, t in enumerate(self.original, 1) if original_node.value in t), 0)
                self.lines.setdefault(name, []).append(line)
                text = new
        return updated_node.with_changes(value=text) if text != updated_node.value else updated_node


def remaining(text: str, spellings: Mapping[str, str]) -> dict[str, list[int]]:
    """``{name: [line, …]}``: where a spelling of a moved value is still in *text* (code, comment, docstring;
    a weak value only quoted in a comment: :func:`may_sit_inside`)."""
    out: dict[str, list[int]] = {}
    for spelling, name in spellings.items():
        if may_sit_inside(spelling):
            starts = []
            start = text.find(spelling)
            while start >= 0:
                starts.append(start)
                start = text.find(spelling, start + len(spelling))
        else:  # a person's choice: only quoted in commented-out code (see may_sit_inside)
            starts = [m.start("q") for m in quoted_in_comment(spelling).finditer(text)]
        for start in starts:
            out.setdefault(name, []).append(text.count("\n", 0, start) + 1)
    return out
