"""The measured requests: placeOfficial mutations (each answer checked for its own placement,
read-your-writes) and the two queries, over real HTTP with httpx."""

import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import httpx

PLACE = """mutation($input: PlaceOfficialInput!) { placeOfficial(input: $input) {
  __typename ... on OfficialSuccess { official { nip unitCode appraiserNip placedSince } }
  ... on CommandError { code message } } }"""
TREE = (
    "{ organisationTree(first: 50) { edges { node { code name kind head { nip name } } } pageInfo {"
    " hasNextPage endCursor } } }"
)
OFFICIAL = """query($nip: String!) { official(nip: $nip) { nip name positionTitle
  appraiser { nip name } unitHead { nip name } agencyHead { nip name } } }"""


@dataclass
class Placement:
    nip: str
    unit_code: str
    appraiser_nip: str


def client(base: str, token: str) -> httpx.Client:
    return httpx.Client(base_url=base, headers={"authorization": f"Bearer {token}"}, timeout=30)


def place(http: httpx.Client, target: Placement, effective: date, token: str | None = None) -> None:
    """One placement; `token` overrides the client's (another tenant's administrator)."""
    variables = {
        "input": {
            "nip": target.nip,
            "unitCode": target.unit_code,
            "appraiserNip": target.appraiser_nip,
            "effectiveDate": effective.isoformat(),
        }
    }
    headers = {"authorization": f"Bearer {token}"} if token else None
    body = http.post("/graphql", json={"query": PLACE, "variables": variables}, headers=headers).json()
    result = (body.get("data") or {}).get("placeOfficial") or {}
    official = result.get("official") or {}
    if official.get("placedSince") != effective.isoformat() or official.get("nip") != target.nip:
        raise AssertionError(f"the answer does not show the new placement of {target.nip}: {body}")


def placement_rate(
    base: str,
    token: str,
    targets: list[Placement],
    clients: int,
    seconds: float,
    tokens: list[str] | None = None,
) -> tuple[float, int]:
    """Placements per second with `clients` concurrent clients, each on its own officials
    (no two clients race on one official), for about `seconds`. With `tokens` (one per tenant),
    the placements go round the tenants: the n-th of a client to tenant n mod len(tokens)."""
    done = [0] * clients
    errors: list[BaseException] = []
    stop = time.perf_counter() + seconds

    def work(index: int) -> None:
        mine = targets[index::clients]
        with client(base, token) as http:
            rounds = 0
            try:
                while time.perf_counter() < stop:
                    rounds += 1  # each round a later TMT, so every answer proves it is the new placement
                    for target in mine:
                        tenant = tokens[done[index] % len(tokens)] if tokens else None
                        place(http, target, date(2025, 1, 1) + timedelta(days=rounds), tenant)
                        done[index] += 1
                        if time.perf_counter() >= stop:
                            break
            except BaseException as error:  # reported by the caller
                errors.append(error)

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    return sum(done) / elapsed, sum(done)


def latencies_ms(
    http: httpx.Client,
    query: str,
    variables_for,
    count: int,
    warmup: int = 20,
    tokens: list[str] | None = None,
) -> list[float]:
    """Latencies of `count` requests; with `tokens`, request i is asked of tenant i mod len(tokens)."""
    samples = []
    for i in range(warmup + count):
        headers = {"authorization": f"Bearer {tokens[i % len(tokens)]}"} if tokens else None
        started = time.perf_counter()
        response = http.post(
            "/graphql", json={"query": query, "variables": variables_for(i)}, headers=headers
        )
        elapsed = (time.perf_counter() - started) * 1000
        body = response.json()
        if response.status_code != 200 or body.get("errors") or not body.get("data"):
            raise AssertionError(f"query failed: {response.status_code} {body}")
        if i >= warmup:
            samples.append(elapsed)
    return samples


def percentile(samples: list[float], p: float) -> float:
    return (
        statistics.quantiles(samples, n=100, method="inclusive")[int(p) - 1]
        if len(samples) > 1
        else samples[0]
    )


def interleaved(
    cases: dict[str, Callable[[int], None]], rounds: int, burst: int = 20
) -> dict[str, list[float]]:
    """Latencies (ms) of each case, taken in turns of `burst` requests, so that a shared machine's
    drift falls on every case alike; the first turn of each warms up and is not counted. A case is
    called with its own running count."""
    samples: dict[str, list[float]] = {name: [] for name in cases}
    done = dict.fromkeys(cases, 0)
    for turn in range(rounds + 1):
        for name, case in cases.items():
            for _ in range(burst):
                started = time.perf_counter()
                case(done[name])
                if turn:
                    samples[name].append((time.perf_counter() - started) * 1000)
                done[name] += 1
    return samples


def hollow_placement(http: httpx.Client, target: Placement) -> None:
    """A placement through bench.hollow's server: it answers with the official as he stands."""
    variables = {
        "input": {
            "nip": target.nip,
            "unitCode": target.unit_code,
            "appraiserNip": target.appraiser_nip,
            "effectiveDate": HOLLOW_DAY.isoformat(),
        }
    }
    body = http.post("/graphql", json={"query": PLACE, "variables": variables}).json()
    result = (body.get("data") or {}).get("placeOfficial") or {}
    if (result.get("official") or {}).get("nip") != target.nip:
        raise AssertionError(f"the hollow placement of {target.nip} did not answer with him: {body}")


HOLLOW_DAY = date(2025, 1, 1)
