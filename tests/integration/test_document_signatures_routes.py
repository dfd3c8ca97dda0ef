"""Every letter of every route of every profile, as rendered, is signed by the official the letter
names as its signer — who is also the one the signing authorisation accepts (the holder of the
deciding role now) — and verifies as genuine, its PAdES signature intact (issue 12 part 3)."""

from __future__ import annotations

import pytest

from application.principal import Principal
from domain.errors import Forbidden
from domain.profile import list_profiles, load_profile
from infra.documents.render import documents_of, render_document
from infra.documents.signed import sign_and_record
from infra.documents.signing import LocalSigner, generate_identity
from infra.documents.verify import GENUINE, verify_document
from projections.documents.view import signature_of
from tests.integration.assignment_walk import walk_to, world_system

ROUTES = [
    pytest.param(p, i, id=f"{p}-{r.mode.value}-{r.scope.value}-{r.citation}")
    for p in list_profiles()
    for i, r in enumerate(load_profile(p).assignment.routes)
]
KEY, CERT = generate_identity("Pejabat Penandatangan")


@pytest.mark.parametrize(("profile", "index"), ROUTES)
def test_every_letter_of_every_route_is_signed_by_its_signer_and_verifies(
    profile, index, tmp_path, tmp_path_factory
):
    route = load_profile(profile).assignment.routes[index]
    system, world = world_system(tmp_path, tmp_path_factory.getbasetemp(), profile)
    try:
        a = walk_to(system.app, world, route, len(route.steps) + 1)
        official = a.officials[0]["nip"]
        signed, refs = 0, documents_of(system, a.id)
        for ref in refs:
            doc = render_document(system, ref)
            if doc.signer_nip is None:  # the elected head (no NIP) signs outside this system
                continue
            args = dict(kind=doc.kind, position=doc.position, code=doc.verify_code)
            if official != doc.signer_nip:  # the official assigned never signs the letters about him
                with pytest.raises(Forbidden):
                    sign(system, official, doc.pdf, tmp_path, **args)
            file = sign(system, doc.signer_nip, doc.pdf, tmp_path, **args)
            row = signature_of(system.store, doc.verify_code)
            verdict = verify_document(
                system.app.recorder, profile, doc.verify_code, row, pdf=file.pdf, trust_roots=[CERT]
            )
            assert (verdict.status, verdict.faults) == (GENUINE, []), (doc.kind, verdict.faults)
            signed += 1
        # Only where every letter is another government's (render lists none) is nothing signed here.
        assert signed or not refs
    finally:
        system.close()


def sign(system, nip: str, pdf: bytes, tmp_path, **args):
    return sign_and_record(
        system.app,
        Principal(nip),
        pdf,
        signer=LocalSigner(KEY, CERT),
        signer_name="Pejabat Penandatangan",
        files=tmp_path / "documents",
        **args,
    )
