"""NSC401: constants followed into the APIs of sinks.py (issue 4).

Every sink gets a positive case (a literal reaching it through a name) and
negative cases (environment, parameter, config read), parametrised from the
table itself so no entry can lack a case. Secrets are built at run time.
"""

from __future__ import annotations

import ast
import textwrap

import pytest

from flake8_nosecrets import infer, options as opts, sinks
from flake8_nosecrets.scanner import scan_source
import secretgen


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
    if sink.param == "connect_kwargs":
        return f'{{"password": {expr}}}'
    return expr


def _program(sink: sinks.Sink, binding: str) -> str:
    """A module in which *binding* defines CRED and CRED reaches *sink*."""
    if sink.kind == "attribute":
        mod, attr = sink.qualname.rsplit(".", 1)
        return f"import {mod}\n{binding}\n{mod}.{attr} = {_wrap(sink, 'CRED')}\n"
    if sink.kind == "setting":
        if sink.qualname.startswith("flask"):
            return f'import flask\n{binding}\napp = flask.Flask(__name__)\napp.config["SECRET_KEY"] = CRED\n'
        return f"{binding}\nSECRET_KEY = CRED\n"
    mod, cls, fn = _split(sink.qualname)
    value = _wrap(sink, "CRED")
    if sink.position is not None:
        args = ", ".join(["None"] * sink.position + [value])
    else:
        args = f"{sink.param}={value}"
    if cls:
        return f"import {mod}\n{binding}\nobj = {mod}.{cls}()\nobj.{fn}({args})\n"
    return f"import {mod}\n{binding}\n{mod}.{fn}({args})\n"


def _nsc401(source: str, filename: str = "<string>"):
    tree = ast.parse(source)
    assert infer.prepass(source, tree)
    return infer.infer_findings(source, filename)


IDS = [s.qualname for s in sinks.SINKS]


def test_table_size_and_shape():
    assert len(sinks.SINKS) >= 45
    assert len({s.qualname.split(".")[0] for s in sinks.SINKS}) >= 30
    for s in sinks.SINKS:
        assert s.reference.startswith("https://")
        assert s.expects in {"password", "api-key", "token", "signing-key", "dsn", "auth"}


@pytest.mark.parametrize("sink", sinks.SINKS, ids=IDS)
def test_constant_reaches_sink(sink):
    secret = _secret(sink.qualname)
    if sink.expects == "dsn":  # a DSN sink takes a URL; only one with a password in it is a credential
        secret = "postgresql://app:" + secret + "@db.internal/app"
    src = _program(sink, f"CRED = {secret!r}")
    found = _nsc401(src)
    assert len(found) == 1, src
    f = found[0]
    line = src.splitlines().index(f"CRED = {secret!r}") + 1
    assert (f.code, f.line, f.col) == ("NSC401", line, len("CRED = "))  # the literal's own position
    assert f.secret == secret and secret not in f.message
    assert sink.qualname in f.message


NEGATIVES = {
    "environ": "import os\nCRED = os.environ['APP_CRED']",
    "getenv": "import os\nCRED = os.getenv('APP_CRED', '')",
    "config": "import configparser\n_c = configparser.ConfigParser()\nCRED = _c.get('db', 'password')",
    "input": "CRED = input()",
    "secrets": "import secrets\nCRED = secrets.token_hex(16)",
    "placeholder": "CRED = 'changeme'",
    "template": "CRED = '${APP_CRED}'",
    "empty": "CRED = ''",
}


@pytest.mark.parametrize("kind", sorted(NEGATIVES))
@pytest.mark.parametrize("sink", sinks.SINKS, ids=IDS)
def test_non_constant_is_silent(sink, kind):
    assert _nsc401(_program(sink, NEGATIVES[kind])) == []


@pytest.mark.parametrize("sink", [s for s in sinks.SINKS if s.kind == "call"], ids=lambda s: s.qualname)
def test_parameter_is_silent(sink):
    body = textwrap.indent(_program(sink, "CRED = cred"), "    ")
    src = f"def f(cred):\n{body}"
    assert _nsc401(src) == []


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
    assert [(f.line, f.secret) for f in found][:1] == [(2, a)]


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
    assert not infer.prepass(src, ast.parse(src))
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
    assert not infer.prepass(src, ast.parse(src))
    assert infer.infer_findings(src) == []


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
