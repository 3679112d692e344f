"""Secrets in code and config lines: a seeded, template-generated evaluation set.

The dev data has few real code/config lines (the detect-secrets plugin cases are mostly
bare tokens). This set writes credentials the way code and configuration carry them —
assignments in a dozen languages, `.env`, YAML, JSON, TOML, INI, XML, properties,
Dockerfiles, shell, HTTP headers, SQL, CLI flags, connection strings, comments — and the
look-alikes that sit in the same places (placeholders, variable references, digests,
UUIDs and ids, settings about keys, public keys, words).

Each line template belongs to a family (its format); templates are split per family into
a tuning part and a held-out part by a seeded shuffle, and every value is drawn fresh, so
no held-out line shares a template with a tuning line. Rules were adjusted on the tuning
part only.
"""

from __future__ import annotations

import base64
import json
import random
import string
from collections.abc import Callable
from dataclasses import dataclass

SEED = 5150
HOLDOUT_SHARE = 0.3
ROWS_PER_TEMPLATE = 6

_ALNUM = string.ascii_letters + string.digits
_UPPER_DIGITS = string.ascii_uppercase + string.digits
_HEX = "0123456789abcdef"
_B64 = _ALNUM + "+/"


def _pick(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _jwt(rng: random.Random) -> str:
    def seg(obj: dict[str, object]) -> str:
        raw = json.dumps(obj, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    claims = {"sub": str(rng.randrange(10**6)), "iat": 1700000000 + rng.randrange(10**6)}
    return f"{seg({'alg': 'HS256', 'typ': 'JWT'})}.{seg(claims)}.{_pick(rng, _ALNUM + '-_', 43)}"


def _password(rng: random.Random) -> str:
    word = rng.choice(["Summer", "Falcon", "Orchid", "Granite", "Velvet", "Harbor", "Copper"])
    return f"{word}{rng.randrange(10, 9999)}{rng.choice('!#$%&*?@')}{_pick(rng, _ALNUM, 3)}"


# Secret value kinds: name → generator. Vendor formats and keyword-only random values.
SECRETS: dict[str, Callable[[random.Random], str]] = {
    "aws_access_key": lambda r: "AKIA" + _pick(r, _UPPER_DIGITS, 16),
    "aws_secret_key": lambda r: _pick(r, _B64, 40),
    "github_pat": lambda r: "ghp_" + _pick(r, _ALNUM, 36),
    "github_fine": lambda r: "github_pat_" + _pick(r, _ALNUM, 22) + "_" + _pick(r, _ALNUM, 59),
    "gitlab_pat": lambda r: "glpat-" + _pick(r, _ALNUM + "-_", 20),
    "slack_bot": lambda r: (
        f"xoxb-{r.randrange(10**11)}-{r.randrange(10**12)}-" + _pick(r, _ALNUM, 24)
    ),
    "stripe_secret": lambda r: "sk_live_" + _pick(r, _ALNUM, 32),
    "openai": lambda r: "sk-proj-" + _pick(r, _ALNUM + "-_", 64),
    "google_api": lambda r: "AIza" + _pick(r, _ALNUM + "-_", 35),
    "sendgrid": lambda r: "SG." + _pick(r, _ALNUM + "-_", 22) + "." + _pick(r, _ALNUM + "-_", 43),
    "npm": lambda r: "npm_" + _pick(r, _ALNUM, 36),
    "jwt": _jwt,
    "hex32": lambda r: _pick(r, _HEX, 32),
    "hex40": lambda r: _pick(r, _HEX, 40),
    "hex64": lambda r: _pick(r, _HEX, 64),
    "alnum32": lambda r: _pick(r, _ALNUM, 32),
    "alnum24": lambda r: _pick(r, _ALNUM, 24),
    "b64_44": lambda r: _pick(r, _B64, 43) + "=",
    "dashed": lambda r: "-".join(_pick(r, _ALNUM, 8) for _ in range(4)),
}
KEYWORD_SECRETS = ("aws_secret_key", "hex32", "hex40", "hex64", "alnum32", "alnum24", "b64_44")
KEY_NAMES = ("api_key", "apiKey", "API_KEY", "secret", "client_secret", "clientSecret",
             "access_token", "auth_token", "AUTH_TOKEN", "SECRET_KEY", "token", "x-api-key",
             "app_secret", "private_token", "STRIPE_API_KEY", "githubToken")  # fmt: skip
PASSWORD_NAMES = ("password", "db_password", "DB_PASSWORD", "passwd", "pwd", "dbPassword",
                  "smtp_pass", "ADMIN_PASSWORD", "mysql_root_password")  # fmt: skip

# Line templates per family. `{k}` = key name, `{v}` = value.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "python": ('{k} = "{v}"', "{k} = '{v}'", 'os.environ.setdefault("{K}", "{v}")',
               'config["{k}"] = "{v}"', 'client = Client({k}="{v}")', "    {k}='{v}',"),
    "javascript": ('const {c} = "{v}";', "  {c}: '{v}',", 'process.env.{K} = "{v}";',
                   "let {c} = `{v}`;", 'headers["{k}"] = "{v}";'),
    "java": ('private static final String {K} = "{v}";', 'props.setProperty("{d}", "{v}");',
             'String {c} = "{v}";'),
    "go": ('{c} := "{v}"', 'const {C} = "{v}"', '\t{C}: "{v}",'),
    "ruby_php": ('{k}: "{v}"', "config.{k} = '{v}'", "'{k}' => '{v}',", "define('{K}', '{v}');",
                 '${c} = "{v}";'),
    "csharp": ('var {c} = "{v}";', '<add key="{C}" value="{v}" />',
               'public const string {C} = "{v}";'),
    "shell": ("export {K}={v}", 'export {K}="{v}"', "{K}={v} ./deploy.sh", "set {K}={v}"),
    "dotenv": ("{K}={v}", '{K}="{v}"', "{K}='{v}'"),
    "yaml": ("{k}: {v}", '  {k}: "{v}"', "    {k}: '{v}'", "- {k}={v}"),
    "json": ('"{k}": "{v}",', '{{"{k}": "{v}"}}', '  "{c}" : "{v}"'),
    "toml_ini": ('{k} = "{v}"', "{k} = {v}", "{k}={v}", "{d} = {v}"),
    "xml": ("<{c}>{v}</{c}>", '<entry key="{k}">{v}</entry>', '<property name="{d}" value="{v}"/>'),
    "docker": ("ENV {K}={v}", "ENV {K} {v}", "ARG {K}={v}", "      - {K}={v}"),
    "http_cli": ('curl -H "{H}: {v}" https://api.acme.io/v1', "{H}: {v}",
                 "--{f} {v}", "--{f}={v}", "mytool login --{f} '{v}'"),
    "comment": ("# {k}: {v}", "// {k} = {v}", "/* {k} {v} */", "-- {k} is {v}"),
}  # fmt: skip
PASSWORD_TEMPLATES: dict[str, tuple[str, ...]] = {
    "python": ('{k} = "{v}"', "connect(user='app', {k}='{v}')"),
    "yaml": ("{k}: {v}", '  {k}: "{v}"'),
    "dotenv": ("{K}={v}", '{K}="{v}"'),
    "json": ('"{k}": "{v}",',),
    "sql": ("CREATE USER app WITH PASSWORD '{v}';", "ALTER USER 'app'@'%' IDENTIFIED BY '{v}';"),
    "cli": ("mysql -u root -p{v} appdb", "docker login -u deploy -p {v} registry.acme.io"),
    "xml": ('<add key="{C}" value="{v}" />',),
}  # fmt: skip
CONNECTION_TEMPLATES = (
    "DATABASE_URL=postgres://app:{v}@db.internal:5432/app",
    'engine = create_engine("mysql+pymysql://root:{v}@10.1.2.3/orders")',
    'MONGO_URI: "mongodb+srv://svc:{v}@cluster0.ab1cd.mongodb.net/prod"',
    "redis_url = redis://:{v}@cache.internal:6379/0",
    '"ConnectionString": "Server=tcp:sql1.acme.net,1433;Database=crm;User ID=crm;Password={v};"',
    "amqp://guest:{v}@rabbit.internal:5672/",
)
# Look-alikes written where secrets are written: none of these is a credential.
NEGATIVE_VALUES: dict[str, Callable[[random.Random], str]] = {
    "placeholder": lambda r: r.choice(["<your-api-key>", "YOUR_API_KEY_HERE", "xxxxxxxxxxxxxxxx",
                                       "changeme", "${API_KEY}", "{{ .Values.token }}",
                                       "%(token)s", "<redacted>", "****************",
                                       "REPLACE_ME", "dummy-token-value", "sk_test_XXXXXXXXXXXX"]),
    "reference": lambda r: r.choice(["os.getenv('API_KEY')", "process.env.API_TOKEN",
                                     "settings.SECRET_KEY", "env('APP_SECRET')", "get_token()",
                                     "$API_KEY", "${{ secrets.DEPLOY_TOKEN }}",
                                     "vault:secret/app#key",
                                     "request.headers['Authorization']", "None", "null"]),
    "word": lambda r: r.choice(["refresh", "oauth2", "true", "bearer", "header", "required",
                                "client_credentials", "none", "disabled", "x-api-key"]),
}  # fmt: skip
NEGATIVE_LINES: tuple[Callable[[random.Random], str], ...] = (
    lambda r: f'sha256 = "{_pick(r, _HEX, 64)}"',
    lambda r: f"commit: {_pick(r, _HEX, 40)}",
    lambda r: f'"integrity": "sha512-{_pick(r, _B64, 86)}==",',
    lambda r: f'checksum_md5 = "{_pick(r, _HEX, 32)}"',
    lambda r: f"image: registry.acme.io/api@sha256:{_pick(r, _HEX, 64)}",
    lambda r: f'request_id = "{_uuid(r)}"',
    lambda r: f"trace_id={_pick(r, _HEX, 32)}",
    lambda r: f'cache_key = "user:{r.randrange(10**6)}:profile"',
    lambda r: f'public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{_pick(r, _B64, 43)} ops@acme"',
    lambda r: f'key_id: "{_pick(r, _HEX, 16)}"',
    lambda r: 'token_url = "https://auth.acme.io/oauth2/token"',
    lambda r: f"token_ttl = {r.randrange(60, 86400)}",
    lambda r: 'api_key_header = "X-API-Key"',
    lambda r: f"password_min_length = {r.randrange(8, 20)}",
    lambda r: 'secret_file = "/etc/app/secrets/client.json"',
    lambda r: f"STRIPE_PUBLISHABLE_KEY=pk_live_{_pick(r, _ALNUM, 24)}",
    lambda r: "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
    lambda r: f'etag: "{_pick(r, _HEX, 32)}"',
    lambda r: f"fingerprint = {':'.join(_pick(r, _HEX, 2) for _ in range(16))}",
    lambda r: f'keyboard_layout = "us-intl"  # build {r.randrange(1000)}',
    lambda r: f'primary_key = "order_id"  # table orders_{r.randrange(99)}',
    lambda r: f'version = "{r.randrange(9)}.{r.randrange(20)}.{r.randrange(100)}"',
    lambda r: f"color: #{_pick(r, _HEX, 6)};",
    lambda r: f'user_id = "{_uuid(r)}"',
    lambda r: f"session_timeout_seconds={r.randrange(300, 7200)}",
    lambda r: f'"tokenizer": "cl100k_base", "max_tokens": {r.randrange(64, 4096)}',
    lambda r: f'password_hash = "$2b$12${_pick(r, _ALNUM + "./", 53)}"',
    lambda r: f"auth_method = {r.choice(['oauth2', 'saml', 'ldap'])}",
)


# Second set, written with the layout and vendor rules of the next round (so its held-out
# templates are a regression check of those rules, not an unbiased estimate). It has its
# own families, value kinds and random stream: the first set above stays byte-identical.
LAYOUT_SEED = 6262
_SYMBOLS = "!#%^&*()-_=+[]{}<>;:,.?|~"
MORE_SECRETS: dict[str, Callable[[random.Random], str]] = {
    "gitlab_deploy": lambda r: "gldt-" + _pick(r, _ALNUM + "-_", 20),
    "docker_pat": lambda r: "dckr_pat_" + _pick(r, _ALNUM + "-_", 27),
    "bitbucket": lambda r: "ATBB" + _pick(r, _ALNUM, 32),
    "anthropic": lambda r: "sk-ant-api03-" + _pick(r, _ALNUM + "-_", 93) + "AA",
    "huggingface": lambda r: "hf_" + _pick(r, _ALNUM, 34),
    "telegram": lambda r: f"{r.randrange(10**8, 10**10)}:AA" + _pick(r, _ALNUM + "-_", 33),
    "square": lambda r: "EAAA" + _pick(r, _ALNUM + "-_", 60),
    "shopify": lambda r: "shpat_" + _pick(r, _HEX, 32),
    "mailchimp": lambda r: _pick(r, _HEX, 32) + f"-us{r.randrange(1, 21)}",
    "figma": lambda r: "figd_" + _pick(r, _ALNUM + "-_", 40),
    "azure_ad": lambda r: _pick(r, _ALNUM, 3) + "8Q~" + _pick(r, _ALNUM + "_~.-", 34),
    "symbols64": lambda r: _pick(r, _ALNUM + _SYMBOLS, 64),
    "symbols50": lambda r: _pick(r, _ALNUM + _SYMBOLS, 50),
}
MORE_KEY_NAMES = ("auth_key", "SECRET_KEY", "api.key", "jwt_secret", "accessToken",
                  "signing_secret", "DEPLOY_TOKEN", "webhook_secret")  # fmt: skip
# `{k}` = key name, `{K}` upper, `{d}` dotted, `{c}` camel, `{v}` = value.
LAYOUT_TEMPLATES: dict[str, tuple[str, ...]] = {
    "php": ("$config['{k}'] = '{v}';", "define('{K}', '{v}');", "define( '{K}', '{v}' );",
            "'{k}' => env('{K}', '{v}'),", '$_ENV["{K}"] = "{v}";'),
    "call": ('props.setProperty("{d}", "{v}");', 'os.environ.setdefault("{K}", "{v}")',
             'System.setProperty("{d}", "{v}");', 'config.set("{k}", "{v}")',
             'viper.SetDefault("{d}", "{v}")'),
    "terraform": ('variable "{k}" {{ default = "{v}" }}', '  {k} = "{v}"',
                  'resource "x" "y" {{ {k} = "{v}" }}'),
    "properties": ("app.{d}={v}", "spring.security.{d}: {v}", "{d} = {v}"),
    "k8s": ("  {k}: {v}", '    {c}: "{v}"', "  - name: {K}\n    value: \"{v}\""),
}  # fmt: skip
LAYOUT_PASSWORD_TEMPLATES: dict[str, tuple[str, ...]] = {
    "php": ("$config['{k}'] = '{v}';", "define('{K}', '{v}');", "'{k}' => '{v}',"),
    "call": ('props.setProperty("{d}", "{v}");', 'conf.set("{k}", "{v}")'),
    "netrc": ("machine db.acme.io login app password {v}",
              "machine ftp.acme.io\n  login deploy\n  password {v}",
              "machine git.acme.io login ci password {v}"),
    "terraform": ('variable "{k}" {{ default = "{v}" }}',
                  'variable "{k}" {{\n  type    = string\n  default = "{v}"\n}}'),
    "cli": ("sshpass -p '{v}' ssh ops@10.0.0.5", "sshpass -p {v} scp f ops@host:/tmp"),
    "properties": ("spring.datasource.{d}={v}", "spring.mail.{d}: {v}"),
}  # fmt: skip


def build_layouts() -> dict[str, list[Line]]:
    """The second set: new layouts, both old and new value kinds, look-alikes per template."""
    out: dict[str, list[Line]] = {"tune": [], "holdout": []}
    rng = random.Random(LAYOUT_SEED)
    values = {**SECRETS, **MORE_SECRETS}
    kinds = sorted(values)
    key_names = KEY_NAMES + MORE_KEY_NAMES
    groups = [(f"layout-key:{f}", t, key_names, kinds) for f, t in LAYOUT_TEMPLATES.items()] + [
        (f"layout-password:{f}", t, PASSWORD_NAMES, ["password"])
        for f, t in LAYOUT_PASSWORD_TEMPLATES.items()
    ]
    _emit(out, groups, values, rng)
    return out


_Group = tuple[str, tuple[str, ...], list[str], list[str]]


def _emit(
    out: dict[str, list[Line]],
    groups: list[_Group],
    values: dict[str, Callable[[random.Random], str]],
    rng: random.Random,
) -> None:
    """Per family and template: ROWS_PER_TEMPLATE secret lines, each with a look-alike."""
    for family, templates, names, value_kinds in groups:
        for part, chosen in zip(("tune", "holdout"), _split(templates, family), strict=True):
            for template in chosen:
                for i in range(ROWS_PER_TEMPLATE):
                    key = rng.choice(names)
                    kind = rng.choice(value_kinds)
                    value = _password(rng) if kind == "password" else values[kind](rng)
                    text, span = _fill(template, key, value)
                    out[part].append(Line(f"{family}:{template}:{i}", family, text, span))
                    negative = rng.choice(sorted(NEGATIVE_VALUES))
                    text, _ = _fill(template, key, NEGATIVE_VALUES[negative](rng))
                    out[part].append(Line(f"{family}:{template}:{i}:neg", family, text, None))


def _uuid(rng: random.Random) -> str:
    h = _pick(rng, _HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


@dataclass(frozen=True)
class Line:
    id: str
    family: str
    text: str
    secret: tuple[int, int] | None  # the credential's span, None for a look-alike line


def _names(k: str) -> dict[str, str]:
    parts = k.replace("-", "_").replace("API", "api_").lower().strip("_").split("_")
    parts = [p for p in parts if p] or [k.lower()]
    camel = parts[0] + "".join(p.capitalize() for p in parts[1:])
    header = "-".join(p.capitalize() for p in parts)
    return {
        "k": k,
        "K": "_".join(parts).upper(),
        "c": camel,
        "C": camel[:1].upper() + camel[1:],
        "d": ".".join(parts),
        "H": "Authorization" if "token" in parts else f"X-{header}",
        "f": "-".join(parts),
    }


def _fill(template: str, key: str, value: str) -> tuple[str, tuple[int, int]]:
    names = _names(key)
    bearer = "{H}" in template and names["H"] == "Authorization"
    value_text = f"Bearer {value}" if bearer else value
    marker = "\x00"
    text = template.format(v=marker, **names)
    start = text.index(marker)
    start += len(value_text) - len(value)
    return text.replace(marker, value_text), (start, start + len(value))


def _split(templates: tuple[str, ...], family: str) -> tuple[list[str], list[str]]:
    order = list(templates)
    random.Random(f"{SEED}|{family}").shuffle(order)
    cut = max(1, round(len(order) * HOLDOUT_SHARE)) if len(order) > 1 else 0
    return order[cut:], order[:cut]


def build() -> dict[str, list[Line]]:
    """{"tune": [...], "holdout": [...]}: positive and look-alike lines, seeded."""
    out: dict[str, list[Line]] = {"tune": [], "holdout": []}
    rng = random.Random(SEED)
    kinds = sorted(SECRETS)
    groups = [(f"key:{f}", t, KEY_NAMES, kinds) for f, t in TEMPLATES.items()] + [
        (f"password:{f}", t, PASSWORD_NAMES, ["password"]) for f, t in PASSWORD_TEMPLATES.items()
    ]
    _emit(out, groups, SECRETS, rng)
    conn_tune, conn_hold = _split(CONNECTION_TEMPLATES, "connection")
    for part, chosen in (("tune", conn_tune), ("holdout", conn_hold)):
        for template in chosen:
            for i in range(ROWS_PER_TEMPLATE):
                text, span = _fill(template, "password", _password(rng))
                out[part].append(Line(f"connection:{template}:{i}", "connection", text, span))
    neg_tune, neg_hold = _split(tuple(str(i) for i in range(len(NEGATIVE_LINES))), "lookalike")
    for part, chosen in (("tune", neg_tune), ("holdout", neg_hold)):
        for index in chosen:
            for i in range(ROWS_PER_TEMPLATE):
                text = NEGATIVE_LINES[int(index)](rng)
                out[part].append(Line(f"lookalike:{index}:{i}", "lookalike", text, None))
    return out
