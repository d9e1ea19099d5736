"""Which names are secret-like: word parts, head word, negating modifiers (each case a known complaint)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from flake8_nosecrets import names
from flake8_nosecrets.names import Strength, env_var_name, is_authorization, strength, words

P, S, K, N = Strength.PASSWORD, Strength.SECRET, Strength.KEY, Strength.NONE


@pytest.mark.parametrize(
    ("name", "want"),
    [
        ("password", P), ("PASSWORD", P), ("PassWord", P), ("db_password", P), ("passwd", P), ("pwd", P),
        ("_pass", S), ("user_pass", P), ("passphrase", P), ("SMTP_RELAY_PASSWORD", P), ("password2", P),
        ("old_admin_password_for_backups", P), ("password_prod", P), ("PASSWORDS", P),
        ("token", S), ("api_key", S), ("apiKey", S), ("X-Api-Key", S), ("client_secret", S),
        ("SECRET_KEY", S), ("aws_secret_access_key", S), ("auth_token", S), ("secret_value", S),
        ("access_token", S), ("refresh_token", S), ("secrete", S), ("credentials", S), ("user_auth", S),
        ("key", K), ("keys", K), ("cache_key", N),
        # the system the secret is for, after the head
        ("PASSWORD_POSTGRES", P), ("password_mysql", P), ("pw_redis", P), ("TOKEN_GITHUB", S),
        ("api_key_stripe", S), ("AUTH_TOKEN_TWILIO", S), ("secret_key_slack", S), ("key_redis", K),
        ("pkey", S), ("ssh_privkey", S), ("token_github_url", N), ("github", N),
        # a secret word then some other word: only a random-looking value counts, as under a bare key
        ("secret_myservice", K), ("password_john", K), ("token_end", K), ("key_wrap", K), ("key_multi", K),
        # ...unless the secret is named in full: it is that credential, for the service the tail names
        ("apikey_billing", S), ("api_key_acme", S), ("ACCESS_TOKEN_ACME", S), ("client_secret_portal", S),
        ("_SSH_KEY_FORMATS", K), ("jwt_key_rotation", K),
        ("token_id", N), ("password_salt", N), ("secret_version", N), ("token_header", N), ("pass_band", K),
        ("PGPASSWORD_ACME", K), ("NOPASSWORD_ACME", N),
        ("users_pkey_name", N),
        # word parts, never substrings
        ("passed", N), ("passed_msg", N), ("compassion", N), ("impassable", N), ("tokenizer", N),
        ("bypass", N), ("keyring", N), ("monkey", N), ("secretary", N),
        # the head says what it is
        ("token_type", N), ("password_hash", N), ("key_id", N), ("max_tokens", N), ("token_fail_reason", N),
        ("PASSWORD_FIELD", N), ("token_endpoint_auth_method", N), ("TOKEN_PATH", N), ("password_prompt", N),
        ("TOKEN_ENV", N), ("secret_name", N), ("token_url", N), ("key_file", N),
        # negating modifiers
        ("public_key", N), ("STRIPE_PUBLISHABLE_KEY", N), ("publishableKey", N), ("NextToken", N),
        ("next_page_token", N), ("sort_key", N), ("primary_key", N),
        ("num_tokens", N), ("page_token", N), ("continuation_token", N), ("ChangeToken", N), ("change_token", N),
        ("", N),
        # glued compounds
        ("PGPASSWORD", P), ("MYSQLTOKEN", S), ("NOPASSWORD", N), ("bypass", N),
    ],
)
def test_strength(name: str, want: Strength) -> None:
    assert strength(name) is want


def test_extra_and_ignore() -> None:
    assert strength("pin") is N
    assert strength("pin", extra=frozenset({"pin"})) is S
    assert strength("csrf_token", ignore=frozenset({"csrftoken"})) is N
    assert strength("csrf_token", ignore=frozenset({"csrf"})) is N
    assert strength("auth_token", ignore=frozenset({"csrf"})) is S


@pytest.mark.parametrize(
    ("name", "want"),
    [("Authorization", True), ("Proxy-Authorization", True), ("HTTP_AUTHORIZATION", True),
     ("auth", True), ("authorization_header_name", False), ("author", False)],
)
def test_is_authorization(name: str, want: bool) -> None:
    assert is_authorization(name) is want


@pytest.mark.parametrize(
    ("name", "want"),
    [("stripeKey", "STRIPE_KEY"), ("db_password", "DB_PASSWORD"), ("X-Api-Key", "X_API_KEY"), ("2fa", "SECRET_2_FA")],
)
def test_env_var_name(name: str, want: str) -> None:
    assert env_var_name(name) == want


def test_words() -> None:
    assert words("HTTPServerAPIKey2") == ("http", "server", "api", "key", "2")


# ---- the stem prefilter of strength() must never change a verdict ----

_NAME_PIECES = ["pass", "word", "p", "w", "wd", "to", "ken", "tok", "sec", "ret", "key", "k", "ey", "cred", "s",
                "auth", "bearer", "api", "client", "public", "next", "for", "value", "prod", "tokens", "PASS",
                "Word", "KEY", "Token", "Api", "_", "-", ".", "1", "22", "\u00e9", "x"]


@settings(max_examples=4000, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), min_size=1, max_size=7),
       st.sampled_from([frozenset(), frozenset({"pat", "apitok"})]))
def test_stem_prefilter_keeps_every_verdict(pieces: list[str], extra: frozenset[str]) -> None:
    name = "".join(pieces)
    assert names.strength(name, extra) == names.strength_of_parts(names.words(name), extra, frozenset())


def test_stems_cover_every_head() -> None:
    stems = names._head_stems(frozenset({"pat"}))
    heads = names.PASSWORD_HEADS | names.SECRET_HEADS | set(names.PLURAL_HEADS) | {"key", "pat"}
    assert all(any(s in h for s in stems) for h in heads)
    assert set(stems) < heads  # each stem is itself a head: the filter never widens what counts


@settings(max_examples=3000, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), min_size=1, max_size=7))
def test_every_secret_name_holds_a_stem(pieces: list[str]) -> None:
    """The substring gates other modules run before the word rules (embedded.py's XML element gate on
    PASSWORD_STEMS, verdict.py's container keys on SECRET_STEMS) keep every name the rules would count, once
    its words are joined (a head split by a separator, ``p_word``, is the one shape a gate on raw text misses)."""
    name = "".join(pieces)
    level = names.strength(name)
    joined = "".join(names.words(name))
    if level is not Strength.NONE:
        assert any(s in joined for s in names.SECRET_STEMS), name
    if level is Strength.PASSWORD:
        assert any(s in joined for s in names.PASSWORD_STEMS), name


def test_stem_sets() -> None:
    assert set(names.PASSWORD_STEMS) == {"pass", "pw"}
    assert set(names.PASSWORD_STEMS) < set(names.SECRET_STEMS) <= names.ALL_HEADS


@pytest.mark.parametrize("word", names.SETTING_HEADS)
def test_setting_heads_are_heads_of_the_name_rules(word: str) -> None:
    assert word in names.ALL_HEADS and strength(word) is not Strength.NONE


@pytest.mark.parametrize(
    ("word", "want"),
    [("password", True), ("pwd", True), ("pass", True), ("passcode", True), ("secret", True), ("token", True),
     ("apikey", True), ("credentials", True), ("key", False), ("passwords", False), ("admin", False),
     ("hunter2", False), ("Password", False), ("", False)],
)
def test_is_head_word(word: str, want: bool) -> None:
    assert names.is_head_word(word) is want
