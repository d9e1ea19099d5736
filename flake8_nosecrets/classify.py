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
import dataclasses
import re
from typing import Iterator

from . import checksums, entropy, filters, names, providers
from .findings import FSTRING_HOLE, Binding
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
    r"(?i:authorization)[\"']?\s{0,5}[:=,]\s{0,5}[\"']?(?P<scheme>Bearer|Basic|Token)\s{1,5}"
    r"(?P<cred>[A-Za-z0-9._~+/\-]{8,4096}=*)"
)
_AUTH_VALUE_RE = re.compile(r"^\s*(?P<scheme>[Bb]earer|[Bb]asic|[Tt]oken|[Dd]igest)\s{1,5}(?P<cred>\S{6,})\s*$")
_WORD_PARTS_RE = re.compile(r"[A-Za-z]{4,}")
_IDENTIFIER_DIGITS_RE = re.compile(r"^[A-Za-z]{1,5}[_\-.]?\d{1,4}$")  # utf8, sha256, HS256, int32, v2
_NUMBERISH_RE = re.compile(r"^[\d\s.,:+\-/x]+$")
_B64_PEM = "LS0tLS1CRUdJT"  # base64 of "-----BEGI": a PEM block stored base64-encoded (Kubernetes secrets…)
_B64_RUN_RE = re.compile(r"[A-Za-z0-9+/=\s]{1,200000}")
_VALUE_KEYWORDS = providers.keyword_automaton(
    set(providers.KEYWORDS.keys()) | {"PRIVATE KEY", "://", "uthorization", "UTHORIZATION", _B64_PEM}
)


def has_value_keyword(value: str, start: int = 0) -> bool:
    """Whether *value* (from index *start*) holds a keyword of any value rule: without one, none can match."""
    return next(_VALUE_KEYWORDS.iter(value, start), None) is not None


# ``"Server=db;Password=…;"``, ``"password: …"`` in YAML text, ``"?api_key=…&"``: a setting inside a string.
# Found from its = or :, the rarest part: the keyword, quote and spaces that end right before it, then
# the spaces and quote after it. Searching the keywords themselves at every position, case-insensitively,
# cost as much as all other value rules together.
_EMBED_SEP_RE = re.compile(r"[=:]\s{0,3}[\"']?")
_EMBED_BEFORE_RE = re.compile(r"(?i:pass(?:word|wd|phrase)?|pwd|secret|token|key|credentials?|auth)[\"']?\s{0,3}\Z")
_EMBED_BEFORE_MAX = len("credentials") + 4
_EMBED_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
_SEPARATOR_RE = re.compile(r"[ \n;&?,]")
_EMBED_VALUE_RE = re.compile(r"[^\s\"';,&<>()\[\]{}]{4,256}")


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


def setting_keywords(value: str) -> Iterator[tuple[int, int]]:
    """Spans of ``keyword ["'] = ["']`` in *value* (keyword start, end after the = or : and what follows it):
    what ``re.finditer`` of that pattern finds, found from each ``=`` or ``:`` backwards."""
    for sep in _EMBED_SEP_RE.finditer(value):
        at = sep.start()
        kw = _EMBED_BEFORE_RE.search(value, max(0, at - _EMBED_BEFORE_MAX), at)
        if kw is not None:
            yield kw.start(), sep.end()


def embedded_setting_matches(value: str, options: Options) -> list[Match]:
    """``name=value`` / ``name: value`` settings inside a larger string (connection strings, YAML, INI, query strings).

    The setting's name is judged like a variable name (:func:`names.strength`) and its value must look
    like a credential whatever the name, since prose (``"password: the user's password"``) and type
    docs (``"token: str"``) share the shape.
    """
    if len(value) < 10 or ("=" not in value and ":" not in value) or not _SEPARATOR_RE.search(value):
        return []  # a setting needs its = or : and something around it; the keyword search is the dear part
    out = []
    for kw_start, end in setting_keywords(value):
        start = kw_start
        while start > 0 and kw_start - start < 40 and value[start - 1] in _EMBED_NAME_CHARS:
            start -= 1
        if start and value[start - 1] in ":/":
            continue  # ``arn:aws:…:secret:…``, ``/api/token:…``: a path segment, not a setting
        name = value[start:end].rstrip(" \t=:\"'")
        v = _EMBED_VALUE_RE.match(value, end)
        if v is None:
            continue
        level = names.strength(name, options.extra_names, options.ignore_names)
        if level is Strength.NONE:
            continue
        secret = v.group(0)
        if filters.why_not_secret(secret, name) or options.allowed(secret):
            continue
        if not looks_like_credential(secret, options):
            continue
        if level is Strength.KEY and not looks_random(secret, options, 20, True):
            continue  # ``"key": "…"`` in JSON text: a bare key needs a random value, as everywhere
        code, what = ("NSC206", "hardcoded password") if level is Strength.PASSWORD else ("NSC205", "secret")
        out.append(Match(code, f"{what} in a '{name[:40]}' setting", "", v.start(), v.end()))
    return out


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
        or pw.lower() in ("pass", "pwd", "passwd", "pw", "password", "secret", user.lower())
        or pw.startswith(("$", "%", "{", "<", "[", ":"))
        or any(c in "[]<>{}" for c in pw + user)  # ``user[:password]@host``: a schematic
        or FSTRING_HOLE in pw  # ``f"…:{password}@…"``: the password is not in the code
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


def _sequential(part: str) -> bool:
    """``abcd``, ``wxyz``: a run of the alphabet, the typical typed filler, not a word."""
    return all(ord(b) - ord(a) == 1 for a, b in zip(part, part[1:]))


def is_wordy(value: str) -> bool:
    """Mostly made of pronounceable words: ``my_variable_name_2``, ``DefaultSessionTimeout10``."""
    covered = 0
    for w in _WORD_PARTS_RE.findall(value):
        for part in names.words(w):
            if len(part) >= 4 and not _sequential(part):
                vowels = sum(c in "aeiouy" for c in part) / len(part)
                if 0.2 <= vowels <= 0.7:
                    covered += len(part)
    return covered * 2 >= len(value)


_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-.~:!@#$%^&*?")


def looks_random(value: str, options: Options, min_length: int = 16, key_charset: bool = False) -> bool:
    """A high-entropy value: the evidence needed for a long value under a secret name.

    *key_charset* (for a bare ``key`` name) also demands the alphabet keys are written in,
    so quoted fragments and markup (``' filename="abc.gif"'``) never count.
    """
    if len(value) < min_length or len(value) > 4096 or any(c.isspace() for c in value):
        return False
    if key_charset and not _KEY_CHARS.issuperset(value):
        return False
    if filters.is_dotted_identifier(value) or filters.is_hostname(value):
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
    if filters.is_regex(value) or filters.is_path(value) or filters.is_dotted_identifier(value):
        return False
    if filters.is_hostname(value):
        return False
    if len(value) >= 16:
        return looks_random(value, options)
    return entropy.char_classes(value) >= 2 and any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


MIN_VALUE_LENGTH = 10  # the shortest value any value rule can match (an embedded setting)


def value_matches(value: str, options: Options, settings: bool = True) -> list[Match]:
    """Evidence in the value alone, wherever it sits.

    Without *settings*, ``name: value`` text inside the value is not judged: in a docstring it is an example
    request or response (``"listenKey": "…"``), documentation rather than configuration. Key formats,
    private keys, URL credentials and Authorization headers count everywhere.
    """
    if len(value) < MIN_VALUE_LENGTH:
        return []
    found = embedded_setting_matches(value, options) if settings else []
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
        filters.is_wordlist_entry(binding.siblings) or filters.is_digest_under_password_name(value)
    )


def context_match(value: str, binding: Binding, options: Options) -> Match | None:
    """Evidence from the name the value is bound to (assignment, keyword, default, dict key…)."""
    if not binding.name:
        return None
    if names.is_authorization(binding.name):
        found = header_value_matches(value, options)
        if found:
            return found[0]
    level = names.strength(binding.name, options.extra_names, options.ignore_names)
    if level is Strength.NONE:
        return None
    stripped = value.strip()  # ``"\tdeadbeef…\r\n"``: surrounding white space is not part of a key
    offset = value.find(stripped) if stripped else 0
    if filters.why_not_secret(stripped, binding.name) or options.allowed(stripped):
        return None
    if _not_a_setting(stripped, binding, level):
        return None
    end = offset + len(stripped)
    if level is Strength.PASSWORD:
        if len(stripped) < 4 or len(stripped) > 1024:
            return None
        return Match("NSC206", "hardcoded password", "", offset, end)
    if level is Strength.SECRET and looks_like_credential(stripped, options):
        return Match("NSC205", "secret", "", offset, end)
    # Hex turned into bytes under a bare ``key`` (``key = bytes.fromhex("…")``) is cipher key material,
    # in practice a test vector; a hex string passed as ``key=`` to an API is an API key.
    if level is Strength.KEY and binding.converted and filters.is_hex(stripped):
        return None
    if level is Strength.KEY and looks_random(stripped, options, 20, True):
        return Match("NSC205", "random-looking key", "", offset, end)
    return None


def classify(value: str, binding: Binding, options: Options) -> list[Match]:
    """All matches for *value* in *binding*: value evidence first, else context evidence."""
    found = value_matches(value, options, settings=binding.kind != "docstring")
    if found:
        return found
    if binding.kind in ("string", "docstring", "comment"):
        return []
    hit = context_match(value, binding, options)
    return [hit] if hit else []
