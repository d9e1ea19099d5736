"""Dockerfiles: ``ENV`` and ``ARG`` values bound to their names, and credentials anywhere in other lines.

``ENV KEY=value``, ``ENV KEY value`` (the legacy form) and ``ARG KEY=default``
bind the value to ``KEY``; an image built from them carries the value in its
layers and history. Every other line (``RUN pip install --extra-index-url
https://user:TOKEN@…``, ``RUN curl -H "Authorization: Bearer …"``) is scanned
for key formats. ``$VAR`` and ``${VAR}`` are Docker's own substitutions.
"""

from __future__ import annotations

import re

from .base import ConfigValue

_INSTRUCTION_RE = re.compile(r"\s*(?P<word>[A-Za-z]+)\s+")
_PAIR_RE = re.compile(r"(?P<key>[A-Za-z_][\w.-]*)=(?P<value>\"(?:[^\"\\]|\\.)*\"|'[^']*'|(?:[^\s\\]|\\.)+)")
_LEGACY_RE = re.compile(r"(?P<key>[A-Za-z_][\w.-]*)\s+(?P<value>\S.*?)\s*\\?$")


def values(text: str) -> tuple[list[ConfigValue], list[int]]:
    """``ENV``/``ARG`` values, and the 1-based lines of all other instructions (scanned for key formats)."""
    out, other = [], []
    instruction = ""
    continued = False
    for n, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue  # a comment inside a continued instruction does not end it
        start = 0
        if not continued:
            m = _INSTRUCTION_RE.match(line)
            instruction = m.group("word").upper() if m else ""
            start = m.end() if m else 0
        continued = stripped.endswith("\\")
        if instruction not in ("ENV", "ARG"):
            other.append(n)
            continue
        pairs = list(_PAIR_RE.finditer(line, start))
        if not pairs and instruction == "ENV":
            legacy = _LEGACY_RE.match(line, start)
            if legacy:
                out.append(ConfigValue(legacy.group("key"), legacy.group("value"), n, legacy.start("value"),
                                       kind="env-write"))
            continue
        for p in pairs:
            value = p.group("value")
            if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) > 1:
                value = re.sub(r"\\(.)", r"\1", value[1:-1]) if value[0] == '"' else value[1:-1]
            out.append(ConfigValue(p.group("key"), value, n, p.start("value"), kind="env-write"))
    return out, other
