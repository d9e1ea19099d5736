"""Is a name (variable, attribute, keyword, dict key, env var) secret-like?

Names match on *word parts*, never substrings: ``passed``, ``tokenizer`` and
``compassion`` are one word each and none is ``pass``/``token``. The *head*
(last word) says what the thing is: ``token_type`` is a type, ``password_hash``
a hash, ``key_id`` an id, ``max_tokens`` a count; a trailing environment, role,
container word or named service is not the head (``PASSWORD_PROD``,
``secret_value``, ``TOKEN_GITHUB``). A negating modifier before the
head says it is public or a cursor: ``public_key``, ``NextToken``, ``page_token``.

The result is a :class:`Strength`:

* ``PASSWORD``: a human-chosen secret. Any value that is not a placeholder,
  template, label or message is a finding (``password = "Admin"``).
* ``SECRET``: tokens, secrets, API keys. The value must also look like a
  credential (not a word, identifier or regex): ``token == "lambda"`` is a
  lexer token, a mix of letters and digits is not.
* ``KEY``: a bare or loosely qualified ``key``, or a secret word or bare key followed
  by a word that is not a head (``SECRET_ACME``, ``token_end``, ``key_wrap``). Only a
  random-looking value counts (``key = "name"`` is a dict key). A credential named
  in full before such a word is SECRET: ``apikey_billing`` is the billing API key.
"""

from __future__ import annotations

import enum
import re
from functools import lru_cache
from typing import Iterable


class Strength(enum.IntEnum):
    NONE = 0
    KEY = 1
    SECRET = 2
    PASSWORD = 3


_WORD_RE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")

PASSWORD_HEADS = frozenset(
    {"password", "passwd", "pwd", "pass", "passphrase", "passcode", "pw", "pword", "passw"}
)
SECRET_HEADS = frozenset(
    {
        "secret", "secrete", "token", "apikey", "secretkey", "accesskey", "privatekey", "privkey", "pkey",
        "authtoken", "accesstoken", "credential", "credentials", "cred", "creds",
        "signingkey", "clientsecret", "bearer", "authkey", "masterkey",
        "sessionkey", "encryptionkey", "licensekey", "auth",
    }
)
# The heads above that name one kind of credential in full, not a bare word (``secret``, ``token``, ``auth``).
COMPOUND_HEADS = frozenset(h for h in SECRET_HEADS if h.endswith(("key", "token", "secret")) and h not in
                           ("secret", "token"))
# ``tokens``, ``PASSWORDS``: a collection of the singular thing.
PLURAL_HEADS = {"tokens": "token", "secrets": "secret", "passwords": "password", "passwds": "passwd",
                "pwds": "pwd", "keys": "key", "apikeys": "apikey", "passphrases": "passphrase"}
# ``PASSWORD_PROD``, ``api_key_admin``: an environment or role after the real head.
QUALIFIER_TAILS = frozenset(
    {"prod", "production", "dev", "development", "staging", "stage", "test", "testing", "live", "sandbox",
     "local", "qa", "uat", "backup", "primary", "secondary", "admin", "root", "db", "database", "service"}
)
# ``SECRET_VALUE``, ``api_key_str``: a generic container word after the real head.
GENERIC_TAILS = frozenset(
    {"value", "values", "val", "str", "string", "text", "data", "bytes", "raw", "b64", "base64", "hex",
     "encoded", "plain", "plaintext", "literal", "content", "contents", "override", "default"}
)
# ``PASSWORD_POSTGRES``, ``token_github``, ``API_KEY_STRIPE``: the system the secret is for, after the real head.
# A named list, not "any word": most words after a head say what the thing is instead (``token_type``).
SERVICE_TAILS = frozenset(
    {
        # databases, queues, directories and transfer protocols
        "postgres", "postgresql", "pg", "psql", "mysql", "mariadb", "mssql", "sqlserver", "oracle", "redis",
        "mongo", "mongodb", "cassandra", "elastic", "elasticsearch", "opensearch", "clickhouse", "snowflake",
        "rabbitmq", "rabbit", "amqp", "kafka", "ldap", "smtp", "imap", "ftp", "sftp", "ssh", "vault",
        # clouds, registries, CI and SaaS APIs that issue keys
        "aws", "azure", "gcp", "s3", "docker", "dockerhub", "npm", "pypi", "github", "gitlab", "bitbucket",
        "jira", "confluence", "jenkins", "circleci", "sonar", "sonarqube", "artifactory", "nexus", "heroku",
        "vercel", "netlify", "cloudflare", "digitalocean", "slack", "discord", "telegram", "twilio", "sendgrid",
        "mailgun", "stripe", "paypal", "braintree", "openai", "anthropic", "huggingface", "sentry", "datadog",
        "newrelic", "grafana", "okta", "auth0", "keycloak", "firebase", "supabase", "shopify", "salesforce",
        "hubspot", "notion", "dropbox", "twitter", "facebook",
    }
)
_DROPPED_TAILS = GENERIC_TAILS | QUALIFIER_TAILS | SERVICE_TAILS
# Words after a secret word that name something else, in particular the random-looking values kept beside
# a secret (ids, salts, nonces, signatures, digests, versions) and where the secret comes from.
DESCRIPTOR_TAILS = frozenset(
    {
        "id", "ids", "uuid", "guid", "arn", "salt", "nonce", "iv", "fingerprint", "checksum", "sig",
        "signature", "hmac", "mac", "sha", "md5", "crc", "etag", "version", "rev", "revision", "marker",
        "offset", "seed", "example", "sample", "fake", "dummy", "mock", "env", "var", "variable", "header",
        "param", "parameter", "setting", "option", "config", "source", "method", "scheme", "ref", "reference",
    }
)
# ``xxx_key`` is a SECRET when the qualifier says what kind of key it is.
KEY_QUALIFIERS = frozenset(
    {
        "api", "secret", "access", "private", "signing", "sign", "encryption", "encrypt",
        "decrypt", "crypt", "crypto", "cipher", "master", "app", "application", "client",
        "consumer", "auth", "hmac", "jwt", "session", "license", "licence", "account",
        "service", "bot", "storage", "sas", "subscription", "admin", "deploy", "ssh",
        "aes", "shared", "psk", "rsa", "ecdsa", "ed25519", "gpg", "pgp", "webhook",
        "live", "test", "prod", "server", "write", "read", "ingest", "ingestion",
        "mac", "fernet", "django", "flask",
    }
)
# Words before the head that make the thing public, a count or a cursor.
NEGATING_MODIFIERS = frozenset(
    {
        "public", "pub", "publishable", "next", "prev", "previous", "page", "paging", "pagination",
        "continuation", "cursor", "resume", "sync", "change", "max", "min", "num", "total",
        "count", "is", "has", "use", "should", "require", "requires", "required",
        "enable", "enabled", "show", "allow", "no", "sort", "primary", "foreign",
        "partition", "row", "cache", "lookup", "index", "group", "hot", "dict",
        "map", "field", "fields", "column", "col", "label", "prompt", "input",
        "expired", "invalid", "wrong", "bad", "missing", "empty",
        "hide", "hidden", "mask", "masked", "file", "path", "dir", "url", "uri",
        "endpoint", "type", "kind", "mode", "format", "fmt", "len",
        "length", "size", "policy", "prefix", "suffix", "regex", "re", "pattern",
        "template", "placeholder", "help", "msg", "message", "text", "error",
        "name", "hash", "hashed", "digest",
    }
)
# The modifiers above that say what the thing *is* (a noun: a map, a page, a file), as opposed to what state
# or use it has (public, max, is, wrong). A noun names the thing only when it stands right before the head
# (``map_key``, ``page_token``); further off it names a product or service the secret is for
# (``GOOGLE_MAP_API_KEY``, ``PAGE_SPEED_API_KEY``).
ROLE_MODIFIERS = frozenset(
    {
        "page", "paging", "pagination", "continuation", "cursor", "resume", "sync", "sort", "primary", "foreign",
        "partition", "row", "cache", "lookup", "index", "group", "hot", "dict", "map", "field", "fields",
        "column", "col", "label", "prompt", "input", "file", "path", "dir", "url", "uri", "endpoint", "type",
        "kind", "mode", "format", "fmt", "policy", "prefix", "suffix", "regex", "re", "pattern", "template",
        "placeholder", "help", "msg", "message", "text", "error", "name",
    }
) & NEGATING_MODIFIERS

# The vocabulary other modules ask, derived from the heads above so that it cannot drift from the name rules.
ALL_HEADS = frozenset(PASSWORD_HEADS | SECRET_HEADS | set(PLURAL_HEADS) | set(PLURAL_HEADS.values()) | {"key"})
# The heads a setting's name inside a string is found by (``"Password=…;"``, ``"api_key: …"``, embedded.py): the
# common endings only, since that search runs back from every = and : of every string literal.
SETTING_HEADS = ("password", "passwd", "passphrase", "pass", "pwd", "secret", "token", "key", "credentials",
                 "credential", "auth")


def is_head_word(word: str) -> bool:
    """``password``, ``pwd``, ``token``, ``apikey``: a lower-case word that by itself names a password or secret
    (a URL's password written as one of these is a schematic, ``postgres://user:password@host``)."""
    return word in PASSWORD_HEADS or word in SECRET_HEADS


@lru_cache(maxsize=8192)
def words(name: str) -> tuple[str, ...]:
    """Lower-case word parts of *name*: ``"X-Api-Key"`` -> ``("x", "api", "key")``."""
    return tuple(w.lower() for w in _WORD_RE.findall(name))


_GLUED_SUFFIXES = ("password", "passwd", "secret", "token")


def glued_head(word: str) -> str:
    """``PGPASSWORD``, ``MYSQLTOKEN``: one word that ends in a head word after a prefix of two or more letters.

    A negating prefix keeps the word whole: ``NOPASSWORD`` names the absence of one.
    """
    for suffix in _GLUED_SUFFIXES:
        if word.endswith(suffix) and len(word) >= len(suffix) + 2:
            return word if word[: -len(suffix)] in NEGATING_MODIFIERS else suffix
    return word


_PREPOSITIONS = frozenset({"for", "of", "to", "from", "in", "at", "on", "with", "by"})


def _head(parts: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The head word (digits dropped, two split halves re-joined) and what precedes it.

    A prepositional tail is dropped first: ``admin_password_for_backups`` is a password.
    """
    parts = tuple(p for p in parts if not p.isdigit())
    for i, p in enumerate(parts):
        if i and p in _PREPOSITIONS:
            parts = parts[:i]
            break
    while len(parts) > 1 and parts[-1] in _DROPPED_TAILS:
        parts = parts[:-1]
    if parts and parts[-1] in PLURAL_HEADS:
        parts = parts[:-1] + (PLURAL_HEADS[parts[-1]],)
    if not parts:
        return "", ()
    head, rest = parts[-1], parts[:-1]
    if rest:
        joined = rest[-1] + head  # "PassWord" -> "password", "ApiKey" stays api + key
        if joined in PASSWORD_HEADS or joined in SECRET_HEADS:
            return joined, rest[:-1]
    return head, rest


_NO_DIGITS = str.maketrans("", "", "0123456789")


def _stems(heads: Iterable[str]) -> tuple[str, ...]:
    """The words of *heads* without those that hold a shorter one (``password`` holds ``pass``): a text holds
    one of *heads* only if it holds one of these."""
    heads = set(heads)
    return tuple(sorted(h for h in heads if h and not any(o != h and o in h for o in heads)))


@lru_cache(maxsize=64)
def _head_stems(extra: frozenset[str]) -> tuple[str, ...]:
    """The stems of every head word (and *extra*).

    Every head :func:`strength` can find is a word part, two adjacent parts joined (digits dropped),
    a plural or a glued word: each is a substring of the name's parts joined without digits, so a
    name whose joined parts hold none of these stems has no head.
    """
    return _stems(ALL_HEADS | extra)


# Substrings one of which every secret-like name holds (``auth``, ``key``, ``pass``, ``pw``, ``token``…), and
# every password name (``pass``, ``pw``): the cheap tests before the word rules run (lower-case; match them
# ignoring case).
SECRET_STEMS = _stems(ALL_HEADS)
PASSWORD_STEMS = _stems(PASSWORD_HEADS | {word for word, one in PLURAL_HEADS.items() if one in PASSWORD_HEADS})


def _ignored(parts: tuple[str, ...], ignore: frozenset[str]) -> bool:
    return bool(ignore) and ("".join(parts) in ignore or bool(ignore.intersection(parts)))


def is_ignored(name: str, ignore: frozenset[str]) -> bool:
    """Whether *name* is one the user listed in ``nosecrets-ignore-names`` (whole, or one of its words)."""
    return bool(name) and _ignored(words(name), ignore)


@lru_cache(maxsize=8192)
def strength(name: str, extra: frozenset[str] = frozenset(), ignore: frozenset[str] = frozenset()) -> Strength:
    """How secret-like *name* is (see the module docstring).

    *extra* adds head words that count as SECRET; *ignore* lists names (compared
    lower-case, separators removed) or single words that never count.
    """
    if not name or len(name) > 200:
        return Strength.NONE
    parts = words(name)
    letters = "".join(parts).translate(_NO_DIGITS)
    if not any(w in letters for w in _head_stems(extra)):
        return Strength.NONE  # no head can be made of these parts (most names): skip the parsing below
    return strength_of_parts(parts, extra, ignore)


def strength_of_parts(parts: tuple[str, ...], extra: frozenset[str], ignore: frozenset[str]) -> Strength:
    """:func:`strength` of a name's word parts, without the stem prefilter (the tests compare the two)."""
    if _ignored(parts, ignore):
        return Strength.NONE
    head, rest = _head(parts)
    if _negated(rest, head not in parts and head + "s" not in parts):
        return Strength.NONE
    level = _head_strength(head, rest, extra)
    if not level and head in KEY_QUALIFIERS and rest and _head(rest)[0].endswith("key"):
        # ``SECRET_KEY_HMAC``, ``signing_key_rsa``: what the key is for, after a qualified key.
        return Strength.SECRET if _head_strength(*_head(rest), extra) >= Strength.SECRET else Strength.NONE
    if level or not rest or head in NEGATING_MODIFIERS or head in DESCRIPTOR_TAILS:
        return level
    # ``SECRET_ACME``, ``key_wrap``: a secret word (or a bare key), then a word that is not one of those that say
    # what the thing is instead. Most such tails are attributes (``token_end``, ``password_changed``) whose
    # values are words, so only a random-looking value counts, as under a bare ``key``. A credential named
    # in full (``apikey_billing``, ``ACCESS_TOKEN_ACME``) is that credential for the service the tail names.
    earlier, before = _head(rest)
    earlier_level = _head_strength(earlier, before, extra)
    if earlier_level >= Strength.SECRET and earlier in COMPOUND_HEADS:
        return Strength.SECRET
    return Strength.KEY if earlier_level else Strength.NONE


def _negated(rest: tuple[str, ...], compound: bool) -> bool:
    """A negating modifier among the words before the head. A role noun counts only right before a head of one
    word: ``page_token`` is a cursor, but before a head made of two (``GOOGLE_MAP_API_KEY``) it names a product."""
    found = NEGATING_MODIFIERS.intersection(rest)
    return bool(found) and (not found <= ROLE_MODIFIERS or (rest[-1] in found and not compound))


def _head_strength(head: str, rest: tuple[str, ...], extra: frozenset[str]) -> Strength:
    """What the head word (after the words *rest*) makes of a name."""
    if not rest:
        head = glued_head(head)
    if head in PASSWORD_HEADS:
        # A bare ``pass`` is as often a filter pass band or a test outcome as a password.
        return Strength.SECRET if head == "pass" and not rest else Strength.PASSWORD
    if head in SECRET_HEADS or head in extra:
        return Strength.SECRET
    if head == "key":
        return Strength.SECRET if rest and rest[-1] in KEY_QUALIFIERS else Strength.KEY
    return Strength.NONE


@lru_cache(maxsize=8192)  # asked of every function's name: most names recur (``__init__``, ``get``, ``run``)
def rank(name: str) -> Strength:
    """How strongly *name* names a secret, where names compete (chained targets, comparison operands, secret-named
    functions): :func:`strength`, and an ``Authorization`` header name counts as a secret name there too."""
    level = strength(name)
    return level or (Strength.SECRET if is_authorization(name) else Strength.NONE)


def is_authorization(name: str) -> bool:
    """``Authorization``, ``Proxy-Authorization``, ``HTTP_AUTHORIZATION``, ``X-Api-Key``-like header names."""
    parts = words(name)
    return bool(parts) and parts[-1] in ("authorization", "auth") and len(parts) <= 3


def env_var_name(name: str) -> str:
    """*name* as an environment variable name: ``self.stripeKey`` -> ``STRIPE_KEY``."""
    parts = words(name)
    out = "_".join(p.upper() for p in parts)
    if not out or out[0].isdigit():
        out = "SECRET_" + out
    return out
