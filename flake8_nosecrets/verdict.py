"""How a value that reaches a credential API is judged and reported (NSC401), for both stages of inference.

:mod:`prepass` judges the credentials written in place, :mod:`infer` those astroid finds through names;
both ask :func:`judge` and build the finding with :func:`finding`.
"""

from __future__ import annotations

import re

from . import filters, names, rules, sinks
from .findings import Binding, Finding, redact

# Parameters whose argument is a container holding the credential (``headers={"Authorization": …}``,
# ``info={"private_key": …}``), and the keys in it that hold one (a stem of the name rules' heads, or ``private``).
CONTAINER_PARAMS = frozenset({"headers", "info", "connect_kwargs"})
CREDENTIAL_KEY_RE = re.compile("|".join((*names.SECRET_STEMS, "private")), re.IGNORECASE)
# The scheme before the credential in an Authorization header's value: the credential is what follows it.
_SCHEME_RE = re.compile(r"(?:Bearer|Token|Basic|Bot|JWT|Digest|bearer|token)[ \t]+")


def credential_start(value: str | bytes, sink: sinks.Sink) -> int:
    """Where the credential starts in *value* given to *sink*: after ``Bearer `` in a header, else 0."""
    if sink.param != "headers" or not isinstance(value, str):
        return 0
    m = _SCHEME_RE.match(value)
    return m.end() if m else 0


# The credentials a person chooses (a password, a key the program signs with): there a word or a default
# is still the secret in use (a weak one). An API key or token is issued by a service, so a word is never one.
WEAK_KINDS = frozenset({"password", "signing-key"})
# Keys with a format of their own (Fernet's 32 url-safe base64 bytes, a service account's PEM key): a word
# given there fails, so it is not a weak key but a placeholder. And HMAC itself: a primitive whose word-valued
# keys are most often published test vectors (RFC 2104/4231's b"Jefe") or non-secret checksums; the keys
# frameworks sign sessions and tokens with (JWT, itsdangerous, SECRET_KEY) stay in.
_NOT_CHOSEN = frozenset({"cryptography.fernet.Fernet",
                         "google.oauth2.service_account.Credentials.from_service_account_info",
                         "hmac.new", "hmac.digest"})
WEAK = "weak"


def takes_chosen_value(sink: sinks.Sink) -> bool:
    """Whether whatever a person typed works as *sink*'s credential (a password, an HMAC or JWT key)."""
    return sink.expects in WEAK_KINDS and sink.qualname not in _NOT_CHOSEN


def _text(value: str | bytes) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


def may_report(value: str | bytes, weak: bool = False) -> bool:
    """Whether *value* can be reported as a credential (or, with *weak*, as a weak one)."""
    text = _text(value)
    if text.strip() and not filters.why_not_secret(text) and not filters.is_word_like(text):
        return True
    return weak and _weak(text.strip())


# Test code by its path (tests/, testing/, test_*.py, *_test.py, conftest.py): there a weak password is the one the
# test gives the server it simulates (CPython's test_smtplib, an 'Incorrect' password to be refused).
_TEST_PATH_RE = re.compile(r"(?:^|[/\\])(?:tests?|testing)[/\\]|(?:^|[/\\])(?:test_[^/\\]*|[^/\\]*_test|conftest)\.py$")


def is_test_path(filename: str) -> bool:
    """Whether *filename* is test code, where weak values through a name are not reported."""
    return bool(_TEST_PATH_RE.search(filename))


def _weak(text: str) -> bool:
    """A value someone could log in or sign with as written, that is no fill-in: ``"coyote"``, ``"dev"``,
    ``"super secret key"``; not ``"yourDatabasePassword"``, ``"changeme"`` or ``"password"`` (they spell what
    belongs there: a placeholder for a value set elsewhere), nor what is no value at all (empty, ``None``,
    a template, a mask, a ``<…>`` slot, an env var name, a path)."""
    return (filters.could_be_used_as_secret(text) and not filters.is_placeholder(text)
            and not text.lower().startswith("your"))  # "yourdatabasePassword": a fill-in, however it is glued


def judge(value: str | bytes, sink: sinks.Sink, through_name: bool = True) -> str | None:
    """How *value* reaching *sink* is reported: ``""`` a credential, :data:`WEAK` a weak or default one (a word,
    a phrase, a short string, where a password or signing key is expected), None not.
    A weak value is reported here only when it arrives *through_name* (a constant): one written where it is
    used is the name rules' (``server.login(user, "dev")``, ``SECRET_KEY = "dev"``).

    The same filters as the name-based rules: placeholders, templates, documentation examples, messages,
    words (``"testing-secret"``, ``b"Jefe"``) and, for a DSN, a URL without a password make a value weak
    at most; fill-ins and what cannot be a value at all are never reported (:func:`_weak`).
    """
    text = _text(value)
    if sink.expects == "dsn" or "://" in text:
        from . import classify, options

        return "" if may_report(value, weak=True) and classify.url_credential_matches(
            text, options.DEFAULT) else None
    if may_report(value):
        return ""
    weak = through_name and takes_chosen_value(sink) and _weak(text.strip())
    return WEAK if weak else None


def finding(sink: sinks.Sink, raw: str | bytes, line: int, col: int, origin: str = "",
            offset: int = 0, strength: str = "") -> Finding:
    """The finding for *raw* reaching *sink*, at (line, character column) of its literal: NSC401, or NSC207
    (a weak or default secret, the name rules' code for the same thing written in place) when *strength* is
    :data:`WEAK`.

    *origin* (``"module:line"``) names the module that holds the literal when it is not this one; *offset*
    is where *raw* starts in that literal's value (after ``Bearer `` in a header written whole).
    """
    value = _text(raw)
    via = f" (constant from {origin})" if origin else ""
    code = "NSC207" if strength == WEAK else "NSC401"
    what = f"weak or default {sink.expects.replace('-', ' ')}" if strength == WEAK else sink.expects
    shown, where = redact(value), f"reaches {sink.qualname}({sink.param}=){via}"
    return Finding(
        code=code, line=line, col=col, message=f"{what} {shown} {where}", what=what, rule=rules.BY_CODE[code].slug,
        provider="", binding=Binding("keyword", sink.param, sink.qualname), secret=value,
        span=(offset, offset + len(value)), node_line=line, node_col=col, end_line=line,
        is_bytes=isinstance(raw, bytes), shown=shown, where=where,
    )
