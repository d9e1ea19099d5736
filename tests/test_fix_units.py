"""Unit tests of the fixer's parts: literal cutting, names, and codemod before/after pairs."""

from __future__ import annotations

import ast

import pytest
from hypothesis import given, settings, strategies as st

import secretgen
from flake8_nosecrets import providers
from flake8_nosecrets.findings import Binding, Finding
from flake8_nosecrets.fix import envname, literals
from flake8_nosecrets.fix.codemod import fix_code

GH = secretgen.provider_samples(providers.BY_ID["github-pat"])[0]
K = secretgen.random_key(secretgen.rng("units"), 32)
K16 = secretgen.random_key(secretgen.rng("units16"), 16)


# ----------------------------------------------------------------------------- literals


def _spellings(value: str) -> list[str]:
    r = repr(value)
    out = [r, "u" + r]
    if not set(value) & set("'\\\n\r\x00"):
        out.append("r'" + value + "'")
    triple = '"""' + r[1:-1].replace('"', '\\"') + '"""'
    out.append(triple)
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=30), st.data())
def test_cut_is_exact_or_refused(value, data):
    for token in _spellings(value):
        lit = literals.Literal.parse(token)
        assert literals.as_text(literals.evaluate(lit)) == value
        i = data.draw(st.integers(0, len(value)))
        j = data.draw(st.integers(i, len(value)))
        piece = literals.piece(lit, i, j)
        assert ast.literal_eval(piece) == value[i:j]
        cut = literals.cut(lit, i, j)
        if cut is not None:
            assert ast.literal_eval(cut) == value[i:j]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=20), st.data())
def test_bytes_pieces(value, data):
    token = repr(value)
    lit = literals.Literal.parse(token)
    text = value.decode("latin-1")
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, len(text)))
    assert ast.literal_eval(literals.piece(lit, i, j)) == value[i:j]


@pytest.mark.parametrize("token,expected_cut", [
    ('"ab\\ncd"', '"b\\n"'),  # an escape is cut whole
    ("'a\\\nbcd'", None),  # a line continuation belongs to the next character
    ('r"a\\d"', 'r"\\d"'),
])
def test_cut_examples(token, expected_cut):
    lit = literals.Literal.parse(token)
    got = literals.cut(lit, 1, 3)
    if expected_cut is not None:
        assert got == expected_cut
    value = literals.as_text(literals.evaluate(lit))
    assert ast.literal_eval(literals.piece(lit, 1, 3)) == value[1:3]


def test_fstring_offsets_count_doubled_braces_once():
    lit = literals.Literal("f", '"', "a{{b}}c")
    starts = literals.offsets(lit.body, raw=False, is_bytes=False, fstring=True)
    assert starts == [0, 1, 3, 4, 6, 7]


# ----------------------------------------------------------------------------- names


def _url(scheme: str) -> str:
    return scheme + "://u:" + K16[:6] + "@h/db"  # built at run time: no DSN literal in the repository


def _finding(code="NSC205", kind="assign", name="", callee="", provider="", span=(0, 10), secret="x" * 10,
             account=""):
    return Finding(code=code, line=1, col=0, message="", rule="", provider=provider,
                   binding=Binding(kind, name, callee, account=account), secret=secret, span=span, node_line=1,
                   node_col=0)


@pytest.mark.parametrize("finding,literal,expected", [
    (_finding(name="stripe_key"), "", "STRIPE_KEY"),
    (_finding(name="stripeKey"), "", "STRIPE_KEY"),
    (_finding(kind="keyword", name="token", callee="Github"), "", "GITHUB_TOKEN"),
    (_finding(kind="keyword", name="password", callee="psycopg2.connect"), "", "DB_PASSWORD"),
    (_finding(kind="keyword", name="password", callee="connect"), "", "DB_PASSWORD"),
    (_finding(kind="keyword", name="api_key", callee="OpenAI"), "", "OPENAI_API_KEY"),
    (_finding(kind="keyword", name="api_key", callee="stripe.Client"), "", "STRIPE_API_KEY"),
    (_finding(kind="keyword", name="client_secret", callee="Client"), "", "CLIENT_SECRET"),
    (_finding(kind="keyword", name="github_token", callee="Github"), "", "GITHUB_TOKEN"),
    (_finding(kind="default", name="password", callee="login"), "", "PASSWORD"),
    (_finding(kind="default", name="password", callee="f"), "", "PASSWORD"),
    (_finding(kind="default", name="password", callee="connect_db"), "", "DB_PASSWORD"),
    (_finding(kind="env-fallback", name="SERVICE_TOKEN"), "", "SERVICE_TOKEN"),
    (_finding(kind="string", provider="github-pat", code="NSC102"), "", "GITHUB_TOKEN"),
    (_finding(name="x", provider="github-pat", code="NSC102"), "", "GITHUB_TOKEN"),
    (_finding(name="TOKEN", provider="github-pat", code="NSC102"), "", "TOKEN"),
    (_finding(code="NSC202", name="DATABASE_URL", span=(14, 20)), _url("postgres"), "DATABASE_PASSWORD"),
    (_finding(code="NSC202", name="DB", span=(14, 20)), _url("postgres"), "DB_PASSWORD"),
    (_finding(code="NSC202", kind="string", span=(14, 20)), _url("postgresql+psycopg2"), "POSTGRESQL_PASSWORD"),
    (_finding(code="NSC203", kind="dict-key", name="Authorization", span=(7, 17)), "Bearer abcdefghij", "API_TOKEN"),
    (_finding(code="NSC201", kind="string"), "", "PRIVATE_KEY"),
    (_finding(name="2fa_secret"), "", "SECRET_2_FA_SECRET"),
    # a seeded user's password: named for the account the same call names
    (_finding(kind="keyword", name="password", callee="create_user_if_not_exists", account="Mike"), "",
     "MIKE_PASSWORD"),
    (_finding(kind="keyword", name="password", callee="User", account="ops@corp.internal"), "", "OPS_PASSWORD"),
    (_finding(kind="keyword", name="password", callee="create_user_if_not_exists"), "", "USER_PASSWORD"),
    (_finding(kind="argument", name="password", callee="add_user_to_group"), "", "USER_PASSWORD"),
])
def test_wanted_name(finding, literal, expected):
    got = envname.wanted_name(finding, literal or "x" * 10)
    assert got == expected
    assert envname.NAME_RE.match(got)


def test_namer_same_value_same_name_distinct_values_distinct_names():
    other = "v9"
    n = envname.Namer({"EXISTING": "v0", "DB_PASSWORD": other})
    assert n.name_for("v1", "DB_PASSWORD") == "DB_PASSWORD_2"
    assert n.name_for("v1", "ANYTHING") == "DB_PASSWORD_2"
    assert n.name_for("v2", "DB_PASSWORD") == "DB_PASSWORD_3"
    assert n.name_for("v0", "NEW_NAME") == "EXISTING"
    assert n.new == {"DB_PASSWORD_2": "v1", "DB_PASSWORD_3": "v2"}


@pytest.mark.parametrize("raw", ["", "-", "ümlaut key", "a" * 200, "9lives", "x.y-z"])
def test_sanitize_always_valid(raw):
    got = envname.sanitize(raw) or "SECRET"
    assert envname.NAME_RE.match(got) and len(got) <= envname.MAX_LEN


# ----------------------------------------------------------------------------- codemod pairs


def fix(src: str) -> tuple[str, list, list]:
    namer = envname.Namer()
    out, moves, manual = fix_code(src.encode(), name_for=lambda f, v, w: namer.name_for(v, w))
    return out.decode(), moves, manual


@pytest.mark.parametrize("before,after", [
    (f'TOKEN = "{GH}"\n', 'import os\n\nTOKEN = os.environ["GITHUB_TOKEN"]\n'),
    (f'import os\nx = "{GH}"\n', 'import os\nx = os.environ["GITHUB_TOKEN"]\n'),
    (f'import os as _os\napi_key = "{K}"\n', 'import os as _os\napi_key = _os.environ["API_KEY"]\n'),
    (f'from os import environ as E\napi_key = "{K}"\n', 'from os import environ as E\napi_key = E["API_KEY"]\n'),
    (f'import os\nDB = "postgres://u:{K16}@h/db"\n',
     'import os\nDB = "postgres://u:" + os.environ["DB_PASSWORD"] + "@h/db"\n'),
    (f'import os\nu = "redis://:{K16}@h/0".upper()\n',
     'import os\nu = ("redis://:" + os.environ["REDIS_PASSWORD"] + "@h/0").upper()\n'),
    (f'import os\nh = {{"Authorization": f"Bearer {K}"}}\n',
     'import os\nh = {"Authorization": f"Bearer {os.environ[\'API_TOKEN\']}"}\n'),
    (f"import os\nh = {{'Authorization': f'Bearer {K}'}}\n",
     "import os\nh = {'Authorization': f'Bearer {os.environ[\"API_TOKEN\"]}'}\n"),
    (f'import os\napi_secret = b"{K}"\n', 'import os\napi_secret = os.environ["API_SECRET"].encode()\n'),
    (f'import os\napi_secret = (b"{K}")  # c\n', 'import os\napi_secret = (os.environ["API_SECRET"].encode())  # c\n'),
    (f'import os\nclass C:\n    api_token = "{K}"\n', 'import os\nclass C:\n    api_token = os.environ["API_TOKEN"]\n'),
    # a late lone ``import os`` moves up to where isort puts it; a bare TOKEN is qualified by its provider
    (f'"""Doc."""\nTOKEN = "{GH}"\nimport os\n', '"""Doc."""\n\nimport os\n\nTOKEN = os.environ["GITHUB_TOKEN"]\n'),
])
def test_before_after(before, after):
    got, moves, manual = fix(before)
    assert got == after
    assert not manual


def test_bytes_that_are_not_utf8_use_latin1():
    got, moves, manual = fix(f'api_secret = b"{K}\\xff"\n')
    assert got.endswith('os.environ["API_SECRET"].encode("latin-1")\n')
    assert moves[0].env_value.encode("latin-1") == K.encode() + b"\xff"


def test_bytes_utf8_value_is_written_as_text():
    got, moves, manual = fix(f'api_secret = b"{K}\\xc3\\xa9"\n')
    assert got.endswith('os.environ["API_SECRET"].encode()\n')
    assert moves[0].env_value == K + "é"


@pytest.mark.parametrize("src,reason", [
    (f'import sys\nmatch sys.argv:\n    case ["{GH}"]:\n        pass\n', "match pattern"),
    (f'def f():\n    """token {GH}"""\n', "docstring"),
    (f'# old token {GH}\n', "comment"),
    (f'x = f"{{f\'{GH} {{1}}\'}}"\n', "both quote characters"),
])
def test_left_for_a_human(src, reason):
    got, moves, manual = fix(src)
    assert got == src
    assert manual and reason in manual[0].reason


def test_crlf_bom_and_coding_kept():
    src = ("\ufeff# -*- coding: utf-8 -*-\r\nimport sys\r\nTOKEN = \"" + GH + "\"  # c\r\n").encode("utf-8")
    namer = envname.Namer()
    out, moves, manual = fix_code(src, name_for=lambda f, v, w: namer.name_for(v, w))
    assert out.startswith(b"\xef\xbb\xbf# -*- coding: utf-8 -*-\r\n")
    assert b"\n" not in out.replace(b"\r\n", b"")
    assert out.endswith(b'TOKEN = os.environ["GITHUB_TOKEN"]  # c\r\n')


def test_os_shadowed_gets_alias():
    got, moves, manual = fix(f'def f(os):\n    return os\napi_key = "{K}"\n')
    assert "import os as _os" in got and '_os.environ["API_KEY"]' in got


@pytest.mark.parametrize(("module", "names"), [
    # a lesson directory of a course: the module's own name before the whole path, no number, no "and"
    ("Python/Flask_Blog/03-Forms-and-Validation/flaskblog.py",
     ["SECRET_KEY", "FLASKBLOG_SECRET_KEY", "FORMS_VALIDATION_FLASKBLOG_SECRET_KEY"]),
    ("billing/stripe_settings.py", ["SECRET_KEY", "BILLING_STRIPE_SECRET_KEY"]),  # short: the path says it
    ("settings.py", ["SECRET_KEY"]),
])
def test_names_qualified_by_module(module, names):
    """The names a clash falls back on, in order: the Namer takes the first that is free."""
    got = envname.wanted_names(_finding(name="SECRET_KEY"), "x" * 10, envname.Place(module=module))
    assert got == names
