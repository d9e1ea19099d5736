"""Where each string literal sits: the stdlib AST (and comment tokens) -> :class:`Candidate` stream.

One visit of the stdlib AST (:func:`astwalk.visit`, iterative: deep nesting cannot overflow the
stack) collects the literals, and its :class:`~flake8_nosecrets.binder.Binder` handlers record, for the
literals that are bound to something, the :class:`~flake8_nosecrets.findings.Binding` that names them.
Every other str/bytes literal is yielded as a neutral ``string`` (or ``docstring``), so value-based rules
see all of them.
"""

from __future__ import annotations

import ast
import tokenize
from typing import Any, Callable, Iterable, Iterator, NamedTuple, cast

from . import shapes, uses
from .astwalk import quoted_lines, visit
from .binder import Binder, scope
from .findings import FSTRING_HOLE, Binding


class Candidate(NamedTuple):
    """A literal (or comment) and its binding. A named tuple: one is made for every literal of every file."""

    value: str  # the literal's value (bytes decoded as latin-1, so offsets are byte offsets)
    line: int  # 1-based start line of the literal
    col: int  # 0-based start column, UTF-8 bytes for AST nodes (as ast gives it), characters for comments
    end_line: int
    binding: Binding
    is_bytes: bool = False
    is_comment: bool = False
    concatenated: bool = False  # an implicit concatenation or f-string: pieces need locating


class _Collector:
    """One walk over a module: the str/bytes literals, and what binds them (:class:`Binder`).

    Dispatch is by node type, in the style of pyflakes' handlers: :data:`_OWN_HANDLERS` and
    :data:`_BINDER_HANDLERS` name, per node type, the method that reads it, bound once per module so that a node costs
    one dictionary look-up and one call; most nodes (names, attributes, operators) have none and are only
    walked through.
    """

    def __init__(self, module: uses.Module | None, shortest: int = 0) -> None:
        self.binder = Binder(module)
        self.shortest = shortest  # see literal_candidates
        self.settings, self.signing = self.binder.module.setting_statements, self.binder.module.signing_statements
        self.literals: list[ast.Constant] = []
        self.docstrings: set[int] = set()
        self.joined_parts: set[int] = set()  # literals scanned as part of a chain or an f-string, not alone
        self.fstrings: list[ast.JoinedStr] = []
        self.chains: list[tuple[ast.BinOp, list[ast.Constant]]] = []  # ``"…" + "…"``: scanned as one string

    def walk(self, tree: ast.AST, quoted: list[int] | None) -> None:
        bound: dict[type, Callable[[Any], None]] = {t: getattr(self, name) for t, name in _OWN_HANDLERS.items()}
        bound.update((t, getattr(self.binder, name)) for t, name in _BINDER_HANDLERS.items())
        visit(tree, bound, quoted)
        self.binder.resolve()

    def constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, (str, bytes)):
            self.literals.append(node)

    def assign(self, node: ast.Assign) -> None:
        self.binder.assign(node.targets, node.value, scope(node, self.settings, self.signing))

    def target_assign(self, node: ast.AnnAssign | ast.AugAssign) -> None:
        self.binder.assign([node.target], node.value, scope(node, self.settings, self.signing))

    def tuple(self, node: ast.Tuple) -> None:
        if len(node.elts) == 2 and type(node.elts[0]) is ast.Constant:
            self.binder.pair(node)

    def binop(self, node: ast.BinOp) -> None:
        op = type(node.op)
        if op is ast.Mod:
            self.binder.binop(node)
        elif op is ast.Add and type(node.right) is ast.Constant and id(node) not in self.joined_parts:
            if parts := shapes.joined_constants(node):
                self.chains.append((node, parts))
                self.joined_parts.update(id(p) for p in parts)
                inner = node.left  # the chain's inner BinOps are its own: not chains of their own
                while type(inner) is ast.BinOp:
                    self.joined_parts.add(id(inner))
                    inner = inner.left  # type: ignore[attr-defined]

    def expr(self, node: ast.Expr) -> None:
        if type(node.value) is ast.Constant:
            self.docstrings.add(id(node.value))  # a docstring, or a bare string statement

    def joined(self, node: ast.JoinedStr) -> None:
        if any(type(v) is not ast.Constant for v in node.values):  # an f-string with replacement fields
            self.joined_parts.update(id(v) for v in node.values)
            self.fstrings.append(node)

    def candidates(self) -> Iterator[Candidate]:
        """The literals in the order :func:`literal_candidates` promises: plain literals, chains, f-strings."""
        bound, neutral, doc = self.binder.bound, Binding("string"), Binding("docstring")
        shortest = self.shortest
        for lit in self.literals:
            key = id(lit)
            if key in self.joined_parts:
                continue  # scanned as part of its chain or f-string below
            value = cast("str | bytes", lit.value)  # only string and bytes constants are collected
            binding = bound.get(key)
            if binding is None:
                if len(value) < shortest and lit.end_lineno == lit.lineno:
                    continue
                binding = doc if key in self.docstrings else neutral
            is_bytes = isinstance(value, bytes)
            text = value.decode("latin-1") if isinstance(value, bytes) else value
            yield Candidate(text, lit.lineno, lit.col_offset, lit.end_lineno or lit.lineno, binding, is_bytes)
        for chain, parts in self.chains:
            first, is_bytes = parts[0], isinstance(parts[0].value, bytes)
            values = [p.value for p in parts]  # joined_constants keeps chains whose parts are all str or all bytes
            text = (b"".join(cast("list[bytes]", values)).decode("latin-1") if is_bytes
                    else "".join(cast("list[str]", values)))
            yield Candidate(text, first.lineno, first.col_offset, parts[-1].end_lineno or first.lineno,
                            bound.get(id(chain)) or neutral, is_bytes, concatenated=True)
        for fs in self.fstrings:
            # An f-string with replacement fields is scanned as one string, each field a hole, so that
            # ``f"postgresql://{user}:PW@db/app"`` still shows the URL around the password.
            text = "".join(v.value if type(v) is ast.Constant else FSTRING_HOLE for v in fs.values)  # type: ignore
            yield Candidate(text, fs.lineno, fs.col_offset, fs.end_lineno or fs.lineno, neutral, concatenated=True)


# Node type -> the method that reads it: the collector's own, or the binder's.
_OWN_HANDLERS: dict[type, str] = {
    ast.Constant: "constant", ast.Assign: "assign", ast.AnnAssign: "target_assign", ast.AugAssign: "target_assign",
    ast.Tuple: "tuple", ast.BinOp: "binop", ast.Expr: "expr", ast.JoinedStr: "joined",
}
_BINDER_HANDLERS: dict[type, str] = {
    ast.Call: "call", ast.Dict: "dict", ast.Compare: "compare", ast.FunctionDef: "function",
    ast.AsyncFunctionDef: "function", ast.Lambda: "function", ast.ClassDef: "klass", ast.For: "loop",
    ast.AsyncFor: "loop",
}


def literal_candidates(
    tree: ast.AST, source: str | None = None, module: uses.Module | None = None, shortest: int = 0
) -> Iterator[Candidate]:
    """Every str/bytes literal in *tree* with its binding (neutral ``string`` when unbound).

    *shortest*: an unbound literal on one line shorter than this is left out (``"id"``, ``"x"``: most literals of
    code, and no rule of the caller's reads one).

    With the module's *source* text, statements whose lines hold no quote character are not
    walked at all: no literal can sit in them, and every binding a literal gets is made by a
    node of the statement that holds it (most statements of real code hold no literal).
    """
    collector = _Collector(module, shortest)
    collector.walk(tree, quoted_lines(source, tree) if source is not None else None)
    return collector.candidates()


def comment_candidates(tokens: Iterable[tokenize.TokenInfo]) -> Iterator[Candidate]:
    """Comments, for value-based rules only (a comment binds nothing)."""
    binding = Binding("comment")
    for tok in tokens:
        if tok.type == tokenize.COMMENT:
            yield Candidate(tok.string, tok.start[0], tok.start[1], tok.start[0], binding, is_comment=True)
