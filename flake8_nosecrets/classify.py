"""Decide whether one string value, in one binding, is a secret: value -> :class:`Match` list.

Cheapest first. Value evidence (provider formats, private keys, URL
credentials, Authorization strings) is looked for anywhere, behind a keyword
prefilter; context evidence (the name the value is bound to) only for bound
literals. Both pass through the named filters of :mod:`filters`.
"""

from __future__ import annotations

import dataclasses
import re

from . import checksums, entropy, filters, names, providers
from .findings import Binding
from .options import Options
from .names import Strength


@dataclasses.dataclass(frozen=True)
class Match:
    code: str
    what: str  # "GitHub personal access token", "hardcoded password"…
    provider: str  # provider id or ""
    start: int  # span of the secret inside the value
    end: int
    prefix: str = ""  # a prefix a message may show


# Keywords of the value detectors that are not provider formats.
_PRIVATE_KEY_RE = re.compile(
    r"-----BEGIN (?P<kind>(?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----"
    r"(?P<body>[\sA-Za-z0-9+/=:,\-\\n]{0,20000}?)-----END (?P=kind)-----"
)
_PRIVATE_KEY_BODY_RE = re.compile(r"[A-Za-z0-9+/=]{40,}")
_URL_CRED_RE = re.compile(
    r"(?<![A-Za-z0-9+.\-])(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]{1,30})://"
    r"(?P<user>[^\s:@/?#\"'<>{}]{0,128}):(?P<pw>[^\s@/?#\"'<>]{1,256})@(?P<host>[A-Za-z0-9_.\-\[\]%]{1,255})"
)
_AUTH_IN_TEXT_RE = re.compile(
    r"(?i:authorization)[\"']?\s{0,5}[:=,]\s{0,5}[\"']?(?P<scheme>Bearer|Basic|Token)\s{1,5}(?P<cred>[A-Za-z0-9._~+/\-]{8,4096}=*)"
)
_AUTH_VALUE_RE = re.compile(r"^\s*(?P<scheme>[Bb]earer|[Bb]asic|[Tt]oken|[Dd]igest)\s{1,5}(?P<cred>\S{6,})\s*$")
_WORD_PARTS_RE = re.compile(r"[A-Za-z]{4,}")
_IDENTIFIER_DIGITS_RE = re.compile(r"^[A-Za-z]+[_\-.]?\d{1,4}$")
_NUMBERISH_RE = re.compile(r"^[\d\s.,:+\-/x]+$")
VALUE_KEYWORDS_RE = re.compile(providers.KEYWORD_RE.pattern + r"|PRIVATE KEY|://|uthorization|UTHORIZATION")


def _clean_token(token: str) -> bool:
    """A provider-shaped token that is still a documentation example or placeholder."""
    return filters.is_doc_example(token) or bool(filters._MASK_RE.search(token)) or _placeholder_body(token)


def _placeholder_body(token: str) -> bool:
    """``ghp_xxxxxxxx…``, ``AKIAZZZZZZZZZZZZZZZZ``: a prefix followed by one repeated character or a run."""
    tail = token[-16:]
    return len(set(tail)) <= 3 or tail.lower() in ("abcdefghijklmnop", "0123456789abcdef")


def provider_matches(value: str, options: Options) -> list[Match]:
    """Known provider formats anywhere in *value*."""
    if len(value) < providers.MIN_LENGTH:
        return []
    hits = {m.group(0) for m in providers.KEYWORD_RE.finditer(value)}
    if not hits:
        return []
    out = []
    for p in providers.PROVIDERS:
        if p.id in options.disabled_providers or not any(k in hits for k in p.keywords):
            continue
        for m in p.compiled.finditer(value):
            start, end = m.span("secret") if "secret" in p.compiled.groupindex else m.span()
            token = value[start:end]
            if p.validate is not None and not p.validate(token):
                continue
            if _clean_token(token) or options.allowed(token):
                continue
            out.append(Match(p.code, p.name, p.id, start, end, p.display_prefix))
    return out


def private_key_matches(value: str) -> list[Match]:
    """PEM/OpenSSH/PGP private key blocks with a real body (a bare header constant is not a key)."""
    if "PRIVATE KEY" not in value:
        return []
    out = []
    for m in _PRIVATE_KEY_RE.finditer(value):
        body = m.group("body").replace("\\n", "\n")
        if not _PRIVATE_KEY_BODY_RE.search(body) or filters.is_placeholder(body.strip()[:64]):
            continue
        what = m.group("kind").replace("PRIVATE KEY", "private key").replace(" BLOCK", "")
        out.append(Match("NSC201", what, "", m.start(), m.end()))
    return out


def url_credential_matches(value: str, options: Options) -> list[Match]:
    """``scheme://user:password@host``: the password part, unless it is a placeholder or template."""
    if "://" not in value or "@" not in value:
        return []
    out = []
    for m in _URL_CRED_RE.finditer(value):
        pw = m.group("pw")
        if _password_is_clean(pw, m.group("user")) or options.allowed(pw):
            continue
        out.append(Match("NSC202", f"password in a {m.group('scheme').lower()} URL", "", m.start("pw"), m.end("pw")))
    return out


def _password_is_clean(pw: str, user: str = "") -> bool:
    return (
        filters.is_placeholder(pw)
        or filters.is_template(pw)
        or filters.is_env_var_name(pw)
        or pw.lower() in ("pass", "pwd", "passwd", "pw", "password", user.lower())
        or pw.startswith(("$", "%", "{", "<", "[", ":"))
    )


def auth_text_matches(value: str, options: Options) -> list[Match]:
    """``"Authorization: Bearer <token>"`` inside a larger string (a curl command, a raw request)."""
    if "uthorization" not in value and "UTHORIZATION" not in value:
        return []
    out = []
    for m in _AUTH_IN_TEXT_RE.finditer(value):
        found = _auth_credential(m.group("scheme"), m.group("cred"), m.start("cred"), options)
        if found:
            out.append(found)
    return out


def _auth_credential(scheme: str, cred: str, offset: int, options: Options) -> Match | None:
    scheme_l = scheme.lower()
    if filters.is_placeholder(cred) or filters.is_template(cred) or options.allowed(cred):
        return None
    if scheme_l == "basic":
        if not checksums.valid_basic_credentials(cred):
            return None
        return Match("NSC203", "Basic credentials in an Authorization header", "", offset, offset + len(cred))
    if not looks_like_credential(cred, options):
        return None
    return Match("NSC203", f"{scheme.title()} token in an Authorization header", "", offset, offset + len(cred))


def header_value_matches(value: str, options: Options) -> list[Match]:
    """The whole value of an Authorization header: ``"Bearer <token>"``, ``"Basic <b64>"``, ``"Token <t>"``."""
    m = _AUTH_VALUE_RE.match(value)
    if m is None:
        return []
    found = _auth_credential(m.group("scheme"), m.group("cred"), m.start("cred"), options)
    return [found] if found else []


def is_wordy(value: str) -> bool:
    """Mostly made of pronounceable words: ``my_variable_name_2``, ``DefaultSessionTimeout10``."""
    covered = 0
    for w in _WORD_PARTS_RE.findall(value):
        for part in names.words(w):
            if len(part) >= 4:
                vowels = sum(c in "aeiouy" for c in part) / len(part)
                if 0.2 <= vowels <= 0.7:
                    covered += len(part)
    return covered * 2 >= len(value)


def looks_random(value: str, options: Options) -> bool:
    """A high-entropy, key-shaped value: the evidence needed under a bare ``key`` name."""
    if len(value) < 16 or len(value) > 4096 or any(c.isspace() for c in value):
        return False
    if entropy.shannon(value) < min(options.entropy, 0.85 * entropy.max_entropy(len(value), 94)):
        return False
    if is_wordy(value) or filters.is_regex(value):
        return False
    return entropy.char_classes(value) >= 2


def looks_like_credential(value: str, options: Options) -> bool:
    """Under a token/secret name: a value that is not a word, identifier, number, path or regex."""
    if len(value) < 6 or len(value) > 4096 or any(c.isspace() for c in value):
        return False
    if filters.is_word_like(value):
        return False
    if _NUMBERISH_RE.match(value) or _IDENTIFIER_DIGITS_RE.match(value):
        return False
    if filters.is_regex(value) or filters.is_path(value):
        return False
    if len(value) >= 16:
        return looks_random(value, options) or (entropy.char_classes(value) >= 3 and not is_wordy(value))
    return entropy.char_classes(value) >= 2 and any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


def value_matches(value: str, options: Options) -> list[Match]:
    """Evidence in the value alone, wherever it sits."""
    if not VALUE_KEYWORDS_RE.search(value):
        return []
    return (
        provider_matches(value, options)
        + private_key_matches(value)
        + url_credential_matches(value, options)
        + auth_text_matches(value, options)
    )


def context_match(value: str, binding: Binding, options: Options) -> Match | None:
    """Evidence from the name the value is bound to (assignment, keyword, default, dict key…)."""
    if not binding.name:
        return None
    if names.is_authorization(binding.name):
        found = header_value_matches(value, options)
        return found[0] if found else None
    level = names.strength(binding.name, options.extra_names, options.ignore_names)
    if level is Strength.NONE:
        return None
    if filters.why_not_secret(value, binding.name) or options.allowed(value):
        return None
    if level is Strength.PASSWORD:
        if len(value) < 4 or len(value) > 1024 or _NUMBERISH_RE.match(value) and len(value) < 4:
            return None
        return Match("NSC206", "hardcoded password", "", 0, len(value))
    if level is Strength.SECRET and looks_like_credential(value, options):
        return Match("NSC205", "secret", "", 0, len(value))
    if level is Strength.KEY and looks_random(value, options):
        return Match("NSC205", "random-looking key", "", 0, len(value))
    return None


def classify(value: str, binding: Binding, options: Options) -> list[Match]:
    """All matches for *value* in *binding*: value evidence first, else context evidence."""
    found = value_matches(value, options)
    if found:
        return found
    if binding.kind in ("string", "docstring", "comment"):
        return []
    hit = context_match(value, binding, options)
    return [hit] if hit else []
