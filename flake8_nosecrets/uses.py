"""Where a literal is *used* as a secret, not only named like one (NSC207, and positional arguments).

A value that reads as a word (``"dev"``, ``"super secret key"``, ``"password"``) under a
secret-like name is most often a label or a placeholder, and the name rules let it go. It is
still a hardcoded secret when the program signs or logs in with it. This module says where that
is the case, from tables rather than one-offs:

* a **signing-key setting** (:func:`is_signing_setting`: ``SECRET_KEY``, ``JWT_SECRET_KEY``…) at
  the top level of a settings module (:func:`is_settings_module`) or in the body of a config class
  (:func:`is_config_class`), as an attribute of an object (``app.secret_key``), as an upper-case
  subscript, keyword or dict key (``app.config["SECRET_KEY"]``, ``config.update(SECRET_KEY=…)``);
* the credential parameter of a known callable: the inference table (:data:`sinks.SINKS`) and
  :data:`sinks.NAME_SINKS` (password hashing, user creation, directory binds, digest auth),
  passed by keyword or by position (:meth:`Module.parameter`);
* a password-like keyword to a call whose name is a log-in verb (:data:`LOGIN_VERBS`), and the
  password of an ``auth=(user, password)`` pair;
* an environment or configuration getter's fallback for a signing-key or password name
  (``os.getenv("SECRET_KEY", "dev")``).

Only signing keys and passwords: a service issues its API keys and tokens, so a word there is
never a working credential, while a key the program signs with or a password it sets is whatever
was typed. Parameters of the module's own functions and classes (``Creds("svc", "…")`` of a
dataclass whose field is ``password``) are resolved too, for the name rules.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import re

from . import names, sinks
from .astwalk import dotted

SIGNING = "signing-key"
PASSWORD = "password"

# The last words of a setting that holds the key a framework signs sessions, cookies or tokens with…
_SIGNING_TAILS = frozenset(
    {("secret", "key"), ("secretkey",), ("signing", "key"), ("jwt", "secret"), ("jwt", "key"),
     ("session", "secret"), ("cookie", "secret")}
)
# … tails that name a signing key only after the word secret (``SECRET_COOKIE_KEY``; a ``cookie_key`` alone
# is as often the cookie's name)…
_SECRET_TAILS = frozenset({("cookie", "key"), ("session", "key"), ("token", "key")})
# … words that may follow, naming what it signs or how (``SECRET_KEY_HMAC``, ``SECRET_KEY_JWT_2``)…
# … and the only words that may come before them: the framework or purpose. ``STRIPE_SECRET_KEY``,
# ``AWS_SECRET_KEY`` and ``MINIO_SECRET_KEY`` are keys a service issued, not keys the program signs with.
_SIGNING_QUALIFIERS = frozenset(
    {"django", "flask", "quart", "fastapi", "starlette", "app", "application", "site", "web", "server", "jwt",
     "session", "sessions", "csrf", "wtf", "cookie", "cookies", "security", "signing", "secure", "default",
     "my", "the", "our"}
)
_SIGNING_SUFFIXES = frozenset({"hmac", "jwt", "signing", "sign", "session", "sessions", "cookie", "cookies", "csrf"})
# Settings of the web frameworks whose presence at a module's top level makes it a settings module.
FRAMEWORK_SETTINGS = frozenset(
    {"DEBUG", "ALLOWED_HOSTS", "INSTALLED_APPS", "MIDDLEWARE", "DATABASES", "ROOT_URLCONF", "TEMPLATES",
     "WSGI_APPLICATION", "STATIC_URL", "STATIC_ROOT", "MEDIA_ROOT", "AUTH_USER_MODEL", "LANGUAGE_CODE",
     "SQLALCHEMY_DATABASE_URI", "SQLALCHEMY_TRACK_MODIFICATIONS", "SESSION_COOKIE_SECURE", "SESSION_TYPE",
     "CSRF_COOKIE_SECURE", "TESTING", "ENV", "MAIL_SERVER", "CELERY_BROKER_URL", "CORS_ORIGINS"}
)
# Packages whose import makes a module-level signing-key setting what the program signs with.
SIGNING_PACKAGES = frozenset(
    {"flask", "django", "fastapi", "starlette", "quart", "sanic", "bottle", "tornado", "jwt", "jose",
     "itsdangerous", "authlib", "flask_jwt_extended", "flask_login", "flask_wtf"}
)
# File and directory names of settings modules (``settings.py``, ``settings/prod.py``, ``config.py``…).
_SETTINGS_PATH_RE = re.compile(r"(?:^|[/\\_.\-])(?:settings|config|configs|conf|configuration)(?:$|[/\\_.\-])",
                               re.IGNORECASE)
# Word parts of a call's name that say it logs in or connects with the password it is given…
LOGIN_VERBS = frozenset({"login", "logon", "signin", "connect", "bind", "authenticate", "auth", "credentials"})
# … or creates the account that has it (``User(username=…, password=…)`` in seed code, ``Account(…)``).
ACCOUNT_NOUNS = frozenset({"user", "users", "account", "accounts", "admin", "member", "customer", "employee",
                           "superuser", "owner", "profile", "person"})
# … or whose name says it creates or changes one, the account noun anywhere after the verb
# (``create_user_if_not_exists``, ``add_admin_account``, ``update_user_profile``).
ACCOUNT_VERBS = frozenset({"create", "add", "make", "register", "insert", "seed", "new", "update", "set", "ensure",
                           "signup", "provision", "invite"})
# Word parts of a getter's dotted name that say its fallback is a configuration value.
_CONFIG_GETTER_WORDS = frozenset({"environ", "env", "getenv", "config", "conf", "settings", "setting", "secret",
                                  "secrets", "option", "options", "cfg"})
# Method names of NAME_SINKS and SINKS too common to be recognised without the package imported.
_AMBIGUOUS_METHODS = frozenset({"hash", "verify", "new", "digest", "encode", "decode", "connect", "request", "get",
                                "post", "bind", "bind_s", "Client", "Connection", "Session", "client", "encrypt",
                                "Serializer", "Signer", "HMAC"})


def is_signing_setting(name: str) -> bool:
    """``SECRET_KEY``, ``JWT_SECRET_KEY``, ``app.secret_key``'s ``secret_key``, ``SIGNING_KEY``, ``JWT_SECRET``."""
    parts = tuple(p for p in names.words(name) if not p.isdigit())
    while len(parts) > 2 and parts[-1] in _SIGNING_SUFFIXES:
        parts = parts[:-1]
    for n in (2, 1):
        tail, rest = parts[-n:], parts[:-n]
        if tail in _SIGNING_TAILS and _SIGNING_QUALIFIERS.issuperset(rest):
            return True
        if tail in _SECRET_TAILS and rest[:1] == ("secret",) and _SIGNING_QUALIFIERS.issuperset(rest[1:]):
            return True
    return False


def is_upper_signing_setting(name: str) -> bool:
    """A signing-key setting written as frameworks spell settings: upper case (``app.config["SECRET_KEY"]``)."""
    return name.isupper() and is_signing_setting(name)


def is_settings_path(filename: str) -> bool:
    """``settings.py``, ``proj/settings/prod.py``, ``app/config.py``, ``local_settings.py``."""
    return bool(_SETTINGS_PATH_RE.search(filename.rsplit(".", 1)[0] if filename.endswith(".py") else filename))


_TEST_DIRS = frozenset({"test", "tests", "testing", "__tests__"})
_TEST_WORDS = frozenset({"test", "tests", "conftest"})
_TEST_PACKAGES = frozenset({"pytest", "unittest", "hypothesis", "nose", "nose2"})


def is_test_module(filename: str, imported: set[str]) -> bool:
    """Test code: a ``test``/``tests``/``testing`` directory, a file name with a ``test`` word (``test_app.py``,
    ``settings/test.py``, ``conftest.py``), or a module that imports a test framework.

    NSC207 is not reported there: a weak key or password in a test is the test's data, chosen to be
    known. Random-looking values and provider keys in tests are still reported by the other codes."""
    if imported & _TEST_PACKAGES:
        return True
    *dirs, base = filename.replace("\\", "/").split("/")
    return bool(_TEST_DIRS.intersection(dirs) or _TEST_WORDS.intersection(names.words(base.rsplit(".", 1)[0])))


_CONFIG_CLASS_WORDS = frozenset({"config", "configuration", "settings", "conf"})


def is_config_class(node: ast.ClassDef) -> bool:
    """``class DevConfig:``, ``class Settings(BaseSettings):``, ``class Config(object):``: the class's name or a
    base's ends in a config word (``ConfigProvider``, ``SettingsView`` are something else)."""
    for name in [node.name] + [dotted(b) for b in node.bases]:
        parts = names.words(name)
        if parts and parts[-1] in _CONFIG_CLASS_WORDS:
            return True
    return False


def _params(node: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, ...]:
    a = node.args
    params = tuple(p.arg for p in a.posonlyargs + a.args)
    return params[1:] if params and params[0] in ("self", "cls") else params  # a method's own parameter


def _class_params(node: ast.ClassDef) -> tuple[str, ...] | None:
    """Positional parameters of a class's constructor: its ``__init__``'s, else its annotated fields in order
    (a dataclass, ``NamedTuple``, attrs or pydantic model)."""
    fields = []
    for st in node.body:
        if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)) and st.name == "__init__":
            return _params(st)
        if isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name):
            fields.append(st.target.id)
    return tuple(fields) or None


def own_parameters(definitions: list[ast.AST]) -> tuple[str, ...] | None:
    """The positional parameters of the module's own function, method or class of one name (every definition
    of that name in the module): None when they disagree or say nothing (``Creds`` -> ``("user", "password")``)."""
    found = None
    for node in definitions:
        params = _class_params(node) if isinstance(node, ast.ClassDef) else _params(node)  # type: ignore[arg-type]
        if params is None or (found is not None and params != found):
            return None
        found = params
    return found


@dataclasses.dataclass
class Module:
    """What one module says about where its literals are used: read once from the top of its tree."""

    filename: str = "<string>"
    settings_module: bool = False
    imports: dict[str, str] = dataclasses.field(default_factory=dict)  # local name -> qualified name
    setting_statements: set[int] = dataclasses.field(default_factory=set)  # ids of settings-scope assignments
    # ids of module-level assignments of a module that imports a web or JWT framework (SIGNING_PACKAGES) but
    # is not a settings module: a signing-key setting there is what the program signs with; a password is not.
    signing_statements: set[int] = dataclasses.field(default_factory=set)
    packages: set[str] = dataclasses.field(default_factory=set)  # top-level packages imported
    modules: set[str] = dataclasses.field(default_factory=set)  # local names an ``import x`` statement binds
    # Test code (is_test_module): no NSC207, and no positional, commented-out or copied evidence.
    test_code: bool = False

    @classmethod
    def read(cls, tree: ast.AST, filename: str = "<string>") -> Module:
        mod = cls(filename)
        body = getattr(tree, "body", [])
        top_names = set()
        for st in body:
            if isinstance(st, ast.Import):
                for alias in st.names:
                    local = alias.asname or alias.name.split(".")[0]  # ``import a.b`` binds ``a``
                    mod.imports[local] = alias.name if alias.asname else local
                    mod.modules.add(local)
            elif isinstance(st, ast.ImportFrom) and st.module and not st.level:
                for alias in st.names:
                    mod.imports[alias.asname or alias.name] = f"{st.module}.{alias.name}"
            elif isinstance(st, (ast.Assign, ast.AnnAssign)):
                for t in st.targets if isinstance(st, ast.Assign) else [st.target]:
                    if isinstance(t, ast.Name):
                        top_names.add(t.id)
        mod.packages = packages = {q.split(".")[0] for q in mod.imports.values()}
        mod.test_code = is_test_module(filename, packages)
        mod.settings_module = is_settings_path(filename) or bool(FRAMEWORK_SETTINGS & top_names)
        signing = bool(SIGNING_PACKAGES & packages)
        for st in body:
            if isinstance(st, (ast.Assign, ast.AnnAssign)) and (mod.settings_module or signing):
                (mod.setting_statements if mod.settings_module else mod.signing_statements).add(id(st))
            elif isinstance(st, ast.ClassDef):
                mod._class(st)
        return mod

    def _class(self, node: ast.ClassDef) -> None:
        config = is_config_class(node)
        for st in node.body:
            if config and isinstance(st, (ast.Assign, ast.AnnAssign)):
                self.setting_statements.add(id(st))
            elif isinstance(st, ast.ClassDef):
                self._class(st)

    def qualify(self, callee: str) -> str:
        """*callee* with its first part replaced by what the module imported under that name."""
        head, _, rest = callee.partition(".")
        full = self.imports.get(head)
        return f"{full}.{rest}" if full and rest else full or callee

    def sink(self, callee: str) -> sinks.Sink | None:
        """The known callable (:data:`sinks.SINKS`, :data:`sinks.NAME_SINKS`) *callee* names, if any."""
        if not callee:
            return None
        qual = self.qualify(callee)
        short = qual.rsplit(".", 1)[-1]
        packages = self.packages
        for s in _CALLS_BY_LAST.get(short, ()):
            if qual == s.qualname or qual.endswith("." + s.qualname):
                return s
            if not s.method:
                if qual.endswith("." + ".".join(s.qualname.split(".")[-2:])):
                    return s  # ``hmac.new``, ``jwt.encode``: the module's own name before the function
                if "." not in qual and short not in _AMBIGUOUS_METHODS:
                    return s  # ``generate_password_hash(…)``, ``HTTPDigestAuth(…)`` after a star import
            elif "." in callee and (short not in _AMBIGUOUS_METHODS or s.qualname.split(".")[0] in packages):
                if callee.count(".") == 1 and callee.partition(".")[0] in self.modules:
                    continue  # ``keyring.set_password(…)``: a function of an imported module, not the method
                return s  # ``server.login(…)``: a method of an instance, recognised by its name
        return None

    def parameter(self, callee: str) -> tuple[int, str, sinks.Sink] | None:
        """(position, parameter name, sink) of the credential parameter of the tables' callable *callee* names.

        A password parameter is named ``password`` whatever the library calls it (python-ldap's ``cred``,
        passlib's ``secret``), so that the value is judged as a password. The module's own functions and
        classes are resolved by :func:`own_parameters`, once the whole module has been read.
        """
        s = self.sink(callee)
        if s is None or s.position is None:
            return None
        strong = s.expects != "password" or names.strength(s.param) is names.Strength.PASSWORD
        return s.position, (s.param if strong else "password"), s


def table_binds_positionally(short: str) -> bool:
    """Whether a call named *short* may be a table callable with a positional credential parameter."""
    return short in _POSITIONAL_LASTS


_CALLS = tuple(s for s in sinks.SINKS + sinks.NAME_SINKS if s.kind == "call")
_CALLS_BY_LAST: dict[str, tuple[sinks.Sink, ...]] = {}
for _s in _CALLS:
    _CALLS_BY_LAST[_s.last] = _CALLS_BY_LAST.get(_s.last, ()) + (_s,)
_POSITIONAL_LASTS = frozenset(s.last for s in _CALLS if s.position is not None)
SINK_PARAMS = frozenset(s.param for s in _CALLS)  # a call with none of these keywords needs no table look-up


def use_of(sink: sinks.Sink | None) -> str:
    """What a value passed to *sink*'s credential parameter is used as, for NSC207 ('' for issued keys)."""
    if sink is None:
        return ""
    return {"password": PASSWORD, "signing-key": SIGNING, "auth": PASSWORD}.get(sink.expects, "")


@functools.lru_cache(maxsize=4096)
def keyword_use(callee: str, keyword: str) -> str:
    """What a value passed as *keyword* to a call named *callee* (not resolved through imports) is used as."""
    if is_upper_signing_setting(keyword):
        return SIGNING  # ``config.update(SECRET_KEY=…)``, ``dict(SECRET_KEY=…)``, ``Settings(JWT_SECRET_KEY=…)``
    if names.strength(keyword) is names.Strength.PASSWORD:
        parts = names.words(callee.rsplit(".", 1)[-1])
        if LOGIN_VERBS.intersection(parts) or ACCOUNT_NOUNS.intersection(parts[-1:]) or _changes_account(parts):
            return PASSWORD  # ``client.login(username=…, password=…)``, ``User(name=…, password=…)``
    return ""


def _changes_account(parts: tuple[str, ...]) -> bool:
    """A call name whose verb creates or changes an account named after it: ``create_user_if_not_exists``."""
    verb = next((i for i, w in enumerate(parts) if w in ACCOUNT_VERBS), None)
    return verb is not None and bool(ACCOUNT_NOUNS.intersection(parts[verb + 1:]))


def fallback_use(getter: str, name: str) -> str:
    """``os.getenv("SECRET_KEY", "dev")``, ``config("DB_PASSWORD", default="postgres")``: the fallback is used."""
    if not _CONFIG_GETTER_WORDS.intersection(names.words(getter.replace(".", "_"))):
        return ""  # ``d.get("password", "x")``, ``kwargs.pop(…)``: a mapping of unknown meaning
    if is_signing_setting(name):
        return SIGNING
    return PASSWORD if names.strength(name) is names.Strength.PASSWORD else ""


def attribute_use(receiver: str, attr: str) -> str:
    """``app.secret_key = …``, ``settings.SECRET_KEY = …``: a signing-key attribute of an object that is not
    the instance being built (``self.secret_key`` is judged as a name)."""
    if receiver in ("self", "cls") or not is_signing_setting(attr):
        return ""
    return SIGNING
