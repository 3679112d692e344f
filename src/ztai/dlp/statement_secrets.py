"""Passwords given in statements and commands: SQL `IDENTIFIED BY`, client `-p…` flags,
`(user, password)` pairs passed to an auth or login call."""

from __future__ import annotations

from .credential import PasswordLiteralValidator, PasswordValidator
from .layout_secrets import NamedValueValidator
from .recognizer import PatternRecognizer

# Below vendor formats, level with keyword secrets: the statement is the evidence.
PRIORITY_STATEMENT = 30


def statement_recognizers() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            id="dlp.secret.sql_password",
            entity="SECRET_PASSWORD",
            # CREATE/ALTER USER … IDENTIFIED BY '…' (MySQL, Oracle) and … [WITH]
            # [ENCRYPTED] PASSWORD '…' (PostgreSQL, SQL Server's `PASSWORD = '…'`).
            pattern=(
                r"(?i)(?:\bidentified\s+by(?:\s+password)?|\bwith\s+(?:encrypted\s+)?password"
                r"\s*=?)\s*N?'([^'\n]{4,128})'"
            ),
            score=0.8,
            validator=PasswordLiteralValidator(),
            priority=PRIORITY_STATEMENT,
            triggers=("identified", "password"),
        ),
        PatternRecognizer(
            id="dlp.secret.cli_password",
            entity="SECRET_PASSWORD",
            # `mysql -u root -pS3cret`, `docker login -u ci -p S3cret`, `redis-cli -a S3cret`:
            # -p / -a mean "password" only for these clients (elsewhere a port, a path, all).
            pattern=(
                r"(?i)\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b[^\n|;&]{0,80}?"
                r"\s-p([^\s'\"-][^\s'\"]{3,127})"
                r"|\b(?:docker|podman|nerdctl|helm|oras)\s+(?:registry\s+)?login\b[^\n|;&]{0,80}?"
                r"\s(?:-p|--password)(?:\s+|=)['\"]?([^\s'\"-][^\s'\"]{3,127})"
                r"|\bredis-cli\b[^\n|;&]{0,80}?\s(?:-a|--pass)\s+['\"]?([^\s'\"-][^\s'\"]{3,127})"
                r"|\bsshpass\s+-p\s*['\"]?([^\s'\"-][^\s'\"]{3,127})"
            ),
            score=0.8,
            validator=PasswordLiteralValidator(),
            priority=PRIORITY_STATEMENT,
            triggers=("mysql", "mariadb", "login", "redis-cli", "sshpass"),
        ),
        PatternRecognizer(
            id="dlp.secret.cli_password_flag",
            entity="SECRET_PASSWORD",
            # More clients whose flag means "password": sqlcmd/bcp `-P`, mongo* `-p`, ldap*
            # `-w`, zip `-P`, `az login -p`, `net use … /user:x <pw>`, smbclient `-U u%<pw>`,
            # PowerShell `ConvertTo-SecureString "<pw>" -AsPlainText`. Case matters for the
            # flags (`sqlcmd -p` prints statistics), not for the client names.
            pattern=(
                r"(?:(?i:\b(?:sqlcmd|bcp|osql))\b[^\n|;&]*?\s-P\s*"
                r"|(?i:\b(?:mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport))\b"
                r"[^\n|;&]*?\s(?:-p|--password)(?:\s+|=)"
                r"|(?i:\bldap(?:search|modify|add|delete|passwd|whoami|compare))\b[^\n|;&]*?\s-w\s+"
                r"|(?i:\b(?:zip|unzip))\b[^\n|;&]*?\s-P\s+"
                r"|(?i:\baz\s+login)\b[^\n|;&]*?\s(?:-p|--password)(?:\s+|=)"
                r"|(?i:\bnet\s+use)\b[^\n|;&]*?\s/user:\S+\s+"
                r"|(?i:\bsmbclient)\b[^\n|;&]*?\s-U\s+[^\s%]+%)"
                r"['\"]?([^\s'\"-][^\s'\"]*)"
                r"|(?i:ConvertTo-SecureString)\s+(?:-String\s+)?[\"']([^\"'\n]+)[\"']\s+-AsPlainText"
            ),
            score=0.8,
            validator=PasswordLiteralValidator(),
            priority=PRIORITY_STATEMENT,
            triggers=(
                "sqlcmd",
                "bcp",
                "osql",
                "mongo",
                "ldap",
                "zip",
                "az login",
                "net use",
                "smbclient",
                "convertto-securestring",
            ),
        ),
        PatternRecognizer(
            id="dlp.secret.credential_pair",
            entity="SECRET_PASSWORD",
            # `auth=("user", "pw")`, `HTTPBasicAuth('u', 'pw')`, `smtp.login("u", "pw")`,
            # `new NetworkCredential("u", "pw")`: the call says the second string is a password.
            pattern=(
                r"(?i)(?:\b(?:auth|basic_?auth|login|credentials?|set_?credentials|authenticate)"
                r"|basicauth|digestauth|networkcredential|passwordcredentials?|pscredential)"
                r"\s*(?:=\s*)?[(\[]\s*[\"'][^\"'\n]{1,128}[\"']\s*,\s*[\"']([^\"'\s]{4,128})[\"']"
            ),
            score=0.8,
            # judged as `password = "…"`: plain words and references are not passwords
            validator=NamedValueValidator(PasswordValidator(), "password"),
            priority=PRIORITY_STATEMENT,
            triggers=("auth", "login", "credential"),
        ),
    ]
