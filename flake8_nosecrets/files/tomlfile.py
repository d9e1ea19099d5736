"""TOML (``pyproject.toml``'s ``[tool.poetry.source]`` and ``[[tool.uv.index]]``, ``config.toml``), with tomllib.

tomllib decides whether the file is valid and decodes every string; it gives
no positions, so a small reader walks the (valid) text for the key paths and
where each string literal starts: table headers, dotted and quoted keys,
arrays and inline tables, the four kinds of string.
"""

from __future__ import annotations

import re
import sys
from typing import Callable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from .base import ConfigValue, LineIndex, ParseFailure, is_documentation, shown_key

_SPACE_RE = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_INLINE_SPACE_RE = re.compile(r"[ \t]*")
_BARE_KEY_RE = re.compile(r"[A-Za-z0-9_-]+")
_STRING_RE = re.compile(
    r'"""(?:[^\\]|\\.)*?"""(?!"")"{0,2}|\'\'\'.*?\'\'\'(?!\'\')\'{0,2}|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'',
    re.DOTALL,
)
_SCALAR_RE = re.compile(r"[^\s,\]}#]+")


def values(text: str) -> list[ConfigValue]:
    """Every string value, keyed by its path. Raises :class:`ParseFailure`."""
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ParseFailure(f"not valid TOML: {exc}") from None
    return _Reader(text).read()


class _Reader:
    def __init__(self, text: str) -> None:
        self.text, self.pos, self.out = text, 0, []
        self.index = LineIndex(text)

    def read(self) -> list[ConfigValue]:
        table: tuple[str, ...] = ()
        while True:
            self.pos = _SPACE_RE.match(self.text, self.pos).end()
            if self.pos >= len(self.text):
                return self.out
            before = self.pos
            if self.text.startswith("[", self.pos):
                self.pos += 2 if self.text.startswith("[[", self.pos) else 1
                table = self.keys()
                self.pos = self.text.index("]", self.pos) + 1
                if self.text.startswith("]", self.pos):
                    self.pos += 1
            else:
                self.pair(table)
            self.advanced(before)

    def advanced(self, before: int) -> None:
        """A guard: valid TOML always moves the reader on; text it does not expect stops it."""
        if self.pos <= before:
            line, col = self.index(before)
            raise ParseFailure(f"TOML not understood at line {line}, col {col + 1}")

    def skip(self, inline: bool = False) -> None:
        self.pos = (_INLINE_SPACE_RE if inline else _SPACE_RE).match(self.text, self.pos).end()

    def keys(self) -> tuple[str, ...]:
        parts = []
        while True:
            self.skip(inline=True)
            m = _STRING_RE.match(self.text, self.pos) or _BARE_KEY_RE.match(self.text, self.pos)
            if m is None:
                break
            parts.append(tomllib.loads(f"k = {m.group(0)}")["k"] if m.group(0)[0] in "\"'" else m.group(0))
            self.pos = m.end()
            self.skip(inline=True)
            if not self.text.startswith(".", self.pos):
                break
            self.pos += 1
        return tuple(parts)

    def pair(self, table: tuple[str, ...]) -> None:
        key = self.keys()
        self.skip(inline=True)
        self.pos += 1  # the "=" (the file is valid TOML)
        self.skip(inline=True)
        self.value(table + key)

    def items(self, close: str, item: Callable[[], None]) -> None:
        """An array's values or an inline table's pairs, separated by commas, up to *close*."""
        self.pos += 1
        while True:
            self.skip()
            if self.text.startswith(close, self.pos):
                self.pos += 1
                return
            before = self.pos
            item()
            self.advanced(before)
            self.skip()
            if self.text.startswith(",", self.pos):
                self.pos += 1

    def value(self, path: tuple[str, ...]) -> None:
        c = self.text[self.pos:self.pos + 1]
        if c == "[":
            self.items("]", lambda: self.value(path + ("",)))
        elif c == "{":
            self.items("}", lambda: self.pair(path))
        elif c in ("'", '"'):
            m = _STRING_RE.match(self.text, self.pos)
            literal = m.group(0)
            string = tomllib.loads(f"v = {literal}")["v"] if "\\" in literal or literal[:3] in ('"""', "'''") \
                else literal[1:-1]
            line, col = self.index(m.start())
            end_line, _ = self.index(m.end())
            self.out.append(ConfigValue(shown_key(path), string, line, col, end_line, "setting", m.start(), m.end(),
                                        is_documentation(path)))
            self.pos = m.end()
        else:
            m = _SCALAR_RE.match(self.text, self.pos)
            self.pos = m.end() if m else self.pos + 1
