"""String literal source <-> value offsets, so a literal can be cut without re-spelling it.

The fixer replaces only the part of a literal that holds the secret. To keep
the rest exactly as written (quote style, escapes, raw prefix), it maps each
character of the literal's *value* back to the source characters that spell it
(``\\n`` is two source characters for one value character, a line
continuation is two source characters for none, ``{{`` in an f-string is two
for one) and cuts the source there. Every piece it builds is checked with
:func:`ast.literal_eval`; when a cut cannot be spelled from the original source
the piece is written afresh from its value instead (:func:`fresh_literal`).
"""

from __future__ import annotations

import ast
import dataclasses
import re

_SIMPLE_ESCAPES = frozenset("\\'\"abfnrtv")
_OCT = frozenset("01234567")
_HEX = frozenset("0123456789abcdefABCDEF")
_PREFIX_RE = re.compile(r"^([A-Za-z]*)('''|\"\"\"|'|\")", re.S)


@dataclasses.dataclass(frozen=True)
class Literal:
    """One string token split into prefix, quote and body."""

    prefix: str  # as written: "", "r", "Rb", "f", "rf", "u"...
    quote: str  # ' " ''' or """
    body: str  # the source between the quotes

    @classmethod
    def parse(cls, token: str) -> Literal:
        m = _PREFIX_RE.match(token)
        if not m or not token.endswith(m.group(2)) or len(token) < len(m.group(0)) + len(m.group(2)):
            raise ValueError("not a string token")
        prefix, quote = m.group(1), m.group(2)
        return cls(prefix, quote, token[len(prefix) + len(quote):len(token) - len(quote)])

    @property
    def is_raw(self) -> bool:
        return "r" in self.prefix.lower()

    @property
    def is_bytes(self) -> bool:
        return "b" in self.prefix.lower()

    @property
    def is_fstring(self) -> bool:
        return "f" in self.prefix.lower()

    def token(self, body: str) -> str:
        return f"{self.prefix}{self.quote}{body}{self.quote}"


def offsets(body: str, *, raw: bool, is_bytes: bool, fstring: bool = False) -> list[int] | None:
    """``starts`` with ``starts[k]`` = source index where value character *k* begins, plus ``len(body)``.

    A zero-width item (line continuation) belongs to the character after it.
    Newlines in the source (``\\r\\n``, ``\\r``) are one value character, as
    Python reads them. Returns None for text this function does not understand.
    """
    starts: list[int] = []
    i, n = 0, len(body)
    pending = None  # start of a zero-width run (line continuation) that belongs to the next char
    while i < n:
        start = i if pending is None else pending
        pending = None
        c = body[i]
        if c == "\r":
            i += 2 if body[i + 1:i + 2] == "\n" else 1
        elif fstring and c in "{}":
            if body[i + 1:i + 2] != c:
                return None  # a replacement field: not plain text
            i += 2
        elif c == "\\" and i + 1 < n:
            nxt = body[i + 1]
            if nxt in "\r\n":
                # \<newline>: in a raw string both characters are kept; otherwise nothing is.
                width = 3 if body[i + 1:i + 3] == "\r\n" else 2
                if raw:
                    starts.append(start)  # the backslash
                    starts.append(i + 1)  # the newline (\r\n counts once)
                    i += width
                    continue
                pending = start
                i += width
                continue
            if raw:
                starts.append(start)  # backslash kept, next char taken on its own (may be a quote)
                i += 1
                continue
            if nxt in _SIMPLE_ESCAPES:
                i += 2
            elif nxt in _OCT:
                j = i + 2
                while j < n and j < i + 4 and body[j] in _OCT:
                    j += 1
                i = j
            elif nxt == "x":
                if not all(ch in _HEX for ch in body[i + 2:i + 4]) or i + 4 > n:
                    return None
                i += 4
            elif nxt in "uU" and not is_bytes:
                width = 4 if nxt == "u" else 8
                if i + 2 + width > n or not all(ch in _HEX for ch in body[i + 2:i + 2 + width]):
                    return None
                i += 2 + width
            elif nxt == "N" and not is_bytes:
                close = body.find("}", i + 2)
                if body[i + 2:i + 3] != "{" or close < 0:
                    return None
                i = close + 1
            else:
                starts.append(start)  # unknown escape: the backslash stays a character
                i += 1
                continue
        else:
            i += 1
        starts.append(start)
    if pending is not None:
        return None
    starts.append(n)
    return starts


def evaluate(lit: Literal, body: str | None = None) -> str | bytes:
    """The value of *lit* (or of *lit* with another body). f-strings: the plain text of a text part."""
    body = lit.body if body is None else body
    prefix = lit.prefix
    if lit.is_fstring:
        prefix = prefix.replace("f", "").replace("F", "")
        body = body.replace("{{", "{").replace("}}", "}")
    return ast.literal_eval(f"{prefix}{lit.quote}{body}{lit.quote}")


def as_text(value: str | bytes) -> str:
    """Values compared as text the way the detector reports them: bytes as latin-1."""
    return value.decode("latin-1") if isinstance(value, bytes) else value


def cut(lit: Literal, start: int, end: int, starts: list[int] | None = None) -> str | None:
    """The source token for value characters ``[start, end)`` of *lit*, spelled as in the original.

    None when the cut cannot be spelled that way (checked by evaluating it).
    """
    if starts is None:
        starts = offsets(lit.body, raw=lit.is_raw, is_bytes=lit.is_bytes, fstring=lit.is_fstring)
    if starts is None or end >= len(starts) or start > end:
        return None
    body = lit.body[starts[start]:starts[end]]
    if lit.is_fstring:
        return body  # caller places it inside an f-string; checked there
    token = lit.token(body)
    try:
        if as_text(evaluate(lit, body)) != as_text(evaluate(lit))[start:end]:
            return None
    except (SyntaxError, ValueError):
        return None
    return token


def fresh_literal(value: str, *, is_bytes: bool, quote: str = '"') -> str:
    """A new literal token for *value* (bytes given as latin-1 text), preferring *quote*."""
    q = quote[0]
    if is_bytes:
        text = repr(value.encode("latin-1"))
        body = text[2:-1]
        if text[1] != q:
            body = body.replace("\\" + text[1], text[1]).replace(q, "\\" + q) if q in body or text[1] in body else body
        token = f"b{q}{body}{q}"
    else:
        text = repr(value)
        body = text[1:-1]
        if text[0] != q:
            body = body.replace("\\" + text[0], text[0]).replace(q, "\\" + q)
        token = f"{q}{body}{q}"
    try:
        ok = as_text(ast.literal_eval(token)) == value
    except (SyntaxError, ValueError):
        ok = False
    if not ok:  # the repr is always right; the quote preference is a nicety
        return repr(value.encode("latin-1")) if is_bytes else repr(value)
    return token


def piece(lit: Literal, start: int, end: int, starts: list[int] | None = None) -> str:
    """Value ``[start, end)`` of a plain (non-f) literal as a token: a cut if possible, else fresh."""
    token = cut(lit, start, end, starts)
    if token is not None:
        return token
    value = as_text(evaluate(lit))[start:end]
    return fresh_literal(value, is_bytes=lit.is_bytes, quote=lit.quote)
