"""SARIF output: valid against the SARIF 2.1.0 schema, within GitHub code scanning's documented rules, no secrets.

The schema in tests/data/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0
errata01 schema (see tests/data/README.md for where it comes from).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import secretgen
from flake8_nosecrets import providers, rules, sarif
from flake8_nosecrets.scanner import scan_source

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())

GH = secretgen.provider_samples(providers.BY_ID["github-pat"])[0]
PW = secretgen.password(secretgen.rng("sarif"))
JWT = secretgen.jwt()
PEM = secretgen.private_key_pem()
DB_PW = secretgen.password(secretgen.rng("sarif-db"))
SECRETS = (GH, PW, JWT, DB_PW)

SOURCE = (
    "import os\n\n"
    f'token = "{GH}"\n'
    f'db_password = "{PW}"\n'
    f'AUTH = "{JWT}"\n'
    f'DSN = "postgres://app:{DB_PW}@db.internal/app"\n'
    f'KEY = """{PEM}"""\n'
)


def validate(log: dict) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(log)


def check_github_requirements(log: dict) -> None:
    """What docs.github.com "SARIF support for code scanning" requires or recommends, checked field by field."""
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert 1 <= len(log["runs"]) <= 20
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert driver["name"]
        ids = [r["id"] for r in driver["rules"]]
        assert len(ids) == len(set(ids)) and len(ids) <= 25_000
        for rule in driver["rules"]:
            if rule["id"] in rules.BY_CODE:
                assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
                assert rule["help"]["text"] and rule["helpUri"].startswith("https://")
                severity = rule["properties"]["security-severity"]
                assert isinstance(severity, str) and 0.0 <= float(severity) <= 10.0
                tags = rule["properties"]["tags"]
                assert "security" in tags and len(tags) <= 20
        assert len(run["results"]) <= 25_000
        for result in run["results"]:
            assert result["ruleId"] in ids and ids[result["ruleIndex"]] == result["ruleId"]
            assert result["message"]["text"]
            assert 1 <= len(result["locations"]) <= 1000
            loc = result["locations"][0]["physicalLocation"]
            uri = loc["artifactLocation"]["uri"]
            assert not uri.startswith(("/", "./")) and "\\" not in uri and ":" not in uri
            assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
            assert result["partialFingerprints"]


def no_secret_anywhere(text: str) -> None:
    for value in SECRETS + tuple(line for line in PEM.splitlines() if len(line) > 20 and "-----" not in line):
        assert value not in text
        assert hashlib.sha256(value.encode()).hexdigest()[:16] not in text


def flake8_sarif(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flake8", "--format=sarif", *args, "."],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "settings.py").write_text(SOURCE)
    return tmp_path


def test_flake8_format_sarif_is_valid_and_github_ready(project: Path) -> None:
    proc = flake8_sarif(project, "--select=NSC")
    assert proc.returncode == 1, proc.stderr
    log = json.loads(proc.stdout)
    validate(log)
    check_github_requirements(log)
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"NSC102", "NSC206", "NSC204", "NSC202", "NSC201"}
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {"pkg/settings.py"}
    by_rule = {r["ruleId"]: r for r in results}
    assert by_rule["NSC102"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 9}
    # every rule of the table is described, whether or not it fired
    assert set(rules.BY_CODE) <= {d["id"] for d in log["runs"][0]["tool"]["driver"]["rules"]}
    no_secret_anywhere(proc.stdout)


def test_other_plugins_codes_keep_the_log_valid(project: Path) -> None:
    (project / "pkg" / "style.py").write_text("import os\nx=1;\n")
    log = json.loads(flake8_sarif(project).stdout)
    validate(log)
    check_github_requirements(log)
    codes = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert {"F401", "E703", "NSC102"} <= codes


def test_clean_tree_gives_valid_empty_log(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text('password = os.environ["PASSWORD"]\n')
    proc = flake8_sarif(tmp_path, "--select=NSC")
    assert proc.returncode == 0
    log = json.loads(proc.stdout)
    validate(log)
    assert log["runs"][0]["results"] == []


def test_output_file_is_overwritten_not_appended(project: Path) -> None:
    for _ in range(2):
        flake8_sarif(project, "--select=NSC", "--output-file=out/results.sarif")
    validate(json.loads((project / "out" / "results.sarif").read_text()))


def test_baseline_applies_to_sarif_too(project: Path) -> None:
    subprocess.run([sys.executable, "-c", "from flake8_nosecrets.baseline_cli import main; main()"], cwd=project,
                   check=True, capture_output=True)
    log = json.loads(flake8_sarif(project, "--select=NSC", "--nosecrets-baseline=.nosecrets-baseline.json").stdout)
    assert log["runs"][0]["results"] == []


def test_build_from_findings_is_valid(tmp_path: Path) -> None:
    target = tmp_path / "app.py"
    found = scan_source(SOURCE, filename=str(target))
    log = sarif.build([(str(target), f) for f in found], root=str(tmp_path))
    validate(log)
    check_github_requirements(log)
    assert len(log["runs"][0]["results"]) == len(found) == 5
    no_secret_anywhere(json.dumps(log))


def test_partial_fingerprints_survive_line_moves_and_tell_values_apart(tmp_path: Path) -> None:
    def fingerprints(source: str) -> dict[str, str]:
        found = scan_source(source, filename="app.py")
        log = sarif.build([("app.py", f) for f in found], root=".")
        return {r["ruleId"]: r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in log["runs"][0]["results"]}

    before = fingerprints(SOURCE)
    assert fingerprints("import sys\n\n\n" + SOURCE) == before
    other = fingerprints(SOURCE.replace(GH, secretgen.provider_samples(providers.BY_ID["github-pat"], "x")[0]))
    assert other["NSC102"] != before["NSC102"] and other["NSC206"] == before["NSC206"]


def test_same_value_twice_in_a_file_gets_distinct_fingerprints() -> None:
    found = scan_source(f'a_token = "{GH}"\nb_token = "{GH}"\n', filename="app.py")
    log = sarif.build([("app.py", f) for f in found], root=".")
    fps = [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in log["runs"][0]["results"]]
    assert len(fps) == 2 and len(set(fps)) == 2


def test_results_capped_at_github_limit(monkeypatch) -> None:
    monkeypatch.setattr(sarif, "MAX_RESULTS", 3)
    results = [sarif.Result("NSC206", "a.py", n, 1, f"hardcoded password (fp {n:06x})") for n in range(1, 6)]
    log = sarif.build_from_results(results, root=".")
    validate(log)
    assert len(log["runs"][0]["results"]) == 3 and log["runs"][0]["properties"] == {"omittedResults": 2}


@pytest.mark.parametrize(
    ("filename", "uri"),
    [("./pkg/a.py", "pkg/a.py"), ("pkg/my file.py", "pkg/my%20file.py"), ("/elsewhere/x.py", "file:///elsewhere/x.py")],
)
def test_relative_uri(filename: str, uri: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert sarif.relative_uri(filename) == uri


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: r.code)
def test_rule_descriptor_comes_from_the_rule_table(rule: rules.Rule) -> None:
    d = sarif.rule_descriptor(rule.code)
    assert d["shortDescription"]["text"] == rule.title and d["fullDescription"]["text"] == rule.what
    assert d["properties"]["security-severity"] == f"{rule.severity:.1f}"
    assert d["helpUri"].endswith("docs/rules.md#" + sarif.rule_anchor(rule))


def test_help_uri_comes_from_the_project_urls() -> None:
    """pyproject.toml's [project.urls] Rules is the one place the rule documentation's address is written."""
    import tomllib
    from pathlib import Path

    urls = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]["urls"]
    assert sarif.RULES_DOC_URI == urls["Rules"]
    assert sarif.rule_descriptor("NSC206")["helpUri"].startswith(urls["Rules"] + "#")
