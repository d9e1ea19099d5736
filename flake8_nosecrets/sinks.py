"""Data: the APIs that take credentials (issue 4). No code lives here.

Each :class:`Sink` names a callable (or an attribute/setting) by qualified
name, the credential parameter by keyword and positional index, what it
expects, and a reference. ``prepass.py`` and ``infer.py`` read this table; the tests are
parametrised over it, so an entry without a case cannot exist.
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Sink:
    qualname: str  # "psycopg2.connect", "smtplib.SMTP.login"; for kind "attribute": "stripe.api_key"
    param: str  # keyword name of the credential parameter
    position: int | None  # positional index (self excluded), None when keyword-only
    expects: str  # password | api-key | token | signing-key | dsn | auth
    reference: str
    kind: str = "call"  # call | attribute (module attribute assignment) | setting (module-level NAME = ...)
    # How many positional arguments the callable takes (``self`` not counted), where the credential is bound
    # by position: a call with more is another library's function of the same name (``keyring.set_password(
    # service, user, password)`` is not Django's ``user.set_password(raw_password)``). None: not checked.
    arity: int | None = None

    @property
    def last(self) -> str:
        return self.qualname.rsplit(".", 1)[-1]

    @property
    def method(self) -> bool:
        """A method of a class (``smtplib.SMTP.login``), not a module-level function or a class."""
        return any(part[:1].isupper() for part in self.qualname.split(".")[1:-1])


_PY = "https://docs.python.org/3/library/"
S = Sink
SINKS: tuple[Sink, ...] = (
    # standard library
    S("smtplib.SMTP.login", "password", 1, "password", _PY + "smtplib.html#smtplib.SMTP.login", arity=2),
    S("imaplib.IMAP4.login", "password", 1, "password", _PY + "imaplib.html#imaplib.IMAP4.login", arity=2),
    S("poplib.POP3.pass_", "pswd", 0, "password", _PY + "poplib.html#poplib.POP3.pass_", arity=1),
    S("ftplib.FTP.login", "passwd", 1, "password", _PY + "ftplib.html#ftplib.FTP.login", arity=3),
    S("hmac.new", "key", 0, "signing-key", _PY + "hmac.html#hmac.new", arity=3),
    S("hmac.digest", "key", 0, "signing-key", _PY + "hmac.html#hmac.digest", arity=3),
    S("urllib.request.HTTPPasswordMgr.add_password", "passwd", 3, "password",
      _PY + "urllib.request.html#urllib.request.HTTPPasswordMgr.add_password", arity=4),
    S("urllib.request.HTTPPasswordMgrWithDefaultRealm.add_password", "passwd", 3, "password",
      _PY + "urllib.request.html#urllib.request.HTTPPasswordMgr.add_password", arity=4),
    # HTTP clients
    S("requests.get", "auth", None, "auth", "https://requests.readthedocs.io/en/latest/user/authentication/"),
    S("requests.post", "auth", None, "auth", "https://requests.readthedocs.io/en/latest/user/authentication/"),
    S("requests.request", "auth", None, "auth", "https://requests.readthedocs.io/en/latest/api/"),
    S("requests.Session.request", "auth", None, "auth", "https://requests.readthedocs.io/en/latest/api/"),
    S("requests.get", "headers", None, "token", "https://requests.readthedocs.io/en/latest/user/quickstart/#custom-headers"),
    S("requests.post", "headers", None, "token", "https://requests.readthedocs.io/en/latest/user/quickstart/#custom-headers"),
    S("requests.request", "headers", None, "token", "https://requests.readthedocs.io/en/latest/api/"),
    S("requests.Session.request", "headers", None, "token", "https://requests.readthedocs.io/en/latest/api/"),
    S("requests.auth.HTTPBasicAuth", "password", 1, "password", "https://requests.readthedocs.io/en/latest/api/", arity=2),
    S("httpx.BasicAuth", "password", 1, "password", "https://www.python-httpx.org/advanced/authentication/", arity=2),
    S("httpx.Client", "auth", None, "auth", "https://www.python-httpx.org/api/"),
    S("httpx.Client", "headers", None, "token", "https://www.python-httpx.org/api/"),
    S("aiohttp.BasicAuth", "password", 1, "password", "https://docs.aiohttp.org/en/stable/client_reference.html"),
    S("urllib3.make_headers", "basic_auth", None, "auth", "https://urllib3.readthedocs.io/en/stable/reference/"),
    # cloud
    S("boto3.client", "aws_secret_access_key", None, "api-key", "https://boto3.amazonaws.com/v1/documentation/api/latest/guide/credentials.html"),
    S("boto3.Session", "aws_secret_access_key", None, "api-key", "https://boto3.amazonaws.com/v1/documentation/api/latest/reference/core/session.html"),
    S("botocore.session.Session.create_client", "aws_secret_access_key", None, "api-key", "https://botocore.amazonaws.com/v1/documentation/api/latest/reference/session.html"),
    S("azure.identity.ClientSecretCredential", "client_secret", 2, "api-key", "https://learn.microsoft.com/python/api/azure-identity/azure.identity.clientsecretcredential"),
    S("google.oauth2.service_account.Credentials.from_service_account_info", "info", 0, "signing-key", "https://google-auth.readthedocs.io/en/latest/reference/google.oauth2.service_account.html"),
    # databases
    S("psycopg2.connect", "password", None, "password", "https://www.psycopg.org/docs/module.html#psycopg2.connect"),
    S("psycopg.connect", "password", None, "password", "https://www.psycopg.org/psycopg3/docs/api/connections.html"),
    S("pymysql.connect", "password", None, "password", "https://pymysql.readthedocs.io/en/latest/modules/connections.html"),
    S("mysql.connector.connect", "password", None, "password", "https://dev.mysql.com/doc/connector-python/en/connector-python-connectargs.html"),
    S("asyncpg.connect", "password", None, "password", "https://magicstack.github.io/asyncpg/current/api/index.html#asyncpg.connection.connect"),
    S("cx_Oracle.connect", "password", 1, "password", "https://cx-oracle.readthedocs.io/en/latest/api_manual/module.html"),
    S("sqlalchemy.create_engine", "url", 0, "dsn", "https://docs.sqlalchemy.org/en/20/core/engines.html"),
    S("redis.Redis", "password", None, "password", "https://redis-py.readthedocs.io/en/stable/connections.html"),
    S("pymongo.MongoClient", "password", None, "password", "https://pymongo.readthedocs.io/en/stable/api/pymongo/mongo_client.html"),
    S("ldap3.Connection", "password", None, "password", "https://ldap3.readthedocs.io/en/latest/connection.html"),
    S("hvac.Client", "token", None, "token", "https://hvac.readthedocs.io/en/stable/source/hvac_v1.html"),
    S("kafka.KafkaProducer", "sasl_plain_password", None, "password", "https://kafka-python.readthedocs.io/en/master/apidoc/KafkaProducer.html"),
    S("pika.PlainCredentials", "password", 1, "password", "https://pika.readthedocs.io/en/stable/modules/credentials.html"),
    # remote shells
    S("paramiko.SSHClient.connect", "password", None, "password", "https://docs.paramiko.org/en/stable/api/client.html"),
    S("fabric.Connection", "connect_kwargs", None, "auth", "https://docs.fabfile.org/en/latest/api/connection.html"),
    # signing
    S("jwt.encode", "key", 1, "signing-key", "https://pyjwt.readthedocs.io/en/stable/api.html#jwt.encode"),
    S("cryptography.fernet.Fernet", "key", 0, "signing-key", "https://cryptography.io/en/latest/fernet/"),
    S("itsdangerous.URLSafeSerializer", "secret_key", 0, "signing-key", "https://itsdangerous.palletsprojects.com/en/latest/serializer/"),
    # SaaS SDKs
    S("openai.OpenAI", "api_key", None, "api-key", "https://github.com/openai/openai-python"),
    S("anthropic.Anthropic", "api_key", None, "api-key", "https://github.com/anthropics/anthropic-sdk-python"),
    S("cohere.Client", "api_key", 0, "api-key", "https://docs.cohere.com/reference/about"),
    S("google.genai.Client", "api_key", None, "api-key", "https://googleapis.github.io/python-genai/"),
    S("slack_sdk.WebClient", "token", 0, "token", "https://slack.dev/python-slack-sdk/api-docs/slack_sdk/web/client.html"),
    S("github.Github", "login_or_token", 0, "token", "https://pygithub.readthedocs.io/en/stable/github.html"),
    S("twilio.rest.Client", "password", 1, "token", "https://www.twilio.com/docs/libraries/python"),
    S("sendgrid.SendGridAPIClient", "api_key", 0, "api-key", "https://github.com/sendgrid/sendgrid-python"),
    S("tweepy.Client", "bearer_token", 0, "token", "https://docs.tweepy.org/en/stable/client.html"),
    S("stripe.api_key", "api_key", None, "api-key", "https://docs.stripe.com/api/authentication?lang=python", "attribute"),
    # settings
    S("django.conf.settings.SECRET_KEY", "SECRET_KEY", None, "signing-key", "https://docs.djangoproject.com/en/stable/ref/settings/#secret-key", "setting"),
    S("flask.Flask.config.SECRET_KEY", "SECRET_KEY", None, "signing-key", "https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY", "setting"),
    S("flask.Flask.secret_key", "secret_key", None, "signing-key", "https://flask.palletsprojects.com/en/stable/api/#flask.Flask.secret_key", "setting"),
)

# Callables whose credential parameter the name rules resolve (a positional argument gets the parameter's
# name) and NSC207 treats as a real use, but which inference does not follow (yet): passwords that are
# hashed, set or bound, and signing keys of the serializers and digest auth not in SINKS.
_DJ = "https://docs.djangoproject.com/en/stable/"
NAME_SINKS: tuple[Sink, ...] = (
    S("django.contrib.auth.models.User.set_password", "raw_password", 0, "password",
      _DJ + "ref/contrib/auth/#django.contrib.auth.models.User.set_password", arity=1),
    S("django.contrib.auth.models.UserManager.create_user", "password", 2, "password",
      _DJ + "ref/contrib/auth/#django.contrib.auth.models.UserManager.create_user", arity=3),
    S("django.contrib.auth.models.UserManager.create_superuser", "password", 2, "password",
      _DJ + "ref/contrib/auth/#django.contrib.auth.models.UserManager.create_superuser", arity=3),
    S("django.contrib.auth.hashers.make_password", "password", 0, "password",
      _DJ + "topics/auth/passwords/#django.contrib.auth.hashers.make_password", arity=3),
    S("django.contrib.auth.hashers.check_password", "password", 0, "password",
      _DJ + "topics/auth/passwords/#django.contrib.auth.hashers.check_password", arity=4),
    S("werkzeug.security.generate_password_hash", "password", 0, "password",
      "https://werkzeug.palletsprojects.com/en/stable/utils/#werkzeug.security.generate_password_hash", arity=3),
    S("werkzeug.security.check_password_hash", "password", 1, "password",
      "https://werkzeug.palletsprojects.com/en/stable/utils/#werkzeug.security.check_password_hash", arity=2),
    S("bcrypt.hashpw", "password", 0, "password", "https://github.com/pyca/bcrypt#usage", arity=2),
    S("bcrypt.checkpw", "password", 0, "password", "https://github.com/pyca/bcrypt#usage", arity=2),
    S("passlib.context.CryptContext.hash", "secret", 0, "password",
      "https://passlib.readthedocs.io/en/stable/lib/passlib.context.html#passlib.context.CryptContext.hash", arity=3),
    S("passlib.ifc.PasswordHash.encrypt", "secret", 0, "password",
      "https://passlib.readthedocs.io/en/stable/lib/passlib.ifc.html#passlib.ifc.PasswordHash.hash"),
    S("passlib.context.CryptContext.verify", "secret", 0, "password",
      "https://passlib.readthedocs.io/en/stable/lib/passlib.context.html#passlib.context.CryptContext.verify", arity=4),
    S("ldap.ldapobject.LDAPObject.simple_bind_s", "cred", 1, "password",
      "https://www.python-ldap.org/en/latest/reference/ldap.html#ldap.LDAPObject.simple_bind_s", arity=4),
    S("ldap.ldapobject.LDAPObject.simple_bind", "cred", 1, "password",
      "https://www.python-ldap.org/en/latest/reference/ldap.html#ldap.LDAPObject.simple_bind", arity=4),
    S("ldap.ldapobject.LDAPObject.bind_s", "cred", 1, "password",
      "https://www.python-ldap.org/en/latest/reference/ldap.html#ldap.LDAPObject.bind_s", arity=3),
    S("requests.auth.HTTPDigestAuth", "password", 1, "password", "https://requests.readthedocs.io/en/latest/api/", arity=2),
    S("httpx.DigestAuth", "password", 1, "password", "https://www.python-httpx.org/advanced/authentication/", arity=2),
    S("paramiko.transport.Transport.auth_password", "password", 1, "password",
      "https://docs.paramiko.org/en/stable/api/transport.html", arity=4),
    S("hmac.HMAC", "key", 0, "signing-key", _PY + "hmac.html#hmac.HMAC", arity=3),
    S("jwt.decode", "key", 1, "signing-key", "https://pyjwt.readthedocs.io/en/stable/api.html#jwt.decode"),
    S("itsdangerous.URLSafeTimedSerializer", "secret_key", 0, "signing-key",
      "https://itsdangerous.palletsprojects.com/en/latest/url_safe/"),
    S("itsdangerous.Serializer", "secret_key", 0, "signing-key",
      "https://itsdangerous.palletsprojects.com/en/latest/serializer/"),
    S("itsdangerous.TimestampSigner", "secret_key", 0, "signing-key",
      "https://itsdangerous.palletsprojects.com/en/latest/timed/"),
    S("itsdangerous.Signer", "secret_key", 0, "signing-key",
      "https://itsdangerous.palletsprojects.com/en/latest/signer/"),
)

BY_LAST: dict[str, tuple[Sink, ...]] = {}
for _s in SINKS:
    BY_LAST[_s.last] = BY_LAST.get(_s.last, ()) + (_s,)
