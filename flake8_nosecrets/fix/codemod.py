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
import ast
import dataclasses
import os
import re
from pathlib import Path
from typing import Callable, Iterable, Sequence

import libcst as cst
from libcst.codemod import CodemodContext, VisitorBasedCodemodCommand
from libcst.metadata import CodeRange, ParentNodeProvider, PositionProvider

from .. import scan_source, suppress
from ..options import DEFAULT
from ..findings import Finding, redact
from . import dotenv_io, envname, literals

_STRING_TYPES = (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)
# Parents under which ``a + b`` needs no parentheses.
_SAFE_PARENTS = (
    cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Arg, cst.Element, cst.DictElement, cst.Param, cst.Return,
    cst.FormattedStringExpression, cst.Index,
)
# ----------------------------------------------------------------------------- detection


def detect(code: str, filename: str = "<string>", config=None) -> list[Finding]:
    """What the detector reports for *code* with *config* (a :class:`flake8_nosecrets.config.Config`): the
    same ``# noqa``, select/ignore/per-file-ignores and baseline decisions as ``flake8`` and ``nosecrets``."""
    options = config.options if config is not None else None
    found = scan_source(code, filename=filename, **({"options": options} if options is not None else {}))
    if not found:
        return found
    if options is not None and options.baseline:  # first: it counts occurrences over all the file's findings
        from ..baseline import filter_findings

        found = filter_findings(found, filename, options)
    found = suppress.apply_noqa(found, code.splitlines(keepends=True), bare=(options or DEFAULT).bare_noqa)
    if config is not None and found:
        codes = config.code_filter
        found = [f for f in found if codes.reported_in(f.code, filename)]
    return found


# ----------------------------------------------------------------------------- results


@dataclasses.dataclass(frozen=True)
class Move:
    """One secret moved to the environment."""

    finding: Finding
    name: str
    env_value: str  # what the env file holds
    needles: tuple[str, ...]  # how the value may be spelled in source text (history search, diff redaction)

    @property
    def where(self) -> str:
        return f"{self.finding.line}:{self.finding.col + 1}"

    def describe(self) -> str:
        return f"{self.finding.code} {redact(self.finding.secret)} -> {self.name}"


@dataclasses.dataclass(frozen=True)
class Manual:
    """A finding the fixer leaves for a human, and why."""

    finding: Finding
    reason: str

    def describe(self) -> str:
        return f"{self.finding.code} {redact(self.finding.secret)} {self.reason}"


NameFor = Callable[[Finding, str, str], str]  # (finding, env value, wanted name) -> name


def env_value_for(finding: Finding) -> tuple[str, str]:
    """``(env value, .encode() argument)`` for a finding; the argument is '' for str and UTF-8 bytes."""
    if not finding.is_bytes:
        return finding.secret, ""
    data = finding.secret.encode("latin-1")
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        return finding.secret, "latin-1"


def needles_for(value: str, raw: str = "") -> tuple[str, ...]:
    """Texts whose presence in a file or diff line means *value* is there: the value, its long lines, its spelling."""
    out = []
    for text in (value, raw):
        if not text:
            continue
        if "\n" in text or "\\n" in text:
            parts = re.split(r"\\r\\n|\\n|\r?\n", text)
            out.extend(p for p in parts if len(p.strip()) >= 16)
        else:
            out.append(text)
    return tuple(dict.fromkeys(out))


# ----------------------------------------------------------------------------- the transform


@dataclasses.dataclass
class _Plan:
    node: cst.CSTNode
    findings: list[Finding]


def _flatten(node: cst.BaseExpression) -> tuple[list[cst.BaseExpression], list[cst.BaseParenthesizableWhitespace]]:
    """Pieces of an implicit concatenation and the whitespace between consecutive pieces."""
    pieces: list[cst.BaseExpression] = []
    spaces: list[cst.BaseParenthesizableWhitespace] = []
    while isinstance(node, cst.ConcatenatedString):
        left_pieces, left_spaces = _flatten(node.left)
        pieces += left_pieces
        spaces += left_spaces
        spaces.append(node.whitespace_between)
        node = node.right
    pieces.append(node)
    return pieces, spaces


def _fstring_literal(piece: cst.FormattedString, body: str) -> literals.Literal:
    return literals.Literal(piece.prefix, piece.start[len(piece.prefix):], body)


class _Skip(Exception):
    """A finding that cannot be rewritten safely: the reason goes to the user."""


class MoveSecretsToEnv(VisitorBasedCodemodCommand):
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
    ) -> None:
        super().__init__(context)
        self.env_file = env_file
        self.given_findings = list(findings) if findings is not None else None
        self.name_for = name_for
        self.config = config
        self.moves: list[Move] = []
        self.manual: list[Manual] = []
        self._plans: dict[int, _Plan] = {}
        self._parents: dict = {}
        self._os_ref = "os"
        self._environ_ref = ""
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

            def name_for(f: Finding, value: str, wanted: str) -> str:
                return namer.name_for(value, wanted)

            new_tree = self._transform(tree, name_for)
            used = {m.name for m in self.moves}
            new = {k: v for k, v in namer.new.items() if k in used}
            env.merge(new)
            if new:
                dotenv_io.update_example(env.path, list(new))
                plan = dotenv_io.gitignore_plan(env.path)
                if plan:
                    dotenv_io.add_to_gitignore(*plan)
        for m in self.moves:
            self.warn(f"{m.where} {m.describe()} (value in {env_path})")
        for m in self.manual:
            self.warn(f"{m.finding.line}:{m.finding.col + 1} {m.describe()}")
        return new_tree

    def _transform(self, tree: cst.Module, name_for: NameFor) -> cst.Module:
        self._name_for = name_for
        findings = self.given_findings
        if findings is None:
            findings = detect(tree.code, self.context.filename or "<string>", self.config)
        if not findings:
            return tree
        for f in findings:
            if f.binding.kind == "comment":
                self.manual.append(Manual(f, "in a comment: remove it by hand (a comment cannot read the environment)"))
        findings = [f for f in findings if f.binding.kind != "comment"]
        if not findings:
            return tree
        wrapper = self.context.wrapper
        positions = wrapper.resolve(PositionProvider) if wrapper is not None else {}
        self._parents = wrapper.resolve(ParentNodeProvider) if wrapper is not None else {}
        self._assign(findings, positions)
        if not self._plans:
            return tree
        first_line = min(f.node_line or f.line for p in self._plans.values() for f in p.findings)
        need_import = self._choose_os_ref(tree, first_line)
        new_tree = tree.visit(self)
        if self.moves and need_import == "add":
            if self._os_ref == "os":
                self.add_needed_import("os")
            else:
                self.add_needed_import("os", asname=self._os_ref)
        elif self.moves and need_import == "insert":
            new_tree = _insert_import(new_tree, "import os")
        return new_tree

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

    # -- imports ---------------------------------------------------------------------------------------------

    def _choose_os_ref(self, tree: cst.Module, first_line: int) -> str:
        """Decide how the rewritten code reaches ``os.environ``; returns '', 'add' or 'insert'."""
        positions = self.context.wrapper.resolve(PositionProvider) if self.context.wrapper else {}
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
            self._os_ref = early_os[0]
            return ""
        if early_environ:
            self._environ_ref = early_environ[0]
            return ""
        if os_refs:  # imported, but only after the first rewritten literal: AddImportsVisitor would not add it
            self._os_ref = "os"
            return "insert"
        if _binds_name(tree, "os"):
            self._os_ref = "_os"
            return "add"
        self._os_ref = "os"
        return "add"

    def _env_expr(self, name: str, encoding: str, quote: str) -> cst.BaseExpression:
        base = self._environ_ref or f"{self._os_ref}.environ"
        text = f"{base}[{quote}{name}{quote}]"
        if encoding:
            text += f".encode({quote}{encoding}{quote})"
        elif encoding == "" and self._bytes_mode:
            text += ".encode()"
        return cst.parse_expression(text)

    # -- visiting --------------------------------------------------------------------------------------------

    _bytes_mode = False

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
        try:
            self._check_context(original, plan.findings)
        except _Skip as why:
            self.manual.extend(Manual(f, str(why)) for f in plan.findings)
            return updated
        return self._rewrite(original, updated, plan.findings)

    def _check_context(self, node: cst.CSTNode, findings: list[Finding]) -> None:
        parent = self._parents.get(node)
        if isinstance(parent, cst.Expr) or any(f.binding.kind == "docstring" for f in findings):
            raise _Skip("in a docstring or bare string statement: remove it by hand")
        child, cur = node, parent
        while cur is not None:
            name = type(cur).__name__
            if name.startswith("Match") and name not in ("Match", "MatchCase"):
                raise _Skip("in a match pattern, which cannot read the environment: move it by hand")
            if isinstance(cur, cst.MatchCase) and child is cur.pattern:
                raise _Skip("in a match pattern, which cannot read the environment: move it by hand")
            if isinstance(cur, cst.Annotation):
                raise _Skip("in a type annotation: remove it by hand")
            if isinstance(cur, cst.FormattedStringExpression) and child is not cur.expression:
                raise _Skip("in an f-string format spec: move it by hand")
            child, cur = cur, self._parents.get(cur)

    def _quote(self, extra: str = "") -> str:
        forbidden = set(self._forbidden_quotes) | set(extra)
        for q in ('"', "'"):
            if q not in forbidden:
                return q
        raise _Skip("inside f-strings that use both quote characters (not expressible before Python 3.12)")

    def _name(self, f: Finding, literal_value: str) -> tuple[str, str, str]:
        """``(name, env value, encoding)``; raises :class:`_Skip` for values an env file cannot hold."""
        value, encoding = env_value_for(f)
        try:
            dotenv_io.quote(value)
        except dotenv_io.Unquotable as exc:
            raise _Skip(f"not moved: the value {exc}") from None
        wanted = envname.wanted_name(f, literal_value)
        return self._name_for(f, value, wanted), value, encoding

    # -- rewriting -------------------------------------------------------------------------------------------

    def _rewrite(self, original: cst.BaseExpression, updated: cst.BaseExpression, findings: list[Finding]):
        pieces, spaces = _flatten(updated)
        if any(isinstance(p, cst.FormattedString) for p in pieces):
            return self._rewrite_fstring(original, updated, pieces, spaces, findings)
        lits = [literals.Literal.parse(cst.ensure_type(p, cst.SimpleString).value) for p in pieces]
        values = [literals.as_text(literals.evaluate(lit)) for lit in lits]
        full = "".join(values)
        bounds = []
        pos = 0
        for v in values:
            bounds.append((pos, pos + len(v)))
            pos += len(v)
        # Locate each finding's span in the value (the detector's span first; else the value's first occurrence).
        spans: list[tuple[int, int, Finding]] = []
        for f in findings:
            s, e = f.span
            if full[s:e] != f.secret:
                s = full.find(f.secret)
                if s < 0 or not f.secret:
                    self.manual.append(Manual(f, "the literal no longer holds the reported value: check it by hand"))
                    continue
                e = s + len(f.secret)
            if full[:s].strip() == "" and full[e:].strip() == "" and (s, e) != (0, len(full)):
                # ``"""\n-----BEGIN…-----\n"""``: the surrounding whitespace moves too, so the literal goes whole.
                s, e = 0, len(full)
                f = dataclasses.replace(f, secret=full, span=(s, e))
            spans.append((s, e, f))
        spans = _merge_spans(spans, full)
        if not spans:
            return updated
        self._bytes_mode = lits[0].is_bytes
        try:
            quote = self._quote()
        except _Skip as why:
            self.manual.extend(Manual(f, str(why)) for _, _, f in spans)
            return updated
        env_items: list[tuple[int, int, cst.BaseExpression]] = []
        for s, e, f in spans:
            try:
                name, value, encoding = self._name(f, full)
            except _Skip as why:
                self.manual.append(Manual(f, str(why)))
                continue
            raw = _raw_spelling(lits, bounds, s, e)
            self.moves.append(Move(f, name, value, needles_for(value, raw)))
            env_items.append((s, e, self._env_expr(name, encoding, quote)))
        self._bytes_mode = False
        if not env_items:
            return updated
        if len(env_items) == 1 and env_items[0][:2] == (0, len(full)):
            expr = env_items[0][2]
            return expr.with_changes(lpar=updated.lpar, rpar=updated.rpar) if updated.lpar else expr
        items = []  # (kind, node, whitespace before or None)
        for i, (lit, (a, b)) in enumerate(zip(lits, bounds)):
            events: list[tuple[str, cst.BaseExpression]] = []
            starts = literals.offsets(lit.body, raw=lit.is_raw, is_bytes=lit.is_bytes)
            pos = a
            inside = False
            for s, e, expr in env_items:
                if e <= a or s >= b:
                    continue
                inside = True
                if s > pos:
                    events.append(("lit", cst.SimpleString(literals.piece(lit, pos - a, s - a, starts))))
                if s >= a:
                    events.append(("env", expr))  # the env expression goes where its span starts
                pos = max(pos, e)
            if pos < b:
                events.append(("lit", cst.SimpleString(literals.piece(lit, pos - a, b - a, starts))
                               if inside else pieces[i]))
            elif a == b and not any(s <= a < e for s, e, _ in env_items):
                events.append(("lit", pieces[i]))  # an empty piece outside every span stays
            ws = spaces[i - 1] if i else None
            for k, (kind, node) in enumerate(events):
                items.append((kind, node, ws if k == 0 else None))
        return self._join(original, updated, items)

    def _rewrite_fstring(self, original, updated, pieces, spaces, findings):
        """Nodes with f-string pieces: each secret must lie inside one text part or one plain piece."""
        units: list[tuple[int, int | None, str, literals.Literal]] = []  # (piece, part index or None, value, lit)
        for i, p in enumerate(pieces):
            if isinstance(p, cst.SimpleString):
                lit = literals.Literal.parse(p.value)
                units.append((i, None, literals.as_text(literals.evaluate(lit)), lit))
            else:
                fs = cst.ensure_type(p, cst.FormattedString)
                for j, part in enumerate(fs.parts):
                    if isinstance(part, cst.FormattedStringText):
                        lit = _fstring_literal(fs, part.value)
                        try:
                            units.append((i, j, literals.as_text(literals.evaluate(lit)), lit))
                        except (SyntaxError, ValueError):
                            pass
        edits: dict[tuple[int, int | None], list[tuple[int, int, Finding]]] = {}
        for f in findings:
            hits = [(k, u[2].find(f.secret)) for k, u in enumerate(units) if f.secret and f.secret in u[2]]
            if not hits:
                self.manual.append(Manual(f, "spans several parts of an f-string: move it by hand"))
                continue
            k, s = hits[0]
            for kk, ss in hits:  # prefer the unit where the detector's span fits
                if units[kk][2][f.span[0]:f.span[1]] == f.secret:
                    k, s = kk, f.span[0]
                    break
            edits.setdefault(units[k][:2], []).append((s, s + len(f.secret), f))
        if not edits:
            return updated
        new_pieces: dict[int, list[tuple[str, cst.CSTNode]]] = {}
        for i, p in enumerate(pieces):
            if isinstance(p, cst.SimpleString):
                unit_edits = _merge_spans(edits.get((i, None), []), None)
                if not unit_edits:
                    continue
                lit = literals.Literal.parse(p.value)
                value = literals.as_text(literals.evaluate(lit))
                self._bytes_mode = lit.is_bytes
                out: list[tuple[str, cst.CSTNode]] = []
                pos = 0
                starts = literals.offsets(lit.body, raw=lit.is_raw, is_bytes=lit.is_bytes)
                for s, e, f in unit_edits:
                    try:
                        quote = self._quote()
                        name, env_value, encoding = self._name(f, value)
                    except _Skip as why:
                        self.manual.append(Manual(f, str(why)))
                        continue
                    if s > pos:
                        out.append(("lit", cst.SimpleString(literals.piece(lit, pos, s, starts))))
                    raw = lit.body[starts[s]:starts[e]] if starts else ""
                    self.moves.append(Move(f, name, env_value, needles_for(env_value, raw)))
                    out.append(("env", self._env_expr(name, encoding, quote)))
                    pos = e
                self._bytes_mode = False
                if pos < len(value):
                    out.append(("lit", cst.SimpleString(literals.piece(lit, pos, len(value), starts))))
                if any(kind == "env" for kind, _ in out):
                    new_pieces[i] = out
            else:
                fs = cst.ensure_type(p, cst.FormattedString)
                own_quote = fs.start[len(fs.prefix):][0]
                parts: list[cst.BaseFormattedStringContent] = []
                changed = False
                for j, part in enumerate(fs.parts):
                    unit_edits = _merge_spans(edits.get((i, j), []), None)
                    if not unit_edits:
                        parts.append(part)
                        continue
                    text = cst.ensure_type(part, cst.FormattedStringText)
                    lit = _fstring_literal(fs, text.value)
                    starts = literals.offsets(lit.body, raw=lit.is_raw, is_bytes=False, fstring=True)
                    value = literals.as_text(literals.evaluate(lit))
                    pos = 0
                    for s, e, f in unit_edits:
                        try:
                            if starts is None:
                                raise _Skip("an f-string part that cannot be cut safely: move it by hand")
                            quote = self._quote(own_quote)
                            name, env_value, encoding = self._name(f, value)
                        except _Skip as why:
                            self.manual.append(Manual(f, str(why)))
                            continue
                        if s > pos:
                            parts.append(cst.FormattedStringText(lit.body[starts[pos]:starts[s]]))
                        raw = lit.body[starts[s]:starts[e]]
                        self.moves.append(Move(f, name, env_value, needles_for(env_value, raw)))
                        parts.append(cst.FormattedStringExpression(expression=self._env_expr(name, encoding, quote)))
                        pos = e
                        changed = True
                    if starts is not None and pos < len(value):
                        parts.append(cst.FormattedStringText(lit.body[starts[pos]:]))
                    elif starts is None:
                        parts.append(part)
                if changed:
                    new_pieces[i] = [("lit", fs.with_changes(parts=parts))]
        if not new_pieces:
            return updated
        items = []
        for i, p in enumerate(pieces):
            ws = spaces[i - 1] if i else None
            for k, (kind, node) in enumerate(new_pieces.get(i, [("lit", p)])):
                items.append((kind, node, ws if k == 0 else None))
        return self._join(original, updated, items)

    def _join(self, original, updated, items) -> cst.BaseExpression:
        """Consecutive literals as implicit concatenations, joined to the env expressions by ``+``."""
        groups: list[tuple[cst.BaseExpression, object]] = []
        run: list[tuple[cst.BaseExpression, object]] = []

        def flush() -> None:
            if not run:
                return
            expr = run[-1][0]
            for (node, _), (_, ws_next) in zip(reversed(run[:-1]), reversed(run[1:])):
                expr = cst.ConcatenatedString(
                    left=node, right=expr,
                    whitespace_between=ws_next if ws_next is not None else cst.SimpleWhitespace(" "),
                )
            groups.append((expr, run[0][1]))
            run.clear()

        for kind, node, ws in items:
            if kind == "lit":
                run.append((node, ws))
            else:
                flush()
                groups.append((node, ws))
        flush()
        expr = groups[0][0]
        for node, ws in groups[1:]:
            expr = cst.BinaryOperation(
                left=expr,
                operator=cst.Add(
                    whitespace_before=ws if ws is not None else cst.SimpleWhitespace(" "),
                    whitespace_after=cst.SimpleWhitespace(" "),
                ),
                right=node,
            )
        if len(groups) == 1 and not isinstance(expr, cst.BinaryOperation):
            return expr.with_changes(lpar=updated.lpar, rpar=updated.rpar) if hasattr(expr, "lpar") else expr
        if updated.lpar:
            return expr.with_changes(lpar=updated.lpar, rpar=updated.rpar)
        if isinstance(self._parents.get(original), _SAFE_PARENTS) and not self._needs_parens(original):
            return expr
        return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])

    def _needs_parens(self, original) -> bool:
        parent = self._parents.get(original)
        if isinstance(parent, cst.Arg) and parent.star:
            return True
        if isinstance(parent, cst.Index):
            return False
        return False


def _merge_spans(spans: list[tuple[int, int, Finding]], full: str | None) -> list[tuple[int, int, Finding]]:
    """Sorted, non-overlapping spans (overlapping findings merge; the first finding names the union)."""
    out: list[tuple[int, int, Finding]] = []
    for s, e, f in sorted(spans, key=lambda t: (t[0], -t[1])):
        if out and s < out[-1][1]:
            ps, pe, pf = out[-1]
            if e > pe:
                merged = dataclasses.replace(
                    pf, secret=(full[ps:e] if full is not None else pf.secret), span=(ps, e)
                )
                out[-1] = (ps, e, merged)
            continue
        out.append((s, e, f))
    return out


def _raw_spelling(lits: list[literals.Literal], bounds: list[tuple[int, int]], s: int, e: int) -> str:
    for lit, (a, b) in zip(lits, bounds):
        if a <= s and e <= b:
            starts = literals.offsets(lit.body, raw=lit.is_raw, is_bytes=lit.is_bytes)
            if starts:
                return lit.body[starts[s - a]:starts[e - a]]
    return ""


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


def _insert_import(tree: cst.Module, statement: str) -> cst.Module:
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


def fix_code(
    code: bytes | str,
    filename: str = "<string>",
    *,
    findings: Sequence[Finding] | None = None,
    name_for: NameFor,
    config=None,
) -> tuple[bytes, list[Move], list[Manual]]:
    """Transform one module's source; returns the new bytes (same encoding, BOM and line endings)."""
    from libcst.codemod import SkipFile

    module = cst.parse_module(code.encode("utf-8") if isinstance(code, str) else code)
    context = CodemodContext(filename=filename)
    command = MoveSecretsToEnv(context, findings=findings, name_for=name_for, config=config)
    try:
        new = command.transform_module(module)
    except SkipFile:
        new = module
    out = new.bytes
    if out != module.bytes:
        ast.parse(out, filename)  # never hand back a module that does not parse
    return out, command.moves, command.manual
