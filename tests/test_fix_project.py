"""nosecrets-fix on a project as a team has it: errors and exit codes, the env file's hygiene, test code,
settings modules that override each other, and copies of a moved value left in the touched files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from dotenv import dotenv_values

from test_fix_cli import GH, KEY, PW, run_fix


# ----------------------------------------------------------------------------- errors: one line, exit 2


def test_env_file_in_a_missing_directory_is_a_one_line_error(tmp_path):
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\n')
    code, out, err = run_fix(tmp_path, "--env-file", "config/prod.env", "app.py")
    assert code == 2
    assert err.count("\n") == 1 and "config" in err and "Traceback" not in err
    assert GH in (tmp_path / "app.py").read_text()


def test_undecodable_file_holding_a_finding_is_exit_2_naming_it(tmp_path):
    (tmp_path / "bad.py").write_bytes(b'# -*- coding: utf-8 -*-\nNAME = "caf\xe9"\nTOKEN = "' + GH.encode() + b'"\n')
    code, out, err = run_fix(tmp_path, "bad.py")
    assert code == 2
    assert "bad.py" in err and "decode" in err and GH not in err + out


def test_undecodable_file_without_a_finding_is_skipped(tmp_path):
    (tmp_path / "bad.py").write_bytes(b'# -*- coding: utf-8 -*-\nNAME = "caf\xe9"\n')
    code, out, err = run_fix(tmp_path, "bad.py")
    assert code == 0
    assert "bad.py" in err and "skipped" in err


def test_unexpected_os_error_is_one_line_exit_2(tmp_path, monkeypatch):
    from flake8_nosecrets.fix import dotenv_io

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / ".env.lock"))

    monkeypatch.setattr(dotenv_io.os, "open", refuse)
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\n')
    code, out, err = run_fix(tmp_path, "app.py")
    assert code == 2
    assert err.count("\n") == 1 and "Permission denied" in err


# ----------------------------------------------------------------------------- the env file


def test_loose_env_file_gets_a_warning_and_keeps_its_mode(tmp_path):
    (tmp_path / ".env").write_text("DEBUG=1\n")
    os.chmod(tmp_path / ".env", 0o644)
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\n')
    code, out, err = run_fix(tmp_path, "app.py")
    assert code == 1
    assert "readable by group or others (mode 0644)" in out and "chmod 600" in out
    assert stat.S_IMODE((tmp_path / ".env").stat().st_mode) == 0o644


def test_private_env_file_gets_no_warning(tmp_path):
    (tmp_path / ".env").write_text("DEBUG=1\n")
    os.chmod(tmp_path / ".env", 0o600)
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\n')
    assert "readable by group" not in run_fix(tmp_path, "app.py")[1]


def test_crlf_env_file_stays_crlf(tmp_path):
    (tmp_path / ".env").write_bytes(b"DEBUG=1\r\n")
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\n')
    assert run_fix(tmp_path, "app.py")[0] == 1
    data = (tmp_path / ".env").read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") >= 3
    assert GH in dotenv_values(tmp_path / ".env").values()


def _shell_value(env: Path, name: str) -> str:
    r = subprocess.run(["sh", "-c", f'set -a; . "{env}"; printf %s "${name}"'], capture_output=True, text=True)
    return r.stdout


@pytest.mark.parametrize("extra", ["", "'", "\\", '"', "$", "\\n", "\n", "'$", "\\$", "`", "#", " "])
def test_env_values_read_back_by_dotenv_and_by_the_shell_when_possible(tmp_path, extra):
    from flake8_nosecrets.fix import dotenv_io

    value = PW[:8] + extra + PW[8:]
    env = dotenv_io.EnvFile(tmp_path / ".env", tmp_path)
    env.merge({"DB_PASSWORD": value})
    assert dotenv_values(tmp_path / ".env")["DB_PASSWORD"] == value
    assert (_shell_value(tmp_path / ".env", "DB_PASSWORD") == value) is dotenv_io.shell_reads(value)
    assert dotenv_io.shell_reads(value) is (extra not in ("'$", "\\$"))


def test_example_sits_beside_a_symlinked_env_file(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "real.env").write_text("DEBUG=1\n")
    (tmp_path / ".env").symlink_to("config/real.env")
    (tmp_path / "app.py").write_text(f'TOKEN = "{GH}"\n')
    assert run_fix(tmp_path, "app.py")[0] == 1
    assert (tmp_path / ".env.example").exists()
    assert not (tmp_path / "config" / "real.env.example").exists()
    assert GH in (tmp_path / "config" / "real.env").read_text()


# ----------------------------------------------------------------------------- test code


def _test_project(tmp_path: Path) -> Path:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_login.py").write_text(
        f'ADMIN_PASSWORD = "{PW}"\n\n\ndef test_login():\n    assert len(ADMIN_PASSWORD) == {len(PW)}\n'
    )
    (tmp_path / "app.py").write_text(f'API_TOKEN = "{KEY}"\n')
    return tmp_path


def test_changed_test_code_is_named_with_the_recipe(tmp_path):
    project = _test_project(tmp_path)
    code, out, err = run_fix(project, ".")
    assert code == 1
    assert "test code changed (tests/test_login.py)" in out
    assert "per-file-ignores = tests/*:NSC" in out and "--exclude-tests" in out
    assert PW not in (project / "tests" / "test_login.py").read_text()


def test_exclude_tests_leaves_test_code_alone(tmp_path):
    project = _test_project(tmp_path)
    code, out, err = run_fix(project, "--exclude-tests", ".")
    assert code == 1
    assert PW in (project / "tests" / "test_login.py").read_text()
    assert KEY not in (project / "app.py").read_text()
    assert "1 test file(s) left alone" in out and "test code changed" not in out


@pytest.mark.parametrize("path, patterns, expected", [
    ("tests/test_x.py", "tests/*", True),
    ("pkg/tests/helpers.py", "tests/*", True),
    ("pkg/test_models.py", "test_*.py", True),
    ("pkg/models_test.py", "*_test.py", True),
    ("conftest.py", "conftest.py", True),
    ("pkg/latest.py", "test_*.py,*_test.py,tests/*", False),
    ("contests/app.py", "tests/*", False),
    ("spec/login.py", "spec/*", True),
])
def test_test_paths(path, patterns, expected):
    from flake8_nosecrets.fix import advice

    assert advice.is_test_code(Path(path), advice.parse_patterns(patterns)) is expected


# ----------------------------------------------------------------------------- deploys


def test_a_name_assigned_again_in_another_settings_module_is_reported(tmp_path):
    settings = tmp_path / "settings"
    settings.mkdir()
    (settings / "__init__.py").write_text("")
    (settings / "base.py").write_text(f'SECRET_KEY = "{KEY}"\nDEBUG = True\n')
    (settings / "production.py").write_text(
        'from settings.base import *  # noqa: F401,F403\n\nSECRET_KEY = "read-from-vault-at-deploy"\nDEBUG = False\n'
    )
    code, out, err = run_fix(tmp_path, "settings/base.py")
    assert code == 1
    assert "settings/production.py assigns SECRET_KEY again" in out and "KeyError" in out
    # and why: production used to import without the variable; now it needs it
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    r = subprocess.run([sys.executable, "-c", "import settings.production"], cwd=tmp_path, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 1 and "KeyError: 'SECRET_KEY'" in r.stderr


def test_no_override_note_without_another_assignment(tmp_path):
    (tmp_path / "base.py").write_text(f'SECRET_KEY = "{KEY}"\n')
    (tmp_path / "urls.py").write_text("urlpatterns = []\n")
    assert "assigns SECRET_KEY again" not in run_fix(tmp_path, "base.py")[1]
