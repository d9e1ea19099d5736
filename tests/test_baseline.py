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


def known(base: baseline.Baseline, target: str, found) -> list[bool]:
    return [k for _, _, k in base.recorded(target, found)]


def test_matches_by_file_code_binding_and_occurrence_not_line(tmp_path: Path) -> None:
    base = baseline.Baseline.new(str(tmp_path / "b.json"))
    target = str(tmp_path / "pkg" / "settings.py")
    base.add_file(target, findings(LEGACY))
    moved = findings("\n\n\n# a comment\n" + LEGACY)
    assert len(moved) == 2 and all(known(base, target, moved))
    # the same findings in another file: not covered
    assert not any(known(base, str(tmp_path / "other.py"), moved))
    # a new strong value at the same place is a new finding (its redaction shows a new fingerprint) ...
    assert known(base, target, findings(LEGACY.replace(GH, GH2))) == [True, False]
    # ... a weak one cannot be: nothing of a weak value is recorded, only its place (docs/no-leak.md)
    assert known(base, target, findings(LEGACY.replace(PW, PW + "x"))) == [True, True]
    # a second password under the same name is a second occurrence: not covered
    twice = findings(LEGACY + f'password = "{PW}"\n')
    assert known(base, target, twice) == [True, True, False]


def test_matching_needs_same_code(tmp_path: Path) -> None:
    base = baseline.Baseline.new(str(tmp_path / "b.json"))
    target = str(tmp_path / "a.py")
    (f,) = findings(f'password = "{PW}"\n')
    base.add_file(target, [f])
    import dataclasses

    assert known(base, target, [dataclasses.replace(f, code="NSC205")]) == [False]


def test_file_holds_nothing_derived_from_a_weak_value(tmp_path: Path) -> None:
    def baseline_text(source: str) -> str:
        base = baseline.Baseline.new(str(tmp_path / "b.json"))
        base.add_file(str(tmp_path / "pkg/settings.py"), findings(source))
        return base.to_json()

    text = baseline_text(LEGACY)
    for value in (PW, GH):
        assert value not in text
        for algo in ("md5", "sha1", "sha256", "sha512"):
            assert hashlib.new(algo, value.encode()).hexdigest() not in text
    assert str(tmp_path) not in text  # paths are relative to the baseline
    assert "pkg/settings.py" in text
    # every other weak value gives the very same file: it cannot be searched for the value
    others = [secretgen.weak_password(secretgen.rng(f"other-{i}")) for i in range(5)]
    assert {baseline_text(LEGACY.replace(PW, o)) for o in others if o != PW} == {text}


def test_version_1_files_still_match_warn_and_update_to_version_2(project: Path) -> None:
    salt, iterations = "0123456789abcdef", 1000

    def pbkdf2(value: str) -> str:
        return hashlib.pbkdf2_hmac("sha256", value.encode(), bytes.fromhex(salt), iterations).hex()

    legacy = {"files": {"pkg/settings.py": [{"code": "NSC206", "fingerprint": pbkdf2(PW)},
                                            {"code": "NSC102", "fingerprint": pbkdf2(GH)}]},
              "hash": {"algorithm": "pbkdf2-hmac-sha256", "iterations": iterations, "salt": salt}, "version": 1}
    path = project / ".nosecrets-baseline.json"
    path.write_text(json.dumps(legacy))
    proc = run_flake8(project)
    assert proc.stdout == "" and proc.returncode == 0  # both still recognised
    assert "version 1 baseline" in proc.stderr and "nosecrets-baseline --update" in proc.stderr
    proc = run_cli(project, "--update")
    assert proc.returncode == 0 and "2 kept, 0 dropped as fixed" in proc.stderr, proc.stderr
    data = json.loads(path.read_text())
    assert data["version"] == 2 and "hash" not in data
    assert sorted(e["code"] for e in data["files"]["pkg/settings.py"]) == ["NSC102", "NSC206"]
    proc = run_flake8(project)
    assert proc.stdout == "" and "version 1" not in proc.stderr


def test_json_is_stable_and_sorted(tmp_path: Path) -> None:
    base = baseline.Baseline.new(str(tmp_path / "b.json"))
    for name in ("z.py", "a.py", "m/b.py"):
        base.add_file(str(tmp_path / name), findings(LEGACY))
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
        ('{"version": 2, "files": []}', "must be an object"),
        ('{"version": 2, "files": {"a.py": [{"code": "NSC206", "where": "x", "shown": "y"}]}}', "malformed entry"),
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
    base.add_file("app.py", found[:1])
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
    assert second["files"]["pkg/settings.py"] == [e for e in first["files"]["pkg/settings.py"] if e["code"] == "NSC102"]
    assert "NSC102" in run_flake8(project).stdout  # the new token is still reported
    proc = run_cli(project, "--update", "--add-new")
    assert "1 kept, 0 dropped as fixed, 1 added" in proc.stderr
    assert run_flake8(project).stdout == ""


def test_update_without_baseline_fails(project: Path) -> None:
    proc = run_cli(project, "--update")
    assert proc.returncode == 2 and "no baseline to update" in proc.stderr


def test_regenerating_gives_the_same_file_so_diffs_stay_small(project: Path) -> None:
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
        for i, sample in enumerate(secretgen.provider_samples(p)):
            found = findings(f'value = "{sample}"\n', "app.py")
            base.add_file(str(tmp_path / f"{p.id}-{i}.py"), found)
            values += [f.secret for f in found]
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
