"""Bearer tokens → Principal. HS256 with a shared secret in development; RS256/ES256 keys from
a JWKS URL (Keycloak and the like) in production. The actor is the token's NIP."""

import time
from dataclasses import dataclass

import jwt

from application.principal import ADMIN_ROLE, Principal

ASYMMETRIC = ["RS256", "RS384", "RS512", "ES256", "ES384", "PS256"]


class AuthenticationError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class TokenVerifier:
    tenant: str
    secret: str | None = None
    jwks_url: str | None = None
    audience: str | None = None
    issuer: str | None = None

    def __post_init__(self) -> None:
        if not (self.secret or self.jwks_url):
            raise ValueError("configure SISTEMKERJA_JWT_SECRET or SISTEMKERJA_JWKS_URL")
        self._jwks = jwt.PyJWKClient(self.jwks_url, cache_keys=True) if self.jwks_url else None

    def verify(self, authorization: str | None) -> Principal:
        if not authorization:
            raise AuthenticationError("Missing bearer token: send 'Authorization: Bearer <token>'.")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationError("The Authorization header must be 'Bearer <token>'.")
        claims = self._decode(token.strip())
        if claims.get("tenant", self.tenant) != self.tenant:
            raise AuthenticationError(f"This token is for tenant '{claims['tenant']}', not '{self.tenant}'.")
        nip = str(claims.get("nip") or claims.get("sub") or "")
        if not nip:
            raise AuthenticationError("The token names no official (claim 'nip' or 'sub').")
        roles = claims.get("roles") or claims.get("realm_access", {}).get("roles") or []
        return Principal(nip=nip, roles=frozenset(str(role) for role in roles))

    def _decode(self, token: str) -> dict:
        options = {"require": ["exp"], "verify_aud": self.audience is not None}
        try:
            if self._jwks is not None:
                key = self._jwks.get_signing_key_from_jwt(token).key
                return jwt.decode(token, key, algorithms=ASYMMETRIC, audience=self.audience,
                                  issuer=self.issuer, options=options)
            return jwt.decode(token, self.secret, algorithms=["HS256"], audience=self.audience,
                              issuer=self.issuer, options=options)
        except jwt.ExpiredSignatureError:
            raise AuthenticationError("The token has expired: sign in again.") from None
        except (jwt.PyJWKClientError, jwt.InvalidTokenError) as error:
            raise AuthenticationError(f"The token is not valid: {error}.") from None


def mint_token(secret: str, *, nip: str, tenant: str, admin: bool = False, hours: float = 12,
               roles: tuple[str, ...] = ()) -> str:
    """A development token (HS256), as `sistemkerja token` prints it."""
    now = int(time.time())
    claims = {"sub": nip, "nip": nip, "tenant": tenant, "iat": now, "exp": now + int(hours * 3600),
              "roles": [*([ADMIN_ROLE] if admin else []), *roles]}
    return jwt.encode(claims, secret, algorithm="HS256")
