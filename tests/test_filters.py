"""One case table per false-alarm predicate: what it clears, and what it must leave alone."""

from __future__ import annotations

import base64
import hashlib

import pytest

import secretgen
from flake8_nosecrets import filters

RANDOM = secretgen.random_key(secretgen.rng("filters"), 32)
STRONG = secretgen.password(secretgen.rng("filters-strong"), 16)  # letters, digits and URL-safe punctuation
SALT = secretgen.random_key(secretgen.rng("filters-salt"), 16)
B64_43 = base64.b64encode(hashlib.sha256(SALT.encode()).digest()).decode().rstrip("=")
CRYPT_ALPHABET_53 = base64.b64encode(hashlib.sha256(RANDOM.encode()).digest() * 2).decode()[:53].replace("+", ".")

CASES = {
    filters.is_placeholder: (
        ["", "changeme", "<your-api-key>", "xxx", "****", "YOUR_TOKEN_HERE", "None", "xxxxxxxxxxxx",
         "dummy-token", "[REDACTED]", "insert-key-here", "...", "fake_secret", "<<SERVICE_SECRET_KEY>>"],
        ["Autumn2019#", "s3cr3t", RANDOM, "admin", "root"],
    ),
    filters.is_template: (
        ["${API_KEY}", "{{ secret }}", "%(password)s", "{password}", "$TOKEN", "Bearer {token}", "{0}",
         "postgres://{user}:{password}@{host}/{db}", "${DB_PASSWORD:-dev}", "@API_KEY@", "#name#_key"],
        ["R4v{w}9&Lq#2mZ!t8Kp@x", RANDOM, "s3cr3t", "{" + RANDOM],
    ),
    filters.is_arn: (
        ["arn:aws:iam::aws:policy/IAMUserChangePassword", "arn:aws-cn:iam::aws:policy/CloudWatchAPIKeyAccess",
         "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf", "arn:aws:s3:::bucket/key"],
        ["arn:" + RANDOM, RANDOM, "arn:aws", "aws:iam::aws:policy/X"],
    ),
    filters.is_env_var_name: (["GITHUB_TOKEN", "DB_PASSWORD", "$AWS_SECRET_ACCESS_KEY"], ["ADMIN", RANDOM, "s3cr3t"]),
    filters.is_message: (
        ["Invalid password", "Enter your token:", "This field is required.", "invalid password",
         "Please enter the password for the vault"],
        ["my grand passphrase", RANDOM, "s3cr3t", "open sesame", "tbqe hzwl nvxo kcja", "k3#vq 9zT!w2 mPd8"],
    ),
    filters.is_grouped_password: (
        ["tbqe hzwl nvxo kcja"], ["tbqe hzwl nvxo", "Tbqe hzwl nvxo kcja", "this is my text"]
    ),
    filters.is_path: (
        ["/run/secrets/db", "~/.ssh/id_rsa", "certs/key.pem", "./token.txt", "C:\\keys\\a"], [RANDOM, "s3cr3t"]
    ),
    filters.is_url_without_credentials: (
        ["https://auth.example.org/oauth/token", "http://localhost:8080/", "s3://bucket/key"],
        ["".join(("https://u:", "p4ss", "@host/")), RANDOM],
    ),
    filters.is_regex: ([r"[A-Z]\w*", r"^\d{6}$", r"(?P<token>\S+)", ".*secret.*"], [RANDOM, "s3cr3t"]),
    # not a false-alarm filter but its converse for NSC207: which values a program could sign or log in with
    filters.could_be_used_as_secret: (
        ["dev", "super secret key", "password", "changeme", "django-insecure-change-me", "s3cr3t", "x1", RANDOM],
        ["", "None", "null", "-", "${SECRET_KEY}", "{{ secret_key }}", "****", "...", "<your-secret-key>",
         "DJANGO_SECRET_KEY", "/run/secrets/key", "https://vault.internal/v1/key", "pbkdf2_sha256$600000$salt$hash",
         "x' OR '1'='1"],
    ),
    filters.is_word_like: (
        ["bearer", "client_secret_basic", "cfws", "lambda", "done.", "challengePassword", "getElementById",
         "XMLHttpRequest", "DEMOKEYS"],
        ["s3cr3t", RANDOM, "hunter2", "qzmwpvtrxlkdbnhgfcsjw", "JgHxKpQwRt"],
    ),
    filters.is_dotted_identifier: (
        ["fs.s3.cse.enabled", "uname_string_raw", "CRAM-MD5", "param:secp384r1.pem", "aws:kms",
         "0008_alter_user_username_max_length"],
        [RANDOM, "hf_" + "hZEmnoOEYISjraJtbySaKCNnSu", "s3cr3t"],
    ),
    filters.is_uuid: (["123e4567-e89b-12d3-a456-426614174000"], [RANDOM, "123e4567e89b"]),
    filters.is_hex: (["2b7e151628aed2a6abf7158809cf4f3c", "DEADBEEF"], [RANDOM, "", "0x1f"]),
    filters.is_hostname: (
        ["1234-abc.apps.googleusercontent.com", "db.internal.example", "api.stripe.com"],
        [RANDOM, "fs.s3.cse.enabled.", "localhost", "A.B.com"],
    ),
    filters.is_hex_digest: (["d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709"], [RANDOM]),
    filters.is_doc_example: (["AKIAIOSFODNN7" + "EXAMPLE", "example-key"], [RANDOM]),
    filters.is_sequential: (
        ["ABC12345", "abcdef123456", "1234567890", "1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"],
        [RANDOM, "s3cr3t", "Autumn2019#"],
    ),
    filters.is_repetitive: (["wxyz9876wxyz9876wxyz9876", "111111111111111", "ababababababab"], [RANDOM]),
    filters.is_long_filler: (
        ["Tk9vq2xwp7lm4rz8yb6n" * 3,  # a 20-character unit
         ("Tk9vq2xwp7lm4rz8yb6n" * 4)[:70],  # cut inside the fourth repetition
         "aB3xAb3XaB3xab3X",  # the same unit in changing case
         "XyZ9XyZ9XyZ9XyZ9"],  # a mixed-case unit
        [RANDOM, "Tk9vq2xwp7lm4rz8yb6n" * 2,  # twice only
         "wxyz9876wxyz9876wxyz9876", "abab" * 5, "wxyz9876" * 8,  # a short one-case unit, however often
         "9876543210fedcba" * 3,  # a 16-character one-case unit: the typed stand-in for a key
         "Tk9vq2xwp7lm4rz8yb6n" * 2 + "Tk9vq2xwp7lm4rz8yb6m"],  # broken at the end
    ),
    filters.is_attack_payload: (
        ["' OR '1'='1", "admin'--", "admin' #", "1' or 1=1", '") or ("a"="a', "x' UNION SELECT name FROM users",
         "x%27%20OR%201%3D1--", "%27+or+%271%27%3D%271", "<script>alert(1)</script>", "../../../etc/passwd",
         "*%2FOR%2F*", "*/'1'/*"],
        [RANDOM, STRONG, "hunter2's", "it's-or-never", "Orchid'7Sandal", "p'#x9Lm2Qz"],
    ),
    filters.is_password_hash: (
        ["$2b$12$" + B64_43[:22] + B64_43[:31].replace("+", "."), "$6$" + SALT + "$" + CRYPT_ALPHABET_53,
         "$5$rounds=8000$" + SALT + "$" + CRYPT_ALPHABET_53[:43], "$1$" + SALT[:8] + "$" + CRYPT_ALPHABET_53[:22],
         "$argon2id$v=19$m=65536,t=3,p=4$" + B64_43[:22] + "$" + B64_43,
         "pbkdf2_sha256$600000$" + SALT + "$" + B64_43 + "=", "{SSHA}" + B64_43],
        [RANDOM, STRONG, "$ecret-" + SALT, "$" + SALT, "pbkdf2_sha256", "$2b$", "$HOME/.netrc"],
    ),
}

# Filters that also read where the value sits: (arguments) it clears, (arguments) it must leave alone.
BINDING_CASES = {
    filters.is_handshake_nonce: (
        [(base64.b64encode(SALT.encode()).decode(), "Sec-WebSocket-Key"),
         (base64.b64encode(hashlib.sha1(SALT.encode()).digest()).decode(), "Sec-WebSocket-Accept")],
        [(base64.b64encode(SALT.encode()).decode(), "X-Api-Key"), (RANDOM, "Sec-WebSocket-Key"),
         (base64.b64encode((SALT * 2).encode()).decode(), "Sec-WebSocket-Key")],
    ),
    filters.is_option_choice: (
        [("always", "update_password"), ("on_create", "update_password"), ("never", "rotate_secret"),
         ("on_expiry", "RESET_TOKEN")],
        [(STRONG, "update_password"), ("always", "password"), ("Sunflower", "update_password"),
         ("always", "passwordUpdate")],
    ),
    filters.is_wordlist_entry: (
        [(5,), (40,), (2, "weak_passwords"), (1, "COMMON_PASSWORDS")],
        [(0,), (2,), (4,), (4, "SEED_PASSWORDS"), (0, "weak_password")],
    ),
    filters.is_credential_name: (
        [("app_password", 2), ("app_ssh_pass", 2), ("dbPassword", 3), ("LOGIN_TOKEN", 2)],
        [("app_password", 0), (STRONG, 2), ("login_user", 2), ("sunflower", 2), ("app_ssh_pass", 1)],
    ),
    filters.is_digest_under_password_name: (
        [(hashlib.sha1(SALT.encode()).hexdigest(),), (hashlib.sha256(SALT.encode()).hexdigest().upper(),),
         (hashlib.sha512(SALT.encode()).hexdigest(),)],
        [(RANDOM,), (hashlib.sha1(SALT.encode()).hexdigest()[:30],), ("1" * 40,), ("fedc9876" * 8,),
         (hashlib.md5(SALT.encode()).hexdigest(),),  # 32 hex digits: as often secrets.token_hex(16) as an MD5
         (hashlib.sha1(SALT.encode()).hexdigest()[:20] + hashlib.sha1(SALT.encode()).hexdigest()[20:].upper(),)],
    ),
}


@pytest.mark.parametrize(
    ("pred", "value", "want"),
    [(p, v, True) for p, (yes, _) in CASES.items() for v in yes]
    + [(p, v, False) for p, (_, no) in CASES.items() for v in no],
    ids=lambda x: getattr(x, "__name__", None) or (x[:24] if isinstance(x, str) else str(x)),
)
def test_predicate(pred, value: str, want: bool) -> None:
    assert pred(value) is want


@pytest.mark.parametrize(
    ("value", "name", "want"),
    [("challengePassword", "CHALLENGE_PASSWORD", True), ("password1", "password", True),
     ("password", "password", True), ("wrong-password", "password", True), ("client_secret_basic", "secret", True),
     ("MyPassword2024", "password", False), ("Autumn2019#", "password", False),
     ("my grand passphrase", "password", False), ("no-password-required", "NOPASSWORD", False),
     # a word of the name cut short is a (weak) password someone typed, like "secret": reported
     ("pass", "password", False), ("pwd", "password", False), ("sesame", "password", False)],
)
def test_is_same_as_name(value: str, name: str, want: bool) -> None:
    assert filters.is_same_as_name(value, name) is want


@pytest.mark.parametrize(
    ("pred", "args", "want"),
    [(p, a, True) for p, (yes, _) in BINDING_CASES.items() for a in yes]
    + [(p, a, False) for p, (_, no) in BINDING_CASES.items() for a in no],
    ids=lambda x: getattr(x, "__name__", None) or (str(x)[:24]),
)
def test_binding_predicate(pred, args: tuple, want: bool) -> None:
    assert pred(*args) is want


def test_every_filter_has_cases() -> None:
    public = {getattr(filters, n) for n in dir(filters) if n.startswith("is_") and callable(getattr(filters, n))}
    assert public - {filters.is_same_as_name} <= set(CASES) | set(BINDING_CASES)
