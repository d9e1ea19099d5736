"""The rewrite keeps meaning on real code: standard-library modules with synthetic findings.

Every str/bytes literal of a module is a candidate; a seeded sample of them is
declared a "secret" (the whole value, or all but two characters at each end, so
cuts land inside escapes, raw strings, f-strings, implicit concatenations and
bytes). After the rewrite, each ``os.environ["NAME"]`` (and ``.encode(...)``)
is replaced by the value the env file would hold, constant ``+`` and f-string
parts are folded, and the module's AST must equal the original's exactly. The
fixer must never crash, and whatever it cannot rewrite it must report.
"""

from __future__ import annotations

import ast
import glob
import random
import sysconfig

import pytest

from flake8_nosecrets.findings import Binding, Finding
from flake8_nosecrets.fix.codemod import fix_code
from flake8_nosecrets.fix.envname import Namer
from flake8_nosecrets.scanner import _char_col


def _is_environ(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id == "environ"
    return (isinstance(node, ast.Attribute) and node.attr == "environ" and isinstance(node.value, ast.Name)
            and node.value.id in ("os", "_os"))


def _str_const(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


class Resolve(ast.NodeTransformer):
    """``os.environ["X"]`` -> its value; ``"a" + "b"`` and constant f-string parts folded."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def visit_Subscript(self, node):
        self.generic_visit(node)
        if _is_environ(node.value) and isinstance(node.slice, ast.Constant) and node.slice.value in self.env:
            return ast.Constant(self.env[node.slice.value])
        return node

    def visit_Call(self, node):
        self.generic_visit(node)
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr == "encode" and _str_const(f.value) and not node.keywords:
            if not node.args:
                return ast.Constant(f.value.value.encode())
            if len(node.args) == 1 and isinstance(node.args[0], ast.Constant):
                return ast.Constant(f.value.value.encode(node.args[0].value))
        return node

    def visit_BinOp(self, node):
        self.generic_visit(node)
        left, right = node.left, node.right
        if (isinstance(node.op, ast.Add) and isinstance(left, ast.Constant) and isinstance(right, ast.Constant)
                and type(left.value) is type(right.value) and isinstance(left.value, (str, bytes))):
            return ast.Constant(left.value + right.value)
        if isinstance(node.op, ast.Add) and any(isinstance(x, ast.JoinedStr) for x in (left, right)) and all(
            isinstance(x, ast.JoinedStr) or _str_const(x) for x in (left, right)
        ):  # "a" + f"{x}b": a cut next to an f-string piece of an implicit concatenation
            parts = [v for x in (left, right) for v in (x.values if isinstance(x, ast.JoinedStr) else [x])]
            return self.visit_JoinedStr(ast.JoinedStr(values=parts))
        return node

    def visit_JoinedStr(self, node):
        self.generic_visit(node)
        parts: list[ast.expr] = []
        for p in node.values:
            if (isinstance(p, ast.FormattedValue) and _str_const(p.value) and p.conversion == -1
                    and p.format_spec is None):
                p = ast.Constant(p.value.value)
            if parts and _str_const(p) and _str_const(parts[-1]):
                parts[-1] = ast.Constant(parts[-1].value + p.value)
            else:
                parts.append(p)
        parts = [p for p in parts if not (_str_const(p) and p.value == "")]
        if all(_str_const(p) for p in parts):
            return ast.Constant("".join(p.value for p in parts))
        node.values = parts
        return node


def norm(tree: ast.Module, env: dict[str, str]) -> str:
    tree = Resolve(env).visit(tree)
    tree.body = [s for s in tree.body if not (isinstance(s, ast.Import) and all(a.name == "os" for a in s.names))]
    tree = Resolve({}).visit(tree)
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant):
            n.kind = None  # u"" prefixes are not kept on folded constants
    return ast.dump(tree)


def check(path: str, rnd: random.Random, max_findings: int = 8):
    src = open(path, "rb").read()
    text = src.decode("utf-8")
    tree = ast.parse(text)
    lines = text.splitlines(keepends=True)
    findings = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)) and len(node.value) >= 6:
            v = node.value.decode("latin-1") if isinstance(node.value, bytes) else node.value
            if "\x00" in v or "${" in v:
                continue
            s, e = (0, len(v)) if rnd.random() < 0.4 else (2, len(v) - 2)
            col = _char_col(lines[node.lineno - 1], node.col_offset)
            findings.append(Finding(
                "NSC205", node.lineno, col, "m", "r", "", Binding("assign", "api_key"), v[s:e], (s, e),
                node.lineno, col, node.end_lineno, isinstance(node.value, bytes),
            ))
    if not findings:
        return None
    findings = rnd.sample(findings, min(max_findings, len(findings)))
    namer = Namer()
    out, moves, manual = fix_code(src, path, findings=findings, name_for=lambda f, v, w: namer.name_for(v, w))
    env = {m.name: m.env_value for m in moves}
    # each finding is moved or left for a human; more moves are the copies of a moved value elsewhere
    assert len(moves) + len(manual) >= len(findings)
    assert all(any(m.finding.secret == f.secret for f in findings) for m in moves)
    return norm(ast.parse(src), {}) == norm(ast.parse(out), env), len(moves), len(manual)


def _modules(n: int) -> list[str]:
    files = sorted(glob.glob(sysconfig.get_paths()["stdlib"] + "/*.py"))
    random.Random(20261128).shuffle(files)
    return files[:n]


@pytest.mark.parametrize("path", _modules(30), ids=lambda p: p.rsplit("/", 1)[-1])
def test_rewrite_keeps_module_meaning(path):
    rnd = random.Random(path)
    try:
        result = check(path, rnd)
    except (SyntaxError, UnicodeDecodeError, RecursionError):
        pytest.skip("not parseable here")
    if result is None:
        pytest.skip("no string literal long enough")
    same, moved, manual = result
    assert same
    assert moved + manual > 0
