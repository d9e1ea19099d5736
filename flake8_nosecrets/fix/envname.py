"""Environment variable names for moved secrets: from where the secret sits, unique within a run.

:func:`wanted_name` derives the name a finding asks for:

* the variable, attribute, dict key or env var it is bound to
  (``self.stripe_key`` -> ``STRIPE_KEY``, ``os.getenv("API_TOKEN", "…")`` -> ``API_TOKEN``);
* a keyword or parameter default qualified by the callee when the keyword alone
  says little (``Github(token=…)`` -> ``GITHUB_TOKEN``, ``psycopg2.connect(password=…)``
  -> ``DB_PASSWORD``);
* a password inside a URL: the URL's name or scheme plus ``_PASSWORD``
  (``DATABASE_URL`` -> ``DATABASE_PASSWORD``, ``"postgres://…"`` -> ``POSTGRES_PASSWORD``);
* a token in an ``Authorization`` header: ``API_TOKEN``;
* a provider format under a neutral name (``x``, a list element, a bare argument):
  the provider's own variable (``GITHUB_TOKEN``), else a name for the rule.

:class:`Namer` then makes the choice stable and unique: the same value always gets
the same name; an existing env file entry holding the value is reused; two
different values asking for one name get ``NAME`` and ``NAME_2``.
"""

from __future__ import annotations

import re
from typing import Mapping

from .. import names, providers
from ..findings import Finding

NAME_RE = re.compile(r"[A-Z_][A-Z0-9_]*\Z")
MAX_LEN = 64

# Callee words that say nothing about what the credential is for.
_GENERIC_CALLEE_WORDS = frozenset(
    {
        "init", "new", "client", "session", "connect", "connection", "create", "make", "build", "get", "post",
        "put", "patch", "delete", "request", "requests", "httpx", "urllib", "open", "login", "authenticate",
        "auth", "set", "from", "with", "self", "cls", "api", "main", "run", "setup", "configure", "config",
        "instance", "start", "call", "send", "async", "sync", "default", "engine", "pool", "sdk", "lib",
        "dict", "update", "kwargs", "args", "environ", "os", "settings", "options",
    }
)
# Modules/classes whose credential is a database's.
_DB_WORDS = frozenset(
    {
        "psycopg", "psycopg2", "pymysql", "mysqldb", "mysql", "asyncpg", "aiomysql", "aiopg", "cx", "oracle",
        "oracledb", "pyodbc", "pymssql", "sqlalchemy", "pg8000", "mariadb", "pymongo", "mongo", "motor",
        "mongoclient", "clickhouse", "snowflake", "connector", "databases", "peewee", "tortoise",
    }
)
# Heads a keyword/parameter name has when it alone says nothing about the service.
_GENERIC_HEADS = frozenset(
    {"password", "passwd", "pwd", "pass", "passphrase", "token", "secret", "key", "apikey", "credential",
     "credentials", "auth", "authtoken", "accesstoken", "api"}
)
_URL_TAILS = frozenset({"url", "uri", "dsn", "conn", "connection", "string", "str", "address", "addr", "endpoint"})
_RULE_FALLBACK = {
    "NSC201": "PRIVATE_KEY",
    "NSC202": "PASSWORD",
    "NSC203": "API_TOKEN",
    "NSC204": "JWT_TOKEN",
    "NSC205": "SECRET",
    "NSC206": "PASSWORD",
    "NSC207": "SECRET_KEY",
}


def sanitize(text: str) -> str:
    """Any text as a NAME matching ``[A-Z_][A-Z0-9_]*`` (words joined by ``_``), '' when nothing is left."""
    out = names.env_var_name(text) if text else ""
    out = re.sub(r"[^A-Z0-9_]+", "_", out.upper()).strip("_")
    out = re.sub(r"_+", "_", out)
    if out and out[0].isdigit():
        out = "SECRET_" + out
    return out[:MAX_LEN].rstrip("_")


def _words(text: str) -> list[str]:
    return [w for w in names.words(text) if w]


def _callee_words(callee: str) -> list[str]:
    """The meaningful part of a callee: ``stripe.Client`` -> ``["stripe"]``, ``psycopg2.connect`` -> ``["db"]``."""
    parts = [p for p in callee.split(".") if p]
    for part in reversed(parts):
        ws = _words(part)
        if not ws:
            continue
        if any(w in _DB_WORDS for w in ws):
            return ["db"]
        kept = list(ws)
        camel = "_" not in part and part[:1].isupper()  # a class: ``OpenAI``, ``GithubClient``
        while kept and not camel and (kept[0] in _GENERIC_CALLEE_WORDS or len(kept[0]) < 2):
            kept.pop(0)
        while kept and (kept[-1] in _GENERIC_CALLEE_WORDS or len(kept[-1]) < 2):
            kept.pop()
        if kept and "_" not in part:
            return ["".join(kept)]  # ``OpenAI`` -> OPENAI, ``GithubClient`` -> GITHUB: one brand, one word
        if kept:
            return kept
    if parts and parts[-1] in ("connect", "create_engine", "create_pool"):
        return ["db"]
    return []


def _qualified(name: str, callee: str) -> str:
    """``password`` + ``psycopg2.connect`` -> ``DB_PASSWORD``; an already specific name stays as it is."""
    ws = _words(name)
    if not ws:
        return ""
    if "".join(ws) not in _GENERIC_HEADS and not (len(ws) == 2 and ws[0] == "api"):
        return sanitize(name)
    qual = _callee_words(callee)
    if qual and ws[: len(qual)] != qual:
        return sanitize("_".join(qual + ws))
    return sanitize(name)


def _neutral(name: str) -> bool:
    return not name or names.strength(name) == names.Strength.NONE


def _url_name(binding_name: str, literal_value: str) -> str:
    ws = _words(binding_name)
    while ws and ws[-1] in _URL_TAILS:
        ws = ws[:-1]
    if ws and not (len(ws) == 1 and len(ws[0]) == 1):
        return sanitize("_".join(ws + ["password"]))
    m = re.match(r"\s*([A-Za-z][A-Za-z0-9+.\-]*)://", literal_value)
    if m:
        scheme = m.group(1).split("+")[0]  # postgresql+psycopg2 -> postgresql
        return sanitize(scheme + "_password")
    return "PASSWORD"


def wanted_name(finding: Finding, literal_value: str = "") -> str:
    """The NAME *finding* asks for (not yet made unique). *literal_value*: the whole literal's value."""
    b = finding.binding
    whole = finding.span == (0, len(literal_value)) or not literal_value
    provider = providers.BY_ID.get(finding.provider) if finding.provider else None
    if b.kind in ("env-fallback", "env-write") and b.name:
        candidate = b.name if NAME_RE.match(b.name) else sanitize(b.name)
        if candidate and whole:
            return candidate
    if finding.code == "NSC202" and not whole:
        return _url_name(b.name if b.kind not in ("string", "comment", "docstring") else "", literal_value)
    if finding.code == "NSC203" or (b.kind in ("dict-key", "header") and names.is_authorization(b.name) and not whole):
        return "API_TOKEN" if not provider else provider.env_name
    if b.kind in ("keyword", "argument", "default", "auth-tuple") and b.name and not _neutral(b.name):
        got = _qualified(b.name, b.callee)
        if got:
            return got
    if b.kind in ("keyword", "argument", "default") and b.name and _neutral(b.name) and provider is None:
        got = _qualified(b.name, b.callee)  # ``Github(login_or_token=…)``-like: still better than SECRET
        if got:
            return got
    if b.name and not _neutral(b.name) and b.kind not in ("string", "comment", "docstring"):
        got = sanitize(b.name)
        if got:
            return got
    if provider is not None:
        return provider.env_name
    if b.name and b.kind not in ("string", "comment", "docstring", "compare"):
        got = sanitize(b.name)
        if got and finding.code in ("NSC205", "NSC206", "NSC207", "NSC401"):
            return got
    return _RULE_FALLBACK.get(finding.code, "SECRET")


class Namer:
    """Hands out names: one per value, reusing env file entries, never giving one name two values."""

    def __init__(self, existing: Mapping[str, str | None] | None = None) -> None:
        self.existing: dict[str, str | None] = dict(existing or {})
        self.by_value: dict[str, str] = {}
        self.taken: dict[str, str | None] = dict(self.existing)
        self.new: dict[str, str] = {}  # names this run adds to the env file, in order

    def name_for(self, value: str, wanted: str) -> str:
        wanted = sanitize(wanted) or "SECRET"
        if value in self.by_value:
            return self.by_value[value]
        reuse = [k for k, v in self.existing.items() if v == value and NAME_RE.match(k)]
        if reuse:
            name = wanted if wanted in reuse else reuse[0]
        else:
            name, n = wanted, 1
            while name in self.taken:
                n += 1
                name = f"{wanted[: MAX_LEN - 1 - len(str(n))]}_{n}"
            self.taken[name] = value
            self.new[name] = value
        self.by_value[value] = name
        return name

    def is_new(self, name: str) -> bool:
        return name in self.new
