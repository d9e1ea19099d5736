"""``nosecrets-fix`` on the files beside the code: compose values become ``${NAME}`` with the value in the
``.env`` compose reads, a committed ``.env`` is untracked and ignored, other formats get advice only."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from dotenv import dotenv_values

import secretgen
import test_fix_cli
from flake8_nosecrets import cli as scan_cli

R = secretgen.rng("fix-configs")
PW = secretgen.password(R)
KEY = secretgen.random_key(R, 32)

COMPOSE = f"""\
services:
  api:
    image: acme/api:1.2
    environment:
      - DATABASE_PASSWORD={PW}
      - "JWT_SECRET={KEY}"
      - SENTRY_ENV=production
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: '{PW}'
      POSTGRES_USER: api
"""
FIXED = """\
services:
  api:
    image: acme/api:1.2
    environment:
      - DATABASE_PASSWORD=${DATABASE_PASSWORD}
      - "JWT_SECRET=${JWT_SECRET}"
      - SENTRY_ENV=production
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: '${DATABASE_PASSWORD}'
      POSTGRES_USER: api
"""


def run_fix(cwd: Path, *args: str) -> tuple[int, str, str]:
    code, out, err = test_fix_cli.run_fix(cwd, *args)
    assert PW not in out + err and KEY not in out + err
    return code, out, err


git = test_fix_cli.git


@pytest.fixture
def service(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "docker-compose.yml").write_text(COMPOSE)
    return tmp_path


def test_compose_values_become_interpolations_with_the_values_in_dot_env(service: Path) -> None:
    code, out, _ = run_fix(service, "--no-history", ".")
    assert code == 1
    assert (service / "docker-compose.yml").read_text() == FIXED
    assert dotenv_values(service / ".env") == {"DATABASE_PASSWORD": PW, "JWT_SECRET": KEY}
    assert oct((service / ".env").stat().st_mode & 0o777) == "0o600"
    assert ".env" in (service / ".gitignore").read_text().splitlines()
    assert "docker-compose.yml: moved" in out
    yaml.safe_load((service / "docker-compose.yml").read_text())  # still valid YAML
    assert scan_cli.main(["--isolated", "--no-progress", str(service / "docker-compose.yml")]) == 0
    code, _, _ = run_fix(service, "--no-history", ".")  # a second run changes nothing
    assert code == 0 and (service / "docker-compose.yml").read_text() == FIXED


def test_diff_writes_nothing_and_shows_no_value(service: Path) -> None:
    code, out, err = run_fix(service, "--diff", "--no-history", "docker-compose.yml")
    assert code == 1
    assert (service / "docker-compose.yml").read_text() == COMPOSE and not (service / ".env").exists()
    assert "+      - DATABASE_PASSWORD=${DATABASE_PASSWORD}" in out and "<DATABASE_PASSWORD: " in out
    assert "would move" in err


def test_a_value_also_elsewhere_in_the_file_stops_the_rewrite(service: Path) -> None:
    (service / "docker-compose.yml").write_text(COMPOSE + f"# old password was {PW}\n")
    _, out, _ = run_fix(service, "--no-history", ".")
    assert "docker-compose.yml: a moved value also sits where it is not reported; nothing written" in out
    assert (service / "docker-compose.yml").read_text().startswith(COMPOSE) and not (service / ".env").exists()


def test_a_tracked_env_file_is_untracked_and_ignored_values_stay(service: Path) -> None:
    (service / "docker-compose.yml").unlink()
    (service / ".env").write_text(f"DATABASE_PASSWORD={PW}\nDEBUG=1\n")
    git(service, "add", ".env")
    git(service, "commit", "-qm", "oops")
    code, out, _ = run_fix(service, "--no-history", ".")
    assert code == 1
    assert git(service, "ls-files") == ""  # the removal is staged for the next commit
    assert dotenv_values(service / ".env") == {"DATABASE_PASSWORD": PW, "DEBUG": "1"}
    assert ".env" in (service / ".gitignore").read_text().splitlines()
    assert "untracked (git rm --cached)" in out and "rotate" in out
    assert scan_cli.main(["--isolated", "--no-progress", "--nosecrets-file-kinds", "dotenv", str(service)]) == 1


def test_other_formats_get_advice_and_are_not_written(tmp_path: Path) -> None:
    files = {
        "settings.yaml": f"db:\n  password: {PW}\n",
        "requirements.txt": f"--extra-index-url https://ci:{PW}@pypi.corp.internal/simple\n",
        "Dockerfile": f"FROM python\nENV API_TOKEN={KEY}\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    code, out, _ = run_fix(tmp_path, "--no-history", ".")
    assert code == 0  # findings left for a human do not count, as for Python
    assert all((tmp_path / n).read_text() == t for n, t in files.items()) and not (tmp_path / ".env").exists()
    advice = [line for line in out.splitlines() if "not rewritten" in line]
    assert [line.split(":")[0] for line in advice] == ["Dockerfile", "requirements.txt", "settings.yaml"]
    assert "RUN --mount=type=secret" in advice[0] and "${NAME}" in advice[1] and "environment" in advice[2]
