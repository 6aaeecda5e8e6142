"""The forward plan (the cycle of business) as a Markdown page and as an iCalendar file (RFC 5545).

The plan itself is `govgraph.terms.forward_plan`: meetings placed in the months the terms name, reports in the
month their recipient receives them. A terms month has no day, so each meeting or report is an all-day event that
spans its month, and its description says the day is not recorded; a calendar program shows it across the month
rather than on a day no record gives.

The iCalendar text is written here, a few lines of RFC 5545 (no library does less): lines end in CRLF and are
folded at 75 octets (never inside a UTF-8 character), text values escape `\\`, `;`, `,` and line breaks, each
event's UID is made from what it is (`2025-03-meeting-pcag@govgraph.invalid`), and DTSTAMP is the model's own
reference day, so the same model gives the same bytes.
"""

from __future__ import annotations

import calendar
import datetime as dt

from markupsafe import Markup

from govgraph import time
from govgraph.model import Model
from govgraph.render.markdown import md
from govgraph.render.words import times_a_year
from govgraph.terms import ForwardPlan

UID_DOMAIN = "govgraph.invalid"


def plan_year(model: Model, as_of: dt.date | None) -> int:
    """The year a model's forward plan is for: that of the date asked about, else the model's reference day."""
    return time.reference_day(model, as_of).year


def plan_markdown(model: Model, plan: ForwardPlan, *, level: int = 1, link: bool = True) -> str:
    """The forward plan as a Markdown page: a month-by-month table of who meets and which reports go where."""
    hashes = "#" * level
    out = [f"{hashes} Forward plan {plan.year}", ""]
    out.append(
        md(
            f"The cycle of business of {model.title}: which body meets in each month, and which reports each receives, "
            "as the terms of reference record them. Nothing is placed where the terms do not name the months."
        )
    )
    if model.as_of is None:
        # The year is then today's (`plan_year`): the page says so, so that it is not read as the model's own.
        out += [
            "",
            md(
                "The model does not say which date it describes, so this plan is for "
                f"{plan.year}, the year it was written."
            ),
        ]
    if link:
        out.append("")
        out.append(Markup("The same as a calendar to import: [forward-plan.ics](forward-plan.ics)."))
    placed = any(month.meetings or month.reports for month in plan.months)
    if placed:
        out += ["", "| Month | Meetings | Reports received |", "|---|---|---|"]
        for month in plan.months:
            meetings = "; ".join(model.name_of(b) for b in month.meetings)
            reports = []
            for r in month.reports:
                what = f": {r.what}" if r.what else ""
                made = f" (made in {calendar.month_name[r.made]})" if r.made != month.month else ""
                at = "" if r.at_meeting else " (its meetings' months not recorded)"
                reports.append(f"{model.name_of(r.source_body)} to {model.name_of(r.target)}{what}{made}{at}")
            out.append(f"| {calendar.month_name[month.month]} | {md(meetings)} | {md('; '.join(reports))} |")
    else:
        # Twelve empty rows read as a year with nothing in it; the truth is that no month is recorded.
        unplaced = plan.unplaced_meetings or plan.unplaced_reports
        out += [
            "",
            "No meeting or report can be placed in a month: the terms of reference name no months"
            + (", and what they do record is listed below." if unplaced else " and record no meetings or reports."),
        ]
    if plan.unplaced_meetings or plan.unplaced_reports:
        out += ["", f"{hashes}# Not placed: months not recorded", ""]
        for body_id, per_year in plan.unplaced_meetings:
            how = times_a_year(per_year, at_least=body_id in plan.at_least) if per_year else "how often not recorded"
            out.append("- " + md(f"{model.name_of(body_id)} meets {how}."))
        for item in plan.unplaced_reports:
            what = f" ({item.report.what})" if item.report is not None and item.report.what else ""
            how = times_a_year(item.per_year) if item.per_year else "how often not recorded"
            said = f"{model.name_of(item.source_body)} reports to {model.name_of(item.target)}{what}, {how}."
            out.append("- " + md(said))
    return "\n".join(str(line) for line in out) + "\n"


# iCalendar ---------------------------------------------------------------------------------------------------


def escape_text(text: str) -> str:
    """A TEXT value as RFC 5545 writes it (section 3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """One content line folded at 75 octets (section 3.1), CRLF-terminated; a UTF-8 character is never split."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out) + "\r\n"


def _event(uid: str, stamp: str, year: int, month: int, summary: str, description: str) -> list[str]:
    start = dt.date(year, month, 1)
    end = dt.date(year + (month == 12), month % 12 + 1, 1)
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{end:%Y%m%d}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def plan_ics(model: Model, plan: ForwardPlan, as_of: dt.date | None = None) -> bytes:
    """The forward plan as an iCalendar file: one all-day event across its month for each meeting and each report
    received. The same model gives the same bytes (see the module docstring)."""
    stamp = f"{time.reference_day(model, as_of):%Y%m%d}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//govgraph//forward plan//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(f'{model.title}: forward plan {plan.year}')}",
    ]
    for month in plan.months:
        name = calendar.month_name[month.month]
        for body_id in month.meetings:
            body = model.name_of(body_id)
            lines += _event(
                f"{plan.year}-{month.month:02d}-meeting-{body_id}",
                stamp,
                plan.year,
                month.month,
                f"{body} meets",
                f"{body} meets in {name} {plan.year}, as its terms of reference record; the day is not recorded.",
            )
        counts: dict[tuple[str, str], int] = {}
        for r in month.reports:
            n = counts[(r.source_body, r.target)] = counts.get((r.source_body, r.target), 0) + 1
            what = f" ({r.what})" if r.what else ""
            sender, target = model.name_of(r.source_body), model.name_of(r.target)
            lines += _event(
                f"{plan.year}-{month.month:02d}-report-{r.source_body}-to-{r.target}-{n}",
                stamp,
                plan.year,
                month.month,
                f"{sender} reports to {target}",
                f"{sender} reports to {target}{what} in {name} {plan.year}"
                + (f" (made in {calendar.month_name[r.made]})" if r.made != month.month else "")
                + "; the day is not recorded.",
            )
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines).encode("utf-8")
