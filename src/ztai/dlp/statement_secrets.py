"""Passwords given in statements and commands: SQL `IDENTIFIED BY`, client `-p…` flags."""

from __future__ import annotations

from .credential import PasswordLiteralValidator
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
    ]
