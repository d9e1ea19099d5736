"""The rule reference cannot drift from the rule table, the options or the tests."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from flake8_nosecrets import options, providers, rules

ROOT = Path(__file__).resolve().parent.parent
RULES_MD = ROOT / "docs" / "rules.md"
CODE_RE = re.compile(r"\bNSC\d{3}\b")


def _generator():
    spec = importlib.util.spec_from_file_location("gen_rules_doc", ROOT / "scripts" / "gen_rules_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_md_is_up_to_date() -> None:
    assert RULES_MD.read_text(encoding="utf-8") == _generator().render(), (
        "docs/rules.md is stale: run python scripts/gen_rules_doc.py"
    )


def test_check_mode_fails_when_stale(tmp_path: Path, monkeypatch) -> None:
    gen = _generator()
    stale = tmp_path / "rules.md"
    stale.write_text("# Rules\n")
    monkeypatch.setattr(gen, "TARGET", stale)
    monkeypatch.setattr(gen, "ROOT", tmp_path)
    assert gen.main(["--check"]) == 1
    assert gen.main([]) == 0 and gen.main(["--check"]) == 0


def test_check_mode_command_line() -> None:
    proc = subprocess.run([sys.executable, "scripts/gen_rules_doc.py", "--check"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_every_code_has_exactly_one_section_and_no_section_is_unknown() -> None:
    sections = re.findall(r"^## (NSC\d{3}) (\S+)$", RULES_MD.read_text(encoding="utf-8"), re.MULTILINE)
    assert [code for code, _ in sections] == [r.code for r in rules.RULES]
    assert all(rules.BY_CODE[code].slug == slug for code, slug in sections)


@pytest.mark.parametrize("doc", sorted([*(ROOT / "docs").glob("*.md"), ROOT / "README.md"]), ids=lambda p: p.name)
def test_no_document_names_a_code_that_does_not_exist(doc: Path) -> None:
    unknown = sorted(set(CODE_RE.findall(doc.read_text(encoding="utf-8"))) - set(rules.BY_CODE))
    assert not unknown, f"{doc.name} names codes not in rules.py: {unknown}"


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: r.code)
def test_rule_has_every_doc_part(rule: rules.Rule) -> None:
    assert rule.title and rule.what and rule.why and rule.example and rule.fix and rule.references
    assert rule.slug == rule.slug.lower() and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.slug)
    assert 0.0 <= rule.severity <= 10.0


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: r.code)
def test_options_named_by_a_rule_exist(rule: rules.Rule) -> None:
    known = {s.name for s in options.SPECS}
    assert set(rule.options) <= known, set(rule.options) - known


def test_every_option_is_documented() -> None:
    text = RULES_MD.read_text(encoding="utf-8")
    for spec in options.SPECS:
        assert f'<a id="option-{spec.name}"></a>`{spec.name}`' in text


def test_every_provider_code_exists_and_links_to_the_provider_list() -> None:
    text = RULES_MD.read_text(encoding="utf-8")
    for code in sorted({p.code for p in providers.PROVIDERS}):
        assert code in rules.BY_CODE, f"a provider reports unknown code {code}"
        section = text.split(f"## {code} ", 1)[1].split("\n## ", 1)[0]
        assert f"The formats with code {code} in [providers.md](providers.md)" in section


def _positive_example(code: str) -> str | None:
    """Where the tests hold a case that must be reported with *code*, or None."""
    if any(p.code == code and p.samples for p in providers.PROVIDERS):
        return "providers.py samples (tests/test_providers.py)"
    fixture = ROOT / "tests" / "fixtures" / f"{code}.py"
    if fixture.exists() and re.search(rf"#\s*{code}\s*$", fixture.read_text(encoding="utf-8"), re.MULTILINE):
        return str(fixture.relative_to(ROOT))
    for test in sorted((ROOT / "tests").rglob("test_*.py")):
        if test.name != "test_docs.py" and re.search(rf"[\"']{code}[\"']", test.read_text(encoding="utf-8")):
            return str(test.relative_to(ROOT))
    return None


# Codes declared in rules.py before the code that reports them has landed. Strict: once a test expects the
# code, the XPASS fails the suite and the entry must be removed here.
NOT_YET_REPORTED: dict[str, str] = {}  # every code is reported now (NSC401 landed with issue 4)


@pytest.mark.parametrize(
    "rule",
    [pytest.param(r, marks=pytest.mark.xfail(reason=NOT_YET_REPORTED[r.code], strict=True))
     if r.code in NOT_YET_REPORTED else r for r in rules.RULES],
    ids=lambda r: r.code,
)
def test_every_code_has_a_positive_example_in_the_tests(rule: rules.Rule) -> None:
    assert _positive_example(rule.code), (
        f"{rule.code}: no provider sample, no tests/fixtures/{rule.code}.py with a '# {rule.code}' line, "
        f"and no test expecting it"
    )


def test_changelog_names_the_current_version() -> None:
    from flake8_nosecrets import __version__

    headings = re.findall(r"^## (\d+\.\d+\.\d+)\b", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert headings and headings[0] == __version__, (headings[:1], __version__)
