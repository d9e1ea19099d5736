"""INI files (``setup.cfg``, ``tox.ini``, ``alembic.ini``, ``pip.conf``/``pip.ini``, ``.pypirc``), with configparser.

configparser decides whether the file is valid (with the options setuptools
and pip use: no interpolation on reading, duplicate keys allowed); it keeps no
positions, so the lines are walked again with its rules: ``[section]``
headers, ``key = value`` or ``key: value``, indented continuation lines, full
line comments starting with ``#`` or ``;``. A `` #`` or `` ;`` after a value
starts a comment here (pip and most tools strip it; a marker such as
``# pragma: allowlist secret`` sits there). ``%(name)s`` is configparser's own
interpolation and never a literal.
"""

from __future__ import annotations

import configparser
import re

from .base import ConfigValue, ParseFailure, shown_key

_SECTION_RE = re.compile(r"\[(?P<name>[^\]]+)\]")
_OPTION_RE = re.compile(r"(?P<key>[^=:\s][^=:]*?)\s*[=:]\s*")
_INLINE_COMMENT_RE = re.compile(r"\s[#;]")


def values(text: str) -> list[ConfigValue]:
    """Every option's value, keyed ``section.option``. Raises :class:`ParseFailure`."""
    parser = configparser.RawConfigParser(strict=False, allow_no_value=True)
    try:
        parser.read_string(text)
    except configparser.Error as exc:
        reason = str(exc).splitlines()[0][:120]
        raise ParseFailure(f"not valid INI: {reason}") from None
    out: list[ConfigValue] = []
    section = ""
    current: list | None = None  # [key, [(line, col, text) of each part]]
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip()
        stripped = line.lstrip()
        if current is not None and stripped and line[0] in " \t" and stripped[0] not in "#;":
            current[1].append((n, len(line) - len(stripped), _uncommented(stripped)))
            continue
        if current is not None:
            out.extend(_values(section, current))
            current = None
        if not stripped or stripped[0] in "#;":
            continue
        m = _SECTION_RE.match(stripped)
        if m and line[0] not in " \t":
            section = m.group("name").strip()
            continue
        m = _OPTION_RE.match(line)
        if m:
            current = [m.group("key").strip(), [(n, m.end(), _uncommented(line[m.end():]))]]
    if current is not None:
        out.extend(_values(section, current))
    return out


def _uncommented(text: str) -> str:
    m = _INLINE_COMMENT_RE.search(text)
    return (text[:m.start()] if m else text).strip()


def _values(section: str, current: list) -> list[ConfigValue]:
    """One value per line: a continued option is a list to pip and setuptools (index URLs, one a line);
    a private key block is kept whole, since only the block as a whole is a key."""
    key, parts = current
    name = shown_key((section, key))
    out = [ConfigValue(name, text, n, col) for n, col, text in parts if text]
    if len(out) > 1 and "-----BEGIN" in out[0].value:
        return [ConfigValue(name, "\n".join(v.value for v in out), out[0].line, out[0].col, out[-1].line)]
    return out
