"""One table over every provider format: each sample is reported, bare and inside Python contexts,
with the provider's code and id at the literal's (or comment's) position; each near miss is not.

Samples are expanded at test time from the templates in ``flake8_nosecrets.providers`` (see
``tests/secretgen.py``), so the repository holds no token-shaped string.
"""

from __future__ import annotations

import pathlib
import re
import time
from typing import Callable, NamedTuple

import pytest

from flake8_nosecrets import checksums, classify, options, providers, rules, scan_source
import secretgen

try:  # the regex parser's modules: private names since 3.11, sre_* before
    import re._constants as sre_c
    import re._parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_REPEAT_OPS = tuple(getattr(sre_c, n) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(sre_c, n))


class Placed(NamedTuple):
    source: str
    line: int  # 1-based
    col: int  # 0-based, characters


def _col(text: str, line: int, marker: str) -> int:
    return text.splitlines()[line - 1].index(marker)


def _place(source: str, line: int, marker: str) -> Placed:
    return Placed(source, line, _col(source, line, marker))


# Each context builds a module holding the token under a neutral name and says where the finding belongs.
CONTEXTS: dict[str, Callable[[str], Placed]] = {
    "bare": lambda t: _place(f'value = "{t}"\n', 1, '"'),
    "larger-string": lambda t: _place(f'import os\n\ncommand = "deploy --verbose {t} --retry 3"\n', 3, '"'),
    "dict-value": lambda t: _place(f'settings = {{\n    "primary": "{t}",\n}}\n', 2, f'"{t[:3]}'),
    "keyword-argument": lambda t: _place(f'client = build(region="eu", option="{t}")\n', 1, f'"{t[:3]}'),
    "f-string": lambda t: _place(f'n = 3\nmessage = f"attempt {{n}} with {t} failed"\n', 2, 'f"'),
    "comment": lambda t: _place(f'retries = 3  # rotated {t} last week\n', 1, "#"),
    "docstring": lambda t: _place(f'def run():\n    """Runs with {t} as input."""\n    return 1\n', 2, '"""'),
    "bytes": lambda t: _place(f'payload = b"{t}"\n', 1, 'b"'),
    "json-in-string": lambda t: _place(f"body = '{{\"primary\": \"{t}\", \"retries\": 3}}'\n", 1, "'"),
}

POSITIVE = [
    pytest.param(p, token, id=f"{p.id}-{i}")
    for p in providers.PROVIDERS
    for i, token in enumerate(secretgen.provider_samples(p))
]
NEGATIVE = [
    pytest.param(p, token, id=f"{p.id}-not-{i}")
    for p in providers.PROVIDERS
    for i, token in enumerate(secretgen.provider_non_samples(p))
]


@pytest.mark.parametrize("context", sorted(CONTEXTS))
@pytest.mark.parametrize(("provider", "token"), POSITIVE)
def test_sample_reported_in_context(provider: providers.Provider, token: str, context: str) -> None:
    placed = CONTEXTS[context](token)
    found = [(f.code, f.provider, f.line, f.col) for f in scan_source(placed.source)]
    assert found == [(provider.code, provider.id, placed.line, placed.col)]


@pytest.mark.parametrize(("provider", "token"), POSITIVE)
def test_message_never_holds_the_token(provider: providers.Provider, token: str) -> None:
    (finding,) = scan_source(f'value = "{token}"\n')
    assert token not in finding.message
    assert finding.secret not in finding.message
    assert provider.name in finding.message


@pytest.mark.parametrize(("provider", "token"), POSITIVE)
def test_provider_can_be_disabled(provider: providers.Provider, token: str) -> None:
    opts = options.build({"nosecrets-disable-providers": provider.id})
    assert [f for f in scan_source(f'value = "{token}"\n', options=opts) if f.provider == provider.id] == []


@pytest.mark.parametrize(("provider", "token"), NEGATIVE)
def test_near_miss_not_reported(provider: providers.Provider, token: str) -> None:
    assert scan_source(f'value = "{token}"\n') == []


# ---------------------------------------------------------------- the table itself

_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Formats whose distinctive part is not at the start: a fixed, short lead-in precedes the keyword.
LEAD_IN = {
    "azure-ad-client-secret",
    "discord-bot-token",
    "telegram-bot-token",
    "mailchimp-api-key",
    "new-relic-license-key",
    "terraform-cloud-token",
    "mailgun-api-key-v2",
}


def test_ids_unique_and_kebab_case() -> None:
    ids = [p.id for p in providers.PROVIDERS]
    assert len(ids) == len(set(ids))
    assert all(_KEBAB.match(i) for i in ids), [i for i in ids if not _KEBAB.match(i)]


@pytest.mark.parametrize("provider", providers.PROVIDERS, ids=lambda p: p.id)
def test_entry_is_complete(provider: providers.Provider) -> None:
    assert provider.code in rules.BY_CODE
    assert provider.reference.startswith("https://")
    assert provider.rotate.startswith("https://") or provider.id == "jwt"
    assert re.fullmatch(r"[A-Z][A-Z0-9_]*", provider.env_name)
    assert (provider.keywords and all(provider.keywords)) or provider.shape is not None
    assert provider.samples or provider.id == "jwt"
    assert provider.non_samples or provider.id == "jwt"


@pytest.mark.parametrize(("provider", "token"), POSITIVE)
def test_sample_passes_prefilter(provider: providers.Provider, token: str) -> None:
    """The keyword prefilter (or a keyword-less format's shape test) never drops a true positive, and no token is
    shorter than MIN_LENGTH."""
    match = provider.compiled.search(token)
    if provider.shape is not None:
        assert not provider.keywords and provider in providers.shaped(f"k = {token};", 4)
        assert len(token) >= providers.SHAPED_MIN_LENGTH and classify.has_value_keyword(f"k = {token};", 4)
    else:
        assert any(k in token for k in provider.keywords)
        assert match is not None and any(k in match.group(0) for k in provider.keywords)
    assert match is not None
    assert len(token) >= providers.MIN_LENGTH


def _repeats(items, depth: int = 0):
    """(min, max, depth) of every repeat in a parsed pattern."""
    for op, av in items:
        if op in _REPEAT_OPS:
            yield av[0], av[1], depth
            yield from _repeats(av[2], depth + 1)
        elif op == sre_c.SUBPATTERN:
            yield from _repeats(av[3], depth)
        elif op == sre_c.BRANCH:
            for alt in av[1]:
                yield from _repeats(alt, depth)
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            yield from _repeats(av[1], depth)


def _first_is_literal(items) -> bool:
    for op, av in items:
        if op in (sre_c.ASSERT, sre_c.ASSERT_NOT, sre_c.AT):
            continue
        if op == sre_c.LITERAL or op == sre_c.IN and all(o == sre_c.LITERAL for o, _ in av):
            return True  # a literal, or a choice of single literals ("&" or "?")
        if op == sre_c.SUBPATTERN:
            return _first_is_literal(av[3])
        if op == sre_c.BRANCH:
            return all(_first_is_literal(alt) for alt in av[1])
        return False
    return False


def _lead_in_max(items) -> int:
    """How many characters may precede the first literal (a bounded lead-in)."""
    total = 0
    for op, av in items:
        if op in (sre_c.ASSERT, sre_c.ASSERT_NOT, sre_c.AT):
            continue
        if op == sre_c.LITERAL:
            return total
        if op in _REPEAT_OPS:
            total += av[1]
        else:
            total += 1
    return total


@pytest.mark.parametrize("provider", providers.PROVIDERS, ids=lambda p: p.id)
def test_pattern_is_linear(provider: providers.Provider) -> None:
    """Bounded repeats only, none nested, and a literal start (or a short, bounded lead-in)."""
    parsed = list(sre_parse.parse(provider.pattern, provider.flags))
    for low, high, depth in _repeats(parsed):
        assert high != sre_c.MAXREPEAT, f"unbounded repeat in {provider.id}"
        assert depth == 0, f"nested quantifier in {provider.id}"
    if provider.id in LEAD_IN:
        assert 0 < _lead_in_max(parsed) <= 40
    else:
        assert _first_is_literal(parsed), provider.id


@pytest.mark.parametrize("provider", providers.PROVIDERS, ids=lambda p: p.id)
def test_hostile_input_stays_fast(provider: providers.Provider) -> None:
    """Keyword-laden near-tokens (every body character class, cut short) cost linear time."""
    opts = options.DEFAULT
    bodies = ("a" * 300 + "-", "0" * 300 + ".", "A" * 300 + "_", "9" * 20 + ":AA", "f" * 40 + "=" * 5)
    hostile = "".join(k + b for k in provider.keywords[:5] or ("-" + "f" * 8,) * 2 for b in bodies) * 20
    start = time.perf_counter()
    classify.provider_matches(hostile, opts)
    assert time.perf_counter() - start < 0.5


def test_provider_docs_are_current() -> None:
    """``docs/providers.md`` is generated from the table (see ``providers.markdown_table``)."""
    path = pathlib.Path(__file__).resolve().parent.parent / "docs" / "providers.md"
    assert path.read_text(encoding="utf-8") == providers.markdown_table(), "regenerate docs/providers.md"


# ---------------------------------------------------------------- checksums, with known answers

def test_grafana_checksum_known_answer() -> None:
    # The test vector of Grafana's own satokengen tests, assembled here so no token-shaped literal is stored.
    key = "glsa_" + "iNValIdinValiD" + "invalidinvalidinva"
    assert checksums.grafana_sa_checksum(key) == "5b582697"
    assert checksums.valid_grafana_sa_token(key + "_5b582697")
    assert not checksums.valid_grafana_sa_token(key + "_5b582698")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("A12UEL5L", True),  # BIP-173 valid test vectors
        ("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", True),
        ("A12UEL5M", False),
        ("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx", False),
        ("no-separator", False),
    ],
)
def test_bech32(text: str, ok: bool) -> None:
    assert checksums.valid_bech32(text) is ok


def test_gitlab_routable_checksum_round_trip() -> None:
    r = secretgen.rng("gitlab-routable")
    token = checksums.add_gitlab_routable_suffix("glpat-" + secretgen.random_key(r, 44))
    assert checksums.valid_gitlab_routable(token)
    assert not checksums.valid_gitlab_routable(token[:-1] + ("0" if token[-1] != "0" else "1"))
    body, _, tail = token.rpartition(".")
    assert not checksums.valid_gitlab_routable(body + "x." + tail)  # payload length no longer matches


def test_discord_id_structure() -> None:
    token = checksums.finish_discord_bot_token("1" + "2" * 18 + ".abcdef." + "x1" * 15)
    assert checksums.valid_discord_bot_token(token)
    assert not checksums.valid_discord_bot_token("MTIz" + "a" * 20 + ".abcdef." + "x1" * 15)


def test_crc16_xmodem_check_value() -> None:
    assert checksums.crc16_xmodem(b"123456789") == 0x31C3  # the catalogued check value of CRC-16/XMODEM


def test_nats_seed_known_answer() -> None:
    # The user seed of the NATS documentation's nkey examples, assembled so no seed-shaped literal is stored.
    # (joined at run time: a chain of "+" between literals is scanned as one string)
    seed = "".join(("SUACSSL3UAHUDXKFSNVUZRF5", "UHPMWZ6BFDTJ7M6USDXIEDNPPQ", "YYYCU3VY"))
    assert checksums.valid_nats_seed(seed)
    assert not checksums.valid_nats_seed(seed[:-2] + "XX")
    assert not checksums.valid_nats_seed("A" + seed[1:])  # not the seed prefix byte


@pytest.mark.parametrize(
    ("provider_id", "flip_at"),
    [
        ("atlassian-api-token", 20),  # CRC32 of the first 184 characters, upper-case hex
        ("cloudflare-api-token", 10),  # CRC32 of the 40-character body, lower-case hex
        ("cloudflare-global-api-key", 10),
        ("vercel-token", 10),  # base62 CRC32 of the 50-character body
        ("nats-nkey-seed", 10),  # CRC-16 of the decoded bytes
    ],
)
def test_checksum_rejects_one_changed_character(provider_id: str, flip_at: int) -> None:
    provider = providers.BY_ID[provider_id]
    for token in secretgen.provider_samples(provider):
        assert provider.validate is not None and provider.validate(token)
        changed = token[:flip_at] + ("B" if token[flip_at] != "B" else "C") + token[flip_at + 1:]
        assert not provider.validate(changed)
        assert scan_source(f'value = "{changed}"\n') == []


@pytest.mark.parametrize("escaped", ["%3D", "%3d", "\\="])
def test_atlassian_token_with_escaped_equals(escaped: str) -> None:
    """In a URL's query or a Java .properties value the "=" before the CRC is escaped; the CRC still holds."""
    provider = providers.BY_ID["atlassian-api-token"]
    for token in secretgen.provider_samples(provider):
        body, check = token[:-9], token[-8:]
        assert token[-9] == "="
        url = f"https://example.atlassian.net/rest/api/3/myself?token={body}{escaped}{check}"
        (finding,) = scan_source(f"value = {url!r}\n")
        assert (finding.provider, finding.col) == ("atlassian-api-token", 8)
        forged = body[:20] + ("B" if body[20] != "B" else "C") + body[21:] + escaped + check
        assert not provider.validate(forged)


def test_github_stateless_token_needs_a_jwt() -> None:
    provider = providers.BY_ID["github-installation-token-stateless"]
    (token, _) = secretgen.provider_samples(provider)
    app_id, _, jwt = token[len("ghs_"):].partition("_")
    assert app_id.isdigit() and checksums.valid_jwt(jwt)
    assert not checksums.valid_github_stateless_token("ghs_x" + token[len("ghs_") + 1:])  # app id not numeric
    header, claims, signature = jwt.split(".")
    assert not checksums.valid_github_stateless_token(f"ghs_{app_id}_{header}.{claims[:-4]}QQQQ.{signature}")
