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

import ahocorasick

from . import checksums

_L = r"(?<![A-Za-z0-9_\-])"  # left boundary: not inside a longer token
_R = r"(?![A-Za-z0-9_\-])"  # right boundary
_RA = r"(?![A-Za-z0-9])"  # right boundary where '-'/'_' may follow


_CHAR_TESTS = {"digit": str.isdigit, "upper": str.isupper, "lower": str.islower, "alpha": str.isalpha}


def _has(*kinds: str, skip: int) -> Callable[[str], bool]:
    """A precision guard for bodies without a checksum: after *skip* prefix characters, the token holds
    at least one character of each kind. Random keys nearly always do (the guards below drop under
    0.5% of them); identifiers, words and hex digests that happen to follow a short prefix do not.
    """
    def check(token: str) -> bool:
        body = token[skip:]
        return all(any(_CHAR_TESTS[k](c) for c in body) for k in kinds)

    check.__name__ = "has_" + "_".join(kinds)
    return check


_HAS_ALL = _has("upper", "lower", "digit", skip=0)
_MAILGUN_KEY_ID_RE = re.compile(r"-[a-f0-9]{8}-[a-f0-9]{8}(?![A-Za-z0-9_\-])")  # opens with a literal: a fast search


def _mailgun_key_shape(value: str, start: int) -> bool:
    """A Mailgun key's id (``-`` and 8 hex digits, twice) at least 32 characters into the value."""
    return (
        value.count("-", start + 32) >= 2
        and _MAILGUN_KEY_ID_RE.search(value, start + 32) is not None
    )


def _has_all_unless_uuid(token: str) -> bool:
    """A body after a ``XXXX-`` prefix that is a UUID, or holds upper- and lower-case letters and digits."""
    body = token[token.index("-") + 1:]
    return len(body) == 36 and body.count("-") == 4 or _HAS_ALL(body)


_COMPILED: dict[tuple[str, int], re.Pattern[str]] = {}  # (pattern, flags) -> compiled (Provider.compiled)


@dataclasses.dataclass(frozen=True)
class Provider:
    id: str  # stable kebab-case id (baselines and --nosecrets-disable-providers use it)
    name: str  # human name for messages: "GitHub personal access token"
    code: str  # NSC1xx family code (or NSC204 for JWT)
    keywords: tuple[str, ...]  # at least one must occur (case-sensitive) before the pattern runs (or ``shape``)
    pattern: str  # regex; group "secret" if only part of the match is the secret
    env_name: str  # the fixer's default variable name
    reference: str  # where the provider documents the format
    samples: tuple[str, ...]  # templates of tokens that must be reported
    non_samples: tuple[str, ...] = ()  # templates of near misses that must not be
    validate: Callable[[str], bool] | None = None  # checksum / structure check on the secret
    finish: Callable[[str], str] | None = None  # completes an expanded sample (adds the checksum)
    rotate: str = ""  # where to revoke and rotate a leaked key
    flags: int = 0
    # A format with no literal to look for (``keywords`` empty): a cheap test every value passes through first.
    shape: Callable[[str, int], bool] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The pattern, compiled when first asked for: a literal must hold one of the provider's keywords
        first, so most runs need a few of the 172 patterns, and compiling all of them cost a fresh process
        (flake8 in an editor, once per save) about 20 ms before the first file."""
        key = (self.pattern, self.flags)
        found = _COMPILED.get(key)
        if found is None:
            found = _COMPILED[key] = re.compile(self.pattern, self.flags)
        return found

    @property
    def display_prefix(self) -> str:
        """The literal prefix a message may show (the start of the first keyword, at most 4 chars)."""
        return self.keywords[0][:4] if self.keywords and self.keywords[0][:1].isalnum() else ""


def _prefixed(
    id: str,
    name: str,
    code: str,
    prefix: str,
    body: str,
    env_name: str,
    reference: str,
    samples: tuple[str, ...],
    non_samples: tuple[str, ...] = (),
    *,
    rotate: str = "",
    keywords: tuple[str, ...] | None = None,
    right: str = _R,
    validate: Callable[[str], bool] | None = None,
    finish: Callable[[str], str] | None = None,
) -> Provider:
    """A token that is a literal *prefix* then *body* (bounded character classes): the common case."""
    return Provider(
        id=id,
        name=name,
        code=code,
        keywords=keywords or (prefix,),
        pattern=_L + re.escape(prefix) + body + right,
        env_name=env_name,
        reference=reference,
        samples=samples,
        non_samples=non_samples,
        validate=validate,
        finish=finish,
        rotate=rotate,
    )


def _gh(kind: str, name: str) -> Provider:
    prefix = _GH_PREFIX[kind]
    return _prefixed(
        f"github-{kind}", name, "NSC102", prefix, r"[A-Za-z0-9]{36}", "GITHUB_TOKEN",
        "https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/",
        samples=(prefix + "{a30}",),
        non_samples=(prefix + "{a36}", prefix + "{a20}", prefix + "X" * 36),
        validate=checksums.valid_crc32_suffix,
        finish=checksums.add_crc32_suffix,
        rotate="https://github.com/settings/tokens",
    )


_GH_PREFIX = {"pat": "ghp_", "oauth": "gho_", "user-to-server": "ghu_", "server-to-server": "ghs_", "refresh": "ghr_"}

_GITLAB_DOCS = "https://docs.gitlab.com/ee/security/tokens/#token-prefixes"


def _gl(
    kind: str, name: str, prefix: str, body: str, template: str, short: str, env_name: str = "GITLAB_TOKEN"
) -> Provider:
    return _prefixed(
        f"gitlab-{kind}", name, "NSC102", prefix, body, env_name, _GITLAB_DOCS,
        samples=(prefix + template,),
        non_samples=(prefix + short, prefix + "x" * 20),
        rotate="https://docs.gitlab.com/ee/security/tokens/#token-prefixes",
    )


def _do(kind: str, name: str, prefix: str) -> Provider:
    return _prefixed(
        f"digitalocean-{kind}", name, "NSC101", prefix, r"[a-f0-9]{64}", "DIGITALOCEAN_TOKEN",
        "https://docs.digitalocean.com/reference/api/create-personal-access-token/",
        samples=(prefix + "{h64}",),
        non_samples=(prefix + "{h40}", prefix + "{H64}"),
        rotate="https://cloud.digitalocean.com/account/api/tokens",
    )


def _shopify(kind: str, name: str, prefix: str) -> Provider:
    return _prefixed(
        f"shopify-{kind}", name, "NSC103", prefix, r"[a-fA-F0-9]{32}", "SHOPIFY_ACCESS_TOKEN",
        "https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens",
        samples=(prefix + "{h32}",),
        non_samples=(prefix + "{h20}", prefix + "{L32}"),
        rotate="https://help.shopify.com/en/manual/apps/app-types/custom-apps",
    )


def _planetscale(kind: str, name: str, prefix: str) -> Provider:
    return _prefixed(
        f"planetscale-{kind}", name, "NSC108", prefix, r"[A-Za-z0-9_\-]{32,64}", "PLANETSCALE_TOKEN",
        "https://planetscale.com/docs/concepts/service-tokens",
        samples=(prefix + "{a43}",),
        non_samples=(prefix + "{a20}",),
        rotate="https://app.planetscale.com/",
    )


# Discord bot tokens open with the base64 of the bot's numeric id: a 1-9 first digit and any second
# digit give these three-character openings ("MTA" is "10", "OT" + "k" is "99"…).
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

_DISCORD_OPENINGS = tuple(
    a + b for a in ("MT", "Mj", "Mz", "ND", "NT", "Nj", "Nz", "OD", "OT") for b in "AEIMQUYcgk"
)

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
        id="aws-session-token",
        name="AWS temporary session token",
        code="NSC101",
        keywords=("IQoJb3JpZ2luX2Vj", "FwoGZXIvYXdz"),
        pattern=_L + r"(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz)[A-Za-z0-9+/]{200,4000}={0,2}" + _R,
        env_name="AWS_SESSION_TOKEN",
        reference="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html",
        samples=("IQoJb3JpZ2luX2Vj{b400}", "FwoGZXIvYXdzE{b300}=="),
        non_samples=("IQoJb3JpZ2luX2Vj{b40}",),
        rotate="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_disable-perms.html",
    ),
    _prefixed(
        "google-api-key", "Google API key (Cloud, Maps, Firebase, Gemini)", "NSC101", "AIza", r"[0-9A-Za-z_\-]{35}",
        "GOOGLE_API_KEY", "https://cloud.google.com/docs/authentication/api-keys",
        samples=("AIza{w35}", "AIzaSy{w33}"),
        non_samples=("AIza{w20}", "AIza{w30}"),
        right=_RA,
        rotate="https://console.cloud.google.com/apis/credentials",
    ),
    _prefixed(
        "google-oauth-client-secret", "Google OAuth client secret", "NSC101", "GOCSPX-", r"[A-Za-z0-9_\-]{28}",
        "GOOGLE_CLIENT_SECRET", "https://support.google.com/cloud/answer/6158849",
        samples=("GOCSPX-{w28}",),
        non_samples=("GOCSPX-{w12}",),
        rotate="https://console.cloud.google.com/apis/credentials",
    ),
    _prefixed(
        "google-oauth-access-token", "Google OAuth access token", "NSC101", "ya29.",
        r"(?:[a-z0-9]\.)?[A-Za-z0-9_\-]{30,2048}",
        "GOOGLE_OAUTH_ACCESS_TOKEN", "https://cloud.google.com/docs/authentication/token-types#access",
        samples=("ya29.a0{w120}", "ya29.c.{w60}"),
        non_samples=("ya29.{w10}",),
        rotate="https://myaccount.google.com/permissions",
    ),
    Provider(
        id="azure-storage-account-key",
        name="Azure account key (Storage, Cosmos DB)",
        code="NSC101",
        keywords=("AccountKey=",),
        pattern=r"AccountKey=(?P<secret>[A-Za-z0-9+/]{86}==)",
        env_name="AZURE_STORAGE_KEY",
        reference="https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage",
        samples=(
            "AccountKey={b86}==",
            "DefaultEndpointsProtocol=https;AccountName=appdata;AccountKey={b86}==;EndpointSuffix=core.windows.net",
        ),
        non_samples=("AccountKey={b40}==", "AccountKey={b86}"),
        validate=checksums.valid_azure_storage_key,
        rotate=(
            "https://learn.microsoft.com/en-us/azure/storage/common/"
            "storage-account-keys-manage#manually-rotate-access-keys"
        ),
    ),
    Provider(
        id="azure-shared-access-key",
        name="Azure Service Bus / Event Hubs shared access key",
        code="NSC101",
        keywords=("SharedAccessKey=",),
        pattern=r"SharedAccessKey=(?P<secret>[A-Za-z0-9+/]{43}=)",
        env_name="AZURE_SERVICEBUS_CONNECTION_STRING",
        reference="https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-sas",
        samples=(
            "Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
            "SharedAccessKey={b43}=",
        ),
        non_samples=("SharedAccessKeyName=RootManageSharedAccessKey", "SharedAccessKey={b20}="),
        validate=checksums.valid_azure_sas_key,
        rotate="https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-sas#regenerate-keys",
    ),
    Provider(
        # The one format here without a leading literal: 3 characters and a digit precede "Q~".
        # The lead-in is a fixed 4-character run, so matching stays linear.
        id="azure-ad-client-secret",
        name="Microsoft Entra ID (Azure AD) client secret",
        code="NSC101",
        keywords=("Q~",),
        pattern=r"(?<![A-Za-z0-9_~.\-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34}(?![A-Za-z0-9_~.\-])",
        env_name="AZURE_CLIENT_SECRET",
        reference="https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials",
        samples=("{a3}8Q~{w34}", "{a3}7Q~{a31}"),
        non_samples=("{a3}8Q~{w12}", "{a3}xQ~{w34}"),
        rotate="https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade",
    ),
    Provider(
        id="azure-sas-token",
        name="Azure shared access signature",
        code="NSC101",
        keywords=("&sig=", "?sig="),
        pattern=r"(?:&|\?)sig=(?P<secret>[A-Za-z0-9%]{40,120}%3D)(?![A-Za-z0-9%])",
        env_name="AZURE_SAS_TOKEN",
        reference="https://learn.microsoft.com/en-us/rest/api/storageservices/create-service-sas",
        samples=(
            "https://appdata.blob.core.windows.net/exports/report.csv?sv=2022-11-02&ss=b&srt=o&sp=r"
            "&se=2031-01-01T00:00:00Z&spr=https&sig={a43}%3D",
            "sv=2021-08-06&sr=c&sp=rl&sig={a20}%2B{a20}%3D",
        ),
        non_samples=("?sv=2022-11-02&sig={a10}%3D", "&sig={a43}"),
        rotate=(
            "https://learn.microsoft.com/en-us/azure/storage/common/"
            "storage-sas-overview#best-practices-when-using-sas"
        ),
    ),
    _prefixed(
        # 24 characters today; accounts created before ~2019 still hold 16-character ids (LTAI + 12).
        "alibaba-access-key-id", "Alibaba Cloud AccessKey id", "NSC101", "LTAI", r"(?:[A-Za-z0-9]{20}|[A-Za-z0-9]{12})",
        "ALIBABA_CLOUD_ACCESS_KEY_ID", "https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair",
        samples=("LTAI{a20}", "LTAI5t{a18}", "LTAI{a12}"),
        non_samples=("LTAI{a8}", "LTAI{a16}", "LTAI{a30}"),
        rotate="https://ram.console.aliyun.com/manage/ak",
    ),
    _prefixed(
        "tencent-cloud-secret-id", "Tencent Cloud SecretId", "NSC101", "AKID", r"[A-Za-z0-9]{32}",
        "TENCENTCLOUD_SECRET_ID", "https://www.tencentcloud.com/document/product/598/32675",
        samples=("AKID{a32}",),
        non_samples=("AKID{a16}",),
        rotate="https://console.tencentcloud.com/cam/capi",
    ),
    _do("pat", "DigitalOcean personal access token", "dop_v1_"),
    _do("oauth-token", "DigitalOcean OAuth token", "doo_v1_"),
    _do("refresh-token", "DigitalOcean OAuth refresh token", "dor_v1_"),
    _prefixed(
        # The current format (60 base64url characters; the keys seen so far open with "AA", which Heroku does
        # not document) and the older UUID key shown with the same prefix. A 60-character body must mix
        # cases and digits, as random base64url does.
        "heroku-api-key", "Heroku API key", "NSC101", "HRKU-", r"(?:[0-9A-Za-z_\-]{60}|" + _UUID + ")",
        "HEROKU_API_KEY", "https://devcenter.heroku.com/articles/authentication",
        samples=("HRKU-AA{w58}", "HRKU-{h8}-{h4}-4{h3}-a{h3}-{h12}", "HRKU-{a60}"),
        non_samples=("HRKU-AA{w30}", "HRKU-{L60}", "HRKU-{h8}-{h4}-{h4}"),
        validate=_has_all_unless_uuid,
        rotate="https://dashboard.heroku.com/account/applications",
    ),
    _prefixed(
        "cloudflare-origin-ca-key", "Cloudflare Origin CA key", "NSC101", "v1.0-", r"[a-f0-9]{24}-[a-f0-9]{146}",
        "CLOUDFLARE_ORIGIN_CA_KEY", "https://developers.cloudflare.com/fundamentals/api/get-started/ca-keys/",
        samples=("v1.0-{h24}-{h146}",),
        non_samples=("v1.0-{h24}-{h40}", "v1.0-beta-{h24}"),
        rotate="https://dash.cloudflare.com/profile/api-tokens",
    ),
    Provider(
        id="flyio-token",
        name="Fly.io access token",
        code="NSC101",
        keywords=("fo1_", "fm1a_", "fm1r_", "fm2_"),
        pattern=_L + r"f(?:o1_[A-Za-z0-9_\-]{43}|m(?:1[ar]|2)_[A-Za-z0-9+/]{100,4000}={0,3})" + _R,
        env_name="FLY_API_TOKEN",
        reference="https://fly.io/docs/security/tokens/",
        samples=("fo1_{w43}", "fm2_lJPE{b200}"),
        non_samples=("fo1_{w20}", "fm2_{b40}"),
        rotate="https://fly.io/user/personal_access_tokens",
    ),
    _prefixed(
        "scaleway-access-key", "Scaleway API access key", "NSC101", "SCW", r"[A-Z0-9]{17}",
        "SCW_ACCESS_KEY", "https://www.scaleway.com/en/docs/iam/concepts/#api-key",
        samples=("SCW{u17}",),
        non_samples=("SCW{u10}", "SCW{l17}", "SCWORKSPACE{U9}"),
        validate=_has("digit", "alpha", skip=3),
        rotate="https://console.scaleway.com/iam/api-keys",
    ),
    _prefixed(
        "yandex-cloud-api-key", "Yandex Cloud API key", "NSC101", "AQVN", r"[A-Za-z0-9_\-]{35,38}",
        "YC_API_KEY", "https://yandex.cloud/en/docs/iam/concepts/authorization/api-key",
        samples=("AQVN{w36}",),
        non_samples=("AQVN{w20}",),
        rotate="https://console.yandex.cloud/",
    ),
    _prefixed(
        "openshift-user-token", "OpenShift OAuth access token", "NSC101", "sha256~", r"[A-Za-z0-9_\-]{43}",
        "OPENSHIFT_TOKEN",
        (
            "https://docs.redhat.com/en/documentation/openshift_container_platform/4.15/html/"
            "authentication_and_authorization/managing-oauth-access-tokens"
        ),
        samples=("sha256~{w43}",),
        non_samples=("sha256~{w20}",),
        rotate=(
            "https://docs.redhat.com/en/documentation/openshift_container_platform/4.15/html/"
            "authentication_and_authorization/managing-oauth-access-tokens"
        ),
    ),
    _prefixed(
        "scalingo-api-token", "Scalingo API token", "NSC101", "tk-us-", r"[A-Za-z0-9_\-]{48}",
        "SCALINGO_API_TOKEN", "https://doc.scalingo.com/platform/user-management/api-tokens",
        samples=("tk-us-{w48}",),
        non_samples=("tk-us-{w20}",),
        rotate="https://dashboard.scalingo.com/account/tokens",
    ),
    _prefixed(
        "cloudflare-global-api-key", "Cloudflare global API key", "NSC101", "cfk_", r"[A-Za-z0-9]{40}[a-f0-9]{8}",
        "CLOUDFLARE_API_KEY", "https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/",
        samples=("cfk_{a40}",),
        non_samples=("cfk_{a40}{h8}", "cfk_{a20}"),
        validate=checksums.valid_cloudflare_token,
        finish=checksums.finish_cloudflare_token,
        rotate="https://dash.cloudflare.com/profile/api-tokens",
    ),
    Provider(
        id="cloudflare-api-token",
        name="Cloudflare API token (user or account owned)",
        code="NSC101",
        keywords=("cfut_", "cfat_"),
        pattern=_L + r"cf[ua]t_[A-Za-z0-9]{40}[a-f0-9]{8}" + _R,
        env_name="CLOUDFLARE_API_TOKEN",
        reference="https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/",
        samples=("cfut_{a40}", "cfat_{a40}"),
        non_samples=("cfut_{a40}{h8}", "cfat_{a20}"),
        validate=checksums.valid_cloudflare_token,
        finish=checksums.finish_cloudflare_token,
        rotate="https://dash.cloudflare.com/profile/api-tokens",
    ),
    _prefixed(
        "render-api-key", "Render API key", "NSC101", "rnd_", r"[A-Za-z0-9]{20,64}",
        "RENDER_API_KEY", "https://api-docs.render.com/reference/authentication",
        samples=("rnd_{a32}",),
        non_samples=("rnd_{a12}", "rnd_generatorinitialstatevalue", "rnd_{L16}{U16}"),
        validate=_has("digit", "upper", skip=4),
        rotate="https://dashboard.render.com/u/settings#api-keys",
    ),
    Provider(
        id="vercel-token",
        name="Vercel access token or API key",
        code="NSC101",
        keywords=("vcp_", "vci_", "vca_", "vcr_", "vck_"),
        pattern=_L + r"vc[piakr]_[A-Za-z0-9_\-]{50}[A-Za-z0-9]{6}" + _R,
        env_name="VERCEL_TOKEN",
        reference="https://vercel.com/changelog/new-token-formats-and-secret-scanning",
        samples=("vcp_{a50}", "vci_{w50}", "vck_{a50}"),
        non_samples=("vcp_{a56}", "vcp_{a30}", "vct_{a56}"),
        validate=checksums.valid_vercel_token,
        finish=checksums.finish_vercel_token,
        rotate="https://vercel.com/account/settings/tokens",
    ),
    _prefixed(
        # A refresh token issued to an installed/desktop OAuth client: "1//0" then base64url.
        "google-oauth-refresh-token", "Google OAuth refresh token", "NSC101", "1//0", r"[A-Za-z0-9_\-]{40,512}",
        "GOOGLE_REFRESH_TOKEN", "https://developers.google.com/identity/protocols/oauth2#expiration",
        samples=("1//0{w99}", "1//0g{w96}"),
        non_samples=("1//0{w20}", "1//0{L60}"),
        validate=_has("digit", "upper", "lower", skip=4),
        rotate="https://myaccount.google.com/permissions",
    ),
    _prefixed(
        # AppSync API keys authorise calls to one GraphQL API (da2- then 26 lower-case characters).
        "aws-appsync-api-key", "AWS AppSync API key", "NSC101", "da2-", r"[a-z0-9]{26}",
        "APPSYNC_API_KEY",
        "https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#api-key-authorization",
        samples=("da2-{l26}",),
        non_samples=("da2-{l12}", "da2-{L26}", "da2-{U26}"),
        validate=_has("digit", "alpha", skip=4),
        rotate="https://console.aws.amazon.com/appsync/home",
    ),
    _prefixed(
        # EdgeGrid client and access tokens ("akab-" + two 16-character groups); the client secret
        # completes the triple.
        "akamai-edgegrid-token", "Akamai EdgeGrid client or access token", "NSC101", "akab-",
        r"[a-z0-9]{16}-[a-z0-9]{16}", "AKAMAI_ACCESS_TOKEN",
        "https://techdocs.akamai.com/developer/docs/set-up-authentication-credentials",
        samples=("akab-{l16}-{l16}",),
        non_samples=("akab-{l16}", "akab-{L16}-{L16}"),
        validate=_has("digit", "alpha", skip=5),
        rotate="https://control.akamai.com/apps/identity-management/#/tabs/users/list",
    ),
    _prefixed(
        # docker swarm join-token: SWMTKN-1-<digest of the root CA, 50 base36>-<secret, 25 base36>.
        "docker-swarm-join-token", "Docker Swarm join token", "NSC101", "SWMTKN-1-", r"[a-z0-9]{50}-[a-z0-9]{25}",
        "SWARM_JOIN_TOKEN", "https://docs.docker.com/reference/cli/docker/swarm/join-token/",
        samples=("SWMTKN-1-{l50}-{l25}",),
        non_samples=("SWMTKN-1-{l50}", "SWMTKN-1-{l50}-{l10}"),
        rotate="https://docs.docker.com/reference/cli/docker/swarm/join-token/#--rotate",
    ),
    _prefixed(
        # Two base32 runs of 16 and 32 bytes (26 and 52 characters); base32 is written in either case (the
        # peers' rules match it case-insensitively).
        "defined-networking-api-key", "Defined Networking (managed Nebula) API key", "NSC101", "dnkey-",
        r"[A-Za-z0-9=_\-]{26}-[A-Za-z0-9=_\-]{52}", "DN_API_KEY",
        "https://docs.defined.net/guides/automating-host-creation/",
        samples=("dnkey-{l26}-{l52}", "dnkey-{B26}-{B52}"),
        non_samples=("dnkey-{l26}", "dnkey-{l26}-{l20}"),
        rotate="https://admin.defined.net/settings/api-keys",
    ),
    # ---------------------------------------------------------------- source control / CI (NSC102)
    _gh("pat", "GitHub personal access token"),
    _gh("oauth", "GitHub OAuth access token"),
    _gh("user-to-server", "GitHub App user-to-server token"),
    _gh("server-to-server", "GitHub App installation token"),
    _gh("refresh", "GitHub refresh token"),
    Provider(
        # The stateless format rolled out from April 2026: no CRC32, the JWT's signature authenticates it.
        id="github-installation-token-stateless",
        name="GitHub App installation token (stateless format)",
        code="NSC102",
        keywords=("ghs_",),
        pattern=_L + r"ghs_\d{1,12}_eyJ[A-Za-z0-9_\-]{10,2000}\.eyJ[A-Za-z0-9_\-]{10,4000}\.[A-Za-z0-9_\-]{20,1000}"
        + _R,
        env_name="GITHUB_TOKEN",
        reference=(
            "https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/"
            "generating-an-installation-access-token-for-a-github-app"
        ),
        samples=("ghs_{d7}_{w200}", "ghs_{d6}_{w60}"),
        non_samples=("ghs_{d7}_eyJ{w60}.eyJ{w80}.{w40}", "ghs_{d7}_{a40}"),
        validate=checksums.valid_github_stateless_token,
        finish=checksums.finish_github_stateless_token,
        rotate="https://docs.github.com/en/rest/apps/installations#revoke-an-installation-access-token",
    ),
    _prefixed(
        "github-fine-grained-pat", "GitHub fine-grained personal access token", "NSC102", "github_pat_",
        r"[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", "GITHUB_TOKEN",
        "https://github.blog/2022-10-18-introducing-fine-grained-personal-access-tokens-for-github/",
        samples=("github_pat_11{u9}0{a10}_{a59}", "github_pat_{a22}_{a59}"),
        non_samples=("github_pat_{a22}_{a20}", "github_pat_{a22}{a60}"),
        rotate="https://github.com/settings/tokens",
    ),
    _gl("pat", "GitLab personal access token", "glpat-", r"[A-Za-z0-9_\-]{20}", "{w20}", "{a10}"),
    Provider(
        id="gitlab-routable-token",
        name="GitLab routable access token",
        code="NSC102",
        # Personal/project/group, runner, runner-from-registration, agent, workspace and service account
        # tokens are minted routable (GitLab 17.x+); the CRC guards every prefix alike.
        keywords=("glpat-", "glrt-", "glrtr-", "glagent-", "glwt-", "glsoat-"),
        pattern=_L + r"gl(?:pat-|rt-t\d_|rtr-|agent-|wt-|soat-)[A-Za-z0-9_\-]{27,300}"
        r"\.(?:[0-9a-z]{2}\.[0-9a-z]{9}|[0-9a-z]{9})" + _R,
        env_name="GITLAB_TOKEN",
        reference=(
            "https://handbook.gitlab.com/handbook/engineering/architecture/"
            "design-documents/cells/routable_tokens/"
        ),
        samples=("glpat-{w40}", "glpat-{w120}", "glrt-t1_{w40}", "glrtr-{w38}", "glagent-{w46}", "glwt-{w40}",
                 "glsoat-{w37}"),
        non_samples=("glpat-{w40}.01.{l9}", "glpat-{w40}.{l9}", "glrt-t1_{w40}.01.{l9}", "glagent-{w46}.01.{l9}"),
        validate=checksums.valid_gitlab_routable,
        finish=checksums.add_gitlab_routable_suffix,
        rotate="https://gitlab.com/-/user_settings/personal_access_tokens",
    ),
    _gl("deploy-token", "GitLab deploy token", "gldt-", r"[A-Za-z0-9_\-]{20}", "{w20}", "{a12}"),
    _gl("runner-token", "GitLab runner authentication token", "glrt-", r"[A-Za-z0-9_\-]{20}", "{w20}", "{a12}",
        "CI_RUNNER_TOKEN"),
    _gl("runner-registered-token", "GitLab runner authentication token (from a registration token)", "glrtr-",
        r"[A-Za-z0-9_\-]{20}", "{w20}", "{a12}", "CI_RUNNER_TOKEN"),
    _prefixed(
        "gitlab-runner-registration-token", "GitLab runner registration token", "NSC102", "GR1348941",
        r"[A-Za-z0-9_\-]{20}", "CI_REGISTRATION_TOKEN", _GITLAB_DOCS,
        samples=("GR1348941{w20}",),
        non_samples=("GR1348941{a10}", "GR1348941" + "X" * 20),
        rotate="https://docs.gitlab.com/ee/ci/runners/new_creation_workflow.html",
    ),
    _gl("pipeline-trigger-token", "GitLab pipeline trigger token", "glptt-", r"[a-f0-9]{40}", "{h40}", "{h20}",
        "CI_TRIGGER_TOKEN"),
    # The partition id segment ("64_") is absent from tokens minted before CI partitioning.
    _gl("ci-job-token", "GitLab CI/CD job token", "glcbt-",
        r"(?:[A-Za-z0-9]{1,5}_[A-Za-z0-9_\-]{20}|[A-Za-z0-9_\-]{20})", "{a2}_{w20}", "{a2}_{a8}", "CI_JOB_TOKEN"),
    _gl("feed-token", "GitLab feed token", "glft-", r"[A-Za-z0-9_\-]{20}", "{w20}", "{a12}"),
    _gl("incoming-mail-token", "GitLab incoming mail token", "glimt-", r"[A-Za-z0-9_\-]{25}", "{w25}", "{a12}"),
    _gl("agent-token", "GitLab agent for Kubernetes token", "glagent-", r"[A-Za-z0-9_\-]{50}", "{w50}", "{a20}"),
    _gl("oauth-app-secret", "GitLab OAuth application secret", "gloas-", r"[A-Za-z0-9_\-]{64}", "{w64}", "{a20}",
        "GITLAB_OAUTH_SECRET"),
    _gl("scim-token", "GitLab SCIM token", "glsoat-", r"[A-Za-z0-9_\-]{20}", "{w20}", "{a12}"),
    _gl("feature-flag-client-token", "GitLab feature flag client token", "glffct-", r"[A-Za-z0-9_\-]{20}", "{w20}",
        "{a12}"),
    Provider(
        id="atlassian-api-token",
        name="Atlassian API token (Jira, Confluence, Bitbucket)",
        code="NSC102",
        # API tokens (ATATT), Bitbucket access tokens and admin keys (ATCTT), service-account tokens (ATSTT);
        # the "=" before the CRC may be escaped where the token sits in a URL or a .properties file.
        keywords=("ATATT3", "ATCTT3", "ATSTT3"),
        pattern=_L + r"AT[ACS]TT3[A-Za-z0-9_\-+/]{100,300}(?:=|%3[Dd]|\\=)[A-F0-9]{8}" + _R,
        env_name="ATLASSIAN_API_TOKEN",
        reference="https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/",
        # 192 characters: 183 of token, "=", then the CRC32 of the first 184 as upper-case hex
        # (gitleaks' atlassian.go validates its matches the same way).
        samples=("ATATT3xFfGF0{w171}", "ATCTT3xFfG{w173}", "ATSTT3xFfGF0{w171}"),
        non_samples=("ATATT3{w40}={H8}", "ATATT3xFfGF0{w171}", "ATATT3xFfGF0{w171}={H8}"),
        validate=checksums.valid_atlassian_token,
        finish=checksums.finish_atlassian_token,
        rotate="https://id.atlassian.com/manage-profile/security/api-tokens",
    ),
    _prefixed(
        "bitbucket-data-center-token", "Bitbucket Data Center HTTP access token", "NSC102", "BBDC-",
        r"[A-Za-z0-9+/@_\-]{40,50}", "BITBUCKET_TOKEN",
        "https://confluence.atlassian.com/bitbucketserver/http-access-tokens-939515499.html",
        samples=("BBDC-{w44}",),
        non_samples=("BBDC-{w20}",),
        rotate="https://confluence.atlassian.com/bitbucketserver/http-access-tokens-939515499.html",
    ),
    _prefixed(
        "bitbucket-app-password", "Bitbucket app password", "NSC102", "ATBB", r"[A-Za-z0-9_=\-]{32,40}",
        "BITBUCKET_APP_PASSWORD", "https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/",
        samples=("ATBB{a24}{H8}",),
        non_samples=("ATBB{a10}",),
        rotate="https://bitbucket.org/account/settings/app-passwords/",
    ),
    Provider(
        id="circleci-token",
        name="CircleCI API token",
        code="NSC102",
        keywords=("CCIPAT_", "CCIPRJ_"),
        pattern=_L + r"CCI(?:PAT|PRJ)_[A-Za-z0-9]{22}_[a-f0-9]{40}" + _R,
        env_name="CIRCLECI_TOKEN",
        reference="https://circleci.com/docs/managing-api-tokens/",
        samples=("CCIPAT_{a22}_{h40}", "CCIPRJ_{a22}_{h40}"),
        non_samples=("CCIPAT_{a22}_{h20}", "CCIPAT_{a22}_{U40}"),
        rotate="https://app.circleci.com/settings/user/tokens",
    ),
    _prefixed(
        "buildkite-api-token", "Buildkite API access token", "NSC102", "bkua_", r"[a-z0-9]{40}",
        "BUILDKITE_API_TOKEN", "https://buildkite.com/docs/apis/managing-api-tokens",
        samples=("bkua_{h40}", "bkua_{l40}"),
        non_samples=("bkua_{h20}", "bkua_{U40}"),
        rotate="https://buildkite.com/user/api-access-tokens",
    ),
    Provider(
        id="sourcegraph-access-token",
        name="Sourcegraph access token",
        code="NSC102",
        keywords=("sgp_",),
        # issued lower-case; hex read either case (a token re-cased by a tool or a doc is still the token)
        pattern=_L + r"sgp_(?:[a-fA-F0-9]{16}_[a-fA-F0-9]{40}|local_[a-fA-F0-9]{40}|[a-fA-F0-9]{40})" + _R,
        env_name="SRC_ACCESS_TOKEN",
        reference="https://sourcegraph.com/docs/cli/how-tos/creating_an_access_token",
        samples=("sgp_{h16}_{h40}", "sgp_local_{h40}", "sgp_{h40}", "sgp_{H16}_{h40}"),
        non_samples=("sgp_{h20}", "sgp_{L40}"),
        rotate="https://sourcegraph.com/user/settings/tokens",
    ),
    Provider(
        id="sonarqube-token",
        name="SonarQube / SonarCloud token",
        code="NSC102",
        keywords=("squ_", "sqp_", "sqa_", "sqco_"),
        pattern=_L + r"sq(?:[upa]_[a-f0-9]{40}|co_[A-Za-z0-9]{59})" + _R,
        env_name="SONAR_TOKEN",
        reference="https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/",
        samples=("squ_{h40}", "sqp_{h40}", "sqa_{h40}", "sqco_{a59}"),
        non_samples=("squ_{h20}", "squ_{U40}"),
        rotate="https://sonarcloud.io/account/security",
    ),
    # ---------------------------------------------------------------- payment (NSC103)
    Provider(
        id="stripe-secret-key",
        name="Stripe secret key",
        code="NSC103",
        keywords=("sk_live_", "rk_live_", "sk_test_", "rk_test_"),
        pattern=_L + r"(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,247}" + _R,
        env_name="STRIPE_SECRET_KEY",
        reference="https://docs.stripe.com/keys#obtain-api-keys",
        samples=("sk_live_{a24}", "rk_live_{a99}", "sk_test_{a51}"),
        non_samples=("sk_live_{a10}", "pk_live_{a24}"),
        rotate="https://dashboard.stripe.com/apikeys",
    ),
    _prefixed(
        "stripe-webhook-secret", "Stripe webhook signing secret", "NSC103", "whsec_", r"[A-Za-z0-9+/=]{32,88}",
        "STRIPE_WEBHOOK_SECRET", "https://docs.stripe.com/webhooks#verify-events",
        samples=("whsec_{a32}",),
        non_samples=("whsec_{a16}",),
        rotate="https://dashboard.stripe.com/webhooks",
    ),
    Provider(
        id="square-access-token",
        name="Square access token",
        code="NSC103",
        keywords=("sq0atp-", "EAAA"),
        pattern=_L + r"(?:sq0atp-[A-Za-z0-9_\-]{22,60}|EAAA[A-Za-z0-9_\-]{60})" + _R,
        env_name="SQUARE_ACCESS_TOKEN",
        reference="https://developer.squareup.com/docs/build-basics/access-tokens",
        samples=("EAAA{w60}", "sq0atp-{w22}"),
        non_samples=("EAAA{w30}", "sq0atp-{w10}"),
        rotate="https://developer.squareup.com/apps",
    ),
    Provider(
        # Production (sq0csp-) and sandbox (sandbox-sq0csb-) application secrets. The application ids
        # (sq0idp-, sandbox-sq0idb-) are public and not reported.
        id="square-oauth-secret",
        name="Square OAuth application secret",
        code="NSC103",
        keywords=("sq0csp-", "sandbox-sq0csb-"),
        pattern=_L + r"(?:sq0csp|sandbox-sq0csb)-[A-Za-z0-9_\-]{43}" + _R,
        env_name="SQUARE_APPLICATION_SECRET",
        reference="https://developer.squareup.com/docs/oauth-api/overview",
        samples=("sq0csp-{w43}", "sandbox-sq0csb-{w43}"),
        non_samples=("sq0csp-{w20}", "sandbox-sq0idb-{w22}"),
        rotate="https://developer.squareup.com/apps",
    ),
    Provider(
        id="braintree-access-token",
        name="Braintree (PayPal) access token",
        code="NSC103",
        keywords=("access_token$production$", "access_token$sandbox$"),
        pattern=r"access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}" + _R,
        env_name="BRAINTREE_ACCESS_TOKEN",
        reference="https://developer.paypal.com/braintree/articles/control-panel/important-gateway-credentials",
        samples=("access_token$production${l16}${h32}", "access_token$sandbox${l16}${h32}"),
        non_samples=("access_token$production${l16}${h12}",),
        rotate="https://www.braintreegateway.com/login",
    ),
    _shopify("access-token", "Shopify Admin API access token", "shpat_"),
    _shopify("custom-app-token", "Shopify custom app access token", "shpca_"),
    _shopify("private-app-token", "Shopify private app access token", "shppa_"),
    _shopify("shared-secret", "Shopify app shared secret", "shpss_"),
    Provider(
        id="flutterwave-secret-key",
        name="Flutterwave secret key",
        code="NSC103",
        keywords=("FLWSECK-", "FLWSECK_TEST-"),
        pattern=_L + r"FLWSECK(?:_TEST)?-[A-Za-z0-9]{32}-X" + _R,
        env_name="FLUTTERWAVE_SECRET_KEY",
        reference="https://developer.flutterwave.com/docs/authentication",
        samples=("FLWSECK-{h32}-X", "FLWSECK_TEST-{h32}-X"),
        non_samples=("FLWSECK-{h20}-X", "FLWSECK-{h32}"),
        rotate="https://app.flutterwave.com/dashboard/settings/apis",
    ),
    Provider(
        id="plaid-access-token",
        name="Plaid access token",
        code="NSC103",
        keywords=("access-production-", "access-development-", "access-sandbox-"),
        pattern=_L + r"access-(?:production|development|sandbox)-" + _UUID + _R,
        env_name="PLAID_ACCESS_TOKEN",
        reference="https://plaid.com/docs/api/items/#item-access-tokens",
        samples=("access-production-{h8}-{h4}-{h4}-{h4}-{h12}", "access-sandbox-{h8}-{h4}-{h4}-{h4}-{h12}"),
        non_samples=("access-production-{h8}-{h4}", "access-staging-{h8}-{h4}-{h4}-{h4}-{h12}"),
        rotate="https://plaid.com/docs/api/items/#itemaccess_tokeninvalidate",
    ),
    _prefixed(
        "ramp-client-secret", "Ramp API client secret", "NSC103", "ramp_sec_", r"[A-Za-z0-9]{48}",
        "RAMP_CLIENT_SECRET", "https://docs.ramp.com/developer-api/v1/authorization",
        samples=("ramp_sec_{a48}",),
        non_samples=("ramp_sec_{a20}",),
        rotate="https://app.ramp.com/settings/developer",
    ),
    _prefixed(
        "adyen-api-key", "Adyen API key", "NSC103", "AQE", r"[a-z0-9]{5,12}\.[A-Za-z0-9_=\-]{50,80}",
        "ADYEN_API_KEY", "https://docs.adyen.com/development-resources/api-credentials/",
        samples=("AQEyhmfx.{w60}", "AQE{l8}.{w72}"),
        non_samples=("AQEyhmfx.{w20}", "AQE{U8}.{w60}"),
        rotate="https://ca-test.adyen.com/ca/ca/config/api_credentials_new.shtml",
    ),
    # ---------------------------------------------------------------- messaging / e-mail (NSC104)
    Provider(
        id="slack-token",
        name="Slack token",
        code="NSC104",
        keywords=("xoxb-", "xoxp-", "xoxa-", "xoxo-", "xoxs-", "xoxr-", "xoxe-"),
        # Current bot (team-bot-secret) and user (team-user-team-hash) tokens, and the legacy shapes Slack
        # still honours: bot tokens with one number and a 24-character secret, pre-2016 user/xoxs/xoxo tokens
        # whose team and user numbers are shorter (4+ digits) and whose hash may be 10 hex digits, and
        # workspace-app tokens with a leading version digit (xoxa-2-…). Numbers below 4 digits are placeholders.
        # The file token in a url_private link ("?t=xoxe-" then three numbers and 32 hex) is a user token too.
        pattern=_L + r"(?:xox[abposr]-(?:\d-)?\d{4,14}-(?:\d{4,14}-\d{4,14}-[A-Za-z0-9]{10,64}"
        r"|\d{4,14}-[A-Za-z0-9]{18,64}|[A-Za-z0-9]{18,40})|xoxe-\d{10,13}-\d{10,13}-\d{10,13}-[a-f0-9]{32})" + _R,
        env_name="SLACK_TOKEN",
        reference="https://api.slack.com/authentication/token-types",
        samples=(
            "xoxb-{d12}-{d13}-{a24}",
            "xoxp-{d12}-{d12}-{d13}-{a32}",
            "xoxb-{d12}-{a24}",
            "xoxp-{d4}-{d6}-{d6}-{h20}",
            "xoxs-{d10}-{d10}-{d10}-{h10}",
            "xoxa-2-{d9}-{d11}-{d13}-{h18}",
            "xoxe-{d13}-{d13}-{d13}-{h32}",
        ),
        non_samples=("xoxb-{d3}-{a24}", "xoxb-{d12}-{a10}", "xoxp-{d12}-{d12}-{d13}-{a6}", "xoxe-{d13}-{h32}",
                     "xoxe-{d4}-{d6}-{d6}-{h32}"),
        rotate="https://api.slack.com/apps",
    ),
    _prefixed(
        "slack-app-token", "Slack app-level token", "NSC104", "xapp-", r"\d-[A-Z0-9]{9,12}-\d{10,16}-[a-f0-9]{64}",
        "SLACK_APP_TOKEN", "https://api.slack.com/authentication/token-types#app-level",
        samples=("xapp-1-A{u10}-{d13}-{h64}",),
        non_samples=("xapp-1-A{u10}-{d13}-{h20}",),
        rotate="https://api.slack.com/apps",
    ),
    Provider(
        id="slack-config-token",
        name="Slack configuration token",
        code="NSC104",
        keywords=("xoxe.xoxp-", "xoxe.xoxb-", "xoxe-"),
        pattern=_L + r"xoxe(?:\.xox[bp]-\d-[A-Za-z0-9]{163,166}|-\d-[A-Za-z0-9]{146})" + _R,
        env_name="SLACK_CONFIG_TOKEN",
        reference="https://api.slack.com/authentication/config-tokens",
        samples=("xoxe.xoxp-1-{a164}", "xoxe-1-{a146}"),
        non_samples=("xoxe.xoxp-1-{a40}", "xoxe-1-{a40}"),
        rotate="https://api.slack.com/apps",
    ),
    Provider(
        id="slack-webhook-url",
        name="Slack incoming webhook URL",
        code="NSC104",
        keywords=("hooks.slack.com",),
        pattern=(
            r"https?://hooks\.slack\.com/(?:services|workflows|triggers)/"
            r"(?P<secret>[A-Za-z0-9+/]{43,56}|T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{23,24}"
            r"|T[A-Z0-9]{6,12}/A[A-Z0-9]{6,12}/\d{10,20}/[A-Za-z0-9]{23,32})" + _R
        ),
        env_name="SLACK_WEBHOOK_URL",
        reference="https://api.slack.com/messaging/webhooks",
        samples=("https://hooks.slack.com/services/T{U10}/B{U10}/{a24}", "https://hooks.slack.com/workflows/{a50}",
                 "http://hooks.slack.com/services/T{U8}/B{U7}/{a24}",
                 "https://hooks.slack.com/workflows/T{U10}/A{U10}/{d18}/{a24}"),
        non_samples=("https://hooks.slack.com/services/", "https://hooks.slack.com/services/T{U10}/B{U10}/{a8}"),
        rotate="https://api.slack.com/apps",
    ),
    Provider(
        id="discord-bot-token",
        name="Discord bot token",
        code="NSC104",
        keywords=_DISCORD_OPENINGS,
        pattern=_L + r"[MNO][A-Za-z0-9_\-]{22,26}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38}" + _R,
        env_name="DISCORD_BOT_TOKEN",
        reference="https://discord.com/developers/docs/reference#authentication",
        samples=("1{d18}.{w6}.{w38}", "7{d17}.{w6}.{w27}"),
        non_samples=("M{a23}.{w6}.{w38}", "1{d18}.{w6}.{w10}"),
        validate=checksums.valid_discord_bot_token,
        finish=checksums.finish_discord_bot_token,
        rotate="https://discord.com/developers/applications",
    ),
    Provider(
        id="discord-webhook-url",
        name="Discord webhook URL",
        code="NSC104",
        keywords=("discord.com/api/webhooks/", "discordapp.com/api/webhooks/"),
        pattern=(
            r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{17,20}/"
            r"(?P<secret>[A-Za-z0-9_\-]{60,68})" + _R
        ),
        env_name="DISCORD_WEBHOOK_URL",
        reference="https://discord.com/developers/docs/resources/webhook",
        samples=("https://discord.com/api/webhooks/1{d18}/{w68}", "https://discordapp.com/api/webhooks/{d18}/{w64}"),
        non_samples=("https://discord.com/api/webhooks/1{d18}/{w20}",),
        rotate="https://support.discord.com/hc/en-us/articles/228383668-Intro-to-Webhooks",
    ),
    Provider(
        # Bot id, a colon, then 35 characters that open with "AA"; the keyword is the ":AA" in the middle,
        # after a bounded run of digits.
        id="telegram-bot-token",
        name="Telegram bot token",
        code="NSC104",
        # The 35-character secret opens with "A" (gitleaks' telegram rule: "A" then 34), mostly "AA".
        # The Bot API takes the token in the URL path, glued to "bot": https://api.telegram.org/bot<token>/getMe.
        keywords=(":A",),
        pattern=r"(?:(?<=/bot)|(?<![A-Za-z0-9_\-:]))\d{8,10}:A[A-Za-z0-9_\-]{34}" + _R,
        env_name="TELEGRAM_BOT_TOKEN",
        reference="https://core.telegram.org/bots/api#making-requests",
        samples=(
            "{d10}:AA{w33}", "{d9}:AA{w33}", "{d9}:AH{w33}",
            "https://api.telegram.org/bot{d10}:AA{w33}/sendMessage",
            "https://api.telegram.org/file/bot{d9}:AA{w33}/photos/file_7.jpg",
        ),
        non_samples=(
            "{d10}:AA{w20}", "{d4}:AA{w33}", "{d10}:B{w34}",
            "https://api.telegram.org/robot{d10}:AA{w33}/sendMessage",  # glued to a longer word than "bot"
            "https://api.telegram.org/bot{d10}:AA{w20}/sendMessage",
        ),
        rotate="https://core.telegram.org/bots/features#botfather",
    ),
    _prefixed(
        "sendgrid-api-key", "SendGrid API key", "NSC104", "SG.", r"[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}",
        "SENDGRID_API_KEY", "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys",
        samples=("SG.{w22}.{w43}",),
        non_samples=("SG.{w22}.{w20}", "SG.{w10}"),
        rotate="https://app.sendgrid.com/settings/api_keys",
    ),
    _prefixed(
        # The account's private API key before 2022: "key-" then 32 lower-case hex or base-36 characters
        # (the public validation key is "pubkey-", which the left boundary keeps out). Newer keys have no
        # prefix; under a secret-like name the generic rule finds them.
        "mailgun-api-key", "Mailgun API key", "NSC104", "key-", r"[a-z0-9]{32}",
        "MAILGUN_API_KEY", "https://documentation.mailgun.com/docs/mailgun/api-reference/authentication",
        samples=("key-{h32}", "key-{l32}"),
        non_samples=("key-{l20}", "key-{L32}", "pubkey-{h32}", "api-key-{h32}"),
        validate=_has("digit", "alpha", skip=4),
        rotate="https://app.mailgun.com/settings/api_security",
    ),
    Provider(
        # Keys made since 2022 (account keys and domain sending keys): 32 hex digits, then the key's id as the Keys
        # API lists it, two groups of 8 hex digits. No literal prefix: a value must hold a "-" and 8 hex digits
        # twice (one fast search for the first "-") before the pattern runs.
        id="mailgun-api-key-v2",
        name="Mailgun API key",
        code="NSC104",
        keywords=(),
        pattern=r"(?<![A-Za-z0-9_\-])[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}" + _R,
        env_name="MAILGUN_API_KEY",
        reference="https://documentation.mailgun.com/docs/mailgun/api-reference/openapi-final/tag/Keys",
        samples=("{h32}-{h8}-{h8}",),
        non_samples=(
            "{h32}-{h8}", "{h8}-{h4}-{h4}-{h4}-{h12}", "{H32}-{H8}-{H8}", "{h32}-{h8}-{h8}-{h8}", "{h40}-{h8}-{h8}",
        ),
        validate=_has("digit", "alpha", skip=0),
        shape=_mailgun_key_shape,
        rotate="https://app.mailgun.com/settings/api_security",
    ),
    Provider(
        # 32 hex digits then the data-centre suffix: the keyword "-us" follows a fixed-length lead-in.
        id="mailchimp-api-key",
        name="Mailchimp API key",
        code="NSC104",
        keywords=("-us",),
        pattern=r"(?<![A-Za-z0-9_\-])[a-f0-9]{32}-us\d{1,2}" + _R,
        env_name="MAILCHIMP_API_KEY",
        reference="https://mailchimp.com/developer/marketing/guides/quick-start/#generate-your-api-key",
        samples=("{h32}-us{d2}", "{h32}-us6"),
        non_samples=("{h20}-us6", "{h32}-eu6"),
        rotate="https://us1.admin.mailchimp.com/account/api/",
    ),
    Provider(
        id="brevo-api-key",
        name="Brevo (Sendinblue) API key",
        code="NSC104",
        keywords=("xkeysib-", "xsmtpsib-"),
        pattern=_L + r"x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}" + _R,
        env_name="BREVO_API_KEY",
        reference="https://developers.brevo.com/docs/getting-started",
        samples=("xkeysib-{h64}-{a16}", "xsmtpsib-{h64}-{a16}"),
        non_samples=("xkeysib-{h64}", "xkeysib-{h20}-{a16}"),
        rotate="https://app.brevo.com/settings/keys/api",
    ),
    Provider(
        id="microsoft-teams-webhook",
        name="Microsoft Teams incoming webhook URL",
        code="NSC104",
        keywords=(".webhook.office.com/webhookb2/",),
        pattern=(
            r"https://[a-z0-9\-]{1,40}\.webhook\.office\.com/webhookb2/"
            r"(?P<secret>[a-f0-9\-]{36}@[a-f0-9\-]{36}/IncomingWebhook/[A-Za-z0-9]{32}/[a-f0-9\-]{36})"
        ),
        env_name="TEAMS_WEBHOOK_URL",
        reference=(
            "https://learn.microsoft.com/en-us/microsoftteams/platform/"
            "webhooks-and-connectors/how-to/add-incoming-webhook"
        ),
        samples=(
            "https://contoso.webhook.office.com/webhookb2/{h8}-{h4}-{h4}-{h4}-{h12}@{h8}-{h4}-{h4}-{h4}-{h12}"
            "/IncomingWebhook/{a32}/{h8}-{h4}-{h4}-{h4}-{h12}",
        ),
        non_samples=("https://contoso.webhook.office.com/webhookb2/",),
        rotate=(
            "https://learn.microsoft.com/en-us/microsoftteams/platform/"
            "webhooks-and-connectors/how-to/add-incoming-webhook"
        ),
    ),
    # ---------------------------------------------------------------- AI APIs (NSC105)
    Provider(
        id="anthropic-api-key",
        name="Anthropic API key",
        code="NSC105",
        keywords=("sk-ant-",),
        # Anthropic documents the prefix and its version ("sk-ant-api03-"), not the body: keys seen so far end
        # in "AA", but nothing says they must, so any long base64url body after the versioned prefix counts.
        pattern=_L + r"sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_\-]{80,120}" + _R,
        env_name="ANTHROPIC_API_KEY",
        reference="https://docs.anthropic.com/en/api/getting-started#authentication",
        samples=("sk-ant-api03-{w93}AA", "sk-ant-admin01-{w93}AA", "sk-ant-api03-{w94}"),
        non_samples=("sk-ant-api03-{w20}", "sk-ant-apikey-{w93}AA", "sk-ant-api03-{w130}"),
        rotate="https://console.anthropic.com/settings/keys",
    ),
    _prefixed(
        "anthropic-oauth-token", "Anthropic Claude Code OAuth token", "NSC105", "sk-ant-oat",
        r"\d\d-[A-Za-z0-9_\-]{80,120}", "CLAUDE_CODE_OAUTH_TOKEN",
        "https://docs.anthropic.com/en/docs/claude-code/github-actions",
        samples=("sk-ant-oat01-{w95}",),
        non_samples=("sk-ant-oat01-{w40}",),
        keywords=("sk-ant-",),
        rotate="https://claude.ai/settings/claude-code",
    ),
    Provider(
        id="openai-api-key",
        name="OpenAI API key",
        code="NSC105",
        keywords=("T3BlbkFJ",),
        pattern=_L + r"sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_\-]{20,74}T3BlbkFJ[A-Za-z0-9_\-]{20,74}" + _R,
        env_name="OPENAI_API_KEY",
        reference="https://platform.openai.com/docs/api-reference/authentication",
        samples=("sk-{a20}T3BlbkFJ{a20}", "sk-proj-{w74}T3BlbkFJ{w74}", "sk-svcacct-{w58}T3BlbkFJ{w58}"),
        non_samples=("sk-{a20}", "sk-{a10}T3BlbkFJ{a10}"),
        rotate="https://platform.openai.com/api-keys",
    ),
    _prefixed(
        # "sk-" then 32 lower-case hex digits (a UUID's hex): DeepSeek's keys, and Alibaba Cloud Model Studio
        # (DashScope) keys have the same shape. Neither provider documents it; the peers' rules agree on it.
        "deepseek-api-key", "DeepSeek (or DashScope) API key", "NSC105", "sk-", r"[a-f0-9]{32}",
        "DEEPSEEK_API_KEY", "https://api-docs.deepseek.com/",
        samples=("sk-{h32}",),
        non_samples=("sk-{h20}", "sk-{h40}", "sk-{a32}", "task-{h32}"),
        validate=_has("digit", "alpha", skip=3),
        rotate="https://platform.deepseek.com/api_keys",
    ),
    _prefixed(
        # Most tokens are letters only, but the documentation does not say so: digits may occur. A mix of cases
        # (and a length of exactly 34) keeps identifiers such as hf_hub_download_cache_dir_default out.
        "huggingface-token", "Hugging Face access token", "NSC105", "hf_", r"[A-Za-z0-9]{34}",
        "HF_TOKEN", "https://huggingface.co/docs/hub/security-tokens",
        samples=("hf_{L10}{U4}{L20}", "hf_{a34}"),
        non_samples=("hf_{L20}", "hf_{a30}12", "hf_{L34}", "hf_{U34}"),
        validate=_has("upper", "lower", skip=3),
        rotate="https://huggingface.co/settings/tokens",
    ),
    _prefixed(
        "huggingface-org-token", "Hugging Face organization API token", "NSC105", "api_org_", r"[A-Za-z]{34}",
        "HF_TOKEN", "https://huggingface.co/docs/hub/security-tokens",
        samples=("api_org_{L12}{U2}{L20}",),
        non_samples=("api_org_{L20}",),
        rotate="https://huggingface.co/settings/tokens",
    ),
    _prefixed(
        "groq-api-key", "Groq API key", "NSC105", "gsk_", r"[A-Za-z0-9]{52}",
        "GROQ_API_KEY", "https://console.groq.com/docs/quickstart",
        samples=("gsk_{a52}",),
        non_samples=("gsk_{a30}",),
        rotate="https://console.groq.com/keys",
    ),
    _prefixed(
        "replicate-api-token", "Replicate API token", "NSC105", "r8_", r"[A-Za-z0-9]{37}",
        "REPLICATE_API_TOKEN", "https://replicate.com/docs/reference/http#authentication",
        samples=("r8_{a37}",),
        non_samples=("r8_{a20}",),
        rotate="https://replicate.com/account/api-tokens",
    ),
    _prefixed(
        "perplexity-api-key", "Perplexity API key", "NSC105", "pplx-", r"[A-Za-z0-9]{48}",
        "PERPLEXITY_API_KEY", "https://docs.perplexity.ai/guides/getting-started",
        samples=("pplx-{a48}",),
        non_samples=("pplx-{a20}",),
        rotate="https://www.perplexity.ai/settings/api",
    ),
    _prefixed(
        "xai-api-key", "xAI API key", "NSC105", "xai-", r"[A-Za-z0-9]{80}",
        "XAI_API_KEY", "https://docs.x.ai/docs/overview",
        samples=("xai-{a80}",),
        non_samples=("xai-{a40}", "xai-grok-{L20}"),
        rotate="https://console.x.ai/",
    ),
    Provider(
        id="langsmith-api-key",
        name="LangSmith API key",
        code="NSC105",
        keywords=("lsv2_pt_", "lsv2_sk_"),
        pattern=_L + r"lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}" + _R,
        env_name="LANGSMITH_API_KEY",
        reference=(
            "https://docs.smith.langchain.com/administration/how_to_guides/"
            "organization_management/create_account_api_key"
        ),
        samples=("lsv2_pt_{h32}_{h10}", "lsv2_sk_{h32}_{h10}"),
        non_samples=("lsv2_pt_{h32}", "lsv2_pt_{h20}_{h10}"),
        rotate="https://smith.langchain.com/settings",
    ),
    _prefixed(
        "openrouter-api-key", "OpenRouter API key", "NSC105", "sk-or-v1-", r"[a-f0-9]{64}",
        "OPENROUTER_API_KEY", "https://openrouter.ai/docs/api-reference/authentication",
        samples=("sk-or-v1-{h64}",),
        non_samples=("sk-or-v1-{h32}",),
        rotate="https://openrouter.ai/settings/keys",
    ),
    Provider(
        id="amazon-bedrock-api-key",
        name="Amazon Bedrock API key",
        code="NSC105",
        keywords=("ABSK", "bedrock-api-key-"),
        pattern=_L + r"(?:ABSK[A-Za-z0-9+/]{109,269}={0,2}"
        r"|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/%]{20,2000}={0,2})" + _R,
        env_name="AWS_BEARER_TOKEN_BEDROCK",
        reference="https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html",
        samples=("ABSK{b140}", "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t{b300}"),
        non_samples=("ABSK{b40}", "bedrock-api-key-{b60}"),
        rotate="https://console.aws.amazon.com/bedrock/home#/api-keys",
    ),
    _prefixed(
        "nvidia-api-key", "NVIDIA API key", "NSC105", "nvapi-", r"[A-Za-z0-9_\-]{50,80}",
        "NVIDIA_API_KEY", "https://docs.api.nvidia.com/nim/docs/api-quickstart",
        samples=("nvapi-{w64}",),
        non_samples=("nvapi-{w20}",),
        rotate="https://org.ngc.nvidia.com/setup/api-keys",
    ),
    _prefixed(
        "wandb-api-key", "Weights & Biases API key", "NSC105", "wandb_v1_", r"[A-Za-z0-9]{27}_[A-Za-z0-9]{49}",
        "WANDB_API_KEY", "https://docs.wandb.ai/support/find_api_key/",
        samples=("wandb_v1_{a27}_{a49}",),
        non_samples=("wandb_v1_{a27}", "wandb_v1_{a27}_{a20}"),
        rotate="https://wandb.ai/authorize",
    ),
    _prefixed(
        "together-api-key", "Together AI API key", "NSC105", "tgp_v1_", r"[A-Za-z0-9_\-]{43}",
        "TOGETHER_API_KEY", "https://docs.together.ai/reference/authentication-1",
        samples=("tgp_v1_{w43}",),
        non_samples=("tgp_v1_{w20}",),
        rotate="https://api.together.ai/settings/api-keys",
    ),
    _prefixed(
        # Production keys, and development keys marked "dev-".
        "tavily-api-key", "Tavily API key", "NSC105", "tvly-", r"(?:dev-|prod-)?[A-Za-z0-9]{32}",
        "TAVILY_API_KEY", "https://docs.tavily.com/documentation/api-reference/introduction",
        samples=("tvly-{a32}", "tvly-dev-{a32}"),
        non_samples=("tvly-{a20}", "tvly-{L32}"),
        validate=_has("digit", "alpha", skip=5),
        rotate="https://app.tavily.com/home",
    ),
    _prefixed(
        "llamacloud-api-key", "LlamaCloud (LlamaParse) API key", "NSC105", "llx-", r"[A-Za-z0-9_\-]{48}",
        "LLAMA_CLOUD_API_KEY", "https://docs.cloud.llamaindex.ai/api_key",
        samples=("llx-{a48}", "llx-{w48}"),
        non_samples=("llx-{a20}", "llx-{L48}"),
        validate=_has("digit", "alpha", skip=4),
        rotate="https://cloud.llamaindex.ai/api-key",
    ),
    # ---------------------------------------------------------------- package registries (NSC106)
    Provider(
        id="pypi-token",
        name="PyPI API token",
        code="NSC106",
        keywords=("pypi-AgE",),
        pattern=_L + r"pypi-AgE[A-Za-z0-9_\-]{50,1000}" + _R,
        env_name="PYPI_TOKEN",
        reference="https://pypi.org/help/#apitoken",
        samples=("pypi-AgEIcHlwaS5vcmc{w70}", "pypi-AgENdGVzdC5weXBpLm9yZw{w70}"),
        non_samples=("pypi-AgEI{w70}",),
        validate=checksums.valid_pypi_macaroon,
        rotate="https://pypi.org/manage/account/token/",
    ),
    _prefixed(
        "npm-token", "npm access token", "NSC106", "npm_", r"[A-Za-z0-9]{36}",
        "NPM_TOKEN", "https://github.blog/2021-09-23-announcing-npms-new-access-token-format/",
        samples=("npm_{a30}",),
        non_samples=("npm_{a36}", "npm_{a20}"),
        validate=checksums.valid_crc32_suffix,
        finish=checksums.add_crc32_suffix,
        rotate="https://www.npmjs.com/settings/~/tokens",
    ),
    _prefixed(
        "rubygems-api-key", "RubyGems API key", "NSC106", "rubygems_", r"[a-f0-9]{48}",
        "GEM_HOST_API_KEY", "https://guides.rubygems.org/api-key-scopes/",
        samples=("rubygems_{h48}",),
        non_samples=("rubygems_{h20}", "rubygems_{L48}"),
        rotate="https://rubygems.org/profile/api_keys",
    ),
    _prefixed(
        "nuget-api-key", "NuGet API key", "NSC106", "oy2", r"[a-z0-9]{43}",
        "NUGET_API_KEY", "https://learn.microsoft.com/en-us/nuget/nuget-org/scoped-api-keys",
        samples=("oy2{l43}",),
        non_samples=("oy2{l20}", "oy2{U43}", "oy2{L43}"),
        validate=_has("digit", "alpha", skip=3),
        rotate="https://www.nuget.org/account/apikeys",
    ),
    Provider(
        id="docker-hub-token",
        name="Docker Hub access token",
        code="NSC106",
        keywords=("dckr_pat_", "dckr_oat_"),
        pattern=_L + r"dckr_(?:pat|oat)_[A-Za-z0-9_\-]{27,32}" + _R,
        env_name="DOCKERHUB_TOKEN",
        reference="https://docs.docker.com/security/for-developers/access-tokens/",
        samples=("dckr_pat_{w27}", "dckr_oat_{w32}"),
        non_samples=("dckr_pat_{w12}",),
        rotate="https://app.docker.com/settings/personal-access-tokens",
    ),
    _prefixed(
        "crates-io-token", "crates.io API token", "NSC106", "cio", r"[A-Za-z0-9]{32}",
        "CARGO_REGISTRY_TOKEN", "https://doc.rust-lang.org/cargo/reference/registry-authentication.html",
        samples=("cio{a32}",),
        non_samples=("cio{a16}", "cio{L32}", "cioConfigurationLoader{L10}"),
        validate=_has("digit", "upper", "lower", skip=3),
        rotate="https://crates.io/settings/tokens",
    ),
    _prefixed(
        "artifactory-api-key", "JFrog Artifactory API key", "NSC106", "AKCp", r"[A-Za-z0-9]{69}",
        "ARTIFACTORY_API_KEY", "https://jfrog.com/help/r/jfrog-platform-administration-documentation/api-key",
        samples=("AKCp{a69}",),
        non_samples=("AKCp{a30}",),
        rotate="https://jfrog.com/help/r/jfrog-platform-administration-documentation/api-key",
    ),
    _prefixed(
        "artifactory-reference-token", "JFrog Artifactory reference token", "NSC106", "cmVmd", r"[A-Za-z0-9]{59}",
        "ARTIFACTORY_ACCESS_TOKEN",
        "https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens",
        samples=("cmVmdGtuOjAxOj{a50}",),
        non_samples=("cmVmd{a20}",),
        rotate="https://jfrog.com/help/r/jfrog-platform-administration-documentation/revoke-access-tokens",
    ),
    _prefixed(
        "clojars-deploy-token", "Clojars deploy token", "NSC106", "CLOJARS_", r"[a-z0-9]{60}",
        "CLOJARS_DEPLOY_TOKEN", "https://github.com/clojars/clojars-web/wiki/Deploy-Tokens",
        samples=("CLOJARS_{l60}",),
        non_samples=("CLOJARS_{l20}", "CLOJARS_{U60}"),
        rotate="https://clojars.org/tokens",
    ),
    # ---------------------------------------------------------------- observability (NSC107)
    _prefixed(
        "new-relic-user-key", "New Relic user API key", "NSC107", "NRAK-", r"[A-Z0-9]{27}",
        "NEW_RELIC_API_KEY", "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/#user-key",
        samples=("NRAK-{u27}",),
        non_samples=("NRAK-{u12}", "NRAK-{l27}"),
        rotate="https://one.newrelic.com/admin-portal/api-keys/home",
    ),
    _prefixed(
        "new-relic-insert-key", "New Relic insert key", "NSC107", "NRII-", r"[A-Za-z0-9_\-]{32}",
        "NEW_RELIC_INSERT_KEY",
        "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/#insights-insert-key",
        samples=("NRII-{w32}",),
        non_samples=("NRII-{w12}",),
        rotate="https://one.newrelic.com/admin-portal/api-keys/home",
    ),
    Provider(
        id="new-relic-license-key",
        name="New Relic ingest license key",
        code="NSC107",
        keywords=("NRAL",),
        # EU-region license keys open with the region, "eu01xx", then 30 hex digits.
        pattern=r"(?<![A-Za-z0-9_\-])(?:eu01xx[a-f0-9]{30}|[a-f0-9]{36})NRAL" + _R,
        env_name="NEW_RELIC_LICENSE_KEY",
        reference="https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/#license-key",
        samples=("{h36}NRAL", "eu01xx{h30}NRAL"),
        non_samples=("{h20}NRAL", "{h36}NRAK", "eu01xx{h20}NRAL"),
        rotate="https://one.newrelic.com/admin-portal/api-keys/home",
    ),
    _prefixed(
        "sentry-user-token", "Sentry user auth token", "NSC107", "sntryu_", r"[a-f0-9]{64}",
        "SENTRY_AUTH_TOKEN", "https://docs.sentry.io/account/auth-tokens/#user-auth-tokens",
        samples=("sntryu_{h64}",),
        non_samples=("sntryu_{h32}",),
        rotate="https://sentry.io/settings/account/api/auth-tokens/",
    ),
    _prefixed(
        "sentry-org-token", "Sentry organization auth token", "NSC107", "sntrys_eyJ",
        r"[A-Za-z0-9+/]{20,800}={0,2}_[A-Za-z0-9+/]{43}", "SENTRY_AUTH_TOKEN",
        "https://docs.sentry.io/account/auth-tokens/#organization-tokens",
        samples=("sntrys_eyJpYXQiO{l12}_{b43}",),
        non_samples=("sntrys_eyJ{b40}_{b43}", "sntrys_eyJpYXQiO{b40}"),
        keywords=("sntrys_",),
        validate=checksums.valid_sentry_org_token,
        finish=checksums.finish_sentry_org_token,
        rotate="https://sentry.io/orgredirect/settings/:orgslug/auth-tokens/",
    ),
    _prefixed(
        "grafana-service-account-token", "Grafana service account token", "NSC107", "glsa_",
        r"[A-Za-z0-9]{32}_[a-f0-9]{8}", "GRAFANA_SERVICE_ACCOUNT_TOKEN",
        "https://grafana.com/docs/grafana/latest/administration/service-accounts/",
        samples=("glsa_{a32}",),
        non_samples=("glsa_{a32}_{h8}", "glsa_{a20}"),
        validate=checksums.valid_grafana_sa_token,
        finish=checksums.add_grafana_sa_checksum,
        rotate="https://grafana.com/docs/grafana/latest/administration/service-accounts/#delete-a-service-account",
    ),
    _prefixed(
        "grafana-cloud-token", "Grafana Cloud access policy token", "NSC107", "glc_", r"[A-Za-z0-9+/]{32,600}={0,3}",
        "GRAFANA_CLOUD_TOKEN",
        "https://grafana.com/docs/grafana-cloud/account-management/authentication-and-permissions/access-policies/",
        samples=("glc_{a40}",),
        non_samples=("glc_{a40}", "glc_{a10}"),
        validate=checksums.valid_grafana_cloud_token,
        finish=checksums.finish_grafana_cloud_token,
        rotate=(
            "https://grafana.com/docs/grafana-cloud/account-management/"
            "authentication-and-permissions/access-policies/"
        ),
    ),
    _prefixed(
        "grafana-api-key", "Grafana API key (legacy)", "NSC107", "eyJrIjoi", r"[A-Za-z0-9+/]{40,400}={0,2}",
        "GRAFANA_API_KEY", "https://grafana.com/docs/grafana/latest/developers/http_api/auth/",
        samples=("eyJrIjoi{a32}",),
        non_samples=("eyJrIjoi{a60}", "eyJrIjoi{a10}"),
        validate=checksums.valid_grafana_api_key,
        finish=checksums.finish_grafana_api_key,
        rotate="https://grafana.com/docs/grafana/latest/administration/api-keys/",
    ),
    Provider(
        id="dynatrace-token",
        name="Dynatrace API token",
        code="NSC107",
        keywords=("dt0c01.", "dt0s01.", "dt0s02.", "dt0s16."),
        pattern=_L + r"dt0[cs]\d\d\.[A-Z0-9]{24}\.[A-Z0-9]{64}" + _R,
        env_name="DT_API_TOKEN",
        reference=(
            "https://docs.dynatrace.com/docs/manage/identity-access-management/"
            "access-tokens-and-oauth-clients/access-tokens#token-format"
        ),
        samples=("dt0c01.{u24}.{u64}", "dt0s16.{u24}.{u64}"),
        non_samples=("dt0c01.{u24}.{u20}", "dt0c01.{l24}.{l64}"),
        rotate=(
            "https://docs.dynatrace.com/docs/manage/identity-access-management/"
            "access-tokens-and-oauth-clients/access-tokens"
        ),
    ),
    Provider(
        id="axiom-token",
        name="Axiom API or personal token",
        code="NSC107",
        keywords=("xaat-", "xapt-", "xait-"),
        pattern=_L + r"xa[api]t-" + _UUID + _R,
        env_name="AXIOM_TOKEN",
        reference="https://axiom.co/docs/reference/tokens",
        samples=("xaat-{h8}-{h4}-{h4}-{h4}-{h12}", "xapt-{h8}-{h4}-{h4}-{h4}-{h12}"),
        non_samples=("xaat-{h8}-{h4}", "xaat-{U8}-{h4}-{h4}-{h4}-{h12}"),
        rotate="https://app.axiom.co/settings/api-tokens",
    ),
    _prefixed(
        "new-relic-query-key", "New Relic Insights query key", "NSC107", "NRIQ-", r"[A-Za-z0-9_\-]{25}",
        "NEW_RELIC_QUERY_KEY", "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/",
        samples=("NRIQ-{w25}",),
        non_samples=("NRIQ-{w12}",),
        rotate="https://one.newrelic.com/admin-portal/api-keys/home",
    ),
    _prefixed(
        # 35 random bytes (32 in early keys) as a base-62 number, up to 48 characters and a few fewer when the
        # number is small; now base 57 with the top bit set, 48 or (3% of keys) 49 characters.
        "posthog-personal-api-key", "PostHog personal API key", "NSC107", "phx_", r"[A-Za-z0-9_]{40,49}",
        "POSTHOG_PERSONAL_API_KEY", "https://posthog.com/docs/api#personal-api-keys-recommended",
        samples=("phx_{a43}", "phx_{a47}", "phx_{a49}"),
        non_samples=("phx_{a20}",),
        rotate="https://app.posthog.com/settings/user-api-keys",
    ),
    Provider(
        # Project secret keys (phs_), OAuth access (pha_) and refresh (phr_) tokens: PostHog's
        # posthog/models/utils.py mints them like phx_ keys. Project keys (phc_) are public by design.
        id="posthog-secret-token",
        name="PostHog secret API key or OAuth token",
        code="NSC107",
        keywords=("phs_", "pha_", "phr_"),
        pattern=_L + r"ph[sar]_[A-Za-z0-9]{40,49}" + _R,
        env_name="POSTHOG_SECRET_KEY",
        reference="https://posthog.com/docs/api",
        samples=("phs_{a43}", "pha_{a43}", "phr_{a47}", "phs_{a49}"),
        non_samples=("phs_{a20}", "phc_{a43}", "pha_{L43}", "phs_{a50}"),
        validate=_has("digit", "upper", "lower", skip=4),
        rotate="https://app.posthog.com/settings/project",
    ),
    _prefixed(
        "rootly-api-key", "Rootly API key", "NSC107", "rootly_", r"[a-f0-9]{64}",
        "ROOTLY_API_TOKEN", "https://docs.rootly.com/api-reference/overview",
        samples=("rootly_{h64}",),
        non_samples=("rootly_{h32}",),
        rotate="https://rootly.com/account/api_keys",
    ),
    # ---------------------------------------------------------------- databases as a service (NSC108)
    _planetscale("api-token", "PlanetScale service token", "pscale_tkn_"),
    _planetscale("oauth-token", "PlanetScale OAuth token", "pscale_oauth_"),
    _planetscale("password", "PlanetScale database password", "pscale_pw_"),
    _prefixed(
        "supabase-access-token", "Supabase personal access token", "NSC108", "sbp_", r"(?:oauth_|v0_)?[a-f0-9]{40}",
        "SUPABASE_ACCESS_TOKEN", "https://supabase.com/docs/reference/api/introduction#authentication",
        samples=("sbp_{h40}", "sbp_oauth_{h40}"),
        non_samples=("sbp_{h20}", "sbp_{U40}"),
        rotate="https://supabase.com/dashboard/account/tokens",
    ),
    _prefixed(
        "supabase-secret-key", "Supabase secret API key", "NSC108", "sb_secret_", r"[A-Za-z0-9_\-]{20,100}",
        "SUPABASE_SECRET_KEY", "https://supabase.com/docs/guides/api/api-keys",
        samples=("sb_secret_{w31}",),
        non_samples=("sb_secret_{w12}", "sb_publishable_{w31}"),
        rotate="https://supabase.com/dashboard/project/_/settings/api-keys",
    ),
    _prefixed(
        "databricks-token", "Databricks personal access token", "NSC108", "dapi", r"[a-f0-9]{32}(?:-\d)?",
        "DATABRICKS_TOKEN", "https://docs.databricks.com/en/dev-tools/auth/pat.html",
        samples=("dapi{h32}", "dapi{h32}-2"),
        non_samples=("dapi{h20}", "dapi{U32}", "dapi{d32}"),
        validate=_has("digit", "alpha", skip=4),
        rotate="https://docs.databricks.com/en/dev-tools/auth/pat.html#revoke-a-personal-access-token",
    ),
    _prefixed(
        "clickhouse-cloud-api-secret", "ClickHouse Cloud API key secret", "NSC108", "4b1d", r"[A-Za-z0-9]{38}",
        "CLICKHOUSE_API_SECRET", "https://clickhouse.com/docs/cloud/manage/openapi",
        samples=("4b1d{a38}",),
        non_samples=("4b1d{h38}", "4b1d{a20}"),
        validate=_has("upper", skip=4),
        rotate="https://clickhouse.cloud/",
    ),
    _prefixed(
        "neon-api-key", "Neon API key", "NSC108", "napi_", r"[A-Za-z0-9]{40,80}",
        "NEON_API_KEY", "https://neon.tech/docs/manage/api-keys",
        samples=("napi_{l64}", "napi_{a64}"),
        non_samples=("napi_{l20}", "napi_create_string_utf8"),
        rotate="https://console.neon.tech/app/settings/api-keys",
    ),
    _prefixed(
        "pinecone-api-key", "Pinecone API key", "NSC108", "pcsk_", r"[A-Za-z0-9]{4,8}_[A-Za-z0-9]{40,80}",
        "PINECONE_API_KEY", "https://docs.pinecone.io/guides/projects/manage-api-keys",
        samples=("pcsk_{a6}_{a63}",),
        non_samples=("pcsk_{a6}_{a12}", "pcsk_{a63}"),
        rotate="https://app.pinecone.io/",
    ),
    # ---------------------------------------------------------------- SaaS (NSC109)
    Provider(
        id="notion-integration-token",
        name="Notion integration token",
        code="NSC109",
        keywords=("ntn_", "secret_"),
        # Notion documents the "ntn_" prefix (and the older "secret_"), not the body: tokens seen so far open
        # with 11 digits, but any 46 letters and digits in both cases count.
        pattern=_L + r"(?:ntn_[A-Za-z0-9]{46}|secret_[A-Za-z0-9]{43})" + _R,
        env_name="NOTION_TOKEN",
        reference="https://developers.notion.com/docs/authorization#internal-integration-auth-flow-set-up",
        samples=("ntn_{d11}{a35}", "secret_{a43}", "ntn_{d9}{L1}{a36}"),
        non_samples=("ntn_{L46}", "ntn_{d11}{a20}", "secret_{a20}", "secret_key_{L20}"),
        validate=_has("upper", "lower", skip=4),
        rotate="https://www.notion.so/my-integrations",
    ),
    Provider(
        id="linear-api-key",
        name="Linear API key",
        code="NSC109",
        keywords=("lin_api_", "lin_oauth_"),
        pattern=_L + r"lin_(?:api_[A-Za-z0-9]{40}|oauth_[a-f0-9]{64})" + _R,
        env_name="LINEAR_API_KEY",
        reference="https://developers.linear.app/docs/graphql/working-with-the-graphql-api#personal-api-keys",
        samples=("lin_api_{a40}", "lin_oauth_{h64}"),
        non_samples=("lin_api_{a20}",),
        rotate="https://linear.app/settings/account/security",
    ),
    _prefixed(
        "airtable-pat", "Airtable personal access token", "NSC109", "pat", r"[A-Za-z0-9]{14}\.[a-f0-9]{64}",
        "AIRTABLE_TOKEN", "https://airtable.com/developers/web/guides/personal-access-tokens",
        samples=("pat{a14}.{h64}",),
        non_samples=("pat{a14}.{h20}", "path{L10}.{h64}"),
        rotate="https://airtable.com/create/tokens",
    ),
    Provider(
        id="dropbox-access-token",
        name="Dropbox access token",
        code="NSC109",
        keywords=("sl.",),
        pattern=_L + r"sl\.(?:[a-z]\.)?[A-Za-z0-9_\-]{130,1400}" + _R,
        env_name="DROPBOX_ACCESS_TOKEN",
        reference="https://developers.dropbox.com/oauth-guide",
        samples=("sl.B{w135}", "sl.u.{w300}"),
        non_samples=("sl.{w40}",),
        rotate="https://www.dropbox.com/developers/apps",
    ),
    _prefixed(
        "mapbox-secret-token", "Mapbox secret access token", "NSC109", "sk.eyJ1Ijoi",
        r"[A-Za-z0-9_\-]{10,300}\.[A-Za-z0-9_\-]{20,30}", "MAPBOX_SECRET_TOKEN",
        "https://docs.mapbox.com/accounts/guides/tokens/",
        samples=("sk.eyJ1Ijoi{L10}.{w22}",),
        non_samples=("sk.eyJ1Ijoi{a40}.{w22}", "pk.eyJ1Ijoi{L10}.{w22}"),
        validate=checksums.valid_mapbox_secret_token,
        finish=checksums.finish_mapbox_secret_token,
        rotate="https://account.mapbox.com/access-tokens/",
    ),
    _prefixed(
        # Hex, in either case (gitleaks' postman rule matches it case-insensitively).
        "postman-api-key", "Postman API key", "NSC109", "PMAK-", r"[a-fA-F0-9]{24}-[a-fA-F0-9]{34}",
        "POSTMAN_API_KEY", "https://learning.postman.com/docs/developer/postman-api/authentication/",
        samples=("PMAK-{h24}-{h34}", "PMAK-{H24}-{H34}"),
        non_samples=("PMAK-{h24}-{h10}", "PMAK-{L24}-{L34}"),
        rotate="https://go.postman.co/settings/me/api-keys",
    ),
    _prefixed(
        # The access_key of a shared collection link: a ULID (26 Crockford base32 characters).
        "postman-collection-access-key", "Postman collection access key", "NSC109", "PMAT-", r"[0-9A-Za-z]{26}",
        "POSTMAN_ACCESS_KEY", "https://learning.postman.com/docs/collaborating-in-postman/sharing/",
        samples=("PMAT-01{u24}",),
        non_samples=("PMAT-{u12}", "PMAT-{U26}"),
        validate=_has("digit", "alpha", skip=5),
        rotate="https://go.postman.co/settings/me/api-keys",
    ),
    Provider(
        id="vault-token",
        name="HashiCorp Vault token",
        code="NSC109",
        keywords=("hvs.", "hvb.", "hvr."),
        pattern=_L + r"hv(?:s\.[A-Za-z0-9_\-]{90,120}|b\.[A-Za-z0-9_\-]{138,300}|r\.[A-Za-z0-9_\-]{22,120})" + _R,
        env_name="VAULT_TOKEN",
        reference="https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes",
        samples=("hvs.CAESI{w90}", "hvb.AAAAAQ{w140}"),
        non_samples=("hvs.{w20}", "hvb.{w60}"),
        rotate="https://developer.hashicorp.com/vault/docs/commands/token/revoke",
    ),
    Provider(
        # 14 characters precede the ".atlasv1." marker: a fixed-length lead-in, so matching stays linear.
        id="terraform-cloud-token",
        name="HCP Terraform (Terraform Cloud) API token",
        code="NSC109",
        keywords=(".atlasv1.",),
        pattern=r"(?<![A-Za-z0-9_\-])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_\-=]{60,70}" + _R,
        env_name="TFE_TOKEN",
        reference="https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens",
        samples=("{a14}.atlasv1.{w67}",),
        non_samples=("{a14}.atlasv1.{w20}", "{a8}.atlasv1.{w67}"),
        rotate="https://app.terraform.io/app/settings/tokens",
    ),
    _prefixed(
        "pulumi-access-token", "Pulumi access token", "NSC109", "pul-", r"[a-f0-9]{40}",
        "PULUMI_ACCESS_TOKEN", "https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/",
        samples=("pul-{h40}",),
        non_samples=("pul-{h20}", "pul-{U40}"),
        rotate="https://app.pulumi.com/account/tokens",
    ),
    Provider(
        id="doppler-token",
        name="Doppler token",
        code="NSC109",
        keywords=("dp.pt.", "dp.st.", "dp.sa.", "dp.said.", "dp.ct.", "dp.scim.", "dp.audit."),
        pattern=_L + r"dp\.(?:(?:pt|sa|said|ct|scim|audit)\.[A-Za-z0-9]{40,44}"
        r"|st\.(?:[a-z0-9_\-]{2,35}\.[A-Za-z0-9]{40,44}|[A-Za-z0-9]{40,44}))" + _R,
        env_name="DOPPLER_TOKEN",
        reference="https://docs.doppler.com/reference/auth-token-formats",
        samples=("dp.pt.{a43}", "dp.st.{a44}", "dp.st.prd.{a43}", "dp.sa.{a43}"),
        non_samples=("dp.pt.{a20}", "dp.xx.{a43}"),
        rotate="https://dashboard.doppler.com/workplace/tokens",
    ),
    _prefixed(
        "1password-service-account-token", "1Password service account token", "NSC109", "ops_eyJ",
        r"[A-Za-z0-9+/]{250,8000}={0,3}", "OP_SERVICE_ACCOUNT_TOKEN",
        "https://developer.1password.com/docs/service-accounts/",
        samples=("ops_eyJ{a120}",),
        non_samples=("ops_eyJ{a300}", "ops_eyJ{a40}"),
        keywords=("ops_eyJ",),
        validate=checksums.valid_onepassword_sa_token,
        finish=checksums.finish_onepassword_sa_token,
        rotate="https://my.1password.com/developer-tools/infrastructure-secrets/serviceaccount",
    ),
    Provider(
        id="1password-secret-key",
        name="1Password account Secret Key",
        code="NSC109",
        keywords=("A3-",),
        pattern=_L + r"A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})" + r"-[A-Z0-9]{5}" * 3 + _R,
        env_name="OP_SECRET_KEY",
        reference="https://support.1password.com/secret-key/",
        samples=("A3-{u6}-{u11}-{u5}-{u5}-{u5}", "A3-{u6}-{u6}-{u5}-{u5}-{u5}-{u5}"),
        non_samples=("A3-{u6}-{u11}-{u5}", "A3-{l6}-{l11}-{l5}-{l5}-{l5}", "A3-{U6}-{U11}-{U5}-{U5}-{U5}"),
        validate=_has("digit", skip=3),
        rotate="https://support.1password.com/secret-key/#if-you-need-a-new-secret-key",
    ),
    _prefixed(
        "figma-pat", "Figma personal access token", "NSC109", "fig",
        r"(?:d_[A-Za-z0-9_\-]{40,43}|p_[A-Za-z0-9_\-=]{40,54})",
        "FIGMA_TOKEN", "https://www.figma.com/developers/api#access-tokens",
        samples=("figd_{w40}", "figp_{w48}"),
        non_samples=("figd_{w20}", "figp_{w20}"),
        keywords=("figd_", "figp_"),
        rotate="https://www.figma.com/settings",
    ),
    _prefixed(
        "contentful-management-token", "Contentful content management token", "NSC109", "CFPAT-",
        r"[A-Za-z0-9_\-]{43}", "CONTENTFUL_MANAGEMENT_TOKEN",
        "https://www.contentful.com/developers/docs/references/authentication/#personal-access-tokens",
        samples=("CFPAT-{w43}",),
        non_samples=("CFPAT-{w20}",),
        rotate="https://app.contentful.com/account/profile/cma_tokens",
    ),
    Provider(
        id="shippo-api-token",
        name="Shippo API token",
        code="NSC109",
        keywords=("shippo_live_", "shippo_test_"),
        pattern=_L + r"shippo_(?:live|test)_[a-fA-F0-9]{40}" + _R,
        env_name="SHIPPO_API_TOKEN",
        reference="https://docs.goshippo.com/docs/guides_general/authentication/",
        samples=("shippo_live_{h40}", "shippo_test_{h40}"),
        non_samples=("shippo_live_{h20}",),
        rotate="https://apps.goshippo.com/settings/api",
    ),
    _prefixed(
        "typeform-pat", "Typeform personal access token", "NSC109", "tfp_", r"[A-Za-z0-9_\-.=]{59}",
        "TYPEFORM_TOKEN", "https://www.typeform.com/developers/get-started/personal-access-token/",
        samples=("tfp_{w44}_{a14}",),
        non_samples=("tfp_{w20}",),
        rotate="https://admin.typeform.com/user/tokens",
    ),
    Provider(
        id="easypost-api-key",
        name="EasyPost API key",
        code="NSC109",
        keywords=("EZAK", "EZTK"),
        pattern=_L + r"EZ[AT]K[A-Za-z0-9]{54}" + _R,
        env_name="EASYPOST_API_KEY",
        reference="https://docs.easypost.com/docs/authentication",
        samples=("EZAK{a54}", "EZTK{a54}"),
        non_samples=("EZAK{a20}",),
        rotate="https://www.easypost.com/account/api-keys",
    ),
    Provider(
        id="duffel-api-token",
        name="Duffel API token",
        code="NSC109",
        keywords=("duffel_live_", "duffel_test_"),
        pattern=_L + r"duffel_(?:live|test)_[A-Za-z0-9_\-=]{43}" + _R,
        env_name="DUFFEL_ACCESS_TOKEN",
        reference="https://duffel.com/docs/api/overview/making-requests/authentication",
        samples=("duffel_live_{w43}", "duffel_test_{w43}"),
        non_samples=("duffel_live_{w20}",),
        rotate="https://app.duffel.com/",
    ),
    _prefixed(
        "frameio-api-token", "Frame.io developer token", "NSC109", "fio-u-", r"[A-Za-z0-9_\-=]{64}",
        "FRAMEIO_TOKEN", "https://developer.frame.io/docs/getting-started/authentication",
        samples=("fio-u-{w64}",),
        non_samples=("fio-u-{w20}",),
        rotate="https://developer.frame.io/app/tokens",
    ),
    _prefixed(
        "readme-api-key", "ReadMe API key", "NSC109", "rdme_", r"[a-z0-9]{70}",
        "README_API_KEY", "https://docs.readme.com/main/reference/intro/authentication",
        samples=("rdme_{l70}",),
        non_samples=("rdme_{l30}",),
        rotate="https://dash.readme.com/",
    ),
    _prefixed(
        "prefect-api-key", "Prefect Cloud API key", "NSC109", "pnu_", r"[A-Za-z0-9]{36}",
        "PREFECT_API_KEY", "https://docs.prefect.io/v3/manage/cloud/manage-users/api-keys",
        samples=("pnu_{a36}",),
        non_samples=("pnu_{a20}",),
        rotate="https://app.prefect.cloud/my/api-keys",
    ),
    Provider(
        id="hubspot-private-app-token",
        name="HubSpot private app access token",
        code="NSC109",
        keywords=("pat-na1-", "pat-na2-", "pat-eu1-", "pat-ap1-"),
        pattern=_L + r"pat-(?:na|eu|ap)\d-" + _UUID + _R,
        env_name="HUBSPOT_ACCESS_TOKEN",
        reference="https://developers.hubspot.com/docs/api/private-apps",
        samples=("pat-na1-{h8}-{h4}-{h4}-{h4}-{h12}", "pat-eu1-{h8}-{h4}-{h4}-{h4}-{h12}"),
        non_samples=("pat-na1-{h8}-{h4}", "pat-xx1-{h8}-{h4}-{h4}-{h4}-{h12}"),
        rotate="https://knowledge.hubspot.com/integrations/how-do-i-get-my-hubspot-api-key",
    ),
    _prefixed(
        "netlify-pat", "Netlify personal access token", "NSC109", "nfp_", r"[A-Za-z0-9]{36,40}",
        "NETLIFY_AUTH_TOKEN", "https://docs.netlify.com/api/get-started/#authentication",
        samples=("nfp_{a36}",),
        non_samples=("nfp_{a20}",),
        rotate="https://app.netlify.com/user/applications#personal-access-tokens",
    ),
    _prefixed(
        "infracost-api-key", "Infracost API key", "NSC109", "ico-", r"[A-Za-z0-9]{32}",
        "INFRACOST_API_KEY", "https://www.infracost.io/docs/integrations/environment_variables/",
        samples=("ico-{a32}",),
        non_samples=("ico-{a12}", "ico-{L32}", "ico-{L16}{U16}"),
        validate=_has("digit", "upper", skip=4),
        rotate="https://dashboard.infracost.io/",
    ),
    Provider(
        id="facebook-access-token",
        name="Facebook (Meta) page access token",
        code="NSC109",
        keywords=("EAAM", "EAAC"),
        # Facebook says token lengths vary and change; short-lived and Graph API Explorer tokens run to
        # 80-odd characters. The body is letters and digits only, so a base64 run that goes on with "+", "/"
        # or "=" is data, not a token.
        pattern=_L + r"EAA[MC][A-Za-z0-9]{60,400}(?![A-Za-z0-9_\-+/=])",
        env_name="FACEBOOK_ACCESS_TOKEN",
        reference="https://developers.facebook.com/docs/facebook-login/guides/access-tokens",
        samples=("EAAM{a150}", "EAAC{a200}", "EAAC{a83}"),
        non_samples=("EAAM{a40}", "EAAC{a83}+{b40}=="),
        rotate="https://developers.facebook.com/tools/debug/accesstoken/",
    ),
    Provider(
        id="zapier-webhook-url",
        name="Zapier catch hook URL",
        code="NSC109",
        keywords=("hooks.zapier.com/hooks/catch/",),
        pattern=r"https://hooks\.zapier\.com/hooks/catch/(?P<secret>\d{5,12}/[a-z0-9]{6,12})" + _RA,
        env_name="ZAPIER_WEBHOOK_URL",
        reference="https://help.zapier.com/hc/en-us/articles/8496288690317-Trigger-Zaps-from-webhooks",
        samples=("https://hooks.zapier.com/hooks/catch/{d8}/{l7}/",),
        non_samples=("https://hooks.zapier.com/hooks/catch/",),
        rotate="https://zapier.com/app/zaps",
    ),
    Provider(
        id="tailscale-key",
        name="Tailscale API, auth or OAuth key",
        code="NSC109",
        keywords=("tskey-",),
        pattern=_L + r"tskey-(?:api|auth|client|scim|webhook)-[A-Za-z0-9]{4,40}-[A-Za-z0-9]{16,80}" + _R,
        env_name="TS_AUTHKEY",
        reference="https://tailscale.com/kb/1277/key-prefixes",
        samples=("tskey-auth-k{a11}CNTRL-{a33}", "tskey-api-k{a11}CNTRL-{a33}"),
        non_samples=("tskey-auth-k{a11}CNTRL", "tskey-other-k{a11}-{a33}"),
        rotate="https://login.tailscale.com/admin/settings/keys",
    ),
    _prefixed(
        "apify-api-token", "Apify API token", "NSC109", "apify_api_", r"[A-Za-z0-9]{36}",
        "APIFY_TOKEN", "https://docs.apify.com/platform/integrations/api#api-token",
        samples=("apify_api_{a36}",),
        non_samples=("apify_api_{a20}",),
        rotate="https://console.apify.com/settings/integrations",
    ),
    _prefixed(
        "adobe-client-secret", "Adobe OAuth client secret", "NSC109", "p8e-", r"[A-Za-z0-9]{32}",
        "ADOBE_CLIENT_SECRET", "https://developer.adobe.com/developer-console/docs/guides/authentication/",
        samples=("p8e-{a32}",),
        non_samples=("p8e-{a16}",),
        rotate="https://developer.adobe.com/console/",
    ),
    _prefixed(
        "amazon-mws-auth-token", "Amazon Marketplace Web Service auth token", "NSC109", "amzn.mws.", _UUID,
        "MWS_AUTH_TOKEN", "https://docs.developer.amazonservices.com/en_US/dev_guide/DG_Registering.html",
        samples=("amzn.mws.{h8}-{h4}-{h4}-{h4}-{h12}",),
        non_samples=("amzn.mws.{h8}-{h4}", "amzn.mws.{U8}-{h4}-{h4}-{h4}-{h12}"),
        rotate="https://sellercentral.amazon.com/apps/manage",
    ),
    Provider(
        id="intra42-client-secret",
        name="42 Intra API client secret",
        code="NSC109",
        keywords=("s-s4t2ud-", "s-s4t2af-"),
        pattern=_L + r"s-s4t2(?:ud|af)-[a-f0-9]{64}" + _R,
        env_name="INTRA42_CLIENT_SECRET",
        reference="https://api.intra.42.fr/apidoc/guides/getting_started",
        samples=("s-s4t2ud-{h64}", "s-s4t2af-{h64}"),
        non_samples=("s-s4t2ud-{h32}", "s-s4t2xx-{h64}"),
        rotate="https://profile.intra.42.fr/oauth/applications",
    ),
    _prefixed(
        "wundergraph-cosmo-api-key", "WunderGraph Cosmo API key", "NSC109", "cosmo_", r"[a-f0-9]{32}",
        "COSMO_API_KEY", "https://cosmo-docs.wundergraph.com/studio/api-keys",
        samples=("cosmo_{h32}",),
        non_samples=("cosmo_{h20}", "cosmo_{L32}"),
        validate=_has("digit", "alpha", skip=6),
        rotate="https://cosmo.wundergraph.com/",
    ),
    Provider(
        # Okta's own scheme: "Authorization: SSWS <token>", the token 42 characters that open with "00".
        id="okta-api-token",
        name="Okta API token (SSWS)",
        code="NSC109",
        keywords=("SSWS",),
        pattern=r"(?<![A-Za-z0-9_\-])SSWS\s{1,3}(?P<secret>00[A-Za-z0-9_\-]{40})" + _R,
        env_name="OKTA_API_TOKEN",
        reference="https://developer.okta.com/docs/guides/create-an-api-token/main/",
        samples=("SSWS 00{w40}", "Authorization: SSWS 00{w40}"),
        non_samples=("SSWS 00{w20}", "SSWS {w42}", "SSWS 00" + "A" * 40, "SSWS {{okta_token}}", "SSWS 00{L40}"),
        validate=_has("upper", "lower", skip=2),
        rotate="https://developer.okta.com/docs/guides/create-an-api-token/main/#revoke-an-api-token",
    ),
    Provider(
        # App-only bearer token: base64 of 16 zero bytes (21 "A"s), the app id and a MAC (60 characters, ending
        # "="), then 50 letters and digits. X's API returns it URL-encoded ("%3D", "%2B", "%2F"), as most code
        # pastes it. checksums.valid_twitter_bearer_token decodes the head.
        id="twitter-bearer-token",
        name="X (Twitter) app-only bearer token",
        code="NSC109",
        keywords=(checksums.TWITTER_BEARER_LEAD,),
        pattern=(
            _L + checksums.TWITTER_BEARER_LEAD
            + r"(?:[A-Za-z0-9+/]|%2[BFbf]){38}(?:=|%3[Dd])[A-Za-z0-9]{50}" + _R
        ),
        env_name="TWITTER_BEARER_TOKEN",
        reference="https://docs.x.com/fundamentals/authentication/oauth-2-0/bearer-tokens",
        samples=(
            checksums.TWITTER_BEARER_LEAD + "{d7}.{a50}",
            checksums.TWITTER_BEARER_LEAD + "{d8}%.{a50}",
            "Bearer " + checksums.TWITTER_BEARER_LEAD + "{d8}%.{a50}",
        ),
        non_samples=(
            checksums.TWITTER_BEARER_LEAD + "{b38}={a50}",  # a random head: not 16 zero bytes and an app id
            checksums.TWITTER_BEARER_LEAD + "{b38}={a30}",
            "A" * 60 + "{a50}",
        ),
        validate=checksums.valid_twitter_bearer_token,
        finish=checksums.finish_twitter_bearer_token,
        rotate="https://developer.x.com/en/portal/dashboard",
    ),
    # ---------------------------------------------------------------- private keys by format (NSC201)
    _prefixed(
        "age-secret-key", "age encryption secret key", "NSC201", "AGE-SECRET-KEY-1",
        r"[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", "AGE_SECRET_KEY", "https://age-encryption.org/v1",
        samples=("AGE-SECRET-KEY-1{C52}",),
        non_samples=("AGE-SECRET-KEY-1{C58}", "AGE-SECRET-KEY-1{C30}"),
        validate=checksums.valid_age_secret_key,
        finish=checksums.add_bech32_checksum,
        rotate="https://github.com/FiloSottile/age#readme",
    ),
    Provider(
        # An Ed25519 seed: S + the key type (User, Account, Operator, server N, Cluster, curve X), base32,
        # ending with a CRC-16 of the decoded bytes.
        id="nats-nkey-seed",
        name="NATS nkey seed",
        code="NSC201",
        keywords=("SU", "SA", "SO", "SN", "SC", "SX"),
        pattern=_L + r"S[UAONCX][A-Z2-7]{56}" + _R,
        env_name="NATS_NKEY_SEED",
        reference="https://docs.nats.io/running-a-nats-service/configuration/securing_nats/auth_intro/nkey_auth",
        samples=("SU{B56}", "SA{B56}", "SO{B56}"),
        non_samples=("SU{B56}", "SU{B30}"),
        validate=checksums.valid_nats_seed,
        finish=checksums.finish_nats_seed,
        rotate="https://docs.nats.io/using-nats/nats-tools/nsc/basics",
    ),
    # ---------------------------------------------------------------- JWT (NSC204)
    Provider(
        id="jwt",
        name="JSON Web Token",
        code="NSC204",
        keywords=("eyJ",),
        pattern=_L + r"eyJ[A-Za-z0-9_\-]{10,4000}\.eyJ[A-Za-z0-9_\-]{2,16000}(?:\.[A-Za-z0-9_\-]{0,4000}|)" + _R,
        env_name="JWT_TOKEN",
        reference="https://www.rfc-editor.org/rfc/rfc7519",
        samples=(),  # built by tests.secretgen.jwt(), since the header must decode
        validate=checksums.valid_jwt,
    ),
)

BY_ID: dict[str, Provider] = {p.id: p for p in PROVIDERS}
assert len(BY_ID) == len(PROVIDERS), "duplicate provider id"


def keyword_automaton(keywords: set[str]) -> ahocorasick.Automaton:
    """One Aho-Corasick automaton for all *keywords*: a single pass over a value finds every keyword
    that occurs in it, at about 25 ns per character (measured over the literals of the stdlib and site-packages).

    The keywords used to be one regex (an alternation factored as a trie). Python's ``re`` has no
    multi-literal search, so it tried the trie at every position: about 130 ns per character, a fifth
    of the whole scan on the standard library and most of the time spent on long literals (license
    texts, data tables). pyahocorasick does this one job in C. It reports every occurrence, also a
    keyword inside a longer one, so :func:`classify.provider_matches` may try a provider more than the
    regex did, never fewer.
    """
    automaton = ahocorasick.Automaton()
    for word in keywords:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


# Every keyword at once: a literal that holds none skips all provider patterns.
KEYWORDS = keyword_automaton({k for p in PROVIDERS for k in p.keywords})
MIN_LENGTH = 16  # no provider token is shorter; shorter literals skip the provider stage


SHAPED: tuple[Provider, ...] = tuple(p for p in PROVIDERS if p.shape is not None)
SHAPED_MIN_LENGTH = 50  # the shortest token of a format in SHAPED (a Mailgun key): shorter values skip the shape tests


def shaped(value: str, start: int = 0) -> list[Provider]:
    """The formats without a keyword whose cheap shape test *value* (from index *start*) passes."""
    return [p for p in SHAPED if p.shape is not None and p.shape(value, start)]


def markdown_table() -> str:
    """The provider reference, ``docs/providers.md`` (``tests/test_providers.py`` checks it is current).

    Regenerate with ``python -c "from flake8_nosecrets.providers import markdown_table as m; print(m(), end='')"
    > docs/providers.md``.
    """
    out = [
        "# Provider key formats",
        "",
        "Generated from `flake8_nosecrets/providers.py`; do not edit by hand. Each format is found by value",
        "alone, wherever it sits (string, bytes, f-string piece, comment, docstring), and reported with its",
        "family code. `Check` names the checksum or structure test a match must also pass. Disable one",
        "format with `--nosecrets-disable-providers=ID`.",
        "",
        f"{len(PROVIDERS)} formats.",
        "",
        "| Code | ID | Format | Starts with / contains | Check | Fixer's variable | Reference |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in sorted(PROVIDERS, key=lambda p: (p.code, p.id)):
        shown = [k.replace("|", "\\|") for k in p.keywords[:4]]
        keywords = ", ".join(f"`{k}`" for k in shown) + (", …" if len(p.keywords) > 4 else "") or "(no prefix)"
        check = p.validate.__name__ if p.validate is not None else ""
        row = (p.code, f"`{p.id}`", p.name, keywords, check, f"`{p.env_name}`", f"[docs]({p.reference})")
        out.append("| " + " | ".join(row) + " |")
    return "\n".join(out) + "\n"
