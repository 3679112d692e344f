"""Platform token formats and the layouts without `name = value`: one row per rule.

Values are generated here from a seeded alphabet walk; none is a real credential.
"""

from __future__ import annotations

import random

import pytest

from ztai.dlp import DlpEngine
from ztai.dlp.placeholder import is_placeholder

from .conftest import found

_RNG = random.Random(6262)
_ALNUM = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_HEXCH = "0123456789abcdef"
_PUNCT = "!#%^&*()-_=+[]{};:,.?|~"


def rand(n: int, alphabet: str = _ALNUM) -> str:
    return "".join(_RNG.choice(alphabet) for _ in range(n))


GL = _ALNUM + "_-"
PASSWORD = "Granite42%Sq7"
KEY = rand(40)
PUNCTUATED = rand(50, _ALNUM + _PUNCT)

VENDOR = [
    # (text, type)
    (f"token: glpat-{rand(20, GL)}", "SECRET_GITLAB_TOKEN"),
    (f"deploy: gldt-{rand(20, GL)}", "SECRET_GITLAB_TOKEN"),
    (f"trigger glptt-{rand(40, _HEXCH)}", "SECRET_GITLAB_TOKEN"),
    (f"oauth gloas-{rand(64, GL)}", "SECRET_GITLAB_TOKEN"),
    (f"mail glimt-{rand(25, GL)}", "SECRET_GITLAB_TOKEN"),
    (f"agent glagent-{rand(60, GL)}", "SECRET_GITLAB_TOKEN"),
    (f"job glcbt-64_{rand(20, GL)}", "SECRET_GITLAB_TOKEN"),
    (f"register GR1348941{rand(20, GL)}", "SECRET_GITLAB_TOKEN"),
    (f"routable glpat-{rand(40, GL)}.01.{rand(9, '0123456789abcdefghijk')}", "SECRET_GITLAB_TOKEN"),
    (f"pypi-AgENdGVzdC5weXBpLm9yZw{rand(120, GL)}", "SECRET_PYPI_TOKEN"),
    (f"https://api.softlayer.com/rest/v3/{rand(64, _HEXCH)}", "SECRET_SOFTLAYER_KEY"),
    (f"X-JFrog-Art-Api: AKCp{rand(69)}", "SECRET_ARTIFACTORY_TOKEN"),
    (f"artifactory password: AP6{rand(40)}", "SECRET_ARTIFACTORY_TOKEN"),
    (f"docker login -u ci --password-stdin <<< dckr_pat_{rand(27, GL)}", "SECRET_DOCKER_TOKEN"),
    (f"bitbucket: ATBB{rand(32)}", "SECRET_BITBUCKET_TOKEN"),
    (f"heroku HRKU-{rand(60, GL)}", "SECRET_HEROKU_TOKEN"),
    (f"netlify nfp_{rand(36)}", "SECRET_NETLIFY_TOKEN"),
    (f"fly fo1_{rand(43, GL)}", "SECRET_FLYIO_TOKEN"),
    (f"figma figd_{rand(40, GL)}", "SECRET_FIGMA_TOKEN"),
    (f"notion ntn_{rand(11, '0123456789')}{rand(35)}", "SECRET_NOTION_TOKEN"),
    (f"mapbox sk.eyJ{rand(40, GL)}.{rand(22, GL)}", "SECRET_MAPBOX_TOKEN"),
    (f"pinecone pcsk_{rand(6)}_{rand(60)}", "SECRET_PINECONE_KEY"),
    (f"langsmith lsv2_pt_{rand(32, _HEXCH)}_{rand(10, _HEXCH)}", "SECRET_LANGSMITH_KEY"),
    (f"license {rand(36, _HEXCH)}NRAL", "SECRET_NEWRELIC_KEY"),
]


@pytest.mark.parametrize(("text", "kind"), VENDOR)
def test_platform_and_vendor_formats(engine: DlpEngine, text: str, kind: str) -> None:
    assert kind in {k for k, _ in found(engine, text)}, text


VENDOR_LOOKALIKES = [
    # a longer run than the format allows is another string
    f"glptt-{rand(48, GL)}",
    f"gloas-{rand(72, GL)}",
    f"glimt-{rand(30, GL)}",
    # a macaroon for another location, and a pypi.org one that is too short
    f"pypi-AgEIcHlwaS5vcmc{rand(30, GL)}",
    # JFrog shapes without the product's name
    f"order AP6{rand(12)} shipped",
    f"ref AKC{rand(12)}",
    # placeholders in the new formats
    "dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "ATBBXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
    # Mapbox public tokens are public by design
    f"pk.eyJ{rand(40, GL)}.{rand(22, GL)}",
]


@pytest.mark.parametrize("text", VENDOR_LOOKALIKES)
def test_vendor_lookalikes(engine: DlpEngine, text: str) -> None:
    assert not [k for k, _ in found(engine, text) if k.startswith("SECRET_")], text


LAYOUTS = [
    # (text, type, value)
    (f"define('DB_PASSWORD', '{PASSWORD}');", "SECRET_PASSWORD", PASSWORD),
    (f"define( 'SMTP_PASS', '{PASSWORD}' );", "SECRET_PASSWORD", PASSWORD),
    (f'props.setProperty("db.password", "{PASSWORD}");', "SECRET_PASSWORD", PASSWORD),
    (f'System.setProperty("api.key", "{KEY}");', "SECRET_GENERIC", KEY),
    (f"define('AUTH_KEY', '{PUNCTUATED}');", "SECRET_GENERIC", PUNCTUATED),
    (f"$config['db_password'] = '{PASSWORD}';", "SECRET_PASSWORD", PASSWORD),
    (f'  - name: DB_PASSWORD\n    value: "{PASSWORD}"', "SECRET_PASSWORD", PASSWORD),
    (f"env:\n  - name: API_TOKEN\n    value: {KEY}\n", "SECRET_GENERIC", KEY),
    (f"machine db.acme.io login app password {PASSWORD}", "SECRET_PASSWORD", PASSWORD),
    (f"machine git.acme.io\n  login ci\n  password {PASSWORD}\n", "SECRET_PASSWORD", PASSWORD),
    (f'variable "db_password" {{ default = "{PASSWORD}" }}', "SECRET_PASSWORD", PASSWORD),
    (
        f'variable "api_token" {{\n  type    = string\n  default = "{KEY}"\n}}',
        "SECRET_GENERIC",
        KEY,
    ),
    (f"SECRET_KEY = '{PUNCTUATED}'", "SECRET_GENERIC", PUNCTUATED),
    (f'"jwt_secret": "{PUNCTUATED}"', "SECRET_GENERIC", PUNCTUATED),
    (f"app.auth.token = {PUNCTUATED}", "SECRET_GENERIC", PUNCTUATED),
    (f"sshpass -p '{PASSWORD}' ssh ops@10.0.0.5", "SECRET_PASSWORD", PASSWORD),
    # clients whose flag means password, and (user, password) pairs passed to auth calls
    (f"sqlcmd -S db01 -U sa -P '{PASSWORD}' -Q 'select 1'", "SECRET_PASSWORD", PASSWORD),
    (
        f"mongosh -u admin -p '{PASSWORD}' --authenticationDatabase admin",
        "SECRET_PASSWORD",
        PASSWORD,
    ),
    (f"ldapsearch -x -D cn=admin,dc=acme -w {PASSWORD} -b dc=acme", "SECRET_PASSWORD", PASSWORD),
    (f"zip -r -P {PASSWORD} backup.zip data/", "SECRET_PASSWORD", PASSWORD),
    (f"az login --service-principal -u app -p {PASSWORD} --tenant t", "SECRET_PASSWORD", PASSWORD),
    (f"net use Z: \\\\fs01\\share /user:ACME\\svc {PASSWORD}", "SECRET_PASSWORD", PASSWORD),
    (f"smbclient //fs01/share -U svc%{PASSWORD}", "SECRET_PASSWORD", PASSWORD),
    (f'$pw = ConvertTo-SecureString "{PASSWORD}" -AsPlainText -Force', "SECRET_PASSWORD", PASSWORD),
    (f'requests.get(url, auth=("admin", "{PASSWORD}"))', "SECRET_PASSWORD", PASSWORD),
    (f"auth = HTTPBasicAuth('svc-reporting', '{PASSWORD}')", "SECRET_PASSWORD", PASSWORD),
    (f'server.login("alerts@acme.io", "{PASSWORD}")', "SECRET_PASSWORD", PASSWORD),
    (f'var c = new NetworkCredential("svc", "{PASSWORD}");', "SECRET_PASSWORD", PASSWORD),
    # a password with `%S` in it is not a `%s` format slot
    (f'password = "Velvet92%Shu{rand(4)}"', "SECRET_PASSWORD", None),
]


@pytest.mark.parametrize(("text", "kind", "value"), LAYOUTS)
def test_layouts(engine: DlpEngine, text: str, kind: str, value: str | None) -> None:
    hits = found(engine, text)
    if value is None:
        assert kind in {k for k, _ in hits}, text
    else:
        assert (kind, value) in hits, text


LAYOUT_LOOKALIKES = [
    # JSON objects are not call arguments: the string after a comma is the next key
    '{"username": "emmapass", "password": "emmapass", "birthDate": "1990-01-01"}',
    'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")',
    'props.setProperty("token.url", "https://auth.acme.io/oauth2/token");',
    'config.set("api_key_header", "X-API-Key")',
    'define("SECRET_SCREEN_TITLE", "Settings");',
    # entries whose value is a reference, a placeholder or empty
    "  - name: API_TOKEN\n    valueFrom:\n      secretKeyRef:\n        name: app",
    '  - name: DB_PASSWORD\n    value: "${DB_PASSWORD}"',
    '  - name: DB_PASSWORD\n    value: "changeme"',
    'variable "db_password" {\n  type      = string\n  sensitive = true\n}',
    'variable "db_password" { default = "disabled" }',
    "machine api.github.com login octocat password $GITHUB_TOKEN",
    "The machine learning course covers password hashing.",
    # flags and pairs with references, prompts, placeholder words or plain words
    "zip -P $ZIP_PASSWORD out.zip dir",
    "net use Z: \\\\srv\\share /user:admin *",
    "mongosh -p --authenticationDatabase admin",
    "ldapsearch -w secret -b dc=acme",
    "sqlcmd -S db01 -p -Q 'select 1'",
    'auth=("user", "${PASS}")',
    'login("admin", "password")',
    'credentials("name", "value")',
    'login("Sign in", "Enter your password")',
    # punctuated values that are code, patterns, URLs or paths
    'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
    r'token_pattern = "^[A-Za-z0-9_-]{36}$"',
    r"secret_regex: (?i)secret[_-]?key\s*[:=]\s*[A-Za-z0-9/+]{40}",
    "token_endpoint: https://login.example-idp.net/common/oauth2/v2.0/token",
    "token_format: '{timestamp}|{user}|{nonce}|{sig}'",
    "see https://ex.io/auth/reset/token=?ab3y2cdaqhveizz9xk) for the reset link",
]


@pytest.mark.parametrize("text", LAYOUT_LOOKALIKES)
def test_layout_lookalikes(engine: DlpEngine, text: str) -> None:
    assert not [k for k, _ in found(engine, text) if k.startswith("SECRET_")], text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<your-api-key>", True),
        ("{{ .Values.token }}", True),
        ("prefix_{{token}}_suffix", True),
        ("user:%s", True),
        ("<redacted", True),
        # punctuation around random characters is not a named slot
        ("q8<W#2>kz", False),
        ("ab}}c{{d9", False),
        ("Velvet92%Shu", False),
    ],
)
def test_template_slots(value: str, expected: bool) -> None:
    assert is_placeholder(value) is expected
