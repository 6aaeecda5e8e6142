"""The model as tables that open cleanly in Excel: bodies, relations, and a membership matrix.

- `bodies.csv`: one row per body: id, name, short name, kind, status (latest recorded), host organisation,
  chairs, from, until, reports to, description.
- `relations.csv`: one row per line between two bodies and per chair and member: from (id and name),
  relation, to (id and name), as, from/until dates, source, note.
- `membership.csv`: the matrix: one row per body, one column per organisation and per post; a cell says how
  the organisation or post is on the body: `host`, `chair`, `member`, `member (as ...)`, `via <group>` for a
  member through a group, or `via <post>` for an organisation whose post sits there; dated entries say when.

Excel-safe: UTF-8 with a byte-order mark (so Excel reads accents and dashes right), Windows line ends, every
cell quoted when needed by Python's `csv` module, and any cell that starts with `=`, `+`, `-`, `@`, a tab or
a carriage return (or their full-width forms) prefixed with `'`, so a spreadsheet never runs it as a formula.

`tables(model)` gives all three; `csv_zip(model)` packs them into one zip file (fixed timestamps, so the same
model gives the same bytes), which is what `govgraph export --format csv` writes unless `--table` picks one.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence

from govgraph import time, vocabulary
from govgraph.model import Model, Period

TABLES: tuple[str, ...] = ("bodies", "relations", "membership")
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def safe_cell(text: str) -> str:
    """`text` made harmless in a spreadsheet: a leading formula character is prefixed with `'`."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return BOM + out.getvalue()


def _when(period: Period) -> str:
    return period.describe()


def bodies_table(model: Model) -> str:
    """`bodies.csv` (see the module docstring)."""
    header: tuple[str, ...] = ("id", "name", "short name", "kind", "status", "organisation", "chairs", "from")
    header += ("until", "reports to", "description")
    rows = []
    reference = time.reference_day(model, None)
    for bid, body in sorted(model.bodies.items()):
        rows.append(
            (
                bid,
                body.name,
                body.short or "",
                body.kind,
                time.status_on(body, None, reference=reference) or "",
                model.name_of(body.organisation) if body.organisation else "",
                "; ".join(model.name_of(c.role) for c in body.chairs),
                str(body.period.start or ""),
                str(body.period.end or ""),
                "; ".join(model.name_of(r.target) for r in body.lines("reports_to")),
                body.description or "",
            )
        )
    return _csv(header, rows)


def relations_table(model: Model) -> str:
    """`relations.csv` (see the module docstring)."""
    header = ("from id", "from", "relation", "to id", "to", "as", "from date", "until date", "source", "note")
    rows = []
    for bid, body in sorted(model.bodies.items()):
        for line in body.relations:
            rows.append(_row(model, bid, line.kind, line.target, None, line.period, line.source, line.note))
        for chair in body.chairs:
            rows.append(_row(model, chair.role, "chairs", bid, None, chair.period, chair.source, None))
        for member in body.members:
            rows.append(
                _row(model, member.member, "member_of", bid, member.as_, member.period, member.source, member.note)
            )
    return _csv(header, rows)


def _row(
    model: Model,
    source_id: str,
    relation: str,
    target_id: str,
    as_: str | None,
    period: Period,
    source: str | None,
    note: str | None,
) -> tuple[str, ...]:
    return (
        source_id,
        model.name_of(source_id),
        vocabulary.relation(relation).label,
        target_id,
        model.name_of(target_id),
        as_ or "",
        str(period.start or ""),
        str(period.end or ""),
        model.name_of(source) if source else "",
        note or "",
    )


def membership_table(model: Model) -> str:
    """`membership.csv`: bodies by organisations and posts (see the module docstring)."""
    columns = sorted(model.organisations) + sorted(model.roles)
    index = {c: i for i, c in enumerate(columns)}
    header = ["body id", "body", *(model.name_of(c) for c in columns)]
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    # Most cells are empty: a row is filled where there is something to say, and only those cells are made safe.
    for bid, body in sorted(model.bodies.items()):
        cells: dict[str, list[str]] = {}

        def say(who: str, what: str, period: Period, cells: dict[str, list[str]] = cells) -> None:
            when = _when(period)
            text = f"{what} ({when})" if when else what
            if text not in cells.setdefault(who, []):
                cells[who].append(text)

        if body.organisation:
            say(body.organisation, "host", body.period)
        for chair in body.chairs:
            say(chair.role, "chair", chair.period)
        for member in body.members:
            what = f"member (as {member.as_})" if member.as_ else "member"
            if member.member_kind == "group":
                for inner in sorted(model.group_members(member.member)):
                    say(inner, f"via {model.name_of(member.member)}", member.period)
            else:
                say(member.member, what, member.period)
        for post in [c.role for c in body.chairs] + [m.member for m in body.members if m.member_kind == "role"]:
            org = model.roles[post].organisation if post in model.roles else None
            if org:
                say(org, f"via {model.name_of(post)}", Period())
        row = [""] * len(columns)
        for who, said in cells.items():
            if who in index:
                row[index[who]] = safe_cell("; ".join(said))
        writer.writerow([safe_cell(bid), safe_cell(body.display_name), *row])
    return out.getvalue()


def tables(model: Model) -> dict[str, str]:
    """Every table by name (`bodies`, `relations`, `membership`), each the text of one CSV file."""
    return {"bodies": bodies_table(model), "relations": relations_table(model), "membership": membership_table(model)}


def csv_zip(model: Model) -> bytes:
    """The three tables as `bodies.csv`, `relations.csv` and `membership.csv` in one zip file; the same model
    gives the same bytes (fixed timestamps, fixed order)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in tables(model).items():
            info = zipfile.ZipInfo(f"{name}.csv", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()
