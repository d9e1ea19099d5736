"""Provider checksum and structure checks (pure functions, no network).

A real token passes its provider's check; a random string of the right shape
almost never does, so a failed check means "not a live token of this provider".
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def base62_encode(n: int, width: int = 6) -> str:
    out = []
    while n:
        n, r = divmod(n, 62)
        out.append(BASE62[r])
    return "".join(reversed(out)).rjust(width, "0")


def crc32_base62(body: str) -> str:
    """The 6-character base62 CRC32 suffix GitHub and npm append to a token body."""
    return base62_encode(binascii.crc32(body.encode("ascii")) & 0xFFFFFFFF)


def valid_crc32_suffix(token: str) -> bool:
    """GitHub (``ghp_``, ``gho_``, ``ghu_``, ``ghs_``, ``ghr_``) and npm (``npm_``) tokens: the last 6 chars
    are the base62 CRC32 of the 30 characters between the prefix and them.

    https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
    """
    prefix, _, rest = token.partition("_")
    if len(rest) != 36:
        return False
    return rest[-6:] == crc32_base62(rest[:-6])


def add_crc32_suffix(token: str) -> str:
    """Append the checksum to ``prefix_`` + 30-char body (sample generation)."""
    prefix, _, body = token.partition("_")
    return f"{prefix}_{body}{crc32_base62(body)}"


def _b64decode_loose(part: str) -> bytes:
    part = part.replace("-", "+").replace("_", "/")
    return base64.b64decode(part + "=" * (-len(part) % 4), validate=True)


def valid_jwt(token: str) -> bool:
    """Dot-separated base64url parts whose first decodes to a JSON object with ``alg``.

    The signature may be missing: an unsigned (``alg: none``) token is still a bearer credential.
    """
    parts = token.split(".")
    if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
        return False
    try:
        header = json.loads(_b64decode_loose(parts[0]))
        json.loads(_b64decode_loose(parts[1]))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return False
    return isinstance(header, dict) and "alg" in header


AWS_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def valid_aws_key_id(token: str) -> bool:
    """AWS access key ids: a 4-letter type prefix then 16 base32 characters (A-Z, 2-7).

    The base32 body encodes the account id; digits 0, 1, 8 and 9 never occur.
    https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
    """
    return len(token) == 20 and AWS_ID_CHARS.issuperset(token[4:])


def valid_pypi_macaroon(token: str) -> bool:
    """PyPI API tokens: ``pypi-`` then a base64url macaroon whose first bytes name the location pypi.org.

    ``AgEIcHlwaS5vcmc`` (or ``AgENdGVzdC5weXBpLm9yZw`` for test.pypi.org) is the serialised
    macaroon header "location: pypi.org". https://pypi.org/help/#apitoken
    """
    body = token[5:]
    try:
        raw = _b64decode_loose(body[:40])
    except (ValueError, binascii.Error):
        return False
    return b"pypi.org" in raw[:32] and len(body) >= 60


def valid_basic_credentials(b64: str) -> bool:
    """``Basic`` header payload: base64 of ``user:password`` (printable text with a colon)."""
    try:
        raw = base64.b64decode(b64 + "=" * (-len(b64) % 4), validate=True).decode("utf-8")
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return False
    user, sep, pw = raw.partition(":")
    return bool(sep) and raw.isprintable() and len(pw) >= 1


# ---------------------------------------------------------------- GitLab routable tokens

BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36_encode(n: int, width: int) -> str:
    out = []
    while n:
        n, r = divmod(n, 36)
        out.append(BASE36[r])
    return "".join(reversed(out)).rjust(width, "0")


def _gitlab_crc(text: str) -> str:
    return base36_encode(binascii.crc32(text.encode("ascii")) & 0xFFFFFFFF, 7)


def valid_gitlab_routable(token: str) -> bool:
    """GitLab routable tokens (``glpat-<payload>.<version>.<length><crc>``, or the earlier form without
    the version field): the last 7 characters are the base36 zlib CRC32 of everything before them,
    and the 2-character base36 length field is the length of the base64url payload.

    GitLab's ``Authn::TokenField::Generator::RoutableToken`` and the routable-tokens design document
    (https://handbook.gitlab.com/handbook/engineering/architecture/design-documents/cells/routable_tokens/).
    """
    if len(token) < 10 or not token.isascii():
        return False
    head, crc = token[:-7], token[-7:]
    if crc != _gitlab_crc(head):
        return False
    payload_and_prefix, _, fields = head.partition(".")
    length_field = fields.rpartition(".")[2]
    payload = payload_and_prefix.partition("-")[2]
    if payload.startswith("t") and "_" in payload[:4]:  # runner tokens: glrt-t1_<payload>
        payload = payload.partition("_")[2]
    try:
        return int(length_field, 36) == len(payload)
    except ValueError:
        return False


def add_gitlab_routable_suffix(token: str) -> str:
    """``glpat-<payload>`` -> the versioned routable token with its length field and CRC (samples)."""
    prefix, _, payload = token.partition("-")
    body = payload.partition("_")[2] if prefix == "glrt" else payload
    head = f"{token}.01.{base36_encode(len(body), 2)}"
    return head + _gitlab_crc(head)


# ---------------------------------------------------------------- Grafana service account tokens


def grafana_sa_checksum(key: str) -> str:
    """Grafana's checksum: CRC32 (IEEE) of ``glsa_<secret>``, its 4 bytes little-endian, as hex."""
    return (binascii.crc32(key.encode("ascii")) & 0xFFFFFFFF).to_bytes(4, "little").hex()


def valid_grafana_sa_token(token: str) -> bool:
    """``glsa_<32 alnum>_<8 hex>``: the suffix is :func:`grafana_sa_checksum` of the rest.

    Grafana ``pkg/components/satokengen/tokengen.go`` (``PrefixedKey.CalculateChecksum``).
    """
    key, _, checksum = token.rpartition("_")
    return key.isascii() and checksum == grafana_sa_checksum(key)


def add_grafana_sa_checksum(token: str) -> str:
    return f"{token}_{grafana_sa_checksum(token)}"


# ---------------------------------------------------------------- base64-JSON structured tokens


def _json_object(b64: str) -> dict | None:
    try:
        value = json.loads(_b64decode_loose(b64.rstrip("=")))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def _b64json(obj: dict, urlsafe: bool = False, pad: bool = True) -> str:
    raw = json.dumps(obj, separators=(",", ":")).encode()
    text = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(raw).decode()
    return text if pad else text.rstrip("=")


def valid_grafana_api_key(token: str) -> bool:
    """Legacy Grafana API keys: base64 of ``{"k": key, "n": name, "id": org}`` (hence ``eyJrIjoi``).

    https://grafana.com/docs/grafana/latest/developers/http_api/auth/
    """
    obj = _json_object(token)
    return obj is not None and isinstance(obj.get("k"), str) and "n" in obj


def finish_grafana_api_key(token: str) -> str:
    key = token[len("eyJrIjoi"):]
    return _b64json({"k": key, "n": "ci", "id": 1})


def valid_grafana_cloud_token(token: str) -> bool:
    """Grafana Cloud access policy tokens: ``glc_`` + base64 of a JSON object with the org ``o`` and key ``k``."""
    obj = _json_object(token[len("glc_"):])
    return obj is not None and "o" in obj and "k" in obj


def finish_grafana_cloud_token(token: str) -> str:
    body = token[len("glc_"):]
    org = str(sum(map(ord, body)) * 7919)
    return "glc_" + _b64json({"o": org, "n": "stack-ci", "k": body, "m": {"r": "prod-us-east-0"}})


def valid_mapbox_secret_token(token: str) -> bool:
    """Mapbox secret tokens: ``sk.`` + base64url JSON naming the user ``u`` + ``.`` + signature.

    https://docs.mapbox.com/accounts/guides/tokens/
    """
    parts = token.split(".")
    obj = _json_object(parts[1]) if len(parts) == 3 else None
    return obj is not None and isinstance(obj.get("u"), str)


def finish_mapbox_secret_token(token: str) -> str:
    user, _, sig = token[len("sk.eyJ1Ijoi"):].partition(".")
    return f"sk.{_b64json({'u': user, 'a': 'cl' + sig[:23].lower()}, urlsafe=True, pad=False)}.{sig}"


def valid_onepassword_sa_token(token: str) -> bool:
    """1Password service account tokens: ``ops_`` + base64 JSON (sign-in address, SRP and key material).

    https://developer.1password.com/docs/service-accounts/
    """
    obj = _json_object(token[len("ops_"):])
    return obj is not None and ("signInAddress" in obj or "email" in obj)


def finish_onepassword_sa_token(token: str) -> str:
    body = token[len("ops_eyJ"):]
    auth = {"method": "SRPg-4096", "alg": "PBES2g-HS256", "iterations": 650000, "salt": body[:22]}
    fields = {
        "signInAddress": "my.1password.com",
        "userAuth": auth,
        "email": body[22:34].lower() + "@1passwordserviceaccounts.com",
        "srpX": body[34:],
        "muk": {"alg": "A256GCM", "k": body[::-1]},
    }
    return "ops_" + _b64json(fields, pad=False)


def valid_sentry_org_token(token: str) -> bool:
    """Sentry organization tokens: ``sntrys_`` + base64 JSON (``iat``, ``url``, ``region_url``, ``org``),
    ``_`` and the secret.

    https://docs.sentry.io/account/auth-tokens/#organization-tokens
    """
    payload = token[len("sntrys_"):].rpartition("_")[0]
    obj = _json_object(payload)
    return obj is not None and "iat" in obj


def finish_sentry_org_token(token: str) -> str:
    org, _, secret = token[len("sntrys_eyJpYXQiO"):].partition("_")
    claims = {"iat": 1732800000.5, "url": "https://sentry.io", "region_url": "https://us.sentry.io", "org": org.lower()}
    payload = _b64json(claims)
    return f"sntrys_{payload}_{secret}"


def valid_azure_storage_key(key: str) -> bool:
    """Azure storage account keys are 64 random bytes, base64 encoded (88 characters with ``==``).

    https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage
    """
    try:
        return len(base64.b64decode(key, validate=True)) == 64
    except (ValueError, binascii.Error):
        return False


def valid_azure_sas_key(key: str) -> bool:
    """Azure Service Bus / Event Hubs shared access keys are 32 random bytes, base64 encoded (44 characters).

    https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-sas
    """
    try:
        return len(base64.b64decode(key, validate=True)) == 32
    except (ValueError, binascii.Error):
        return False


# ---------------------------------------------------------------- Discord bot tokens


def valid_discord_bot_token(token: str) -> bool:
    """Discord bot tokens: base64 of the bot's snowflake user id (17-20 digits), ``.``, timestamp, ``.``, HMAC.

    https://discord.com/developers/docs/reference#authentication
    """
    first = token.partition(".")[0]
    try:
        raw = _b64decode_loose(first)
    except (ValueError, binascii.Error):
        return False
    return 17 <= len(raw) <= 20 and raw.isdigit() and raw[:1] != b"0"


def finish_discord_bot_token(token: str) -> str:
    """Sample generation: the template's first part is the numeric id; encode it as Discord does."""
    user_id, _, rest = token.partition(".")
    return base64.urlsafe_b64encode(user_id.encode()).decode().rstrip("=") + "." + rest


# ---------------------------------------------------------------- age secret keys (bech32)

BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_GEN = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _bech32_polymod(values: list[int]) -> int:
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= _BECH32_GEN[i] if (top >> i) & 1 else 0
    return chk


def _bech32_hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def valid_bech32(text: str) -> bool:
    """A bech32 string (BIP-173) whose 6-character checksum verifies; case-insensitive as a whole."""
    low = text.lower()
    hrp, sep, data = low.rpartition("1")
    if not sep or not hrp or len(data) < 6 or any(c not in BECH32 for c in data):
        return False
    return _bech32_polymod(_bech32_hrp_expand(hrp) + [BECH32.index(c) for c in data]) == 1


def add_bech32_checksum(text: str) -> str:
    """Append the bech32 checksum to ``HRP1<data>`` (sample generation); keeps the input's case."""
    low = text.lower()
    hrp, _, data = low.rpartition("1")
    values = _bech32_hrp_expand(hrp) + [BECH32.index(c) for c in data]
    mod = _bech32_polymod(values + [0] * 6) ^ 1
    check = "".join(BECH32[(mod >> 5 * (5 - i)) & 31] for i in range(6))
    return text + (check.upper() if text.isupper() else check)


def valid_age_secret_key(token: str) -> bool:
    """age X25519 identities: ``AGE-SECRET-KEY-1`` + bech32 data and checksum (https://age-encryption.org/v1)."""
    return valid_bech32(token)


# ---------------------------------------------------------------- CRC32 suffixes of newer prefixed formats


def _crc32(text: str) -> int:
    return binascii.crc32(text.encode("ascii")) & 0xFFFFFFFF


def valid_atlassian_token(token: str) -> bool:
    """Atlassian API tokens (``ATATT3…``, ``ATCTT3…``, ``ATSTT3…``): the last 8 characters are the CRC32 of everything
    before them, as upper-case hex (``…=C0FFEE42``). The rule gitleaks validates its matches with
    (``cmd/generate/config/rules/atlassian.go``: ``crc32(secret.substring(0, 184)).upperAscii()``).

    A token pasted into a URL or a Java ``.properties`` file carries its ``=`` escaped (``%3D``,
    ``\\=``); the checksum is of the token itself, so the escape is undone first (the body's alphabet
    holds neither ``%`` nor a backslash).
    """
    token = token.replace("%3D", "=").replace("%3d", "=").replace("\\=", "=")
    head, check = token[:-8], token[-8:]
    return head.isascii() and check == format(_crc32(head), "08X")


def finish_atlassian_token(token: str) -> str:
    """Sample generation: ``ATATT3<body>`` -> ``ATATT3<body>=<CRC32>``."""
    head = token + "="
    return head + format(_crc32(head), "08X")


def valid_cloudflare_token(token: str) -> bool:
    """Cloudflare's scannable credentials (``cfk_``, ``cfut_``, ``cfat_``): 40 characters, then the CRC32 of
    those 40 as 8 lower-case hex digits.

    https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/ ("40 characters and a
    checksum"; the DLP changelog of 2026-04-14 names it a CRC32 suffix).
    """
    rest = token.partition("_")[2]
    return len(rest) == 48 and rest.isascii() and rest[40:] == format(_crc32(rest[:40]), "08x")


def finish_cloudflare_token(token: str) -> str:
    prefix, _, body = token.partition("_")
    return f"{prefix}_{body}{_crc32(body):08x}"


def valid_vercel_token(token: str) -> bool:
    """Vercel credentials (``vcp_``, ``vci_``, ``vca_``, ``vcr_``, ``vck_``): a 50-character body, then the
    base62 CRC32 of the body in 6 characters, as GitHub's tokens carry.

    https://vercel.com/changelog/new-token-formats-and-secret-scanning (prefixes; the checksum is the one
    GitHub secret scanning verifies, as Kingfisher's ``vercel.yml`` rule documents).
    """
    rest = token.partition("_")[2]
    return len(rest) == 56 and rest.isascii() and rest[50:] == crc32_base62(rest[:50])


def finish_vercel_token(token: str) -> str:
    prefix, _, body = token.partition("_")
    return f"{prefix}_{body}{crc32_base62(body)}"


# ---------------------------------------------------------------- NATS nkey seeds (base32 + CRC16)


def crc16_xmodem(data: bytes) -> int:
    """CRC-16/XMODEM (polynomial 0x1021, initial value 0), the checksum of NATS nkeys."""
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = (crc << 1) ^ 0x1021 if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def _nkey_raw(token: str) -> bytes | None:
    try:
        return base64.b32decode(token + "=" * (-len(token) % 8))
    except (ValueError, binascii.Error):
        return None


def valid_nats_seed(token: str) -> bool:
    """NATS nkey seeds (``SU…`` user, ``SA…`` account, ``SO…`` operator…): base32 of a 2-byte seed prefix,
    the 32-byte Ed25519 seed and a little-endian CRC-16/XMODEM of the 34 bytes before it.

    https://github.com/nats-io/nkeys (``strkey.go``, ``crc16.go``) and
    https://docs.nats.io/running-a-nats-service/configuration/securing_nats/auth_intro/nkey_auth
    """
    raw = _nkey_raw(token)
    if raw is None or len(raw) != 36 or raw[0] & 0xF8 != 0x90:  # 0x90: the seed prefix byte, 18 << 3
        return False
    return int.from_bytes(raw[34:], "little") == crc16_xmodem(raw[:34])


def finish_nats_seed(token: str) -> str:
    """Sample generation: keep the first 34 decoded bytes of ``S?<56 base32>`` and append their CRC."""
    raw = (_nkey_raw(token) or b"")[:34]
    return base64.b32encode(raw + crc16_xmodem(raw).to_bytes(2, "little")).decode().rstrip("=")


# ---------------------------------------------------------------- GitHub stateless installation tokens


def valid_github_stateless_token(token: str) -> bool:
    """GitHub App installation tokens in the stateless format (2026): ``ghs_<app id>_<JWT>``, where the JWT
    names the installation and is signed by GitHub. There is no CRC32 as in the 40-character format;
    the JWT must have the structure of one (see :func:`valid_jwt`).

    https://github.blog/changelog/ ("Notice about upcoming new format for GitHub App installation tokens")
    """
    _, _, rest = token.partition("_")
    app_id, _, jwt = rest.partition("_")
    return app_id.isdigit() and valid_jwt(jwt) and len(jwt.split(".")) == 3


def finish_github_stateless_token(token: str) -> str:
    """Sample generation: ``ghs_<app id>_<random>`` -> ``ghs_<app id>_<header>.<claims>.<signature>``."""
    prefix, _, rest = token.partition("_")
    app_id, _, body = rest.partition("_")
    header = _b64json({"alg": "RS256", "typ": "JWT"}, urlsafe=True, pad=False)
    claims = _b64json({"iss": int(app_id), "ins": body[: len(body) // 3], "exp": 1790000000}, urlsafe=True, pad=False)
    return f"{prefix}_{app_id}_{header}.{claims}.{body[len(body) // 3:]}"


# ---------------------------------------------------------------- X (Twitter) app-only bearer tokens

TWITTER_BEARER_LEAD = "A" * 21  # base64 of the 16 zero bytes every app-only bearer token opens with


def _twitter_bearer_head(token: str) -> bytes | None:
    """The 44 bytes of the base64 head (the first 60 characters once ``%2B``/``%2F``/``%3D`` are decoded)."""
    head = token.replace("%2B", "+").replace("%2b", "+").replace("%2F", "/").replace("%2f", "/")
    head = head.replace("%3D", "=").replace("%3d", "=")
    try:
        return base64.b64decode(head[:60], validate=True)
    except (ValueError, binascii.Error):
        return None


def valid_twitter_bearer_token(token: str) -> bool:
    """X (Twitter) app-only bearer tokens: base64 of 44 bytes (16 zero bytes, the app id as a little-endian
    64-bit integer, 20 bytes of MAC), then 50 letters and digits; as the API returns it, URL-encoded.

    https://docs.x.com/fundamentals/authentication/oauth-2-0/bearer-tokens
    """
    raw = _twitter_bearer_head(token)
    # App ids are well under 2**40: the top three bytes of the id are zero too (1 in 2**26 random heads pass).
    return raw is not None and len(raw) == 44 and not any(raw[:16]) and any(raw[16:21]) and not any(raw[21:24])


def finish_twitter_bearer_token(token: str) -> str:
    """Sample generation: ``[text]AAAAAAAAAAAAAAAAAAAAA<app id digits>.<50 alphanumerics>``, encoded as X does it.

    A ``%`` after the app id asks for the URL-encoded form (``%3D`` and, where they occur, ``%2B``/``%2F``).
    """
    lead, _, rest = token.partition(TWITTER_BEARER_LEAD)  # text before the token ("Bearer ") stays
    head, _, tail = rest.partition(".")
    app_id, encoded = head.rstrip("%"), head.endswith("%")
    mac = hashlib.sha1(tail.encode()).digest()
    text = base64.b64encode(bytes(16) + int(app_id).to_bytes(8, "little") + mac).decode() + tail
    if encoded:
        text = text.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
    return lead + text
