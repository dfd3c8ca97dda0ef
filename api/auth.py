"""Bearer tokens → Principal. HS256 with a shared secret in development; RS256/ES256 keys from
a JWKS URL (Keycloak and the like) in production.

Every token must name its tenant (claim `tenant`: the server's profile, or with many tenants a
registry entry, infra.tenancy) and its
official (claim `nip`, or the claim SISTEMKERJA_JWT_NIP_CLAIM names), a valid NIP or NI PPPK:
a token without them would otherwise act for nobody, or for every tenant."""

import time
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
import jwt

from application.principal import ADMIN_ROLE, Principal
from domain.errors import InvalidInput
from domain.messages import Localized, render
from domain.nip import parse_employee_number
from domain.positions import EmployeeType

ASYMMETRIC = ["RS256", "RS384", "RS512", "ES256", "ES384", "PS256"]
JWKS_FETCH_TIMEOUT = 10.0  # seconds: an identity provider that hangs must not hold a request longer


class AuthenticationError(Exception):
    """Answered 401 UNAUTHENTICATED: `message` in the caller's language, `pesan` in Indonesian. The texts
    are the catalogue's (domain/messages.yaml, UNAUTHENTICATED and its cases)."""

    code = "UNAUTHENTICATED"

    def __init__(self, case: str | None = None, **details: object):
        self.details = {"case": case, **details}
        super().__init__(self.message("en"))

    def message(self, language: str) -> str:
        return render(self.code, language, self.details)

    @property
    def pesan(self) -> str:
        return self.message("id")


def valid_nip(number: str) -> str:
    """The number if it is a valid NIP (PNS) or NI PPPK; InvalidInput (INVALID_NIP) otherwise.
    A token does not say which kind of employee it names, so either layout is accepted."""
    try:
        return parse_employee_number(number, EmployeeType.PNS).value
    except InvalidInput as as_pns:
        try:
            return parse_employee_number(number, EmployeeType.PPPK).value
        except InvalidInput:
            raise as_pns from None


@dataclass
class TokenVerifier:
    # The one tenant this server serves; None when it serves many (the registry then decides:
    # infra.tenancy), and the token need only name one.
    tenant: str | None
    secret: str | None = None
    jwks_url: str | None = None
    audience: str | None = None
    issuer: str | None = None
    nip_claim: str = "nip"
    # Keycloak puts a client's roles under resource_access.<client id>.roles; read them only
    # for the client named here, so that roles of another application give nothing.
    client_id: str | None = None

    def __post_init__(self) -> None:
        if not (self.secret or self.jwks_url):
            raise ValueError("configure SISTEMKERJA_JWT_SECRET or SISTEMKERJA_JWKS_URL")
        self._jwks = (
            jwt.PyJWKClient(self.jwks_url, cache_keys=True, timeout=JWKS_FETCH_TIMEOUT)
            if self.jwks_url
            else None
        )

    async def verify_async(self, authorization: str | None) -> Principal:
        """As verify, for the event loop: a JWKS fetch is blocking network I/O, so tokens of an
        identity provider are verified in a worker thread; HS256 is pure CPU and stays inline."""
        if self._jwks is None:
            return self.verify(authorization)
        return await anyio.to_thread.run_sync(self.verify, authorization)

    def verify(self, authorization: str | None) -> Principal:
        if not authorization:
            raise AuthenticationError("missing")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationError("not_bearer")
        claims = self._decode(token.strip())
        tenant = self._check_tenant(claims)
        return Principal(nip=self._nip(claims), roles=self._roles(claims), tenant=tenant)

    def _check_tenant(self, claims: dict[str, Any]) -> str:
        tenant = claims.get("tenant")
        if tenant is None:
            raise AuthenticationError("no_tenant")
        if not isinstance(tenant, str) or not tenant.strip():
            raise AuthenticationError("no_tenant")
        if self.tenant is not None and tenant != self.tenant:
            raise AuthenticationError("other_tenant", tenant=tenant, expected=self.tenant)
        return tenant

    def _nip(self, claims: dict[str, Any]) -> str:
        nip = claims.get(self.nip_claim)
        if not isinstance(nip, str) or not nip.strip():
            raise AuthenticationError("no_official", claim=self.nip_claim)
        try:
            return valid_nip(nip)
        except InvalidInput as error:
            raise AuthenticationError(
                "bad_official",
                claim=self.nip_claim,
                reason=Localized(en=error.message_en, id=error.message_id),
            ) from None

    def _roles(self, claims: dict[str, Any]) -> frozenset[str]:
        """The union of `roles`, Keycloak's realm roles and, if a client id is configured, its
        client roles."""
        sources: list[tuple[str, Any]] = [
            ("roles", claims.get("roles")),
            ("realm_access.roles", _get(claims, "realm_access", "roles")),
        ]
        if self.client_id:
            sources.append(
                (
                    f"resource_access.{self.client_id}.roles",
                    _get(claims, "resource_access", self.client_id, "roles"),
                )
            )
        roles: set[str] = set()
        for name, value in sources:
            if value is None:
                continue
            if not isinstance(value, list) or not all(isinstance(role, str) for role in value):
                raise AuthenticationError("roles_not_list", claim=name)
            roles.update(value)
        return frozenset(roles)

    def _decode(self, token: str) -> dict:
        options = {"require": ["exp"], "verify_aud": self.audience is not None}
        try:
            if self._jwks is not None:
                key = self._jwks.get_signing_key_from_jwt(token).key
                return jwt.decode(
                    token,
                    key,
                    algorithms=ASYMMETRIC,
                    audience=self.audience,
                    issuer=self.issuer,
                    options=options,
                )
            return jwt.decode(
                token,
                self.secret,
                algorithms=["HS256"],
                audience=self.audience,
                issuer=self.issuer,
                options=options,
            )
        except jwt.ExpiredSignatureError:
            raise AuthenticationError("expired") from None
        except jwt.PyJWKClientConnectionError as error:
            raise AuthenticationError("keys_unavailable", problem=str(error)) from None
        except (jwt.PyJWKClientError, jwt.InvalidTokenError) as error:
            raise AuthenticationError(problem=str(error)) from None


def _get(claims: dict[str, Any], *path: str) -> Any:
    value: Any = claims
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def mint_token(
    secret: str, *, nip: str, tenant: str, admin: bool = False, hours: float = 12, roles: tuple[str, ...] = ()
) -> str:
    """A development token (HS256), as `sistemkerja token` prints it. Refuses a number that is
    not a NIP or NI PPPK (InvalidInput INVALID_NIP): the server would refuse the token anyway."""
    nip = valid_nip(nip)
    now = int(time.time())
    claims = {
        "sub": nip,
        "nip": nip,
        "tenant": tenant,
        "iat": now,
        "exp": now + int(hours * 3600),
        "roles": [*([ADMIN_ROLE] if admin else []), *roles],
    }
    return jwt.encode(claims, secret, algorithm="HS256")
