"""How rewritten code reaches ``os.environ``: which binding of the ``os`` module to use, or which import to
add and where.

Names are resolved with LibCST's scope analysis (:class:`~libcst.metadata.ScopeProvider`), at each place a
literal is rewritten:

* a name is *reused* when every binding of it anywhere in the module is an import of the real ``os``
  module (``import os``, ``import os as o``, ``import os.path``) or of ``os.environ``
  (``from os import environ [as env]``), and at each rewritten place a binding visible there comes
  before it (a function-local import after the place would make the name unbound there);
* otherwise ``import os`` is added when nothing in the module binds ``os`` to anything else, and
  ``import os as _os`` (``_os2``…, a name nothing in the module uses) when something does, or when a
  ``from … import *`` could rebind ``os`` (a star import never binds a name with a leading underscore);
* an added import goes where isort (profile black) and ruff's ``I001`` put it: among the standard
  library's plain imports of the module's top import block, in order; a section of its own (blank line
  after it) when the block has no standard-library import; after the docstring and ``__future__``
  imports, with two blank lines before a top-level ``def``/``class``. A module-level ``import os`` that
  stands alone after the first rewrite moves up to that place instead of being imported twice.
  (LibCST's ``AddImportsVisitor`` adds imports after the last one of the module, which isort then
  reorders: I001 on every touched module, so the placement is done here.)

:func:`unresolved` checks a rewritten module the same way: it is the proof the fixer asks for before a
file is written.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Iterable

import libcst as cst
from libcst.metadata import ClassScope, GlobalScope, MetadataWrapper, PositionProvider, ScopeProvider

_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | {"os"}


@dataclasses.dataclass(frozen=True)
class OsRef:
    """How rewritten code spells ``os.environ``, and what import (if any) has to be added for it."""

    name: str  # a name bound to the os module, or to os.environ when *environ* is set
    environ: bool = False
    add: bool = False  # add ``import os`` / ``import os as NAME`` at the isort place

    def expr(self) -> str:
        return self.name if self.environ else f"{self.name}.environ"

    def statement(self) -> str:
        return "import os" if self.name == "os" else f"import os as {self.name}"


def _dotted(node: cst.CSTNode) -> str:
    return cst.helpers.get_full_name_for_node(node) or ""


def _binds_os(assignment, name: str) -> str:
    """'module' when *assignment* binds *name* to the os module, 'environ' to os.environ, '' otherwise."""
    node = getattr(assignment, "node", None)
    if isinstance(node, cst.Import):
        for alias in node.names:
            dotted = _dotted(alias.name)
            if alias.asname is not None:
                bound = _dotted(cst.ensure_type(alias.asname, cst.AsName).name)
                if bound == name and dotted == "os":
                    return "module"
            elif dotted.split(".")[0] == name == "os":
                return "module"
    if isinstance(node, cst.ImportFrom) and not node.relative and node.module is not None:
        if _dotted(node.module) == "os" and not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                bound = _dotted(alias.asname.name) if alias.asname else _dotted(alias.name)
                if bound == name and _dotted(alias.name) == "environ":
                    return "environ"
    return ""


class Resolver:
    """Scope facts of one module, asked for a name at a set of places (string nodes of the same tree)."""

    def __init__(self, wrapper: MetadataWrapper) -> None:
        self.scopes = wrapper.resolve(ScopeProvider)
        self.positions = wrapper.resolve(PositionProvider)
        self.all_scopes = {s for s in self.scopes.values() if s is not None}
        self.star = any(isinstance(n, cst.ImportFrom) and isinstance(n.names, cst.ImportStar) for n in self.scopes)
        self.used: set[str] = set()
        for scope in self.all_scopes:
            self.used.update(a.name for a in scope.assignments)
            self.used.update(a.node.value for a in scope.accesses if isinstance(a.node, cst.Name))

    def _line(self, node: cst.CSTNode) -> int:
        pos = self.positions.get(node)
        return pos.start.line if pos is not None else 0

    def bindings(self, name: str) -> list:
        return [a for scope in self.all_scopes for a in scope.assignments if a.name == name]

    def kind(self, name: str) -> str:
        """'module'/'environ' when every binding of *name* is that kind of os import, 'none' when nothing
        binds it, '' when something binds it to anything else."""
        kinds = {_binds_os(a, name) for a in self.bindings(name)}
        if not kinds:
            return "none"
        return kinds.pop() if len(kinds) == 1 and "" not in kinds else ""

    def visible_before(self, name: str, site: cst.CSTNode) -> bool | None:
        """True when a binding of *name* visible at *site* comes before it and none after it can shadow it
        there; False when one visible binding comes after it in a function (unbound there); None when none
        is visible before it."""
        scope = self.scopes.get(site)
        if scope is None:
            return None
        line = self._line(site)
        seen = False
        for a in scope[name]:
            if not hasattr(a, "node"):
                continue
            before = self._line(a.node) < line
            if not before and not isinstance(a.scope, (GlobalScope, ClassScope)):
                return False  # a function's own import after the site: the name is unbound there
            seen = seen or before
        return True if seen else None

    def existing(self, sites: Iterable[cst.CSTNode]) -> list[tuple[str, str]]:
        """Names bound only by os imports, in order of first binding: ``[(name, 'module'|'environ'), …]``."""
        out = []
        for node in sorted(
            (n for n in self.scopes if isinstance(n, (cst.Import, cst.ImportFrom))), key=self._line
        ):
            aliases = node.names if not isinstance(node.names, cst.ImportStar) else ()
            for alias in aliases:
                bound = _dotted(alias.asname.name) if alias.asname else _dotted(alias.name).split(".")[0]
                kind = self.kind(bound)
                if kind in ("module", "environ") and (bound, kind) not in out:
                    out.append((bound, kind))
        return out

    def choose(self, sites: list[cst.CSTNode]) -> OsRef:
        for name, kind in self.existing(sites):
            status = [self.visible_before(name, s) for s in sites]
            if all(status):
                return OsRef(name, environ=kind == "environ")
            if kind == "module" and False not in status and (name != "os" or not self.star):
                return OsRef(name, add=True)  # visible after some sites only: import it at the top as well
        if self.kind("os") == "none" and not self.star and "os" not in self.used:
            return OsRef("os", add=True)
        n = 1
        while True:
            name = "_os" if n == 1 else f"_os{n}"
            if name not in self.used and self.kind(name) == "none":
                return OsRef(name, add=True)
            n += 1


def unresolved(code: str, names: Iterable[str]) -> str:
    """'' when every ``X.environ["NAME"]`` / ``X["NAME"]`` in *code* that reads one of *names* goes through a
    name bound only to the os module (``os.environ``), bound before that place; else what is not proven."""
    wanted = set(names)
    wrapper = MetadataWrapper(cst.parse_module(code))
    resolver = Resolver(wrapper)
    for node in resolver.scopes:
        base = _env_read(node, wanted)
        if base is None:
            continue
        name, kind = base
        if resolver.kind(name) != kind or not resolver.visible_before(name, node):
            line = resolver._line(node)
            what = "os.environ" if kind == "environ" else "the os module"
            return f"line {line}: cannot prove '{name}' is {what} there"
    return ""


def _env_read(node: cst.CSTNode, names: set[str]) -> tuple[str, str] | None:
    """``(base name, 'module'|'environ')`` when *node* is ``NAME.environ["X"]`` or ``NAME["X"]`` with X in *names*."""
    if not isinstance(node, cst.Subscript) or len(node.slice) != 1:
        return None
    index = node.slice[0].slice
    if not (isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString)):
        return None
    if index.value.evaluated_value not in names:
        return None
    value = node.value
    if isinstance(value, cst.Name):
        return value.value, "environ"
    if isinstance(value, cst.Attribute) and value.attr.value == "environ" and isinstance(value.value, cst.Name):
        return value.value.value, "module"
    return None


# ----------------------------------------------------------------------------- placement


def _is_docstring(stmt: cst.CSTNode) -> bool:
    return (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Expr)
            and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))


_IMPORT = (cst.Import, cst.ImportFrom)


def _imports(stmt: cst.CSTNode) -> list:
    if isinstance(stmt, cst.SimpleStatementLine) and all(isinstance(s, _IMPORT) for s in stmt.body):
        return list(stmt.body)
    return []


def _module_of(imp) -> str:
    if isinstance(imp, cst.Import):
        return _dotted(imp.names[0].name)
    if imp.relative:
        return "." + (_dotted(imp.module) if imp.module else "")
    return _dotted(imp.module) if imp.module else ""


def _section(stmt: cst.SimpleStatementLine) -> str:
    mod = _module_of(stmt.body[0])
    if mod == "__future__":
        return "future"
    return "stdlib" if mod.split(".")[0] in _STDLIB else "other"


def _split_leading(lines) -> tuple[list, list]:
    """Leading lines as (the blank lines before the first comment, the rest)."""
    lines = list(lines)
    k = 0
    while k < len(lines) and lines[k].comment is None:
        k += 1
    return lines[:k], lines[k:]


def _is_lone_os_import(stmt: cst.CSTNode) -> bool:
    imps = _imports(stmt)
    return (len(imps) == 1 and isinstance(imps[0], cst.Import) and len(imps[0].names) == 1
            and imps[0].names[0].asname is None and _dotted(imps[0].names[0].name) == "os")


def late_os_import(tree: cst.Module, positions, first_line: int) -> int | None:
    """Index in ``tree.body`` of a module-level ``import os`` standing alone after *first_line*, or None."""
    for k, stmt in enumerate(tree.body):
        pos = positions.get(stmt)
        if pos is not None and pos.start.line > first_line and _is_lone_os_import(stmt):
            return k
    return None


def add_import(tree: cst.Module, ref: OsRef, drop: int | None = None) -> cst.Module:
    """*tree* with ``ref.statement()`` placed where isort (profile black) would put it, and the statement at
    index *drop* (a late lone ``import os``, :func:`late_os_import`) removed, as this one replaces it."""
    body = list(tree.body)
    if drop is not None and ref.name == "os":
        _, comments = _split_leading(body[drop].leading_lines)
        if comments and drop + 1 < len(body):
            body[drop + 1] = body[drop + 1].with_changes(leading_lines=[*comments, *body[drop + 1].leading_lines])
        del body[drop]
    new = cst.parse_statement(ref.statement() + "\n", config=tree.config_for_parsing)
    i = 1 if body and _is_docstring(body[0]) else 0
    start = i
    block_end = i
    while block_end < len(body) and _imports(body[block_end]):
        block_end += 1
    block = list(range(start, block_end))
    future = [k for k in block if _section(body[k]) == "future"]
    stdlib = [k for k in block if _section(body[k]) == "stdlib"]
    others = [k for k in block if _section(body[k]) == "other"]
    if stdlib:
        straight = [k for k in stdlib if isinstance(body[k].body[0], cst.Import)]
        after = [k for k in straight if _module_of(body[k].body[0]).lower() > "os"]
        at = after[0] if after else (straight[-1] + 1 if straight else stdlib[0])
        if at in stdlib:
            empties, rest = _split_leading(body[at].leading_lines)
            new = new.with_changes(leading_lines=empties)
            body[at] = body[at].with_changes(leading_lines=rest)
        body.insert(at, new)
        return tree.with_changes(body=body)
    if others:
        at = others[0]
        empties, rest = _split_leading(body[at].leading_lines)
        new = new.with_changes(leading_lines=empties if (future or start) else [])
        body[at] = body[at].with_changes(leading_lines=[cst.EmptyLine(), *rest])
        body.insert(at, new)
        return tree.with_changes(body=body)
    at = future[-1] + 1 if future else start
    if at > 0:
        new = new.with_changes(leading_lines=[cst.EmptyLine()])
    elif body:
        empties, rest = _split_leading(body[0].leading_lines)
        if rest:  # comments (a licence header) open the module: the import goes after them
            new = new.with_changes(leading_lines=[*body[0].leading_lines, cst.EmptyLine()])
            body[0] = body[0].with_changes(leading_lines=[])
    if at < len(body):
        nxt = body[at]
        want = 2 if isinstance(nxt, (cst.FunctionDef, cst.ClassDef)) else 1
        empties, rest = _split_leading(nxt.leading_lines)
        if len(empties) < want:
            nxt = nxt.with_changes(leading_lines=[*([cst.EmptyLine()] * (want - len(empties))), *nxt.leading_lines])
        body[at] = nxt
    body.insert(at, new)
    return tree.with_changes(body=body)
