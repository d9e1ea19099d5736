"""Settings inside a larger string: ``name=value`` and ``name: value`` (connection strings, query strings,
JSON, YAML, INI text), XML elements and SQL statements that set a password.

The setting's name is judged like a variable name (:func:`names.strength`); its value must look like a
credential (:mod:`credential`), or, for a password written as data in a string of code, be any real value.
"""

from __future__ import annotations

import re
from typing import Iterator

from . import filters, names
from .credential import looks_like_credential, looks_random
from .findings import Match
from .names import Strength
from .options import Options

# ``"Server=db;Password=…;"``, ``"password: …"`` in YAML text, ``"?api_key=…&"``: a setting inside a string.
# Found from its = or :, the rarest part: the keyword, quote and spaces that end right before it, then
# the spaces and quote after it. Searching the keywords themselves at every position, case-insensitively,
# cost as much as all other value rules together.
_EMBED_SEP_RE = re.compile(r"[=:]\s{0,3}[\"']?")
_EMBED_BEFORE_RE = re.compile("(?i:" + "|".join(names.SETTING_HEADS) + r""")["']?\s{0,3}\Z""")
_EMBED_BEFORE_MAX = max(map(len, names.SETTING_HEADS)) + 4
_EMBED_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
_SEPARATOR_RE = re.compile(r"[ \n;&?,]")
_EMBED_VALUE_RE = re.compile(r"[^\s\"';,&<>()\[\]{}]{4,256}")
# ``<password>…</password>`` in XML text.
_XML_SETTING_RE = re.compile(r"<(?P<name>[A-Za-z_][\w.:\-]{0,40})>\s{0,3}(?P<v>[^<>\s]{4,256})\s{0,3}</(?P=name)>")
# A closing tag whose name could be a password's: the cheap test before the element pattern runs.
_XML_SECRET_CLOSE_RE = re.compile(r"</[\w.:\-]{0,30}(?i:" + "|".join(names.PASSWORD_STEMS) + r")[\w.:\-]{0,30}>")
# Words one of which every SQL statement that sets a password holds (the cheap test before the patterns run).
_SQL_GATE = ("ssword", "SSWORD", "dentified", "DENTIFIED")
# ``CREATE USER … PASSWORD '…'``, ``IDENTIFIED BY '…'``, ``SET PASSWORD … = '…'`` in SQL text.
_SQL_STATEMENT_RE = re.compile(
    r"(?i:\b(?:create|alter)\s+(?:user|role|login)\b|\bidentified\s+by\b|\bset\s+password\b)"
)
_SQL_PASSWORD_RE = re.compile(r"(?i:\bidentified\s+by|\bpassword)\s{1,3}(?:=\s{0,3})?'(?P<v>[^'\s]{4,256})'")
# What a setting's value can be in a type description rather than data (``password: string``).
_TYPE_WORDS = frozenset({"str", "string", "bytes", "text", "int", "integer", "bool", "boolean", "optional",
                         "required", "secret", "sensitive", "hidden", "varchar", "char"})


def setting_keywords(value: str) -> Iterator[tuple[int, int]]:
    """Spans of ``keyword ["'] = ["']`` in *value* (keyword start, end after the = or : and what follows it):
    what ``re.finditer`` of that pattern finds, found from each ``=`` or ``:`` backwards."""
    for sep in _EMBED_SEP_RE.finditer(value):
        at = sep.start()
        kw = _EMBED_BEFORE_RE.search(value, max(0, at - _EMBED_BEFORE_MAX), at)
        if kw is not None:
            yield kw.start(), sep.end()


def embedded_setting_matches(value: str, options: Options, data: bool = False) -> list[Match]:
    """``name=value`` / ``name: value`` settings inside a larger string (connection strings, YAML, INI, query strings).

    The setting's name is judged like a variable name (:func:`names.strength`) and its value must look
    like a credential whatever the name, since prose (``"password: the user's password"``) and type
    docs (``"token: str"``) share the shape. With *data* (a string in code, not a docstring or comment),
    a value written as data (:func:`_written_as_data`) under a password name counts whatever it reads like.
    """
    if len(value) < 10:
        return []
    out = markup_setting_matches(value, options, data)
    if ("=" not in value and ":" not in value) or not _SEPARATOR_RE.search(value):
        return out  # a setting needs its = or : and something around it; the keyword search is the dear part
    for kw_start, end in setting_keywords(value):
        start = kw_start
        while start > 0 and kw_start - start < 40 and value[start - 1] in _EMBED_NAME_CHARS:
            start -= 1
        if start and value[start - 1] in ":/":
            continue  # ``arn:aws:…:secret:…``, ``/api/token:…``: a path segment, not a setting
        name = value[start:end].rstrip(" \t=:\"'")
        v = _EMBED_VALUE_RE.match(value, end)
        if v is None:
            continue
        level = names.strength(name, options.extra_names, options.ignore_names)
        if level is Strength.NONE:
            continue
        as_data = data and level is Strength.PASSWORD and _written_as_data(value, start, end, v.end())
        found = _setting_match(name, level, v.group(0), v.start(), options, as_data)
        if found is not None:
            out.append(found)
    return out


def _setting_match(name: str, level: Strength, secret: str, start: int, options: Options, data: bool) -> Match | None:
    """A setting named *name* holding *secret*: a credential-looking value under any secret name, and under a
    password name any real value when the text is *data* (quoted JSON/SQL, a connection string, XML, YAML)."""
    if filters.why_not_secret(secret, name) or options.allowed(secret) or filters.is_option_choice(secret, name):
        return None  # (``update_password: on_create`` in an Ansible example: an option's setting)
    if level is Strength.PASSWORD and filters.is_digest_under_password_name(secret):
        return None
    if not (data and level is Strength.PASSWORD and secret.lower() not in _TYPE_WORDS) and not looks_like_credential(
        secret, options
    ):
        return None
    if level is Strength.KEY and (not looks_random(secret, options, 20, True) or filters.is_uuid(secret)):
        return None  # ``"key": "…"`` in JSON text: a bare key needs a random value, as everywhere
    code, what = ("NSC206", "hardcoded password") if level is Strength.PASSWORD else ("NSC205", "secret")
    return Match(code, f"{what} in a '{name[:40]}' setting", "", start, start + len(secret))


_SQL_WORDS_RE = re.compile(r"(?i:\b(?:select|insert|update|where|values)\b)")


def _written_as_data(text: str, name_start: int, start: int, end: int) -> bool:
    """Whether the setting value at ``text[start:end]`` (its name from *name_start*) is written as data, not
    prose or code in a document: a quoted name and value (JSON ``"password": "…"``), a quoted value in SQL
    (``WHERE password='…'``), ended by ``;`` or ``&`` or the text's end right after a bare ``=`` (``PWD=…;``,
    ``?user=app&password=…``), or alone on a line after ``name:`` (YAML)."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before in "\"'":
        if after != before:
            return False
        return (name_start > 0 and text[name_start - 1] in "\"'") or bool(_SQL_WORDS_RE.search(text))
    if before == "=":
        return after in ("", ";", "&") and ("&" in text or ";" in text)
    if before in (":", " ") and after in ("", "\n", "\r"):
        line_start = text.rfind("\n", 0, start) + 1
        return text[line_start:start].lstrip(" -").count(" ") <= 1  # ``password: …`` or ``db_password:  …``
    return False


def markup_setting_matches(value: str, options: Options, data: bool = False) -> list[Match]:
    """Passwords in XML (``<password>…</password>``) and SQL (``CREATE USER … PASSWORD '…'``,
    ``IDENTIFIED BY '…'``) held in a Python string: with *data*, any real value under a password name counts."""
    out = []
    if "</" in value and _XML_SECRET_CLOSE_RE.search(value):
        for m in _XML_SETTING_RE.finditer(value):
            # password elements only: a random value under another element name is as often a mock response
            level = names.strength(m.group("name"), options.extra_names, options.ignore_names)
            if level is Strength.PASSWORD:
                found = _setting_match(m.group("name"), level, m.group("v"), m.start("v"), options, data)
                if found is not None:
                    out.append(found)
    if "'" in value and any(w in value for w in _SQL_GATE) and _SQL_STATEMENT_RE.search(value):
        for m in _SQL_PASSWORD_RE.finditer(value):
            found = _setting_match("password", Strength.PASSWORD, m.group("v"), m.start("v"), options, data)
            if found is not None:
                out.append(found)
    return out
