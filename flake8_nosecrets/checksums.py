"""Provider checksum and structure checks (pure functions, no network).

A real token passes its provider's check; a random string of the right shape
almost never does, so a failed check means "not a live token of this provider".
"""

from __future__ import annotations

import base64
import binascii
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
    """Three dot-separated base64url parts whose first decodes to a JSON object with ``alg``."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[0] or not parts[1]:
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
