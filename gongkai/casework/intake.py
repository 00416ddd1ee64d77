"""The receipt date of an application (条例第三十一条), from the channel and the dates the officer enters.

Plain Python. The officer records what happened (submitted, signed for, confirmed); the
receipt date — the start of every clock — is computed here, with the rule that applied, so
it is never typed in and can always be explained.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum


class Channel(str, Enum):
    ONLINE = "online"
    IN_PERSON = "in_person"
    SIGNED_POST = "signed_post"
    ORDINARY_LETTER = "ordinary_letter"
    FAX = "fax"
    EMAIL = "email"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS = {
    Channel.ONLINE: "互联网（在线申请平台）",
    Channel.IN_PERSON: "当面提交（含口头申请代为填写）",
    Channel.SIGNED_POST: "邮寄（需签收）",
    Channel.ORDINARY_LETTER: "平常信函（无需签收）",
    Channel.FAX: "传真",
    Channel.EMAIL: "电子邮件",
}


class IntakeError(ValueError):
    """A required date is missing or the dates contradict each other; ``field`` names the input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ReceiptDate:
    date: date
    rule: str  # which sentence of Art 31 applied, in Chinese
    warnings: tuple[str, ...] = ()


def _need(value: date | None, field: str, what: str, channel: Channel) -> date:
    if value is None:
        raise IntakeError(field, f"通过“{channel.label}”提交的申请须填写{what}（条例第三十一条）")
    return value


def receipt_date(
    channel: Channel | str,
    *,
    submitted_on: date | None = None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
) -> ReceiptDate:
    """Art 31: 当面提交 → 提交之日; 邮寄 → 签收之日; 平常信函 → 收到当日与申请人确认之日;
    互联网渠道或传真 → 双方确认之日.

    ``submitted_on`` is the day the applicant handed in or sent the application,
    ``signed_on`` the day the organ signed for a letter (for an ordinary letter: the day it
    arrived), ``confirmed_on`` the day both sides confirmed it.
    """
    channel = Channel(channel)
    if channel is Channel.IN_PERSON:
        d = _need(submitted_on, "submitted_on", "提交日期", channel)
        return ReceiptDate(d, "当面提交的，以提交之日为收到申请之日（条例第三十一条第一项）")
    if channel is Channel.SIGNED_POST:
        d = _need(signed_on, "signed_on", "签收日期", channel)
        _not_before(d, submitted_on, "signed_on", "签收日期", "寄出日期")
        return ReceiptDate(d, "以邮寄方式提交的，以行政机关签收之日为收到申请之日（条例第三十一条第二项）")
    if channel is Channel.ORDINARY_LETTER:
        d = _need(confirmed_on, "confirmed_on", "与申请人确认的日期", channel)
        warnings: tuple[str, ...] = ()
        if signed_on is not None:
            _not_before(d, signed_on, "confirmed_on", "确认日期", "收信日期")
            if d != signed_on:
                warnings = (
                    f"平常信函应于收到当日与申请人确认（条例第三十一条第二项），本件收到于{signed_on.isoformat()}，"
                    f"确认于{d.isoformat()}",
                )
        rule = "以平常信函等无需签收的邮寄方式提交的，以与申请人确认之日为收到申请之日（条例第三十一条第二项）"
        return ReceiptDate(d, rule, warnings)
    # 互联网渠道 (the platform, e-mail) and the office's fax.
    d = _need(confirmed_on, "confirmed_on", "双方确认日期", channel)
    _not_before(d, submitted_on, "confirmed_on", "确认日期", "提交日期")
    return ReceiptDate(
        d, f"通过{channel.label}提交的，以双方确认之日为收到申请之日（条例第三十一条第三项）"
    )


def _not_before(later: date, earlier: date | None, field: str, later_name: str, earlier_name: str) -> None:
    if earlier is not None and later < earlier:
        raise IntakeError(field, f"{later_name}（{later.isoformat()}）不能早于{earlier_name}（{earlier.isoformat()}）")
