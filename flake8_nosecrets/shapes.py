"""Data shapes that carry credentials without a name on each value.

The binder in :mod:`contexts` names a literal by the target, keyword or key it
is written to. Some code writes credentials in shapes where the name sits
elsewhere, and these predicates read them:

* records of users: ``USERS = [("admin", "…"), …]``, ``users = {"john": "…"}``;
* ``(name, value)`` pairs: ``[("Authorization", "Bearer …")]``;
* an Authorization value filled in by ``%`` or ``.format``: ``"Bearer %s" % "…"``;
* a string built from literals with ``+`` (a PEM block written line by line);
* a literal given to a symmetric cipher's constructor: ``AES.new(b"…")``, ``Fernet(b"…")``.

(A word list, ``COMMON_PASSWORDS = ["123456", …]``, looks like credentials but is not:
:func:`filters.is_wordlist_entry`.)
"""

from __future__ import annotations

import ast
import re

from . import names

# Head words of a collection of user records: ``USERS``, ``seed_accounts``, ``DEFAULT_LOGINS``, ``credentials``.
# Plurals only: ``nt_user = {"purelib": …}`` is one user's settings, not a table of users.
_USER_HEADS = frozenset({"users", "accounts", "logins", "credentials", "creds"})
# Keys of one user's record (a dict of fields, not a dict of users).
_FIELD_KEYS = frozenset({"user", "username", "name", "email", "mail", "login", "role", "id", "uid"})
# Values of a dict of users that are roles or display names, not passwords.
_ROLES = frozenset({"admin", "administrator", "editor", "viewer", "user", "staff", "manager", "owner", "guest",
                    "member", "moderator", "reader", "writer", "author", "superuser", "maintainer", "developer",
                    "operator", "auditor", "support", "readonly", "read-only", "active", "inactive", "disabled"})
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_DISPLAY_NAME_RE = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)*$")
_AUTH_TEMPLATE_RE = re.compile(r"^\s*(?P<scheme>[Bb]earer|BEARER|[Tt]oken|[Bb]asic)\s+(?:%s|\{\d*\})\s*$")
# Symmetric ciphers whose constructor takes the key first: ``Fernet(key)``, ``AESGCM(key)`` (cryptography),
# ``AES.new(key, mode)`` (PyCryptodome), ``algorithms.AES(key)`` (cryptography's hazmat layer).
_CIPHER_CLASSES = frozenset({"Fernet", "AESGCM", "AESCCM", "AESOCB3", "AESSIV", "AESGCMSIV", "ChaCha20Poly1305"})
_CIPHER_MODULES = frozenset({"AES", "DES", "DES3", "ARC2", "ARC4", "Blowfish", "CAST", "ChaCha20", "Salsa20",
                             "XChaCha20", "ChaCha20_Poly1305"})
_HAZMAT_ALGORITHMS = frozenset({"AES", "AES128", "AES256", "TripleDES", "Camellia", "ChaCha20", "SM4", "Blowfish"})
# The last part of every callee :func:`is_cipher_constructor` accepts.
CIPHER_CALL_NAMES = _CIPHER_CLASSES | _HAZMAT_ALGORITHMS | {"new"}


def is_user_collection(name: str) -> bool:
    """``USERS``, ``seed_accounts``, ``test_credentials``: a name for a collection of user records."""
    parts = names.words(name)
    return bool(parts) and parts[-1] in _USER_HEADS


def _str_value(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def record_password(record: ast.AST) -> ast.Constant | None:
    """The password of a ``(user, password)`` or ``(user, email, password)`` record of string literals."""
    if not isinstance(record, (ast.Tuple, ast.List)) or not 2 <= len(record.elts) <= 3:
        return None
    values = [_str_value(e) for e in record.elts]
    if any(v is None for v in values):
        return None
    at = 2 if len(values) == 3 and _EMAIL_RE.match(values[1]) else 1  # type: ignore[arg-type]
    if _EMAIL_RE.match(values[at]):  # type: ignore[arg-type]
        return None  # ``ADMINS = [("Ann", "ann@x.io")]``: names and e-mail addresses, no password
    return record.elts[at]  # type: ignore[return-value]


def user_dict_values(node: ast.Dict) -> list[ast.Constant]:
    """``users = {"john": "…", "susan": "…"}``: the values of a dict from user names to passwords.

    A dict with a field key (``{"username": …, "password": …}``) is one user's record, whose values the
    binder names by their keys; e-mail addresses and other non-string values mean it maps something else.
    """
    out = []
    for key, value in zip(node.keys, node.values):
        k, v = _str_value(key) if key is not None else None, _str_value(value)
        if k is None or v is None or _EMAIL_RE.match(v) or k.lower() in _FIELD_KEYS or names.rank(k):
            return []
        if v.lower() in _ROLES or _DISPLAY_NAME_RE.match(v):
            return []  # ``{"alice": "editor"}``, ``{"admin": "Administrator"}``: roles or display names
        out.append(value)  # type: ignore[arg-type]
    return out


_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]{0,59}$")


def named_pair(node: ast.Tuple) -> tuple[str, ast.expr] | None:
    """``("Authorization", "Bearer …")``, ``("api_key", "…")``: a pair whose first item is a name (an identifier
    or a header name, not ``"User:Pass"``) that names a secret."""
    if len(node.elts) != 2:
        return None
    name = _str_value(node.elts[0])
    if not name or not _NAME_RE.match(name) or names.rank(name) < names.Strength.SECRET:
        return None
    return name, node.elts[1]


def auth_template_scheme(template: ast.AST) -> str | None:
    """``"Bearer %s"``, ``"Token {}"``: the scheme of an Authorization value whose credential is filled in."""
    text = _str_value(template)
    if text is None or len(text) > 20:
        return None
    m = _AUTH_TEMPLATE_RE.match(text)
    return m.group("scheme") if m else None


def is_cipher_constructor(callee: str) -> bool:
    """``Fernet``, ``AESGCM``, ``AES.new``, ``algorithms.AES``: a call that takes a symmetric key first."""
    parts = callee.split(".")
    last = parts[-1]
    if last in _CIPHER_CLASSES:
        return True
    if len(parts) < 2:
        return False
    if last == "new":
        return parts[-2] in _CIPHER_MODULES
    return parts[-2] == "algorithms" and last in _HAZMAT_ALGORITHMS


def joined_constants(node: ast.BinOp) -> list[ast.Constant] | None:
    """``"-----BEGIN …-----\\n" + "MIIE…" + …``: the literals of a ``+`` chain made of string literals only."""
    parts: list[ast.Constant] = []
    stack: list[ast.AST] = [node]
    while stack:
        n = stack.pop()
        if type(n) is ast.BinOp and type(n.op) is ast.Add:  # type: ignore[attr-defined]
            stack.append(n.right)  # type: ignore[attr-defined]
            stack.append(n.left)  # type: ignore[attr-defined]
        elif type(n) is ast.Constant and isinstance(n.value, (str, bytes)):  # type: ignore[attr-defined]
            parts.append(n)  # type: ignore[arg-type]
        else:
            return None
    if len({type(p.value) for p in parts}) != 1:
        return None
    return parts
