"""The LibCST transform: each flagged literal (or just its secret part) becomes ``os.environ["NAME"]``.

It rewrites exactly what the detector reports (:func:`detect`: the same
:func:`~flake8_nosecrets.scan_source`, options, ``noqa``/select/ignore and
baseline as flake8), matching each finding to the string node that holds it by
position (:class:`~libcst.metadata.PositionProvider`, character columns) and
checking that the node's value really contains the secret before touching it.

* A whole literal becomes ``os.environ["NAME"]`` (its parentheses kept).
* A secret that is part of a string is cut out of it, the rest spelled as
  before: ``"postgres://u:" + os.environ["DB_PASSWORD"] + "@h/db"``; in an
  f-string it becomes a replacement field, quoted with the other quote
  character so the result also runs on Python 3.10/3.11.
* bytes: ``os.environ["NAME"].encode()`` (UTF-8, exact for ASCII and UTF-8
  values), or ``.encode("latin-1")`` for bytes that are not UTF-8, with the
  env value written so that the same bytes come back.
* ``import os`` is scheduled with :class:`~libcst.codemod.visitors.AddImportsVisitor`
  unless an existing ``import os [as x]`` / ``from os import environ [as y]``
  is in effect before the first rewrite.
* Not rewritten, reported for a human instead (:class:`Manual`): comments,
  docstrings and other bare string statements, ``match`` patterns, annotations,
  f-string format specs, values python-dotenv cannot hold exactly.

Run it alone with ``python -m libcst.tool codemod -x
flake8_nosecrets.fix.codemod.MoveSecretsToEnv --no-format [--env-file .env] PATH``;
then each file's values are merged into the env file (under its lock) before
the tool writes that file.
"""

from __future__ import annotations

import argparse
import dataclasses
import ast
import os
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import libcst as cst
from libcst.codemod import CodemodContext, VisitorBasedCodemodCommand
from libcst.metadata import CodeRange, ParentNodeProvider, PositionProvider

from .. import suppress
from ..findings import Finding
from . import copies, dotenv_io, envname, imports
from .moves import Manual, Move, NameFor, detect, env_value_for, needles_for
from .rewrite import LiteralRewriter, Skip

__all__ = ["Manual", "Move", "MoveSecretsToEnv", "NameFor", "detect", "env_value_for", "fix_code", "needles_for"]

_STRING_TYPES = (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)
_IN_COMMENT = "in a comment: remove it by hand (a comment cannot read the environment)"


@dataclasses.dataclass
class _Plan:
    node: cst.CSTNode
    findings: list[Finding]


class MoveSecretsToEnv(LiteralRewriter, VisitorBasedCodemodCommand):
    """Replace every secret the detector reports with ``os.environ["NAME"]`` and record where it went."""

    DESCRIPTION = "Move hardcoded secrets (flake8-nosecrets findings) into environment variables and an env file."
    METADATA_DEPENDENCIES = (PositionProvider, ParentNodeProvider)

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        arg_parser.add_argument(
            "--env-file", dest="env_file", metavar="FILE", default=".env",
            help="env file the values are merged into (default: .env in the current directory)",
        )

    def __init__(
        self,
        context: CodemodContext,
        env_file: str | None = ".env",
        findings: Sequence[Finding] | None = None,
        name_for: NameFor | None = None,
        config=None,
        also_values: Sequence[Finding] = (),
    ) -> None:
        super().__init__(context)
        self.env_file = env_file
        self.given_findings = list(findings) if findings is not None else None
        self.name_for = name_for
        self.config = config
        self.also_values = list(also_values)  # values moved from other files: their copies here move too
        self.moves: list[Move] = []
        self.manual: list[Manual] = []
        self._plans: dict[int, _Plan] = {}
        self._parents: Mapping[cst.CSTNode, cst.CSTNode] = {}
        self.os_ref = imports.OsRef("os")
        self._current: cst.CSTNode | None = None
        self._forbidden_quotes: list[str] = []

    # -- entry point -----------------------------------------------------------------------------------------

    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        if self.name_for is not None:
            return self._transform(tree, self.name_for)
        # Standalone (libcst.tool): this file's values go to the env file, under its lock, before the tool
        # writes the file.
        if self.config is None:
            from .. import config as cfg

            self.config = cfg.load_config(os.getcwd())
        env_path = Path(self.env_file or ".env")
        root = dotenv_io.git_toplevel(Path.cwd()) or Path.cwd()
        with dotenv_io.locked(dotenv_io.resolve_env_path(env_path, root)):
            env = dotenv_io.EnvFile(env_path, root)
            namer = envname.Namer({k: v for k, v in env.values.items()})

            def name_for(f: Finding, value: str, wanted: Sequence[str]) -> str:
                return namer.name_for(value, wanted)

            new_tree = self._transform(tree, name_for)
            used = {m.name for m in self.moves}
            new = {k: v for k, v in namer.new.items() if k in used}
            env.merge(new)
            if new:
                dotenv_io.update_example(env.example, list(new))
                plan = dotenv_io.gitignore_plan(env.path)
                if plan:
                    dotenv_io.add_to_gitignore(*plan)
        for m in self.moves:
            self.warn(f"{m.where} {m.describe()} (value in {env_path})")
        for by_hand in self.manual:
            self.warn(f"{by_hand.finding.line}:{by_hand.finding.col + 1} {by_hand.describe()}")
        return new_tree

    def _transform(self, tree: cst.Module, name_for: NameFor) -> cst.Module:
        self._name_for = name_for
        self.module_code = tree.code
        findings = self.given_findings
        if findings is None:
            findings = detect(tree.code, self.context.filename or "<string>", self.config)
        if not findings and not self.also_values:
            return tree
        in_comments = [f for f in findings if f.in_comment or f.binding.kind == "comment"]  # commented-out code too
        findings = [f for f in findings if not (f.in_comment or f.binding.kind == "comment")]
        wrapper = self.context.wrapper
        positions = wrapper.resolve(PositionProvider) if wrapper is not None else {}
        self._parents = wrapper.resolve(ParentNodeProvider) if wrapper is not None else {}
        self._assign(findings, positions)
        self._assign_copies(findings + self.also_values, positions)
        if not self._plans:
            self.manual.extend(Manual(f, _IN_COMMENT) for f in in_comments)
            return self._rewrite_comment_copies(tree) if self.also_values else tree
        first_line = min(f.node_line or f.line for p in self._plans.values() for f in p.findings)
        assert wrapper is not None, "plans are made at positions, which only the metadata wrapper gives"
        self.os_ref = imports.Resolver(wrapper).choose([p.node for p in self._plans.values()])
        late = imports.late_os_import(tree, positions, first_line)
        new_tree = tree.visit(self)
        if self.moves and self.os_ref.add:
            new_tree = imports.add_import(new_tree, self.os_ref, late)
        new_tree = self._rewrite_comment_copies(new_tree)
        moved = {m.finding.secret for m in self.moves}
        self.manual.extend(Manual(f, _IN_COMMENT) for f in in_comments if f.secret not in moved)
        return new_tree

    def _assign_copies(self, findings: Sequence[Finding], positions) -> None:
        """Plan the other literals holding a value to be moved (:func:`.copies.literal_copies`)."""
        values: dict[str, Finding] = {}
        for f in findings:
            if f.secret:
                values.setdefault(f.secret, f)
        if not values:
            return
        nodes = [
            (node, rng.start.line, rng.start.column) for node, rng in positions.items()
            if isinstance(node, _STRING_TYPES) and self._top_level(node)
            and not isinstance(self._parents.get(node), cst.Expr)
        ]
        taken = {key: plan.findings for key, plan in self._plans.items()}
        found = copies.literal_copies(nodes, values, taken)
        if not found:
            return
        lines = self.module_code.splitlines(keepends=True)
        kept = {id(f) for f in suppress.apply_noqa([f for _, f in found], lines)}  # a copy on a noqa line stays
        for node, f in found:
            if id(f) in kept and not suppress.is_suppressed(lines, f.line, f.line):
                self._plans.setdefault(id(node), _Plan(node, [])).findings.append(f)

    def _rewrite_comment_copies(self, tree: cst.Module) -> cst.Module:
        spellings: dict[str, str] = {}
        for m in self.moves:
            for text in m.needles:
                spellings.setdefault(text, m.name)
        for f in self.also_values:  # moved from another file: named there already (the namer knows the value)
            value = env_value_for(f)[0]
            name = self._name_for(f, value, [envname.wanted_name(f)])
            for text in needles_for(value):
                spellings.setdefault(text, name)
        if not spellings:
            return tree
        rewriter = copies.CommentCopies(spellings, self.os_ref.expr(), self.module_code)
        tree = tree.visit(rewriter)
        for k, m in enumerate(self.moves):
            lines = rewriter.lines.pop(m.name, None)
            if lines:
                self.moves[k] = dataclasses.replace(m, comment_lines=tuple(lines))
        return tree

    # -- matching findings to nodes --------------------------------------------------------------------------

    def _top_level(self, node: cst.CSTNode) -> bool:
        return not isinstance(self._parents.get(node), cst.ConcatenatedString)

    def _assign(self, findings: Iterable[Finding], positions) -> None:
        ranges: list[tuple[CodeRange, cst.CSTNode]] = [
            (rng, node) for node, rng in positions.items()
            if isinstance(node, _STRING_TYPES) and self._top_level(node)
        ]
        for f in findings:
            where = (f.node_line or f.line, f.node_col if f.node_line else f.col)
            best = None
            for rng, node in ranges:
                if (rng.start.line, rng.start.column) <= where < (rng.end.line, rng.end.column):
                    size = (rng.end.line - rng.start.line, rng.end.column - rng.start.column)
                    if best is None or size < best[0]:
                        best = (size, node)
            if best is None:
                self.manual.append(Manual(f, "could not be located in the source: move it by hand"))
                continue
            plan = self._plans.setdefault(id(best[1]), _Plan(best[1], []))
            plan.findings.append(f)

    def _env_expr(self, name: str, encoding: str, quote: str) -> cst.BaseExpression:
        base = self.os_ref.expr()
        text = f"{base}[{quote}{name}{quote}]"
        if encoding:
            text += f".encode({quote}{encoding}{quote})"
        elif encoding == "" and self._bytes_mode:
            text += ".encode()"
        return cst.parse_expression(text)

    # -- visiting --------------------------------------------------------------------------------------------

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._forbidden_quotes.append(node.start[len(node.prefix):][0])

    def leave_FormattedString(self, original_node: cst.FormattedString, updated_node: cst.FormattedString):
        self._forbidden_quotes.pop()
        return self._maybe_rewrite(original_node, updated_node)

    def leave_SimpleString(self, original_node: cst.SimpleString, updated_node: cst.SimpleString):
        return self._maybe_rewrite(original_node, updated_node)

    def leave_ConcatenatedString(self, original_node: cst.ConcatenatedString, updated_node: cst.ConcatenatedString):
        return self._maybe_rewrite(original_node, updated_node)

    def _maybe_rewrite(self, original: cst.BaseExpression, updated: cst.BaseExpression) -> cst.BaseExpression:
        plan = self._plans.get(id(original))
        if plan is None:
            return updated
        self._current = original
        try:
            self._check_context(original, plan.findings)
        except Skip as why:
            self.manual.extend(Manual(f, str(why)) for f in plan.findings)
            return updated
        return self._rewrite(original, updated, plan.findings)

    def _check_context(self, node: cst.CSTNode, findings: list[Finding]) -> None:
        parent = self._parents.get(node)
        if isinstance(parent, cst.Expr) or any(f.binding.kind == "docstring" for f in findings):
            raise Skip("in a docstring or bare string statement: remove it by hand")
        child, cur = node, parent
        while cur is not None:
            name = type(cur).__name__
            if name.startswith("Match") and name not in ("Match", "MatchCase"):
                raise Skip("in a match pattern, which cannot read the environment: move it by hand")
            if isinstance(cur, cst.MatchCase) and child is cur.pattern:
                raise Skip("in a match pattern, which cannot read the environment: move it by hand")
            if isinstance(cur, cst.Annotation):
                raise Skip("in a type annotation: remove it by hand")
            if isinstance(cur, cst.FormattedStringExpression) and child is not cur.expression:
                raise Skip("in an f-string format spec: move it by hand")
            child, cur = cur, self._parents.get(cur)

    def _quote(self, extra: str = "") -> str:
        forbidden = set(self._forbidden_quotes) | set(extra)
        for q in ('"', "'"):
            if q not in forbidden:
                return q
        raise Skip("inside f-strings that use both quote characters (not expressible before Python 3.12)")

    def _name(self, f: Finding, literal_value: str) -> tuple[str, str, str]:
        """``(name, env value, encoding)``; raises :class:`Skip` for values an env file cannot hold."""
        value, encoding = env_value_for(f)
        try:
            dotenv_io.quote(value)
        except dotenv_io.Unquotable as exc:
            raise Skip(f"not moved: the value {exc}") from None
        wanted = envname.wanted_names(f, literal_value, self._place(self._current))
        return self._name_for(f, value, wanted), value, encoding

    def _place(self, node: cst.CSTNode | None) -> envname.Place:
        """The enclosing class, and the assignment target and dict keys leading to *node*."""
        keys: list[str] = []
        owner = ""
        assigned = False
        child, cur = node, self._parents.get(node) if node is not None else None
        while cur is not None:
            if assigned:
                pass
            elif isinstance(cur, cst.DictElement) and child is cur.value and isinstance(cur.key, cst.SimpleString):
                key = cur.key.evaluated_value
                keys.insert(0, key if isinstance(key, str) else "")
            elif isinstance(cur, (cst.Assign, cst.AnnAssign)):
                target = cur.targets[0].target if isinstance(cur, cst.Assign) else cur.target
                keys.insert(0, (cst.helpers.get_full_name_for_node(target) or "").rsplit(".", 1)[-1])
                assigned = True
            if isinstance(cur, cst.ClassDef):
                owner = cur.name.value
                break
            child, cur = cur, self._parents.get(cur)
        path = tuple(keys) if assigned and all(keys) else ()
        return envname.Place(owner=owner, path=path, module=self.context.filename or "")


def fix_code(
    code: bytes | str,
    filename: str = "<string>",
    *,
    findings: Sequence[Finding] | None = None,
    name_for: NameFor,
    config=None,
    also_values: Sequence[Finding] = (),
) -> tuple[bytes, list[Move], list[Manual]]:
    """Transform one module's source; returns the new bytes (same encoding, BOM and line endings).
    *also_values*: findings of values moved from other files, whose copies in this one move too."""
    from libcst.codemod import SkipFile

    module = cst.parse_module(code.encode("utf-8") if isinstance(code, str) else code)
    context = CodemodContext(filename=filename)
    command = MoveSecretsToEnv(context, findings=findings, name_for=name_for, config=config, also_values=also_values)
    try:
        new = command.transform_module(module)
    except SkipFile:
        new = module
    out = new.bytes
    if out != module.bytes:
        ast.parse(out, filename)  # never hand back a module that does not parse
    return out, command.moves, command.manual
