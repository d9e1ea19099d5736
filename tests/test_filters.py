"""One case table per false-alarm predicate: what it clears, and what it must leave alone."""

from __future__ import annotations

import pytest

import secretgen
from flake8_nosecrets import filters

RANDOM = secretgen.random_key(secretgen.rng("filters"), 32)

CASES = {
    filters.is_placeholder: (
        ["", "changeme", "<your-api-key>", "xxx", "****", "YOUR_TOKEN_HERE", "None", "xxxxxxxxxxxx",
         "dummy-token", "[REDACTED]", "insert-key-here", "...", "fake_secret", "<<SERVICE_SECRET_KEY>>"],
        ["Autumn2019#", "s3cr3t", RANDOM, "admin", "root"],
    ),
    filters.is_template: (
        ["${API_KEY}", "{{ secret }}", "%(password)s", "{password}", "$TOKEN", "Bearer {token}", "{0}",
         "postgres://{user}:{password}@{host}/{db}", "${DB_PASSWORD:-dev}", "@API_KEY@", "#name#_key"],
        ["q7{{w}a)z${k]ul(em[trig>-_$#x9mq}}", RANDOM, "s3cr3t", "{" + RANDOM],
    ),
    filters.is_env_var_name: (["GITHUB_TOKEN", "DB_PASSWORD", "$AWS_SECRET_ACCESS_KEY"], ["ADMIN", RANDOM, "s3cr3t"]),
    filters.is_message: (
        ["Invalid password", "Enter your token:", "This field is required.", "invalid password",
         "Please enter the password for the vault"],
        ["my grand passphrase", RANDOM, "s3cr3t", "open sesame"],
    ),
    filters.is_path: (
        ["/run/secrets/db", "~/.ssh/id_rsa", "certs/key.pem", "./token.txt", "C:\\keys\\a"], [RANDOM, "s3cr3t"]
    ),
    filters.is_url_without_credentials: (
        ["https://auth.example.org/oauth/token", "http://localhost:8080/", "s3://bucket/key"],
        ["https://u:" + "p4ss" + "@host/", RANDOM],
    ),
    filters.is_regex: ([r"[A-Z]\w*", r"^\d{6}$", r"(?P<token>\S+)", ".*secret.*"], [RANDOM, "s3cr3t"]),
    filters.is_word_like: (
        ["bearer", "client_secret_basic", "cfws", "lambda", "done.", "challengePassword"],
        ["s3cr3t", RANDOM, "hunter2", "ajklawejrklsdfgkgqwrt"],
    ),
    filters.is_dotted_identifier: (
        ["fs.s3.cse.enabled", "uname_string_raw", "CRAM-MD5", "param:secp384r1.pem", "aws:kms"],
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
    filters.is_repetitive: (["abcd1234abcd1234abcd1234", "111111111111111", "ababababababab"], [RANDOM]),
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


def test_every_filter_has_cases() -> None:
    public = {getattr(filters, n) for n in dir(filters) if n.startswith("is_") and callable(getattr(filters, n))}
    assert public - {filters.is_same_as_name} <= set(CASES)
