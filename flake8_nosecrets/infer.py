"""Follow string constants into the APIs that take credentials (NSC401), with astroid.

Two stages, so that modules without credential calls pay almost nothing:

1. :func:`prepass.prepass` (stdlib ``ast`` only, module :mod:`prepass`) says whether
   a literal of the module can reach a sink's credential argument.
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
import contextlib
import dataclasses
import gc
import os
import sys
from typing import Iterator

from . import sinks, verdict
from .findings import Finding
from .prepass import cred_arg, prepass, target_key
from .verdict import CONTAINER_PARAMS, CREDENTIAL_KEY_RE, credential_start, finding, judge

__all__ = ["infer_findings", "prepass"]


def _dotted(node) -> str | None:
    """Qualified name of an astroid Name/Attribute expression, through imports and aliases."""
    from astroid import nodes

    if isinstance(node, nodes.Attribute):
        base = _dotted(node.expr)
        return f"{base}.{node.attrname}" if base else None
    if isinstance(node, nodes.Name):
        assigned = _lookup(node, node.name)
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
    except astroid.InferenceError:
        return []  # astroid cannot say: the usual answer for names it does not know
    except (astroid.AstroidError, RecursionError) as exc:
        _failed(exc)
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

    if sink.expects == "auth" or sink.param in CONTAINER_PARAMS:
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
                if isinstance(kv, str) and CREDENTIAL_KEY_RE.search(kv):
                    c = _constant(value)
                    if c is not None:
                        yield c, value
            return
    c = _constant(arg)
    if c is not None:
        yield c, arg


def _origin(value, const, module, arg):
    """(line, col, origin) of the literal that holds *value* (of *const*): *const* when written in this module.

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
        held = [sub for sub in written if sub.value and type(sub.value) is type(value) and sub.value in value]
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
        return _assigned_values(_lookup(node, node.name))
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
            before = _lookup(a, a.name)  # from the target: the bindings before this statement
            out.extend(_assigned_values([b for b in before if b is not a], depth + 1))
            out.append(p.value)
    return out


# astroid's work per checked module is bounded, so that a file costs about its own size (issue 12: on a
# 633k-line SQL toolkit whose modules import its own package, astroid built hundreds of modules for one file):
# it may read at most this many other modules, each a module of the project (under the directory the
# checked file's top package sits in) of at most this many bytes. Every other import it asks for (the
# standard library, the sink's package, any installed library, a large project module) fails, which leaves
# the name Uninferable: nothing is reported for it, never something wrong. A project's constants live in
# small settings/config modules; libraries never hold them. Counting the modules read, not only those
# built, keeps the findings independent of which files were checked before in the same process.
MAX_MODULES = 4
MAX_MODULE_BYTES = 100_000

# Set by the test suite: an astroid error or a RecursionError while checking a module is raised instead of
# skipping the call or module it hit (they stand for a bug of ours there, or a case a test should know of).
STRICT = False


def infer_findings(source: str, filename: str = "<string>", settings: frozenset[str] | None = None) -> list[Finding]:
    """NSC401 findings for *source* (already known to pass :func:`prepass`).

    *settings* are the setting sinks the module configures (:attr:`prepass.Reach.settings`); when not
    given they are read from *source* here.
    """
    import astroid
    from astroid import nodes

    if settings is None:
        settings = prepass(source, ast.parse(source), filename).settings

    modname, root = _module_name(filename)
    added = bool(root) and root not in sys.path
    if added:
        sys.path.append(root)  # so `from app.settings import X` resolves the project's own modules
    before = set(astroid.MANAGER.astroid_cache)
    budget = _Budget(package=modname.split(".", 1)[0])
    try:
        with _project_modules_only(root, budget):
            return _infer_module(astroid, nodes, source, filename, modname, settings)
    finally:
        if added:
            sys.path.remove(root)
        _forget(budget, modname, before)
        # astroid keeps every module it built (builtins, each imported module) for the rest of the run; the
        # cyclic collector would re-traverse those hundreds of thousands of objects at every full collection,
        # which made the rest of a flake8 run ~40% slower on the stdlib (parsing 8.4 s -> 13.7 s). Moving what
        # lives now out of its view keeps the run's cost where it was; what is frozen along with them (this
        # file's trees) stays in memory until the process ends, one file's worth per module that entered astroid.
        gc.freeze()


@dataclasses.dataclass
class _Budget:
    read: set[str] = dataclasses.field(default_factory=set)  # the project modules astroid read
    asked: set[str] = dataclasses.field(default_factory=set)  # every module it asked for
    package: str = ""  # the checked module's top package: its own modules are the project's even in the stdlib


def _forget(budget: _Budget, modname: str, before: set[str]) -> None:
    """Drop the modules astroid built for this file, where it found the modules it asked for, and what it
    inferred: the next file starts from the same state whatever was checked before it (a module built
    under this file's budget, with some of its imports refused, must not answer for another file; a
    package name found under this project must not stand for another project's)."""
    from astroid import context
    from astroid.inference_tip import clear_inference_tip_cache
    from astroid.manager import AstroidManager

    manager = AstroidManager()
    for name in (budget.read | {modname}) - before:
        manager.astroid_cache.pop(name, None)
    for key in [k for k in manager._mod_file_cache if k[0] in budget.asked]:
        del manager._mod_file_cache[key]
    context._invalidate_cache()  # astroid's own reset of its inference cache (AstroidManager.clear_cache)
    clear_inference_tip_cache()


@contextlib.contextmanager
def _project_modules_only(root: str, budget: _Budget) -> Iterator[_Budget]:
    """While inside: astroid reads only up to :data:`MAX_MODULES` small modules of the project under *root*.

    astroid asks its manager (``AstroidManager().ast_from_module_name``, a new instance sharing one state
    each time) for every module an import, a star import or a decorator's inference needs; the class's
    method is wrapped for the duration, and restored even when the check fails.
    """
    from astroid.exceptions import AstroidImportError
    from astroid.manager import AstroidManager

    original = AstroidManager.ast_from_module_name
    read = budget.read
    top = os.path.join(os.path.abspath(root), "") if root else None

    def gated(self, modname, context_file=None, use_cache=True):
        if modname == "builtins" or modname in read:
            return original(self, modname, context_file, use_cache)
        budget.asked.add(modname)
        location = None
        first = modname.split(".", 1)[0] if modname else ""
        if top is not None and modname and len(read) < MAX_MODULES and (
                first not in sys.stdlib_module_names or first == budget.package):
            # (the standard library is no project's, even when the checked file sits in it: CPython's own
            # Lib/test is a package of the directory that holds the whole library)
            location = self.file_from_module_name(modname, context_file).location
            location = os.path.abspath(location) if location else None  # relative when found from the cwd
        if not (location and location.startswith(top) and location.endswith(".py")
                and os.path.getsize(location) <= MAX_MODULE_BYTES):
            raise AstroidImportError("nosecrets: {modname} is outside the inference budget", modname=modname)
        read.add(modname)
        return original(self, modname, context_file, use_cache)

    AstroidManager.ast_from_module_name = gated
    try:
        yield budget
    finally:
        AstroidManager.ast_from_module_name = original


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


def _infer_module(astroid, nodes, source: str, filename: str, modname: str,
                  settings: frozenset[str]) -> list[Finding]:
    try:
        module = astroid.parse(source, module_name=modname,
                               path=filename if not filename.startswith("<") else None)
    except (astroid.AstroidError, RecursionError) as exc:  # a module astroid cannot build: no NSC401 there
        _failed(exc)
        return []
    weak = not verdict.is_test_path(filename)  # a test's password for the server it simulates is the test's
    out: list[Finding] = []
    lines = source.splitlines()
    for node in module.nodes_of_class((nodes.Call, nodes.Assign)):
        try:
            out.extend(_char_cols(_check(node, module, settings, weak), lines))
        except (astroid.AstroidError, RecursionError) as exc:  # one call astroid fails on: the others still count
            _failed(exc)
    return out


def _failed(exc: BaseException) -> None:
    """Called where astroid raised one of its own exceptions (or ran out of stack) on odd code, which skips
    that call or module; under the tests (:data:`STRICT`) it is raised again, to be seen. Any other
    exception is a bug of ours and is never caught here."""
    if STRICT:
        raise exc


def _lookup(node, name: str) -> list:
    """The nodes that bind *name* where *node* is (astroid's scope lookup), [] when astroid fails on it."""
    from astroid import AstroidError

    try:
        return list(node.lookup(name)[1])
    except (AstroidError, RecursionError) as exc:
        _failed(exc)
        return []


def _char_cols(found: Iterator[Finding], lines: list[str]) -> Iterator[Finding]:
    """astroid columns count UTF-8 bytes; findings count characters (as scanner does)."""

    for f in found:
        text = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
        if text.isascii():
            yield f
            continue
        col = len(text.encode("utf-8")[:f.col].decode("utf-8", "replace"))
        yield dataclasses.replace(f, col=col, node_col=col)


def _check(node, module, settings: frozenset[str], weak: bool = True) -> Iterator[Finding]:
    """NSC401 for the sink *node* (a call or an assignment) may be; *weak*: whether a weak value counts here."""
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
        chosen = next((s.qualname for s in cands if _matches(qual, s)), None)
        for sink in cands:  # every row of that callable: requests.get takes auth= and headers=
            arg = cred_arg(node, sink) if sink.qualname == chosen else None
            if arg is not None:
                hits.append((sink, arg))
    else:
        for t in node.targets:
            key = target_key(t)
            for sink in sinks.BY_LAST.get(key, ()):
                if sink.kind == "attribute" and isinstance(t, nodes.AssignAttr) \
                        and _dotted(t.expr) == sink.qualname.rsplit(".", 1)[0]:
                    hits.append((sink, node.value))
                elif sink.kind == "setting" and sink.qualname in settings and (
                        # Django: module-level SECRET_KEY; Flask: app.config["SECRET_KEY"], app.secret_key
                        (sink.qualname.startswith("django") and isinstance(t, nodes.AssignName)
                         and t.parent.scope() is module)
                        or (sink.qualname.startswith("flask")
                            and isinstance(t, nodes.Subscript if sink.param.isupper() else nodes.AssignAttr))):
                    hits.append((sink, node.value))
                    break
    for sink, arg in hits:
        for const, where in _credentials(arg, sink):
            start = credential_start(const.value, sink)
            value = const.value[start:]
            strength = judge(value, sink, through_name=weak and where is not const)
            if strength is None:
                continue
            line, col, origin = _origin(value, const, module, where)
            yield finding(sink, value, line, col, origin, start if _is_written_literal(const) else 0, strength)
