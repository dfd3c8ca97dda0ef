"""Issue 8, defect 9: a token must name its tenant and a valid NIP, over real HTTP on both stores.
Before the fix a token without `tenant` acted as whatever it claimed (an admin with all data) and
a token without `nip` (Keycloak's `sub` only) was accepted with `me: null`."""

import time
import uuid

import jwt
import pytest

from tests.e2e.conftest import ADMIN_NIP

LEDGER = "{ decisionLedger { nodes { position } } }"  # for the administrator (or auditor) only
PPPK_NIP = "199001012021211001"  # an NI PPPK: birth date, year 2021, then "21", not a month


@pytest.fixture
def settings(settings):
    # The Keycloak client whose client roles count, as SISTEMKERJA_JWT_CLIENT_ID configures it.
    return settings.model_copy(update={"jwt_client_id": "sistemkerja-web"})


def _token(live_server, **claims):
    base = {"nip": ADMIN_NIP, "tenant": live_server.settings.profile, "exp": int(time.time()) + 600}
    body = {key: value for key, value in {**base, **claims}.items() if value is not None}
    return jwt.encode(body, live_server.settings.jwt_secret, algorithm="HS256")


def _refused(live_server, token: str, query: str = LEDGER) -> dict:
    response = live_server.post({"query": query}, token)
    assert response.status_code == 401, response.text
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["extensions"]["pesan"], "the 401 carries an Indonesian message"
    return error


def test_a_token_without_a_tenant_is_refused_even_with_the_admin_role(live_server):
    error = _refused(live_server, _token(live_server, tenant=None, roles=["admin"]))
    assert "tenant" in error["message"] and "tenant" in error["extensions"]["pesan"]


def test_a_token_for_another_tenant_is_refused(live_server):
    error = _refused(live_server, _token(live_server, tenant="kota-serang-2023", roles=["admin"]))
    assert "kota-serang-2023" in error["message"]


def test_a_token_without_a_nip_is_refused_although_it_names_a_subject(live_server):
    token = _token(live_server, nip=None, sub=str(uuid.uuid4()), roles=["admin"])
    error = _refused(live_server, token, "{ me { nip } }")
    assert "'nip'" in error["message"]


@pytest.mark.parametrize("nip", ["123", "", "19680512199003100X", "196813121990031003", 196805121990031003])
def test_a_token_with_a_malformed_nip_is_refused(live_server, nip):
    _refused(live_server, _token(live_server, nip=nip, roles=["admin"]), "{ me { nip } }")


def test_a_token_with_an_ni_pppk_is_accepted(live_server):
    response = live_server.post({"query": "{ me { nip } }"}, _token(live_server, nip=PPPK_NIP))
    assert response.status_code == 200 and "errors" not in response.json(), response.text


def test_keycloak_client_roles_of_the_configured_client_are_honoured(live_server):
    client_admin = _token(
        live_server,
        realm_access={"roles": ["offline_access"]},
        resource_access={"sistemkerja-web": {"roles": ["admin"]}},
    )
    assert live_server.gql(LEDGER, token=client_admin)["decisionLedger"]["nodes"] == []
    realm_admin = _token(
        live_server,
        realm_access={"roles": ["admin"]},
        resource_access={"sistemkerja-web": {"roles": ["auditor"]}},
    )
    assert live_server.gql(LEDGER, token=realm_admin)["decisionLedger"]["nodes"] == []


def test_roles_of_another_client_give_nothing(live_server):
    other_client = _token(live_server, resource_access={"another-app": {"roles": ["admin"]}})
    refused = live_server.post({"query": LEDGER}, other_client).json()
    assert refused["errors"][0]["extensions"]["code"] == "NOT_AUTHORISED"


def test_a_roles_claim_that_is_not_a_list_is_refused(live_server):
    _refused(live_server, _token(live_server, roles="admin"))


def test_mint_token_and_the_token_command_refuse_a_number_that_is_not_a_nip(monkeypatch):
    from typer.testing import CliRunner

    from api.auth import mint_token
    from domain.errors import InvalidInput
    from infra.cli import app as cli

    with pytest.raises(InvalidInput) as refused:
        mint_token("a-secret-of-at-least-thirty-two-bytes", nip="123", tenant="kab-serang-2024")
    assert refused.value.code == "INVALID_NIP"
    monkeypatch.setenv("SISTEMKERJA_JWT_SECRET", "a-secret-of-at-least-thirty-two-bytes")
    result = CliRunner().invoke(cli, ["token", "196813121990031003"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "INVALID_NIP" in result.stderr and "bukan nomor pegawai yang sah" in result.stderr
    minted = CliRunner().invoke(cli, ["token", PPPK_NIP])
    assert minted.exit_code == 0
    assert jwt.decode(minted.stdout.strip(), options={"verify_signature": False})["nip"] == PPPK_NIP
