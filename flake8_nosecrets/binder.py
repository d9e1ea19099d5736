"""What names each string literal: the bindings one walk's handlers record (:class:`Binder`).

Assignment targets, keywords, parameter defaults, dict keys, comparisons, env fallbacks, ``setattr``,
``auth=(user, pw)``, user records, the return value of a secret-named function, and positional arguments of the
tables' callables and of the module's own functions. :mod:`contexts` walks the tree and calls these handlers.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
from typing import Sequence

from . import names, shapes, uses
from .astwalk import dotted, own_returns
from .findings import Binding

_ENV_WRITERS = ("putenv",)
# ``os.getenv("X", "…")``, ``config.get("password", "…")``, ``conf.read_value("api_token", "…")``:
# a getter whose first argument names the value and whose second is the fallback.
# Matched on word parts (``get_secret``, ``ReadEnvOrFallback``; ``getenv``, ``setdefault``: a verb glued to a noun),
# never substrings: ``budget``, ``assets``, ``compute`` and ``render_widget`` are not getters.
_GETTER_WORDS = frozenset({"get", "env", "pop", "option", "setting", "config", "secret", "header", "set", "put"})
_GETTER_VERBS = ("get", "set", "pop", "put")
_GETTER_NOUNS = frozenset({"env", "default", "option", "opt", "setting", "config", "conf", "secret", "header",
                           "var", "value", "item", "param"})
# String methods whose first argument is a pattern, not the name of the second.
_NOT_PAIRS = frozenset({"replace", "split", "rsplit", "startswith", "endswith", "find", "index", "count",
                        "format", "join", "strip", "sub", "subn", "match", "search", "fullmatch", "translate"})
# Calls that convert a literal without changing what it is.
# (Not ``encode``/``decode``: in ``password.encode("latin1")`` the argument is an encoding.)
_CONVERSIONS = frozenset({"fromhex", "bytes", "bytearray", "str", "b64decode", "urlsafe_b64decode", "unhexlify",
                          "a2b_hex", "a2b_base64", "SecretStr", "SecretBytes", "Secret"})


def _short(callee: str) -> str:
    return callee.rsplit(".", 1)[-1]


@functools.lru_cache(maxsize=4096)
def is_getter(short: str) -> bool:
    """A call named *short* takes a value's name first and its fallback second (``get``, ``getenv``…)."""
    if short in _NOT_PAIRS:
        return False
    for part in names.words(short):
        if part in _GETTER_WORDS or (part.endswith("s") and part[:-1] in _GETTER_WORDS):  # ``settings``
            return True
        if any(part.startswith(v) and part[len(v):] in _GETTER_NOUNS for v in _GETTER_VERBS):  # ``getenv``
            return True
    return False


def _binds_positionally(short: str) -> bool:
    """Whether :meth:`Binder.call` can bind a positional argument of a call named *short*: the checks it
    makes on the name alone (a call with literals but no keywords needs no more)."""
    return (short in ("setattr", "getattr", "compare_digest") or short in _ENV_WRITERS or is_getter(short)
            or short in shapes.CIPHER_CALL_NAMES)


def target_name(node: ast.AST) -> str:
    """The name an assignment target gives: ``x``, ``self.x`` -> ``x``, ``d["x"]`` -> ``x``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value
    return ""


def _is_env(node: ast.AST) -> bool:
    return dotted(node).endswith("environ")


def _str_const(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


# Value nodes through which :meth:`Binder.bind` can reach a literal. Every other value (a name, an
# attribute, an operation: most of them) binds nothing, so callers test this before building a Binding.
_BINDABLE = frozenset({ast.Constant, ast.JoinedStr, ast.Tuple, ast.List, ast.Set, ast.Call, ast.Dict, ast.BinOp,
                       ast.BoolOp})


def _carries(call: ast.Call) -> bool:
    """Whether :meth:`Binder.bind` can reach a literal through *call*: a declared default (``Field(default=…)``)
    or a conversion (``"…".encode()``, ``bytes.fromhex("…")``, ``SecretStr("…")``); asked first, so that the
    binding is not built for the calls that carry none."""
    func = call.func
    if any(kw.arg == "default" for kw in call.keywords):
        return True
    if type(func) is ast.Attribute and type(func.value) is ast.Constant:  # type: ignore[attr-defined]
        return True
    return len(call.args) == 1 and _may_bind(call.args[0]) and _short(dotted(func)) in _CONVERSIONS


def _may_bind(node: ast.AST | None) -> bool:
    """Whether *node* can carry a literal to bind: a bindable value that is not a number, flag or ``None``
    (``primary_key=True``, ``def f(x=None)``, ``n == 0``: most constants in code are not strings)."""
    t = type(node)
    return t in _BINDABLE and (t is not ast.Constant or type(node.value) in (str, bytes))  # type: ignore[union-attr]


_SINK_PARAMS = uses.SINK_PARAMS


class Binder:
    """Collects ``id(literal node) -> Binding`` for the literals bound to a name."""

    def __init__(self, module: uses.Module | None = None) -> None:
        self.bound: dict[int, Binding] = {}
        self.module = module if module is not None else uses.Module()
        # The module's own functions, methods and classes by name, and the calls with a literal positional
        # argument that may be theirs: resolved once the whole module is read (a call may come first).
        self.definitions: dict[str, list[ast.AST]] = {}
        self.deferred: list[ast.Call] = []

    def bind(self, value: ast.AST | None, binding: Binding) -> None:
        if value is None or not binding.name:
            return
        if binding.use and self.module.test_code:
            binding = dataclasses.replace(binding, use="")  # test data: see uses.is_test_module
        if isinstance(value, ast.Constant):
            self.bound.setdefault(id(value), binding)
        elif isinstance(value, ast.JoinedStr) and len(value.values) == 1:
            self.bind(value.values[0], binding)  # f"…" without placeholders is a plain string
        elif isinstance(value, (ast.Tuple, ast.List, ast.Set)):
            users = shapes.is_user_collection(binding.name)
            listed = dataclasses.replace(binding, siblings=len(value.elts))
            for elt in value.elts:  # ``PASSWORDS = ["…", "…"]``
                if isinstance(elt, ast.Constant):
                    self.bound.setdefault(id(elt), listed)
                elif users and (pw := shapes.record_password(elt)) is not None:  # ``USERS = [("admin", "…")]``
                    self.bound.setdefault(id(pw), Binding("record", "password", binding.name))
        elif isinstance(value, ast.Dict):
            if shapes.is_user_collection(binding.name):  # ``users = {"john": "…"}``
                for pw in shapes.user_dict_values(value):
                    self.bound.setdefault(id(pw), Binding("record", "password", binding.name))
        elif isinstance(value, ast.BinOp):
            if shapes.joined_constants(value):  # ``KEY = "-----BEGIN …" + "…"``: scanned joined, named here
                self.bound.setdefault(id(value), binding)
        elif isinstance(value, ast.BoolOp):
            if isinstance(value.op, ast.Or):  # ``os.environ.get("SECRET_KEY") or "dev"``: the fallback is the value
                self._fallbacks(value, binding)
        elif isinstance(value, ast.Call):
            # ``password: str = Field(default="…")``: a declared default is the value (not a getter's default:
            # ``config("SECRET_KEY", default="…")`` is named by its first argument, see :meth:`call`).
            defaults = [kw.value for kw in value.keywords if kw.arg == "default"]
            if defaults and not (value.args and _str_const(value.args[0]) is not None
                                 and is_getter(_short(dotted(value.func)))):
                for default in defaults:
                    self.bind(default, binding)
            # ``bytes.fromhex("…")``, ``"…".encode()``, ``SecretStr("…")``: a conversion keeps the value.
            func = value.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Constant):
                self.bind(func.value, dataclasses.replace(binding, converted=True))
            elif len(value.args) == 1 and _may_bind(value.args[0]) and _short(dotted(func)) in _CONVERSIONS:
                self.bind(value.args[0], dataclasses.replace(binding, converted=True))

    def _fallbacks(self, value: ast.BoolOp, binding: Binding) -> None:
        first = value.values[0]
        if not binding.use and isinstance(first, ast.Call) and first.args and (name := _str_const(first.args[0])):
            getter = dotted(first.func)
            if is_getter(_short(getter)):
                binding = dataclasses.replace(binding, use=uses.fallback_use(getter, name)
                                              or uses.fallback_use(getter, binding.name))
        for v in value.values[1:]:
            self.bind(v, binding)

    def assign(self, targets: Sequence[ast.AST], value: ast.AST | None, setting: int = 0) -> None:
        """*setting*: the statement sits where a settings module or config class defines its settings
        (:data:`SETTING`), or at the top of a module that imports a web or JWT framework (:data:`SIGNING`)."""
        if not _may_bind(value) or (type(value) is ast.Call and not _carries(value)):  # type: ignore[arg-type]
            return  # ``t = Table("t", …)``: most assigned calls carry no literal as their value
        if len(targets) > 1:  # ``safe = password = "…"``: the most secret-like of chained targets names the value
            targets = sorted(targets, key=lambda t: -names.rank(target_name(t)))
        for tgt in targets:
            if isinstance(tgt, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)):
                if len(tgt.elts) == len(value.elts):
                    self.assign_pairs(tgt.elts, value.elts)
                continue
            if isinstance(tgt, ast.Subscript) and _is_env(tgt.value):
                name = target_name(tgt)
                self.bind(value, Binding("env-write", name))
                continue
            name = target_name(tgt)
            self.bind(value, Binding("assign", name, use=_assign_use(tgt, name, setting)))

    def assign_pairs(self, targets: list[ast.expr], values: list[ast.expr]) -> None:
        for t, v in zip(targets, values):
            self.assign([t], v)

    def call(self, node: ast.Call) -> None:
        args = node.args
        # (name, value) of the keywords that may bind a literal; ``**opts`` (no name) binds none
        keywords = [(kw.arg, kw.value) for kw in node.keywords if kw.arg is not None and _may_bind(kw.value)]
        if not keywords:
            if not any(map(_may_bind, args)):
                return  # f(x, y=z): no literal to bind (most calls)
            func = node.func
            if type(func) is ast.Attribute and func.attr == "format" and len(args) == 1:
                if (scheme := shapes.auth_template_scheme(func.value)) is not None:  # ``"Bearer {}".format("…")``
                    self.bind(args[0], Binding("auth-scheme", scheme))
                return
            called = (func.attr if type(func) is ast.Attribute else  # type: ignore[attr-defined]
                      func.id if type(func) is ast.Name else "")  # type: ignore[attr-defined]
            if not (_binds_positionally(called) or uses.table_binds_positionally(called)):
                if not self.module.test_code:
                    self.deferred.append(node)  # perhaps the module's own function: see resolve()
                return  # print("…"), assertEqual(x, "…"): a literal, but no call below binds it
        callee = dotted(node.func)
        short = callee.rsplit(".", 1)[-1] if callee else ""
        sink = self.module.sink(callee) if any(arg in _SINK_PARAMS for arg, _ in keywords) else None
        for arg, value in keywords:
            if arg == "auth" and isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == 2:
                self.bind(value.elts[1], Binding("auth-tuple", "password", callee, use=uses.PASSWORD))
            elif arg == "default" and args and (flag := _str_const(args[0])) and flag.startswith("-"):
                self.bind(value, Binding("keyword", flag.lstrip("-"), callee))  # argparse/click option
            elif arg in ("default", "value") and args and _str_const(args[0]) is not None and is_getter(short):
                continue  # ``config("SECRET_KEY", default="…")``: the getter below names it by its first argument
            elif arg == "fallback" and (name := _last_str(args)) and is_getter(short):
                # ``config.get("db", "password", fallback="…")``: configparser names the option last
                self.bind(value, Binding("fallback", name, callee, use=uses.fallback_use(callee, name)))
            else:
                use = uses.use_of(sink) if sink is not None and sink.param == arg else ""
                password = names.strength(arg) is names.Strength.PASSWORD
                if not use and (arg.isupper() or password):
                    use = uses.keyword_use(callee, arg)
                account = _account(keywords) if password else ""
                self.bind(value, Binding("keyword", arg, callee, use=use, account=account))
        if args and shapes.is_cipher_constructor(callee):  # ``AES.new(b"…", AES.MODE_GCM)``, ``Fernet(b"…")``
            self.bind(args[0], Binding("cipher-key", "key", callee))
        elif short == "setattr" and len(args) == 3 and (name := _str_const(args[1])):
            self.bind(args[2], Binding("setattr", name))
        elif short == "getattr" and len(args) == 3 and (name := _str_const(args[1])):
            self.bind(args[2], Binding("env-fallback", name))
        elif short == "compare_digest" and len(args) == 2:
            self.compare(ast.Compare(left=args[0], ops=[ast.Eq()], comparators=[args[1]]))
        elif (
            args
            and (name := _str_const(args[0])) is not None
            and not name.startswith("-")  # ``click.option("--password", "-p")``: the flag's other spellings
            and is_getter(short)
            and _keyword(node, "fallback") is None
        ):
            default = args[1] if len(args) > 1 else _keyword(node, "default", "value")
            env = "environ" in callee or "env" in short.lower()
            kind = ("env-write" if short == "setdefault" else "env-fallback") if env else "dict-key"
            self.bind(default, Binding(kind, name, use=uses.fallback_use(callee, name) if kind != "env-write" else ""))
        elif short in _ENV_WRITERS and len(args) == 2 and (name := _str_const(args[0])):
            self.bind(args[1], Binding("env-write", name))
        if not args or self.module.test_code:
            return  # in test code a value needs a name written beside it
        found = self.module.parameter(callee) if uses.table_binds_positionally(short) else None
        if found is not None:  # ``server.login("reports@…", "…")``: the tables' credential parameter
            at, param, sink = found
            fits = sink.arity is None or len(args) <= sink.arity  # more: another library's function of that name
            if fits and at < len(args) and not any(type(a) is ast.Starred for a in args[:at + 1]):
                self.bind(args[at], Binding("argument", param, callee, use=uses.use_of(sink)))
        elif any(map(_may_bind, args)):
            self.deferred.append(node)

    def resolve(self) -> None:
        """``Creds("svc", "…")``, ``self.login("ops", "…")``: each literal passed to the module's own function,
        method or class gets its parameter's name (when every definition of that name agrees)."""
        params_of: dict[str, tuple[str, ...] | None] = {}
        for node in self.deferred:
            callee = dotted(node.func)
            short = callee.rsplit(".", 1)[-1] if callee else ""
            if short not in self.definitions:
                continue
            if short not in params_of:
                params_of[short] = uses.own_parameters(self.definitions[short])
            params = params_of[short]
            for param, arg in zip(params or (), node.args):
                if type(arg) is ast.Starred:
                    break  # the positions after ``*rest`` are unknown
                if _may_bind(arg):
                    self.bind(arg, Binding("argument", param, callee, use=uses.keyword_use(callee, param)))

    def klass(self, node: ast.ClassDef) -> None:
        self.definitions.setdefault(node.name, []).append(node)

    def function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        a = node.args
        fname = getattr(node, "name", "")
        if fname and fname != "__init__":  # a constructor is called by its class's name (klass)
            self.definitions.setdefault(fname, []).append(node)
        positional = a.posonlyargs + a.args
        for arg, default in zip(positional[len(positional) - len(a.defaults):], a.defaults):
            if _may_bind(default):
                self.bind(default, Binding("default", arg.arg, fname))
        for arg, kw_default in zip(a.kwonlyargs, a.kw_defaults):
            if _may_bind(kw_default):
                self.bind(kw_default, Binding("default", arg.arg, fname))
        if fname and not isinstance(node, ast.Lambda) and names.rank(fname):
            for ret in own_returns(node):
                self.bind(ret.value, Binding("return", fname))

    def loop(self, node: ast.For | ast.AsyncFor) -> None:
        """``for user, password in [("admin", "…"), …]``: each record's items are named by the loop's targets."""
        target, records = node.target, node.iter
        if isinstance(target, ast.Tuple) and isinstance(records, (ast.List, ast.Tuple)):
            named = [names.rank(target_name(t)) > names.Strength.NONE for t in target.elts]
            if not any(named):
                return  # ``for name, value in [("Authorization", "…")]``: the pairs name themselves
            for record in records.elts:
                if isinstance(record, (ast.Tuple, ast.List)) and len(record.elts) == len(target.elts):
                    self.assign_pairs([t for t, n in zip(target.elts, named) if n],
                                      [v for v, n in zip(record.elts, named) if n])

    def pair(self, node: ast.Tuple) -> None:
        """``[("Authorization", "Bearer …")]``, ``("api_key", "…")``: a value paired with the secret it names."""
        found = shapes.named_pair(node)
        if found is not None:
            self.bind(found[1], Binding("pair", found[0]))

    def binop(self, node: ast.BinOp) -> None:
        """``"Bearer %s" % "…"``: the literal that fills an Authorization template."""
        if type(node.op) is ast.Mod and (scheme := shapes.auth_template_scheme(node.left)) is not None:
            self.bind(node.right, Binding("auth-scheme", scheme))

    def dict(self, node: ast.Dict) -> None:
        if _is_table(node):
            return
        for key, value in zip(node.keys, node.values):
            if _may_bind(value) and (name := _str_const(key)) is not None:
                use = uses.SIGNING if uses.is_upper_signing_setting(name) else ""  # ``{"SECRET_KEY": "dev"}``
                self.bind(value, Binding("dict-key", name, use=use))

    def compare(self, node: ast.Compare) -> None:
        operands = [node.left, *node.comparators]
        if not any(map(_may_bind, operands)):
            return  # x == y, n < 3: nothing written here to bind
        name = next((n for n in map(_operand_name, operands) if n and names.rank(n)), "")
        if not name:
            return
        for op in operands:
            if isinstance(op, (ast.Tuple, ast.List, ast.Set)):
                for elt in op.elts:
                    self.bind(elt, Binding("compare", name))
            else:
                self.bind(op, Binding("compare", name))


def _is_table(node: ast.Dict) -> bool:
    """A lookup table, not a configuration: many entries whose values all share one shape.

    ``{"AWS::KMS::Key": "2b44…", "AWS::S3::Bucket": "9f1c…", …}`` maps type names to
    hashes; its keys name rows, not credentials.
    """
    if len(node.values) < 6:
        return False
    shapes = set()
    for v in node.values:
        if not (isinstance(v, ast.Constant) and isinstance(v.value, str)):
            return False
        shapes.add((len(v.value), v.value.isalnum()))
        if len(shapes) > 1:
            return False
    return True


SETTING, SIGNING = 1, 2  # where an assignment statement sits (see Binder.assign)


def _assign_use(target: ast.AST, name: str, setting: int) -> str:
    """What the value assigned to *target* (named *name*) is used as (:mod:`uses`), '' when not known."""
    if isinstance(target, ast.Name):
        if not setting:
            return ""
        if uses.is_signing_setting(name):
            return uses.SIGNING  # ``SECRET_KEY = …`` in a settings module or config class
        strong = setting == SETTING and names.strength(name) is names.Strength.PASSWORD
        return uses.PASSWORD if strong else ""  # ``EMAIL_HOST_PASSWORD = …`` in a settings module
    if isinstance(target, ast.Attribute):
        return uses.attribute_use(dotted(target.value), name)  # ``app.secret_key = …``
    if isinstance(target, ast.Subscript) and uses.is_upper_signing_setting(name):
        return uses.SIGNING  # ``app.config["SECRET_KEY"] = …``
    return ""


def scope(node: ast.AST, settings: set[int], signing: set[int]) -> int:
    key = id(node)
    return SETTING if key in settings else SIGNING if key in signing else 0


_ACCOUNT_KEYWORDS = ("username", "user", "user_name", "login", "email", "account")


def _account(keywords: list[tuple[str, ast.expr]]) -> str:
    """The user name a call's keywords give beside a password (``username="ops"``), '' when none is written."""
    return next((v for arg, node in keywords if arg in _ACCOUNT_KEYWORDS and (v := _str_const(node))), "")


def _last_str(args: list[ast.expr]) -> str | None:
    return next((v for v in map(_str_const, reversed(args)) if v is not None), None)


def _keyword(call: ast.Call, *names: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg in names), None)


def _operand_name(node: ast.AST) -> str:
    """The name a compared operand gives: ``password``, ``self.token``, ``request.headers.get("X-Admin-Token")``
    (a getter's first argument), ``form.password.data`` (a container word after the name: ``password``)."""
    if isinstance(node, ast.Call):
        func = node.func
        if node.args and (key := _str_const(node.args[0])) and is_getter(_short(dotted(func))):
            return key
        node = func
    if isinstance(node, ast.Attribute) and node.attr in names.GENERIC_TAILS:
        return target_name(node.value) or node.attr
    return target_name(node)
