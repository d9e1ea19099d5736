"""Follow string constants into the APIs that take credentials (NSC401), with astroid.

Two stages, so that modules without credential calls pay almost nothing:

1. :func:`prepass` is skipped when the source text names no sink or imports no
   sink package; otherwise it reads the calls, imports and assignments of the
   stdlib ``ast`` tree and keeps the calls / assignments that can be a sink of
   :mod:`sinks` and whose credential argument a literal of the module can reach
   (:class:`_Values`).
2. Only then :func:`infer_findings` builds an astroid module from the same
   source (with the file path, so sibling project modules resolve), resolves
   the callee's qualified name through imports and aliases, and infers the
   credential argument. It reports only when inference gives exactly one value
   and that value is a ``str``/``bytes`` constant that is not a placeholder,
   template or empty string.

Position: the finding sits at the string literal that holds the value (the
assignment ``DB = "…"``); for a concatenation of constants, at the first
literal piece of this module that contributes to it. When the literal lives in
another module (an imported constant), the finding sits at the credential
argument in the module being checked, and the message names the origin.

Duplicates with the name-based rules are dropped by ``scanner.scan_source``:
an NSC401 finding at a position that already has a finding is not reported.
"""

from __future__ import annotations

import ast
import dataclasses
import gc
import os
import re
import sys
from typing import Any, Iterator, cast

from . import filters, sinks
from .contexts import nodes, own_returns
from .findings import Binding, Finding, redact

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
_IMPORT_PACKAGE_RE = re.compile(
    r"(?:from[ \t]+|import[ \t]+|,[ \t]*)(" + "|".join(sorted(map(re.escape, _PACKAGES))) + r")\b"
)
_IMPORT_WORD_RE = re.compile(r"import[ \t]")


def _may_call_a_sink(source: str) -> bool:
    """A line imports a sink's package and the source spells one of that package's sink names."""
    for m in _IMPORT_WORD_RE.finditer(source):
        start = source.rfind("\n", 0, m.start()) + 1
        if _IMPORT_LINE_RE.match(source, start):
            end = source.find("\n", start)
            line = source[start:end if end >= 0 else len(source)]
            if any(w in source for p in _IMPORT_PACKAGE_RE.findall(line) for w in _WORDS[p]):
                return True
    return False


_SETTING_RE = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _ATTRS))) + r")\b[\"'\] \t]{0,3}=[^=]"
) if _ATTRS else re.compile(r"(?!)")


def _assigns_a_setting(source: str) -> bool:
    return any(a in source for a in _ATTRS) and _SETTING_RE.search(source) is not None


def _cred_arg(call, sink: sinks.Sink):
    for kw in call.keywords:
        if kw.arg == sink.param:
            return kw.value
    if sink.position is not None and len(call.args) > sink.position:
        arg = call.args[sink.position]
        if not isinstance(arg, (ast.Starred,)) and type(arg).__name__ != "Starred":
            return arg
    return None


def prepass(source: str, tree: ast.AST) -> bool:
    """True when the module may pass a credential to a sink (cheap: substring checks, then the calls).

    *tree* is the module's ``ast`` tree, walked here only when the source text names a sink and
    imports its package (or assigns a credential setting). A call counts only when it can be
    the sink: the sink's package is imported here, and a function sink (``jwt.encode``, ``hmac.new``) is
    called through a name bound to that package or imported from it (``j.encode``, ``new``, ``c`` for
    ``from psycopg2 import connect as c``); a method sink (``smtplib.SMTP.login``) is any ``x.login(...)``
    in a module that imports ``smtplib``. An attribute sink (``stripe.api_key = …``) needs the package's
    name on the left.
    """
    if not _may_call_a_sink(source) and not _assigns_a_setting(source):
        return False  # no sink package imported, no credential setting assigned: nothing to follow
    outline = _outline(tree)
    bound = _bound_names(outline)  # local name -> the dotted module or object it stands for
    packages = {path.split(".", 1)[0] for path in bound.values()}
    values: _Values | None = None  # built only when a call or setting can be a sink (a few modules in a thousand)
    for node in outline.assigns:
        for t in node.targets:
            key = _target_key(t)
            for sink in _BY_ATTR.get(key, ()):
                if sink.kind == "setting" or (isinstance(t, ast.Attribute) and _root_path(t.value, bound)
                                              == sink.qualname.rsplit(".", 1)[0]):
                    values = values or _Values(outline.nodes)
                    if values.may_be_constant(node.value):
                        return True
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
            arg = _cred_arg(call, sink)
            if arg is not None:
                values = values or _Values(outline.nodes)
                if values.may_be_constant(arg):
                    return True
    return False


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

    def __init__(self, module_nodes: list[ast.AST]) -> None:
        self.names: dict[str, list] = {}
        self.attrs: dict[str, list] = {}
        self.returns: dict[str, list] = {}  # function name -> the values its return statements give
        self.imported: set[str] = set()  # names bound by imports of modules that may hold the project's constants
        self.star = False
        for node in module_nodes:
            # isinstance over exact node classes of ast.parse's trees (none is subclassed there)
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    self._bind(target, node.value)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
                if node.value is not None:
                    self._bind(node.target, node.value)
            elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
                self._bind(node.target, node.iter)  # for pw in ("a", "b"): the iterable's elements
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    if item.optional_vars is not None:
                        self._bind(item.optional_vars, item.context_expr)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                returns = self.returns.setdefault(node.name, [])
                returns.extend(r.value for r in own_returns(node) if r.value is not None)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                if _library_import(node):
                    continue  # os.environ, jwt.ALGORITHMS: no module of the standard library or a sink holds ours
                for alias in node.names:
                    if alias.name == "*":
                        self.star = True
                    else:
                        self.imported.add(alias.asname or alias.name.split(".", 1)[0])

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

        A whole value must be a str/bytes literal that :func:`_reportable` could pass (``''``, ``'coyote'``
        and ``b'key'`` never are); a *piece* of a concatenation, f-string or ``%``/``format`` may be any
        literal.
        """
        if expr is _OPAQUE:
            return True
        if depth > _MAX_HOPS:
            return False  # a dozen names and calls away: astroid's answer there is ambiguous or Uninferable
        seen = set() if seen is None else seen
        t = type(expr)
        if t is ast.Constant:
            if isinstance(expr.value, (str, bytes)):
                return piece or _text_may_report(expr.value)
            return piece
        if t is ast.Name:
            if expr.id not in self.names:
                return expr.id in self.imported or self.star  # a constant of another module, maybe
            return self._any_binding(expr.id, self.names[expr.id], depth, seen, piece)
        if t is ast.Attribute:
            # self.pw = …, Cfg.PW from the class body
            if self._any_binding("." + expr.attr, self.attrs.get(expr.attr, []) + self.names.get(expr.attr, []),
                                 depth, seen, piece):
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
            if name in self.returns:  # a function of this module: what it returns (a class's instance never is)
                return self._any_binding(name + "()", self.returns[name], depth, seen, piece)
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
    """The calls, imports and assignments of a module (and all its nodes, for :class:`_Values`): what the
    pre-pass reads, from one walk."""

    nodes: list[ast.AST]
    calls: list[ast.Call] = dataclasses.field(default_factory=list)
    imports: list[ast.Import | ast.ImportFrom] = dataclasses.field(default_factory=list)
    assigns: list[ast.Assign] = dataclasses.field(default_factory=list)


def _outline(tree: ast.AST) -> Outline:
    outline = Outline(list(nodes(tree)))
    for node in outline.nodes:
        if type(node) is ast.Call:
            outline.calls.append(node)
        elif type(node) is ast.Assign:
            outline.assigns.append(node)
        elif type(node) is ast.Import or type(node) is ast.ImportFrom:
            outline.imports.append(node)
    return outline


def _target_key(t: Any) -> str:  # an ast or an (untyped) astroid target
    if type(t).__name__ in ("Name", "AssignName"):
        return cast(str, getattr(t, "id", None) or getattr(t, "name", ""))  # the identifier of either
    if type(t).__name__ in ("Attribute", "AssignAttr"):
        return t.attr if hasattr(t, "attr") else t.attrname
    if type(t).__name__ == "Subscript":
        sl = t.slice
        v = getattr(sl, "value", None)
        return v if isinstance(v, str) else ""
    return ""


# ---------------------------------------------------------------- astroid stage

def _dotted(node) -> str | None:
    """Qualified name of an astroid Name/Attribute expression, through imports and aliases."""
    from astroid import nodes

    if isinstance(node, nodes.Attribute):
        base = _dotted(node.expr)
        return f"{base}.{node.attrname}" if base else None
    if isinstance(node, nodes.Name):
        try:
            _, assigned = node.lookup(node.name)
        except Exception:  # noqa: BLE001 - astroid lookup on odd code
            return None
        if len(assigned) != 1:
            return None
        a = assigned[0]
        if isinstance(a, nodes.Import):
            for name, alias in a.names:
                if (alias or name.split(".")[0]) == node.name:
                    return name if alias else name.split(".")[0]
        elif isinstance(a, nodes.ImportFrom):
            for name, alias in a.names:
                if (alias or name) == node.name:
                    return f"{a.modname}.{name}"
        elif isinstance(a, nodes.AssignName) and isinstance(a.parent, nodes.Assign):
            value = a.parent.value
            if isinstance(value, nodes.Call):  # c = paramiko.SSHClient(): c is an instance of it
                return _dotted(value.func)
            if isinstance(value, (nodes.Name, nodes.Attribute)):
                return _dotted(value)
        elif isinstance(a, nodes.AssignName) and isinstance(a.parent, (nodes.With, nodes.AsyncWith)):
            # ``with smtplib.SMTP(host) as s``: the clients that take credentials return themselves from
            # __enter__, so s is an instance of the class called
            for context, target in a.parent.items:
                if target is a and isinstance(context, nodes.Call):
                    return _dotted(context.func)
        elif isinstance(a, (nodes.ClassDef, nodes.FunctionDef)):
            return a.qname()
        return None
    if isinstance(node, nodes.Call):
        return _dotted(node.func)
    return None


def _matches(qual: str | None, sink: sinks.Sink) -> bool:
    if not qual:
        return False
    if qual == sink.qualname:
        return True
    # Submodule re-exports and class-on-instance calls: "psycopg2.extensions.connect" is not ours,
    # but "smtplib.SMTP_SSL.login" follows the same login as smtplib.SMTP; accept same package + same last part.
    return qual.split(".")[0] == sink.qualname.split(".")[0] and qual.rsplit(".", 1)[-1] == sink.last


def _safe_values(node) -> list:
    """Inferred values of *node*, or [] when inference fails or is ambiguous (safe_infer-style)."""
    import astroid

    try:
        values = list(node.infer())
    except (astroid.InferenceError, RecursionError, StopIteration):
        return []
    except Exception:  # noqa: BLE001 - astroid bugs must never break linting
        return []
    if not values or any(v is astroid.Uninferable for v in values):
        return []
    return values


def _encoded(node):
    """``X`` of ``X.encode()`` / ``X.encode("utf-8")``, else None.

    astroid infers ``str.encode()`` to an empty ``bytes`` stub, so without this
    ``hmac.new(KEY.encode(), ...)`` would never be reported: the bytes are the
    str's, and the str literal is what holds (and what the fixer moves).
    """
    from astroid import nodes

    if isinstance(node, nodes.Call) and isinstance(node.func, nodes.Attribute) and node.func.attrname == "encode" \
            and len(node.args) + len(node.keywords) <= 2:
        return node.func.expr
    return None


def _constant(node, depth: int = 0):
    """The single str/bytes Const *node* infers to, else None (``X.encode()``: the str Const of ``X``)."""
    from astroid import nodes

    inner = _encoded(node)
    if inner is None and isinstance(node, nodes.Name) and depth < 4:
        raw = _safe_values_raw(node)  # K = X.encode(); hmac.new(K): the name's one assignment is the call
        inner = _encoded(raw[0]) if len(raw) == 1 else None
    if inner is not None:
        c = _constant(inner, depth + 1) if depth < 4 else None
        return c if c is not None and isinstance(c.value, str) else None
    values = _safe_values(node)
    if len(values) != 1 or not isinstance(values[0], nodes.Const):
        return None
    v = values[0]
    return v if isinstance(v.value, (str, bytes)) else None


def _credentials(arg, sink: sinks.Sink) -> Iterator:
    """The Const nodes that carry the credential in *arg* (a tuple's password, a dict's values)."""
    from astroid import nodes

    if sink.expects in ("auth",) or sink.param in ("headers", "info", "connect_kwargs"):
        vals = _safe_values(arg)
        if len(vals) == 1 and isinstance(vals[0], (nodes.Tuple, nodes.List)) and vals[0].elts:
            c = _constant(vals[0].elts[-1])
            if c is not None:
                yield c, vals[0].elts[-1]
            return
        if len(vals) == 1 and isinstance(vals[0], nodes.Dict):
            for key, value in vals[0].items:
                k = _constant(key)
                kv = k.value if k is not None else ""
                if isinstance(kv, str) and re.search(r"pass|secret|token|key|auth|private", kv, re.I):
                    c = _constant(value)
                    if c is not None:
                        yield c, value
            return
    c = _constant(arg)
    if c is not None:
        yield c, arg


def _origin(const, module, arg):
    """(line, col, origin) of the literal that holds *const*: its own node when written in this module.

    A Const made by inference (a concatenation, an f-string, ``+=``, ``%`` or
    ``str.format``) is not a written literal: the first literal piece of this
    module it was built from is used, preferring pieces whose text is part of
    the value (so ``"%s" % PW`` points at PW's literal, not at ``"%s"``).
    *origin* is ``""`` then; when every piece lives in another module the
    position is the credential argument and *origin* is ``"module:line"`` of
    the first piece (``""`` if no piece can be found).
    """
    if _is_written_literal(const):
        written = [const]
    else:
        written = [sub for sub in _leaves(arg) if _is_written_literal(sub)]
        held = [sub for sub in written if sub.value and type(sub.value) is type(const.value)
                and sub.value in const.value]
        written = held + [sub for sub in written if sub not in held]
    for sub in written:
        if sub.root() is module:
            return sub.lineno, sub.col_offset, ""
    origin = f"{written[0].root().name}:{written[0].lineno}" if written else ""
    return arg.lineno, arg.col_offset, origin


def _is_written_literal(node) -> bool:
    from astroid import nodes

    return isinstance(node, nodes.Const) and isinstance(node.value, (str, bytes)) and node.lineno is not None \
        and not isinstance(node.parent, nodes.JoinedStr)


def _leaves(node, depth: int = 0):
    """The literal pieces a value is built from, following names one assignment at a time."""
    from astroid import nodes

    if depth > 8:
        return
    if isinstance(node, nodes.Const):
        yield node
    elif isinstance(node, nodes.BinOp):
        yield from _leaves(node.left, depth + 1)
        yield from _leaves(node.right, depth + 1)
    elif isinstance(node, nodes.JoinedStr):
        for v in node.values:
            yield from _leaves(v.value if isinstance(v, nodes.FormattedValue) else v, depth + 1)
    elif isinstance(node, (nodes.Name, nodes.Attribute)):
        values = _safe_values(node)
        if values and all(_is_written_literal(v) for v in values):
            yield from values  # a name bound to one written literal (also through tuples, classes, imports)
            return
        for v in _safe_values_raw(node):
            yield from _leaves(v, depth + 1)
    elif isinstance(node, (nodes.Tuple, nodes.List)):  # "%s:%s" % (A, B)
        for v in node.elts:
            yield from _leaves(v, depth + 1)
    elif _encoded(node) is not None:
        yield from _leaves(_encoded(node), depth + 1)
    elif isinstance(node, nodes.Call) and isinstance(node.func, nodes.Attribute) and node.func.attrname == "format":
        yield from _leaves(node.func.expr, depth + 1)
        for v in [*node.args, *(k.value for k in node.keywords)]:
            yield from _leaves(v, depth + 1)


def _safe_values_raw(node):
    """Assigned expressions (not inferred values) behind a name: where its pieces were written.

    ``X += "…"`` contributes what ``X`` held before (the assignments it
    augments, in order) and then its right-hand side.
    """
    from astroid import nodes

    if isinstance(node, nodes.Name):
        try:
            _, assigned = node.lookup(node.name)
        except Exception:  # noqa: BLE001
            return []
        return _assigned_values(assigned)
    if isinstance(node, nodes.Attribute):  # Cfg.PW: the class's (or module's) own assignments of PW
        owners = _safe_values(node.expr)
        if len(owners) == 1 and isinstance(owners[0], (nodes.ClassDef, nodes.Module)):
            return _assigned_values(owners[0].locals.get(node.attrname, []))
    return []


def _assigned_values(assigned, depth: int = 0) -> list:
    from astroid import nodes

    out = []
    for a in assigned:
        p = a.parent
        if isinstance(p, (nodes.Assign, nodes.AnnAssign)) and p.value is not None:
            out.append(p.value)
        elif isinstance(p, nodes.AugAssign) and isinstance(a, nodes.AssignName) and depth < 8:
            try:
                _, before = a.lookup(a.name)  # from the target: the bindings before this statement
            except Exception:  # noqa: BLE001
                before = []
            out.extend(_assigned_values([b for b in before if b is not a], depth + 1))
            out.append(p.value)
    return out


def _text_may_report(value: str | bytes) -> bool:
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    return bool(text.strip()) and not filters.why_not_secret(text) and not filters.is_word_like(text)


def _reportable(value, sink: sinks.Sink) -> bool:
    """The same filters as the name-based rules: placeholders, templates, documentation examples,
    messages, words (``"testing-secret"``, ``b"Jefe"``) and, for a DSN, a URL without a password."""
    if not _text_may_report(value):
        return False
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    if sink.expects == "dsn" or "://" in text:
        from . import classify, options

        return bool(classify.url_credential_matches(text, options.DEFAULT))
    return True


def infer_findings(source: str, filename: str = "<string>") -> list[Finding]:
    """NSC401 findings for *source* (already known to pass :func:`prepass`)."""
    import astroid
    from astroid import nodes

    modname, root = _module_name(filename)
    added = bool(root) and root not in sys.path
    if added:
        sys.path.append(root)  # so `from app.settings import X` resolves the project's own modules
    try:
        return _infer_module(astroid, nodes, source, filename, modname)
    finally:
        if added:
            sys.path.remove(root)
        # astroid keeps every module it built (builtins, each imported module) for the rest of the run; the
        # cyclic collector would re-traverse those hundreds of thousands of objects at every full collection,
        # which made the rest of a flake8 run ~40% slower on the stdlib (parsing 8.4 s -> 13.7 s). Moving what
        # lives now out of its view keeps the run's cost where it was; what is frozen along with them (this
        # file's trees) stays in memory until the process ends, one file's worth per module that entered astroid.
        gc.freeze()


def _module_name(filename: str) -> tuple[str, str]:
    """(dotted module name, directory above its top package) for a file path, by walking __init__.py files."""
    if not filename or not filename.endswith(".py") or filename.startswith("<"):
        return "__nosecrets_checked__", ""
    path = os.path.abspath(filename)
    parts = [os.path.basename(path)[:-3]]
    d = os.path.dirname(path)
    while os.path.isfile(os.path.join(d, "__init__.py")):
        parts.insert(0, os.path.basename(d))
        d = os.path.dirname(d)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) or "__nosecrets_checked__", d


def _infer_module(astroid, nodes, source: str, filename: str, modname: str) -> list[Finding]:
    try:
        module = astroid.parse(source, module_name=modname,
                               path=filename if not filename.startswith("<") else None)
    except Exception:  # noqa: BLE001 - astroid failing on a module must not break flake8
        return []
    out: list[Finding] = []
    lines = source.splitlines()
    for node in module.nodes_of_class((nodes.Call, nodes.Assign)):
        try:
            out.extend(_char_cols(_check(node, module), lines))
        except RecursionError:
            continue
        except Exception:  # noqa: BLE001 - astroid bugs on one call must not hide the rest
            continue
    return out


def _char_cols(found: Iterator[Finding], lines: list[str]) -> Iterator[Finding]:
    """astroid columns count UTF-8 bytes; findings count characters (as scanner does)."""
    import dataclasses

    for f in found:
        text = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
        if text.isascii():
            yield f
            continue
        col = len(text.encode("utf-8")[:f.col].decode("utf-8", "replace"))
        yield dataclasses.replace(f, col=col, node_col=col)


def _check(node, module) -> Iterator[Finding]:
    from astroid import nodes

    hits = []
    if isinstance(node, nodes.Call):
        last = node.func.attrname if isinstance(node.func, nodes.Attribute) else getattr(node.func, "name", "")
        qual = _dotted(node.func)
        if qual:
            last = qual.rsplit(".", 1)[-1]  # through aliases
        cands = [s for s in sinks.BY_LAST.get(last, ()) if s.kind == "call"]
        if not cands:
            return
        cands.sort(key=lambda s: s.qualname != qual)  # an exact match before a same-package one
        for sink in cands:
            if _matches(qual, sink):
                arg = _cred_arg(node, sink)
                if arg is not None:
                    hits.append((sink, arg))
                break
    else:
        for t in node.targets:
            key = _target_key(t)
            for sink in sinks.BY_LAST.get(key, ()):
                if sink.kind == "attribute" and isinstance(t, nodes.AssignAttr) \
                        and _dotted(t.expr) == sink.qualname.rsplit(".", 1)[0]:
                    hits.append((sink, node.value))
                elif sink.kind == "setting" and (
                        # Django: module-level SECRET_KEY; Flask: app.config["SECRET_KEY"] / app.secret_key
                        (sink.qualname.startswith("django") and isinstance(t, nodes.AssignName)
                         and t.parent.scope() is module)
                        or (sink.qualname.startswith("flask") and isinstance(t, (nodes.Subscript, nodes.AssignAttr)))):
                    hits.append((sink, node.value))
                    break
    for sink, arg in hits:
        for const, where in _credentials(arg, sink):
            if not _reportable(const.value, sink):
                continue
            line, col, origin = _origin(const, module, where)
            value = const.value.decode("latin-1") if isinstance(const.value, bytes) else const.value
            target = sink.qualname if sink.kind == "call" else sink.qualname
            via = f" (constant from {origin})" if origin else ""
            shown, where = redact(value), f"reaches {target}({sink.param}=){via}"
            msg = f"{sink.expects} {shown} {where}"
            yield Finding(
                code="NSC401", line=line, col=col, message=msg, rule="credential-into-sink", provider="",
                binding=Binding("keyword", sink.param, sink.qualname), secret=value,
                span=(0, len(value)), node_line=line, node_col=col, end_line=line,
                is_bytes=isinstance(const.value, bytes), shown=shown, where=where,
            )
