"""Tokens from an identity provider: RS256 keys published at a JWKS URL (as Keycloak does),
fetched over real HTTP from a local server."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from api.auth import AuthenticationError, TokenVerifier

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def jwks_url():
    public = json.loads(RSAAlgorithm.to_jwk(KEY.public_key()))
    body = json.dumps({"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/realms/serang/protocol/openid-connect/certs"
    server.shutdown()


def _token(key, **claims):
    base = {"nip": "198507202010011002", "tenant": "kab-serang-2024", "exp": int(time.time()) + 60,
            "aud": "sistemkerja", "realm_access": {"roles": ["admin"]}}
    return jwt.encode({**base, **claims}, key, algorithm="RS256", headers={"kid": "k1"})


def test_a_keycloak_style_token_gives_the_nip_and_realm_roles(jwks_url):
    verifier = TokenVerifier(tenant="kab-serang-2024", jwks_url=jwks_url, audience="sistemkerja")
    principal = verifier.verify(f"Bearer {_token(KEY)}")
    assert principal.nip == "198507202010011002"
    assert principal.is_admin


def test_a_token_signed_by_another_key_or_for_another_audience_is_refused(jwks_url):
    verifier = TokenVerifier(tenant="kab-serang-2024", jwks_url=jwks_url, audience="sistemkerja")
    with pytest.raises(AuthenticationError, match="not valid"):
        verifier.verify(f"Bearer {_token(OTHER_KEY)}")
    with pytest.raises(AuthenticationError, match="not valid"):
        verifier.verify(f"Bearer {_token(KEY, aud='another-app')}")


def test_an_hs256_token_is_not_accepted_where_the_provider_signs_with_rsa(jwks_url):
    verifier = TokenVerifier(tenant="kab-serang-2024", jwks_url=jwks_url)
    forged = jwt.encode({"nip": "1", "exp": int(time.time()) + 60}, "guess", algorithm="HS256",
                        headers={"kid": "k1"})
    with pytest.raises(AuthenticationError):
        verifier.verify(f"Bearer {forged}")


def test_a_verifier_needs_a_secret_or_a_jwks_url():
    with pytest.raises(ValueError, match="JWT_SECRET"):
        TokenVerifier(tenant="kab-serang-2024")
