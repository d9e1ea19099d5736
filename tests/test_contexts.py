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
    ("source", "line", "col", "inner"),  # inner: the line the message names inside a long literal
    [
        # implicit concatenation: the piece that holds the secret
        ("x = ('https://ci.internal/?t=' '{gh}')\n", 1, 31, None),
        ("x = ('prefix '\n     '{gh}'\n     ' suffix')\n", 2, 5, None),
        # f-string: the f-string's start
        ("x = f'{{user}} {gh}'\n", 1, 4, None),
        # multi-line literal: its first line, and the message names the line of the secret
        ("x = '''\nline one\n{gh}\n'''\n", 1, 4, 3),
        ('def f():\n    """Call the API.\n\n    Args:\n        token: e.g. {gh}\n    """\n', 2, 4, 5),
        ("x = ('''one\ntwo''' '''\n\n{gh}''')\n", 2, 7, 4),  # the triple-quoted piece that holds it
        ("x = 'one\\ntwo\\n{gh}'\n", 1, 4, None),  # escaped newlines: one source line
        # a comment: the comment's line and column
        ("x = 1  # old token {gh}\n", 1, 7, None),
        # a docstring
        ('def f():\n    """Use {gh} to call the API."""\n', 2, 4, None),
        # non-ASCII before the literal: columns count characters, not bytes
        ("café = 'é'; x = '{gh}'\n", 1, 16, None),
    ],
)
def test_position(source: str, line: int, col: int, inner: int | None) -> None:
    src = source.replace("{gh}", GH).replace("{{", "{").replace("}}", "}")
    found = scan_source(src)
    assert [(f.line, f.col) for f in found] == [(line, col)]
    assert found[0].message.endswith(f" at line {inner}") if inner else " at line " not in found[0].message


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


# ---- where a value is really used (flake8_nosecrets/uses.py): NSC207 for a weak value, the name rule's own
# code for a strong one, nothing for an empty string or a template, and nothing in test code ----

SIGNING_USES = {
    # context: (file name, template with LIT)
    "settings-module": ("proj/settings.py", "SECRET_KEY = LIT\n"),
    "framework-settings": ("proj/base.py", "DEBUG = True\nSECRET_KEY = LIT\n"),
    "config-class": ("app/factory.py", "class ProductionConfig(object):\n    SECRET_KEY = LIT\n"),
    "pydantic-settings": ("app/core.py", "class Settings(BaseSettings):\n    secret_key: str = LIT\n"),
    "framework-module": ("app/auth.py", "import jwt\nJWT_SECRET = LIT\n"),
    "app-attribute": ("app/main.py", "app.secret_key = LIT\n"),
    "config-subscript": ("app/main.py", "app.config['SECRET_KEY'] = LIT\n"),
    "config-update": ("app/main.py", "app.config.update(SECRET_KEY=LIT)\n"),
    "config-mapping": ("app/main.py", "app.config.from_mapping({'JWT_SECRET_KEY': LIT})\n"),
    "getenv-fallback": ("app/main.py", "import os\nkey = os.getenv('SECRET_KEY', LIT)\n"),
    "or-fallback": ("app/main.py", "import os\nkey = os.environ.get('SECRET_KEY') or LIT\n"),
    "decouple-fallback": ("app/main.py", "key = config('SECRET_KEY', default=LIT)\n"),
    "jwt-positional": ("app/auth.py", "import jwt\nt = jwt.encode({'sub': 1}, LIT, algorithm='HS256')\n"),
    "jwt-keyword": ("app/auth.py", "import jwt\nc = jwt.decode(t, key=LIT, algorithms=['HS256'])\n"),
    "hmac-positional": ("app/hooks.py", "import hmac\nm = hmac.new(LIT.encode(), body, 'sha256')\n"),
    "itsdangerous": ("app/tokens.py",
                     "from itsdangerous import URLSafeTimedSerializer\ns = URLSafeTimedSerializer(LIT)\n"),
    "commented-out": ("proj/settings.py", "# SECRET_KEY = LIT\n"),
}
PASSWORD_USES = {
    "login-positional": ("jobs/mail.py", "import smtplib\ns = smtplib.SMTP('m')\ns.login('ops@corp.internal', LIT)\n"),
    "login-keyword": ("jobs/web.py", "client.login(username='ops', password=LIT)\n"),
    "ldap-bind": ("jobs/dir.py", "conn.simple_bind_s('cn=admin,dc=corp', LIT)\n"),
    "user-setter": ("app/seed.py", "user.set_password(LIT)\n"),
    "create-user": ("app/seed.py", "User.objects.create_user('ops', 'ops@corp.internal', LIT)\n"),
    "hasher": ("app/seed.py",
               "from werkzeug.security import generate_password_hash\nh = generate_password_hash(LIT)\n"),
    "make-password": ("app/seed.py", "from django.contrib.auth.hashers import make_password\nh = make_password(LIT)\n"),
    "bcrypt": ("app/seed.py", "import bcrypt\nh = bcrypt.hashpw(LIT.encode(), bcrypt.gensalt())\n"),
    "passlib": ("app/seed.py", "from passlib.context import CryptContext\nctx = CryptContext(schemes=['bcrypt'])\n"
                               "h = ctx.hash(LIT)\n"),
    "digest-auth": ("jobs/web.py", "from requests.auth import HTTPDigestAuth\na = HTTPDigestAuth('ops', LIT)\n"),
    "auth-tuple": ("jobs/web.py", "import requests\nr = requests.get(u, auth=('ops', LIT))\n"),
    "settings-mail-login": ("proj/settings.py", "EMAIL_HOST_PASSWORD = LIT\n"),
    "getenv-fallback": ("jobs/db.py", "import os\npw = os.getenv('DB_PASSWORD', LIT)\n"),
    "configparser-fallback": ("jobs/db.py", "pw = cfg.get('db', 'password', fallback=LIT)\n"),
    "own-login-function": ("jobs/db.py", "def login(user, password):\n    return user\n\n\nlogin('ops', LIT)\n"),
}
USE_VALUES = {
    # value class: (literal for signing contexts, literal for password contexts, code for signing, for password)
    "weak": ("'dev'", "'password'", "NSC207", "NSC207"),
    "weak-phrase": ("'super secret key'", "'pw'", "NSC207", "NSC207"),
    "strong": (repr(secretgen.random_key(R, 40)), repr(secretgen.weak_password(R)), "NSC205", "NSC206"),
    "empty": ("''", "''", None, None),
    "template": ("'${SECRET_KEY}'", "'{{ db_password }}'", None, None),
    "mask": ("'********'", "'<password>'", None, None),
}
_USES = [("signing", c) for c in sorted(SIGNING_USES)] + [("password", c) for c in sorted(PASSWORD_USES)]


def _use_case(kind: str, context: str, value_class: str) -> tuple[str, str, str, str | None]:
    filename, template = (SIGNING_USES if kind == "signing" else PASSWORD_USES)[context]
    sign_lit, pw_lit, sign_code, pw_code = USE_VALUES[value_class]
    literal, code = (sign_lit, sign_code) if kind == "signing" else (pw_lit, pw_code)
    return filename, template.replace("LIT", literal), literal, code


@pytest.mark.parametrize("value_class", sorted(USE_VALUES))
@pytest.mark.parametrize(("kind", "context"), _USES)
def test_use_matrix(kind: str, context: str, value_class: str) -> None:
    filename, source, literal, code = _use_case(kind, context, value_class)
    found = [(f.line, f.col, f.code) for f in scan_source(source, filename=filename)]
    line, col = _where(source, literal)
    if context == "commented-out":
        col = 0  # a finding in a comment is reported where the comment starts
    assert found == ([(line, col, code)] if code else []), source


@pytest.mark.parametrize("test_path", ["tests/test_app.py", "proj/settings/test.py", "app/conftest.py"])
@pytest.mark.parametrize(("kind", "context"), _USES)
def test_weak_values_in_test_code_are_not_reported(kind: str, context: str, test_path: str) -> None:
    _, source, _, _ = _use_case(kind, context, "weak")
    assert scan_source(source, filename=test_path) == []
    assert [f.code for f in scan_source("import pytest\n" + source, filename="app/main.py")] == []


@pytest.mark.parametrize(
    ("filename", "source"),
    [
        # a placeholder under a secret-like name that goes nowhere stays quiet
        ("lib/util.py", "SECRET_KEY = 'dev'\n"),
        ("lib/util.py", "class Panel:\n    def __init__(self):\n        self.secret_key = 'dev'\n"),
        ("app/main.py", "import os\ntoken = os.getenv('API_TOKEN', 'dev')\n"),  # a service issues tokens
        ("proj/settings.py", "STRIPE_SECRET_KEY = 'sk_test_dev'\nAWS_SECRET_KEY = 'minio'\n"),
        ("proj/settings.py", "SECRET_KEY_ENV = 'DJANGO_SECRET_KEY'\nSECRET_KEY = None\n"),
        ("app/main.py", "app.config['API_TOKEN'] = 'dev'\n"),
        ("app/main.py", "pw = d.get('password', 'password')\n"),  # a mapping of unknown meaning
        ("app/main.py", "r = client.fetch('ops', 'pw')\n"),  # not a log-in
        ("lib/util.py", "# SECRET_KEY = 'dev'\n"),
    ],
)
def test_weak_value_without_a_real_use_is_quiet(filename: str, source: str) -> None:
    assert scan_source(source, filename=filename) == []


# ---- positional arguments get their parameter's name (issue 12 item 2) ----

POSITIONAL = {
    "dataclass": "import dataclasses\n\n\n@dataclasses.dataclass\nclass Creds:\n    user: str\n    password: str\n\n\n"
                 "c = Creds('svc', LIT)\n",
    "class-init": "class Client:\n    def __init__(self, host, user, passwd):\n        self.host = host\n\n\n"
                  "c = Client('db', 'svc', LIT)\n",
    "function": "def connect_db(host, password):\n    return host\n\n\nconnect_db('db', LIT)\n",
    "method": "class Repo:\n    def auth(self, user, token):\n        return user\n\n\nRepo().auth('svc', LIT)\n",
    "smtp-login": "import smtplib\n\nwith smtplib.SMTP('m') as s:\n    s.login('reports@corp.internal', LIT)\n",
    "ftp-login": "from ftplib import FTP\n\nftp = FTP('f')\nftp.login('up', LIT)\n",
}


@pytest.mark.parametrize("context", sorted(POSITIONAL))
def test_positional_argument_takes_the_parameter_name(context: str) -> None:
    strong = repr(secretgen.weak_password(R)) if context != "method" else repr(secretgen.random_key(R, 32))
    source = POSITIONAL[context].replace("LIT", strong)
    found = [(f.line, f.col, f.code) for f in scan_source(source, filename="app/x.py")]
    assert found == [(*_where(source, strong), "NSC205" if context == "method" else "NSC206")], source
    assert scan_source(POSITIONAL[context].replace("LIT", "'{password}'"), filename="app/x.py") == []


@pytest.mark.parametrize(
    "source",
    [
        "def connect_db(host, password):\n    return host\n\n\nconnect_db(LIT, pw)\n",  # another position
        "def f(a, b):\n    return a\n\n\ndef f(a, password):\n    return a\n\n\nf('x', LIT)\n",  # two definitions
        "def connect_db(host, password):\n    return host\n\n\nconnect_db(*args, LIT)\n",  # after *args
        "x = Client(LIT)\n",  # an unknown Client
        "import hashlib\nh = hashlib.new(LIT)\n",  # not hmac.new
    ],
)
def test_positional_argument_not_resolved(source: str) -> None:
    assert scan_source(source.replace("LIT", repr(secretgen.weak_password(R))), filename="app/x.py") == []


# ---- getters are matched on word parts (issue 16) ----

@pytest.mark.parametrize(
    ("call", "getter"),
    [
        ("os.getenv", True), ("os.environ.get", True), ("conf.ReadEnvOrFallback", True), ("get_secret", True),
        ("settings.setdefault", True), ("read_config", True), ("getoption", True), ("env", True),
        ("compute", False), ("budget", False), ("assets", False), ("render_widget", False), ("reset", False),
        ("setup", False), ("offset", False),
    ],
)
def test_getter_names_match_word_parts(call: str, getter: bool) -> None:
    source = f"v = {call}('password', 'x1y2z3w4')\nw = {call}('api_token', 'w1d2g3t4k5')\n"
    codes = sorted(f.code for f in scan_source(source))
    assert codes == (["NSC205", "NSC206"] if getter else []), source
