"""Credentials in code, config and commands: name/value layouts, statements, look-alikes."""

from __future__ import annotations

import pytest

from ztai.dlp import DlpEngine

from .conftest import found

# Generated here; random-looking values in the layouts that code and config use.
RND = "Tq3v9XzL2mWc8RbN5pKj7HdY4sFg"
HEX40 = "3c9a0f5e1b7d2a8c4e6f0b1d3a5c7e9f2b4d6a8c"
PW = "Maple#2291vQx"

CODE_AND_CONFIG = [
    (f'headers["stripeToken"] = "{RND}"', "SECRET_GENERIC", RND),
    (f"ENV SLACKTOKEN {RND}", "SECRET_GENERIC", RND),
    (f"<apiKey>{HEX40}</apiKey>", "SECRET_GENERIC", HEX40),
    (f'<setting name="deploy_token">{RND}</setting>', "SECRET_GENERIC", RND),
    (f'<add key="ServiceApiKey" value="{HEX40}" />', "SECRET_GENERIC", HEX40),
    (f'<add key="ServicePassword" value="{PW}" />', "SECRET_PASSWORD", PW),
    (f"GRANT ALL ON app.* TO 'svc'@'%' IDENTIFIED BY '{PW}';", "SECRET_PASSWORD", PW),
    (f"CREATE ROLE etl LOGIN WITH ENCRYPTED PASSWORD '{PW}';", "SECRET_PASSWORD", PW),
    (f"mysqldump -h db1 -u admin -p{PW} shop > shop.sql", "SECRET_PASSWORD", PW),
    (f"helm registry login ghcr.io -u ci --password {PW}", "SECRET_PASSWORD", PW),
    (f"redis-cli -h cache.internal -a {PW} info", "SECRET_PASSWORD", PW),
    (f"<password>{PW}</password>", "SECRET_PASSWORD", PW),
    ("ENTRA_CLIENT_SECRET=Vx4~pQ9.zK2_mW7-rT3bN8yH5jD0fL6sA1", "SECRET_GENERIC",
     "Vx4~pQ9.zK2_mW7-rT3bN8yH5jD0fL6sA1"),
    # A bearer token cut after its header segment: dotted, but base64url, not a name.
    ('-H "Authorization: Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiO"',
     "SECRET_GENERIC", "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiO"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "value"), CODE_AND_CONFIG)
def test_credentials_in_code_config_and_commands(
    engine: DlpEngine, text: str, kind: str, value: str
) -> None:
    assert (kind, value) in found(engine, text)


def test_raw_question_mark_or_hash_in_a_url_password(engine: DlpEngine) -> None:
    url = "amqp://worker:Pine?77#qz@mq.internal:5672/jobs"
    assert ("SECRET_CONNECTION_STRING", url) in found(engine, f"BROKER={url}")


LOOK_ALIKES = [
    'smtp_password: "client_credentials"',
    'grant_password = "oauth2"',
    "DB_PASSWORD=vault:secret/data/db#password",
    "db_password = \"request.form['password']\"",
    "ALTER USER 'app'@'%' IDENTIFIED BY 'settings.DB_PASSWORD';",
    "mysql -u root -p shop",
    "docker login -u ci --password-stdin ghcr.io",
    "see http://status.internal:8080/?contact=ops@acme.io for details",
    "CREATE USER app WITH PASSWORD :'pw';",
    'oauth_token_endpoint = "https://login.acme-idp.io/oauth2/v2.0/token"',
    "auth_issuer: sso7.eu-west-1.acme-idp.io",
    "secret_source = settings.vault.app_secret_value",
    'curl -H "X-Api-Key: none" https://api.acme.io/v2/items',
    "signing key.pem:\ndocs.acme.io/guides/d/1_f7JsBYIVKV5aSrv96sW_SWJroE/edit",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_in_credential_places_are_not_secrets(engine: DlpEngine, text: str) -> None:
    assert not [f for f in engine.analyze(text) if f.kind.startswith("SECRET_")]
