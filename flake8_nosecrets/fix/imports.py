"""How rewritten code reaches ``os.environ``: which existing import to use, or which one to add and where."""

from __future__ import annotations

import libcst as cst


def choose_os_ref(tree: cst.Module, positions, first_line: int) -> tuple[str, str, str]:
    """``(os name, environ name, action)`` for a module whose first rewrite is on *first_line*.

    *environ name* is set when ``from os import environ [as x]`` is used instead of ``os``; *action* is
    '' (an import in effect is used), 'add' (schedule one) or 'insert' (``import os`` comes too late).
    """
    os_refs: list[tuple[int, str]] = []
    environ_refs: list[tuple[int, str]] = []
    for stmt in tree.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        line = positions[stmt].start.line if stmt in positions else 0
        for small in stmt.body:
            if isinstance(small, cst.Import):
                for alias in small.names:
                    dotted = cst.helpers.get_full_name_for_node(alias.name) or ""
                    if dotted == "os" and alias.asname is not None:
                        os_refs.append((line, cst.ensure_type(alias.asname.name, cst.Name).value))
                    elif dotted == "os" or (dotted.startswith("os.") and alias.asname is None):
                        os_refs.append((line, "os"))
            elif isinstance(small, cst.ImportFrom) and not small.relative and small.module is not None:
                if cst.helpers.get_full_name_for_node(small.module) == "os" and not isinstance(
                    small.names, cst.ImportStar
                ):
                    for alias in small.names:
                        if cst.helpers.get_full_name_for_node(alias.name) == "environ":
                            ref = alias.asname.name.value if alias.asname else "environ"  # type: ignore[union-attr]
                            environ_refs.append((line, ref))
    early_os = [ref for line, ref in os_refs if line < first_line]
    early_environ = [ref for line, ref in environ_refs if line < first_line]
    if early_os:
        return early_os[0], "", ""
    if early_environ:
        return "os", early_environ[0], ""
    if os_refs:  # imported, but only after the first rewritten literal: AddImportsVisitor would not add it
        return "os", "", "insert"
    if _binds_name(tree, "os"):
        return "_os", "", "add"
    return "os", "", "add"


def _binds_name(tree: cst.Module, name: str) -> bool:
    """Whether *name* is assigned, a parameter, or defined anywhere but by an import."""

    class _Finder(cst.CSTVisitor):
        found = False

        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            if any(isinstance(n, cst.Name) and n.value == name for n in _names_in(node.target)):
                self.found = True

        def visit_Param(self, node: cst.Param) -> None:
            if node.name.value == name:
                self.found = True

        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            if node.name.value == name:
                self.found = True

        def visit_ClassDef(self, node: cst.ClassDef) -> None:
            if node.name.value == name:
                self.found = True

        def visit_For(self, node: cst.For) -> None:
            if any(n.value == name for n in _names_in(node.target)):
                self.found = True

    finder = _Finder()
    tree.visit(finder)
    return finder.found


def _names_in(node: cst.CSTNode) -> list[cst.Name]:
    if isinstance(node, cst.Name):
        return [node]
    if isinstance(node, (cst.Tuple, cst.List)):
        return [n for el in node.elements for n in _names_in(el.value)]
    if isinstance(node, cst.StarredElement):
        return _names_in(node.value)
    return []


def insert_import(tree: cst.Module, statement: str) -> cst.Module:
    """Put *statement* after the docstring and ``__future__`` imports (used when ``import os`` comes too late)."""
    body = list(tree.body)
    i = 0
    if body and isinstance(body[0], cst.SimpleStatementLine) and body[0].body and isinstance(
        body[0].body[0], cst.Expr
    ) and isinstance(body[0].body[0].value, (cst.SimpleString, cst.ConcatenatedString)):
        i = 1

    def is_future(stmt: cst.BaseSmallStatement) -> bool:
        return isinstance(stmt, cst.ImportFrom) and stmt.module is not None and (
            cst.helpers.get_full_name_for_node(stmt.module) == "__future__"
        )

    while i < len(body) and isinstance(body[i], cst.SimpleStatementLine) and any(map(is_future, body[i].body)):
        i += 1
    body.insert(i, cst.parse_statement(statement + "\n", config=tree.config_for_parsing))
    return tree.with_changes(body=body)
