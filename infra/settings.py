"""Configuration, from the environment (prefix SISTEMKERJA_) or a .env file."""

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPOSITORY = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE_URL = f"sqlite:///{REPOSITORY / 'var' / 'sistemkerja.db'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SISTEMKERJA_", env_file=".env", extra="ignore")

    # sqlite:///path/file.db (embedded default) or postgresql://user:pass@host:port/dbname
    database_url: str = DEFAULT_DATABASE_URL
    # PostgreSQL schema of this tenant (one local government per schema).
    db_schema: str = Field(default="public", validation_alias="SISTEMKERJA_SCHEMA")
    # The tenant's regulation profile (domain/profiles/<id>.yaml).
    profile: str = "kab-serang-2024"
    # Many governments in one deployment (README "Tenants"): the registry in the database above
    # names them, and each request is served for the tenant its token names. Off: one government,
    # the one the settings above describe.
    multi_tenant: bool = False
    # With multi_tenant, the tenant a command-line tool works on (`sistemkerja tenants list`).
    tenant: str | None = None
    # With multi_tenant on PostgreSQL: the one connection pool every tenant's transactions share.
    pool_size: int = Field(default=8, ge=1, le=200)
    # Set from the registry for a tenant (its time zone, and its folder under domain/documents/);
    # unset, the profile's.
    time_zone: str | None = None
    letterhead: str | None = None
    # Aggregates kept in memory per tenant (eventsourcing's cache): fewer when one process serves many.
    aggregate_cache_size: int = Field(default=20_000, ge=1)
    mode: Literal["development", "production"] = "development"
    # Bearer tokens: HS256 with a shared secret (development), or RS256/ES256 keys from a JWKS URL.
    jwt_secret: str | None = None
    jwks_url: str | None = None
    jwt_audience: str | None = None
    jwt_issuer: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    # Ed25519 key that signs hash-chain checkpoints (sistemkerja audit keygen).
    signing_key: str | None = None
    # Signed documents (issue 12): where the signed PDFs are kept (by SHA-256), and how many
    # `GET /verify/<code>` answers one client gets a minute.
    documents_dir: Path = REPOSITORY / "var" / "documents"
    verify_per_minute: int = 30
    # The token claim that carries the official's NIP (an identity provider's mapper may name it otherwise).
    jwt_nip_claim: str = "nip"
    # Keycloak client whose roles (resource_access.<client>.roles) count besides the realm roles.
    jwt_client_id: str | None = None

    # Read models that catch up on their own (README "Read models"): each server process follows
    # the event store in the background, woken by PostgreSQL NOTIFY and polling every this many
    # seconds (the fallback, and the only way on SQLite). Off: views move only with commands.
    follow_events: bool = True
    follow_interval_seconds: float = Field(default=0.5, gt=0, le=60)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite:")

    @property
    def development(self) -> bool:
        return self.mode == "development"

    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        return Path(self.database_url.removeprefix("sqlite:///").removeprefix("sqlite://"))

    # Limits against oversized, costly and slow requests (README "Limits").
    # A request body above this is answered 413 before it is read (1 MiB).
    max_body_bytes: int = 1_048_576
    # A query whose estimated cost (values resolved, × page sizes, nested) is above this is refused.
    max_query_cost: int = 5_000
    # Seconds a client has to send a request's head (request line and headers), and its whole body.
    header_timeout_seconds: float = 10.0
    body_timeout_seconds: float = 30.0
    # Seconds an idle keep-alive connection is kept; connections and requests at once before 503.
    keep_alive_seconds: int = 5
    max_connections: int = 1000

    # Operating it (README "Monitoring"). Origins allowed to call the API from a browser, comma-
    # separated (e.g. https://sistemkerja.serangkab.go.id); none by default.
    cors_origins: str = ""
    # `GET /ready` answers 503 when the read models are more than this many events behind.
    ready_max_lag: int = 100
    # One JSON object a log line (request id, tenant, ...); plain text when false.
    json_logs: bool = True
    # OpenTelemetry traces, exported over OTLP/HTTP to this endpoint (e.g. http://127.0.0.1:4318);
    # off when unset. Needs the optional dependencies: pip install -e '.[otel]'.
    otel_endpoint: str | None = None

    def cors_origin_list(self) -> tuple[str, ...]:
        return tuple(o.strip() for o in self.cors_origins.split(",") if o.strip())
