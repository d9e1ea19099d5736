"""uses.py: where a literal is really used. One case table per predicate (negatives as deliberate as the
positives), then every row of sinks.NAME_SINKS through a real scan and, where the library is installed,
against its own signature."""

from __future__ import annotations

import ast
import dataclasses

import pytest

from flake8_nosecrets import sinks, uses
from flake8_nosecrets.options import DEFAULT
from flake8_nosecrets.scanner import scan_source


@pytest.mark.parametrize(
    ("name", "signing"),
    [
        ("SECRET_KEY", True), ("secret_key", True), ("JWT_SECRET_KEY", True), ("WTF_CSRF_SECRET_KEY", True),
        ("FLASK_SECRET_KEY", True), ("SIGNING_KEY", True), ("JWT_SECRET", True), ("SECRET_KEY_HMAC_2", True),
        ("SECRET_COOKIE_KEY", True), ("SESSION_SECRET", True), ("secretKey", True),
        ("STRIPE_SECRET_KEY", False), ("AWS_SECRET_KEY", False), ("MINIO_SECRET_KEY", False),
        ("SECRET_KEY_FALLBACKS", False), ("SECRET_KEY_ENV", False), ("session_key", False), ("COOKIE_KEY", False),
        ("api_key", False), ("secret", False), ("password", False),
    ],
)
def test_is_signing_setting(name: str, signing: bool) -> None:
    assert uses.is_signing_setting(name) is signing


@pytest.mark.parametrize(
    ("path", "settings"),
    [
        ("settings.py", True), ("proj/settings/prod.py", True), ("app/config.py", True), ("local_settings.py", True),
        ("conf.py", True), ("proj/configs/base.py", True),
        ("app/views.py", False), ("configparser_helpers.py", False), ("lib/reconfigure.py", False),
    ],
)
def test_is_settings_path(path: str, settings: bool) -> None:
    assert uses.is_settings_path(path) is settings


@pytest.mark.parametrize(
    ("path", "imported", "test"),
    [
        ("tests/test_views.py", set(), True), ("app/test_models.py", set(), True),
        ("proj/settings/test.py", set(), True),
        ("conftest.py", set(), True), ("pkg/testing/helpers.py", set(), True), ("app/views.py", {"pytest"}, True),
        ("app/views.py", {"unittest"}, True),
        ("app/views.py", set(), False), ("/home/me/testing-app/app/settings.py", set(), False),
        ("app/attestation.py", set(), False), ("app/contest.py", set(), False),
    ],
)
def test_is_test_module(path: str, imported: set[str], test: bool) -> None:
    assert uses.is_test_module(path, imported) is test


@pytest.mark.parametrize(
    ("source", "config"),
    [
        ("class DevConfig: pass", True), ("class Settings(BaseSettings): pass", True),
        ("class Production(Config): pass", True), ("class AppConf: pass", True),
        ("class ConfigProvider(CredentialProvider): pass", False), ("class SettingsView(View): pass", False),
        ("class User(Model): pass", False),
    ],
)
def test_is_config_class(source: str, config: bool) -> None:
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.ClassDef) and uses.is_config_class(node) is config


@pytest.mark.parametrize(
    ("callee", "keyword", "use"),
    [
        ("app.config.update", "SECRET_KEY", uses.SIGNING), ("dict", "JWT_SECRET_KEY", uses.SIGNING),
        ("client.login", "password", uses.PASSWORD), ("ldap.simple_bind_s", "passwd", uses.PASSWORD),
        ("User", "password", uses.PASSWORD), ("create_account", "pwd", uses.PASSWORD),
        ("app.config.update", "secret_key", ""), ("client.fetch", "password", ""),
        ("UserSerializer", "password", ""), ("client.login", "username", ""),
        ("create_user_if_not_exists", "password", uses.PASSWORD), ("db.add_admin_account", "pwd", uses.PASSWORD),
        ("get_user_by_name", "password", ""), ("user_exists", "password", ""), ("render_new_form", "password", ""),
    ],
)
def test_keyword_use(callee: str, keyword: str, use: str) -> None:
    assert uses.keyword_use(callee, keyword) == use


def _call(sink: sinks.Sink, literal: str) -> str:
    """A module that imports *sink*'s package and passes *literal* at its credential position."""
    parts = sink.qualname.split(".")
    args = ", ".join(["x"] * (sink.position or 0) + [literal])
    if sink.method:
        cls = next(i for i, p in enumerate(parts) if p[:1].isupper())
        return f"import {parts[0]}\nobj = {parts[cls]}()\nobj.{parts[-1]}({args})\n"
    return f"import {'.'.join(parts[:-1])}\n{sink.qualname}({args})\n"


@pytest.mark.parametrize("sink", sinks.NAME_SINKS, ids=lambda s: s.qualname)
def test_every_name_sink_is_a_real_use(sink: sinks.Sink) -> None:
    weak = "'password'" if sink.expects == "password" else "'dev'"
    source = _call(sink, weak)
    found = scan_source(source, filename="app/seed.py")
    assert [(f.line, f.code) for f in found] == [(source.count("\n"), "NSC207")], source
    assert scan_source(source, filename="tests/test_seed.py") == []  # test code
    assert scan_source(_call(sink, "''"), filename="app/seed.py") == []


@pytest.mark.parametrize(
    ("source", "ignore", "codes"),
    [
        ('import flask\napp = flask.Flask(__name__)\napp.secret_key = "dev"\n', frozenset(), ["NSC207"]),
        ('import flask\napp = flask.Flask(__name__)\napp.secret_key = "dev"\n', frozenset({"secretkey"}), []),
        ('import smtplib\nsmtplib.SMTP("h").login("me", password="abc")\n', frozenset(), ["NSC207"]),
        ('import smtplib\nsmtplib.SMTP("h").login("me", password="abc")\n', frozenset({"password"}), []),
    ],
)
def test_weak_secret_honours_ignored_names(source: str, ignore: frozenset[str], codes: list[str]) -> None:
    """``nosecrets-ignore-names`` (stored lower-case without separators) says a name is not a secret: NSC207
    stays quiet there as the name rules do."""
    options = dataclasses.replace(DEFAULT, ignore_names=ignore)
    assert [f.code for f in scan_source(source, filename="app.py", options=options)] == codes
