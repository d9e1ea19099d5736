"""No input crashes the plugin (issue 2 "Bad input and speed", issue 6 "Hostile and broken input").

Each hostile input goes through the flake8 ``Plugin`` in-process (whenever
``ast.parse`` accepts it, since flake8 only calls tree plugins then) and through
real flake8 in a subprocess, which must report E902/E999 for what it cannot
read or parse and nothing from us. Time bounds are generous (a 2-core shared CI
machine) but far below what a quadratic or exponential path would take.
"""

from __future__ import annotations

import ast
import random
import string
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flake8_nosecrets.flake8_plugin import Plugin
from flake8_nosecrets.scanner import scan_source

import secretgen

REALISTIC = '''\
import os


class Settings{n}:
    """Settings for service {n}; the token comes from the environment."""

    api_url = "https://api.example.com/v{n}"
    token_env = "SERVICE_TOKEN"
    password = os.environ.get("DB_PASSWORD", "")

    def connect(self, host: str, port: int = 5432, timeout: float = 1.5):
        dsn = f"postgresql://{{host}}:{{port}}/app{n}"
        headers = {{"Accept": "application/json", "User-Agent": "svc/{n}"}}
        return dsn, headers, [i * {n} for i in range(10)]  # a comment
'''


def plugin_run(source: str | bytes, filename: str = "t.py") -> list[tuple[int, int, str]]:
    """What flake8 does for a tree plugin: parse, then Plugin(...).run(). Parsing errors are flake8's (E999)."""
    text = source.decode("utf-8") if isinstance(source, bytes) else source
    tree = ast.parse(source, filename)
    return [(line, col, msg) for line, col, msg, _ in Plugin(tree, filename, text.splitlines(keepends=True)).run()]


def flake8(path: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select=E902,E999,NSC", "--jobs=1", str(path)],
        capture_output=True, text=True, timeout=timeout,
    )


def assert_flake8_clean_run(proc: subprocess.CompletedProcess[str], expect: str | None) -> None:
    """flake8 finished normally (no plugin crash), reported *expect* (or nothing), and we added nothing."""
    assert "Traceback" not in proc.stderr and "critical error" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "NSC" not in proc.stdout, proc.stdout[:2000]
    if expect:
        assert expect in proc.stdout, proc.stdout[:2000]
    else:
        assert proc.stdout == ""


# ---- broken input: flake8 reports E999 (or decodes as latin-1, as it does), nothing crashes, we add nothing ------

# name -> (file bytes, what flake8 reports: E999, or None when it falls back to latin-1 and parses)
BROKEN = {
    "syntax-error": (b"def f(:\n    x = 1\n", "E999"),
    "unclosed-string": (b"name = 'abcdef\n", "E999"),
    "nul-byte": (b"x = 1\x00\ny = 'x'\n", "E999"),
    "invalid-utf8": (b"label = '\xff\xfe\xfa'\n", None),
    "latin1-bytes-without-cookie": (b"name = 'caf\xe9'\n", None),
    "bad-coding-cookie": (b"# -*- coding: no-such-codec -*-\nx = 1\n", None),
    "invalid-utf8-in-comment": (b"x = 1  # \xc3\x28 broken\n", None),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_input_in_flake8(tmp_path: Path, case: str) -> None:
    data, expected = BROKEN[case]
    path = tmp_path / "bad.py"
    path.write_bytes(data)
    proc = flake8(path, timeout=60)
    assert_flake8_clean_run(proc, expected)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_input_in_process(case: str) -> None:
    """What flake8 hands the plugin: text decoded as UTF-8, else latin-1; the plugin only sees parseable trees."""
    data, expected = BROKEN[case]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    try:
        tree = ast.parse(text, "bad.py")
    except (SyntaxError, ValueError):
        assert expected == "E999"
        with pytest.raises((SyntaxError, ValueError)):  # scan_source parsing itself raises only what ast.parse does
            scan_source(text, filename="bad.py")
        return
    assert expected is None
    assert list(Plugin(tree, "bad.py", text.splitlines(keepends=True)).run()) == []
    assert scan_source(text, filename="bad.py") == []


# ---- odd but valid input: both paths run, findings still come out ---------------------------------------------

def _odd_cases() -> dict[str, tuple[bytes, bool]]:
    """name -> (file bytes, whether the planted generated secret must be found)."""
    pw = secretgen.password(secretgen.rng("robust"))
    body = f"DB_PASSWORD = {pw!r}\n"
    return {
        "latin1-cookie": (f"# -*- coding: latin-1 -*-\nlabel = 'café'\n{body}".encode("latin-1"), True),
        "bom": (b"\xef\xbb\xbf" + f"label = 'naïve'\n{body}".encode(), True),
        "crlf": (f"import os\r\nx = 1\r\n{body}".replace("\n", "\r\n").replace("\r\r", "\r").encode(), True),
        "cr-only-mixed": (f"x = 1\r\ny = 2\n{body}".encode(), True),
        "form-feed-and-tabs": (f"\x0cx = 1\nif x:\n\t{body}".encode(), True),
        "empty": (b"", False),
        "only-comments": (b"# nothing here\n# password: see the vault\n", False),
        "no-trailing-newline": (body.rstrip("\n").encode(), True),
    }


@pytest.mark.parametrize("case", sorted(_odd_cases()))
def test_odd_encodings_and_newlines(tmp_path: Path, case: str) -> None:
    data, planted = _odd_cases()[case]
    text = data.decode(_encoding(data))
    tree = ast.parse(data, "t.py")
    found = list(Plugin(tree, "t.py", text.splitlines(keepends=True)).run())
    assert bool(found) == planted, found
    path = tmp_path / "odd.py"
    path.write_bytes(data)
    proc = flake8(path, timeout=60)
    assert "Traceback" not in proc.stderr and "critical error" not in proc.stderr, proc.stderr[-2000:]
    assert ("NSC" in proc.stdout) == planted, proc.stdout
    assert "E902" not in proc.stdout and "E999" not in proc.stdout


def _encoding(data: bytes) -> str:
    import io
    import tokenize

    return tokenize.detect_encoding(io.BytesIO(data).readline)[0]


# ---- size and depth ---------------------------------------------------------------------------------------------

def _deepest(make, hi: int = 20_000) -> int:
    """The largest depth ast.parse accepts for *make(depth)* (binary search; parser limits vary by version)."""
    lo = 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        try:
            ast.parse(make(mid))
        except (SyntaxError, RecursionError, MemoryError, ValueError):
            hi = mid - 1
        else:
            lo = mid
    return lo


DEEP = {
    "parentheses": lambda d: "password = " + "(" * d + "'v'" + ")" * d + "\n",
    "calls": lambda d: "x = " + "f(" * d + "token='abcdefabcdef'" + ")" * d + "\n",
    "lists": lambda d: "secret = " + "[" * d + "'abcdefabcdef'" + "]" * d + "\n",
    "dicts": lambda d: "x = " + "{'password': " * d + "'v'" + "}" * d + "\n",
    "attribute-chain": lambda d: "x = a" + ".b" * d + "\n",
    "binop-chain": lambda d: "password = 'a'" + " + 'b'" * d + "\n",
    "conditional-chain": lambda d: "token = " + "a if b else " * d + "'c'\n",
    "lambda-nesting": lambda d: "f = " + "lambda password='abcdefabcdef': " * d + "0\n",
    "nested-functions": lambda d: "".join(" " * i + f"def f{i}(token='t'):\n" for i in range(d)) + " " * d + "pass\n",
}


@pytest.mark.parametrize("case", sorted(DEEP))
def test_deepest_nesting_ast_parse_accepts(case: str) -> None:
    make = DEEP[case]
    depth = _deepest(make, hi=3_000 if case == "nested-functions" else 20_000)
    assert depth >= 50, depth  # the input is really deep, not a parser refusal
    src = make(depth)
    start = time.perf_counter()
    plugin_run(src)
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize("case", ["parentheses", "binop-chain", "attribute-chain", "dicts"])
def test_deep_nesting_through_flake8(tmp_path: Path, case: str) -> None:
    make = DEEP[case]
    path = tmp_path / "deep.py"
    path.write_text(make(min(_deepest(make), 150)))
    proc = flake8(path, timeout=120)
    assert "Traceback" not in proc.stderr and "critical error" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode in (0, 1)


@pytest.mark.slow
def test_ten_megabyte_file(tmp_path: Path) -> None:
    """10 MB of realistic code: the plugin finishes in time roughly proportional to its size."""
    chunk = "".join(REALISTIC.format(n=i) for i in range(20))
    src = chunk * (10_000_000 // len(chunk) + 1)
    assert len(src) >= 10_000_000
    small = chunk * 20
    t_small = _best(lambda: scan_source(small, filename="s.py"))
    start = time.perf_counter()
    found = scan_source(src, filename="big.py")
    elapsed = time.perf_counter() - start
    assert found == []
    per_byte_big, per_byte_small = elapsed / len(src), t_small / len(small)
    assert elapsed < 120, elapsed
    assert per_byte_big < 4 * per_byte_small + 2e-7, (per_byte_big, per_byte_small)  # linear, not quadratic


@pytest.mark.slow
def test_ten_megabyte_file_standalone(tmp_path: Path) -> None:
    """The same 10 MB file through the standalone command in a subprocess (flake8's pycodestyle would take minutes)."""
    chunk = "".join(REALISTIC.format(n=i) for i in range(20))
    path = tmp_path / "big.py"
    path.write_text(chunk * (10_000_000 // len(chunk) + 1))
    proc = subprocess.run([sys.executable, "-m", "flake8_nosecrets.cli", "--isolated", "--no-progress", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, (proc.stdout[-2000:], proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr


def _best(fn, n: int = 3) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _random_text(n: int, alphabet: str, seed: str) -> str:
    r = random.Random(seed)
    return "".join(r.choice(alphabet) for _ in range(n))


LONG = 1_000_000
B64 = string.ascii_letters + string.digits + "+/"


@pytest.mark.parametrize(
    "name,make",
    [
        ("neutral-random", lambda: "data = " + repr(_random_text(LONG, B64, "a")) + "\n"),
        ("secret-name-random", lambda: "api_key = " + repr(_random_text(LONG, B64, "b")) + "\n"),
        ("secret-name-one-char", lambda: "password = '" + "a" * LONG + "'\n"),
        ("url-like", lambda: "dsn = 'postgres://u:" + "p" * LONG + "@host/db'\n"),
        ("header-like", lambda: "headers = {'Authorization': 'Bearer " + "A" * LONG + "'}\n"),
        ("pem-like", lambda: "key = '-----BEGIN PRIVATE KEY-----" + "A" * LONG + "'\n"),
        ("bytes", lambda: "token = b'" + "\\x00" * (LONG // 4) + "'\n"),
        ("fstring", lambda: "secret = f'{x}" + "b" * LONG + "'\n"),
        ("comment", lambda: "x = 1  # " + "token=" + _random_text(LONG, B64, "c") + "\n"),
    ],
)
def test_one_megabyte_single_line_literal(name: str, make) -> None:
    src = make()
    start = time.perf_counter()
    found = plugin_run(src)
    elapsed = time.perf_counter() - start
    assert elapsed < 20, elapsed
    for _, _, msg in found:
        assert len(msg) < 400  # messages stay short and never carry the value


def test_one_megabyte_literal_through_flake8(tmp_path: Path) -> None:
    path = tmp_path / "long.py"
    path.write_text("api_key = " + repr(_random_text(LONG, B64, "d")) + "  # noqa: E501\n")
    proc = flake8(path, timeout=180)
    assert "Traceback" not in proc.stderr and "critical error" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode in (0, 1)
    assert all(len(line) < 400 for line in proc.stdout.splitlines())


def test_hundred_thousand_element_dict(tmp_path: Path) -> None:
    items = ",\n".join(f"    'key_{i}': 'value_{i}'" for i in range(100_000))
    src = "MAPPING = {\n" + items + "\n}\nCONFIG = dict(" + ", ".join(f"k{i}='v{i}'" for i in range(5_000)) + ")\n"
    start = time.perf_counter()
    assert plugin_run(src) == []
    assert time.perf_counter() - start < 30


def test_very_long_lines() -> None:
    line = "x = [" + ", ".join(str(i) for i in range(100_000)) + "]\n"
    call = "f(" + ", ".join(f"password{i}=p{i}" for i in range(20_000)) + ")\n"
    start = time.perf_counter()
    assert plugin_run(line + call) == []
    assert time.perf_counter() - start < 20


def test_many_small_literals_line() -> None:
    """100k short literals on one line, the worst case for per-literal line lookups."""
    src = "x = (" + ", ".join(f"'s{i}'" for i in range(100_000)) + ")\n"
    start = time.perf_counter()
    assert plugin_run(src) == []
    assert time.perf_counter() - start < 20
