"""The sink tables (flake8_nosecrets/sinks.py: SINKS and NAME_SINKS) checked against the real libraries'
signatures (issue 16).

Most inference tests are generated from the rows of sinks.py, so a wrong parameter name or position there
would be tested against itself. Here each call sink's credential parameter is looked up with
``inspect.signature`` in the library itself: the name must exist, and a position given in the table must be
that parameter's place (``self`` not counted), and an arity given in the table must be how many positional
arguments the callable takes. Every library the test extra installs is checked; the
standard library always is. The rows that cannot be checked here (their library is not installed by the
test extra) are listed by :func:`test_unchecked_rows_are_the_uninstalled_libraries`, so the count is seen.
"""

from __future__ import annotations

import importlib
import inspect

import pytest

from flake8_nosecrets import sinks

# Callables that take the credential through ``**kwargs`` and hand it on, as their documentation says:
# requests' helpers pass every keyword to ``Session.request`` ("**kwargs: Optional arguments that
# ``request`` takes"), so the parameter is checked there.
FORWARDED = {
    "requests.get": "requests.Session.request",
    "requests.post": "requests.Session.request",
    "requests.request": "requests.Session.request",
}


def _resolve(qualname: str):
    """(the object a dotted name names, whether it is a method called on an instance) or (None, False)."""
    parts = qualname.split(".")
    for i in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        owner = None
        for attr in parts[i:]:
            owner, obj = obj, getattr(obj, attr, None)
            if obj is None:
                return None, False
        is_method = inspect.isclass(owner) and not isinstance(
            inspect.getattr_static(owner, parts[-1]), (staticmethod, classmethod))
        return obj, is_method
    return None, False


CALLS = [s for s in sinks.SINKS + sinks.NAME_SINKS if s.kind == "call"]
CHECKABLE = [s for s in CALLS if _resolve(FORWARDED.get(s.qualname, s.qualname))[0] is not None]


@pytest.mark.parametrize("sink", CHECKABLE, ids=lambda s: f"{s.qualname}:{s.param}")
def test_sink_parameter_matches_the_library(sink):
    obj, is_method = _resolve(FORWARDED.get(sink.qualname, sink.qualname))
    params = list(inspect.signature(obj).parameters.values())
    if is_method:
        params = params[1:]  # self
    names = [p.name for p in params]
    assert sink.param in names, f"{sink.qualname} has no parameter {sink.param!r}: {names}"
    param = params[names.index(sink.param)]
    if sink.position is not None and sink.qualname not in FORWARDED:
        assert param.kind in (param.POSITIONAL_ONLY, param.POSITIONAL_OR_KEYWORD), param
        assert names.index(sink.param) == sink.position, f"{sink.param!r} is at {names.index(sink.param)}"
    if sink.arity is not None:  # how many positional arguments it takes (a call with more is something else)
        assert not any(p.kind == p.VAR_POSITIONAL for p in params), f"{sink.qualname} takes *args"
        positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        assert len(positional) == sink.arity, f"{sink.qualname} takes {len(positional)} positional arguments"


# The libraries of the table that the test extra does not install (large SDKs, database drivers with C parts,
# frameworks): their rows rest on the reference each row links to. Kept exact, so a library installed later
# (or a row added) shows up here and gets checked.
NOT_INSTALLED = {
    "aiohttp", "anthropic", "asyncpg", "azure", "bcrypt", "boto3", "botocore", "cohere", "cryptography",
    "cx_Oracle", "django", "fabric", "github", "google", "hvac", "kafka", "ldap", "mysql", "openai", "paramiko",
    "passlib", "psycopg", "psycopg2", "pymongo", "sendgrid", "slack_sdk", "sqlalchemy", "tweepy", "twilio",
    "werkzeug",
}


def test_unchecked_rows_are_the_uninstalled_libraries():
    unchecked = {s.qualname.split(".", 1)[0] for s in CALLS if s not in CHECKABLE}
    assert unchecked == NOT_INSTALLED
    assert len(CHECKABLE) >= 20  # the standard library's, requests', urllib3's and the test extra's
