"""Accept-Language over real HTTP: GraphQL's errors[].message and the HTTP layer's 401/413 `message`
follow the caller's language (Indonesian unless English is preferred); `CommandError.message` stays
English and every `pesan` stays Indonesian."""

import httpx

from domain.messages import render

LEDGER = {"query": "{ decisionLedger { nodes { position } } }"}
ESTABLISH = {
    "query": "mutation($i: EstablishUnitInput!) { establishUnit(input: $i) { "
    "... on CommandError { code message pesan } } }",
    "variables": {
        "i": {
            "code": "X",
            "name": "X",
            "kind": "DINAS",
            "headPosition": "JPT_PRATAMA",
            "legalBasis": "Perbup",
        }
    },
}
OVERSIGHT_ID = render("NOT_AUTHORISED", "id", {"case": "read_oversight"})
OVERSIGHT_EN = render("NOT_AUTHORISED", "en", {"case": "read_oversight"})


def _error(response: httpx.Response) -> dict:
    return response.json()["errors"][0]


def _post(live_server, body: dict, token: str, language: str | None) -> httpx.Response:
    headers = {"authorization": f"Bearer {token}", **({"accept-language": language} if language else {})}
    return httpx.post(f"{live_server.url}/graphql", json=body, headers=headers, timeout=30)


def test_a_refused_query_is_worded_in_the_callers_language(live_server):
    token = live_server.token(admin=False)
    for header, message in (
        (None, OVERSIGHT_ID),
        ("en-GB,en;q=0.9", OVERSIGHT_EN),
        ("id-ID,id;q=0.9,en;q=0.8", OVERSIGHT_ID),
        ("fr", OVERSIGHT_ID),
    ):
        error = _error(_post(live_server, LEDGER, token, header))
        assert error["extensions"]["code"] == "NOT_AUTHORISED"
        assert error["message"] == message
        assert error["extensions"]["pesan"] == OVERSIGHT_ID


def test_a_command_error_keeps_english_message_and_indonesian_pesan(live_server):
    for header in (None, "en", "id"):
        response = _post(live_server, ESTABLISH, live_server.token(admin=False), header)
        refused = response.json()["data"]["establishUnit"]
        assert refused["code"] == "NOT_AUTHORISED"
        assert refused["message"] == (
            "Only the organisation administrator of this government may establish organisation units."
        )
        assert refused["pesan"].startswith("Hanya administrator organisasi")


def test_a_401_is_worded_in_the_callers_language(live_server):
    url = f"{live_server.url}/graphql"
    indonesian = _error(httpx.post(url, json=LEDGER))
    english = _error(httpx.post(url, json=LEDGER, headers={"accept-language": "en"}))
    assert (
        indonesian["extensions"]
        == english["extensions"]
        == {"code": "UNAUTHENTICATED", "pesan": "Token tidak ada: kirim 'Authorization: Bearer <token>'."}
    )
    assert indonesian["message"] == "Token tidak ada: kirim 'Authorization: Bearer <token>'."
    assert english["message"] == "Missing bearer token: send 'Authorization: Bearer <token>'."


def test_a_413_is_worded_in_the_callers_language(live_server):
    body = b"x" * (live_server.settings.max_body_bytes + 1)
    url = f"{live_server.url}/graphql"
    for header, words in (
        ("en", "The request body is larger than"),
        (None, "Isi permintaan lebih besar dari"),
    ):
        headers = {"content-type": "application/json", **({"accept-language": header} if header else {})}
        response = httpx.post(url, content=body, headers=headers)
        assert response.status_code == 413
        error = _error(response)
        assert error["message"].startswith(words)
        assert error["extensions"]["pesan"].startswith("Isi permintaan lebih besar dari")


def test_a_too_costly_query_is_worded_in_the_callers_language(live_server):
    query = {
        "query": "{ "
        + " ".join(f"t{i}: organisationTree(first: 100) {{ nodes {{ code }} }}" for i in range(20))
        + " }"
    }
    token = live_server.token(admin=True)
    indonesian, english = (_error(_post(live_server, query, token, header)) for header in (None, "en"))
    assert indonesian["extensions"]["code"] == english["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert indonesian["message"].startswith("Kueri terlalu mahal")
    assert english["message"].startswith("The query is too costly")
    assert english["extensions"]["pesan"] == indonesian["extensions"]["pesan"] == indonesian["message"]
