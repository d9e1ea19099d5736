"""No yardstick string in the repository.

The peer cases (``../shared/peer-cases/cases.jsonl`` beside the repository root) are a test set to
generalise from: none of their strings may be copied into the code, the tests or the docs. This test
decodes every case and fails if one of its tokens of 12 or more characters occurs in a file the
repository tracks, unless the token is one of the few public, generic strings any secrets linter
shares with them (alphabets, header and parameter names the providers define, AWS's documentation keys).

Set ``NOSECRETS_PEER_CASES`` to the file's path to run it from a checkout that sits elsewhere.
"""

from __future__ import annotations

import base64
import json
import os
import re
import string
import subprocess
from pathlib import Path

import pytest

import secretgen

ROOT = Path(__file__).resolve().parent.parent
PEER_CASES = Path(os.environ.get("NOSECRETS_PEER_CASES") or ROOT.parent / "shared" / "peer-cases" / "cases.jsonl")
MIN_TOKEN = 12
_TOKEN_RE = re.compile(r"[^\s\"'`,;(){}\[\]<>]{%d,}" % MIN_TOKEN)

ALPHABETS = (
    string.digits + string.ascii_lowercase,
    string.digits + "abcdef" + "ABCDEF",
    string.ascii_lowercase + string.digits,
    string.ascii_uppercase + string.ascii_lowercase + string.digits + "+/",
)
# Public names that the providers' own documentation, SDKs and Python define: sharing them copies nothing.
GENERIC = frozenset(
    {
        "Authorization", "authorization", "request.headers",  # HTTP
        "ACCESS_TOKEN", "access_token", "CLIENT_SECRET", "client_secret", "SessionToken",  # OAuth / AWS STS fields
        "aws_access_key", "aws_secret_access_key", "secret_access_key", "service_account", "github_token",
        "DATABRICKS_TOKEN", "PERPLEXITY_API_KEY", "PREFECT_API_KEY", "bedrock-api-key-",  # providers' own names
        "https://github.com/login/oauth/access_token",
        "parser.add_argument", "monkeypatch.setattr", "auth_password",  # Python APIs (paramiko, Django)
    }
)


def is_generic(token: str) -> bool:
    """An alphabet, a documented public name, or one of AWS's documentation example keys."""
    name = token.rstrip("=:")  # ``aws_secret_access_key=`` in a keyword argument
    return name in GENERIC or "EXAMPLE" in token or any(token in alphabet for alphabet in ALPHABETS)


def peer_tokens(path: Path) -> set[str]:
    tokens: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            text = base64.b64decode(json.loads(line)["text_b64"]).decode("utf-8", "replace")
            tokens.update(_TOKEN_RE.findall(text))
    return tokens


def tracked_files() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        return [ROOT / p for p in out.split("\0") if p]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: every file but the usual caches
        skip = {".git", ".venv", "__pycache__", ".pytest_cache", ".mypy_cache"}
        return [p for p in ROOT.rglob("*") if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]


def shared(tokens: set[str], text: str) -> list[str]:
    return sorted(t for t in tokens if t in text and not is_generic(t))


@pytest.mark.skipif(not PEER_CASES.is_file(), reason="the peer cases are not beside this checkout")
def test_no_peer_token_in_the_repository() -> None:
    tokens = peer_tokens(PEER_CASES)
    assert len(tokens) > 500, "the peer cases should decode into many tokens"
    found = {}
    for path in tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if hits := shared(tokens, text):
            found[str(path.relative_to(ROOT))] = [h[:16] + "…" for h in hits]
    assert not found, found


def test_the_check_finds_a_copied_token() -> None:
    """The matching itself, on made-up data: a copied token is found, generic ones and short runs are not."""
    copied = secretgen.random_key(secretgen.rng("peer-strings"), 16)
    tokens = {copied, "Authorization", "ABCDEFGHIJKLMNOP", "EXAMPLEKEY12345"}
    text = f'headers = {{"Authorization": "Bearer {copied}"}}  # ABCDEFGHIJKLMNOP EXAMPLEKEY12345'
    assert shared(tokens, text) == [copied]
    assert _TOKEN_RE.findall(f'x = "{copied}", y = "short1"') == [copied]
