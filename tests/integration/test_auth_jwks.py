"""Tokens from an identity provider: RS256 keys published at a JWKS URL (as Keycloak does),
fetched over real HTTP from a local server (tests/jwks_server.py)."""

import time
import uuid
from collections.abc import Iterator

import anyio
import jwt
import pytest

import api.auth
from api.auth import AuthenticationError, TokenVerifier
from tests.jwks_server import OTHER_KEY, JwksServer, rs256_token, running_jwks_server

TENANT = "kab-serang-2024"


@pytest.fixture(scope="module")
def provider() -> Iterator[JwksServer]:
    with running_jwks_server() as server:
        yield server


@pytest.fixture
def jwks_url(provider: JwksServer) -> str:
    return provider.url


def test_a_keycloak_style_token_gives_the_nip_and_realm_roles(jwks_url):
    verifier = TokenVerifier(tenant=TENANT, jwks_url=jwks_url, audience="sistemkerja")
    principal = verifier.verify(f"Bearer {rs256_token()}")
    assert principal.nip == "198507202010011002"
    assert principal.is_admin


def test_the_async_verify_gives_the_same_principal(jwks_url):
    verifier = TokenVerifier(tenant=TENANT, jwks_url=jwks_url, audience="sistemkerja")
    principal = anyio.run(verifier.verify_async, f"Bearer {rs256_token()}")
    assert principal.nip == "198507202010011002" and principal.is_admin


def test_a_token_signed_by_another_key_or_for_another_audience_is_refused(jwks_url):
    verifier = TokenVerifier(tenant=TENANT, jwks_url=jwks_url, audience="sistemkerja")
    with pytest.raises(AuthenticationError, match="not valid"):
        verifier.verify(f"Bearer {rs256_token(OTHER_KEY)}")
    with pytest.raises(AuthenticationError, match="not valid"):
        verifier.verify(f"Bearer {rs256_token(aud='another-app')}")


def test_an_hs256_token_is_not_accepted_where_the_provider_signs_with_rsa(jwks_url):
    verifier = TokenVerifier(tenant=TENANT, jwks_url=jwks_url)
    forged = jwt.encode(
        {"nip": "198507202010011002", "tenant": TENANT, "exp": int(time.time()) + 60},
        "guess-a-secret-of-thirty-two-bytes!",
        algorithm="HS256",
        headers={"kid": "k1"},
    )
    with pytest.raises(AuthenticationError):
        verifier.verify(f"Bearer {forged}")


def test_the_subject_is_not_a_nip_and_the_nip_claim_can_be_renamed(jwks_url):
    keycloak_like = rs256_token(nip=None, sub=str(uuid.uuid4()), nip_pegawai="199001012021211001")
    with pytest.raises(AuthenticationError, match="claim 'nip'") as refused:
        TokenVerifier(tenant=TENANT, jwks_url=jwks_url).verify(f"Bearer {keycloak_like}")
    assert "klaim 'nip'" in refused.value.pesan
    renamed = TokenVerifier(tenant=TENANT, jwks_url=jwks_url, nip_claim="nip_pegawai")
    assert renamed.verify(f"Bearer {keycloak_like}").nip == "199001012021211001"  # an NI PPPK


def test_client_roles_count_only_for_the_configured_client(jwks_url):
    token = rs256_token(
        realm_access={"roles": ["offline_access"]},
        resource_access={"sistemkerja-web": {"roles": ["admin"]}, "another-app": {"roles": ["auditor"]}},
    )
    configured = TokenVerifier(tenant=TENANT, jwks_url=jwks_url, client_id="sistemkerja-web")
    assert configured.verify(f"Bearer {token}").roles == {"offline_access", "admin"}
    unconfigured = TokenVerifier(tenant=TENANT, jwks_url=jwks_url)
    assert unconfigured.verify(f"Bearer {token}").roles == {"offline_access"}


def test_a_provider_that_does_not_answer_is_given_up_after_the_fetch_timeout(monkeypatch):
    monkeypatch.setattr(api.auth, "JWKS_FETCH_TIMEOUT", 0.5)
    with running_jwks_server() as silent:
        silent.hold()  # never released: only the timeout ends the fetch
        verifier = TokenVerifier(tenant=TENANT, jwks_url=silent.url)
        with pytest.raises(AuthenticationError, match="could not be fetched") as refused:
            verifier.verify(f"Bearer {rs256_token()}")
        assert silent.fetched.is_set()
    assert "penyedia identitas" in refused.value.pesan


def test_a_verifier_needs_a_secret_or_a_jwks_url():
    with pytest.raises(ValueError, match="JWT_SECRET"):
        TokenVerifier(tenant=TENANT)
