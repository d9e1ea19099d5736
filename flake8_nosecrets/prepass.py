"""The stdlib-``ast`` stage of NSC401: may this module pass a literal to a credential API?

:func:`prepass` is skipped when the source text names no sink or imports no
sink package; otherwise it reads the calls, imports and assignments of the
stdlib ``ast`` tree and keeps the calls / assignments that can be a sink of
:mod:`sinks` and whose credential argument a literal of the module can reach
(:class:`_Values`). Only then does :mod:`infer` build an astroid module.

The value judgment both stages share is :mod:`verdict`'s.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import sys
from typing import Any, Callable, Iterator, Sequence, cast

from . import sinks
from .astwalk import own_returns, visit
from .findings import Finding
from .verdict import CONTAINER_PARAMS, CREDENTIAL_KEY_RE, credential_start, finding, is_test_path, judge

_LASTS = frozenset(s.last for s in sinks.SINKS if s.kind == "call")
_ATTRS = frozenset(s.last for s in sinks.SINKS if s.kind != "call")
# A module can only reach a call sink if it imports the sink's package itself (a relative import never
# binds one: see _bound_names). A constant of another project module is followed from the module that
# imports both it and the sink's package.
_PACKAGES = frozenset(s.qualname.split(".", 1)[0] for s in sinks.SINKS if s.kind == "call")
# The names a module must spell to reach a package's sinks: ``add_password`` for urllib, ``login`` for smtplib.
_WORDS: dict[str, frozenset[str]] = {
    p: frozenset(s.last for s in sinks.SINKS if s.qualname.split(".", 1)[0] == p) for p in _PACKAGES
}
# One import statement's line (``from psycopg2 import connect``, ``import os, jwt as j``), matched only at
# the lines where the word ``import`` occurs: a search for it anchored at every line start of every module
# cost more than the rest of the pre-pass.
_IMPORT_LINE_RE = re.compile(
    r"(?<![ \t])[ \t]*(?:from[ \t]+|import[ \t]+(?:[\w.]+[ \t]*(?:as[ \t]+\w+[ \t]*)?,[ \t]*)*)(?:"
    + "|".join(sorted(map(re.escape, _PACKAGES)))
    + r")\b"
)
# The packages an import line names: after ``from`` only the module imported from (``from sqlalchemy.dialects
# import mysql`` binds sqlalchemy's submodule, not the mysql package), else each module imported.
_FROM_PACKAGE_RE = re.compile(r"(?<![ \t])[ \t]*from[ \t]+(\w+)")  # (?<!…): one scan of a run of blanks
_IMPORT_PACKAGE_RE = re.compile(r"(?:import[ \t]+|,[ \t]*)(\w+)")
_IMPORT_WORD_RE = re.compile(r"import[ \t]")


def _may_call_a_sink(source: str) -> bool:
    """A line imports a sink's package and the source spells one of that package's sink names."""
    asked: set[str] = set()  # each package's words are searched for once (a test module imports from it 50 times)
    for m in _IMPORT_WORD_RE.finditer(source):
        start = source.rfind("\n", 0, m.start()) + 1
        if _IMPORT_LINE_RE.match(source, start):
            end = source.find("\n", start)
            line = source[start:end if end >= 0 else len(source)]
            frm = _FROM_PACKAGE_RE.match(line)
            packages = {frm.group(1)} if frm else set(_IMPORT_PACKAGE_RE.findall(line))
            new = (packages & _WORDS.keys()) - asked
            if any(w in source for p in new for w in _WORDS[p]):
                return True
            asked |= new
    return False


_SETTING_RE = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _ATTRS))) + r")\b[\"'\] \t]{0,3}=[^=]"
) if _ATTRS else re.compile(r"(?!)")


def _assigns_a_setting(source: str) -> bool:
    return any(a in source for a in _ATTRS) and _SETTING_RE.search(source) is not None


def cred_arg(call, sink: sinks.Sink):
    for kw in call.keywords:
        if kw.arg == sink.param:
            return kw.value
    if sink.position is not None and len(call.args) > sink.position:
        arg = call.args[sink.position]
        if not isinstance(arg, (ast.Starred,)) and type(arg).__name__ != "Starred":
            return arg
    return None


@dataclasses.dataclass
class Reach:
    """What the pre-pass found: whether astroid must look, and the credential arguments written in place.

    *literals* are the sinks' credential arguments that are literals where they are passed
    (``create_engine("postgresql://app:…@db/app")``, ``auth=("svc", "…")``): no inference is needed to
    know their value, so they are reported from here when astroid is not entered (when it is, it reports
    them with the rest). *settings* are the credential settings this module really configures (the import
    gate of :func:`_settings_in_force`).
    """

    enter: bool = False
    literals: list[tuple[sinks.Sink, ast.Constant, int, str]] = dataclasses.field(default_factory=list)
    settings: frozenset[str] = frozenset()


def prepass(source: str, tree: ast.AST, filename: str = "<string>") -> Reach:
    """Whether the module may pass a credential to a sink (cheap: substring checks, then the calls).

    *tree* is the module's ``ast`` tree, walked here only when the source text names a sink and
    imports its package (or assigns a credential setting). A call counts only when it can be
    the sink: the sink's package is imported here, and a function sink (``jwt.encode``, ``hmac.new``) is
    called through a name bound to that package or imported from it (``j.encode``, ``new``, ``c`` for
    ``from psycopg2 import connect as c``); a method sink (``smtplib.SMTP.login``) is any ``x.login(...)``
    in a module that imports ``smtplib``. An attribute sink (``stripe.api_key = …``) needs the package's
    name on the left, a setting the framework's module (see :func:`_settings_in_force`).
    """
    reach = Reach()
    calls = _may_call_a_sink(source)
    if not calls and not _assigns_a_setting(source):
        return reach  # no sink package imported, no credential setting assigned: nothing to follow
    if calls and not _assigns_a_setting(source) and not _imports_a_sink_package(tree):
        return reach  # the import line was text in a string (a docstring's example), not a statement
    outline = _outline(tree)
    bound = _bound_names(outline)  # local name -> the dotted module or object it stands for
    packages = {path.split(".", 1)[0] for path in bound.values()}
    reach.settings = _settings_in_force(outline, packages, filename)
    values: _Values | None = None  # built only when a call or setting can be a sink (a few modules in a thousand)
    through_name = not is_test_path(filename)  # as infer._infer_module judges it: a test's password is the test's
    for sink, arg in _sink_arguments(outline, bound, packages, reach.settings):
        written = _written_credentials(arg, sink)
        if written is not None:
            reach.literals.extend(written)
            continue
        values = values or _Values(outline.binders)
        values.sink, values.through_name = sink, through_name
        if values.may_be_constant(arg):
            reach.enter = True  # astroid reports every sink of the module, the literals above included
            reach.literals.clear()
            break
    return reach


_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")


def _imports_a_sink_package(tree: ast.AST) -> bool:
    """Whether an import statement of *tree* names a sink's package: statements only are walked (a tenth of
    the nodes), so a module whose docstrings show ``from sqlalchemy import create_engine`` costs little."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if type(node) is ast.Import:
            if any(a.name.split(".", 1)[0] in _PACKAGES for a in node.names):
                return True
        elif type(node) is ast.ImportFrom:
            if not node.level and (node.module or "").split(".", 1)[0] in _PACKAGES:
                return True
        else:
            for field in _BODIES:
                stack.extend(getattr(node, field, ()))
    return False


def _sink_arguments(outline: Outline, bound: dict[str, str], packages: set[str],
                    settings: frozenset[str]) -> Iterator[tuple[sinks.Sink, ast.AST]]:
    """(sink, the expression given as its credential) for each assignment and call that can be a sink."""
    for node in outline.assigns:
        for t in node.targets:
            for sink in _BY_ATTR.get(target_key(t), ()):
                if sink.qualname in settings or (sink.kind == "attribute" and isinstance(t, ast.Attribute)
                                                 and _root_path(t.value, bound) == sink.qualname.rsplit(".", 1)[0]):
                    yield sink, node.value
    for call in outline.calls:
        func = call.func
        path = _root_path(func, bound)  # "jwt.encode" for j.encode(...) or encode(...) imported from jwt
        last = func.attr if isinstance(func, ast.Attribute) else (path or "").rsplit(".", 1)[-1]
        for sink in sinks.BY_LAST.get(last, ()):
            package = sink.qualname.split(".", 1)[0]
            if sink.kind != "call" or package not in packages:
                continue
            if _is_method(sink) and not isinstance(func, ast.Attribute):
                continue
            if not _is_method(sink) and (path is None or path.split(".", 1)[0] != package):
                continue
            arg = cred_arg(call, sink)
            if arg is not None:
                yield sink, arg


# Module-level names only a Django settings module assigns (with SECRET_KEY, they make it one).
_DJANGO_SETTINGS = frozenset({"INSTALLED_APPS", "MIDDLEWARE", "ROOT_URLCONF", "DATABASES", "WSGI_APPLICATION",
                              "ASGI_APPLICATION", "AUTH_PASSWORD_VALIDATORS", "DEFAULT_AUTO_FIELD", "TEMPLATES",
                              "ALLOWED_HOSTS", "STATIC_URL", "AUTH_USER_MODEL"})
_SETTINGS_FILE_RE = re.compile(r"(?:^|[/\\])settings(?:[/\\][^/\\]+|_?\w*)\.py$")


def _settings_in_force(outline: Outline, packages: set[str], filename: str) -> frozenset[str]:
    """The setting sinks this module configures: the import gate of the settings (issue 12).

    ``SECRET_KEY = …`` is Django's setting only in a settings module: one that imports Django, is named
    like one (``settings.py``, ``settings/prod.py``, ``settings_local.py``) or assigns Django's other
    settings at its top level (``INSTALLED_APPS``…). Flask's ``app.config["SECRET_KEY"]`` and
    ``app.secret_key`` need Flask imported. A notebook or script that names a variable ``SECRET_KEY``
    for another service configures neither.
    """
    found: set[str] = set()
    top = {t.id for n in outline.top if type(n) is ast.Assign for t in n.targets if type(t) is ast.Name}
    if "django" in packages or _SETTINGS_FILE_RE.search(filename) or top & _DJANGO_SETTINGS:
        found.update(s.qualname for s in sinks.SINKS if s.kind == "setting" and s.qualname.startswith("django."))
    if "flask" in packages:
        found.update(s.qualname for s in sinks.SINKS if s.kind == "setting" and s.qualname.startswith("flask."))
    return frozenset(found)


def _written_credentials(arg: ast.AST, sink: sinks.Sink) -> list[tuple[sinks.Sink, ast.Constant, int, str]] | None:
    """The literals that carry the credential when *arg* is written in place, else None (a name, a call…).

    The same pieces the astroid stage reads (``infer._credentials``): an ``auth`` tuple's last item, the
    values of a dict's credential keys, else the argument itself. Only literals that would be reported
    are returned: a written DSN without a password or a placeholder is known here to report nothing.
    """
    pieces: list[ast.AST]
    if sink.expects == "auth" or sink.param in CONTAINER_PARAMS:
        if isinstance(arg, (ast.Tuple, ast.List)) and arg.elts:
            pieces = [arg.elts[-1]]
        elif type(arg) is ast.Dict:
            pieces = [v for k, v in zip(arg.keys, arg.values)
                      if type(k) is ast.Constant and isinstance(k.value, str) and CREDENTIAL_KEY_RE.search(k.value)]
            if len(pieces) != sum(1 for k in arg.keys if k is not None) and any(k is None for k in arg.keys):
                return None  # {**base, "password": …}: what ** adds is for astroid
        else:
            pieces = [arg]
    else:
        pieces = [arg]
    written = [(p, p.value) for p in pieces if type(p) is ast.Constant and isinstance(p.value, (str, bytes))]
    if len(written) != len(pieces):
        return None
    out: list[tuple[sinks.Sink, ast.Constant, int, str]] = []
    for p, value in written:
        start = credential_start(value, sink)
        strength = judge(value[start:], sink, through_name=False)
        if strength is not None:
            out.append((sink, p, start, strength))
    return out


_STR_METHODS = frozenset({"encode", "decode", "format", "strip", "lstrip", "rstrip", "lower", "upper", "replace",
                          "join", "zfill", "ljust", "rjust", "center", "casefold", "title", "capitalize"})
_MAX_HOPS = 16
_OPAQUE = object()  # a binding whose value this pass cannot see (an import, a loop over something): maybe


def _library_import(node: ast.Import | ast.ImportFrom) -> bool:
    if isinstance(node, ast.ImportFrom):
        return not node.level and (node.module or "").split(".", 1)[0] in _LIBRARIES
    return all(a.name.split(".", 1)[0] in _LIBRARIES for a in node.names)


_LIBRARIES = frozenset(sys.stdlib_module_names) | _PACKAGES


class _Values:
    """What each name and attribute name of a module is bound to, scope-blind: an over-approximation.

    The pre-pass asks :meth:`may_be_constant` of a sink's credential argument before astroid is entered.
    It answers False only when no binding in the module can make the argument a literal: a function
    parameter never assigned, a builtin, ``os.environ[...]``, ``input()``, a call to anything this module
    does not define, an attribute nobody here assigns on an object that is no imported module. Those are
    exactly the values astroid would find Uninferable (so NSC401 stays silent on them anyway); deciding it
    from the stdlib tree keeps astroid and the modules it would build out of the run. Everything this
    pass cannot see (imported names, loop targets, star imports, unknown node kinds) answers True: astroid
    decides. Names are not told apart by scope, which can only make it answer True more often.
    """

    def __init__(self, binders: list[ast.AST]) -> None:
        self.names: dict[str, list] = {}
        self.attrs: dict[str, list] = {}
        self.functions: dict[str, list] = {}  # function name -> its definitions (their returns read when asked)
        self._returns: dict[str, list] = {}
        self.imported: set[str] = set()  # names bound by imports of modules that may hold the project's constants
        self.star = False
        # The sink asked about, and whether a weak value reaching it through a name counts (not in test code):
        # a whole value is judged as infer._check judges it there.
        self.sink: sinks.Sink | None = None
        self.through_name = True
        self.built: set[str] = set()  # names and attribute names added to in place (``+=``): each value a piece
        for node in binders:
            # isinstance over exact node classes of ast.parse's trees (none is subclassed there)
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    self._bind(target, node.value)
            elif isinstance(node, _TARGET_ASSIGNS):
                if node.value is not None:
                    self._bind(node.target, node.value)
                if type(node) is ast.AugAssign and type(node.op) in (ast.Add, ast.Mod):
                    self.built.add(target_key(node.target))  # CRED += "…": what it holds is a piece of the value
            elif isinstance(node, _LOOPS):
                self._bind(node.target, node.iter)  # for pw in ("a", "b"): the iterable's elements
            elif isinstance(node, _WITHS):
                for item in node.items:
                    if item.optional_vars is not None:
                        self._bind(item.optional_vars, item.context_expr)
            elif isinstance(node, _FUNCTIONS):
                self.functions.setdefault(node.name, []).append(node)
            elif isinstance(node, _IMPORTS):
                if _library_import(node):
                    continue  # os.environ, jwt.ALGORITHMS: no module of the standard library or a sink holds ours
                for alias in node.names:
                    if alias.name == "*":
                        self.star = True
                    else:
                        self.imported.add(alias.asname or alias.name.split(".", 1)[0])

    def _reportable(self, value: str | bytes) -> bool:
        """Whether :func:`judge` reports *value*, a whole literal that reaches :attr:`sink` through a name."""
        sink = self.sink
        assert sink is not None, "set before may_be_constant is asked"
        return judge(value[credential_start(value, sink):], sink, through_name=self.through_name) is not None

    def returns(self, name: str) -> list:
        """The values the return statements of the functions called *name* give (walked on first ask: most
        modules define hundreds of functions and pass none of them to a sink)."""
        if name not in self._returns:
            self._returns[name] = [r.value for f in self.functions[name] for r in own_returns(f) if r.value is not None]
        return self._returns[name]

    def _bind(self, target: ast.AST, value: ast.expr) -> None:
        if isinstance(target, ast.Name):
            self.names.setdefault(target.id, []).append(value)
        elif isinstance(target, ast.Attribute):
            self.attrs.setdefault(target.attr, []).append(value)
        elif isinstance(target, ast.Starred):
            self._bind(target.value, value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts):
                for elt, part in zip(target.elts, value.elts):
                    self._bind(elt, part)
            else:
                for elt in target.elts:
                    self._bind(elt, value)

    def may_be_constant(self, expr, depth: int = 0, seen: set | None = None, piece: bool = False) -> bool:
        """Could *expr* infer to a reportable literal (or be built from literals) here? False means never.

        A whole value must be a str/bytes literal that :func:`judge` passes for :attr:`sink` (``''`` never;
        ``'coyote'`` only for a password or signing key, outside test code); a *piece* of a concatenation,
        f-string or ``%``/``format`` may be any literal.
        """
        if expr is _OPAQUE:
            return True
        if depth > _MAX_HOPS:
            return False  # a dozen names and calls away: astroid's answer there is ambiguous or Uninferable
        seen = set() if seen is None else seen
        t = type(expr)
        if t is ast.Constant:
            if isinstance(expr.value, (str, bytes)):
                return piece or self._reportable(expr.value)
            return piece
        if t is ast.Name:
            if expr.id not in self.names:
                return expr.id in self.imported or self.star  # a constant of another module, maybe
            return self._any_binding(expr.id, self.names[expr.id], depth, seen, piece or expr.id in self.built)
        if t is ast.Attribute:
            # self.pw = …, Cfg.PW from the class body
            if self._any_binding("." + expr.attr, self.attrs.get(expr.attr, []) + self.names.get(expr.attr, []),
                                 depth, seen, piece or expr.attr in self.built):
                return True
            # settings.PASSWORD, Config().password, self.cfg.password with self.cfg = Config() imported
            return self._foreign(expr.value, depth + 1, set())
        if t in (ast.JoinedStr, ast.BinOp):
            if t is ast.BinOp and type(expr.op) not in (ast.Add, ast.Mod):
                return False  # b"\x0b" * 16, a number: no credential is computed that way
            parts = [v.value for v in expr.values if type(v) is ast.FormattedValue] if t is ast.JoinedStr \
                else [expr.left, expr.right]
            return all(self.may_be_constant(p, depth + 1, seen, True) for p in parts)
        if t in (ast.Tuple, ast.List, ast.Set):  # ("svc", PW) for auth=, or the operands of "%s:%s" % (…)
            return any(self.may_be_constant(e, depth + 1, seen, piece) for e in expr.elts)
        if t is ast.Dict:
            return any(self.may_be_constant(v, depth + 1, seen, piece) for v in expr.values)
        if t is ast.Subscript and type(expr.slice) is ast.Constant and type(expr.slice.value) is int:
            return self._item(expr.value, expr.slice.value, depth + 1, seen, piece)  # AUTH[1]: the password
        if t in (ast.Subscript, ast.Starred, ast.NamedExpr):
            return self.may_be_constant(expr.value, depth + 1, seen, piece)
        if t is ast.IfExp:
            return any(self.may_be_constant(v, depth + 1, seen, piece) for v in (expr.body, expr.orelse))
        if t is ast.BoolOp:
            return any(self.may_be_constant(v, depth + 1, seen, piece) for v in expr.values)
        if t is ast.Call:
            func = expr.func
            name = func.id if type(func) is ast.Name else func.attr if type(func) is ast.Attribute else ""
            if name in self.functions:  # a function of this module: what it returns (a class's instance never is)
                return self._any_binding(name + "()", self.returns(name), depth, seen, piece)
            if type(func) is ast.Attribute and name in _STR_METHODS:
                if name == "format":  # "{}{}".format(A, B): a template and its pieces
                    return all(self.may_be_constant(p, depth + 1, seen, True)
                               for p in [func.value, *expr.args, *(k.value for k in expr.keywords)])
                return self.may_be_constant(func.value, depth + 1, seen, piece)  # KEY.encode()
            if type(func) is ast.Name and name in ("str", "bytes", "bytearray"):
                return any(self.may_be_constant(a, depth + 1, seen, piece) for a in expr.args)
            # get_password() imported from a project module: astroid reads what it returns there
            return self._foreign(func, depth + 1, set())  # not os.environ.get(…), input(), secrets.…
        return t not in (ast.Lambda, ast.Compare, ast.UnaryOp, ast.ListComp, ast.SetComp, ast.DictComp,
                         ast.GeneratorExp, ast.Await, ast.Yield, ast.YieldFrom)

    def _foreign(self, expr, depth: int, seen: set) -> bool:
        """Could *expr* be an object of another module of the project (whose constants this pass cannot see)?

        A name imported from such a module (see :func:`_library_import`), an attribute or item or call
        result of one, or a name or attribute of this module bound to any of those.
        """
        if depth > _MAX_HOPS or expr is _OPAQUE:
            return expr is _OPAQUE
        t = type(expr)
        if t in (ast.Attribute, ast.Subscript):
            if t is ast.Attribute and "." + expr.attr not in seen:
                seen.add("." + expr.attr)
                if any(self._foreign(v, depth + 1, seen) for v in self.attrs.get(expr.attr, ())):
                    return True
            return self._foreign(expr.value, depth + 1, seen)
        if t is ast.Call:
            return self._foreign(expr.func, depth + 1, seen)
        if t is ast.Name:
            if expr.id in self.imported or (self.star and expr.id not in self.names):
                return True
            if expr.id in seen:
                return False
            seen.add(expr.id)
            return any(self._foreign(v, depth + 1, seen) for v in self.names.get(expr.id, ()))
        return False

    def _item(self, expr, index: int, depth: int, seen: set, piece: bool) -> bool:
        """``may_be_constant(expr[index])`` for a tuple or list written here (through names), else for *expr*."""
        if depth > _MAX_HOPS:
            return False
        if type(expr) in (ast.Tuple, ast.List):
            elts = expr.elts
            return -len(elts) <= index < len(elts) and self.may_be_constant(elts[index], depth + 1, seen, piece)
        if type(expr) is ast.Name and expr.id in self.names and expr.id not in seen:
            seen.add(expr.id)
            try:
                return any(self._item(v, index, depth + 1, seen, piece) for v in self.names[expr.id])
            finally:
                seen.discard(expr.id)
        return self.may_be_constant(expr, depth + 1, seen, piece)

    def _any_binding(self, key: str, values: list, depth: int, seen: set, piece: bool) -> bool:
        if key in seen:
            return False  # a cycle (x = x + "…"): the other bindings decide
        seen.add(key)
        try:
            return any(self.may_be_constant(v, depth + 1, seen, piece) for v in values)
        finally:
            seen.discard(key)


_BY_ATTR: dict[str, tuple[sinks.Sink, ...]] = {}
for _s in sinks.SINKS:
    if _s.kind != "call":
        _BY_ATTR[_s.last] = _BY_ATTR.get(_s.last, ()) + (_s,)


def _is_method(sink: sinks.Sink) -> bool:
    """``smtplib.SMTP.login``, ``google...Credentials.from_service_account_info``: called on an object or class
    (a capitalised component before the last), not through the module's name."""
    return any(part[:1].isupper() for part in sink.qualname.split(".")[1:-1])


def _bound_names(outline: Outline) -> dict[str, str]:
    """Names the imports bind: ``import a.b`` -> {a: a}, ``import a.b as c`` -> {c: a.b},
    ``from a.b import f as g`` -> {g: a.b.f}. Relative imports bind project names, never a sink package."""
    bound: dict[str, str] = {}
    for node in outline.imports:
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    bound[a.asname] = a.name
                else:
                    top = a.name.split(".", 1)[0]
                    bound[top] = top
        elif node.module and not node.level:
            for a in node.names:
                bound[a.asname or a.name] = f"{node.module}.{a.name}"
    return bound


def _root_path(expr: ast.AST, bound: dict[str, str]) -> str | None:
    """The dotted path *expr* names through the imports (``j.encode`` -> ``jwt.encode``), or None."""
    parts: list[str] = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name) or expr.id not in bound:
        return None
    return ".".join([bound[expr.id], *reversed(parts)])


@dataclasses.dataclass
class Outline:
    """The calls, imports and assignments of a module (and every node that binds a name, for :class:`_Values`):
    what the pre-pass reads, from one walk."""

    top: list[ast.stmt] = dataclasses.field(default_factory=list)  # the module's own statements
    calls: list[ast.Call] = dataclasses.field(default_factory=list)
    imports: list[ast.Import | ast.ImportFrom] = dataclasses.field(default_factory=list)
    assigns: list[ast.Assign] = dataclasses.field(default_factory=list)
    binders: list[ast.AST] = dataclasses.field(default_factory=list)  # in walk order


# The nodes :class:`_Values` reads, by how it reads them: every way a module binds a name (a few in a hundred nodes).
_TARGET_ASSIGNS = (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)
_LOOPS = (ast.For, ast.AsyncFor, ast.comprehension)
_WITHS = (ast.With, ast.AsyncWith)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_IMPORTS = (ast.Import, ast.ImportFrom)
_BINDERS = frozenset((ast.Assign, *_TARGET_ASSIGNS, *_LOOPS, *_WITHS, *_FUNCTIONS, *_IMPORTS))


def _outline(tree: ast.AST) -> Outline:
    outline = Outline(list(getattr(tree, "body", ())))
    binders = outline.binders.append

    def assign(node: ast.Assign) -> None:
        binders(node)
        outline.assigns.append(node)

    def import_(node: ast.Import | ast.ImportFrom) -> None:
        binders(node)
        outline.imports.append(node)

    handlers: dict[type, Callable[[Any], object]] = dict.fromkeys(_BINDERS, binders)
    handlers.update({ast.Call: outline.calls.append, ast.Assign: assign, ast.Import: import_, ast.ImportFrom: import_})
    visit(tree, handlers)
    return outline


def target_key(t: Any) -> str:  # an ast or an (untyped) astroid target
    if type(t).__name__ in ("Name", "AssignName"):
        return cast(str, getattr(t, "id", None) or getattr(t, "name", ""))  # the identifier of either
    if type(t).__name__ in ("Attribute", "AssignAttr"):
        return t.attr if hasattr(t, "attr") else t.attrname
    if type(t).__name__ == "Subscript":
        sl = t.slice
        v = getattr(sl, "value", None)
        return v if isinstance(v, str) else ""
    return ""


def literal_findings(reach: Reach, lines: Sequence[str]) -> Iterator[Finding]:
    """NSC401 for the credential arguments written in place (:attr:`Reach.literals`)."""
    for sink, const, start, strength in reach.literals:
        text = lines[const.lineno - 1] if 0 < const.lineno <= len(lines) else ""
        col = const.col_offset if text.isascii() else len(text.encode("utf-8")[:const.col_offset].decode(
            "utf-8", "replace"))  # ast columns count UTF-8 bytes; findings count characters
        value = cast("str | bytes", const.value)  # _written_credentials keeps str and bytes literals only
        yield finding(sink, value[start:], const.lineno, col, offset=start, strength=strength)
