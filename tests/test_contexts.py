"""The context matrix: every binding context x a representative value class, reported at the literal.

Each context template has ``NAME`` (the name the value is bound to) and ``LIT``
(the literal). The finding must carry the value class's code and sit at the
line and column where the literal starts.
"""

from __future__ import annotations

import pytest

import secretgen
from flake8_nosecrets import providers, scan_source
from flake8_nosecrets.scanner import scan_unparsed

CONTEXTS = {
    "module": "NAME = LIT\n",
    "class-attr": "class C:\n    NAME = LIT\n",
    "instance-attr": "class C:\n    def __init__(self):\n        self.NAME = LIT\n",
    "annotated": "NAME: str = LIT\n",
    "augmented": "NAME = ''\nNAME += LIT\n",
    "tuple-unpack": "user, NAME = 'svc', LIT\n",
    "chained": "safe = NAME = LIT\n",
    "obj-attr": "obj.NAME = LIT\n",
    "subscript": "cfg = {}\ncfg['NAME'] = LIT\n",
    "setattr": "setattr(obj, 'NAME', LIT)\n",
    "keyword": "client = connect(host='db', NAME=LIT)\n",
    "default": "def connect(host, NAME=LIT):\n    return host\n",
    "kwonly-default": "def connect(host, *, NAME=LIT):\n    return host\n",
    "lambda-default": "f = lambda NAME=LIT: NAME\n",
    "dict-literal": "cfg = {'host': 'db', 'NAME': LIT}\n",
    "dict-call": "cfg = dict(host='db', NAME=LIT)\n",
    "compare": "if NAME == LIT:\n    pass\n",
    "compare-in": "if NAME in ('x', LIT):\n    pass\n",
    "getenv": "import os\nv = os.getenv('NAME', LIT)\n",
    "environ-get": "import os\nv = os.environ.get('NAME', LIT)\n",
    "setdefault": "import os\nos.environ.setdefault('NAME', LIT)\n",
    "environ-write": "import os\nos.environ['NAME'] = LIT\n",
    "return": "def get_NAME():\n    return LIT\n",
    "field-default": "class M:\n    NAME: str = Field(default=LIT)\n",
    "argparse-default": "p.add_argument('--NAME', default=LIT)\n",
    "nested-subscript": "CONFIG = {'db': {}}\nCONFIG['db']['NAME'] = LIT\n",
    "pair-list": "headers = [('NAME', LIT), ('Accept', 'application/json')]\n",
    "getter-compare": "if request.headers.get('NAME') != LIT:\n    abort(403)\n",
    "getter-compare-left": "if LIT == request.args.get('NAME'):\n    grant()\n",
    "field-data-compare": "if form.NAME.data == LIT:\n    login_user(form)\n",
    "for-records": "for user, NAME in [('svc', LIT)]:\n    create(user, NAME)\n",
    # a file that does not parse (Python 2): named from its tokens
    "py2-module": "print 'starting'\nNAME = LIT\n",
    "py2-keyword": "print 'starting'\nclient = connect(host='db', NAME=LIT)\n",
    "py2-dict": "print 'starting'\ncfg = {'host': 'db', 'NAME': LIT}\n",
    "py2-subscript": "print 'starting'\ncfg['NAME'] = LIT\n",
    "py2-compare": "print 'starting'\nif NAME == LIT:\n    pass\n",
    "py2-getenv": "import os\nprint 'starting'\nv = os.getenv('NAME', LIT)\n",
}

R = secretgen.rng("contexts")
GH = secretgen.provider_samples(providers.BY_ID["github-pat"])[0]
VALUES = {
    # class: (name used in the context, python literal, expected code)
    "weak-human": ("db_password", repr(secretgen.weak_password(R)), "NSC206"),
    "random-secret": ("api_token", repr(secretgen.random_key(R, 32)), "NSC205"),
    "provider-neutral-name": ("setting", repr(GH), "NSC102"),
    "provider-bytes": ("setting", "b" + repr(GH), "NSC102"),
    "url-credentials": ("setting", repr(f"postgres://app:{secretgen.password(R)}@db.internal/app"), "NSC202"),
    "jwt": ("setting", repr(secretgen.jwt(R)), "NSC204"),
    "header": ("Authorization", repr("Bearer " + secretgen.random_key(R, 40)), "NSC203"),
    # a key pasted from os.urandom: any bytes, spaces and control bytes included
    "binary-key": ("secret_key", repr(bytes(R.sample(range(256), 24))), "NSC205"),
    "spaced-random": ("api_secret", repr(secretgen.random_key(R, 12) + " " + secretgen.random_key(R, 10)), "NSC205"),
    # Not the secret itself in any context: a stored hash and an injection payload under a password name.
    "password-hash": ("db_password", repr("$2b$12$" + secretgen.random_key(R, 53).replace("+", ".")), None),
    "attack-payload": ("db_password", repr(f"{secretgen.random_key(R, 6)}' OR '1'='1"), None),
}


def _where(source: str, literal: str) -> tuple[int, int]:
    at = source.rindex(literal)
    line = source.count("\n", 0, at) + 1
    col = at - (source.rfind("\n", 0, at) + 1)
    return line, col


@pytest.mark.parametrize("value_class", sorted(VALUES))
@pytest.mark.parametrize("context", sorted(CONTEXTS))
def test_context_matrix(context: str, value_class: str) -> None:
    name, literal, code = VALUES[value_class]
    source = CONTEXTS[context].replace("NAME", name).replace("LIT", literal)
    found = scan_unparsed(source.splitlines(keepends=True)) if context.startswith("py2-") else scan_source(source)
    expected = [(*_where(source, literal), code)] if code else []
    assert [(f.line, f.col, f.code) for f in found] == expected


@pytest.mark.parametrize(
    ("source", "line", "col"),
    [
        # implicit concatenation: the piece that holds the secret
        ("x = ('https://ci.internal/?t=' '{gh}')\n", 1, 31),
        ("x = ('prefix '\n     '{gh}'\n     ' suffix')\n", 2, 5),
        # f-string: the f-string's start
        ("x = f'{{user}} {gh}'\n", 1, 4),
        # multi-line literal: its first line
        ("x = '''\nline one\n{gh}\n'''\n", 1, 4),
        # a comment: the comment's line and column
        ("x = 1  # old token {gh}\n", 1, 7),
        # a docstring
        ('def f():\n    """Use {gh} to call the API."""\n', 2, 4),
        # non-ASCII before the literal: columns count characters, not bytes
        ("café = 'é'; x = '{gh}'\n", 1, 16),
    ],
)
def test_position(source: str, line: int, col: int) -> None:
    src = source.replace("{gh}", GH).replace("{{", "{").replace("}}", "}")
    assert [(f.line, f.col) for f in scan_source(src)] == [(line, col)]


@pytest.mark.parametrize(
    "source",
    [
        "password: str\n",
        "def login(user, password):\n    return password\n",
        "import secrets\ntoken = secrets.token_hex(32)\n",
        "import os\npassword = os.environ['DB_PASSWORD']\n",
        "password = input('Password: ')\n",
        "def f(password: 'str' = None):\n    pass\n",
        "token = get_token()\n",
        "API_KEY = os.getenv('API_KEY')\n",
    ],
)
def test_computed_values_and_annotations_are_not_reported(source: str) -> None:
    assert scan_source(source) == []


def test_a_secret_used_as_a_name_is_not_printed() -> None:
    """``{token: token}``: the dict key names the binding, and is a secret itself."""
    other = secretgen.provider_samples(providers.BY_ID["github-pat"], "other")[0]
    found = scan_source(f"KEYS = {{{GH!r}: {other!r}}}\n")
    assert len(found) == 2
    for f in found:
        assert GH not in f.message and other not in f.message and GH[:12] not in f.message


# ---- the walk passes by statements without a quote: it must never lose a literal or change a binding ----

_TRICKY = {
    "decorator": "@app.route('/login', methods=['POST'])\ndef login():\n    return 1\n",
    "class-decorator": "@register('svc')\nclass Svc:\n    x = 1\n",
    "if-test-only": "if mode == 'debug':\n    x = 1\nelse:\n    y = 2\n",
    "handlers": "try:\n    x = 1\nexcept KeyError:\n    y = 'k'\nfinally:\n    z = 2\n",
    "semicolons": "x = 1; token = 'abc'\n",
    "multi-line": "password = (\n    'abc'\n    'def'\n)\nq = 1\n",
    "triple": 'doc = """\nline\n"""\nn = 2\n',
    "match": "match cmd:\n    case 'go':\n        x = 1\n    case _:\n        y = 2\n",
    "nested": "def f():\n    def g(secret='s'):\n        return 1\n    return g\n",
    "fstring": "def f(u):\n    x = 1\n    return f'{u}:pw'\n",
    "crlf": "x = 1\r\ntoken = 'abc'\r\n",
    "lone-cr": "x = 1\rtoken = 'abc'\n",
    "form-feed": "\x0cx = 1\nif x:\n\ttoken = 'abc'\n",
    "line-separator": "x = 1  # \u2028 a comment\ntoken = 'abc'\n",
    "returns": "def get_password():\n    x = 1\n    return 'hunter22'\n",
}


def _literals(tree, lines=None):
    from flake8_nosecrets.contexts import literal_candidates

    source = None if lines is None else "".join(lines)
    return sorted(literal_candidates(tree, source), key=lambda c: (c.line, c.col, c.value))


@pytest.mark.parametrize("case", sorted(_TRICKY))
def test_statement_skipping_keeps_every_literal(case: str) -> None:
    import ast
    import io

    src = _TRICKY[case]
    tree = ast.parse(src)
    full = _literals(tree)
    assert full, "each case holds a literal"
    for lines in (src.splitlines(keepends=True), io.StringIO(src).readlines(), src.split("\n")):
        assert _literals(tree, lines) == full


def test_statement_skipping_keeps_every_literal_of_the_stdlib() -> None:
    import ast
    import sysconfig
    from pathlib import Path

    root = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(p for p in root.glob("*.py"))[::7]  # every 7th module: ~30 of every shape
    assert len(files) > 20
    for path in files:
        src = path.read_text(encoding="utf-8", errors="replace")
        try:
            tree = ast.parse(src)
        except SyntaxError:
            continue
        assert _literals(tree, src.splitlines(keepends=True)) == _literals(tree), path.name
