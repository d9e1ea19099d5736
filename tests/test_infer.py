"""NSC401: constants followed into the APIs of sinks.py (issue 4).

Every sink gets a positive case for every flow of :data:`FLOWS` (a literal
reaching it through names, ``+=``, tuples, f-strings, class attributes,
``.encode()``…) and negative cases (environment, parameter, config read,
ambiguous inference), parametrised from the table itself so no entry can lack
a case. Secrets are built at run time. docs/inference.md's sink table is
checked against the table (regenerate it with ``python tests/test_infer.py``).
"""

from __future__ import annotations

import ast
import contextlib
import sys
import textwrap
from pathlib import Path

import pytest

from flake8_nosecrets import infer, options as opts, prepass, sinks, verdict
from flake8_nosecrets.fix.codemod import detect, fix_code
from flake8_nosecrets.scanner import scan_source
import secretgen
import test_fix_equivalence as fix_equivalence


def _secret(salt: str) -> str:
    return secretgen.password(secretgen.rng("infer:" + salt))


def _split(qualname: str) -> tuple[str, str | None, str]:
    """(module, class or None, callable) of a sink's qualified name."""
    parts = qualname.split(".")
    for i, p in enumerate(parts[:-1]):
        if p[:1].isupper() and not parts[-1][:1].isupper():
            return ".".join(parts[:i]), p, parts[-1]
    return ".".join(parts[:-1]), None, parts[-1]


def _wrap(sink: sinks.Sink, expr: str) -> str:
    """*expr* (the credential) shaped as the sink wants it."""
    if sink.expects == "auth" and sink.param != "connect_kwargs":
        return f'("svc", {expr})'
    if sink.param == "info":
        return f'{{"type": "service_account", "private_key": {expr}}}'
    if sink.param == "headers":
        return f'{{"Accept": "application/json", "Authorization": {expr}}}'
    if sink.param == "connect_kwargs":
        return f'{{"password": {expr}}}'
    return expr


def _program(sink: sinks.Sink, binding: str, expr: str = "CRED") -> str:
    """A module in which *binding* defines the credential and *expr* (``CRED``) carries it into *sink*."""
    if sink.kind == "attribute":
        mod, attr = sink.qualname.rsplit(".", 1)
        return f"import {mod}\n{binding}\n{mod}.{attr} = {_wrap(sink, expr)}\n"
    if sink.kind == "setting":
        if sink.qualname.startswith("flask"):
            target = "app.config['SECRET_KEY']" if sink.param.isupper() else f"app.{sink.param}"
            return f"import flask\n{binding}\napp = flask.Flask(__name__)\n{target} = {expr}\n"
        # a Django settings module: it sets Django's other settings too (the import gate of the settings)
        return f"INSTALLED_APPS = ['django.contrib.auth']\n{binding}\nSECRET_KEY = {expr}\n"
    mod, cls, fn = _split(sink.qualname)
    value = _wrap(sink, expr)
    if sink.position is not None:
        args = ", ".join(["None"] * sink.position + [value])
    else:
        args = f"{sink.param}={value}"
    if cls:
        return f"import {mod}\n{binding}\nobj = {mod}.{cls}()\nobj.{fn}({args})\n"
    return f"import {mod}\n{binding}\n{mod}.{fn}({args})\n"


def _nsc401(source: str, filename: str = "<string>"):
    tree = ast.parse(source)
    assert infer.prepass(source, tree).enter
    return infer.infer_findings(source, filename)


def _silent(source: str) -> None:
    """Nothing to report: astroid on its own says so, and the scan (whose pre-pass may skip astroid) agrees."""
    assert infer.infer_findings(source) == []
    assert [f for f in scan_source(source) if f.code == "NSC401"] == []


IDS = [s.qualname for s in sinks.SINKS]


def test_table_size_and_shape():
    assert len(sinks.SINKS) >= 45
    assert len({s.qualname.split(".")[0] for s in sinks.SINKS}) >= 30
    for s in sinks.SINKS:
        assert s.reference.startswith("https://")
        assert s.expects in {"password", "api-key", "token", "signing-key", "dsn", "auth"}


# How a constant travels to the sink: flow -> (the lines that bind it, the expression passed to the sink).
# <S> is the whole secret as a literal; <A> and <B> are its two halves, joined on the way. The finding sits
# at the literal that is written first (<S>, or <A> for a value built from pieces: not at a template like '%s').
FLOWS = {
    "plain": ("CRED = <S>", "CRED"),
    "renamed": ("_ORIG = <S>\nCRED = _ORIG", "CRED"),
    "chained": ("_A = CRED = <S>", "CRED"),
    "augmented": ("CRED = <A>\nCRED += <B>", "CRED"),
    "concatenation": ("_HEAD = <A>\nCRED = _HEAD + <B>", "CRED"),
    "fstring": ("_HEAD = <A>\n_TAIL = <B>\nCRED = f'{_HEAD}{_TAIL}'", "CRED"),
    "fstring_inline": ("_HEAD = <A>", "f'{_HEAD}' <B>"),
    "percent": ("CRED = '%s%s' % (<A>, <B>)", "CRED"),
    "str_format": ("_HEAD = <A>\nCRED = '{}{}'.format(_HEAD, <B>)", "CRED"),
    "tuple": ("_USER, CRED = 'svc', <S>", "CRED"),
    "nested_tuple": ("(_USER, (_HOST, CRED)) = ('svc', ('db', <S>))", "CRED"),
    "tuple_pieces": ("_HEAD, _TAIL = <A>, <B>\nCRED = _HEAD + _TAIL", "CRED"),
    "final": ("from typing import Final\nCRED: Final = <S>", "CRED"),
    "final_str": ("import typing\nCRED: typing.Final[str] = <S>", "CRED"),
    "class_attribute": ("class Cfg:\n    PW = <S>", "Cfg.PW"),
    "class_attribute_pieces": ("class Cfg:\n    HEAD = <A>\n    PW = HEAD + <B>", "Cfg.PW"),
    "instance_attribute": ("class Cfg:\n    def __init__(self):\n        self.pw = <S>", "Cfg().pw"),
    "function_return": ("def _cred():\n    return <S>", "_cred()"),
    "dict_item": ("_CFG = {'db': <S>, 'port': 5432}", "_CFG['db']"),
    "encoded": ("CRED = <S>", "CRED.encode()"),
    "encoded_utf8": ("_ORIG = <S>\nCRED = _ORIG.encode('utf-8')", "CRED"),
}


def _flow_program(sink: sinks.Sink, flow: str, scope: str = "module") -> tuple[str, str, tuple[int, int]]:
    """(source, the value the sink receives, (line, col) of the first written literal) for *flow* into *sink*.

    *scope* ``"function"`` puts the whole program (imports too) in a function body.
    """
    secret = _secret(sink.qualname)
    if sink.expects == "dsn":  # a DSN sink takes a URL; only one with a password in it is a credential
        secret = "postgresql://app:" + secret + "@db.internal/app"
    binding, expr = FLOWS[flow]
    head, tail = secret[: len(secret) // 2], secret[len(secret) // 2:]
    first = repr(secret) if "<S>" in binding else repr(head)
    binding, expr = (s.replace("<S>", repr(secret)).replace("<A>", repr(head)).replace("<B>", repr(tail))
                     for s in (binding, expr))
    src = _program(sink, binding, expr)
    if scope == "function":
        src = "def main():\n" + textwrap.indent(src, "    ")
    (line,) = [n for n, text in enumerate(src.splitlines(), 1) if first in text]
    return src, secret, (line, src.splitlines()[line - 1].index(first))


@pytest.mark.parametrize("flow", sorted(FLOWS))
@pytest.mark.parametrize("sink", sinks.SINKS, ids=IDS)
def test_constant_reaches_sink(sink, flow):
    src, secret, (line, col) = _flow_program(sink, flow)
    found = _nsc401(src)
    assert len(found) == 1, src
    f = found[0]
    assert (f.code, f.line, f.col) == ("NSC401", line, col), src  # the (first) literal's own position
    assert f.secret == secret and secret not in f.message
    assert sink.qualname in f.message and "constant from" not in f.message, f.message  # not "from elsewhere"
    assert not f.is_bytes  # the literal that holds it is a str, even when the sink gets its .encode()


# One sink per way of passing the credential: keyword, positional, a method of an instance, an auth tuple.
SCOPE_SINKS = [s for s in sinks.SINKS
               if s.qualname in ("psycopg2.connect", "hmac.new", "smtplib.SMTP.login", "requests.get")]


@pytest.mark.parametrize("flow", sorted(FLOWS))
@pytest.mark.parametrize("sink", SCOPE_SINKS, ids=lambda s: s.qualname)
def test_flow_in_function_scope(sink, flow):
    src, secret, (line, col) = _flow_program(sink, flow, scope="function")
    (f,) = _nsc401(src)
    assert (f.line, f.col, f.secret) == (line, col, secret), src


NEGATIVES = {
    "environ": "import os\nCRED = os.environ['APP_CRED']",
    "getenv": "import os\nCRED = os.getenv('APP_CRED', '')",
    "config": "import configparser\n_c = configparser.ConfigParser()\nCRED = _c.get('db', 'password')",
    "input": "CRED = input()",
    "secrets": "import secrets\nCRED = secrets.token_hex(16)",
    "placeholder": "CRED = 'changeme'",
    "fill_in": "CRED = 'yourDatabasePassword'",
    "fill_in_glued": "CRED = 'yourdatabasePassword'",
    "template": "CRED = '${APP_CRED}'",
    "slot": "CRED = '<<APP_CRED>>'",
    "none_like": "CRED = 'None'",
    "empty": "CRED = ''",
    # Ambiguous: inference gives more than one value (or one it cannot know), so nothing is reported even
    # though one branch holds a real password (<S>, <T>: filled with generated values at test time).
    "ambiguous_environ": "import os\n_flag = os.environ.get('PROD')\nCRED = <S> if _flag else os.environ['P']",
    "ambiguous_constants": "import os\n_flag = os.environ.get('PROD')\nCRED = <S> if _flag else <T>",
    "ambiguous_branches": "import os\nif os.environ.get('PROD'):\n    CRED = <S>\nelse:\n    CRED = os.getenv('P')",
    "ambiguous_rebound": "import os\nCRED = <S>\nif os.environ.get('PROD'):\n    CRED = os.environ['P']",
    "augmented_unknown": "import os\nCRED = <S>\nCRED += os.environ['SUFFIX']",
    "fstring_unknown": "import os\n_HEAD = <S>\nCRED = f\"{_HEAD}{os.environ['SUFFIX']}\"",
}


@pytest.mark.parametrize("kind", sorted(NEGATIVES))
@pytest.mark.parametrize("sink", sinks.SINKS, ids=IDS)
def test_non_constant_is_silent(sink, kind):
    binding = NEGATIVES[kind].replace("<S>", repr(_secret("neg-s"))).replace("<T>", repr(_secret("neg-t")))
    _silent(_program(sink, binding))


# A word or a phrase where a person chooses the value (a password, a JWT or framework signing key) is still the
# secret in use: reported as weak (issue 12). Where a service issues the credential (an API key, a token) or the key
# has a format of its own (Fernet, a service account's PEM key), a word cannot work: silent. A fill-in ('changeme',
# 'yourDatabasePassword') stays silent everywhere (NEGATIVES).
WEAK_VALUES = ["coyote", "dev", "super secret key"]


@pytest.mark.parametrize("value", WEAK_VALUES)
@pytest.mark.parametrize("sink", sinks.SINKS, ids=IDS)
def test_weak_constant(sink, value):
    src = _program(sink, f"CRED = {value!r}")
    found = [f for f in scan_source(src) if f.where.startswith("reaches ")]  # inference's, not the name rules'
    if not verdict.takes_chosen_value(sink):
        assert found == [], src
        return
    (f,) = found  # NSC207, a weak or default secret, as when it is written where it is used
    what = sink.expects.replace("-", " ")
    assert (f.code, f.secret) == ("NSC207", value) and f.message.startswith(f"weak or default {what} ")
    assert value not in f.message and f.line == 1 + src.splitlines().index(f"CRED = {value!r}")


@pytest.mark.parametrize("sink", [s for s in sinks.SINKS if s.kind == "call"], ids=lambda s: s.qualname)
def test_parameter_is_silent(sink):
    body = textwrap.indent(_program(sink, "CRED = cred"), "    ")
    src = f"def f(cred):\n{body}"
    _silent(src)


def _code(src: str) -> str:
    return textwrap.dedent(src).lstrip()


def test_alias_import_and_function_scope():
    pw = _secret("alias")
    src = _code(f"""
        from psycopg2 import connect as c

        def open_db():
            db = {pw!r}
            return c(host="db", password=db)
        """)
    (f,) = _nsc401(src)
    assert (f.line, f.col) == (4, 9) and "psycopg2.connect(password=)" in f.message


def test_module_alias_and_class_attribute():
    key = _secret("cls")
    src = _code(f"""
        import jwt as j

        class Conf:
            SIGN = {key!r}

        token = j.encode({{"a": 1}}, Conf.SIGN)
        """)
    (f,) = _nsc401(src)
    assert (f.line, f.col) == (4, 11)


def test_tuple_assignment_and_augmented_assignment():
    a, b = _secret("t1"), _secret("t2")
    src = _code(f"""
        import smtplib
        USER, PW = "svc", {a!r}
        s = smtplib.SMTP("mail")
        s.login(USER, PW)
        K = {b[:7]!r}
        K += {b[7:]!r}
        import hmac
        hmac.new(K.encode(), b"m", "sha256")
        """)
    found = _nsc401(src)
    assert [(f.line, f.col, f.secret) for f in found] == [(2, 18, a), (5, 4, b)]  # += and .encode() followed


def test_concatenation_reported_at_first_piece():
    head, tail = _secret("c1"), _secret("c2")
    src = _code(f"""
        import pymongo
        P1 = {head!r}
        P = P1 + {tail!r}
        pymongo.MongoClient(password=P)
        """)
    (f,) = _nsc401(src)
    assert (f.line, f.col) == (2, 5) and f.secret == head + tail


def test_final_constant():
    pw = _secret("final")
    src = _code(f"""
        from typing import Final
        import redis
        PW: Final = {pw!r}
        redis.Redis(password=PW)
        """)
    (f,) = _nsc401(src)
    assert (f.line, f.col) == (3, 12)


def test_ambiguous_inference_is_silent():
    a, b = _secret("amb1"), _secret("amb2")
    src = _code(f"""
        import os, psycopg2
        if os.environ.get("PROD"):
            PW = {a!r}
        else:
            PW = os.environ["PW"]
        psycopg2.connect(password=PW)
        """)
    assert _nsc401(src) == []
    src2 = src.replace('os.environ["PW"]', repr(b))
    assert _nsc401(src2) == []  # two constants: still not one value


def test_no_sink_means_no_astroid(monkeypatch):
    src = "import os\nX = 1\nprint(os.sep)\n"
    assert not infer.prepass(src, ast.parse(src)).enter
    monkeypatch.setattr(infer, "infer_findings", lambda *a, **k: pytest.fail("astroid entered"))
    assert scan_source(src) == []


def test_unrelated_call_with_same_last_name_is_silent():
    pw = _secret("unrel")
    src = _code(f"""
        import mylib
        PW = {pw!r}
        mylib.connect(password=PW)
        """)
    # The pre-pass already rejects it (no sink package imported) and the engine agrees.
    reach = infer.prepass(src, ast.parse(src))
    assert not reach.enter and not reach.literals
    assert infer.infer_findings(src) == []


@pytest.mark.parametrize(("src", "enters"), [
    # a sink's package imported, but the call cannot be that sink: astroid is not entered
    ("import cx_Oracle\nfrom . import util\nsock.connect(host, port)\n", False),
    ("import jwt\nfrom .codec import codec\ndata = codec.encode(text, errors)\n", False),
    ("import hmac\nfrom . import fields\nobj = fields.new(key)\n", False),
    ("from . import stripe\nself.api_key = key\n", False),
    ("import stripe\nself.api_key = key\n", False),
    ("import psycopg2\nfrom .conn import connect\nconnect(password=PW)\n", False),
    # the same calls through the package's own names: entered (KEY and PW come from another module)
    ("from .settings import KEY\nimport jwt as j\nj.encode(payload, KEY)\n", True),
    ("from .settings import KEY\nfrom hmac import new\nnew(KEY)\n", True),
    ("from .settings import PW\nfrom psycopg2 import connect as c\nc(password=PW)\n", True),
    ("from .settings import KEY\nimport stripe\nstripe.api_key = KEY\n", True),
    ("from .settings import PW\nimport smtplib\nserver.login(user, PW)\n", True),  # a method sink: any object
    ("from .settings import KEY\nALLOWED_HOSTS = []\nSECRET_KEY = KEY\n", True),  # a Django settings module
    ("from .settings import KEY\nSECRET_KEY = KEY\n", False),  # a module that only names a variable SECRET_KEY
])
def test_prepass_admits_only_calls_that_can_be_the_sink(src, enters):
    assert infer.prepass(src, ast.parse(src)).enter is enters


# The credential argument, and whether the pre-pass lets astroid look at it. <S> is a generated password.
# Not entered: no binding in the module can make the argument a reportable literal, and astroid agrees.
ARGUMENTS = {
    "parameter": ("def go(pw):\n    psycopg2.connect(password=pw)", False),
    "environ": ("PW = os.environ['PW']\npsycopg2.connect(password=PW)", False),
    "library_call": ("PW = vault.read('db')\npsycopg2.connect(password=PW)", False),
    "input": ("PW = input()\npsycopg2.connect(password=PW)", False),
    "empty_then_prompt": ("PW = ''\nif not PW:\n    PW = input()\npsycopg2.connect(password=PW)", False),
    "empty": ("PW = ''\npsycopg2.connect(password=PW)", False),
    "placeholder": ("PW = 'changeme'\npsycopg2.connect(password=PW)", False),
    "template_value": ("PW = '${DB_PASSWORD}'\npsycopg2.connect(password=PW)", False),
    "word_api_key": ("KEY = 'coyote'\nrequests.get(url, headers={'Authorization': KEY})", False),
    "repetition": ("KEY = b'\\x0b' * 16\nhmac.new(KEY, b'', 'sha256')", False),
    "attribute_from_parameter": ("class Db:\n    def __init__(self, pw):\n        self.pw = pw\n"
                                 "    def open(self):\n        psycopg2.connect(password=self.pw)", False),
    "function_of_environ": ("def pw():\n    return os.environ['PW']\npsycopg2.connect(password=pw())", False),
    "instance": ("class Secret:\n    pass\npsycopg2.connect(password=Secret())", False),
    "fstring_of_parameter": ("def go(user):\n    psycopg2.connect(password=f'{user}-pw')", False),
    "library_object_attribute": ("import configparser\ncfg = configparser.ConfigParser()\n"
                                 "psycopg2.connect(password=cfg.password)", False),
    "environ_method": ("psycopg2.connect(password=os.environ.get('PW'))", False),
    "unpacked_from_library": ("USER, PW = vault.pair('db')\npsycopg2.connect(password=PW)", False),
    # Not entered either: the credential is written in place, so its value is known without inference; the
    # pre-pass reports it (Reach.literals) when it passes the same filters (a placeholder, a DSN without a
    # password, a word do not).
    "literal": ("psycopg2.connect(password=<S>)", False),
    "literal_auth_tuple": ("requests.get(url, auth=('svc', <S>))", False),
    "literal_placeholder": ("psycopg2.connect(password='<db-password>')", False),
    "word_literal": ("psycopg2.connect(password='python')", False),  # written in place: the name rules' (NSC207)
    "literal_bytes_key": ("hmac.new(<B>, b'', 'sha256')", False),
    # Entered: a literal can reach it, or this module cannot see (another module's name): astroid decides.
    "name": ("PW = <S>\npsycopg2.connect(password=PW)", True),
    "one_branch_literal": ("PW = os.environ.get('PW')\nif not PW:\n    PW = <S>\npsycopg2.connect(password=PW)", True),
    "attribute": ("class Db:\n    def __init__(self):\n        self.pw = <S>\n"
                  "    def open(self):\n        psycopg2.connect(password=self.pw)", True),
    "function_return": ("def pw():\n    return <S>\npsycopg2.connect(password=pw())", True),
    "imported_name": ("from .settings import PW\npsycopg2.connect(password=PW)", True),
    "imported_module": ("from . import settings\npsycopg2.connect(password=settings.DB_PW)", True),
    "imported_class_attribute": ("from .config import Config\ncfg = Config()\npsycopg2.connect(password=cfg.password)",
                                 True),
    "imported_object_on_self": ("from .config import Config\nclass Db:\n    def __init__(self):\n"
                                "        self.cfg = Config()\n    def open(self):\n"
                                "        psycopg2.connect(password=self.cfg.password)", True),
    "imported_function": ("from .vault import get_password\npsycopg2.connect(password=get_password())", True),
    "imported_dict_item": ("from .settings import DATABASES\n"
                           "psycopg2.connect(password=DATABASES['default']['PASSWORD'])", True),
    "star_import": ("from .settings import *\npsycopg2.connect(password=PW)", True),
    "loop": ("for PW in [<S>]:\n    psycopg2.connect(password=PW)", True),
    "pieces": ("HEAD = 'db'\npsycopg2.connect(password=f'{HEAD}-' + <S>)", True),
    "percent_number": ("psycopg2.connect(password='%s%d' % (<S>, 7))", True),
    "format": ("HEAD = 'db'\npsycopg2.connect(password='{}{}'.format(HEAD, <S>))", True),
    "encoded": ("KEY = <S>\nhmac.new(KEY.encode(), b'', 'sha256')", True),
    "unpacked": ("USER, PW = 'svc', <S>\npsycopg2.connect(password=PW)", True),
    "tuple_item": ("AUTH = ('svc', <S>)\npsycopg2.connect(password=AUTH[1])", True),
    "auth_tuple": ("AUTH = ('svc', <S>)\nrequests.get(url, auth=AUTH)", True),
    # a word or default where a password is chosen: a weak password, followed like any other
    "word": ("PW = 'coyote'\npsycopg2.connect(password=PW)", True),
    "tuple_item_word": ("AUTH = ('ops@corp.test', 'coyote')\npsycopg2.connect(password=AUTH[1])", True),
}


# How many NSC401 findings each program gives (astroid's when entered, else the pre-pass's literals in place).
# None: the name comes from another module, absent here (astroid reports nothing; the case is about entering).
# Two of the entered ones report nothing: one branch reads the environment (ambiguous), and a loop over a
# one-literal list is that literal.
FOUND = {"literal": 1, "literal_auth_tuple": 1, "literal_bytes_key": 1, "one_branch_literal": 0, "loop": 1}


@pytest.mark.parametrize("case", sorted(ARGUMENTS))
def test_prepass_enters_astroid_only_when_a_literal_can_reach_the_argument(case):
    body, enters = ARGUMENTS[case]
    secret = _secret(case)
    src = "import hmac\nimport os\nimport psycopg2\nimport requests\n" + body.replace(
        "<S>", repr(secret)).replace("<B>", repr(secret.encode())) + "\n"
    reach = infer.prepass(src, ast.parse(src))
    assert reach.enter is enters
    expected = FOUND.get(case, 1 if enters else 0)
    if "from ." in body:
        assert enters and infer.infer_findings(src) == []  # the module it names is not there
    elif enters:
        assert not reach.literals and len(infer.infer_findings(src)) == expected
    else:
        found = list(prepass.literal_findings(reach, src.splitlines()))
        assert len(found) == expected and all(f.secret == secret for f in found)
        assert infer.infer_findings(src) == found  # astroid, asked anyway, agrees with the pre-pass


def test_cross_module_constant(tmp_path):
    pw = _secret("xmod")
    pkg = tmp_path / "app"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "settings.py").write_text(f"DB_PW = {pw!r}\n")
    main = pkg / "db.py"
    main.write_text("import psycopg2\nfrom app.settings import DB_PW\nfrom . import settings\n"
                    "psycopg2.connect(password=DB_PW)\npsycopg2.connect(password=settings.DB_PW)\n")
    found = [f for f in scan_source(main.read_text(), filename=str(main)) if f.code == "NSC401"]
    assert [(f.line, f.col) for f in found] == [(4, 26), (5, 26)]  # at the argument: the literal is elsewhere
    assert all("app.settings:1" in f.message and pw not in f.message for f in found)


def test_cross_module_class_attribute_and_function(tmp_path):
    """A project class's attribute or function's return, imported: the pre-pass must let astroid look."""
    pw, key = _secret("xmod-cls"), _secret("xmod-fn")
    pkg = tmp_path / "app"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "config.py").write_text(f"class Config:\n    password = {pw!r}\n\n\ndef get_password():\n"
                                   f"    return {key!r}\n")
    main = pkg / "db.py"
    main.write_text("import psycopg2\nfrom app.config import Config, get_password\nclass Db:\n"
                    "    def __init__(self):\n        self.cfg = Config()\n\n    def open(self):\n"
                    "        psycopg2.connect(password=self.cfg.password)\n"
                    "        psycopg2.connect(password=get_password())\n")
    found = [f for f in scan_source(main.read_text(), filename=str(main)) if f.code == "NSC401"]
    assert [(f.line, f.secret) for f in found] == [(8, pw), (9, key)]


def test_scan_source_dedupes_and_option_off():
    pw = _secret("dedupe")
    src = f"import psycopg2\nDB_PASSWORD = {pw!r}\nN = {pw!r}\npsycopg2.connect(password=DB_PASSWORD)\n" \
          f"psycopg2.connect(password=N)\n"
    found = scan_source(src)
    line2 = [f for f in found if f.line == 2]
    assert len(line2) == 1 and line2[0].code != "NSC401"  # the name-based finding wins at that position
    assert [f.line for f in found if f.code == "NSC401"] == [3]
    off = opts.build({"nosecrets-inference": "false"})
    assert [f for f in scan_source(src, options=off) if f.code == "NSC401"] == []


def test_low_entropy_password_is_reported():
    weak = "admin" + str(100 + 23)  # built at run time: a literal would trip our own NSC206
    src = f"import pymysql\nX = {weak!r}\npymysql.connect(user='root', password=X)\n"
    (f,) = _nsc401(src)
    assert f.line == 2 and "pymysql.connect" in f.message


# docs/inference.md lists every sink: the block between the markers is exactly what sink_table() renders.
INFERENCE_MD = Path(__file__).resolve().parent.parent / "docs" / "inference.md"
SINKS_BEGIN = "<!-- sinks: generated from flake8_nosecrets/sinks.py by `python tests/test_infer.py`; do not edit -->"
SINKS_END = "<!-- /sinks -->"
_KINDS = {"call": "call", "attribute": "module attribute assigned", "setting": "setting assigned"}


def sink_table() -> str:
    """The sink list of docs/inference.md, from :data:`sinks.SINKS` (in table order)."""
    rows = [
        f"{len({s.qualname for s in sinks.SINKS})} APIs from {len({s.qualname.split('.')[0] for s in sinks.SINKS})} "
        f"packages ({len(sinks.SINKS)} rows: an API with two credential parameters has a row for each).",
        "",
        "| API | kind | credential parameter | position | expects | reference |",
        "|---|---|---|---|---|---|",
    ]
    for s in sinks.SINKS:
        position = "—" if s.kind != "call" else "keyword only" if s.position is None else str(s.position)
        rows.append(f"| `{s.qualname}` | {_KINDS[s.kind]} | `{s.param}` | {position} | {s.expects} "
                    f"| [docs]({s.reference}) |")
    return "\n".join(rows) + "\n"


def _sinks_block(text: str) -> str:
    assert text.count(SINKS_BEGIN) == 1 and text.count(SINKS_END) == 1, "sink table markers missing"
    return text.split(SINKS_BEGIN, 1)[1].split(SINKS_END, 1)[0].strip("\n") + "\n"


def test_inference_md_lists_every_sink():
    text = INFERENCE_MD.read_text(encoding="utf-8")
    missing = [s.qualname for s in sinks.SINKS if f"| `{s.qualname}` |" not in text]
    assert not missing, f"docs/inference.md does not list {missing}: run python tests/test_infer.py"
    assert _sinks_block(text) == sink_table(), "docs/inference.md's sink table is stale: run python tests/test_infer.py"


def test_inference_md_names_the_option_and_the_pylint_ids():
    text = INFERENCE_MD.read_text(encoding="utf-8")
    from flake8_nosecrets import pylint_plugin, rules

    assert any(s.name == "nosecrets-inference" for s in opts.SPECS) and "`nosecrets-inference = false`" in text
    assert pylint_plugin.message_id("NSC401") in text and rules.BY_CODE["NSC401"].pylint_symbol in text
    assert "--load-plugins=flake8_nosecrets.pylint_plugin" in text


# The fixer's equivalence corpus (tests/test_fix_equivalence.py) holds programs whose only findings are inferred
# ones: inferred_*.py.tmpl. They stay that way (a name rule finding them first would stop them testing NSC401),
# and the fixer really moves their inferred literal.
INFERRED_CORPUS = sorted(fix_equivalence.CORPUS.glob("inferred_*.py.tmpl"))


def test_fix_corpus_has_inferred_only_programs():
    assert len(INFERRED_CORPUS) >= 2


@pytest.mark.parametrize("tmpl", INFERRED_CORPUS, ids=lambda p: p.name)
def test_fix_corpus_program_is_found_by_inference_only_and_fixed(tmpl: Path):
    name = tmpl.name[: -len(".tmpl")]
    src = fix_equivalence.fill(tmpl.read_text(encoding="utf-8"), fix_equivalence.slot_values())
    found = detect(src, name)
    assert found and {f.code for f in found} == {"NSC401"}, [f.message for f in found]
    new, moves, manual = fix_code(src, name, name_for=lambda f, value, wanted: wanted)
    text = new.decode("utf-8")
    assert manual == [] and len(moves) == len({(f.line, f.col) for f in found})
    assert all(f.secret not in text for f in found) and text.count("os.environ[") == len(moves)
    assert detect(text, name) == []


if __name__ == "__main__":  # regenerate the sink table of docs/inference.md
    _text = INFERENCE_MD.read_text(encoding="utf-8")
    _head, _rest = _text.split(SINKS_BEGIN, 1)
    INFERENCE_MD.write_text(_head + SINKS_BEGIN + "\n" + sink_table() + SINKS_END + _rest.split(SINKS_END, 1)[1],
                            encoding="utf-8")


METHOD_SINKS = [s for s in sinks.SINKS if s.kind == "call" and _split(s.qualname)[1]]


@pytest.mark.parametrize("sink", METHOD_SINKS, ids=[s.qualname for s in METHOD_SINKS])
def test_instance_from_a_with_statement(sink):
    """``with smtplib.SMTP(host) as s: s.login(user, PW)``: the object bound by ``with`` is an instance."""
    plain = _program(sink, f"CRED = {_secret('with:' + sink.qualname)!r}")
    mod, cls, fn = _split(sink.qualname)
    src = plain.replace(f"obj = {mod}.{cls}()\nobj.{fn}(", f"with {mod}.{cls}() as obj:\n    obj.{fn}(")
    assert src != plain
    (f,) = _nsc401(src)
    assert (f.code, f.line, f.col) == ("NSC401", 2, 7)


def test_astroid_failures_skip_the_call_but_our_bugs_propagate(monkeypatch):
    """An astroid exception (or RecursionError) skips the call it hit; under the tests (STRICT) it is raised
    again; any other exception is a bug of ours and is never swallowed (issue 16)."""
    import astroid

    src = f"import psycopg2\nPW = {_secret('strict')!r}\npsycopg2.connect(password=PW)\n"
    assert len(_nsc401(src)) == 1

    def astroid_fails(node, module, settings, weak=True):
        raise astroid.InferenceError("astroid could not")

    monkeypatch.setattr(infer, "_check", astroid_fails)
    with pytest.raises(astroid.InferenceError):
        infer.infer_findings(src)  # conftest sets STRICT
    monkeypatch.setattr(infer, "STRICT", False)
    assert infer.infer_findings(src) == []  # as in a user's run: that call is skipped, the lint goes on

    def our_bug(node, module, settings, weak=True):
        raise KeyError("a bug of ours")

    monkeypatch.setattr(infer, "_check", our_bug)
    with pytest.raises(KeyError):
        infer.infer_findings(src)


def _package(tmp_path: Path, name: str, files: dict[str, str]) -> Path:
    """A package *name* under *tmp_path* (a name of its own per test: astroid caches where it found a module
    for the rest of the process, as importlib does)."""
    pkg = tmp_path / name
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for name, text in files.items():
        (pkg / name).write_text(text)
    return pkg


def _inferred(path: Path) -> list:
    return [f for f in scan_source(path.read_text(), filename=str(path)) if f.code == "NSC401"]


def test_astroid_reads_only_small_project_modules(tmp_path, monkeypatch):
    """The inference budget: a constant in a project module over MAX_MODULE_BYTES is not followed (astroid
    would build every module that one imports); within the budget it is."""
    pw = _secret("budget-size")
    filler = "".join(f"X{i} = {i}\n" for i in range(infer.MAX_MODULE_BYTES // 8))
    db = "import psycopg2\nfrom sizeapp.settings import DB_PW\npsycopg2.connect(password=DB_PW)\n"
    pkg = _package(tmp_path, "sizeapp", {"settings.py": f"DB_PW = {pw!r}\n{filler}", "db.py": db})
    assert (pkg / "settings.py").stat().st_size > infer.MAX_MODULE_BYTES
    assert _inferred(pkg / "db.py") == []
    monkeypatch.setattr(infer, "MAX_MODULE_BYTES", 10 * infer.MAX_MODULE_BYTES)
    (f,) = _inferred(pkg / "db.py")
    assert f.line == 3 and "sizeapp.settings:1" in f.message


def test_astroid_reads_at_most_max_modules(tmp_path, monkeypatch):
    """A constant re-exported through more project modules than MAX_MODULES is not followed; with one more
    module allowed it is. Libraries and the standard library are never read: `read` holds project modules."""
    pw = _secret("budget-count")
    n = infer.MAX_MODULES + 1
    files = {f"m{i}.py": f"from chainapp.m{i + 1} import DB_PW\n" for i in range(n - 1)}
    files[f"m{n - 1}.py"] = f"import os\nDB_PW = {pw!r}\n"
    files["db.py"] = "import psycopg2\nfrom chainapp.m0 import DB_PW\npsycopg2.connect(password=DB_PW)\n"
    pkg = _package(tmp_path, "chainapp", files)
    seen: list[set] = []
    gate = infer._project_modules_only

    @contextlib.contextmanager
    def spy(root, budget):
        with gate(root, budget):
            yield budget
            seen.append(set(budget.read))

    monkeypatch.setattr(infer, "_project_modules_only", spy)
    assert _inferred(pkg / "db.py") == []
    assert len(seen[-1]) == infer.MAX_MODULES and all(m.startswith("chainapp") for m in seen[-1])
    monkeypatch.setattr(infer, "MAX_MODULES", n + 1)  # the package's __init__ counts too
    (f,) = _inferred(pkg / "db.py")
    assert f.line == 3 and f.secret == pw and seen[-1] >= {f"chainapp.m{i}" for i in range(n)} and "os" not in seen[-1]


def test_the_standard_library_is_no_projects(tmp_path, monkeypatch):
    """A module named in the standard library is never read as the project's, even from under the checked file's
    root (CPython's Lib/test: the directory of the whole library): it holds no project's constants. A package
    of the standard library still reads its own modules."""
    pw = _secret("stdlib-gate")
    _package(tmp_path, "gateconf", {"values.py": f"DB_PW = {pw!r}\n"})
    app = _package(tmp_path, "gateapp", {"settings.py": f"DB_PW = {pw!r}\n",
                                         "db.py": "import psycopg2\nfrom gateconf.values import DB_PW\n"
                                                  "from gateapp.settings import DB_PW as OWN\n"
                                                  "psycopg2.connect(password=DB_PW)\npsycopg2.connect(password=OWN)\n"})
    assert [f.line for f in _inferred(app / "db.py")] == [4, 5]
    monkeypatch.setattr(sys, "stdlib_module_names", sys.stdlib_module_names | {"gateconf", "gateapp"})
    assert [f.line for f in _inferred(app / "db.py")] == [5]


# Issue 12: NSC401 reported a placeholder as reaching Django's setting in a notebook that never imports Django.
SETTING_GATE = {
    # (module, the file's name, reported): SECRET_KEY is Django's setting only in a settings module
    "notebook_placeholder": ("import praw\nSECRET_KEY = '<<REDDIT_SECRET_KEY>>'\n", "notebook.py", False),
    "notebook_real_value": ("import praw\nSECRET_KEY = <S>\nreddit = praw.Reddit(client_secret=SECRET_KEY)\n",
                            "notebook.py", False),
    "settings_placeholder": ("ALLOWED_HOSTS = []\nSECRET_KEY = '<<DJANGO_SECRET_KEY>>'\n", "settings.py", False),
    "settings_file": ("_K = <S>\nSECRET_KEY = _K\n", "settings.py", True),
    "settings_package": ("_K = <S>\nSECRET_KEY = _K\n", "proj/settings/prod.py", True),
    "django_settings_names": ("_K = <S>\nINSTALLED_APPS = ['app']\nSECRET_KEY = _K\n", "base.py", True),
    "imports_django": ("import django\n_K = <S>\nSECRET_KEY = _K\n", "base.py", True),
    "flask_not_imported": ("_K = <S>\napp.config['SECRET_KEY'] = _K\napp.secret_key = _K\n", "app.py", False),
    "flask_attribute": ("import flask\n_K = <S>\napp = flask.Flask(__name__)\napp.secret_key = _K\n", "app.py", True),
    "flask_subscript_lowercase": ("import flask\n_K = <S>\napp.config['secret_key'] = _K\n", "app.py", False),
}


@pytest.mark.parametrize("case", sorted(SETTING_GATE))
def test_settings_pass_the_import_gate(case):
    src, name, reported = SETTING_GATE[case]
    src = src.replace("<S>", repr(_secret(case)))
    found = [f for f in scan_source(src, filename=name) if f.code == "NSC401"]
    assert bool(found) is reported, [f.message for f in found]
    if reported:
        (f,) = found
        assert f.line == src.splitlines().index(next(x for x in src.splitlines() if x.startswith("_K"))) + 1


# Issue 12 item 6: the shapes real projects use, through a constant whose name says nothing (a secret-like name
# is the name rules' finding, which wins at the literal). <S> is a generated secret; the finding sits at the line
# marked "# <-" and reports <S> (the credential, without a header's scheme), or <D> for a DSN built from pieces,
# which is reported whole at its first piece (the fixer then asks for a hand edit).
SHAPES = {
    "positional_login": "import smtplib\nMAILBOX = 'reports@corp.test'\nSMTP_VALUE = <S>  # <-\n"
                        "server = smtplib.SMTP_SSL('smtp.corp.test')\nserver.login(MAILBOX, SMTP_VALUE)\n",
    "tuple_unpacked": "import smtplib\nMAILBOX, VALUE = 'svc', <S>  # <-\nwith smtplib.SMTP('mx') as s:\n"
                      "    s.login(MAILBOX, VALUE)\n",
    "attribute_sink": "from flask import Flask\nSIGNER = <S>  # <-\napp = Flask(__name__)\napp.secret_key = SIGNER\n",
    "header_concatenated": "import requests\nVALUE_A = <S>  # <-\n"
                           "requests.get(URL, headers={'Authorization': 'Bearer ' + VALUE_A})\n",
    "header_fstring": "import requests\nVALUE_A = <S>  # <-\nHDRS = {'Authorization': f'Bearer {VALUE_A}'}\n"
                      "session = requests.Session()\nsession.request('GET', URL, headers=HDRS)\n",
    "header_percent": "import httpx\nVALUE_A = <S>  # <-\nHDRS = {'Authorization': 'Token %s' % VALUE_A}\n"
                      "client = httpx.Client(headers=HDRS)\n",
    "dsn_concatenated": "from sqlalchemy import create_engine\nDB_VALUE = <S>\n"
                        "engine = create_engine('postgresql://app:' + DB_VALUE + '@db.internal/app')  # <-\n",
}


@pytest.mark.parametrize("case", sorted(SHAPES))
def test_shapes_through_a_constant(case):
    secret = _secret("shape:" + case)
    src = SHAPES[case].replace("<S>", repr(secret))
    line = next(n for n, text in enumerate(src.splitlines(), 1) if text.endswith("# <-"))
    found = scan_source(src, filename="app.py")
    first = repr(secret) if case != "dsn_concatenated" else "'postgresql://app:'"
    expected = secret if case != "dsn_concatenated" else f"postgresql://app:{secret}@db.internal/app"
    assert [(f.code, f.line, f.col, f.secret) for f in found] == [
        ("NSC401", line, src.splitlines()[line - 1].index(first), expected)]
    assert secret not in found[0].message


@pytest.mark.parametrize("path", ["tests/test_mail.py", "app/tests/helpers.py", "conftest.py", "mail_test.py"])
def test_weak_constant_in_test_code_is_the_tests(path):
    """A test's password for the server it simulates (CPython's test_smtplib) is not reported as weak; a real
    credential in test code still is."""
    weak = "import smtplib\nPAIR = ('user@corp.test', 'coyote')\nsmtplib.SMTP('mx').login(PAIR[0], PAIR[1])\n"
    assert [f for f in scan_source(weak, filename=path) if f.code in ("NSC401", "NSC207")] == []
    assert [f.code for f in scan_source(weak, filename="app/mail.py")] == ["NSC207"]
    strong = weak.replace("'coyote'", repr(_secret("test-code")))
    assert [f.code for f in scan_source(strong, filename=path)] == ["NSC401"]


# The pre-pass judges a whole value as astroid's stage will (verdict.judge): in test code a word through a name is
# the test's own (never reported), a URL given where a DSN goes counts only with a password in it, in any code, and
# what ``+=`` adds to is a piece of the value, judged whole only once built. (body, file, entered, NSC401 findings
# of astroid asked anyway): not entered means it finds none.
JUDGED = {
    "weak_in_test_code": ("PW = 'coyote'\npsycopg2.connect(password=PW)", "tests/test_db.py", False, 0),
    "weak_in_app_code": ("PW = 'coyote'\npsycopg2.connect(password=PW)", "app/db.py", True, 1),
    "strong_in_test_code": ("PW = <S>\npsycopg2.connect(password=PW)", "tests/test_db.py", True, 1),
    "weak_built_in_place": ("PW = 'coy'\nPW += 'ote'\npsycopg2.connect(password=PW)", "app/db.py", True, 1),
    "url_without_password": ("URL = 'postgresql://db.internal/app'\ncreate_engine(URL)", "app/db.py", False, 0),
    "url_prefixes_in_a_loop": ("for prefix, driver in [('mysql://', 'mysqldb'), ('sqlite://', 'pysqlite')]:\n"
                               "    create_engine(prefix)", "tests/test_engine.py", False, 0),
    "weak_url_password_in_test_code": ("URL = 'postgresql://app:<W>@db.internal/app'\ncreate_engine(URL)",
                                       "tests/test_engine.py", True, 1),
}


@pytest.mark.parametrize("case", sorted(JUDGED))
def test_prepass_judges_a_value_as_astroid_will(case):
    body, filename, enters, found = JUDGED[case]
    body = body.replace("<S>", repr(_secret(case))).replace("<W>", "coyote")  # a word, as a person types one
    src = "import psycopg2\nfrom sqlalchemy import create_engine\n" + body + "\n"
    assert infer.prepass(src, ast.parse(src), filename).enter is enters
    assert len(infer.infer_findings(src, filename)) == found


def test_import_in_a_docstring_is_not_an_import():
    """A module whose docstring shows ``from sqlalchemy import create_engine`` (SQLAlchemy's own modules) does not
    pass the pre-pass: only import statements count, found by a walk of the statements alone."""
    pw = _secret("docstring")
    dsn = f"postgresql://app:{pw}@db.internal/app"
    doc = f'"""Usage::\n\n    from sqlalchemy import create_engine\n    create_engine(URL)\n"""\nURL = {dsn!r}\n'
    assert not infer.prepass(doc, ast.parse(doc)).enter
    real = doc + "from sqlalchemy import create_engine\ncreate_engine(URL)\n"
    assert infer.prepass(real, ast.parse(real)).enter
