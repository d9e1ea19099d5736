"""Evidence about provider formats that does not come from the provider table.

``tests/test_providers.py`` expands each provider's own templates and checks them with the provider's
own checksum code: that shows the table agrees with itself, not that it is right. Every token here is
built another way: by the provider's own SDK (age, through pyrage), or from the format as the provider's
documentation or source code states it, written out below with checksums computed by independent code
(``zlib.crc32``, a CRC-16 by polynomial division, a base62/base32 written anew). Nothing here reads
``providers.py`` except to name the provider a finding must carry.

Tokens are built at test time from seeded random bytes; the repository holds no token-shaped literal.
"""

from __future__ import annotations

import base64
import json
import random
import string
import urllib.parse
import zlib
from typing import Callable

import pyrage
import pytest

from flake8_nosecrets import scan_source

B62_GITHUB = string.digits + string.ascii_uppercase + string.ascii_lowercase  # the order GitHub's CRC32 uses
ALNUM = string.ascii_letters + string.digits
B64URL = ALNUM + "-_"


def _rng(name: str) -> random.Random:
    return random.Random(f"evidence:{name}")


def _pick(r: random.Random, alphabet: str, n: int) -> str:
    return "".join(r.choice(alphabet) for _ in range(n))


def _base62(n: int, width: int) -> str:
    digits = ""
    while n:
        digits = B62_GITHUB[n % 62] + digits
        n //= 62
    return digits.rjust(width, "0")


def crc16_by_division(data: bytes, poly: int = 0x11021) -> int:
    """CRC-16/XMODEM as the remainder of (message * x^16) divided by the generator polynomial, over GF(2)."""
    value = int.from_bytes(data, "big") << 16
    for bit in range(value.bit_length() - 1, 15, -1):
        if value >> bit & 1:
            value ^= poly << (bit - 16)
    return value


def test_crc16_by_division_catalogue_value() -> None:
    assert crc16_by_division(b"123456789") == 0x31C3  # the catalogued check value of CRC-16/XMODEM


# ---------------------------------------------------------------- builders, one per documented format


def github_token(prefix: str) -> Callable[[random.Random], str]:
    """``ghp_`` + 30 base62 + the base62 CRC32 of those 30 in 6 characters (GitHub's token-format post)."""
    def build(r: random.Random) -> str:
        body = _pick(r, ALNUM, 30)
        return prefix + body + _base62(zlib.crc32(body.encode()), 6)
    return build


def npm_token(r: random.Random) -> str:
    """npm granular tokens: ``npm_`` + 30 base62 + 6-character base62 CRC32, the GitHub scheme."""
    return github_token("npm_")(r)


def age_identity(r: random.Random) -> str:
    """An X25519 identity made by the age implementation itself (rage, through pyrage)."""
    return str(pyrage.x25519.Identity.generate())


def telegram_token(r: random.Random) -> str:
    """``<bot id>:<35 characters of [A-Za-z0-9_-]>`` (core.telegram.org/bots/api, "Authorizing your bot");
    BotFather's secrets open with "AA"."""
    return f"{r.randrange(10**8, 10**10)}:AA{_pick(r, B64URL, 33)}"


def telegram_url(r: random.Random) -> str:
    """Every Bot API call: ``https://api.telegram.org/bot<token>/METHOD_NAME`` ("Making requests")."""
    return f"https://api.telegram.org/bot{telegram_token(r)}/getMe"


def okta_header(r: random.Random) -> str:
    """``Authorization: SSWS <token>``; Okta's documented example opens with "00" and the tokens are
    42 base64url characters (developer.okta.com, "Create an API token")."""
    return "SSWS 00" + _pick(r, B64URL, 40)


def _twitter_raw(r: random.Random) -> str:
    app_id = r.randrange(10**5, 10**9)
    head = base64.b64encode(bytes(16) + app_id.to_bytes(8, "little") + r.randbytes(20)).decode()
    return head + _pick(r, ALNUM, 50)


def twitter_bearer(r: random.Random) -> str:
    """X app-only bearer token, as ``POST /oauth2/token`` returns it: URL-encoded."""
    return urllib.parse.quote(_twitter_raw(r), safe="")


def twitter_bearer_decoded(r: random.Random) -> str:
    return _twitter_raw(r)


def sentry_org_token(r: random.Random) -> str:
    """Sentry's ``orgauthtoken_token.generate_token`` restated: base64 of ``json.dumps`` of iat/url/region_url/org,
    ``_``, then base64 of 32 random bytes without its padding."""
    payload = {"iat": 1_700_000_000 + r.random(), "url": "https://sentry.io", "region_url": "https://us.sentry.io",
               "org": _pick(r, string.ascii_lowercase, 8)}
    encoded = base64.b64encode(json.dumps(payload).encode()).decode()
    secret = base64.b64encode(r.randbytes(32)).decode().rstrip("=")
    return f"sntrys_{encoded}_{secret}"


def grafana_sa_token(r: random.Random) -> str:
    """Grafana ``satokengen``: ``glsa_`` + 32 alphanumerics + ``_`` + CRC32 of the key, 4 bytes little-endian, hex."""
    key = "glsa_" + _pick(r, ALNUM, 32)
    return key + "_" + zlib.crc32(key.encode()).to_bytes(4, "little").hex()


def cloudflare_token(prefix: str) -> Callable[[random.Random], str]:
    """Cloudflare's scannable credentials: prefix, 40 characters, CRC32 of the 40 as 8 lower-case hex digits."""
    def build(r: random.Random) -> str:
        body = _pick(r, ALNUM, 40)
        return f"{prefix}{body}{zlib.crc32(body.encode()):08x}"
    return build


def vercel_token(r: random.Random) -> str:
    """Vercel ``vcp_`` credentials: 50 characters and their 6-character base62 CRC32, as GitHub's."""
    body = _pick(r, ALNUM, 50)
    return "vcp_" + body + _base62(zlib.crc32(body.encode()), 6)


def nats_user_seed(r: random.Random) -> str:
    """nkeys ``strkey.go``: base32 (no padding) of the 2 seed-prefix bytes, 32 seed bytes and their CRC-16,
    little-endian. Seed prefix 18 << 3, user prefix 20 << 3, packed over the two bytes."""
    seed_prefix, user_prefix = 18 << 3, 20 << 3
    raw = bytes([seed_prefix | user_prefix >> 5, (user_prefix & 31) << 3]) + r.randbytes(32)
    raw += crc16_by_division(raw).to_bytes(2, "little")
    return base64.b32encode(raw).decode().rstrip("=")


def mailgun_key(r: random.Random) -> str:
    """A key and its id: the Keys API lists a key's ``id`` as two groups of 8 hex digits
    (documentation.mailgun.com, Keys), and the secret is 32 hex digits followed by that id."""
    key_id = f"{r.getrandbits(32):08x}-{r.getrandbits(32):08x}"
    return f"{r.getrandbits(128):032x}-{key_id}"


def mailgun_in_basic_auth(r: random.Random) -> str:
    """How a client sends it: HTTP basic auth with the user "api" (Mailgun's "Authentication" page), here as
    the (user, key) pair a ``requests`` call takes, written into a log line."""
    return f"auth=('api', '{mailgun_key(r)}')"


def aws_key_id(r: random.Random) -> str:
    """IAM unique ids: a 4-letter type prefix (``AKIA`` for an access key) and 16 base32 characters."""
    return "AKIA" + _pick(r, string.ascii_uppercase + "234567", 16)


EVIDENCE: dict[str, Callable[[random.Random], str]] = {
    "github-pat": github_token("ghp_"),
    "github-oauth": github_token("gho_"),
    "github-user-to-server": github_token("ghu_"),
    "github-server-to-server": github_token("ghs_"),
    "github-refresh": github_token("ghr_"),
    "npm-token": npm_token,
    "age-secret-key": age_identity,
    "telegram-bot-token": telegram_token,
    "okta-api-token": okta_header,
    "twitter-bearer-token": twitter_bearer,
    "sentry-org-token": sentry_org_token,
    "grafana-service-account-token": grafana_sa_token,
    "cloudflare-api-token": cloudflare_token("cfut_"),
    "cloudflare-global-api-key": cloudflare_token("cfk_"),
    "vercel-token": vercel_token,
    "nats-nkey-seed": nats_user_seed,
    "aws-access-key-id": aws_key_id,
    "mailgun-api-key-v2": mailgun_key,
}
# More shapes of the same providers, as real code holds them.
SHAPES: list[tuple[str, Callable[[random.Random], str]]] = [
    ("telegram-bot-token", telegram_url),
    ("twitter-bearer-token", twitter_bearer_decoded),
    ("mailgun-api-key-v2", mailgun_in_basic_auth),
]


@pytest.mark.parametrize(
    ("provider_id", "build"),
    list(EVIDENCE.items()) + SHAPES,
    ids=[*EVIDENCE, *(f"{p}-{b.__name__}" for p, b in SHAPES)],
)
def test_documented_format_is_reported(provider_id: str, build: Callable[[random.Random], str]) -> None:
    r = _rng(provider_id + build.__name__)
    for _ in range(25):
        token = build(r)
        found = [(f.provider, f.line, f.col) for f in scan_source(f"value = {token!r}\n")]
        assert found == [(provider_id, 1, 8)], (found, len(token))


# Checksummed formats: one changed character (kept inside the alphabet) is no longer that provider's token.
CHECKSUMMED = [
    "github-pat", "npm-token", "age-secret-key", "grafana-service-account-token", "cloudflare-api-token",
    "cloudflare-global-api-key", "vercel-token", "nats-nkey-seed",
]


@pytest.mark.parametrize("provider_id", CHECKSUMMED)
def test_one_changed_character_breaks_the_checksum(provider_id: str) -> None:
    r = _rng(provider_id + "-flip")
    for _ in range(10):
        token = EVIDENCE[provider_id](r)
        at = r.randrange(len(token) // 2, len(token) - 10)
        swap = {"A": "B", "Q": "P"}.get(token[at], "A" if token[at].isupper() else "Q" if token[at] != "Q" else "P")
        changed = token[:at] + swap + token[at + 1:]
        if changed == token:
            continue
        assert [f.provider for f in scan_source(f"value = {changed!r}\n")] == [], (provider_id, at)


def test_twitter_bearer_head_is_zero_bytes_then_app_id() -> None:
    """The documented structure, decoded from a built token: 16 zero bytes open the 44 decoded bytes."""
    token = urllib.parse.unquote(twitter_bearer(_rng("x-structure")))
    raw = base64.b64decode(token[:60])
    assert len(raw) == 44 and raw[:16] == bytes(16) and token.startswith("A" * 21)
    assert len(token) - 60 == 50 and token[60:].isalnum()


def test_okta_token_without_ssws_is_left_to_the_name_rules() -> None:
    """Okta documents no prefix of its own but "00": a 42-character value alone is not claimed as Okta's."""
    token = okta_header(_rng("okta-bare"))[len("SSWS "):]
    assert [f.provider for f in scan_source(f"value = {token!r}\n")] == []
