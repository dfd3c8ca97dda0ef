"""The demo government: a synthetic Kabupaten Serang (profile kab-serang-2024) built through the
application's own commands, so every unit, appointment and placement passes the same checks as a
real one. Deterministic: the same seed gives the same people, numbers and placements.

Placement choices (kab-serang-2024):
- Ahli Utama/Madya stand under the nearest JPT Pratama above their unit: the Asisten in the
  Setda, otherwise the head of the agency (Pasal 6 ayat (2)).
- Others stand under the Administrator heading their Bagian/Bidang/Sekretariat/Irban; where a
  Seksi or Subbagian remains, its Pengawas only coordinates "seperti ketua tim", so the
  Administrator above stays the appraiser (Lampiran A angka 1–8).
- In units the Lampiran does not depict (UPTD, the Seksi of a Kecamatan) the unit head is the
  appraiser (Pasal 6 ayat (1); Pasal 1 angka 12); in DPMPTSP the Kepala Dinas (Lampiran A angka 9).

Work under way (so that inboxes, teams, reports and evaluations show something): a team of Bidang
P2P formed and led per Lampiran B and E.1 huruf k, its members fixed by an assignment letter (Lampiran
B.1.a), its reports for March 2025 and its results approved by the Kepala Bidang; and a voluntary
request of a Kesmas official waiting for the Kepala Bidang (Lampiran B.2.a). One delegation is in
force on the day the demo is loaded. README.md's examples run against exactly this.
"""

import random
from datetime import date, datetime, timedelta, timezone

from application.commands.assignments import ApproveStep, IssueLetter, RequestAssignment
from application.commands.evaluation import ApproveResults, SubmitResults
from application.commands.organisation import (
    AppointHead,
    EstablishUnit,
    GrantDelegation,
    PlaceOfficial,
    RegisterOfficial,
)
from application.commands.reporting import SubmitReport
from application.commands.teams import AdmitTeamMembers, AppointTeamLeader, FormTeam, ProposeTeamLeader
from application.principal import ADMIN_ROLE, Principal
from infra import demo_data as data

ADMIN_NIP = "196805121990031003"
ADMIN = Principal(ADMIN_NIP, frozenset({ADMIN_ROLE}))
SEED = 70_2024
HEADS_SINCE = date(2023, 1, 2)
PLACED_SINCE = date(2024, 11, 1)  # after Perbup 70/2024 was enacted (28 October 2024)
COORDINATING = {"SEKSI", "SUBBAGIAN", "SUBBIDANG"}  # Lampiran A: their Pengawas coordinates only
SENIOR = {"AHLI_MADYA", "AHLI_UTAMA"}


class _Loader:
    def __init__(self, app):
        self.app = app
        self.people = data.People(random.Random(SEED))
        self.heads: dict[str, tuple[str, str]] = {}  # unit code -> (head position, head NIP)
        self.chain: dict[str, list[str]] = {}  # unit code -> [unit, parent, ..., agency]
        self.kinds: dict[str, str] = {}
        self.placed: dict[str, list[str]] = {}  # unit code -> NIPs placed in it, in order
        self.counts = {
            "units": 0,
            "officials": 0,
            "heads": 0,
            "placements": 0,
            "delegations": 0,
            "assignments": 0,
            "teams": 0,
            "reports": 0,
            "evaluations": 0,
        }

    def agency(self, code, kind, head, name, head_title, pool, staff, units) -> None:
        basis = f"{data.SOTK.get(code, 'Perbup Serang')} tentang SOTK {name}"
        self.unit(code, kind, head, name, head_title, None, basis)
        self.staff(code, pool, staff, direct=code in data.DIRECT_UNDER_HEAD)
        for spec in units:
            self.subunit(code, spec, pool, basis)

    def subunit(self, parent, spec, pool, basis) -> None:
        suffix, kind, head, name, staff, children = spec
        code = f"{parent}.{suffix}"
        self.unit(code, kind, head, name, data.head_title(kind, name), parent, basis)
        self.staff(code, pool, staff, direct=False)
        for child in children:
            self.subunit(code, child, pool, basis)

    def unit(self, code, kind, head, name, head_title, parent, basis) -> None:
        self.app.handle(
            ADMIN,
            EstablishUnit(
                code=code, name=name, kind=kind, head_position=head, parent_code=parent, legal_basis=basis
            ),
        )
        self.chain[code] = [code, *(self.chain[parent] if parent else [])]
        self.kinds[code] = kind
        nip = ADMIN_NIP if code == data.ADMIN_UNIT else None
        # A Puskesmas may be led by a Pejabat Fungsional (Pasal 1 angka 9): a doctor, Ahli Muda.
        grade, title = (
            ("AHLI_MUDA", f"Dokter Ahli Muda ({head_title})") if head == data.JF else (None, head_title)
        )
        nip = self.register(head, grade, title, nip=nip)
        self.app.handle(
            ADMIN,
            AppointHead(
                unit_code=code,
                nip=nip,
                effective_date=HEADS_SINCE,
                legal_basis=f"Keputusan Bupati Serang tentang pengangkatan {head_title}",
            ),
        )
        self.heads[code] = (head, nip)
        if head == data.JF:  # still a Pejabat Fungsional: appraised by the head above (Pasal 6 ayat (1))
            self.app.handle(
                ADMIN,
                PlaceOfficial(
                    nip=nip, unit_code=code, appraiser_nip=self.heads[parent][1], effective_date=PLACED_SINCE
                ),
            )
            self.counts["placements"] += 1
        self.counts["units"] += 1
        self.counts["heads"] += 1

    def register(self, position, grade, title, nip=None) -> str:
        person = self.people.person(position, grade, title, nip=nip)
        self.app.handle(
            ADMIN, RegisterOfficial(legal_basis="SK Bupati Serang (pengangkatan dalam jabatan)", **person)
        )
        self.counts["officials"] += 1
        return person["nip"]

    def staff(self, code, pool, count, direct) -> None:
        senior_only = self.heads[code][0] == data.JPT and not direct
        for _ in range(count):
            position, grade, title = self.people.position(
                data.POOLS[pool], senior_only=senior_only, senior_allowed=not code.startswith("KEC-")
            )
            nip = self.register(position, grade, title)
            self.app.handle(
                ADMIN,
                PlaceOfficial(
                    nip=nip,
                    unit_code=code,
                    appraiser_nip=self.appraiser(code, grade),
                    effective_date=PLACED_SINCE,
                ),
            )
            self.placed.setdefault(code, []).append(nip)
            self.counts["placements"] += 1

    def ensured(self) -> None:
        for code, title, grade in data.ENSURED:
            nip = self.register("FUNGSIONAL", grade, f"{title} {data.GRADE_TITLE[grade]}")
            self.app.handle(
                ADMIN,
                PlaceOfficial(
                    nip=nip,
                    unit_code=code,
                    appraiser_nip=self.appraiser(code, grade),
                    effective_date=PLACED_SINCE,
                ),
            )
            self.counts["placements"] += 1

    def appraiser(self, code, grade) -> str:
        chain = self.chain[code]
        if grade in SENIOR:  # Pasal 6 ayat (2)
            return next(self.heads[c][1] for c in chain if self.heads[c][0] == data.JPT)
        if self.kinds[code] in COORDINATING and not code.startswith("KEC-"):
            return self.heads[chain[1]][1]  # Lampiran A: the Administrator above
        return self.heads[code][1]

    def delegations(self) -> None:
        """A few heads on leave delegate their appraiser authority (Pasal 1 angka 12)."""
        for grantor_unit, delegate_unit, start in data.DELEGATIONS:
            self.app.handle(
                ADMIN,
                GrantDelegation(
                    grantor_nip=self.heads[grantor_unit][1],
                    delegate_nip=self.heads[delegate_unit][1],
                    valid_from=start,
                    valid_until=date(start.year, start.month + 1, start.day),
                    legal_basis="Surat Perintah Pelaksana Harian",
                ),
            )
            self.counts["delegations"] += 1
        grantor_unit, delegate_unit, before, after = data.CURRENT_LEAVE
        today = datetime.now(timezone.utc).date()  # the as-of queries judge validity on the UTC day
        self.app.handle(
            ADMIN,
            GrantDelegation(
                grantor_nip=self.heads[grantor_unit][1],
                delegate_nip=self.heads[delegate_unit][1],
                valid_from=today - timedelta(days=before),
                valid_until=today + timedelta(days=after),
                legal_basis="Surat Perintah Pelaksana Harian",
            ),
        )
        self.counts["delegations"] += 1

    def team_at_work(self) -> None:
        """A staffed team with its reports and its results under review, each decision taken
        through the commands by whoever holds it."""
        spec, app = data.TEAM, self.app
        staff, (start, end) = self.placed[spec["unit"]], spec["period"]
        leader, members = staff[spec["leader"]], staff[slice(*spec["members"])]
        unit_head = Principal(self.heads[spec["unit"]][1])
        agency_head = Principal(self.heads[self.chain[spec["unit"]][-1]][1])
        planned = [{"nip": nip, "role": role} for nip, role in zip(members, spec["roles"])]
        team_id = app.handle(
            agency_head,
            FormTeam(
                owning_unit=spec["unit"],
                scope="WITHIN_UNIT",
                name=spec["name"],
                tasks=spec["tasks"],
                targets=spec["targets"],
                planned_members=planned,
                period_start=start,
                period_end=end,
            ),
        ).result
        app.handle(unit_head, ProposeTeamLeader(team_id=team_id, nip=leader))
        app.handle(agency_head, AppointTeamLeader(team_id=team_id, nip=leader))
        request = app.handle(
            unit_head,
            RequestAssignment(
                mode="APPOINTMENT",
                scope="WITHIN_UNIT",
                team=True,
                owning_unit_code=spec["unit"],
                work=spec["name"],
                official_nips=members,
                period_start=start,
                period_end=end,
                on=start,
            ),
        ).result
        self.walk(request, start)
        app.handle(agency_head, AdmitTeamMembers(team_id=team_id, assignment_id=request))
        for reporter, text in [
            *((m, "Data kasus minggu 1-4 terkumpul") for m in members),
            (leader, "Peta kasus DBD Maret selesai"),
        ]:
            app.handle(
                Principal(reporter),
                SubmitReport(
                    subject_id=team_id,
                    period=spec["report_period"],
                    text=text,
                    progress=[{"target": "T1", "progress": "25%"}],
                ),
            )
            self.counts["reports"] += 1
        app.handle(
            Principal(leader),
            SubmitResults(
                subject_id=team_id,
                summary="Peta kasus DBD triwulan I",
                results=[{"target": "T1", "achieved": "3 peta bulanan"}],
            ),
        )
        app.handle(unit_head, ApproveResults(subject_id=team_id, level=1))  # level 2 awaits the Kepala Dinas
        self.counts.update(assignments=self.counts["assignments"] + 1, teams=1, evaluations=1)

    def request_awaiting(self) -> None:
        """An official's voluntary request, waiting in the unit head's inbox."""
        spec = data.VOLUNTARY
        nip = self.placed[spec["unit"]][spec["official"]]
        self.app.handle(
            Principal(nip),
            RequestAssignment(
                mode="VOLUNTARY",
                scope="WITHIN_UNIT",
                official_nips=[nip],
                owning_unit_code=spec["unit"],
                work=spec["work"],
                period_start=spec["period"][0],
                period_end=spec["period"][1],
            ),
        )
        self.counts["assignments"] += 1

    def walk(self, assignment_id: str, on: date) -> None:
        """Each open step taken by its holder until the letter is issued."""
        a = self.app.repo.assignment(assignment_id)
        while a.status == "PENDING":
            step, spec = a.current
            actor = Principal(self.app.roles.holders(a, spec["role"])[0].nip)
            take = IssueLetter if spec["action"] in ("ISSUE_LETTER", "FIX") else ApproveStep
            self.app.handle(actor, take(assignment_id=assignment_id, step=step, on=on))
            a = self.app.repo.assignment(assignment_id)


def load_demo(app) -> dict[str, int]:
    """Build the demo regency in an empty store; return what was created."""
    loader = _Loader(app)
    for spec in data.AGENCIES:
        loader.agency(*spec)
    loader.ensured()
    loader.delegations()
    loader.team_at_work()
    loader.request_awaiting()
    return loader.counts
