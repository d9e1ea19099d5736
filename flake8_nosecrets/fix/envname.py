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

import dataclasses
import functools
import re
from pathlib import PurePath
from typing import Mapping, Sequence

from .. import names, providers
from ..findings import Finding

NAME_RE = re.compile(r"[A-Z_][A-Z0-9_]*\Z")
MAX_LEN = 64

# Callee words that say nothing about what the credential is for.
_GENERIC_CALLEE_WORDS = frozenset(
    {
        "init", "new", "client", "session", "connect", "connection", "create", "make", "build", "get", "post",
        "add", "register", "insert", "ensure", "seed", "provision",
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


# Words that join a callee's object to a condition or a second object (``…_if_not_exists``, ``…_to_group``).
_CONNECTIVES = frozenset({"if", "unless", "or", "and", "not", "to", "from", "for", "by", "with", "of", "in", "on",
                          "at", "into", "when", "exists"})


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
        if cut := next((i for i, w in enumerate(kept) if w in _CONNECTIVES), 0):
            kept = kept[:cut]  # ``create_user_if_not_exists``, ``add_user_to_group``: what comes first
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


@dataclasses.dataclass(frozen=True)
class Place:
    """Where a literal sits, beyond its binding: what a name may be qualified by."""

    owner: str = ""  # the enclosing class: ``GitHubClient``
    path: tuple[str, ...] = ()  # the assignment target and the dict keys down to the literal
    module: str = ""  # the file, as given to the run


# Module path words that say nothing about what a secret is for.
_GENERIC_MODULE_WORDS = frozenset(
    {"settings", "setting", "config", "configs", "conf", "base", "common", "main", "app", "apps", "init", "src",
     "lib", "core", "utils", "util", "local", "prod", "production", "dev", "development", "tests", "test",
     "py", "constants", "secrets", "default", "defaults", "module", "modules"}
)
# Names made only of these words say what a secret is, not what it is for: worth a qualifier when one exists.
_BARE_WORDS = _GENERIC_HEADS | {"api", "key", "access", "private", "client", "secret"}
_SETTING_RE = re.compile(r"([A-Za-z_][\w.\-]*)[ \t]*[=:][ \t]*['\"]?\Z")
_SECTION_RE = re.compile(r"^[ \t]*\[([^\]\n]+)\][ \t]*$", re.M)


def _is_bare(name: str) -> bool:
    ws = _words(name)
    return bool(ws) and all(w in _BARE_WORDS for w in ws)


def _module_words(module: str) -> list[str]:
    """``billing/stripe_settings.py`` -> ``["billing", "stripe"]``: the parts of a path that say something."""
    if not module:
        return []
    pure = PurePath(module)
    parts = [*pure.parent.parts[-1:], pure.stem]
    return [w for part in parts for w in _words(part)
            if w not in _GENERIC_MODULE_WORDS and len(w) > 1 and not w.isdigit() and w not in _CONNECTIVES]


def _embedded_setting(literal_value: str, start: int) -> str:
    """For a secret inside a config text (INI, .properties, YAML-ish), ``SECTION_KEY`` or ``KEY`` from the
    text before it: ``[database]\\npassword = …`` -> ``DATABASE_PASSWORD``."""
    if start <= 0:
        return ""
    before = literal_value[:start]
    line = before.rsplit("\n", 1)[-1]
    m = _SETTING_RE.search(line)
    if not m:
        return ""
    key = m.group(1)
    sections = _SECTION_RE.findall(before)
    return sanitize(f"{sections[-1]}_{key}" if sections else key)


def qualifiers(finding: Finding, place: Place) -> list[str]:
    """Words that say what a secret is for, most specific first: the provider, the class, the dict path,
    the module."""
    out: list[str] = []
    provider = providers.BY_ID.get(finding.provider) if finding.provider else None
    if provider is not None and provider.env_name:
        out.append(provider.env_name.split("_")[0])
    owner = _owner(place)
    if owner:
        out.append(owner)
    if finding.binding.kind == "dict-key" and _dict_path(place):
        out.append(_dict_path(place))
    mod = _module_words(place.module)
    if len(mod) > 2:  # ``03-Forms-and-Validation/flaskblog.py``: the module's own name first, then the path
        out.append(mod[-1])
    if mod:
        out.append("_".join(mod))
    return [sanitize(q) for q in out if sanitize(q)]


def _owner(place: Place) -> str:
    """The enclosing class as a qualifier (``GitHubClient`` -> ``GITHUB``), or '' when it is too long to
    say anything a team would type (``LoanedBookInstancesByUserListViewTest``) or is a test class."""
    if not place.owner or any(w in ("test", "tests") for w in _words(place.owner)):
        return ""
    joined = sanitize("_".join(_callee_words(place.owner)))
    if joined in _brands():
        return joined  # ``GitHubClient`` -> GITHUB, the provider's own spelling
    kept = [w for w in _words(place.owner) if w not in _GENERIC_CALLEE_WORDS and len(w) >= 2]
    owner = sanitize("_".join(kept))  # ``TokenService`` -> TOKEN_SERVICE; ``class C`` says nothing
    return owner if 3 <= len(owner) <= 20 and len(kept) <= 3 else ""


@functools.lru_cache(maxsize=1)
def _brands() -> frozenset[str]:
    """The first word of every provider's variable: GITHUB, STRIPE, OPENAI…"""
    return frozenset(p.env_name.split("_")[0] for p in providers.BY_ID.values() if p.env_name)


def _dict_path(place: Place) -> str:
    """The target and keys above a dict value, words of 3 letters or more: ``DATABASES_DEFAULT``."""
    words = [w for part in place.path[:-1] for w in _words(part) if len(w) >= 3]
    return "_".join(words)


def _qualify(name: str, qualifier: str) -> str:
    return name if name.startswith(qualifier + "_") or name == qualifier else sanitize(f"{qualifier}_{name}")


def wanted_names(finding: Finding, literal_value: str = "", place: Place = Place()) -> list[str]:
    """Names for *finding*, the one it asks for first, then the same qualified by what the place says
    (:func:`qualifiers`): the :class:`Namer` takes the first that is free and numbers only when none is."""
    first = wanted_name(finding, literal_value, place)
    quals = qualifiers(finding, place)
    if _is_bare(first) and finding.binding.kind not in ("env-fallback", "env-write"):
        # ``token`` in ``GitHubClient``, ``PASSWORD`` in ``DATABASES["default"]``: the bare word says too little
        owner = _owner(place)
        provider = providers.BY_ID.get(finding.provider) if finding.provider else None
        if provider is not None and provider.env_name:
            first = _qualify(first, provider.env_name.split("_")[0])
        elif owner:
            first = _qualify(first, sanitize(owner))
        elif finding.binding.kind == "dict-key" and _is_bare(finding.binding.name) and _dict_path(place):
            first = _qualify(first, sanitize(_dict_path(place)))
    out = [first]
    for q in quals:
        out.append(_qualify(first, q))
    return list(dict.fromkeys(n for n in out if n))


def wanted_name(finding: Finding, literal_value: str = "", place: Place = Place()) -> str:
    """The NAME *finding* asks for (not yet made unique). *literal_value*: the whole literal's value."""
    b = finding.binding
    whole = finding.span == (0, len(literal_value)) or not literal_value
    provider = providers.BY_ID.get(finding.provider) if finding.provider else None
    if (b.kind in ("assign", "dict-key", "keyword", "setattr") and whole and NAME_RE.match(b.name)
            and len(_words(b.name)) > 1):
        return b.name[:MAX_LEN]  # already an env-style name the team chose: GOOGLE_MAP_API_KEY stays
    if not whole and b.kind not in ("comment", "docstring"):
        setting = _embedded_setting(literal_value, finding.span[0])
        if setting and finding.code in ("NSC202", "NSC205", "NSC206") and not literal_value.lstrip().startswith(
            tuple(f"{s}://" for s in ("http", "https", "postgres", "postgresql", "mysql", "redis", "mongodb", "amqp"))
        ):
            return setting
    if b.kind in ("env-fallback", "env-write") and b.name:
        candidate = b.name if NAME_RE.match(b.name) else sanitize(b.name)
        if candidate and whole:
            return candidate
    if not whole and b.name and _words(b.name)[-1:] and _words(b.name)[-1] in _URL_TAILS and finding.code != "NSC202":
        # a token cut out of ``HOOK_URL``: the variable holds the token, not the URL, and says so
        part = provider.env_name if provider is not None else "TOKEN"
        base = [w for w in _words(b.name)[:-1] if w not in _words(part)]
        return sanitize("_".join([*base, part])) if base else part
    if finding.code == "NSC202" and not whole:
        return _url_name(b.name if b.kind not in ("string", "comment", "docstring") else "", literal_value)
    if finding.code == "NSC203" or (b.kind in ("dict-key", "header") and names.is_authorization(b.name) and not whole):
        return "API_TOKEN" if not provider else provider.env_name
    if b.kind == "keyword" and b.account and (account := sanitize(b.account.split("@", 1)[0])):
        return _qualify(sanitize(b.name), account)  # ``create_user(username="ops", password=…)``: OPS_PASSWORD
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

    def name_for(self, value: str, wanted: str | Sequence[str]) -> str:
        """The name for *value*: its name so far, an env file entry holding it, else the first of *wanted*
        (most wanted first, then qualified forms) that is free; ``NAME_2`` only when every one is taken."""
        choices = [sanitize(w) for w in ([wanted] if isinstance(wanted, str) else wanted)]
        choices = [c for c in choices if c] or ["SECRET"]
        if value in self.by_value:
            return self.by_value[value]
        reuse = [k for k, v in self.existing.items() if v == value and NAME_RE.match(k)]
        if reuse:
            name = next((c for c in choices if c in reuse), reuse[0])
        else:
            free = [c for c in choices if c not in self.taken]
            name, n = (free[0] if free else choices[0]), 1
            while name in self.taken:
                n += 1
                name = f"{choices[0][: MAX_LEN - 1 - len(str(n))]}_{n}"
            self.taken[name] = value
            self.new[name] = value
        self.by_value[value] = name
        return name

    def is_new(self, name: str) -> bool:
        return name in self.new
