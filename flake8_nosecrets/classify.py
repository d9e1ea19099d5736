"""Decide whether one string value, in one binding, is a secret: value -> :class:`Match` list.

Cheapest first. Value evidence (provider formats, private keys, URL
credentials, Authorization strings) is looked for anywhere, behind a keyword
prefilter; context evidence (the name the value is bound to) only for bound
literals. Both pass through the named filters of :mod:`filters`.
"""

from __future__ import annotations

import base64
import bisect
import binascii
import re
from typing import Iterator

from . import checksums, filters, names, providers
from .credential import looks_binary, looks_like_credential, looks_random
from .embedded import embedded_setting_matches
from .findings import FSTRING_HOLE, Binding, Match
from .options import Options
from .names import Strength


# Keywords of the value detectors that are not provider formats.
_PRIVATE_KEY_KIND = r"(?P<kind>(?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----"
_PRIVATE_KEY_BEGIN_RE = re.compile(r"-----BEGIN " + _PRIVATE_KEY_KIND)
_PRIVATE_KEY_END_RE = re.compile(r"-----END " + _PRIVATE_KEY_KIND)
_PEM_BODY_BAD_RE = re.compile(r"[^\sA-Za-z0-9+/=:,\-\\]+")  # a body holds base64, headers and escaped newlines
_PEM_BODY_MAX = 20000
_PRIVATE_KEY_BODY_RE = re.compile(r"[A-Za-z0-9+/=]{40,}")
# A block cut short (no END line) still leaks the key when enough body follows the header.
_PRIVATE_KEY_OPEN_RE = re.compile(
    r"-----BEGIN (?P<kind>(?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----"
    r"(?:\s|\\n){0,4}(?P<body>[A-Za-z0-9+/=]{64,})"
)
_URL_CRED_RE = re.compile(
    r"(?<![A-Za-z0-9+.\-])(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]{1,30})://"
    r"(?P<user>[^\s:@/?#\"'<>{},]{0,128}):(?P<pw>[^\s@/?#\"'<>:,]{1,256})@(?P<host>[A-Za-z0-9_.\-\[\]%\ue000]{1,255})"
)
_AUTH_IN_TEXT_RE = re.compile(
    r"(?i:authorization)[\"']?\s{0,5}[:=,]\s{0,5}[\"']?(?P<scheme>(?i:bearer|basic|token))\s{1,5}"
    r"(?P<cred>[A-Za-z0-9._~+/\-]{8,4096}=*)"
)
# ``bearer <token>`` with no header name (a notebook output, a comment): only a random-looking token counts.
_BEARER_IN_TEXT_RE = re.compile(
    r"(?<![A-Za-z])(?P<scheme>[Bb]earer|BEARER)\s{1,3}(?P<cred>[A-Za-z0-9._~+/\-]{20,4096}=*)"
)
_AUTH_VALUE_RE = re.compile(r"^\s*(?P<scheme>[Bb]earer|[Bb]asic|[Tt]oken|[Dd]igest)\s{1,5}(?P<cred>\S{6,})\s*$")
_B64_PEM = "LS0tLS1CRUdJT"  # base64 of "-----BEGI": a PEM block stored base64-encoded (Kubernetes secrets…)
_B64_RUN_RE = re.compile(r"[A-Za-z0-9+/=\s]{1,200000}")
_VALUE_KEYWORDS = providers.keyword_automaton(
    set(providers.KEYWORDS.keys()) | {"PRIVATE KEY", "://", "uthorization", "UTHORIZATION", "earer", "EARER", _B64_PEM}
)


def has_value_keyword(value: str, start: int = 0) -> bool:
    """Whether *value* (from index *start*) holds a keyword of any value rule, or the shape of a format without
    one (:data:`providers.SHAPED`): without either, no value rule can match."""
    if next(_VALUE_KEYWORDS.iter(value, start), None) is not None:
        return True
    return len(value) - start >= providers.SHAPED_MIN_LENGTH and bool(providers.shaped(value, start))


def _clean_token(token: str) -> bool:
    """A provider-shaped token that is still a documentation example or placeholder."""
    return (
        filters.is_doc_example(token)
        or bool(filters._MASK_RE.search(token))
        or _placeholder_body(token)
        or filters.is_repetitive(token[-16:])
    )


def _placeholder_body(token: str) -> bool:
    """``ghp_xxxxxxxx…``, ``AKIA`` and sixteen ``Q``: a prefix followed by one repeated character or a run."""
    tail = token[-16:]
    return len(set(tail)) <= 3 or tail.lower() in ("abcdefghijklmnop", "0123456789abcdef")


_BY_KEYWORD: dict[str, list[providers.Provider]] = {}
for _p in providers.PROVIDERS:
    for _k in _p.keywords:
        _BY_KEYWORD.setdefault(_k, []).append(_p)


def provider_matches(value: str, options: Options) -> list[Match]:
    """Known provider formats anywhere in *value*."""
    if len(value) < providers.MIN_LENGTH:
        return []
    candidates: dict[str, providers.Provider] = {}
    for _, keyword in providers.KEYWORDS.iter(value):
        for p in _BY_KEYWORD[keyword]:
            candidates.setdefault(p.id, p)
    for p in providers.shaped(value):
        candidates.setdefault(p.id, p)
    out = []
    for p in candidates.values():
        if p.id in options.disabled_providers:
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


def _pem_blocks(value: str) -> Iterator[tuple[int, int, int, int, str]]:
    """Each BEGIN header paired with the first END line of its kind (body of PEM characters only, at most
    20,000 of them): (start, body start, body end, end, kind).

    Linear by construction: END lines are found once, a forward pointer finds the characters a body cannot hold,
    and every header is paired by bisection (one regex with a lazy body and a backreference rescanned up to 20,000
    characters from every header, which was quadratic).
    """
    ends: dict[str, list[tuple[int, int]]] = {}
    for m in _PRIVATE_KEY_END_RE.finditer(value):
        ends.setdefault(m.group("kind"), []).append(m.span())
    if not ends:
        return
    pos, next_bad = 0, -1  # first character no body can hold at or after the current header (headers ascend)
    while (head := _PRIVATE_KEY_BEGIN_RE.search(value, pos)) is not None:
        kind, body_start = head.group("kind"), head.end()
        spans = ends.get(kind, [])
        i = bisect.bisect_left(spans, (body_start, -1))
        if i < len(spans) and spans[i][0] - body_start <= _PEM_BODY_MAX:
            body_end, end = spans[i]
            if next_bad < body_start:
                bad = _PEM_BODY_BAD_RE.search(value, body_start)
                next_bad = bad.start() if bad else len(value)
            if next_bad >= body_end:
                yield head.start(), body_start, body_end, end, kind
                pos = end
                continue
        pos = head.start() + 1


def private_key_matches(value: str) -> list[Match]:
    """PEM/OpenSSH/PGP private key blocks with a real body (a bare header constant is not a key)."""
    if "PRIVATE KEY" not in value:
        return []
    out = []
    for start, body_start, body_end, end, kind in _pem_blocks(value):
        body = value[body_start:body_end].replace("\\n", "\n")
        if not _PRIVATE_KEY_BODY_RE.search(body) or filters.is_placeholder(body.strip()[:64]):
            continue
        what = kind.replace("PRIVATE KEY", "private key").replace(" BLOCK", "")
        out.append(Match("NSC201", what, "", start, end))
    if not out:
        for m in _PRIVATE_KEY_OPEN_RE.finditer(value):
            if not filters.is_repetitive(m.group("body")[:64]):
                what = m.group("kind").replace("PRIVATE KEY", "private key").replace(" BLOCK", "")
                out.append(Match("NSC201", what + " (truncated)", "", m.start(), len(value)))
    return out


def encoded_private_key_matches(value: str) -> list[Match]:
    """A PEM private key stored base64-encoded (``"LS0tLS1CRUdJTiBSU0Eg…"``), decoded and checked."""
    at = value.find(_B64_PEM)
    if at < 0:
        return []
    run = _B64_RUN_RE.match(value, at)
    if run is None:
        return []
    compact = "".join(run.group(0).split())
    try:
        decoded = base64.b64decode(compact + "=" * (-len(compact) % 4)).decode("ascii", "replace")
    except (ValueError, binascii.Error):
        return []
    found = private_key_matches(decoded)
    if not found:
        return []
    return [Match("NSC201", f"base64-encoded {found[0].what}", "", at, run.end())]


def url_credential_matches(value: str, options: Options) -> list[Match]:
    """``scheme://user:password@host``: the password part, unless it is a placeholder or template."""
    if "://" not in value or "@" not in value:
        return []
    out = []
    for m in _URL_CRED_RE.finditer(value):
        pw = m.group("pw")
        if _password_is_clean(pw, m.group("user")) or options.allowed(pw) or _EXAMPLE_HOST_RE.search(m.group("host")):
            continue
        out.append(Match("NSC202", f"password in a {m.group('scheme').lower()} URL", "", m.start("pw"), m.end("pw")))
    return out


# RFC 2606 / RFC 6761 names reserved for documentation: a URL there is a schematic example.
_EXAMPLE_HOST_RE = re.compile(r"(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid)$", re.IGNORECASE)


def _password_is_clean(pw: str, user: str = "") -> bool:
    return (
        filters.is_placeholder(pw)
        or filters.is_template(pw)
        or filters.is_env_var_name(pw)
        or names.is_head_word(pw.lower())  # ``user:password@``, ``:token@``: the word for it, a schematic
        or pw.lower() == user.lower()
        or pw.startswith(("$", "%", "{", "<", "[", ":"))
        or any(c in "[]<>{}" for c in pw + user)  # ``user[:password]@host``: a schematic
        or FSTRING_HOLE in pw  # ``f"…:{password}@…"``: the password is not in the code
    )


def auth_text_matches(value: str, options: Options) -> list[Match]:
    """``"Authorization: Bearer <token>"`` inside a larger string (a curl command, a raw request), in any case;
    ``bearer <token>`` alone when the token looks random."""
    out = []
    if "uthorization" in value or "UTHORIZATION" in value:
        for m in _AUTH_IN_TEXT_RE.finditer(value):
            found = _auth_credential(m.group("scheme"), m.group("cred"), m.start("cred"), options)
            if found:
                out.append(found)
    if "earer" in value or "EARER" in value:
        for m in _BEARER_IN_TEXT_RE.finditer(value):
            cred = m.group("cred")
            if looks_random(cred, options, 20) and not any(f.start == m.start("cred") for f in out):
                found = _auth_credential(m.group("scheme"), cred, m.start("cred"), options)
                if found:
                    out.append(found)
    return out


def _auth_credential(scheme: str, cred: str, offset: int, options: Options, issued: bool = False) -> Match | None:
    """The credential after an Authorization scheme. *issued*: the header is written in code (a header dict, a
    template filled in), where any real token counts, words included; in free text it must look like one."""
    scheme_l = scheme.lower()
    if filters.is_placeholder(cred) or filters.is_template(cred) or options.allowed(cred):
        return None
    if scheme_l == "basic":
        if not checksums.valid_basic_credentials(cred):
            return None
        return Match("NSC203", "Basic credentials in an Authorization header", "", offset, offset + len(cred))
    if issued:
        # ``Bearer access_token``, ``Token API_TOKEN``: a name standing for the token, not a token
        if len(cred) < 6 or names.strength(cred) or filters.why_not_secret(cred):
            return None
    elif not looks_like_credential(cred, options):
        return None
    return Match("NSC203", f"{scheme.title()} token in an Authorization header", "", offset, offset + len(cred))


def header_value_matches(value: str, options: Options, issued: bool = False) -> list[Match]:
    """The whole value of an Authorization header: ``"Bearer <token>"``, ``"Basic <b64>"``, ``"Token <t>"``."""
    m = _AUTH_VALUE_RE.match(value)
    if m is None:
        return []
    found = _auth_credential(m.group("scheme"), m.group("cred"), m.start("cred"), options, issued)
    return [found] if found else []


MIN_VALUE_LENGTH = 10  # the shortest value any value rule can match (an embedded setting)


def value_matches(value: str, options: Options, settings: bool = True, data: bool = False) -> list[Match]:
    """Evidence in the value alone, wherever it sits.

    Without *settings*, ``name: value`` text inside the value is not judged: in a docstring it is an example
    request or response (``"listenKey": "…"``), documentation rather than configuration. Key formats,
    private keys, URL credentials and Authorization headers count everywhere. *data*: the value is a string
    in code, where a password written as data counts whatever it reads like (:func:`embedded_setting_matches`).
    """
    if len(value) < MIN_VALUE_LENGTH:
        return []
    found = embedded_setting_matches(value, options, data) if settings else []
    if not has_value_keyword(value):
        return found
    found += (
        provider_matches(value, options)
        + private_key_matches(value)
        + encoded_private_key_matches(value)
        + url_credential_matches(value, options)
        + auth_text_matches(value, options)
    )
    return _drop_overlaps(found)


def _drop_overlaps(found: list[Match]) -> list[Match]:
    """One finding per stretch of the value: a provider format beats a generic setting match over it."""
    if len(found) < 2:
        return found
    found.sort(key=lambda m: (m.code.startswith("NSC2"), m.start))
    kept: list[Match] = []
    for m in found:
        if not any(m.start < k.end and k.start < m.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _not_a_setting(value: str, binding: Binding, level: Strength) -> bool:
    """The binding's filters (:mod:`filters`): the name and its place say the value is not the secret itself."""
    if filters.is_handshake_nonce(value, binding.name) or filters.is_option_choice(value, binding.name):
        return True
    if filters.is_credential_name(value, binding.siblings):
        return True
    return level is Strength.PASSWORD and (
        filters.is_wordlist_entry(binding.siblings, binding.name) or filters.is_digest_under_password_name(value)
    )


def context_match(value: str, binding: Binding, options: Options) -> Match | None:
    """Evidence from the name the value is bound to (assignment, keyword, default, dict key…)."""
    if not binding.name:
        return None
    if binding.kind == "auth-scheme":  # ``"Bearer %s" % "…"``: the value is the credential after the scheme
        return _auth_credential(binding.name, value, 0, options, issued=True)
    if binding.kind == "cipher-key":
        return cipher_key_match(value, options)
    if names.is_authorization(binding.name):
        found = header_value_matches(value, options, issued=True)
        if found:
            return found[0]
    level = names.strength(binding.name, options.extra_names, options.ignore_names)
    if level is Strength.NONE:
        return None
    if level >= Strength.SECRET and looks_binary(value) and not options.allowed(value):
        return Match("NSC206" if level is Strength.PASSWORD else "NSC205", "random binary secret", "", 0, len(value))
    stripped = value.strip()  # ``"\tdeadbeef…\r\n"``: surrounding white space is not part of a key
    offset = value.find(stripped) if stripped else 0
    why = filters.why_not_secret(stripped, binding.name)
    if why == "sequential" and binding.kind == "record":
        why = None  # ``("tim", "12345678")`` in seed code: typed, weak, and the password all the same
    if why or options.allowed(stripped):
        return None
    if _not_a_setting(stripped, binding, level):
        return None
    end = offset + len(stripped)
    if level is Strength.PASSWORD and binding.kind == "pair":
        # ``[("password", "secret"), ("realm", "pypi")]``: pairs are as often a parsed config a test expects as
        # settings, so the value must look like a credential
        credential = looks_like_credential(stripped, options)
        return Match("NSC206", "hardcoded password", "", offset, end) if credential else None
    if level is Strength.PASSWORD:
        if len(stripped) < 4 or len(stripped) > 1024 or "\n" in stripped:
            return None  # a text of several lines is a document (a config file's text), not a password
        return Match("NSC206", "hardcoded password", "", offset, end)
    if level is Strength.SECRET and looks_like_credential(stripped, options):
        return Match("NSC205", "secret", "", offset, end)
    # Hex turned into bytes under a bare ``key`` (``key = bytes.fromhex("…")``) is cipher key material,
    # in practice a test vector; a hex string passed as ``key=`` to an API is an API key.
    if level is Strength.KEY and binding.converted and filters.is_hex(stripped):
        return None
    # A UUID under a bare ``key`` (``translation_key``, ``idempotency_key``) is an identifier; under a secret name
    # (``api_key``, ``token``) it can be a credential, and is judged above.
    if level is Strength.KEY and looks_random(stripped, options, 20, True) and not filters.is_uuid(stripped):
        return Match("NSC205", "random-looking key", "", offset, end)
    return None


def weak_match(value: str, binding: Binding, options: Options) -> Match | None:
    """NSC207: a value the name rules let go (a word, a placeholder, the name repeated, a short string) where
    the program signs or logs in with it (``binding.use``, see :mod:`uses`). Only what cannot be a value
    at all stays quiet: empty and None-like strings, templates, masks, ``<…>`` slots, env var names, paths."""
    stripped = value.strip()
    if not binding.use or not filters.could_be_used_as_secret(stripped) or options.allowed(stripped):
        return None
    if names.is_ignored(binding.name, options.ignore_names):
        return None  # the user said this name is not a secret, whatever it is used for
    offset = value.find(stripped)
    what = "weak or default signing key" if binding.use == "signing-key" else "weak or default password"
    return Match("NSC207", what, "", offset, offset + len(stripped))


def cipher_key_match(value: str, options: Options) -> Match | None:
    """A literal given as a symmetric cipher's key (``AES.new(b"…")``, ``Fernet(b"…")``): a key whatever it
    reads like (``b"Sixteen byte key"``), unless a placeholder, template or fill pattern."""
    if len(value) < 8 or options.allowed(value):
        return None
    if filters.is_placeholder(value) or filters.is_template(value) or filters.is_env_var_name(value):
        return None
    if filters.is_doc_example(value) or filters.is_repetitive(value) or filters.is_sequential(value):
        return None
    return Match("NSC205", "symmetric cipher key", "", 0, len(value))


_DOCUMENTS = frozenset({"docstring", "comment"})


def _documented_url_password(value: str, m: Match, options: Options) -> bool:
    """``oracle+oracledb://scott:tiger@localhost/…`` in a docstring: a connection URL shown as documentation,
    whose password a person typed (not random-looking). A random-looking one there is pasted, and counts."""
    return m.code == "NSC202" and not looks_random(value[m.start:m.end], options)


def classify(value: str, binding: Binding, options: Options) -> list[Match]:
    """All matches for *value* in *binding*: value evidence first, else context evidence."""
    found = value_matches(value, options, settings=binding.kind != "docstring", data=binding.kind not in _DOCUMENTS)
    if found and binding.kind == "docstring":
        found = [m for m in found if not _documented_url_password(value, m, options)]
    if found:
        return found
    if binding.kind in ("string", "docstring", "comment"):
        return []
    hit = context_match(value, binding, options) or weak_match(value, binding, options)
    return [hit] if hit else []
