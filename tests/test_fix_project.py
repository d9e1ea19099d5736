"""nosecrets-fix on a project as a team has it: errors and exit codes, the env file's hygiene, test code,
settings modules that override each other, and copies of a moved value left in the touched files."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest
from dotenv import dotenv_values

import secretgen
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
