"""Development tokens: an HS256 secret kept under var/ so that `make run` prints a usable token.
Production uses SISTEMKERJA_JWT_SECRET or a JWKS URL and never this file."""

import secrets

from api.auth import TokenVerifier
from infra.settings import REPOSITORY, Settings

DEV_SECRET_FILE = REPOSITORY / "var" / "dev-jwt-secret"


def jwt_secret(settings: Settings) -> str | None:
    if settings.jwt_secret or settings.jwks_url or not settings.development:
        return settings.jwt_secret
    if not DEV_SECRET_FILE.exists():
        DEV_SECRET_FILE.parent.mkdir(parents=True, exist_ok=True)
        DEV_SECRET_FILE.write_text(secrets.token_urlsafe(32))
        DEV_SECRET_FILE.chmod(0o600)
    return DEV_SECRET_FILE.read_text().strip()


def verifier(settings: Settings) -> TokenVerifier:
    return TokenVerifier(
        tenant=None if settings.multi_tenant else settings.profile,
        secret=jwt_secret(settings),
        jwks_url=settings.jwks_url,
        audience=settings.jwt_audience,
        issuer=settings.jwt_issuer,
        nip_claim=settings.jwt_nip_claim,
        client_id=settings.jwt_client_id,
    )
