"""The labelled corpus (tests/corpus/*.txt): realistic snippets, fake secrets filled in at test time.

A case starts with ``# === case: <id> [tags]``; a line ending in ``# expect: NSCnnn`` (or one after a
comment line ``# expect-next: NSCnnn``, for a multi-line literal; several codes
allowed, bare ``NSC`` for "any code") must be reported at that line, every other line must not. Slots
``{{name}}`` (see :data:`SLOTS`, and ``{{p:provider-id}}`` for any provider) are filled from
:mod:`secretgen`, seeded by the case id, so the repository holds nothing that looks live.
``scripts/corpus_report.py`` prints precision and recall per category from the same loader.
"""

from __future__ import annotations

import base64
import dataclasses
import pathlib
import random
import re
import string
from typing import Callable

import pytest

import secretgen
from flake8_nosecrets import providers, scan_source

CORPUS = pathlib.Path(__file__).parent / "corpus"
_HEADER_RE = re.compile(r"^# === case: (?P<id>[\w.-]+)(?: \[(?P<tags>[^\]]*)\])?\s*$")
_EXPECT_RE = re.compile(r"#\s*expect:\s*(?P<codes>NSC\d{0,3}(?:[ ,]+NSC\d{0,3})*)\s*$")
_NEXT_RE = re.compile(r"^\s*#\s*expect-next:\s*(?P<codes>NSC\d{0,3}(?:[ ,]+NSC\d{0,3})*)\s*$")
_SLOT_RE = re.compile(r"\{\{(?P<slot>[a-z0-9_]+)(?::(?P<arg>[a-z0-9-]+))?\}\}")


def _provider(pid: str) -> Callable[[random.Random], str]:
    def make(r: random.Random) -> str:
        values = secretgen.provider_samples(providers.BY_ID[pid], salt=str(r.random()))
        return r.choice(values)

    return make


def _weak(r: random.Random) -> str:
    # A human-style password: a seeded word, a year or digits, a symbol ("Summer2024!" style).
    word = r.choice(["Summer", "Winter", "Autumn", "Dragon", "Monkey", "Sunshine", "Football", "Princess",
                     "Welcome", "Shadow", "Master", "Freedom", "Letmein", "Starwars"])
    return word + str(r.randint(1970, 2029)) + r.choice("!@#$%&*?")


def _basic(r: random.Random) -> str:
    return base64.b64encode(f"deploy:{secretgen.password(r)}".encode()).decode()


def _b62(n: int) -> Callable[[random.Random], str]:
    return lambda r: secretgen.random_key(r, n)


def _hex(n: int) -> Callable[[random.Random], str]:
    return lambda r: secretgen.hex_key(r, n)


SLOTS: dict[str, Callable[[random.Random], str]] = {
    "gh_pat": _provider("github-pat"),
    "gh_fine": _provider("github-fine-grained-pat"),
    "gh_oauth": _provider("github-oauth"),
    "gl_pat": _provider("gitlab-pat"),
    "aws_key_id": _provider("aws-access-key-id"),
    "google_api": _provider("google-api-key"),
    "stripe": _provider("stripe-secret-key"),
    "stripe_whsec": _provider("stripe-webhook-secret"),
    "slack_bot": _provider("slack-token"),
    "slack_webhook": _provider("slack-webhook-url"),
    "discord_webhook": _provider("discord-webhook-url"),
    "telegram": _provider("telegram-bot-token"),
    "sendgrid": _provider("sendgrid-api-key"),
    "openai": _provider("openai-api-key"),
    "anthropic": _provider("anthropic-api-key"),
    "hf": _provider("huggingface-token"),
    "pypi": _provider("pypi-token"),
    "npm": _provider("npm-token"),
    "sentry": _provider("sentry-user-token"),
    "newrelic": _provider("new-relic-license-key"),
    "notion": _provider("notion-integration-token"),
    "vault": _provider("vault-token"),
    "do_pat": _provider("digitalocean-pat"),
    "shopify": _provider("shopify-access-token"),
    "twilio_like": _b62(32),
    "jwt": lambda r: secretgen.jwt(r),
    "pem_rsa": lambda r: secretgen.private_key_pem("RSA", r).rstrip("\n"),
    "pem_ec": lambda r: secretgen.private_key_pem("EC", r).rstrip("\n"),
    "pem_pkcs8": lambda r: secretgen.private_key_pem("", r).rstrip("\n"),
    "pem_enc": lambda r: secretgen.private_key_pem("ENCRYPTED", r).rstrip("\n"),
    "pem_dsa": lambda r: secretgen.private_key_pem("DSA", r).rstrip("\n"),
    "pem_openssh": lambda r: secretgen.private_key_pem("OPENSSH", r).rstrip("\n"),
    "pw": lambda r: secretgen.password(r),
    "weak_pw": _weak,
    "basic": _basic,
    "hex32": _hex(32),
    "hex40": _hex(40),
    "hex64": _hex(64),
    "b62_24": _b62(24),
    "b62_32": _b62(32),
    "b62_40": _b62(40),
    "b64_40": lambda r: secretgen.random_key(r, 40, string.ascii_letters + string.digits + "+/"),
}


def fill(text: str, salt: str) -> str:
    r = secretgen.rng("corpus:" + salt)

    def one(m: re.Match[str]) -> str:
        slot, arg = m.group("slot"), m.group("arg")
        if slot == "p":  # {{p:provider-id}}: any provider of the table
            return _provider(arg)(r)
        return SLOTS[slot](r)

    return _SLOT_RE.sub(one, text)


@dataclasses.dataclass
class Case:
    id: str
    category: str
    tags: tuple[str, ...]
    template: str
    first_line: int  # line of the template in its .txt file (for messages)

    @property
    def source(self) -> str:
        return fill(self.template, self.id)

    def expected(self) -> dict[int, set[str]]:
        """line -> expected codes ({"NSC"} when any code will do)."""
        out: dict[int, set[str]] = {}
        lines = self.source.splitlines()
        for n, line in enumerate(lines, 1):
            prev = _NEXT_RE.match(lines[n - 2]) if n > 1 else None
            m = _EXPECT_RE.search(line) or prev
            if m:
                out[n] = set(re.split(r"[ ,]+", m.group("codes").strip()))
        return out


def load() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(CORPUS.glob("*.txt")):
        current: Case | None = None
        body: list[str] = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = _HEADER_RE.match(line)
            if m:
                if current is not None:
                    current.template = "\n".join(body).strip("\n") + "\n"
                    cases.append(current)
                tags = tuple((m.group("tags") or "").split())
                current = Case(m.group("id"), path.stem, tags, "", n + 1)
                body = []
            elif current is not None:
                body.append(line)
        if current is not None:
            current.template = "\n".join(body).strip("\n") + "\n"
            cases.append(current)
    return cases


def reported(findings) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for f in findings:
        out.setdefault(f.line, set()).add(f.code)
    return out


def agrees(expected: dict[int, set[str]], got: dict[int, set[str]]) -> bool:
    if expected.keys() != got.keys():
        return False
    return all(want == {"NSC"} or want == got[line] for line, want in expected.items())


def labelled_lines(case: Case) -> int:
    return len([ln for ln in case.source.splitlines() if ln.strip() and not ln.lstrip().startswith("#")])


CASES = load()


def _describe(case: Case, expected: dict[int, set[str]], got: dict[int, set[str]]) -> str:
    lines = case.template.splitlines()
    out = [f"{case.category}.txt:{case.first_line} case {case.id}"]
    for n in sorted(expected.keys() | got.keys()):
        if expected.get(n) == got.get(n) or (expected.get(n) == {"NSC"} and n in got):
            continue
        text = lines[n - 1].strip() if n <= len(lines) else ""
        out.append(f"  line {n}: expected {sorted(expected.get(n, []))} got {sorted(got.get(n, []))}: {text[:90]}")
    return "\n".join(out)


def test_corpus_size_and_balance() -> None:
    assert len(CASES) >= 300
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    positive = sum(1 for c in CASES if c.expected())
    assert 0.3 <= positive / len(CASES) <= 0.5
    assert not [c.id for c in CASES if _SLOT_RE.search(c.source)], "unfilled slot"


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.category}:{c.id}")
def test_case(case: Case) -> None:
    source = case.source
    expected = case.expected()
    got = reported(scan_source(source, filename=f"{case.category}/{case.id}.py"))
    assert agrees(expected, got), _describe(case, expected, got)
