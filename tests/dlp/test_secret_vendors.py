"""More credential formats in the places they leak: .env, YAML, JSON, code, curl, logs.

Every value is generated here from a seeded alphabet walk; none is a real credential.
"""

from __future__ import annotations

import base64
import random

import pytest

from ztai.dlp import DlpEngine

from .conftest import found

_RNG = random.Random(20251126)
_ALNUM = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_HEXCH = "0123456789abcdef"


def rand(n: int, alphabet: str = _ALNUM) -> str:
    return "".join(_RNG.choice(alphabet) for _ in range(n))


def b64(n: int) -> str:
    return base64.b64encode(_RNG.randbytes(n)).decode()


AZURE_KEY = b64(64)  # 88 characters ending in "=="
SAS_KEY = b64(32)  # 44 characters ending in "="
AD_SECRET = f"{rand(3)}8Q~{rand(34, _ALNUM + '_~.-')}"
GOOGLE_OAUTH = f"GOCSPX-{rand(28)}"
DO_TOKEN = f"dop_v1_{rand(64, _HEXCH)}"
DATABRICKS = f"dapi{rand(32, _HEXCH)}"
VAULT = f"hvs.{rand(90)}"
HF = f"hf_{rand(34)}"
OPENAI_PROJ = f"sk-proj-{rand(74)}T3BlbkFJ{rand(74)}"
ANTHROPIC = f"sk-ant-api03-{rand(93)}AA"
GROQ = f"gsk_{rand(52)}"
SHOPIFY = f"shpat_{rand(32, _HEXCH)}"
POSTMAN = f"PMAK-{rand(24, _HEXCH)}-{rand(34, _HEXCH)}"
NPM = f"npm_{rand(36)}"
PYPI = f"pypi-AgEIcHlwaS5vcmc{rand(70)}"
LINEAR = f"lin_api_{rand(40)}"
MAILGUN = f"key-{rand(32, _HEXCH)}"
DD_API = rand(32, _HEXCH)
STRIPE_RK = f"rk_live_{rand(24)}"
SENTRY = f"sntrys_{rand(60)}"
GRAFANA = f"glsa_{rand(32)}_{rand(8, _HEXCH)}"
AGE = f"AGE-SECRET-KEY-1{rand(58, '023456789ACDEFGHJKLMNPQRSTUVWXYZ')}"
DISCORD_HOOK = f"https://discord.com/api/webhooks/{rand(18, '0123456789')}/{rand(68)}"
TEAMS_HOOK = (
    f"https://contoso.webhook.office.com/webhookb2/{rand(8, _HEXCH)}-{rand(4, _HEXCH)}"
    f"@{rand(8, _HEXCH)}/IncomingWebhook/{rand(32, _HEXCH)}/{rand(8, _HEXCH)}"
)
GENERIC = rand(40)
PASSWORD = "Tr0ub4dor&3-horse"
GCP_PEM_BODY = "\\n".join(b64(48) for _ in range(4))
GCP_PEM = f"-----BEGIN PRIVATE KEY-----\\n{GCP_PEM_BODY}\\n-----END PRIVATE KEY-----"
GCP_JSON = (
    '{"type": "service_account", "project_id": "demo-project", '
    f'"private_key_id": "{rand(40, _HEXCH)}", '
    f'"private_key": "{GCP_PEM}\\n", '
    '"client_email": "svc@demo-project.iam.gserviceaccount.com"}'
)

POSITIVE = [
    # (text, expected type, expected value)
    (
        "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey="
        f"{AZURE_KEY};EndpointSuffix=core.windows.net",
        "SECRET_AZURE_STORAGE_KEY",
        AZURE_KEY,
    ),
    (
        "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
        f"SharedAccessKey={SAS_KEY}",
        "SECRET_AZURE_KEY",
        SAS_KEY,
    ),
    (f'AZURE_CLIENT_SECRET="{AD_SECRET}"', "SECRET_AZURE_KEY", AD_SECRET),
    (f"client_secret: {GOOGLE_OAUTH}", "SECRET_GOOGLE_OAUTH", GOOGLE_OAUTH),
    (GCP_JSON, "SECRET_PRIVATE_KEY", GCP_PEM),
    (f"export DIGITALOCEAN_TOKEN={DO_TOKEN}", "SECRET_DIGITALOCEAN_TOKEN", DO_TOKEN),
    (f"databricks configure --token {DATABRICKS}", "SECRET_DATABRICKS_TOKEN", DATABRICKS),
    (f"VAULT_TOKEN={VAULT}", "SECRET_VAULT_TOKEN", VAULT),
    (f"huggingface-cli login --token {HF}", "SECRET_HUGGINGFACE_TOKEN", HF),
    (f'client = OpenAI(api_key="{OPENAI_PROJ}")', "SECRET_OPENAI_KEY", OPENAI_PROJ),
    (f"ANTHROPIC_API_KEY={ANTHROPIC}", "SECRET_ANTHROPIC_KEY", ANTHROPIC),
    (f'"groq": {{"key": "{GROQ}"}}', "SECRET_LLM_API_KEY", GROQ),
    (f"shopify:\n  access_token: {SHOPIFY}\n", "SECRET_SHOPIFY_TOKEN", SHOPIFY),
    (f"x-api-key: {POSTMAN}", "SECRET_POSTMAN_KEY", POSTMAN),
    (f"//registry.npmjs.org/:_authToken={NPM}", "SECRET_NPM_TOKEN", NPM),
    (f"[pypi]\nusername = __token__\npassword = {PYPI}\n", "SECRET_PYPI_TOKEN", PYPI),
    (f"LINEAR_API_KEY={LINEAR}", "SECRET_LINEAR_KEY", LINEAR),
    (f"auth=('api', '{MAILGUN}')", "SECRET_MAILGUN_KEY", MAILGUN),
    (f"DD_API_KEY={DD_API}", "SECRET_DATADOG_KEY", DD_API),
    (f"stripe.api_key = '{STRIPE_RK}'", "SECRET_STRIPE_KEY", STRIPE_RK),
    (f"SENTRY_AUTH_TOKEN={SENTRY}", "SECRET_SENTRY_TOKEN", SENTRY),
    (f"grafana token {GRAFANA}", "SECRET_GRAFANA_TOKEN", GRAFANA),
    (f"# created: 2025-01-01\n{AGE}\n", "SECRET_PRIVATE_KEY", AGE),
    (f"webhook = '{DISCORD_HOOK}'", "SECRET_WEBHOOK_URL", DISCORD_HOOK),
    (f"notify: {TEAMS_HOOK}", "SECRET_WEBHOOK_URL", TEAMS_HOOK),
    # keyword + entropy in the usual places
    (f"  apiKey: '{GENERIC}'", "SECRET_GENERIC", GENERIC),
    (f'{{"client_secret":"{GENERIC}"}}', "SECRET_GENERIC", GENERIC),
    (f"MYSERVICEAPIKEY={GENERIC}", "SECRET_GENERIC", GENERIC),
    (
        f'curl -H "Authorization: Bearer {GENERIC}" https://api.acme.io/v1',
        "SECRET_GENERIC",
        GENERIC,
    ),
    (
        f"2025-03-01T10:00:00Z INFO request headers={{'X-Auth-Token': '{GENERIC}'}}",
        "SECRET_GENERIC",
        GENERIC,
    ),
    (
        f"curl -u deploy:{PASSWORD} https://ci.acme.io/api",
        "SECRET_BASIC_AUTH",
        f"deploy:{PASSWORD}",
    ),
    (
        f"jdbc:postgresql://db.acme.io:5432/app?user=app&password={PASSWORD}",
        "SECRET_PASSWORD",
        PASSWORD,
    ),
    (
        f"Server=tcp:acme.database.windows.net,1433;Database=app;User ID=app;Password={PASSWORD};",
        "SECRET_CONNECTION_STRING",
        f"Server=tcp:acme.database.windows.net,1433;Database=app;User ID=app;Password={PASSWORD}",
    ),
    (
        f"redis://:{PASSWORD}@cache.acme.io:6379/0",
        "SECRET_CONNECTION_STRING",
        f"redis://:{PASSWORD}@cache.acme.io:6379/0",
    ),
    (f"DB_PASSWORD={PASSWORD}", "SECRET_PASSWORD", PASSWORD),
    (f"Passwort: {PASSWORD}", "SECRET_PASSWORD", PASSWORD),
    (f"mot_de_passe = '{PASSWORD}'", "SECRET_PASSWORD", PASSWORD),
    (f"contraseña: {PASSWORD}", "SECRET_PASSWORD", PASSWORD),
    (f"dbPassword: '{PASSWORD}'", "SECRET_PASSWORD", PASSWORD),
    (f"ADMIN_PWD={PASSWORD}", "SECRET_PASSWORD", PASSWORD),
]


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVE)
def test_vendor_and_config_secrets(engine: DlpEngine, text: str, kind: str, value: str) -> None:
    assert (kind, value) in found(engine, text)


NEGATIVE = [
    # digests, ids and public values under key-like names
    f"cache_key = '{rand(40, _HEXCH)}'",
    f'"publicKey": "{b64(32)}"',
    f"key_id: {rand(32, _HEXCH)}",
    f"idempotency_key={rand(8, _HEXCH)}-{rand(4, _HEXCH)}-{rand(4, _HEXCH)}-"
    f"{rand(4, _HEXCH)}-{rand(12, _HEXCH)}",
    f"sha256 checksum key: {rand(64, _HEXCH)}",
    f"ssh key fingerprint: {rand(43)}",
    "integrity: sha512-" + b64(48),
    # blobs and hashes without any key word
    f"commit {rand(40, _HEXCH)} (HEAD -> main)",
    f"data:image/png;base64,{b64(90)}",
    f"etag: W/{rand(32, _HEXCH)}",
    # placeholders and references in each format
    "AZURE_CLIENT_SECRET=<your-client-secret>",
    "AccountKey=" + "A" * 86 + "==",
    "OPENAI_API_KEY=sk-proj-...",
    "huggingface token: hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "api_key: ${{ secrets.API_KEY }}",
    "password: {{ vault_password }}",
    "curl -u $USER:$TOKEN https://ci.acme.io",
    "curl -u admin:password https://ci.acme.io",
    "DD_API_KEY=<dd-api-key>",
    "Server=db;Database=app;User Id=app;Password=${DB_PASSWORD};",
    # settings about passwords and keys, and code references
    "password_min_length: 12345678",
    "PASSWORD_FILE=/run/secrets/db_password",
    f"key_file: /etc/ssl/private/server-{rand(8)}.key",
    f"tokenUrl: https{rand(20)}",
    'password = request.form["password"]',
    "password = settings.DB_PASSWORD",
    "password = db_password",
    "passenger: Johnny5x",
    # words, not credentials
    "the monkey = happy; hotkey: ctrl+alt+delete",
    "Passing the token bucket algorithm to the authority is the key idea",
    "keyboard shortcuts: key_binding = ctrl_shift_alt_k_2",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_secret_lookalikes(engine: DlpEngine, text: str) -> None:
    assert not [k for k, _ in found(engine, text) if k.startswith("SECRET_")], text
