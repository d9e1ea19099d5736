"""The one table of codes. Messages, pylint symbols, SARIF rule metadata and the
rule reference (``docs/rules.md``, checked by ``tests/test_docs.py``) all come
from here. Codes are only ever added, never reused.

* NSC1xx: a known provider's key format (one code per provider family; the
  provider is named in the message and can be disabled on its own).
* NSC2xx: generic evidence (private key, credentials in a URL, Authorization
  header, JWT, a random value under a secret-like name, a hardcoded password).
* NSC3xx: placement: a file that must not be in git at all (a committed ``.env``).
* NSC4xx: a constant that reaches an API that takes credentials (inference).
"""

from __future__ import annotations

import dataclasses

FIX_ENV = (
    "`nosecrets-fix` replaces the literal with `os.environ[\"NAME\"]`, writes the value to a "
    "git-ignored `.env` (mode 0600) and warns when the value is already in git history, "
    "in which case revoke and rotate it."
)


@dataclasses.dataclass(frozen=True)
class Rule:
    code: str
    slug: str  # stable kebab-case name: pylint symbol, SARIF rule name
    title: str  # short description
    what: str  # what it flags
    why: str  # why it matters
    example: str  # code that triggers it (values are illustrative and filtered as placeholders)
    fix: str  # use instead
    options: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    severity: float = 8.0  # SARIF security-severity
    language: str = "python"  # of the example and fix: what their code fences say
    fix_safety: str = FIX_ENV  # what nosecrets-fix does about it

    @property
    def pylint_symbol(self) -> str:
        return "nosecrets-" + self.slug


_COMMON_OPTIONS = ("nosecrets-allow", "nosecrets-disable-providers")
_NAME_OPTIONS = ("nosecrets-extra-names", "nosecrets-ignore-names", "nosecrets-allow")
_CWE798 = "https://cwe.mitre.org/data/definitions/798.html"
_CWE259 = "https://cwe.mitre.org/data/definitions/259.html"
_OWASP = "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html"


def _provider_rule(code: str, slug: str, title: str, family: str, example: str) -> Rule:
    return Rule(
        code=code,
        slug=slug,
        title=title,
        what=(
            f"A string literal, comment or docstring holding a key in the documented format of a {family} "
            "provider (prefix, length, alphabet and, where the provider defines one, the checksum). "
            "Found wherever it sits, whatever the name it is bound to."
        ),
        why=(
            "A provider key in source code is readable by everyone who can read the repository or its "
            "history, and scanners run by attackers find them within minutes of a push."
        ),
        example=example,
        fix='api_key = os.environ["PROVIDER_API_KEY"]  # value kept in .env, which git ignores',
        options=_COMMON_OPTIONS,
        references=(_CWE798, _OWASP),
        severity=9.0,
    )


RULES: tuple[Rule, ...] = (
    _provider_rule("NSC101", "cloud-credential", "Cloud provider credential", "cloud",
                   'aws_key = "AKIA…"  # an AWS access key id'),
    _provider_rule("NSC102", "vcs-ci-token", "Source control or CI token", "source-control or CI",
                   'gh = Github("ghp_…")  # a GitHub personal access token'),
    _provider_rule("NSC103", "payment-key", "Payment provider key", "payment",
                   'stripe.api_key = "sk_live_…"'),
    _provider_rule("NSC104", "messaging-token", "Messaging or e-mail service token", "messaging or e-mail",
                   'client = WebClient(token="xoxb-…")  # a Slack bot token'),
    _provider_rule("NSC105", "ai-api-key", "AI API key", "AI model API",
                   'client = OpenAI(api_key="sk-proj-…")'),
    _provider_rule("NSC106", "package-registry-token", "Package registry token", "package registry",
                   'PYPI_TOKEN = "pypi-AgEIcHlwaS5vcmc…"'),
    _provider_rule("NSC107", "observability-key", "Observability service key", "monitoring or observability",
                   'DD_API_KEY = "…"  # a Datadog or New Relic key'),
    _provider_rule("NSC108", "database-service-credential", "Database-as-a-service credential",
                   "database-as-a-service", 'token = "pscale_tkn_…"  # a PlanetScale token'),
    _provider_rule("NSC109", "saas-api-token", "SaaS API token", "SaaS",
                   'notion = Client(auth="secret_…")'),
    Rule(
        code="NSC201",
        slug="private-key",
        title="Private key block",
        what="A PEM (RSA, EC, DSA, PKCS#8, encrypted), OpenSSH or PGP private key block, even when split over lines.",
        why="A private key grants whatever the key signs or decrypts, and cannot be rotated by editing code.",
        example='KEY = """-----BEGIN RSA PRIVATE KEY-----\\n…\\n-----END RSA PRIVATE KEY-----"""',
        fix='KEY = os.environ["PRIVATE_KEY"]  # or read it from a file outside the repository',
        options=_COMMON_OPTIONS,
        references=(_CWE798, "https://www.rfc-editor.org/rfc/rfc7468"),
        severity=9.5,
    ),
    Rule(
        code="NSC202",
        slug="url-credentials",
        title="Credentials in a URL or DSN",
        what=(
            "A URL or DSN with a password in its user-info part (`postgres://user:pw@host/db`, "
            "`redis://:pw@host`, `https://user:pw@host`), unless the password is a placeholder or template."
        ),
        why="Connection strings are logged, printed in tracebacks and copied between environments.",
        example='DATABASE_URL = "postgres://app:Kx9…@db.internal/app"',
        fix='DATABASE_URL = os.environ["DATABASE_URL"]  (the fixer moves only the password part)',
        options=("nosecrets-allow",),
        references=(_CWE798, "https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1"),
    ),
    Rule(
        code="NSC203",
        slug="authorization-header",
        title="Hardcoded Authorization header",
        what=(
            "The value of an `Authorization` (or `Proxy-Authorization`) header: `Bearer <token>`, "
            "`Token <token>`, or `Basic <base64 user:password>` that decodes as such. Written in code (a header "
            "dict or pair list, a comparison, `\"Bearer %s\" % \"…\"`, `.format`), any real token counts, a word "
            "included; in text (a curl command, a notebook output, a comment) the scheme may be lower case and "
            "the token must look like one, and a lone `bearer <token>` needs a random-looking token."
        ),
        why="The header value is the credential itself; anyone with it acts as the caller.",
        example='headers = {"Authorization": "Bearer 8f3…"}',
        fix='headers = {"Authorization": "Bearer " + os.environ["API_TOKEN"]}',
        options=("nosecrets-allow",),
        references=(_CWE798, "https://www.rfc-editor.org/rfc/rfc9110#name-authorization"),
    ),
    Rule(
        code="NSC204",
        slug="jwt",
        title="JSON Web Token",
        what="A JWT (`eyJ….eyJ….sig`) whose header decodes to JSON with an `alg` field.",
        why="A signed token is a bearer credential until it expires, and many never do.",
        example='TOKEN = "eyJhbGciOi…"',
        fix='TOKEN = os.environ["JWT_TOKEN"]',
        options=_COMMON_OPTIONS,
        references=(_CWE798, "https://www.rfc-editor.org/rfc/rfc7519"),
    ),
    Rule(
        code="NSC205",
        slug="generic-secret",
        title="Random-looking value under a secret-like name",
        what=(
            "A literal bound to a token/secret/key-like name (assignment, attribute, keyword, default, dict key, "
            "comparison, env fallback) whose value looks like a credential: not a word, identifier, path, URL, "
            "regex, message, template or placeholder; for a bare `key`, only a high-entropy value. Bytes pasted "
            "from `os.urandom` and random values with a space count too, and a literal given as a symmetric "
            "cipher's key (`AES.new(b\"…\")`, `Fernet(b\"…\")`) counts whatever it reads like."
        ),
        why="Most leaked credentials have no recognisable prefix; the name they are bound to gives them away.",
        example='self.signing_secret = "q8Z…"',
        fix='self.signing_secret = os.environ["SIGNING_SECRET"]',
        options=_NAME_OPTIONS + ("nosecrets-entropy",),
        references=(_CWE798, _OWASP),
    ),
    Rule(
        code="NSC206",
        slug="hardcoded-password",
        title="Hardcoded password",
        what=(
            "A literal bound to a password-like name (`password`, `passwd`, `pwd`, `passphrase`…) in any context, "
            "unless it is empty, a placeholder, a template, a label, a message, an env var name, a stored password "
            "hash, an injection payload, one entry of a wordlist (`COMMON_PASSWORDS = […]`) or a choice word under "
            "an option name (`update_password`); the password of a user record in seed code "
            "(`USERS = [(\"admin\", \"…\")]`, `users = {\"john\": \"…\"}`); a password written as data inside a "
            "string (XML `<password>`, SQL `PASSWORD '…'`/`IDENTIFIED BY '…'`, JSON, YAML, ODBC `PWD=…;`, JDBC "
            "`password=…`)."
        ),
        why="Passwords in code end up in every clone, fork and backup, and are rarely changed afterwards.",
        example='conn = connect(user="app", password="Summ…")',
        fix='conn = connect(user="app", password=os.environ["DB_PASSWORD"])',
        options=_NAME_OPTIONS,
        references=(_CWE259, _OWASP),
        severity=7.5,
    ),
    Rule(
        code="NSC207",
        slug="weak-or-default-secret",
        title="Weak or default secret where one is really used",
        what=(
            "A value that the name rules let go because it reads as a word, a placeholder, the name repeated or "
            "a short string (`\"dev\"`, `\"super secret key\"`, `\"password\"`), where the program signs or "
            "logs in with it: a `SECRET_KEY`-like setting at the top of a settings module (a file named "
            "settings/config, or one that sets framework settings or imports a web or JWT framework) or in a "
            "config class, `app.secret_key`, `app.config[\"SECRET_KEY\"]`, `config.update(SECRET_KEY=…)`; "
            "the key of `jwt.encode`/`jwt.decode`, `hmac.new`, `Fernet`, itsdangerous serializers; a password "
            "given to a log-in, connect or bind call (by keyword or by position), to `set_password`, "
            "`create_user`, a password hasher (`make_password`, `generate_password_hash`, `bcrypt.hashpw`, "
            "passlib's `.hash`) or an `auth=(user, password)` pair; the fallback of an environment or config "
            "getter for such a name (`os.getenv(\"SECRET_KEY\", \"dev\")`, `os.environ.get(…) or \"dev\"`). "
            "Empty and None-like strings, templates, masks, `<…>` slots, env var names and paths stay quiet, "
            "and so does a placeholder under a secret-like name that goes nowhere. API keys and tokens are "
            "not in scope: a service issues them, so a word there never works. Not reported in test code (a "
            "`test`/`tests`/`testing` directory, a file name with a `test` word, `conftest.py`, a module "
            "importing pytest or unittest): a known weak value is what a test wants."
        ),
        why=(
            "Whoever knows a signing key forges sessions, password-reset links and tokens; a default password "
            "is the first one an attacker tries. A guessable value is worse than a random one, not better, and "
            "placeholders like `changeme` or `django-insecure-…` reach production unchanged."
        ),
        example='app = Flask(__name__)\napp.secret_key = "dev"\nserver.login("reports@corp.test", "admin")',
        fix='app.secret_key = os.environ["FLASK_SECRET_KEY"]  # a random value: secrets.token_hex(32)',
        options=("nosecrets-allow",),
        references=(_CWE798, "https://cwe.mitre.org/data/definitions/1392.html",
                    "https://docs.djangoproject.com/en/stable/ref/settings/#secret-key"),
        severity=7.5,
    ),
    Rule(
        code="NSC301",
        slug="committed-env-file",
        title="Environment file committed to git",
        what=(
            "A `.env`-style file (`.env`, `.env.production`, `docker.env`) that git tracks, or that sits in a git "
            "work tree without being git-ignored, whatever its values; reported at its first line. Templates meant "
            "to be committed (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`…) are not. The values "
            "in the file are scanned as well and reported under their own codes."
        ),
        why=(
            "A `.env` file exists to keep configuration and credentials out of the repository; once committed, "
            "every clone, fork and CI log has them, and deleting the file later leaves them in history."
        ),
        example="$ git ls-files .env\n.env",
        fix=(
            "$ git rm --cached .env && echo .env >> .gitignore   # the file and its values stay on disk\n"
            "$ git commit -m 'Stop tracking .env'                # commit a .env.example with the names only\n"
            "# then rotate every value the file held: they are in git history"
        ),
        language="console",
        fix_safety=(
            "`nosecrets-fix` runs `git rm --cached` on the file (the removal is staged for the next commit) and adds "
            "it to `.gitignore`; a file git would commit is only added to `.gitignore`. The file and its values stay "
            "on disk; values that were committed stay in git history, so rotate them."
        ),
        options=("nosecrets-file-kinds",),
        references=(_CWE798, "https://12factor.net/config", _OWASP),
        severity=8.0,
    ),
    Rule(
        code="NSC401",
        slug="credential-into-sink",
        title="Constant passed to an API that takes credentials",
        what=(
            "A string constant that reaches a credential parameter of a known API (a DB driver's password, "
            "an SDK's api_key, an HMAC/JWT signing key, requests' auth or Authorization header, a framework's "
            "SECRET_KEY) through names, attributes, concatenation or imports; reported at the literal. A word or "
            "a phrase that reaches a password or a key the program signs with through a name is reported as NSC207 "
            "(a weak or default secret), as when it is written where it is used."
        ),
        why="Renaming a secret to a neutral name does not make it less hardcoded.",
        example='DB = "s3cr…"\nconn = psycopg2.connect(host="db", password=DB)',
        fix='DB = os.environ["DB_PASSWORD"]',
        options=("nosecrets-inference",),
        references=(_CWE798, "https://codeql.github.com/codeql-query-help/python/py-hardcoded-credentials/"),
    ),
)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_SLUG: dict[str, Rule] = {r.slug: r for r in RULES}
assert len(BY_CODE) == len(RULES) and len(BY_SLUG) == len(RULES), "duplicate code or slug"
