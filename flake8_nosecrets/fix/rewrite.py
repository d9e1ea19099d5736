"""Rewriting one string node: the secret spans of a literal, an implicit concatenation or an f-string
become env expressions, the rest keeps its spelling (same quotes, escapes, prefixes, comments between pieces).

:class:`LiteralRewriter` is the rewriting half of :class:`~flake8_nosecrets.fix.codemod.MoveSecretsToEnv`:
it needs the command's ``_name`` (name and env value of a finding), ``_quote`` (a quote character the
enclosing f-strings allow), ``_env_expr``, ``_parents`` and its ``moves``/``manual`` lists.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Mapping

import libcst as cst

from ..findings import Finding
from . import literals
from .moves import Manual, Move, needles_for

# Providers whose whole URL is the credential (anyone holding it can post): moved whole, not just the token.
WHOLE_URL_PROVIDERS = frozenset({"slack-webhook-url", "discord-webhook-url", "microsoft-teams-webhook",
                                 "zapier-webhook-url"})
# Parents under which ``a + b`` needs no parentheses.
_SAFE_PARENTS = (
    cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Arg, cst.Element, cst.DictElement, cst.Param, cst.Return,
    cst.FormattedStringExpression, cst.Index,
)


class Skip(Exception):
    """A finding that cannot be rewritten safely: the reason goes to the user."""


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


# A string an f-string node is made of, for placing the findings: (piece, text part index or None for a plain
# piece, value, literal); and the spans to move in one unit.
_Unit = tuple[int, "int | None", str, literals.Literal]
_Edits = list[tuple[int, int, Finding]]


def _fstring_units(pieces: list[cst.BaseExpression]) -> list[_Unit]:
    """The plain pieces and the f-strings' text parts of an implicit concatenation, with their values (a text
    part whose value cannot be read is left out: nothing in it is moved)."""
    units: list[_Unit] = []
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
    return units


class LiteralRewriter:
    """Mixin: ``_rewrite(original, updated, findings)`` returns the node with the findings' spans replaced."""

    _bytes_mode = False
    # Provided by the command this is mixed into (MoveSecretsToEnv); declared for the type checker only, so
    # that nothing here shadows the command's own definitions.
    moves: list[Move]
    manual: list[Manual]
    _parents: Mapping[cst.CSTNode, cst.CSTNode]

    if TYPE_CHECKING:
        def _quote(self, extra: str = "") -> str: ...

        def _name(self, f: Finding, literal_value: str) -> tuple[str, str, str]: ...

        def _env_expr(self, name: str, encoding: str, quote: str) -> cst.BaseExpression: ...

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
            whole_url = f.provider in WHOLE_URL_PROVIDERS and "://" in full and not any(c.isspace() for c in full)
            if (full[:s].strip() == "" and full[e:].strip() == "" or whole_url) and (s, e) != (0, len(full)):
                # ``"""\n-----BEGIN…-----\n"""``: the surrounding whitespace moves too, so the literal goes whole;
                # a webhook URL is the credential as a whole: its name promises the URL, so the URL moves.
                s, e = 0, len(full)
                f = dataclasses.replace(f, secret=full, span=(s, e))
            spans.append((s, e, f))
        spans = _merge_spans(spans, full)
        if not spans:
            return updated
        self._bytes_mode = lits[0].is_bytes
        try:
            quote = self._quote()
        except Skip as why:
            self.manual.extend(Manual(f, str(why)) for _, _, f in spans)
            return updated
        env_items: list[tuple[int, int, cst.BaseExpression]] = []
        for s, e, f in spans:
            try:
                name, value, encoding = self._name(f, full)
            except Skip as why:
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
        edits = self._place_in_units(_fstring_units(pieces), findings)
        if not edits:
            return updated
        new_pieces: dict[int, list[tuple[str, cst.CSTNode]]] = {}
        for i, p in enumerate(pieces):
            if isinstance(p, cst.SimpleString):
                out = self._rewrite_plain_piece(p, _merge_spans(edits.get((i, None), []), None))
                if out:
                    new_pieces[i] = out
            else:
                fs = self._rewrite_fstring_piece(cst.ensure_type(p, cst.FormattedString), i, edits)
                if fs is not None:
                    new_pieces[i] = [("lit", fs)]
        if not new_pieces:
            return updated
        items = []
        for i, p in enumerate(pieces):
            ws = spaces[i - 1] if i else None
            for k, (kind, node) in enumerate(new_pieces.get(i, [("lit", p)])):
                items.append((kind, node, ws if k == 0 else None))
        return self._join(original, updated, items)

    def _place_in_units(self, units: list[_Unit], findings: list[Finding]) -> dict[tuple[int, int | None], _Edits]:
        """Each finding's span in the one unit that holds its value (the unit where the detector's span fits
        first); a finding no unit holds whole goes to the manual list."""
        edits: dict[tuple[int, int | None], _Edits] = {}
        for f in findings:
            hits = [(k, u[2].find(f.secret)) for k, u in enumerate(units) if f.secret and f.secret in u[2]]
            if not hits:
                self.manual.append(Manual(f, "spans several parts of an f-string: move it by hand"))
                continue
            k, s = hits[0]
            for kk, _ in hits:  # prefer the unit where the detector's span fits
                if units[kk][2][f.span[0]:f.span[1]] == f.secret:
                    k, s = kk, f.span[0]
                    break
            edits.setdefault(units[k][:2], []).append((s, s + len(f.secret), f))
        return edits

    def _rewrite_plain_piece(self, p: cst.SimpleString, unit_edits: _Edits) -> list[tuple[str, cst.CSTNode]]:
        """A plain piece beside f-strings cut at its spans: literal pieces and env expressions, or ``[]``
        when no span could be moved."""
        if not unit_edits:
            return []
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
            except Skip as why:
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
        return out if any(kind == "env" for kind, _ in out) else []

    def _rewrite_fstring_piece(self, fs: cst.FormattedString, i: int,
                               edits: dict[tuple[int, int | None], _Edits]) -> cst.FormattedString | None:
        """The f-string piece *i* with the spans of its text parts made replacement fields holding the env
        expressions, or None when nothing in it moved."""
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
                        raise Skip("an f-string part that cannot be cut safely: move it by hand")
                    quote = self._quote(own_quote)
                    name, env_value, encoding = self._name(f, value)
                except Skip as why:
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
        return fs.with_changes(parts=parts) if changed else None

    def _join(self, original, updated, items) -> cst.BaseExpression:
        """Consecutive literals as implicit concatenations, joined to the env expressions by ``+``."""
        # (node, the whitespace before it or None); a run holds the literal pieces between env expressions
        groups: list[tuple[cst.BaseExpression, cst.BaseParenthesizableWhitespace | None]] = []
        run: list[tuple[cst.SimpleString | cst.FormattedString, cst.BaseParenthesizableWhitespace | None]] = []

        def flush() -> None:
            if not run:
                return
            expr: cst.SimpleString | cst.FormattedString | cst.ConcatenatedString = run[-1][0]
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
