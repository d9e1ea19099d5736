"""JSON (``config.json``, ``appsettings.json``, service-account files), read with :mod:`json`.

:mod:`json` gives no positions, so the file is first validated with
``json.loads`` and then walked by a tokenizer that only has to tell strings,
the structural characters and other scalars apart; each string is decoded by
``json.loads`` itself. JSON has no comments: a value is accepted through the
baseline (``nosecrets-baseline``) or the ``nosecrets-allow`` option.
"""

from __future__ import annotations

import json
import re

from .base import ConfigValue, LineIndex, ParseFailure, is_documentation, shown_key

_TOKEN_RE = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


def values(text: str) -> list[ConfigValue]:
    """Every string value, keyed by its path (``{"name": X, "value": …}`` names the value X)."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        stripped = _without_comments(text)
        try:  # JSON with comments (VS Code settings, tsconfig.json): the same positions once they are blanked
            json.loads(stripped)
        except (json.JSONDecodeError, RecursionError):
            raise ParseFailure(f"not valid JSON (line {exc.lineno}, col {exc.colno}): {exc.msg}") from None
        text = stripped
    except RecursionError:
        raise ParseFailure("not valid JSON: nested too deeply") from None
    index = LineIndex(text)
    out: list[ConfigValue] = []
    stack: list[list] = []  # [container kind "{" or "[", key path, pending key, is-key-next, sibling values]
    path: tuple[str, ...] = ()
    for m in _TOKEN_RE.finditer(text):
        tok = m.group(0)
        top = stack[-1] if stack else None
        if tok in "{[":
            key = (top[2] if top[0] == "{" else "") if top else None
            path = (path + (key,)) if key is not None else path
            stack.append([tok, path, None, tok == "{", {}])
        elif tok in "}]":
            finished = stack.pop()
            out.extend(_named(finished[4]))
            path = stack[-1][1] if stack else ()
        elif tok == ":":
            top[3] = False
        elif tok == ",":
            if top[0] == "{":
                top[2], top[3] = None, True
        elif tok.startswith('"'):
            string = json.loads(tok) if "\\" in tok else tok[1:-1]
            if top is not None and top[0] == "{" and top[3]:
                top[2] = string
                continue
            line, col = index(m.start())
            key = top[2] if top is not None and top[0] == "{" else ""
            found = ConfigValue(shown_key(path + (key,)), string, line, col, line, "setting", m.start(), m.end(),
                                is_documentation(path))
            if top is not None and top[0] == "{" and key in ("name", "key", "value"):
                top[4][key] = found  # decided when the object closes: its name may come after its value
            else:
                out.append(found)
    return out


_STRING = r'"(?:[^"\\\n]|\\.)*"'
# An unclosed ``/*`` takes the rest of the text (the JSON then fails): one pass, however many there are.
_COMMENT_RE = re.compile(_STRING + r"|//[^\n]*|/\*.*?(?:\*/|\Z)", re.DOTALL)
_TRAILING_COMMA_RE = re.compile(_STRING + r"|,(?=\s*[}\]])")


def _blank(m: re.Match[str]) -> str:
    text = m.group(0)
    return text if text[0] == '"' else re.sub(r"[^\n]", " ", text)


def _without_comments(text: str) -> str:
    """JSONC: ``//`` and ``/* */`` comments, then trailing commas, blanked to spaces (newlines and strings kept)."""
    return _TRAILING_COMMA_RE.sub(_blank, _COMMENT_RE.sub(_blank, text))


def _named(siblings: dict[str, ConfigValue]) -> list[ConfigValue]:
    """An object's ``name``/``key`` and ``value`` strings: the value bound to the name when both are there."""
    value = siblings.get("value")
    name = siblings.get("name") or siblings.get("key")
    if value is None or name is None or " " in name.value or not 0 < len(name.value) <= 80:
        return list(siblings.values())
    parent = value.key.rpartition(".")[0]
    named = ConfigValue(shown_key((parent, name.value)), value.value, value.line, value.col, value.end_line,
                        "env-write", value.start, value.end, value.documentation)
    return [v for v in siblings.values() if v is not value] + [named]
