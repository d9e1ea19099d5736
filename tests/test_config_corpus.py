"""A labelled corpus of realistic project trees, built at test time with generated fake secrets.

Each tree is what a Python team commits: code, settings, requirements, Docker and env files, most of it
clean. Every file is written from a template whose ``<<slot>>`` markers are filled with fresh fake
secrets; each labelled line says which code the standalone scan must report there, and every other line
of every file must stay quiet. The scan runs as a user runs it: ``nosecrets`` over the tree, JSON output.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import textwrap
from pathlib import Path

import pytest

import secretgen
from flake8_nosecrets import cli, providers

_SLOT_RE = re.compile(r"<<(pw|key|hex|gh|stripe|pypi)>>")
_LABEL_RE = re.compile(r"\s*(?:#|//)\s*expect (NSC\d{3})\s*$")


def fill(text: str, salt: str) -> str:
    r = secretgen.rng(salt)
    makers = {
        "pw": lambda: secretgen.password(r),
        "key": lambda: secretgen.random_key(r, 40),
        "hex": lambda: secretgen.random_key(r, 40, "0123456789abcdef"),
        "gh": lambda: secretgen.provider_samples(providers.BY_ID["github-pat"], salt)[0],
        "stripe": lambda: secretgen.provider_samples(providers.BY_ID["stripe-secret-key"], salt)[0],
        "pypi": lambda: secretgen.provider_samples(providers.BY_ID["pypi-token"], salt)[0],
    }
    return _SLOT_RE.sub(lambda m: makers[m.group(1)](), text)


DJANGO = {
    "manage.py": """\
        import os
        import sys

        if __name__ == "__main__":
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
            from django.core.management import execute_from_command_line
            execute_from_command_line(sys.argv)
        """,
    "shop/settings.py": """\
        import os
        from pathlib import Path

        import yaml

        BASE_DIR = Path(__file__).resolve().parent.parent
        CONFIG = yaml.safe_load((BASE_DIR / "config" / f"{os.environ.get('ENV', 'dev')}.yaml").read_text())
        SECRET_KEY = CONFIG["secret_key"]
        DEBUG = CONFIG.get("debug", False)
        DATABASES = {"default": CONFIG["database"]}
        """,
    "config/dev.yaml": """\
        debug: true
        secret_key: django-insecure-${DJANGO_SECRET_KEY:-}
        database:
          ENGINE: django.db.backends.sqlite3
          NAME: db.sqlite3
        email:
          host: localhost
          password: ""
        """,
    "config/prod.yaml": """\
        debug: false
        secret_key: "<<key>>"  # expect NSC205
        allowed_hosts: [shop.acme.internal]
        database:
          ENGINE: django.db.backends.postgresql
          HOST: db.acme.internal
          USER: shop
          PASSWORD: <<pw>>  # expect NSC206
        stripe:
          publishable_key: pk_live_placeholder
          secret_key: <<stripe>>  # expect NSC103
        cache:
          LOCATION: redis://:<<pw>>@cache.acme.internal:6379/1  # expect NSC202
        sentry:
          dsn: https://public@sentry.acme.internal/4
        """,
    "config/test.yaml": """\
        debug: true
        secret_key: "{{ test_secret_key }}"
        database: {ENGINE: django.db.backends.sqlite3, NAME: ":memory:"}
        """,
    "requirements.txt": """\
        Django==5.0.6
        PyYAML==6.0.1
        psycopg[binary]==3.1.19
        stripe==9.9.0
        """,
    "setup.cfg": """\
        [flake8]
        max-line-length = 100
        exclude = .git,__pycache__,migrations

        [tool:pytest]
        DJANGO_SETTINGS_MODULE = shop.settings
        """,
    ".github/workflows/ci.yml": """\
        name: ci
        on: [push]
        jobs:
          test:
            runs-on: ubuntu-latest
            env:
              DJANGO_SECRET_KEY: ${{ secrets.DJANGO_SECRET_KEY }}
              DATABASE_URL: postgres://postgres:postgres@localhost/test
            steps:
              - uses: actions/checkout@v4
              - run: pip install -r requirements.txt && python manage.py test
        """,
}

FASTAPI = {
    "app/main.py": """\
        import os

        from fastapi import FastAPI

        app = FastAPI()
        DATABASE_URL = os.environ["DATABASE_URL"]


        @app.get("/health")
        def health() -> dict:
            return {"status": "ok"}
        """,
    "docker-compose.yml": """\
        services:
          api:
            build:
              context: .
              args:
                - PIP_INDEX_URL=https://ci:<<pw>>@pypi.acme.internal/simple  # expect NSC202
            env_file: .env
            environment:
              - DATABASE_URL=postgresql://api:${POSTGRES_PASSWORD}@db/api
              - JWT_SECRET=<<key>>  # expect NSC205
              - LOG_LEVEL=info
            ports: ["8000:8000"]
          db:
            image: postgres:16
            environment:
              POSTGRES_USER: api
              POSTGRES_PASSWORD: <<pw>>  # expect NSC206
              POSTGRES_DB: api
          redis:
            image: redis:7
            command: redis-server --requirepass ${REDIS_PASSWORD:?set it}
        """,
    ".env": """\
        # expect NSC301
        DATABASE_URL=postgresql://api:<<pw>>@db/api  # expect NSC202
        OPENAI_API_KEY=
        GITHUB_TOKEN=<<gh>>  # expect NSC102
        LOG_LEVEL=debug
        """,
    ".env.example": """\
        DATABASE_URL=postgresql://api:password@db/api
        OPENAI_API_KEY=sk-your-key-here
        GITHUB_TOKEN=
        """,
    "Dockerfile": """\
        FROM python:3.12-slim
        ARG PIP_INDEX_URL
        ENV PYTHONDONTWRITEBYTECODE=1 \\
            PIP_NO_CACHE_DIR=1
        COPY requirements.txt .
        RUN pip install -r requirements.txt
        ENV SENTRY_AUTH_TOKEN=<<hex>>
        COPY app app
        CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]
        """,
    "requirements.txt": """\
        fastapi==0.111.0
        uvicorn[standard]==0.30.1
        sqlalchemy==2.0.30
        """,
    "pyproject.toml": """\
        [project]
        name = "acme-api"
        version = "0.3.0"
        dependencies = ["fastapi", "sqlalchemy"]

        [tool.ruff]
        line-length = 100
        """,
}
# The Dockerfile's ENV line holds a key: expected where the template puts it (no inline comments there).
FASTAPI_EXTRA = {("Dockerfile", 7, "NSC205")}

PACKAGE = {
    "src/acme_sdk/__init__.py": """\
        __version__ = "2.1.0"
        """,
    "src/acme_sdk/client.py": """\
        import os

        import requests


        class Client:
            def __init__(self, token: str | None = None) -> None:
                self.token = token or os.environ["ACME_TOKEN"]

            def get(self, path: str) -> dict:
                headers = {"Authorization": f"Bearer {self.token}"}
                return requests.get(f"https://api.acme.example{path}", headers=headers).json()
        """,
    ".pypirc": """\
        [distutils]
        index-servers =
            pypi
            acme

        [pypi]
        username = __token__
        password = <<pypi>>  # expect NSC106

        [acme]
        repository = https://pypi.acme.internal/
        username = release-bot
        password = <<pw>>  # expect NSC206
        """,
    "requirements/base.txt": """\
        requests>=2.31
        """,
    "requirements/dev.txt": """\
        -r base.txt
        --extra-index-url https://release-bot:<<pw>>@pypi.acme.internal/simple  # expect NSC202
        acme-testing==1.4
        pytest>=8
        """,
    "constraints.txt": """\
        --index-url https://${PIP_USER}:${PIP_PASSWORD}@pypi.acme.internal/simple
        urllib3<3
        """,
    "pyproject.toml": """\
        [project]
        name = "acme-sdk"
        dynamic = ["version"]
        dependencies = ["requests>=2.31"]

        [[tool.uv.index]]
        name = "acme"
        url = "https://pypi.acme.internal/simple"

        [tool.poetry.http-basic.acme]
        username = "release-bot"
        password = "<<pw>>"  # expect NSC206

        [tool.pytest.ini_options]
        testpaths = ["tests"]
        """,
    "tox.ini": """\
        [tox]
        envlist = py310, py311, py312

        [testenv]
        deps = -r requirements/dev.txt
        passenv = ACME_TOKEN
        setenv =
            ACME_TOKEN = test-token-not-real
        commands = pytest
        """,
    "tests/fixtures/response.json": """\
        {"id": 42, "name": "widget", "owner": {"login": "octo"}, "token_type": "bearer", "expires_in": 3600}
        """,
}

TREES = {"django-yaml-settings": (DJANGO, set()), "fastapi-compose-env": (FASTAPI, FASTAPI_EXTRA),
         "package-pypirc-private-index": (PACKAGE, set())}


def build(root: Path, tree: dict[str, str], salt: str) -> set[tuple[str, int, str]]:
    """Write *tree* under *root* with fake secrets; the labelled (path, line, code) findings."""
    expected = set()
    for name, template in tree.items():
        text = fill(textwrap.dedent(template), f"{salt}:{name}")
        for n, line in enumerate(text.splitlines(), 1):
            m = _LABEL_RE.search(line)
            if m:
                expected.add((name, n, m.group(1)))
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return expected


@pytest.mark.parametrize("name", sorted(TREES))
def test_project_tree(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    tree, extra = TREES[name]
    expected = build(tmp_path, tree, name) | extra
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".gitignore").write_text("__pycache__/\n")  # the .env is not ignored: a commit away from git
    monkeypatch.chdir(tmp_path)
    status = cli.main(["--isolated", "--no-progress", "--format", "json", "."])
    out, err = capsys.readouterr()
    got = {(os.path.relpath(r["path"]), r["line"], r["code"]) for r in json.loads(out)}
    assert err == ""
    assert got == expected
    assert status == (1 if expected else 0)
