"""Baselines: unit behaviour of flake8_nosecrets.baseline, the CLI, and flake8 itself with the option set."""

from __future__ import annotations

import hashlib
import json
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import secretgen
from flake8_nosecrets import baseline, options as opts, providers
from flake8_nosecrets.scanner import scan_source

GH = secretgen.provider_samples(providers.BY_ID["github-pat"])[0]
GH2 = secretgen.provider_samples(providers.BY_ID["github-pat"], salt="second")[0]
PW = secretgen.weak_password(secretgen.rng("baseline"))
PW2 = secretgen.password(secretgen.rng("baseline-2"))

LEGACY = f'import os\n\npassword = "{PW}"\ntoken = "{GH}"\n'


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from flake8_nosecrets.baseline_cli import main; sys.exit(main())", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120,
    )


def run_flake8(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flake8", "--select=NSC", *args, "."], cwd=cwd, capture_output=True, text=True,
        timeout=120,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "settings.py").write_text(LEGACY)
    (tmp_path / "setup.cfg").write_text("[flake8]\nnosecrets-baseline = ./.nosecrets-baseline.json\n")
    return tmp_path


# ---------------------------------------------------------------- unit


def findings(source: str, filename: str = "pkg/settings.py"):
    return scan_source(textwrap.dedent(source), filename=filename)


def test_contains_matches_by_file_code_and_value_not_line(tmp_path: Path) -> None:
    base = baseline.Baseline.new(str(tmp_path / "b.json"))
    target = str(tmp_path / "pkg" / "settings.py")
    for f in findings(LEGACY):
        base.add(target, f)
    moved = findings("\n\n\n# a comment\n" + LEGACY)
    assert moved and all(base.contains(target, f) for f in moved)
    # same value in another file, or another value in the same file: not covered
    assert not any(base.contains(str(tmp_path / "other.py"), f) for f in moved)
    other = findings(f'password = "{PW2}"\n')
    assert other and not base.contains(target, other[0])


def test_contains_needs_same_code(tmp_path: Path) -> None:
    base = baseline.Baseline.new(str(tmp_path / "b.json"))
    target = str(tmp_path / "a.py")
    (f,) = findings(f'password = "{PW}"\n')
    base.add(target, f)
    import dataclasses

    assert not base.contains(target, dataclasses.replace(f, code="NSC205"))


def test_file_holds_no_plaintext_and_no_unsalted_hash(tmp_path: Path) -> None:
    base = baseline.Baseline.new(str(tmp_path / "b.json"))
    for f in findings(LEGACY):
        base.add(str(tmp_path / "pkg/settings.py"), f)
    text = base.to_json()
    for value in (PW, GH):
        assert value not in text
        for algo in ("md5", "sha1", "sha256", "sha512"):
            assert hashlib.new(algo, value.encode()).hexdigest() not in text
    assert str(tmp_path) not in text  # paths are relative to the baseline
    assert "pkg/settings.py" in text


def test_salt_is_random_per_baseline(tmp_path: Path) -> None:
    a = baseline.Baseline.new(str(tmp_path / "a.json"))
    b = baseline.Baseline.new(str(tmp_path / "b.json"))
    assert a.salt != b.salt and a.fingerprint(PW) != b.fingerprint(PW)
    assert a.fingerprint(PW) == a.fingerprint(PW)


def test_json_is_stable_and_sorted(tmp_path: Path) -> None:
    base = baseline.Baseline.new(str(tmp_path / "b.json"), salt="00" * 16)
    for name in ("z.py", "a.py", "m/b.py"):
        for f in findings(LEGACY):
            base.add(str(tmp_path / name), f)
    text = base.to_json()
    data = json.loads(text)
    assert list(data["files"]) == ["a.py", "m/b.py", "z.py"]
    assert json.dumps(data, indent=2, sort_keys=True) + "\n" == text
    reloaded = baseline._parse(text, str(tmp_path / "b.json"))
    assert reloaded.to_json() == text


def test_write_creates_file_not_world_readable(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    baseline.write(baseline.Baseline.new(str(path)))
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode & 0o077 == 0, oct(mode)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not valid JSON"),
        ('{"version": 7}', "not a flake8-nosecrets baseline"),
        ('{"plugins_used": [], "results": {}}', "detect-secrets baseline"),
        ('{"version": 1, "hash": {"algorithm": "sha1", "iterations": 1, "salt": "00"}, "files": {}}',
         "unsupported fingerprint hash"),
        ('{"version": 1, "hash": {"algorithm": "pbkdf2-hmac-sha256", "iterations": 5, "salt": "zz"}, "files": {}}',
         "salt"),
        ('{"version": 1, "hash": {"algorithm": "pbkdf2-hmac-sha256", "iterations": 5, "salt": "0011223344556677"},'
         ' "files": {"a.py": [{"code": "NSC206"}]}}', "malformed entry"),
    ],
)
def test_load_rejects_bad_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(baseline.BaselineError, match=message):
        baseline.load(str(path))


def test_load_missing_file_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(baseline.BaselineError, match="nosecrets-baseline -o"):
        baseline.load(str(tmp_path / "nope.json"))


def test_filter_findings_uses_options_baseline_and_caches(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    base = baseline.Baseline.new("b.json")
    found = findings(LEGACY, "app.py")
    base.add("app.py", found[0])
    baseline.write(base)
    options = opts.build({"nosecrets-baseline": "b.json"})
    assert baseline.filter_findings(found, "app.py", options) == found[1:]
    assert baseline.filter_findings(found, "app.py", opts.DEFAULT) == found
    assert baseline.cached("b.json") is baseline.cached(str(tmp_path / "b.json"))


# ---------------------------------------------------------------- CLI + flake8, end to end


def test_flake8_reports_only_findings_not_in_the_baseline(project: Path) -> None:
    proc = run_cli(project)
    assert proc.returncode == 0, proc.stderr
    assert "2 entries" in proc.stderr
    assert PW not in proc.stderr + proc.stdout and GH not in proc.stderr + proc.stdout
    written = (project / ".nosecrets-baseline.json").read_text()
    assert PW not in written and GH not in written
    assert run_flake8(project).stdout == ""
    # edits above the recorded findings move their lines: still baselined
    settings = project / "pkg" / "settings.py"
    settings.write_text('"""Settings."""\nimport sys\n\n' + LEGACY + f'\nNEW_TOKEN = "{GH2}"\n')
    proc = run_flake8(project)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 1 and "NSC102" in lines[0] and lines[0].startswith("./pkg/settings.py:9:")
    # the same recorded value pasted into another file is a new finding
    (project / "pkg" / "copy.py").write_text(f'password = "{PW}"\n')
    assert "./pkg/copy.py:1:" in run_flake8(project).stdout


def test_flake8_with_baseline_given_on_command_line(project: Path) -> None:
    (project / "setup.cfg").write_text("[flake8]\n")
    assert run_cli(project, "-o", "base.json").returncode == 0
    assert run_flake8(project).returncode == 1
    assert run_flake8(project, "--nosecrets-baseline=base.json").stdout == ""


def test_flake8_missing_baseline_is_a_clear_error(project: Path) -> None:
    proc = run_flake8(project)
    assert proc.returncode != 0
    assert "nosecrets-baseline" in proc.stderr and "no such baseline file" in proc.stderr


def test_update_keeps_existing_drops_fixed_and_adds_new_only_when_asked(project: Path) -> None:
    assert run_cli(project).returncode == 0
    path = project / ".nosecrets-baseline.json"
    first = json.loads(path.read_text())
    settings = project / "pkg" / "settings.py"
    # fix the password, add a new token
    settings.write_text(f'import os\n\npassword = os.environ["PASSWORD"]\ntoken = "{GH}"\nother = "{GH2}"\n')
    proc = run_cli(project, "--update")
    assert proc.returncode == 0, proc.stderr
    assert "1 kept, 1 dropped as fixed, 0 added, 1 new not added" in proc.stderr
    second = json.loads(path.read_text())
    assert second["hash"] == first["hash"]  # same salt: unchanged entries keep their fingerprints
    assert second["files"]["pkg/settings.py"] == [e for e in first["files"]["pkg/settings.py"] if e["code"] == "NSC102"]
    assert "NSC102" in run_flake8(project).stdout  # the new token is still reported
    proc = run_cli(project, "--update", "--add-new")
    assert "1 kept, 0 dropped as fixed, 1 added" in proc.stderr
    assert run_flake8(project).stdout == ""


def test_update_without_baseline_fails(project: Path) -> None:
    proc = run_cli(project, "--update")
    assert proc.returncode == 2 and "no baseline to update" in proc.stderr


def test_regenerating_keeps_salt_so_diffs_stay_small(project: Path) -> None:
    run_cli(project)
    before = (project / ".nosecrets-baseline.json").read_text()
    run_cli(project)
    assert (project / ".nosecrets-baseline.json").read_text() == before


def test_cli_reads_nosecrets_options_from_config(project: Path) -> None:
    (project / "setup.cfg").write_text("[flake8]\nnosecrets-ignore-names = password\n")
    run_cli(project)
    data = json.loads((project / ".nosecrets-baseline.json").read_text())
    assert [e["code"] for e in data["files"]["pkg/settings.py"]] == ["NSC102"]


def test_import_detect_secrets_baseline(project: Path) -> None:
    def sha1(v: str) -> str:
        return hashlib.sha1(v.encode()).hexdigest()

    ds = {
        "version": "1.5.0",
        "plugins_used": [{"name": "KeywordDetector"}],
        "filters_used": [],
        "results": {
            "pkg/settings.py": [
                {"type": "Secret Keyword", "filename": "pkg/settings.py", "hashed_secret": sha1(PW),
                 "is_verified": False, "line_number": 3},
                {"type": "GitHub Token", "filename": "pkg/settings.py", "hashed_secret": sha1(GH),
                 "is_verified": False, "line_number": 4},
                {"type": "Secret Keyword", "filename": "pkg/settings.py", "hashed_secret": sha1("gone"),
                 "is_verified": False, "line_number": 9},
            ],
            "pkg/deleted.py": [{"type": "Secret Keyword", "hashed_secret": sha1("x"), "line_number": 1}],
        },
        "generated_at": "2026-01-01T00:00:00Z",
    }
    (project / ".secrets.baseline").write_text(json.dumps(ds))
    (project / "pkg" / "unrecorded.py").write_text(f'api_token = "{GH2}"\n')
    proc = run_cli(project, "pkg/deleted.py", "--import-detect-secrets", ".secrets.baseline")
    assert proc.returncode == 0, proc.stderr
    assert "2 matched, 2 not found by our rules" in proc.stderr
    text = (project / ".nosecrets-baseline.json").read_text()
    assert sha1(PW) not in text and sha1(GH) not in text
    out = run_flake8(project).stdout
    assert "settings.py" not in out  # both imported findings are suppressed
    assert "./pkg/unrecorded.py:1:" in out  # what detect-secrets did not record is still reported


def test_notebook_findings_are_baselined(project: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(f'password = "{PW2}"')]
    nbformat.write(nb, str(project / "nb.ipynb"))
    assert run_cli(project).returncode == 0
    data = json.loads((project / ".nosecrets-baseline.json").read_text())
    assert [e["code"] for e in data["files"]["nb.ipynb"]] == ["NSC206"]


def test_no_provider_sample_or_its_plain_hash_reaches_the_baseline_file(tmp_path: Path) -> None:
    base = baseline.Baseline.new(str(tmp_path / "b.json"))
    values = []
    for p in providers.PROVIDERS:
        for sample in secretgen.provider_samples(p):
            found = findings(f'value = "{sample}"\n', "app.py")
            for f in found:
                base.add(str(tmp_path / "app.py"), f)
                values.append(f.secret)
    assert len(values) >= len(providers.PROVIDERS)
    text = base.to_json()
    for value in values:
        assert value not in text
        assert hashlib.sha1(value.encode()).hexdigest() not in text
        assert hashlib.sha256(value.encode()).hexdigest() not in text


def test_cli_honours_flake8_exclude_patterns(project: Path) -> None:
    (project / "pkg" / "vendor").mkdir()
    (project / "pkg" / "vendor" / "lib.py").write_text(f'api_token = "{GH2}"\n')
    (project / "generated").mkdir()
    (project / "generated" / "keys.py").write_text(f'api_token = "{GH2}"\n')
    (project / "setup.cfg").write_text("[flake8]\nexclude = vendor\nextend-exclude = generated/\n")
    assert run_cli(project).returncode == 0
    data = json.loads((project / ".nosecrets-baseline.json").read_text())
    assert list(data["files"]) == ["pkg/settings.py"]
