"""String literals and their names from the tokens, for a file that does not parse.

Python 2 modules (``print "…"``, ``except E, e:``) and modules written for a newer
Python than the one running have no syntax tree here, but the tokenizer still reads
them. Each string token (adjacent ones joined, as the parser would) is named by the
tokens before it, in the shapes the syntax-tree binder knows best:
``NAME = "…"`` and ``obj.NAME = "…"`` (an assignment, or a keyword inside brackets),
``x["NAME"] = "…"``, ``"NAME": "…"`` in a dict, ``NAME == "…"`` and a getter's
fallback ``getenv("NAME", "…")``. Comments are yielded for the value rules.
Where the tokenizer gives up, the lines it did not reach are returned for the
line-by-line value scan.
"""

from __future__ import annotations

import ast
import io
import tokenize
from typing import Iterator, Sequence

from .binder import is_getter
from .contexts import Candidate
from .findings import Binding

_SKIP = frozenset({tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.COMMENT})
_NEUTRAL = Binding("string")


def _value(text: str) -> str | None:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else None


def _binding(before: list[tokenize.TokenInfo], depth: int) -> Binding:
    """The binding the significant tokens *before* a string give it (nearest last)."""
    if len(before) < 2:
        return _NEUTRAL
    op, prev = before[-1], before[-2]
    if op.type == tokenize.OP and op.string == "=":
        if prev.type == tokenize.NAME:
            return Binding("keyword" if depth else "assign", prev.string)
        if prev.string == "]" and len(before) >= 4 and before[-3].type == tokenize.STRING:
            key = _value(before[-3].string)
            return Binding("assign", key) if key else _NEUTRAL
    elif op.type == tokenize.OP and op.string in ("==", "!=") and prev.type == tokenize.NAME:
        return Binding("compare", prev.string)
    elif op.type == tokenize.OP and op.string == ":" and depth and prev.type == tokenize.STRING:
        key = _value(prev.string)
        return Binding("dict-key", key) if key else _NEUTRAL
    elif op.string == "," and len(before) >= 4 and prev.type == tokenize.STRING and before[-3].string == "(":
        callee = before[-4]
        if callee.type == tokenize.NAME and is_getter(callee.string) and (key := _value(prev.string)):
            env = "env" in callee.string.lower()
            return Binding("env-fallback" if env else "dict-key", key)
    return _NEUTRAL


def _byte_col(line: str, col: int) -> int:
    return col if line.isascii() else len(line[:col].encode("utf-8"))


def token_candidates(lines: Sequence[str]) -> tuple[list[Candidate], int]:
    """Candidates of the tokens of *lines*, and the number of lines the tokenizer read before it stopped
    (``len(lines)`` when it read them all)."""
    out: list[Candidate] = []
    before: list[tokenize.TokenInfo] = []  # the last significant tokens
    run: list[tokenize.TokenInfo] = []  # adjacent string tokens, joined as the parser joins them
    depth = 0
    reached = 0

    def flush() -> None:
        if not run:
            return
        values = [_value(t.string) for t in run]
        first, last = run[0], run[-1]
        line_text = lines[first.start[0] - 1] if first.start[0] <= len(lines) else ""
        col = _byte_col(line_text, first.start[1])
        if all(v is not None for v in values):
            text = "".join(values)  # type: ignore[arg-type]
            binding = _binding(before, depth)
        else:  # an f-string or a prefix this Python does not know: its text, for the value rules
            text = " ".join(t.string for t in run)
            binding = _NEUTRAL
        out.append(Candidate(text, first.start[0], col, last.end[0], binding, concatenated=len(run) > 1))
        before.append(last)
        run.clear()

    try:
        for tok in tokenize.generate_tokens(io.StringIO("".join(lines)).readline):
            reached = tok.start[0]
            if tok.type == tokenize.STRING:
                run.append(tok)
                continue
            if tok.type in _SKIP:
                if tok.type == tokenize.COMMENT:
                    out.append(Candidate(tok.string, tok.start[0], tok.start[1], tok.start[0], Binding("comment"),
                                         is_comment=True))
                continue
            flush()
            if tok.type == tokenize.OP:
                if tok.string in "([{":
                    depth += 1
                elif tok.string in ")]}":
                    depth = max(0, depth - 1)
            before.append(tok)
            del before[:-5]
        flush()
        reached = len(lines)
    except (tokenize.TokenError, SyntaxError):
        flush()
    return out, reached


def remaining(lines: Sequence[str], reached: int) -> Iterator[tuple[int, str]]:
    """(line number, text) of the lines after the tokenizer stopped."""
    for n in range(reached + 1, len(lines) + 1):
        yield n, lines[n - 1]
