"""What every config format shares: a value and where it sits, interpolations, findings and the fallback.

A format module turns a file into :class:`ConfigValue` records (the key path,
the decoded value, the line and column where its literal starts). This module
classifies them with :func:`~flake8_nosecrets.classify.classify`, the same
decision as for a Python literal, the key path being the binding's name.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from typing import Iterable, Sequence

from .. import classify, suppress
from ..findings import FSTRING_HOLE, Binding, Finding, redact
from ..options import Options


class ParseFailure(Exception):
    """The file is not valid in its format; ``str()`` says where and why (no file content)."""


@dataclasses.dataclass(frozen=True)
class ConfigValue:
    """One value of a config file: ``key`` is the dotted key path ('' when nothing names it)."""

    key: str
    value: str
    line: int  # 1-based line where the value's literal starts (its quote, if quoted)
    col: int  # 0-based column in characters
    end_line: int = 0
    kind: str = "setting"  # the Binding kind: setting, env-write
    start: int = -1  # offsets of the literal in the text (for the fixer), when known
    end: int = -1
    documentation: bool = False  # under an ``example``/``examples`` key: judged by its value alone, as a docstring


# Interpolations that each format (or the tools reading it) resolves at run time: compose and shell
# ``${VAR}``/``${VAR:-default}``/``$VAR``, GitHub Actions ``${{ … }}``, Jinja/Ansible/Helm ``{{ … }}`` and
# ``{% … %}``, configparser ``%(name)s``, Symfony/dynaconf-style ``env(NAME)``/``%env(NAME)%``, ``%{NAME}``.
INTERPOLATION_RE = re.compile(
    r"\$\{\{.*?\}\}|\$\{[^}\n]*\}|\$[A-Z_][A-Z0-9_]*(?![a-z])|\{\{.*?\}\}|\{%.*?%\}|%\([^)\n]+\)[sdifr]"
    r"|%?\benv\([^)\n]*\)%?|%\{[^}\n]*\}"
)


def holes(value: str) -> str:
    """*value* with each interpolation replaced by the f-string hole: the part no file holds."""
    if "$" not in value and "{" not in value and "%" not in value and "env(" not in value:
        return value
    return INTERPOLATION_RE.sub(FSTRING_HOLE, value)


def is_reference(value: str) -> bool:
    """Nothing but interpolations (and spaces): ``${DB_PASSWORD}``, ``{{ vault_token }}``, ``%(pw)s``."""
    filled = holes(value)
    return filled != value and not filled.replace(FSTRING_HOLE, "").strip()


# OpenAPI, JSON Schema and SDK data files (botocore's examples-1.json) keep documentation under these keys.
DOCUMENTATION_KEYS = frozenset({"example", "examples"})


def is_documentation(path: Sequence[str]) -> bool:
    """A value under an ``example``/``examples`` key documents an API, as a docstring does in Python: only
    value evidence (provider formats, private keys, credentials in URLs) counts there, not the name."""
    return any(part.lower() in DOCUMENTATION_KEYS for part in path)


def shown_key(path: Sequence[str], limit: int = 40) -> str:
    """The dotted key path a message prints: its last parts, within *limit* characters (the head matters)."""
    parts = [p for p in path if p != ""]
    shown = parts[-1] if parts else ""
    for part in reversed(parts[:-1]):
        if len(shown) + len(part) + 1 > limit:
            break
        shown = f"{part}.{shown}"
    return shown


_CONTAINER_LEAVES = frozenset({"value", "values", "default", "val", "data", "current", "env"})


def leaf(key: str) -> str:
    """The name a value is judged by: its own key, as an attribute is judged by its own name in Python
    (``Credentials.Expiration`` is an expiration, ``database.password`` a password); with its parent when the key
    only says it holds something (``token.value``, ``password.default``)."""
    parent, _, last = key.rpartition(".")
    if parent and last.lower() in _CONTAINER_LEAVES:
        return parent.rpartition(".")[2] + "." + last
    return last


class LineIndex:
    """Offsets in a text to (1-based line, 0-based column), by bisection of the line starts."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        n = bisect.bisect_right(self.starts, offset) - 1
        return n + 1, offset - self.starts[n]


def value_findings(values: Iterable[ConfigValue], lines: Sequence[str], options: Options) -> list[Finding]:
    """Findings for *values*: named values through the whole classifier, interpolated ones by their value alone
    (as a Python f-string is), sorted and with the inline markers applied."""
    found = {}
    for v in values:
        if not v.value.strip() or is_reference(v.value):
            continue
        value = holes(v.value)
        binding = Binding(v.kind, v.key) if v.key and value == v.value else Binding("string")
        if binding.kind == "string" and len(value) < classify.MIN_VALUE_LENGTH:
            continue
        named = Binding("string") if v.documentation else dataclasses.replace(binding, name=leaf(binding.name))
        for m in classify.classify(value, named, options):
            secret = value[m.start:m.end]
            shown, where = redact(secret, m.prefix), binding.describe()
            found[(v.line, v.col, m.code, m.start)] = Finding(
                code=m.code, line=v.line, col=v.col, message=f"{m.what} {shown} {where}", what=m.what,
                rule=_slug(m.code), provider=m.provider, binding=binding, secret=secret, span=(m.start, m.end),
                node_line=v.line, node_col=v.col, end_line=v.end_line or v.line, shown=shown, where=where,
            )
    return unsuppressed(found.values(), lines)


def line_scan(lines: Sequence[str], options: Options, where: str = "in a file that could not be parsed",
              only: Iterable[int] | None = None) -> list[Finding]:
    """Value-format matches (provider keys, private keys, URL credentials…) line by line: text no parser read.

    *only* limits the scan to those 1-based line numbers.
    """
    found = []
    numbers = sorted(set(only)) if only is not None else range(1, len(lines) + 1)
    for n in numbers:
        if not 0 < n <= len(lines):
            continue
        text = lines[n - 1].rstrip("\n")
        for m in classify.value_matches(text, options):
            secret = text[m.start:m.end]
            shown = redact(secret, m.prefix)
            found.append(Finding(
                code=m.code, line=n, col=m.start, message=f"{m.what} {shown} {where}", what=m.what,
                rule=_slug(m.code), provider=m.provider, binding=Binding("string"), secret=secret,
                span=(m.start, m.end), node_line=n, node_col=m.start, end_line=n, shown=shown, where=where,
            ))
    return unsuppressed(found, lines)


def _slug(code: str) -> str:
    from ..rules import BY_CODE

    return BY_CODE[code].slug if code in BY_CODE else code


def unsuppressed(found: Iterable[Finding], lines: Sequence[str]) -> list[Finding]:
    return sorted(
        (f for f in found if not suppress.is_suppressed(lines, f.line, max(f.line, f.end_line))),
        key=lambda f: (f.line, f.col, f.code),
    )
