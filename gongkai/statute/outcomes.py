"""Outcome codes of a decided application, each mapped to exactly one table 三 row.

Source: spec §3. 区分处理 (Art 37) counts only as 部分公开. In the 2019 format the three
（六） codes share the single row （六）其他处理.
"""

from __future__ import annotations

from enum import Enum

from gongkai.statute.structure import ReportFormat


class Outcome(str, Enum):
    DISCLOSED = "DISCLOSED"
    PARTIAL = "PARTIAL"
    WITHHELD_STATE_SECRET = "WITHHELD_STATE_SECRET"
    WITHHELD_LAW_FORBIDS = "WITHHELD_LAW_FORBIDS"
    WITHHELD_3S1S = "WITHHELD_3S1S"
    WITHHELD_THIRD_PARTY = "WITHHELD_THIRD_PARTY"
    WITHHELD_INTERNAL = "WITHHELD_INTERNAL"
    WITHHELD_PROCESS = "WITHHELD_PROCESS"
    WITHHELD_ENFORCEMENT_FILE = "WITHHELD_ENFORCEMENT_FILE"
    WITHHELD_ADMIN_QUERY = "WITHHELD_ADMIN_QUERY"
    UNABLE_NOT_HELD = "UNABLE_NOT_HELD"
    UNABLE_NEEDS_CREATION = "UNABLE_NEEDS_CREATION"
    UNABLE_STILL_UNCLEAR = "UNABLE_STILL_UNCLEAR"
    NOT_HANDLED_PETITION = "NOT_HANDLED_PETITION"
    NOT_HANDLED_REPEAT = "NOT_HANDLED_REPEAT"
    NOT_HANDLED_PUBLICATION = "NOT_HANDLED_PUBLICATION"
    NOT_HANDLED_EXCESSIVE = "NOT_HANDLED_EXCESSIVE"
    NOT_HANDLED_CONFIRM = "NOT_HANDLED_CONFIRM"
    OTHER_NO_SUPPLEMENT = "OTHER_NO_SUPPLEMENT"
    OTHER_FEE_UNPAID = "OTHER_FEE_UNPAID"
    OTHER = "OTHER"


# Row keys in the 2021 format (statute.formats.f2021); the 2019 format folds （六） into one row.
_ROW_2021 = {
    Outcome.DISCLOSED: "disclosed",
    Outcome.PARTIAL: "partial",
    Outcome.WITHHELD_STATE_SECRET: "withheld_state_secret",
    Outcome.WITHHELD_LAW_FORBIDS: "withheld_law_forbids",
    Outcome.WITHHELD_3S1S: "withheld_3s1s",
    Outcome.WITHHELD_THIRD_PARTY: "withheld_third_party",
    Outcome.WITHHELD_INTERNAL: "withheld_internal",
    Outcome.WITHHELD_PROCESS: "withheld_process",
    Outcome.WITHHELD_ENFORCEMENT_FILE: "withheld_enforcement_file",
    Outcome.WITHHELD_ADMIN_QUERY: "withheld_admin_query",
    Outcome.UNABLE_NOT_HELD: "unable_not_held",
    Outcome.UNABLE_NEEDS_CREATION: "unable_needs_creation",
    Outcome.UNABLE_STILL_UNCLEAR: "unable_still_unclear",
    Outcome.NOT_HANDLED_PETITION: "not_handled_petition",
    Outcome.NOT_HANDLED_REPEAT: "not_handled_repeat",
    Outcome.NOT_HANDLED_PUBLICATION: "not_handled_publication",
    Outcome.NOT_HANDLED_EXCESSIVE: "not_handled_excessive",
    Outcome.NOT_HANDLED_CONFIRM: "not_handled_confirm",
    Outcome.OTHER_NO_SUPPLEMENT: "other_no_supplement",
    Outcome.OTHER_FEE_UNPAID: "other_fee_unpaid",
    Outcome.OTHER: "other_misc",
}


def outcome_row(outcome: Outcome, fmt: ReportFormat) -> str:
    """The key of the table 三 row that an outcome is counted in, for a format."""
    key = _ROW_2021[outcome]
    table = fmt.table("三")
    if any(row.key == key for row in table.rows):
        return key
    if key.startswith("other_"):
        return table.row("other").key
    raise KeyError(f"format {fmt.id} has no row for {outcome.value}")


def outcome_label(outcome: Outcome, fmt: ReportFormat) -> str:
    return fmt.table("三").row(outcome_row(outcome, fmt)).path
