"""Walking the stdlib AST fast and without recursion: the child fields each node type can hold, a visit of the nodes
of a tree (the one walker every module uses), the return statements of one function, and which lines hold a
quote character (so that a statement without one, which holds no literal, is passed by).
"""

from __future__ import annotations

import ast
from typing import Any, Callable, Iterator, Mapping


def dotted(node: ast.AST) -> str:
    """``os.environ.get`` for an Attribute chain ending in a Name; '' for anything else."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    elif isinstance(node, ast.Call):
        parts.append("")  # a call in the chain: keep the attribute path after it
    else:
        return ""
    return ".".join(reversed(parts))


def own_returns(func: ast.AST) -> Iterator[ast.Return]:
    """Return statements of *func* itself, not of functions nested in it."""
    stack = list(ast.iter_child_nodes(func))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return):
            yield node
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


# Fields that never hold a node (identifiers, numbers, flags), or only singleton nodes without children
# (``ctx``, ``op``, ``ops``): the walk does not read them.
_LEAF_FIELDS = frozenset({"ctx", "op", "ops", "id", "attr", "arg", "module", "level", "kind", "type_comment",
                          "conversion", "asname", "is_async", "simple", "kwd_attrs", "tag"})
_LEAF_TYPES = (ast.Constant, ast.Global, ast.Nonlocal, ast.Name, ast.Pass, ast.Break, ast.Continue)
_CHILDLESS = frozenset(_LEAF_TYPES)
# List fields that may hold None next to nodes (``{**x}`` keys, keyword-only parameters without a default).
_NULLABLE_LISTS = frozenset({"keys", "kw_defaults"})
# List fields that hold statements (or except handlers): each carries the line range it spans.
_STATEMENT_LISTS = frozenset({"body", "orelse", "finalbody", "handlers"})
PLAIN, NULLABLE, STATEMENTS = range(3)
DEFINITIONS = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})
CHILD_FIELDS: dict[type, tuple[tuple[str, int], ...]] = {}


def child_fields(t: type) -> tuple[tuple[str, int], ...]:
    """(field, how to read a list there) for the fields of node type *t* that can hold child nodes."""
    fields = () if issubclass(t, _LEAF_TYPES) else tuple(
        (f, NULLABLE if f in _NULLABLE_LISTS else STATEMENTS if f in _STATEMENT_LISTS else PLAIN)
        for f in t._fields if f not in _LEAF_FIELDS  # type: ignore[attr-defined]
    )
    CHILD_FIELDS[t] = fields
    return fields


def visit(tree: ast.AST, handlers: Mapping[type, Callable[[Any], object]], quoted: list[int] | None = None) -> None:
    """Call ``handlers[type(node)](node)`` for every node of *tree* whose type has a handler: depth first, a parent
    before its children, without recursion (deep nesting cannot overflow the stack). ``ast.walk`` reading only the
    fields that can hold nodes, with the dispatch in the loop (no generator to resume per node): about three
    times as fast. A child without children of its own (a name, a ``pass``) is not even taken up unless it has a
    handler, when it sits alone in its field (``x.attr``'s ``x``, a keyword's value).

    With *quoted* (:func:`quoted_lines`), a statement whose lines hold no quote character is passed by: no
    literal can sit in it. Definitions are always entered (their decorators sit above their own line).
    """
    stack = [tree]
    pop, push, extend, node_type = stack.pop, stack.append, stack.extend, ast.AST
    fields_of, handler_of = CHILD_FIELDS.get, handlers.get
    idle = frozenset(t for t in _CHILDLESS if t not in handlers)
    while stack:
        node = pop()
        t = type(node)
        handler = handler_of(t)
        if handler is not None:
            handler(node)
        fields = fields_of(t)
        if fields is None:
            fields = child_fields(t)
        for field, how in fields:
            child = getattr(node, field, None)
            if child is None:
                continue
            if type(child) is list:
                if how == PLAIN or (how == STATEMENTS and quoted is None):
                    extend(child)
                elif how == STATEMENTS and quoted is not None:  # (None was taken above)
                    extend([st for st in child
                            if quoted[st.end_lineno] != quoted[st.lineno - 1] or type(st) in DEFINITIONS])
                else:
                    extend([c for c in child if c is not None])
            elif type(child) not in idle and isinstance(child, node_type):
                push(child)


def quoted_lines(text: str, tree: ast.AST) -> list[int]:
    """``q[n]``: how many of lines 1..n hold a quote character (``q[0] == 0``).

    Every string literal, bytes literal and f-string is written between quotes, so a
    statement whose lines hold none (``q[end] == q[start - 1]``) holds no literal
    and the walk can pass it by. Lines are counted as the parser counts them (``\n``,
    ``\r\n`` and ``\r`` end one; a form feed does not), and lines past the end count as quoted.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    q = [0]
    total = 0
    for line in text.split("\n"):
        if "'" in line or '"' in line:
            total += 1
        q.append(total)
    body = getattr(tree, "body", None)
    last = max((getattr(st, "end_lineno", 0) or 0 for st in body), default=0) if type(body) is list else 0
    while len(q) <= last:
        total += 1
        q.append(total)
    return q
