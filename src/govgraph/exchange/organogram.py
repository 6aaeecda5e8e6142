"""Import UK government organograms (the data.gov.uk publication format) as a govgraph model.

The senior file has one row per senior post: `Post Unique Reference`, `Name`, `Job Title`, `Job/Team
Function`, `Organisation`, `Unit`, `Reports to Senior Post` (the parent's reference, or `XX` for a top post)
and pay and contact columns. The optional junior file has one row per group of junior posts: `Generic Job
Title`, `Grade`, `Number of Posts in FTE`, `Unit` and `Reporting Senior Post`.

What becomes what:

- each organisation is an `organisations` entry; each unit a body (`kind: team`) hosted by it;
- each senior post a role (`post-<reference>`, the reference kept as an alias so commands find it), titled
  by its job title (with the reference added where two posts share a title, since names must tell posts
  apart); the person named holds it (`holders`);
- a unit's head posts (those whose post they report to is outside the unit, or marked `XX`) chair the unit;
  its other posts are members, `as` their job or team function, with a `note` naming the post they report to;
- a unit reports to the units of the posts its heads report to (several such units is a matrix, which
  `govgraph check` reports);
- each junior row a role (`Press Officer (EO)`), a member of its unit `as` its number of full-time posts.

Names that are not people are kept as what they mean: `N/D` (not disclosed) leaves `holders` out (not
recorded); the wordings of a vacancy (`Vacant`, `Not in post`: see `VACANCY_WORDINGS`) and `Eliminated` give
`holders: []` (tracked, and held by no one), with a comment on the post saying which. Such a post does not chair
its unit beside a head post someone is in (it is a member, with a note); a junior row whose job title is a
vacancy wording is a `Vacant post` of its grade.

The input's quirks are handled: column names that drift between publications (`Grade` or `Grade (or
equivalent)`, any case and spacing), unnamed columns and a leading index column (ignored), a byte-order mark,
files saved as Windows-1252 rather than UTF-8, and broken characters: UTF-8 read as Windows-1252 (`â€™`) is
repaired, and a replacement character (U+FFFD, a character lost in a bad conversion) becomes the apostrophe or
dash it most likely was. Problems are findings with the CSV row (the header is row 1, as a spreadsheet numbers
them) and column: a post listed twice (the first row is kept), a post reporting to a reference not in the file
(imported with no line up), several top posts, a broken character repaired.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph.exchange.importing import Ids, Imported, ImportFileError, finish, read_bytes, warning
from govgraph.findings import Finding
from govgraph.loading.simple_yaml import plain
from govgraph.model import fold

#: Canonical column -> the folded header names it is published under.
SENIOR_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "ref": ("post unique reference", "post reference", "unique reference"),
    "name": ("name",),
    "grade": ("grade",),
    "title": ("job title",),
    "function": ("job team function", "job function", "team function"),
    "department": ("parent department",),
    "organisation": ("organisation", "organization"),
    "unit": ("unit",),
    "reports_to": ("reports to senior post", "reports to"),
}
JUNIOR_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "reports_to": ("reporting senior post", "reports to senior post"),
    "title": ("generic job title", "job title"),
    "grade": ("grade",),
    "fte": ("number of posts in fte", "fte"),
    "department": ("parent department",),
    "organisation": ("organisation", "organization"),
    "unit": ("unit",),
}
_DISPLAY = {
    "ref": "Post Unique Reference",
    "title": "Job Title",
    "unit": "Unit",
    "reports_to": "Reports to Senior Post",
}
_SENIOR_REQUIRED = ("ref", "title", "unit", "reports_to")
_JUNIOR_REQUIRED = ("reports_to", "title", "unit")
TOP = "xx"
NOT_DISCLOSED = "n/d"
#: How organograms say that no one is in a post, folded (see `_wording`): the published files write `Vacant`,
#: `VACANT` and `Not in post` (a junior row's job title), and these are the variants of the same words.
VACANCY_WORDINGS = frozenset(
    {
        "vacant",
        "vacancy",
        "vacant post",
        "post vacant",
        "currently vacant",
        "not in post",
        "nobody in post",
        "no one in post",
        "unfilled",
        "post unfilled",
    }
)
#: How they say that a post no longer exists (`Eliminated`, `ELIMINATED`).
ELIMINATION_WORDINGS = frozenset({"eliminated", "post eliminated"})
_MOJIBAKE = re.compile("[ÂÃâ][\u0080-\u00bf\u2018-\u203a\u20ac\u0152-\u0178]")
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def _wording(text: str) -> str:
    """`text` folded to compare with the wordings above: lower case, punctuation and spacing as one space."""
    return " ".join(re.sub(r"[^a-z0-9/]+", " ", text.lower()).split())


def _header_key(text: str) -> str:
    # `Grade (or equivalent)`, `Payscale Minimum (£)`: the bracketed remark is not part of the name.
    text = re.sub(r"\(.*?\)", " ", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


@dataclass
class _Table:
    file: str
    header: list[str]
    columns: dict[str, int]
    rows: list[tuple[int, list[str]]]
    findings: list[Finding] = field(default_factory=list)

    def cell(self, row: int, values: list[str], column: str) -> str:
        """The cleaned text of `column` on a row (empty when the column or the cell is missing); a repaired
        broken character is reported."""
        index = self.columns.get(column)
        if index is None or index >= len(values):
            return ""
        raw = values[index].strip()
        text = _repair(raw)
        if text != raw:
            self.findings.append(
                warning(
                    "GGI04",
                    f"{self.header[index]!r} had broken characters (from a bad conversion): "
                    f"read {_excerpt(raw)!r} as {_excerpt(text, _broken(raw))!r}",
                    self.file,
                    row,
                    index + 1,
                    "check the text against the published organogram",
                )
            )
        return text

    def at(self, row: int, column: str) -> tuple[str, int, int]:
        return self.file, row, self.columns.get(column, 0) + 1


def _broken(text: str) -> int:
    found = _MOJIBAKE.search(text)
    return found.start() if found else max(text.find("\ufffd"), 0)


def _excerpt(text: str, at: int | None = None) -> str:
    # The words around the first broken character: enough to find it, without the whole cell.
    where = _broken(text) if at is None else at
    start, end = max(where - 25, 0), where + 25
    return ("..." if start else "") + text[start:end] + ("..." if end < len(text) else "")


def _repair(text: str) -> str:
    if _MOJIBAKE.search(text):
        with contextlib.suppress(UnicodeError):  # not mojibake after all: leave it as it is
            text = text.encode("cp1252").decode("utf-8")
    if "\ufffd" in text:
        # A lost character between letters was almost always an apostrophe (`Office�s`); between spaces, a dash.
        text = re.sub(r"(?<=\w)\ufffd(?=\w)", "\u2019", text)
        text = re.sub(r"(?<=\s)\ufffd(?=\s)", "\u2013", text)
        text = re.sub(r"\ufffd(?=\d)", "\u00a3", text)  # before a number, the pound sign of a sum of money
        text = text.replace("\ufffd", "")
    return text


def _read(path: Path, wanted: Mapping[str, tuple[str, ...]], required: Sequence[str], what: str) -> _Table:
    file = str(path)
    data = read_bytes(path, "CSV")
    findings: list[Finding] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Organograms were often saved from Excel as Windows-1252; every byte is a character there.
        text = data.decode("cp1252", errors="replace")
        line = data.count(b"\n", 0, exc.start) + 1
        findings.append(
            warning(
                "GGI04", "the file is not UTF-8; it was read as Windows-1252 (Excel's usual encoding)", file, line, 1
            )
        )
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise ImportFileError(file=file, where="the file", problem=f"this is not CSV ({exc})") from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise ImportFileError(file=file, where="row 1", problem=f"the file is empty; expected the {what} header row")
    header = records[0]
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _header_key(name)
        for column, names in wanted.items():
            if key in names and column not in columns:
                columns[column] = index
    missing = [c for c in required if c not in columns]
    if missing:
        expected = ", ".join(repr(_DISPLAY.get(c, c)) for c in missing)
        raise ImportFileError(
            file=file,
            where="row 1",
            problem=f"no column{'s' if len(missing) > 1 else ''} {expected}; is this an organogram {what} file?",
            hint=f"the header row has: {', '.join(repr(h) for h in header if h.strip())}",
        )
    rows = [(i, values) for i, values in enumerate(records[1:], start=2) if any(v.strip() for v in values)]
    return _Table(file, header, columns, rows, findings)


@dataclass
class _Post:
    ref: str
    row: int
    name: str
    title: str
    function: str
    organisation: str
    unit: str
    reports_to: str
    department: str


def _senior_posts(table: _Table) -> dict[str, _Post]:
    posts: dict[str, _Post] = {}
    for row, values in table.rows:
        ref = table.cell(row, values, "ref")
        if not ref:
            table.findings.append(warning("GGI01", "a row with no post reference is left out", *table.at(row, "ref")))
            continue
        if ref in posts:
            first = posts[ref]
            table.findings.append(
                warning(
                    "GGI01",
                    f"post {ref!r} is listed again (first at row {first.row}); this row is left out",
                    *table.at(row, "ref"),
                    "remove the duplicate row, or give the second post a reference of its own",
                )
            )
            continue
        posts[ref] = _Post(
            ref=ref,
            row=row,
            name=table.cell(row, values, "name"),
            title=table.cell(row, values, "title"),
            function=table.cell(row, values, "function"),
            organisation=table.cell(row, values, "organisation") or table.cell(row, values, "department"),
            unit=table.cell(row, values, "unit"),
            reports_to=table.cell(row, values, "reports_to"),
            department=table.cell(row, values, "department"),
        )
    return posts


def import_organogram(senior: str | Path, junior: str | Path | None = None) -> Imported:
    """Read an organogram's senior (and junior) CSV files into a model file (see the module docstring).

    Args:
        senior: the senior posts CSV.
        junior: the junior posts CSV, if there is one.

    Raises:
        ImportFileError: a file is missing, not CSV, empty, or lacks a column the import needs (the message
            names the file and says which).
    """
    senior_table = _read(Path(senior), SENIOR_COLUMNS, _SENIOR_REQUIRED, "senior posts")
    junior_table = _read(Path(junior), JUNIOR_COLUMNS, _JUNIOR_REQUIRED, "junior posts") if junior else None
    posts = _senior_posts(senior_table)
    builder = _Builder(senior_table, posts)
    if junior_table is not None:
        builder.juniors(junior_table)
    findings = senior_table.findings + (junior_table.findings if junior_table else [])
    files = [Path(senior).name] + ([Path(junior).name] if junior else [])
    document, comments = builder.document(files)
    header = [
        f"Imported by `govgraph import organogram` from {' and '.join(files)}.",
        "Units are bodies (kind: team) reporting to the unit of the post their head reports to; senior posts are",
        "roles. A unit's head posts (reporting outside it, or marked XX) chair it; its other posts are members,",
        "`as` their job or team function. Junior posts are members `as` their number of full-time posts.",
        "N/D (name not disclosed) leaves `holders` out; Vacant and Eliminated posts have `holders: []`.",
        "Run `govgraph check` on this file: it explains what the structure shows (tops, matrices, cycles).",
    ]
    return finish(document, header=header, comments=comments, findings=findings)


class _Builder:
    def __init__(self, table: _Table, posts: dict[str, _Post]) -> None:
        self.table = table
        self.posts = posts
        self.ids = Ids()
        self.ids.used.add("organogram")
        self.organisations: dict[str, str] = {}
        self.units: dict[tuple[str, str], str] = {}
        self.unit_names: dict[str, str] = {}
        self.unit_org: dict[str, str] = {}
        self.role_ids: dict[str, str] = {}
        self.roles: dict[str, dict[str, Any]] = {}
        self.comments: dict[str, str] = {}
        self.chairs: dict[str, list[str]] = {}
        self.members: dict[str, list[dict[str, Any]]] = {}
        self.lines: dict[str, set[str]] = {}
        #: The posts no one is in (vacant) or that no longer exist (eliminated), and which of the two.
        self.unfilled: dict[str, str] = {}
        self.departments = sorted({p.department for p in posts.values() if p.department})
        self.tops = [p for p in posts.values() if p.reports_to.lower() == TOP]
        for post in posts.values():
            self.role_ids[post.ref] = self.ids.make(post.ref, prefix="post")
        self._senior()

    def organisation(self, name: str) -> str:
        name = name or "Organisation not named"
        if name not in self.organisations:
            self.organisations[name] = self.ids.make(name, fallback="organisation")
        return self.organisations[name]

    def unit(self, organisation: str, name: str) -> str:
        key = (organisation, name or "Unit not named")
        if key not in self.units:
            unit_id = self.ids.make(key[1], fallback="unit")
            self.units[key] = unit_id
            self.unit_names[unit_id] = key[1]
            self.unit_org[unit_id] = self.organisation(organisation)
            self.chairs[unit_id] = []
            self.members[unit_id] = []
            self.lines[unit_id] = set()
        return self.units[key]

    def _senior(self) -> None:
        titles: dict[str, int] = {}
        for post in self.posts.values():
            titles[fold(post.title)] = titles.get(fold(post.title), 0) + 1
        if len(self.tops) > 1:
            rows = ", ".join(str(p.row) for p in self.tops)
            for post in self.tops:
                self.table.findings.append(
                    warning(
                        "GGI03",
                        f"post {post.ref!r} is one of {len(self.tops)} top posts marked XX (rows {rows})",
                        *self.table.at(post.row, "reports_to"),
                        "an organogram has one top post; `govgraph check` will list the units with no line up",
                    )
                )
        for post in sorted(self.posts.values(), key=lambda p: p.row):
            role_id = self.role_ids[post.ref]
            unit_id = self.unit(post.organisation, post.unit)
            title = post.title or f"Post {post.ref}"
            if titles.get(fold(post.title), 0) > 1 or not post.title:
                title = f"{title} ({post.ref})"
            role: dict[str, Any] = {"title": title, "organisation": plain(self.unit_org[unit_id])}
            if fold(post.ref) != fold(title):
                role["aliases"] = [post.ref]
            name = _wording(post.name)
            if name == NOT_DISCLOSED or not post.name:
                self.comments[role_id] = "name not disclosed (N/D)" if post.name else "no name given"
            elif name in VACANCY_WORDINGS or name in ELIMINATION_WORDINGS:
                role["holders"] = []
                self.unfilled[role_id] = "post eliminated" if name in ELIMINATION_WORDINGS else "vacant"
                said = "" if name in ("vacant", "eliminated") else f" (the organogram says {post.name!r})"
                self.comments[role_id] = self.unfilled[role_id] + said
            else:
                role["holders"] = [{"name": post.name}]
            role["source"] = plain("organogram")
            self.roles[role_id] = role
            parent = self.posts.get(post.reports_to)
            if parent is None and post.reports_to.lower() != TOP:
                self.table.findings.append(
                    warning(
                        "GGI02",
                        f"post {post.ref!r} reports to {post.reports_to!r}, which is not a post in this file; "
                        "it is imported with no line up",
                        *self.table.at(post.row, "reports_to"),
                        "correct the reference, or mark a top post with XX",
                    )
                )
            parent_unit = self.unit(parent.organisation, parent.unit) if parent else None
            if parent_unit is None or parent_unit != unit_id:
                self.chairs[unit_id].append(plain(role_id))
                if parent_unit is not None:
                    self.lines[unit_id].add(parent_unit)
                continue
            member: dict[str, Any] = {"role": plain(role_id)}
            if post.function:
                member["as"] = post.function
            member["note"] = f"reports to {self.role_ids[parent.ref]}" if parent else "reports to no post"
            self.members[unit_id].append(member)
        self._unfilled_heads()

    def _unfilled_heads(self) -> None:
        """A vacant or eliminated head post of a unit that has a head someone is in is a member, not a co-chair
        (`Eliminated` beside the director who took over); a unit whose every head post is unfilled keeps them as
        its chairs, held by no one, as the organogram shows it."""
        posts = {self.role_ids[ref]: post for ref, post in self.posts.items()}
        for unit_id, chairs in self.chairs.items():
            filled = [c for c in chairs if c not in self.unfilled]
            if not filled or len(filled) == len(chairs):
                continue
            self.chairs[unit_id] = filled
            for role_id in chairs:
                if role_id in filled:
                    continue
                member: dict[str, Any] = {"role": role_id}  # the chair's `plain` id
                if posts[role_id].function:
                    member["as"] = posts[role_id].function
                member["note"] = f"a head post of the unit, {self.unfilled[role_id]}"
                self.members[unit_id].insert(0, member)

    def juniors(self, table: _Table) -> None:
        seen: dict[str, int] = {}
        for row, values in table.rows:
            title = table.cell(row, values, "title") or "Junior post"
            grade = table.cell(row, values, "grade")
            fte = table.cell(row, values, "fte")
            reports_to = table.cell(row, values, "reports_to")
            parent = self.posts.get(reports_to)
            organisation = table.cell(row, values, "organisation") or table.cell(row, values, "department")
            unit_id = self.unit(
                organisation or (parent.organisation if parent else ""), table.cell(row, values, "unit")
            )
            if parent is None:
                table.findings.append(
                    warning(
                        "GGI02",
                        f"junior posts {title!r} report to {reports_to!r}, which is not a senior post",
                        *table.at(row, "reports_to"),
                        "correct the reference to the senior post's Post Unique Reference",
                    )
                )
            # A row of no one (`Not in post` as its job title) is a vacant post of that grade, not a job so named.
            said = title if _wording(title) in VACANCY_WORDINGS else None
            if said is not None:
                title = "Vacant post"
            label = f"{title} ({grade})" if grade and fold(grade) != fold(title) else title
            full = f"{label}, {self.unit_names[unit_id]}"
            seen[fold(full)] = seen.get(fold(full), 0) + 1
            if seen[fold(full)] > 1:
                full = f"{full} #{seen[fold(full)]}"
            role_id = self.ids.make(title, prefix="junior", fallback="junior")
            self.roles[role_id] = {
                "title": full,
                "organisation": plain(self.unit_org[unit_id]),
                "source": plain("organogram"),
            }
            member: dict[str, Any] = {"role": plain(role_id)}
            if said is not None:
                self.comments[role_id] = f"vacant (the organogram says {said!r})"
            if fte:
                member["as"] = f"{fte} FTE" + (", vacant" if said is not None else "")
            if parent is not None:
                member["note"] = f"reports to {self.role_ids[parent.ref]}"
                parent_unit = self.unit(parent.organisation, parent.unit)
                if parent_unit != unit_id and not self.chairs[unit_id] and not self.members_senior(unit_id):
                    self.lines[unit_id].add(parent_unit)
            self.members[unit_id].append(member)

    def members_senior(self, unit_id: str) -> bool:
        return any(str(m["role"]).startswith("post-") for m in self.members[unit_id])

    def document(self, files: Sequence[str]) -> tuple[dict[str, Any], dict[str, str]]:
        dates = sorted({m[1] for f in files for m in [_DATE.search(f)] if m})
        org_names = sorted(self.organisations)
        title = f"{org_names[0] if len(org_names) == 1 else ', '.join(org_names)} organogram"
        document: dict[str, Any] = {"govgraph": 1, "title": title + (f", {dates[-1]}" if dates else "")}
        if dates:
            document["as_of"] = plain(dates[-1])
        source: dict[str, Any] = {"title": f"Organogram: {', '.join(files)}"}
        if self.departments:
            source["publisher"] = ", ".join(self.departments)
        if dates:
            source["date"] = plain(dates[-1])
        source["note"] = "UK government organogram (data.gov.uk), normally under the Open Government Licence v3.0"
        document["sources"] = {"organogram": source}
        document["organisations"] = {
            oid: {"name": name, "source": plain("organogram")} for name, oid in sorted(self.organisations.items())
        }
        document["organisations"] = dict(sorted(document["organisations"].items()))
        document["roles"] = dict(sorted(self.roles.items()))
        bodies: dict[str, Any] = {}
        names: dict[str, int] = {}
        for name in self.unit_names.values():
            names[fold(name)] = names.get(fold(name), 0) + 1
        for unit_id in sorted(self.unit_names):
            name = self.unit_names[unit_id]
            org = self.unit_org[unit_id]
            if names[fold(name)] > 1:
                name = f"{name} ({org})"
            body: dict[str, Any] = {"name": name, "kind": "team", "organisation": plain(org)}
            if self.chairs[unit_id]:
                body["chairs"] = self.chairs[unit_id]
            if self.members[unit_id]:
                body["members"] = self.members[unit_id]
            if self.lines[unit_id]:
                body["reports_to"] = [plain(u) for u in sorted(self.lines[unit_id])]
            body["source"] = plain("organogram")
            bodies[unit_id] = body
        document["bodies"] = bodies
        return document, self.comments
