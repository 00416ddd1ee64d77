"""Applicant kinds: the seven columns of table 三 less 总计 (spec §4.4).

How to classify e.g. a lawyer acting for a person is UNCONFIRMED (spec §3); the kind is
chosen at intake and is not inferred.
"""

from __future__ import annotations

from enum import Enum


class ApplicantKind(str, Enum):
    NATURAL = "natural"
    COMMERCIAL = "commercial"
    RESEARCH = "research"
    PUBLIC_INTEREST = "public_interest"
    LEGAL_SERVICES = "legal_services"
    OTHER_ORG = "other_org"


def applicant_column(kind: ApplicantKind) -> str:
    """The table 三 column key of an applicant kind (the keys are the same by design)."""
    return kind.value


TOTAL_COLUMN = "total"
