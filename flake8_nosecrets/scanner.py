"""The single detection truth: source -> candidates -> classify -> suppress -> :class:`Finding` list.

Front-ends (the flake8 plugin, pylint, the fixer, the standalone scan) call
:func:`scan_source` and only adapt its findings.
"""

from __future__ import annotations

import ast
import bisect
import dataclasses
import io
import itertools
import re
import tokenize
from typing import Iterable, Iterator, Sequence

from . import classify, names, rules, suppress, uses
from .contexts import Candidate, comment_candidates, literal_candidates
from .findings import Binding, Finding, redact
from .names import Strength
from .options import DEFAULT, Options


def _char_col(line_text: str, byte_col: int) -> int:
    """AST columns count UTF-8 bytes; users (and flake8's other checks) count characters."""
    if line_text.isascii():
        return byte_col
    return len(line_text.encode("utf-8")[:byte_col].decode("utf-8", "replace"))


def _line(lines: Sequence[str], n: int) -> str:
    return lines[n - 1] if 0 < n <= len(lines) else ""


def _segment(lines: Sequence[str], cand: Candidate) -> str:
    """Source text from the literal's start to the end of its last line."""
    first = _line(lines, cand.line).encode("utf-8")[cand.col:].decode("utf-8", "replace")
    return first + "".join(lines[cand.line:cand.end_line])


def locate_piece(lines: Sequence[str], cand: Candidate, offset: int) -> tuple[int, int]:
    """(line, char col) of the piece of an implicit concatenation that holds value offset *offset*.

    ``"abc" "def"`` is one AST constant; the finding belongs where the piece with
    the secret starts. Plain literals (the common case) return their own start.
    """
    col = _char_col(_line(lines, cand.line), cand.col)
    if cand.is_comment or cand.concatenated:
        return cand.line, (cand.col if cand.is_comment else col)
    text = _segment(lines, cand)
    if text.count('"') + text.count("'") <= 2 and cand.end_line == cand.line:
        return cand.line, col
    pieces = []
    try:
        toks = tokenize.generate_tokens(io.StringIO("(" + text).readline)
        next(toks)  # the "(" added so that a concatenation split over lines tokenizes alone
        for tok in toks:
            if tok.type == tokenize.STRING:
                pieces.append(tok)
            elif tok.type not in (tokenize.NL, tokenize.COMMENT):
                break
    except (tokenize.TokenError, SyntaxError):
        pass  # the segment ends inside the open "(": the pieces read so far are all there is
    if len(pieces) < 2:
        return cand.line, col
    consumed = 0
    for tok in pieces:
        try:
            piece = ast.literal_eval(tok.string)
        except (ValueError, SyntaxError):
            return cand.line, col
        consumed += len(piece)
        if offset < consumed:
            row, tcol = tok.start
            return (cand.line, col + tcol - 1) if row == 1 else (cand.line + row - 1, tcol)
    return cand.line, col


def _shown_name(name: str) -> str | None:
    """The binding name as a message may print it: redacted when the name itself looks like a secret."""
    if len(name) < 12 or not (classify.value_matches(name, DEFAULT) or classify.looks_random(name, DEFAULT)):
        return None
    return redact(name)


def secret_line(lines: Sequence[str], cand: Candidate, start: int, line: int) -> int:
    """The source line holding value offset *start* of a literal that spans lines (else *line*).

    The line the value's own newlines give is the guess (exact for a triple-quoted string without
    escapes); the source line nearest to it that holds the secret's first characters is the answer.
    """
    if cand.is_comment or cand.end_line <= line:
        return line
    guess = min(cand.end_line, cand.line + cand.value.count("\n", 0, start))
    needle = cand.value[start:start + 24].split("\n", 1)[0]
    if len(needle) < 4:
        return max(guess, line)
    holding = [n for n in range(line, cand.end_line + 1) if needle in _line(lines, n)]
    return min(holding, key=lambda n: abs(n - guess)) if holding else max(guess, line)


def _findings_for(
    cand: Candidate, matches: Iterable[classify.Match], lines: Sequence[str], where: str = ""
) -> Iterator[Finding]:
    """*where* replaces the binding's own description in the message (a copy, a commented-out line)."""
    for m in matches:
        line, col = locate_piece(lines, cand, m.start)
        secret = cand.value[m.start:m.end]
        where = where or cand.binding.describe(_shown_name(cand.binding.name))
        shown = redact(secret, m.prefix)
        message = f"{m.what} {shown} {where}"
        inner = secret_line(lines, cand, m.start, line)
        if inner != line:  # a long string is reported where it starts; the message leads to the secret
            message += f" at line {inner}"
        node_col = cand.col if cand.is_comment else _char_col(_line(lines, cand.line), cand.col)
        yield Finding(
            code=m.code,
            line=line,
            col=col,
            message=message,
            rule=rules.BY_CODE[m.code].slug,
            provider=m.provider,
            binding=cand.binding,
            secret=secret,
            span=(m.start, m.end),
            node_line=cand.line,
            node_col=node_col,
            end_line=cand.end_line,
            is_bytes=cand.is_bytes,
            shown=shown,
            where=where,
            what=m.what,
            in_comment=cand.is_comment,
        )


def _hash_lines(lines: Sequence[str], text: str) -> Iterator[tuple[int, int]]:
    """(1-based line number, column of its first ``#``) for each of *lines* that holds one; *text* is the
    lines joined. Found by ``str.find`` over the text and bisection, not by a Python step per line."""
    at = text.find("#")
    if at < 0:
        return
    ends = list(itertools.accumulate(map(len, lines)))
    while at >= 0:
        n = bisect.bisect_right(ends, at)  # the 0-based index of the line holding offset *at*
        if n >= len(ends):
            return
        start = ends[n - 1] if n else 0
        yield n + 1, at - start
        at = text.find("#", ends[n])


def _comment_tokens(lines: Sequence[str], text: str, literals: list[Candidate]) -> Iterator[tokenize.TokenInfo]:
    """Comment tokens of the lines that could hold value evidence, without tokenizing the whole file.

    Only a line with a ``#`` and a value keyword can matter. Such a line is
    tokenized alone (a comment ends its line, so nothing before it can change
    that), unless it lies inside a multi-line string literal, where a ``#`` is text.
    """
    search = classify.has_value_keyword  # from the line's first "#": a comment starts there or later
    wanted = [n for n, at in _hash_lines(lines, text) if search(lines[n - 1], at) or _may_be_code(lines[n - 1], at)]
    if not wanted:
        return
    inside: set[int] = set()
    for lit in literals:
        if lit.end_line > lit.line:
            inside.update(range(lit.line + 1, lit.end_line + 1))
    for n in wanted:
        if n in inside:
            continue
        try:
            for tok in tokenize.generate_tokens(io.StringIO(lines[n - 1]).readline):
                if tok.type == tokenize.COMMENT:
                    yield tok._replace(start=(n, tok.start[1]), end=(n, tok.end[1]))
        except (tokenize.TokenError, SyntaxError):
            continue


_UNBOUND = frozenset({"string", "docstring"})
_CODE_MARK_RE = re.compile(r"[=(:]")


def _may_be_code(line: str, at: int) -> bool:
    """A comment line that could be a commented-out assignment or call with a literal (``# SECRET_KEY = 'dev'``):
    a quote after its first ``=``, ``(`` or ``:``. (Two searches, not one pattern ``[=(:].*['"]``, which
    rescans the rest of the line from every ``=`` of a line without quotes; most comments hold no quote at all,
    which two plain finds tell first.)"""
    if line.find("'", at) < 0 and line.find('"', at) < 0:
        return False
    mark = _CODE_MARK_RE.search(line, at)
    return mark is not None and (line.find("'", mark.end()) >= 0 or line.find('"', mark.end()) >= 0)


def commented_code(cand: Candidate, module: uses.Module) -> Iterator[Candidate]:
    """The literals of a comment that parses as one assignment or call (``# SECRET_KEY = 'dev'``,
    ``# server.login("ops", "…")``), bound as that code would bind them, placed where the comment starts
    (as every finding in a comment).

    Judged like the code it was: at module level (a comment in the first column) of a settings
    module it is a setting. Prose, lists and fragments do not parse as one such statement."""
    body = cand.value.lstrip("#")
    code = body.strip()
    if "=" not in code and "(" not in code:
        return
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return
    if len(tree.body) != 1 or not isinstance(st := tree.body[0], (ast.Assign, ast.AnnAssign, ast.Expr)):
        return
    if isinstance(st, ast.Expr) and not isinstance(st.value, ast.Call):
        return
    top = {id(st)} if cand.col == 0 and not isinstance(st, ast.Expr) else set()
    local = dataclasses.replace(module, setting_statements=top if module.settings_module else set(),
                                signing_statements=top if module.signing_statements else set())
    for lit in literal_candidates(tree, None, local):
        if lit.binding.kind == "string" or lit.line != 1:
            continue  # an unbound literal of a comment was scanned with the comment's own text
        yield lit._replace(line=cand.line, col=cand.col, end_line=cand.line, is_comment=True)


_UNPROPAGATED = frozenset({"docstring", "comment"})
_SHORTEST_COPY = 6  # a shorter value is not looked for elsewhere in the module (see _copies)
# ``password``, ``aws_secret_access_key``, ``db.password`` (the look-behind keeps a search to one scan of a run)
_IDENTIFIER_RE = re.compile(r"(?<![A-Za-z_.:\-])[A-Za-z][A-Za-z_.:\-]*\Z")


def _copies(
    found: list[Finding], literals: list[Candidate], options: Options, lines: Sequence[str]
) -> Iterator[Finding]:
    """Once a literal is a finding, every other literal of the module with the same value is one too (the key
    passed again, compared against, repeated), reported at each with "same value as line N".

    Not values made of letters and identifier punctuation alone (``"password"``, ``"admin"``,
    ``"aws_secret_access_key"``: also dict keys, roles, field names) or shorter than 6 characters, and not a
    literal whose own name says it is something else (``role="…"``)."""
    origin: dict[str, Finding] = {}
    for f in sorted(found, key=lambda f: (f.line, f.col)):  # "same value as" the first of them
        if len(f.secret) >= _SHORTEST_COPY and not _IDENTIFIER_RE.match(f.secret):
            origin.setdefault(f.secret, f)
    if not origin:
        return
    at = {(f.node_line, f.node_col) for f in found} | {(f.line, f.col) for f in found}
    for cand in literals:
        stripped = cand.value.strip()
        first = origin.get(stripped)
        if first is None or cand.binding.kind in _UNPROPAGATED:
            continue
        if (cand.line, _char_col(_line(lines, cand.line), cand.col)) in at:
            continue
        b = cand.binding
        strength = names.strength(b.name, options.extra_names, options.ignore_names) if b.name else None
        if strength is Strength.NONE and b.kind != "string":  # ``role="…"``, an ignored name: something else
            continue
        start = cand.value.find(stripped)
        m = classify.Match(first.code, first.what, first.provider, start, start + len(stripped))
        yield from _findings_for(cand, [m], lines, where=f"same value as line {first.line}")


def scan_unparsed(lines: Sequence[str], options: Options = DEFAULT) -> list[Finding]:
    """Findings in a module that does not parse (Python 2, newer syntax): its string tokens with the names the
    tokens before them give (:mod:`tokenscan`), and value rules line by line where the tokenizer gave up."""
    from .tokenscan import remaining, token_candidates

    found: list[Finding] = []
    cands, reached = token_candidates(lines)
    for cand in cands:
        if cand.binding.kind in ("string", "comment") and len(cand.value) < classify.MIN_VALUE_LENGTH:
            continue
        matches = classify.classify(cand.value, cand.binding, options)
        if matches:
            found.extend(_findings_for(cand, matches, lines))
    for n, line in remaining(lines, reached):
        text = line.rstrip("\n")
        for m in classify.value_matches(text, options):
            secret = text[m.start:m.end]
            shown, where = redact(secret, m.prefix), "in a file that could not be parsed"
            found.append(Finding(
                code=m.code, line=n, col=m.start, message=f"{m.what} {shown} {where}", what=m.what,
                rule=rules.BY_CODE[m.code].slug, provider=m.provider, binding=Binding("string"), secret=secret,
                span=(m.start, m.end), node_line=n, node_col=m.start, end_line=n, shown=shown, where=where,
            ))
    return sorted(
        (f for f in found if not suppress.is_suppressed(lines, f.line, max(f.line, f.end_line))),
        key=lambda f: (f.line, f.col, f.code),
    )


def scan_source(
    source: str | None = None,
    *,
    filename: str = "<string>",
    options: Options = DEFAULT,
    tree: ast.AST | None = None,
    lines: Sequence[str] | None = None,
    tokens: Iterable[tokenize.TokenInfo] | None = None,
    markers: bool = True,
) -> list[Finding]:
    """All findings in one module, sorted by position. Raises ``SyntaxError`` only if it must parse itself.

    *tokens*, when given, are the module's tokens (their comments are scanned);
    otherwise only the comment lines that could matter are tokenized. *markers* false keeps
    the findings the inline markers (``# pragma: allowlist secret``…) would hide: what must
    still be redacted wherever source lines are shown.
    """
    if lines is None:
        lines = (source or "").splitlines(keepends=True)
    if tree is None:
        tree = ast.parse(source if source is not None else "".join(lines), filename)
    text = source if source is not None else "".join(lines)
    found: list[Finding] = []
    module = uses.Module.read(tree, filename)
    # Shorter unbound literals: no value rule can match one, and none is long enough to be a copy.
    literals = list(literal_candidates(tree, text, module, shortest=min(_SHORTEST_COPY, classify.MIN_VALUE_LENGTH)))
    for cand in literals:
        if cand.binding.kind in _UNBOUND and len(cand.value) < classify.MIN_VALUE_LENGTH:
            continue  # no value evidence fits in so few characters, and nothing names it
        matches = classify.classify(cand.value, cand.binding, options)
        if matches:
            found.extend(_findings_for(cand, matches, lines))
    comment_tokens = tokens if tokens is not None else _comment_tokens(lines, text, literals)
    for cand in comment_candidates(comment_tokens):
        if classify.has_value_keyword(cand.value) or len(cand.value) >= classify.MIN_VALUE_LENGTH:
            matches = classify.value_matches(cand.value, options)
            if matches:
                found.extend(_findings_for(cand, matches, lines))
                continue
        for lit in () if module.test_code else commented_code(cand, module):
            matches = classify.classify(lit.value, lit.binding, options)
            if matches:
                where = lit.binding.describe(_shown_name(lit.binding.name)) + " (commented out)"
                found.extend(_findings_for(lit, matches, lines, where=where))
    if not module.test_code:  # in test code a value needs a name written beside it
        found.extend(_copies(found, literals, options, lines))
    if options.inference:
        from . import prepass

        reach = prepass.prepass(text, tree, filename)
        inferred: Iterable[Finding] = prepass.literal_findings(reach, lines)
        if reach.enter:
            from . import infer  # astroid is imported only when a literal may reach a sink through a name

            inferred = infer.infer_findings(text, filename, reach.settings)
        taken = {(f.line, f.col) for f in found}  # a name-based finding at the literal wins over NSC401
        found.extend(f for f in inferred if (f.line, f.col) not in taken)
    unique = {(f.line, f.col, f.code, f.span): f for f in found}
    return sorted(
        (f for f in unique.values()
         if not (markers and suppress.is_suppressed(lines, f.line, max(f.line, f.end_line)))),
        key=lambda f: (f.line, f.col, f.code),
    )
