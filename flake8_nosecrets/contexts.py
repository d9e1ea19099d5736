"""Where each string literal sits: the stdlib AST (and comment tokens) -> :class:`Candidate` stream.

One iterative walk over the stdlib AST (so deep nesting cannot overflow the
stack) records, for the literals that are bound to something, the
:class:`~flake8_nosecrets.findings.Binding` that names them: assignment
targets, keywords, parameter defaults, dict keys, comparisons, env fallbacks,
``setattr``, ``auth=(user, pw)`` and the return value of a secret-named
function. Every other str/bytes literal is yielded as a neutral ``string``
(or ``docstring``), so value-based rules see all of them.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import tokenize
from typing import Iterable, Iterator, NamedTuple

from .findings import FSTRING_HOLE, Binding
from . import names, shapes

_ENV_WRITERS = ("putenv",)
# ``os.getenv("X", "…")``, ``config.get("password", "…")``, ``conf.read_value("api_token", "…")``:
# a getter whose first argument names the value and whose second is the fallback.
_GETTER_WORDS = ("get", "env", "setdefault", "pop", "option", "setting", "config", "secret", "header", "set", "put")
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
def _is_getter(short: str) -> bool:
    """A call named *short* takes a value's name first and its fallback second (``get``, ``getenv``…)."""
    return short not in _NOT_PAIRS and any(w in short.lower() for w in _GETTER_WORDS)


def _binds_positionally(short: str) -> bool:
    """Whether :meth:`_Binder.call` can bind a positional argument of a call named *short*: the checks it
    makes on the name alone (a call with literals but no keywords needs no more)."""
    return (short in ("setattr", "getattr", "compare_digest") or short in _ENV_WRITERS or _is_getter(short)
            or short in shapes.CIPHER_CALL_NAMES)


class Candidate(NamedTuple):
    """A literal (or comment) and its binding. A named tuple: one is made for every literal of every file."""

    value: str  # the literal's value (bytes decoded as latin-1, so offsets are byte offsets)
    line: int  # 1-based start line of the literal
    col: int  # 0-based start column, UTF-8 bytes for AST nodes (as ast gives it), characters for comments
    end_line: int
    binding: Binding
    is_bytes: bool = False
    is_comment: bool = False
    concatenated: bool = False  # an implicit concatenation or f-string: pieces need locating


def dotted(node: ast.AST) -> str:
    """``os.environ.get`` for an Attribute chain ending in a Name; '' for anything else."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    elif isinstance(node, ast.Call):
        parts.append("")  # a call in the chain: keep the attribute path after it
    else:
        return ""
    return ".".join(reversed(parts))


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


# Value nodes through which :meth:`_Binder.bind` can reach a literal. Every other value (a name, an
# attribute, an operation: most of them) binds nothing, so callers test this before building a Binding.
_BINDABLE = frozenset({ast.Constant, ast.JoinedStr, ast.Tuple, ast.List, ast.Set, ast.Call, ast.Dict, ast.BinOp})


class _Binder:
    """Collects ``id(literal node) -> Binding`` for the literals bound to a name."""

    def __init__(self) -> None:
        self.bound: dict[int, Binding] = {}

    def bind(self, value: ast.AST | None, binding: Binding) -> None:
        if value is None or not binding.name:
            return
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
        elif isinstance(value, ast.Call):
            # ``password: str = Field(default="…")``: a declared default is the value.
            for kw in value.keywords:
                if kw.arg == "default":
                    self.bind(kw.value, binding)
            # ``bytes.fromhex("…")``, ``"…".encode()``, ``SecretStr("…")``: a conversion keeps the value.
            func = value.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Constant):
                self.bind(func.value, dataclasses.replace(binding, converted=True))
            elif len(value.args) == 1 and type(value.args[0]) in _BINDABLE and _short(dotted(func)) in _CONVERSIONS:
                self.bind(value.args[0], dataclasses.replace(binding, converted=True))

    def assign(self, targets: list[ast.AST], value: ast.AST | None) -> None:
        if type(value) not in _BINDABLE:
            return
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
            self.bind(value, Binding("assign", target_name(tgt)))

    def assign_pairs(self, targets: list[ast.expr], values: list[ast.expr]) -> None:
        for t, v in zip(targets, values):
            self.assign([t], v)

    def call(self, node: ast.Call) -> None:
        args = node.args
        keywords = [kw for kw in node.keywords if kw.arg is not None and type(kw.value) in _BINDABLE]
        if not keywords:
            if not any(type(a) in _BINDABLE for a in args):
                return  # f(x, y=z): no literal to bind (most calls)
            func = node.func
            if type(func) is ast.Attribute and func.attr == "format" and len(args) == 1:
                if (scheme := shapes.auth_template_scheme(func.value)) is not None:  # ``"Bearer {}".format("…")``
                    self.bind(args[0], Binding("auth-scheme", scheme))
                return
            if not _binds_positionally(func.attr if type(func) is ast.Attribute else  # type: ignore[attr-defined]
                                       func.id if type(func) is ast.Name else ""):  # type: ignore[attr-defined]
                return  # print("…"), assertEqual(x, "…"): a literal, but no call below binds it
        callee = dotted(node.func)
        short = callee.rsplit(".", 1)[-1] if callee else ""
        for kw in keywords:
            if kw.arg == "auth" and isinstance(kw.value, (ast.Tuple, ast.List)) and len(kw.value.elts) == 2:
                self.bind(kw.value.elts[1], Binding("auth-tuple", "password", callee))
            elif kw.arg == "default" and args and (flag := _str_const(args[0])) and flag.startswith("-"):
                self.bind(kw.value, Binding("keyword", flag.lstrip("-"), callee))  # argparse/click option
            else:
                self.bind(kw.value, Binding("keyword", kw.arg, callee))
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
            and _is_getter(short)
        ):
            default = args[1] if len(args) > 1 else _keyword(node, "default", "value")
            env = "environ" in callee or "env" in short.lower()
            kind = ("env-write" if short == "setdefault" else "env-fallback") if env else "dict-key"
            self.bind(default, Binding(kind, name))
        elif short in _ENV_WRITERS and len(args) == 2 and (name := _str_const(args[0])):
            self.bind(args[1], Binding("env-write", name))

    def function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        a = node.args
        fname = getattr(node, "name", "")
        positional = a.posonlyargs + a.args
        for arg, default in zip(positional[len(positional) - len(a.defaults):], a.defaults):
            if type(default) in _BINDABLE:
                self.bind(default, Binding("default", arg.arg, fname))
        for arg, kw_default in zip(a.kwonlyargs, a.kw_defaults):
            if type(kw_default) in _BINDABLE:
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
            if type(value) in _BINDABLE and (name := _str_const(key)) is not None:
                self.bind(value, Binding("dict-key", name))

    def compare(self, node: ast.Compare) -> None:
        operands = [node.left, *node.comparators]
        if not any(type(op) in _BINDABLE for op in operands):
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


def _keyword(call: ast.Call, *names: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg in names), None)


def _operand_name(node: ast.AST) -> str:
    """The name a compared operand gives: ``password``, ``self.token``, ``request.headers.get("X-Admin-Token")``
    (a getter's first argument), ``form.password.data`` (a container word after the name: ``password``)."""
    if isinstance(node, ast.Call):
        func = node.func
        if node.args and (key := _str_const(node.args[0])) and _is_getter(_short(dotted(func))):
            return key
        node = func
    if isinstance(node, ast.Attribute) and node.attr in names.GENERIC_TAILS:
        return target_name(node.value) or node.attr
    return target_name(node)


def own_returns(func: ast.AST) -> Iterator[ast.Return]:
    """Return statements of *func* itself, not of functions nested in it."""
    stack = list(ast.iter_child_nodes(func))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return):
            yield node
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


# Fields that never hold a node (identifiers, numbers, flags), or only singleton nodes without children
# (``ctx``, ``op``, ``ops``): the walk does not read them.
_LEAF_FIELDS = frozenset({"ctx", "op", "ops", "id", "attr", "arg", "module", "level", "kind", "type_comment",
                          "conversion", "asname", "is_async", "simple", "kwd_attrs", "tag"})
_LEAF_TYPES = (ast.Constant, ast.Global, ast.Nonlocal, ast.Name, ast.Pass, ast.Break, ast.Continue)
# List fields that may hold None next to nodes (``{**x}`` keys, keyword-only parameters without a default).
_NULLABLE_LISTS = frozenset({"keys", "kw_defaults"})
# List fields that hold statements (or except handlers): each carries the line range it spans.
_STATEMENT_LISTS = frozenset({"body", "orelse", "finalbody", "handlers"})
_PLAIN, _NULLABLE, _STATEMENTS = range(3)
_DEFINITIONS = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})
_CHILD_FIELDS: dict[type, tuple[tuple[str, int], ...]] = {}


def _child_fields(t: type) -> tuple[tuple[str, int], ...]:
    """(field, how to read a list there) for the fields of node type *t* that can hold child nodes."""
    fields = () if issubclass(t, _LEAF_TYPES) else tuple(
        (f, _NULLABLE if f in _NULLABLE_LISTS else _STATEMENTS if f in _STATEMENT_LISTS else _PLAIN)
        for f in t._fields if f not in _LEAF_FIELDS  # type: ignore[attr-defined]
    )
    _CHILD_FIELDS[t] = fields
    return fields


def nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of *tree* (no order promised), without recursion: ``ast.walk`` reading only the fields
    that can hold nodes (about three times as fast). :func:`literal_candidates` inlines the same walk."""
    stack = [tree]
    pop, extend, node_type = stack.pop, stack.extend, ast.AST
    while stack:
        node = pop()
        yield node
        t = type(node)
        fields = _CHILD_FIELDS.get(t)
        if fields is None:
            fields = _child_fields(t)
        for field, how in fields:
            child = getattr(node, field, None)
            if type(child) is list:
                extend([c for c in child if c is not None] if how == _NULLABLE else child)
            elif isinstance(child, node_type):
                stack.append(child)


def _quoted_lines(text: str, tree: ast.AST) -> list[int]:
    """``q[n]``: how many of lines 1..n hold a quote character (``q[0] == 0``).

    Every string literal, bytes literal and f-string is written between quotes, so a
    statement whose lines hold none (``q[end] == q[start - 1]``) holds no literal
    and the walk can pass it by. Lines are counted as the parser counts them (``\n``,
    ``\r\n`` and ``\r`` end one; a form feed does not), and lines past the end count as quoted.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    q = [0]
    total = 0
    for line in text.split("\n"):
        if "'" in line or '"' in line:
            total += 1
        q.append(total)
    body = getattr(tree, "body", None)
    last = max((getattr(st, "end_lineno", 0) or 0 for st in body), default=0) if type(body) is list else 0
    while len(q) <= last:
        total += 1
        q.append(total)
    return q


# What literal_candidates does at a node, by type (a dict lookup; most nodes have no entry).
_CONSTANT, _ASSIGN, _CALL, _DICT, _COMPARE, _TARGET_ASSIGN, _FUNCTION, _EXPR, _JOINED, _FOR, _TUPLE, _BINOP = range(12)
_KIND: dict[type, int] = {
    ast.Constant: _CONSTANT, ast.Assign: _ASSIGN, ast.Call: _CALL, ast.Dict: _DICT, ast.Compare: _COMPARE,
    ast.AnnAssign: _TARGET_ASSIGN, ast.AugAssign: _TARGET_ASSIGN, ast.FunctionDef: _FUNCTION,
    ast.AsyncFunctionDef: _FUNCTION, ast.Lambda: _FUNCTION, ast.Expr: _EXPR, ast.JoinedStr: _JOINED,
    ast.For: _FOR, ast.AsyncFor: _FOR, ast.Tuple: _TUPLE, ast.BinOp: _BINOP,
}


def literal_candidates(tree: ast.AST, source: str | None = None) -> Iterator[Candidate]:
    """Every str/bytes literal in *tree* with its binding (neutral ``string`` when unbound).

    With the module's *source* text, statements whose lines hold no quote character are not
    walked at all: no literal can sit in them, and every binding a literal gets is made by a
    node of the statement that holds it (most statements of real code hold no literal).
    """
    binder = _Binder()
    quoted = _quoted_lines(source, tree) if source is not None else None
    literals: list[ast.Constant] = []
    docstrings: set[int] = set()
    joined_parts: set[int] = set()
    fstrings: list[ast.JoinedStr] = []
    chains: list[tuple[ast.BinOp, list[ast.Constant]]] = []  # ``"…" + "…"``: scanned as one string
    # Every node, depth first, without recursion (deep nesting cannot overflow the stack), parents before
    # children. The walk is written out here rather than behind a generator, and reads only the fields
    # that can hold child nodes (a table per node type, built the first time the type is seen): about
    # four times as fast as ``ast.walk``, which goes through two generators and reads every field.
    stack: list[ast.AST] = [tree]
    pop, push, extend = stack.pop, stack.append, stack.extend
    fields_of, kind_of = _CHILD_FIELDS.get, _KIND.get
    node_type = ast.AST
    while stack:
        node = pop()
        t = type(node)
        kind = kind_of(t)
        if kind is not None:
            if kind == _CONSTANT:
                if isinstance(node.value, (str, bytes)):  # type: ignore[attr-defined]
                    literals.append(node)  # type: ignore[arg-type]
                continue  # a leaf
            if kind == _CALL:
                binder.call(node)  # type: ignore[arg-type]
            elif kind == _ASSIGN:
                binder.assign(node.targets, node.value)  # type: ignore[attr-defined]
            elif kind == _DICT:
                binder.dict(node)  # type: ignore[arg-type]
            elif kind == _COMPARE:
                binder.compare(node)  # type: ignore[arg-type]
            elif kind == _TARGET_ASSIGN:
                binder.assign([node.target], node.value)  # type: ignore[attr-defined]
            elif kind == _FUNCTION:
                binder.function(node)  # type: ignore[arg-type]
            elif kind == _TUPLE:
                if len(node.elts) == 2 and type(node.elts[0]) is ast.Constant:  # type: ignore[attr-defined]
                    binder.pair(node)  # type: ignore[arg-type]
            elif kind == _BINOP:
                op = type(node.op)  # type: ignore[attr-defined]
                if op is ast.Mod:
                    binder.binop(node)  # type: ignore[arg-type]
                elif op is ast.Add and type(node.right) is ast.Constant:  # type: ignore[attr-defined]
                    if id(node) not in joined_parts and (parts := shapes.joined_constants(node)):  # type: ignore
                        chains.append((node, parts))  # type: ignore[arg-type]
                        joined_parts.update(id(p) for p in parts)
                        # the chain's inner BinOps are its own: not chains of their own
                        inner = node.left  # type: ignore[attr-defined]
                        while type(inner) is ast.BinOp:
                            joined_parts.add(id(inner))
                            inner = inner.left  # type: ignore[attr-defined]
            elif kind == _FOR:
                binder.loop(node)  # type: ignore[arg-type]
            elif kind == _EXPR:
                if type(node.value) is ast.Constant:  # type: ignore[attr-defined]
                    docstrings.add(id(node.value))  # type: ignore[attr-defined]
            elif any(type(v) is not ast.Constant for v in node.values):  # _JOINED  # type: ignore[attr-defined]
                joined_parts.update(id(v) for v in node.values)  # type: ignore[attr-defined]
                fstrings.append(node)  # type: ignore[arg-type]
        fields = fields_of(t)
        if fields is None:
            fields = _child_fields(t)
        for field, how in fields:
            child = getattr(node, field, None)
            if child is None:
                continue
            if type(child) is list:
                if how == _PLAIN or (how == _STATEMENTS and quoted is None):
                    extend(child)
                elif how == _STATEMENTS:
                    # a definition's decorators sit above its own line: definitions are always entered
                    extend([st for st in child if quoted[st.end_lineno] != quoted[st.lineno - 1]
                            or type(st) in _DEFINITIONS])
                else:
                    extend([c for c in child if c is not None])
            elif isinstance(child, node_type):
                push(child)
    neutral = Binding("string")
    doc = Binding("docstring")
    for lit in literals:
        key = id(lit)
        if key in joined_parts:
            continue  # scanned as part of its f-string below
        value = lit.value
        is_bytes = isinstance(value, bytes)
        text = value.decode("latin-1") if is_bytes else value
        binding = binder.bound.get(key) or (doc if key in docstrings else neutral)
        yield Candidate(text, lit.lineno, lit.col_offset, lit.end_lineno or lit.lineno, binding, is_bytes)
    for chain, parts in chains:
        first, is_bytes = parts[0], isinstance(parts[0].value, bytes)
        text = b"".join(p.value for p in parts).decode("latin-1") if is_bytes else "".join(p.value for p in parts)
        binding = binder.bound.get(id(chain)) or neutral
        yield Candidate(text, first.lineno, first.col_offset, parts[-1].end_lineno or first.lineno, binding,
                        is_bytes, concatenated=True)
    for fs in fstrings:
        # An f-string with replacement fields is scanned as one string, each field a hole, so that
        # ``f"postgresql://{user}:PW@db/app"`` still shows the URL around the password.
        text = "".join(v.value if type(v) is ast.Constant else FSTRING_HOLE for v in fs.values)  # type: ignore
        yield Candidate(text, fs.lineno, fs.col_offset, fs.end_lineno or fs.lineno, neutral, concatenated=True)


def comment_candidates(tokens: Iterable[tokenize.TokenInfo]) -> Iterator[Candidate]:
    """Comments, for value-based rules only (a comment binds nothing)."""
    binding = Binding("comment")
    for tok in tokens:
        if tok.type == tokenize.COMMENT:
            yield Candidate(tok.string, tok.start[0], tok.start[1], tok.start[0], binding, is_comment=True)
