"""The plugin through the real host: ``python -m flake8`` in a subprocess on files in a temporary directory."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import secretgen
from flake8_nosecrets import providers

GH = secretgen.provider_samples(providers.BY_ID["github-pat"])[0]
PW = secretgen.weak_password(secretgen.rng("e2e"))
RANDOM = secretgen.random_key(secretgen.rng("e2e-key"), 32)


def flake8(tmp_path: Path, source: str, *args: str, config: tuple[str, str] | None = None, name: str = "app.py"):
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(source))
    if config:
        (tmp_path / config[0]).write_text(textwrap.dedent(config[1]))
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--select=NSC", *args, "."],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    return proc


def test_output_format_and_exit_code(tmp_path: Path) -> None:
    proc = flake8(tmp_path, f'import os\n\npassword = "{PW}"\ntoken = "{GH}"\n')
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("./app.py:3:12: NSC206 hardcoded password ")
    assert lines[0].endswith("assigned to 'password'")
    assert lines[1].startswith("./app.py:4:9: NSC102 GitHub personal access token \"ghp_…\" (40 chars, fp ")
    assert PW not in proc.stdout and GH not in proc.stdout


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    proc = flake8(tmp_path, 'token_type = "bearer"\npassword = os.environ["PASSWORD"]\n')
    assert (proc.returncode, proc.stdout) == (0, "")


@pytest.mark.parametrize(
    ("marker", "suppressed"),
    [
        ("# noqa", True),
        ("# noqa: NSC206", True),
        ("# noqa: NSC2", True),
        ("# noqa: E501", False),
        ("# pragma: allowlist secret", True),
        ("# nosec", True),
        ("# nosec B105", True),
        ("# nosec B602", False),
        ("# noqa: S105", True),
        ("# gitleaks:allow", True),
        ("# a comment that says nosecret", False),
    ],
)
def test_suppression_markers(tmp_path: Path, marker: str, suppressed: bool) -> None:
    proc = flake8(tmp_path, f'password = "{PW}"  {marker}\n')
    assert (proc.stdout == "") is suppressed, proc.stdout


def test_allowlist_nextline(tmp_path: Path) -> None:
    proc = flake8(tmp_path, f'# pragma: allowlist nextline secret\npassword = "{PW}"\nother_password = "{PW}x"\n')
    assert [ln.split(":")[1] for ln in proc.stdout.splitlines()] == ["3"]


@pytest.mark.parametrize("cfg_file", ["setup.cfg", "tox.ini", ".flake8"])
def test_options_from_config_files(tmp_path: Path, cfg_file: str) -> None:
    source = f'pin = "{RANDOM}"\ncsrf_token = "{RANDOM}"\nhook = "{GH}"\napi_key = "{RANDOM}"\n'
    config = f"""\
        [flake8]
        nosecrets-extra-names = pin
        nosecrets-ignore-names = csrf_token
        nosecrets-disable-providers = github-pat
        nosecrets-allow = ^{RANDOM[:6]}
    """
    proc = flake8(tmp_path, source, config=(cfg_file, config))
    # pin becomes secret-like, csrf_token is ignored, the GitHub format is disabled,
    # and the allow pattern clears every value starting with the random key's prefix.
    assert proc.stdout == "", proc.stdout
    config_no_allow = config.replace(f"nosecrets-allow = ^{RANDOM[:6]}", "")
    proc = flake8(tmp_path, source, config=(cfg_file, config_no_allow))
    assert [ln.split(":")[1] for ln in proc.stdout.splitlines()] == ["1", "4"], proc.stdout


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--nosecrets-entropy=lots", "nosecrets-entropy"),
        ("--nosecrets-entropy=12", "outside 0-8"),
        ("--nosecrets-allow=[unclosed", "invalid regular expression"),
        ("--nosecrets-disable-providers=no-such-provider", "unknown provider id"),
    ],
)
def test_invalid_option_is_a_clear_error(tmp_path: Path, option: str, message: str) -> None:
    proc = flake8(tmp_path, "x = 1\n", option)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_per_file_ignores_relax_name_rules_in_tests(tmp_path: Path) -> None:
    """The README recipe: name-only rules off under tests/, provider formats still on."""
    source = f'password = "{PW}"\nTOKEN = "{GH}"\n'
    config = """\
        [flake8]
        per-file-ignores =
            tests/*: NSC205, NSC206
    """
    proc = flake8(tmp_path, source, config=("setup.cfg", config), name="tests/test_login.py")
    assert [ln.split(": ")[1].split()[0] for ln in proc.stdout.splitlines()] == ["NSC102"]


@pytest.mark.parametrize(("name", "codes"), [("proj/settings.py", ["NSC207", "NSC207"]),
                                             ("tests/test_views.py", []), ("proj/settings/test.py", [])])
def test_weak_signing_key_reported_outside_tests(tmp_path: Path, name: str, codes: list[str]) -> None:
    """NSC207 through the real host: a settings module's word-valued key and a login's password, not in tests."""
    source = 'SECRET_KEY = "dev"\nserver.login("ops@corp.internal", "pw")\n'
    proc = flake8(tmp_path, source, name=name)
    assert [ln.split(": ")[1].split()[0] for ln in proc.stdout.splitlines()] == codes, proc.stdout + proc.stderr
    if codes:
        assert proc.stdout.splitlines()[0].startswith(f"./{name}:1:14: NSC207 weak or default signing key ")


def test_syntax_error_adds_nothing(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(f'password = "{PW}"\ndef (:\n')
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--select=E999,NSC", "."], cwd=tmp_path, capture_output=True, text=True
    )
    assert "E999" in proc.stdout and "NSC" not in proc.stdout and "Traceback" not in proc.stderr


def test_jobs_two_same_output(tmp_path: Path) -> None:
    for i in range(6):
        (tmp_path / f"m{i}.py").write_text(f'password = "{PW}{i}"\n')
    one = subprocess.run([sys.executable, "-m", "flake8", "--select=NSC", "--jobs=1", "."], cwd=tmp_path,
                         capture_output=True, text=True)
    two = subprocess.run([sys.executable, "-m", "flake8", "--select=NSC", "--jobs=2", "."], cwd=tmp_path,
                         capture_output=True, text=True)
    assert sorted(one.stdout.splitlines()) == sorted(two.stdout.splitlines()) and len(one.stdout.splitlines()) == 6
