"""Named false-alarm predicates: each says why a candidate value is *not* a secret.

Every predicate is pure, cheap (linear in the value) and documented with the
false alarm it removes; ``tests/test_filters.py`` holds a case table per
predicate. :data:`VALUE_FILTERS` lists the ones that apply to any candidate,
cheapest first; :func:`why_not_secret` returns the name of the first that
fires, so a test (or ``--verbose`` tooling) can say which filter spoke.
"""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse
from typing import Callable

from . import names, textstats

PLACEHOLDER_WORDS = frozenset(
    {
        "", "none", "null", "nil", "undefined", "true", "false", "changeme", "change_me", "changethis", "change_this",
        "changeit", "password", "passwd", "apikey", "api_key", "key",
        "xxx", "todo", "fixme", "tbd", "dummy", "example", "sample", "placeholder",
        "redacted", "hidden", "masked", "test", "testing",
        "foo", "bar", "baz", "foobar", "qwerty", "user", "username", "admin",
        "root", "guest", "anonymous", "empty", "notset", "not_set", "unset", "missing",
        "replace_me", "replaceme", "insert", "mypassword", "yourpassword", "mysecret",
        "yoursecret", "mytoken", "yourtoken", "your_token", "your_password",
        "your_api_key", "your-api-key", "<secret>", "...", "n/a", "na", "-", "*", "?",
    }
) - {"admin", "root", "guest", "qwerty"}
# A marker word anywhere in the value makes it a placeholder (matched on word parts).
PLACEHOLDER_MARKERS = frozenset(
    {
        "example", "examples", "placeholder", "changeme", "dummy", "redacted", "sample",
        "your", "yours", "insert", "replace", "xxx", "xxxx", "fake", "mock", "todo",
        "fixme", "here", "goes",
    }
)
_REPEAT_RE = re.compile(r"^(.)\1*$|^(..)\2+$")
_MASK_RE = re.compile(r"[*•●xX#]{4,}|\.\.\.|…")  # masked, or cut short for a document
_ANGLE_RE = re.compile(r"^\s*(<{1,2}[^<>]{1,80}>{1,2}|\[[^\[\]]{1,80}\]|\([^()]{1,80}\))\s*$")
_TEMPLATE_RE = re.compile(
    r"\$\{[A-Za-z_][\w.]*(?::?[-=?+][^{}]{0,100})?\}|\{\{-?\s{0,3}[\w.|()'\"][\w.|()'\" ]{0,99}-?\}\}"
    r"|%\([A-Za-z_]\w*\)[-#0 +]*\d*[sdr]|\{[A-Za-z_][\w.]*(?:\[[\w'\"]*\])?(?:![rsa])?(?::[^{}]{0,20})?\}"
    r"|^\$[A-Za-z_]\w*$|^%[sdr]$|<%=?[^%]{0,200}%>|\{%[^%]{0,200}%\}|\{\d*\}"
    r"|%[A-Za-z_]\w*%|@[A-Za-z_][\w.]*@|#[A-Za-z_]\w*#"
)
_ENV_NAME_RE = re.compile(r"^\$?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
_REGEX_RE = re.compile(
    r"\\[wdsbWDSB]|\[[^\]\[]{0,64}-[^\]\[]{0,64}\]|\(\?[:=!P<]|\.\*|\.\+|\[\^|\{\d+(,\d*)?\}|^\^|\$$"
)
_WORDY_RE = re.compile(r"^[A-Za-z]+(?:[_.\-: /][A-Za-z]+)*[.:!?]?$")
_PATH_RE = re.compile(
    r"^(?:~|\.{1,2})?/[\w.\-/~]*$|^[A-Za-z]:\\|^[\w.\-]+(?:/[\w.\-]+)+/?$"
    r"|^[\w\-]+\.(?:pem|key|crt|cer|p12|pfx|json|ya?ml|ini|cfg|conf|txt|env|toml)$"
)
_URL_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:@/]*(?::\d{1,5})?(?:[/?#][^\s]*)?$")
# First words of a two- or three-word lower-case message ("invalid password", "enter your token").
_MESSAGE_STARTS = frozenset(
    {
        "invalid", "incorrect", "wrong", "bad", "unknown", "enter", "please", "your", "missing",
        "required", "no", "not", "the", "a", "an", "new", "old", "confirm", "forgot", "reset",
        "change", "type", "choose", "empty", "expired", "failed", "error", "must", "cannot",
        "password", "passwords", "token", "secret", "key", "api", "user", "login", "set", "get",
    }
)
_UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_HEX_DIGEST_RE = re.compile(r"^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$")


def is_placeholder(value: str) -> bool:
    """``""``, ``"changeme"``, ``"<your-api-key>"``, ``"<<APP_KEY>>"``, ``"xxx"``, ``"****"``, ``"YOUR_TOKEN_HERE"``,
    ``"None"``."""
    low = value.strip().lower()
    if low in PLACEHOLDER_WORDS or len(low) < 3:
        return True
    if _REPEAT_RE.match(low) or _MASK_RE.search(value) or _ANGLE_RE.match(value):
        return True
    return any(w in PLACEHOLDER_MARKERS for w in names.words(value[:200]))


def is_template(value: str) -> bool:
    """``"${API_KEY}"``, ``"{{ secret }}"``, ``"%(password)s"``, ``"{password}"``, ``"Bearer {token}"``.

    The value must be template and little else: once the placeholders are taken
    out, what is left has no digits-and-letters substance of key length
    (``"R4v{w}9&Lq#2mZ…"`` contains ``{w}`` but is not a template).
    """
    if not _TEMPLATE_RE.search(value):
        return False
    rest = _TEMPLATE_RE.sub("", value)
    return sum(c.isalnum() for c in rest) < 12 or is_word_like(rest.strip(" :=/@;,"))


def is_env_var_name(value: str) -> bool:
    """``TOKEN_ENV = "GITHUB_TOKEN"``: the value names an environment variable."""
    return bool(_ENV_NAME_RE.match(value))


_GROUPED_RE = re.compile(r"^[a-z]{4}(?: [a-z]{4}){3}$")


def is_grouped_password(value: str) -> bool:
    """``"qwnx plsd ejvk ubrm"``: an app password in Google's form, four groups of four letters."""
    return bool(_GROUPED_RE.match(value))


def is_message(value: str) -> bool:
    """``"Invalid password"``, ``"Enter your token:"``, ``"This field is required."``: human text, not a key.

    A lower-case phrase of two or three words that does not open like a message
    (``"my grand passphrase"``) stays a candidate: it reads as a passphrase.
    """
    text = value.strip()
    if " " not in text or is_grouped_password(text):
        return False  # ``"abcd efgh ijkl mnop"``: an app password written in groups, not four words
    parts = text.split()
    if len(parts) < 2:
        return False
    if "\n" not in text and len(text) <= 64 and sum(p.strip(".,:;!?()'\"").isalpha() for p in parts) * 2 < len(parts):
        return False  # ``"x8#kf 2@9fj!k3 la0"``: a line of mostly not words
    if text[-1] in ".:!?)" or len(parts) >= 4 or (text[0].isupper() and parts[0][1:].islower()):
        return True
    return parts[0].lower().strip("'\"(") in _MESSAGE_STARTS


def is_path(value: str) -> bool:
    """``"/run/secrets/db"``, ``"~/.ssh/id_rsa"``, ``"certs/key.pem"``: a file path."""
    return bool(_PATH_RE.match(value))


def is_url_without_credentials(value: str) -> bool:
    """``TOKEN_URL = "https://auth.example.org/oauth/token"``: a URL with no password in it."""
    return bool(_URL_RE.match(value))


def is_regex(value: str) -> bool:
    r"""``_TOKEN_REF = r'[A-Z]\w*'``: a regular expression, not a value."""
    return bool(_REGEX_RE.search(value))


_FILE_EXT_RE = re.compile(
    r"\.(?:pem|key|crt|cer|der|p12|pfx|jks|json|ya?ml|ini|cfg|conf|txt|env|toml|py|sh"
    r"|gif|png|jpe?g|svg|html?|csv|log|db|sqlite3?)$"
)


def is_dotted_identifier(value: str) -> bool:
    """``"fs.s3.cse.enabled"``, ``"uname_string_raw"``, ``"CRAM-MD5"``, ``"param:secp384r1.pem"``: names, not keys.

    Split on ``. _ - : /``, every part is letters only, digits only (``0008_alter_user``, a migration) or at
    most 3 characters
    (``s3``, ``md5``), or the value ends in a file extension. A random key that
    happens to contain ``-`` or ``_`` has long mixed letter-and-digit parts.
    """
    if _FILE_EXT_RE.search(value):
        return True
    parts = re.split(r"[._\-:/]", value)
    if len(parts) < 2:
        return False
    return all(len(p) <= 3 or p.isdigit() or (p.isalpha() and not textstats.case_scrambled(p)) for p in parts)


_HOSTNAME_RE = re.compile(r"^[a-z0-9](?:[a-z0-9\-]{0,62}\.)+[a-z]{2,24}$")


def is_hostname(value: str) -> bool:
    """``"1234-abc.apps.googleusercontent.com"``: a host name (an OAuth client id, an endpoint), not a key."""
    return bool(_HOSTNAME_RE.match(value))


def is_word_like(value: str) -> bool:
    """``"bearer"``, ``"client_secret_basic"``, ``"cfws"``, ``"lambda"``, ``"done."``: letters only.

    For token/secret/key names the value must look like a credential; a word,
    identifier or enum value made of letters alone does not.
    """
    if not _WORDY_RE.match(value):
        return False
    return not ((len(value) >= 20 and textstats.looks_scrambled(value))
                or (len(value) >= 8 and textstats.mixed_case_noise(value)))


def is_same_as_name(value: str, name: str) -> bool:
    """``CHALLENGE_PASSWORD = "challengePassword"``, ``password = "password1"``: the value is the name.

    Trailing digits do not make a name a password (``"password1"``, ``"token2"``).
    """
    if not name:
        return False
    value_words = names.words(value)
    squash = "".join(w for w in value_words if not w.isdigit())
    name_words = names.words(name)
    if not squash:
        return False
    if squash in ("".join(name_words), "".join(name_words).rstrip("s")) or squash in name_words:
        return True
    # ``"wrong-password"``, ``"client_secret_basic"``: an identifier without digits naming what the name names.
    head = names.glued_head(name_words[-1]) if name_words else ""
    return bool(head) and head in value_words and " " not in value and is_word_like(value)


def is_sequential(value: str) -> bool:
    """``"ABC12345"``, ``"abcdef123456"``, ``"1234567890"``: runs of the alphabet or the digits, typed filler.

    At most two breaks in the run, each step otherwise +1.
    """
    chars = [c for c in value.lower() if c.isalnum()]
    if len(chars) < 6:
        return False
    if textstats.breaks(chars) <= 2:
        return True
    # ``"1a2b3c4d-5e6f-7a8b…"``: two interleaved runs (digits 1, 2, 3… and letters a, b, c…)
    return (len(chars) >= 12 and textstats.breaks(chars[::2], wrap=True) <= 2
            and textstats.breaks(chars[1::2], wrap=True) <= 2)


def is_uuid(value: str) -> bool:
    """``"123e4567-e89b-12d3-a456-426614174000"``: a UUID, an identifier unless a secret name says otherwise."""
    return bool(_UUID_RE.match(value))


def is_hex(value: str) -> bool:
    """``"2b7e151628aed2a6abf7158809cf4f3c"``: hexadecimal digits only."""
    return bool(value) and all(c in "0123456789abcdefABCDEF" for c in value)


def is_hex_digest(value: str) -> bool:
    """A lower-case MD5/SHA digest: a checksum or test vector unless a secret name says otherwise."""
    return bool(_HEX_DIGEST_RE.match(value))


def is_repetitive(value: str) -> bool:
    """``"wxyz9876wxyz9876wxyz9876"``, ``"1111-1111-1111"``: a short unit repeated, a filler not a key.

    Checks a provider token's tail; under a secret name such a short filler still counts as a (weak)
    typed value, as the peers' tests expect: see :func:`is_long_filler` for the one a name does not save.
    """
    n = len(value)
    if n < 12:
        return False
    for unit in range(1, 9):
        if n >= unit * 3 and value[:unit] * (n // unit) == value[: unit * (n // unit)]:
            return True
    return len(set(value)) <= 3


def is_long_filler(value: str) -> bool:
    """``"Tk9vQ2xWp7Lm4Rz8Yb6N" * 3``, ``"aB3xAb3XaB3xab3X"``: one unit typed three times or more, where the unit
    is long (more than 16 characters) or mixes cases, so that entropy alone reads it as random. Generated test
    data and padding, not a key: a key never repeats itself.

    A unit of up to 16 characters in one case (``"1234567890abcdef" * 3``, ``"abcd1234" * 8``) is the fake key
    that tests and examples type in place of a real one; under a secret name it stays reported (the peers'
    tests expect that too)."""
    n = len(value)
    if n < 12:
        return False
    unit = _smallest_period(value.lower())
    if unit > n // 3:
        return False
    head = value[:unit]  # the shortest unit: "abcd1234" * 4 is a short unit, not a 16-character one
    mixed = any(c.isupper() for c in head) and any(c.islower() for c in head)
    return unit > 16 or mixed or value != (head * (n // unit + 1))[:n]


def _smallest_period(text: str) -> int:
    """The smallest *p* with ``text[i] == text[i + p]`` everywhere (``len(text)`` when none is shorter), from the
    KMP prefix function: linear, where trying every unit in turn was quadratic (80 s on a 1 MB literal)."""
    border = [0] * len(text)
    k = 0
    for i in range(1, len(text)):
        c = text[i]
        while k and c != text[k]:
            k = border[k - 1]
        if c == text[k]:
            k += 1
        border[i] = k
    return len(text) - (border[-1] if text else 0)


def is_doc_example(value: str) -> bool:
    """Documentation example keys: AWS's ``AKIA...EXAMPLE`` and ``wJalr...EXAMPLEKEY``."""
    return "EXAMPLE" in value or "example" in value


_NONE_LIKE = frozenset({"none", "null", "nil", "undefined", "true", "false", "n/a", "na"})


def could_be_used_as_secret(value: str) -> bool:
    """Whether a program could sign or log in with *value* as written (NSC207): ``"dev"``, ``"password"``,
    ``"super secret key"`` could; ``""``, ``"None"``, ``"-"``, ``"${SECRET_KEY}"``, ``"****"``, ``"..."``,
    ``"<your-secret-key>"``, ``"DJANGO_SECRET_KEY"`` (an env var name), paths, stored password hashes and
    injection payloads are not values a program signs or logs in with."""
    if not value or len(value) > 1024 or not any(c.isalnum() for c in value) or value.lower() in _NONE_LIKE:
        return False
    if _MASK_RE.search(value) or _ANGLE_RE.match(value) or is_template(value) or is_env_var_name(value):
        return False
    if is_password_hash(value) or is_attack_payload(value):
        return False  # a stored hash or an injection payload is not the secret itself (see below)
    return not (is_path(value) or is_url_without_credentials(value))


_ATTACK_RE = re.compile(  # white space runs bounded: a quote before a long run of spaces stays linear
    r"""['"`]\s{0,3}\)?\s{0,3}(?:or|and|union)\s"""  # ' OR '1'='1, ") or ("a"="a, ' UNION SELECT
    r"""|['"`]\s{0,3}\)?\s{0,3}(?:--|#|/\*)(?:\s.{0,80})?$"""  # admin'--, admin' #, x' -- rest
    r"""|['"`]\s{0,3};\s{0,3}(?:drop|delete|insert|update|select|shutdown|exec)\b"""  # x'; DROP TABLE…
    r"""|\*/\s{0,3}(?:or|and|like|union|select|['"])"""  # */OR/*: a payload split over repeated parameters
    r"|\b(?:or|and)\s{1,5}\(?['\"]?\w{1,20}['\"]?\s{0,5}(?:=|like)\s{0,5}['\"]?\w"  # OR 1=1
    r"|\bunion\s{1,5}(?:all\s{1,5})?select\b|<\s{0,3}script\b|\bjavascript:|\.\./\.\./",
    re.IGNORECASE,
)


def is_attack_payload(value: str) -> bool:
    """``"' OR '1'='1"``, ``"admin'--"``, ``"x%27%20OR%201%3D1--"``, ``"<script>alert(1)</script>"``: an injection
    payload of a security demo or test, under a password name because the password field is what it attacks.

    URL-encoded payloads (query strings in a demo's requests) are decoded first. A random password holds no
    quote followed by white space and ``OR``, nor a trailing quote and SQL comment.
    """
    if "%" in value:
        value = urllib.parse.unquote_plus(value)
    return bool(_ATTACK_RE.search(value))


_CRYPT_RE = re.compile(
    # crypt(3) and PHC strings: $1$ MD5, $2a/b/x/y$ bcrypt, $5$/$6$ SHA-crypt, $7$/$y$/$gy$ scrypt and yescrypt,
    # $argon2id$, $pbkdf2-sha256$, $scrypt$…: "$id$", optional parameters, salt and hash in crypt's alphabet.
    r"^\$(?:1|2[abxy]?|5|6|7|y|gy|md5|sha1|argon2(?:i|d|id)|pbkdf2(?:-sha\d+)?|scrypt|bcrypt(?:-sha256)?)"
    r"\$[./A-Za-z0-9$=,+\-]{8,}$"
)
# Django's stored form "<algorithm>$<iterations or params>$<salt>$<hash>" and RFC 2307 "{SSHA}base64".
_STORED_HASH_RE = re.compile(
    r"^(?:pbkdf2_sha(?:1|256)|argon2|bcrypt(?:_sha256)?|scrypt|sha1|md5|crypt|unsalted_(?:md5|sha1))"
    r"\$[^\s$]*\$\S{4,}$"
    r"|^\{(?:SSHA|SHA|SMD5|MD5|CRYPT|SSHA256|SSHA512|PBKDF2(?:-SHA\d+)?|ARGON2)\}\S{8,}$",
    re.IGNORECASE,
)
# SHA-1 and SHA-2 hex lengths. Not 32: an MD5 under a password name is rarer today than a password made by
# ``secrets.token_hex(16)`` or ``uuid4().hex`` (a seeded lab user's hex password in the real-world corpus).
_DIGEST_LENGTHS = frozenset({40, 56, 64, 96, 128})


def is_password_hash(value: str) -> bool:
    """``"$2b$12$…"`` (bcrypt), ``"$6$salt$…"`` (SHA-crypt), ``"pbkdf2_sha256$600000$salt$…"`` (Django),
    ``"{SSHA}…"`` (LDAP): a stored password hash, what a login compares against, not the password itself."""
    return bool(_CRYPT_RE.match(value) or _STORED_HASH_RE.match(value))


def is_digest_under_password_name(value: str) -> bool:
    """``ADMIN_PASSWORD = "7c4a8d09…"`` (40, 64, 128… hex digits in one case): the SHA hash of a password kept
    where the password would be. Asked only for password names: under a token or key name, hex is a key."""
    if len(value) not in _DIGEST_LENGTHS or not is_hex(value) or not (value.islower() or value.isupper()):
        return False
    return any(c.isalpha() for c in value) and not is_repetitive(value)  # a digest never repeats a short unit


_WEBSOCKET_HEADERS = frozenset({"secwebsocketkey", "secwebsocketaccept"})


def is_handshake_nonce(value: str, name: str) -> bool:
    """``{"Sec-WebSocket-Key": "dGhl…=="}``: the WebSocket handshake's nonce (16 random bytes, base64) or its
    answer (a SHA-1, 20 bytes): public by design, sent in the clear with every connection (RFC 6455 4.1)."""
    if "".join(names.words(name)) not in _WEBSOCKET_HEADERS:
        return False
    try:
        return len(base64.b64decode(value, validate=True)) in (16, 20)
    except (ValueError, binascii.Error):
        return False


# Verbs that open an option's name: ``update_password``, ``reset_token``, ``rotate_secret`` say when or how.
_OPTION_VERBS = frozenset(
    {
        "update", "change", "reset", "rotate", "regenerate", "generate", "renew", "refresh", "expire", "store",
        "save", "keep", "sync", "check", "validate", "verify", "prompt", "ask", "force", "skip", "encrypt",
    }
)
_CHOICE_RE = re.compile(r"^[a-z]+(?:_[a-z]+){0,3}$")


def is_option_choice(value: str, name: str) -> bool:
    """``update_password == "always"``, ``dict(update_password=dict(default="on_create", choices=[…]))``: a name
    that opens with a verb names an option, and a lower-case word (``always``, ``on_create``) is its setting."""
    parts = names.words(name)
    return len(parts) >= 2 and parts[0] in _OPTION_VERBS and bool(_CHOICE_RE.match(value))


WORDLIST_MIN = 5  # ``passwords = [...]`` of at least this many literals is a list to try or refuse, not a setting


# Words that make a list under a password name a word list whatever its length: ``weak_passwords = (…)``.
_WORDLIST_WORDS = frozenset({"common", "weak", "banned", "forbidden", "blacklist", "blacklisted", "blocklist",
                             "denylist", "wordlist", "dictionary", "popular", "leaked", "breached", "top", "known",
                             "guesses", "candidates", "bad", "insecure", "rejected", "disallowed"})


def is_wordlist_entry(siblings: int, name: str = "") -> bool:
    """``COMMON_PASSWORDS = ["123456", "letmein", …]``: one of many literals listed under one password name, or
    of a list whose *name* says it is one (``weak_passwords = ("sunshine", "princess")``), a wordlist for brute
    force or validation. *siblings* is the length of the list, tuple or set it sits in."""
    return siblings >= WORDLIST_MIN or (siblings >= 1 and bool(_WORDLIST_WORDS.intersection(names.words(name))))


_IDENTIFIER_RE = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$|^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)+$")


def is_credential_name(value: str, siblings: int) -> bool:
    """``password=("app_password", "app_ssh_pass")``: in a tuple or list of names, an identifier that itself
    names a credential (Ansible's aliases, a settings lookup order) is a variable name, not a password."""
    return siblings >= 2 and bool(_IDENTIFIER_RE.match(value)) and names.strength(value) is not names.Strength.NONE


_ARN_RE = re.compile(r"arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(?:\d{12}|aws)?:\S+")


def is_arn(value: str) -> bool:
    """``"arn:aws:iam::aws:policy/IAMUserChangePassword"``: an Amazon Resource Name names a resource (even a
    secret in Secrets Manager); it is never the credential, whatever the name it is bound to."""
    return value.startswith("arn:") and _ARN_RE.fullmatch(value) is not None


# Filters for any candidate value, cheapest first.
VALUE_FILTERS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("placeholder", is_placeholder),
    ("long-filler", is_long_filler),
    ("template", is_template),
    ("env-var-name", is_env_var_name),
    ("doc-example", is_doc_example),
    ("sequential", is_sequential),
    ("message", is_message),
    ("url-without-credentials", is_url_without_credentials),
    ("path", is_path),
    ("arn", is_arn),
    ("password-hash", is_password_hash),
    ("attack-payload", is_attack_payload),
)


def why_not_secret(value: str, name: str = "") -> str | None:
    """Name of the first filter that clears *value* bound to *name*, or ``None``."""
    if is_same_as_name(value, name):
        return "same-as-name"
    for label, pred in VALUE_FILTERS:
        if pred(value):
            return label
    return None
