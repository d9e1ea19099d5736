"""Provider key formats: one data entry per provider, nothing else.

Each :class:`Provider` says how to recognise its keys (``keywords``, a cheap
substring prefilter, then an anchored, bounded ``pattern`` and an optional
``validate`` checksum/structure check), which code reports it, where its format
is documented, what environment variable name the fixer should use and where
to rotate a leaked key. ``samples`` and ``non_samples`` are *templates* (see
:mod:`flake8_nosecrets.samples`) that the tests expand into fake tokens which
must / must not be reported, bare and inside Python contexts.

Patterns are written so that matching is linear: a literal prefix (which is
also a keyword), then bounded character-class repeats, with look-arounds only
one character wide. ``tests/test_adversarial.py`` checks this on hostile input.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Callable

from . import checksums

_L = r"(?<![A-Za-z0-9_\-])"  # left boundary: not inside a longer token
_R = r"(?![A-Za-z0-9_\-])"  # right boundary
_RA = r"(?![A-Za-z0-9])"  # right boundary where '-'/'_' may follow


@dataclasses.dataclass(frozen=True)
class Provider:
    id: str  # stable kebab-case id (baselines and --nosecrets-disable-providers use it)
    name: str  # human name for messages: "GitHub personal access token"
    code: str  # NSC1xx family code (or NSC204 for JWT)
    keywords: tuple[str, ...]  # at least one must occur (case-sensitive) before the pattern runs
    pattern: str  # regex; group "secret" if only part of the match is the secret
    env_name: str  # the fixer's default variable name
    reference: str  # where the provider documents the format
    samples: tuple[str, ...]  # templates of tokens that must be reported
    non_samples: tuple[str, ...] = ()  # templates of near misses that must not be
    validate: Callable[[str], bool] | None = None  # checksum / structure check on the secret
    finish: Callable[[str], str] | None = None  # completes an expanded sample (adds the checksum)
    rotate: str = ""  # where to revoke and rotate a leaked key
    flags: int = 0
    compiled: re.Pattern[str] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.pattern, self.flags))

    @property
    def display_prefix(self) -> str:
        """The literal prefix a message may show (the start of the first keyword, at most 4 chars)."""
        return self.keywords[0][:4] if self.keywords and self.keywords[0][:1].isalnum() else ""


def _gh(kind: str, name: str) -> Provider:
    return Provider(
        id=f"github-{kind}",
        name=name,
        code="NSC102",
        keywords=(_GH_PREFIX[kind],),
        pattern=_L + re.escape(_GH_PREFIX[kind]) + r"[A-Za-z0-9]{36}" + _R,
        env_name="GITHUB_TOKEN",
        reference="https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/",
        samples=(_GH_PREFIX[kind] + "{a30}",),
        non_samples=(_GH_PREFIX[kind] + "{a36}", _GH_PREFIX[kind] + "{a20}"),
        validate=checksums.valid_crc32_suffix,
        finish=checksums.add_crc32_suffix,
        rotate="https://github.com/settings/tokens",
    )


_GH_PREFIX = {"pat": "ghp_", "oauth": "gho_", "user-to-server": "ghu_", "server-to-server": "ghs_", "refresh": "ghr_"}

PROVIDERS: tuple[Provider, ...] = (
    # ---------------------------------------------------------------- cloud (NSC101)
    Provider(
        id="aws-access-key-id",
        name="AWS access key id",
        code="NSC101",
        keywords=("AKIA", "ASIA", "ABIA", "ACCA", "A3T"),
        pattern=_L + r"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}" + _R,
        env_name="AWS_ACCESS_KEY_ID",
        reference="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids",
        samples=("AKIA{B16}", "ASIA{B16}"),
        non_samples=("AKIA{B10}", "AKIA{U12}0189", "AKIAEXAMPLE{B9}"),
        validate=checksums.valid_aws_key_id,
        rotate="https://console.aws.amazon.com/iam/home#/security_credentials",
    ),
    Provider(
        id="google-api-key",
        name="Google API key",
        code="NSC101",
        keywords=("AIza",),
        pattern=_L + r"AIza[0-9A-Za-z_\-]{35}" + _RA,
        env_name="GOOGLE_API_KEY",
        reference="https://cloud.google.com/docs/authentication/api-keys",
        samples=("AIza{w35}",),
        non_samples=("AIza{w20}",),
        rotate="https://console.cloud.google.com/apis/credentials",
    ),
    # ---------------------------------------------------------------- source control / CI (NSC102)
    _gh("pat", "GitHub personal access token"),
    _gh("oauth", "GitHub OAuth access token"),
    _gh("user-to-server", "GitHub App user-to-server token"),
    _gh("server-to-server", "GitHub App installation token"),
    _gh("refresh", "GitHub refresh token"),
    Provider(
        id="github-fine-grained-pat",
        name="GitHub fine-grained personal access token",
        code="NSC102",
        keywords=("github_pat_",),
        pattern=_L + r"github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}" + _R,
        env_name="GITHUB_TOKEN",
        reference="https://github.blog/2022-10-18-introducing-fine-grained-personal-access-tokens-for-github/",
        samples=("github_pat_{a22}_{a59}",),
        non_samples=("github_pat_{a22}_{a20}",),
        rotate="https://github.com/settings/tokens",
    ),
    Provider(
        id="gitlab-pat",
        name="GitLab personal access token",
        code="NSC102",
        keywords=("glpat-",),
        pattern=_L + r"glpat-[A-Za-z0-9_\-]{20,60}" + _R,
        env_name="GITLAB_TOKEN",
        reference="https://docs.gitlab.com/ee/security/tokens/#token-prefixes",
        samples=("glpat-{a20}", "glpat-{w40}"),
        non_samples=("glpat-{a10}",),
        rotate="https://gitlab.com/-/user_settings/personal_access_tokens",
    ),
    # ---------------------------------------------------------------- payment (NSC103)
    Provider(
        id="stripe-secret-key",
        name="Stripe secret key",
        code="NSC103",
        keywords=("sk_live_", "rk_live_", "sk_test_", "rk_test_"),
        pattern=_L + r"[rs]k_(?:live|test)_[A-Za-z0-9]{24,247}" + _R,
        env_name="STRIPE_SECRET_KEY",
        reference="https://docs.stripe.com/keys#obtain-api-keys",
        samples=("sk_live_{a24}", "rk_live_{a99}", "sk_test_{a51}"),
        non_samples=("sk_live_{a10}", "pk_live_{a24}"),
        rotate="https://dashboard.stripe.com/apikeys",
    ),
    # ---------------------------------------------------------------- messaging (NSC104)
    Provider(
        id="slack-token",
        name="Slack token",
        code="NSC104",
        keywords=("xox",),
        pattern=_L + r"xox[abposr]-(?:[0-9]{9,13}-){1,3}[A-Za-z0-9]{20,40}" + _R,
        env_name="SLACK_TOKEN",
        reference="https://api.slack.com/authentication/token-types",
        samples=("xoxb-{d12}-{d13}-{a24}", "xoxp-{d12}-{d12}-{d13}-{a32}"),
        non_samples=("xoxb-{d3}-{a24}",),
        rotate="https://api.slack.com/apps",
    ),
    Provider(
        id="slack-webhook-url",
        name="Slack incoming webhook URL",
        code="NSC104",
        keywords=("hooks.slack.com",),
        pattern=r"https://hooks\.slack\.com/(?:services|workflows)/(?P<secret>[A-Za-z0-9+/]{43,56}|T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{23,24})" + _R,
        env_name="SLACK_WEBHOOK_URL",
        reference="https://api.slack.com/messaging/webhooks",
        samples=("https://hooks.slack.com/services/T{U10}/B{U10}/{a24}",),
        non_samples=("https://hooks.slack.com/services/",),
        rotate="https://api.slack.com/apps",
    ),
    # ---------------------------------------------------------------- AI APIs (NSC105)
    Provider(
        id="anthropic-api-key",
        name="Anthropic API key",
        code="NSC105",
        keywords=("sk-ant-",),
        pattern=_L + r"sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_\-]{80,100}AA" + _R,
        env_name="ANTHROPIC_API_KEY",
        reference="https://docs.anthropic.com/en/api/getting-started#authentication",
        samples=("sk-ant-api03-{w93}AA",),
        non_samples=("sk-ant-api03-{w20}",),
        rotate="https://console.anthropic.com/settings/keys",
    ),
    Provider(
        id="openai-api-key",
        name="OpenAI API key",
        code="NSC105",
        keywords=("T3BlbkFJ",),
        pattern=_L + r"sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_\-]{20,74}T3BlbkFJ[A-Za-z0-9_\-]{20,74}" + _R,
        env_name="OPENAI_API_KEY",
        reference="https://platform.openai.com/docs/api-reference/authentication",
        samples=("sk-{a20}T3BlbkFJ{a20}", "sk-proj-{w74}T3BlbkFJ{w74}"),
        non_samples=("sk-{a20}",),
        rotate="https://platform.openai.com/api-keys",
    ),
    # ---------------------------------------------------------------- package registries (NSC106)
    Provider(
        id="pypi-token",
        name="PyPI API token",
        code="NSC106",
        keywords=("pypi-AgE",),
        pattern=_L + r"pypi-AgE[A-Za-z0-9_\-]{50,}" + _R,
        env_name="PYPI_TOKEN",
        reference="https://pypi.org/help/#apitoken",
        samples=("pypi-AgEIcHlwaS5vcmc{w70}", "pypi-AgENdGVzdC5weXBpLm9yZw{w70}"),
        non_samples=("pypi-AgEI{w70}",),
        validate=checksums.valid_pypi_macaroon,
        rotate="https://pypi.org/manage/account/token/",
    ),
    Provider(
        id="npm-token",
        name="npm access token",
        code="NSC106",
        keywords=("npm_",),
        pattern=_L + r"npm_[A-Za-z0-9]{36}" + _R,
        env_name="NPM_TOKEN",
        reference="https://github.blog/2021-09-23-announcing-npms-new-access-token-format/",
        samples=("npm_{a30}",),
        non_samples=("npm_{a36}",),
        validate=checksums.valid_crc32_suffix,
        finish=checksums.add_crc32_suffix,
        rotate="https://www.npmjs.com/settings/~/tokens",
    ),
    # ---------------------------------------------------------------- JWT (NSC204)
    Provider(
        id="jwt",
        name="JSON Web Token",
        code="NSC204",
        keywords=("eyJ",),
        pattern=_L + r"eyJ[A-Za-z0-9_\-]{10,4000}\.eyJ[A-Za-z0-9_\-]{2,16000}\.[A-Za-z0-9_\-]{0,4000}" + _R,
        env_name="JWT_TOKEN",
        reference="https://www.rfc-editor.org/rfc/rfc7519",
        samples=(),  # built by tests.secretgen.jwt(), since the header must decode
        validate=checksums.valid_jwt,
    ),
)

BY_ID: dict[str, Provider] = {p.id: p for p in PROVIDERS}
assert len(BY_ID) == len(PROVIDERS), "duplicate provider id"

# One alternation of every keyword: a literal that matches none skips all provider patterns.
KEYWORD_RE = re.compile("|".join(sorted({re.escape(k) for p in PROVIDERS for k in p.keywords}, key=len, reverse=True)))
MIN_LENGTH = 16  # no provider token is shorter; shorter literals skip the provider stage
