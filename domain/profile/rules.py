"""Rules of PermenPANRB 7/2022 that hold for every government.

Each profile cites the article of its own regulation that restates the rule; where that text is
silent the citation is the nearest article the rule is read from, and `note` says so and which
reading was chosen. Code that applies a rule cites it from here (`profile.common.<rule>`), never
from a docstring.
"""

from __future__ import annotations

from domain.profile.common import Citation, Text, _Model


class CommonRule(_Model):
    citation: Citation
    note: Text | None = None


class CommonRules(_Model):
    # An official is placed (kedudukan, under an appraiser) before being assigned.
    placed_before_assigned: CommonRule
    # A request goes to one appraiser: officials under different appraisers need one request each.
    one_appraiser_per_request: CommonRule
    # The request letter states purpose, competencies, expected target and duration.
    request_letter_contents: CommonRule
    # Without a PyB designation the Sekda, the highest career official of the government, is the PyB.
    pyb_fallback_sekda: CommonRule
    # A report may be passed up tier by tier (secara berjenjang), to the head of the unit above.
    reports_forwarded_by_tier: CommonRule
    # An official may work on several targets at once, routine or incidental.
    several_targets: CommonRule
    # The official receives the assignment letter "untuk dilaksanakan dengan penuh tanggung jawab":
    # the acceptance step is a duty, not a decision the official may refuse. Required where a route
    # has an ACCEPT step (Profile validates it).
    acceptance_is_a_duty: CommonRule | None = None
