"""Generate synthetic govgraph models (format version 1) for benchmarks.

The shape imitates a large public-sector governance structure: one `executive` at the top, five to seven
levels (executive -> boards -> committees and advisory groups -> programmes -> projects and workstreams ->
teams), three to twelve children under every body that has any, about one body in ten with a dotted line
into another branch, chairs on every chaired kind, members, host organisations, groups of organisations,
sources, partial dates and a little history.

The model is kept clean on purpose, so that a benchmark measures loading rather than error reporting:
every id is unique and resolves; a child starts strictly after the whole period its parent's `from` names
(so a partial date can never be read as starting before its parent); a dotted line only points at a body
that started earlier and never ends, which with the same rule for `reports_to` makes every reporting line
point backwards in time and so rules out cycles; only leaf bodies close (`until`), and a closed body is never
a dotted-line target; no role chairs a body and a body it reports or dotted-reports to.

The YAML is written by hand (string building) because PyYAML's emitter would take longer than the loader
being measured. Output is a pure function of (n, seed): byte-identical across runs and platforms.

With ``terms=True`` (``--terms``) every body also records terms of reference: an approval date and a review
interval, a quorum (the chair or a vice-chair and one voting member where the body is chaired, else a majority),
quarterly meetings in named months, and a report to its parent after each meeting; posts sit as voting members.
Still clean: every quorum can be met, every report matches its parent's meetings, no review is overdue.

Usage: ``python benchmarks/generate.py N [-o FILE] [--seed S] [--terms]``; ``ensure(n)`` caches the file under
``benchmarks/.cache/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

DEFAULT_SEED = 20241
# Bump when the output for a given (n, seed) changes, so that cached files are regenerated.
GENERATOR_VERSION = 1
CACHE_DIR = Path(__file__).resolve().parent / ".cache"

EARLIEST = dt.date(2015, 1, 1)
LATEST_FROM = dt.date(2024, 12, 31)
LATEST_EVENT = dt.date(2025, 6, 30)  # before `as_of: 2025-07`

# Kinds by level (weights); deeper levels reuse the last row.
LEVEL_KINDS: list[list[tuple[str, int]]] = [
    [("executive", 1)],
    [("board", 8), ("committee", 2)],
    [("committee", 4), ("advisory_group", 3), ("steering_group", 2), ("forum", 1)],
    [("programme", 7), ("network", 1), ("partnership", 1), ("forum", 1)],
    [("project", 55), ("workstream", 30), ("steering_group", 10), ("community_of_practice", 5)],
    [("workstream", 4), ("project", 3), ("capability", 2), ("team", 1)],
    [("team", 3), ("capability", 1)],
]
CHAIRED_KINDS = frozenset({"executive", "board", "committee", "advisory_group", "steering_group", "forum"})
KIND_LABEL = {
    "executive": ("Executive", "EXE"),
    "board": ("Board", "BRD"),
    "committee": ("Committee", "COM"),
    "advisory_group": ("Advisory Group", "AG"),
    "steering_group": ("Steering Group", "STG"),
    "forum": ("Forum", "FOR"),
    "network": ("Network", "NET"),
    "community_of_practice": ("Community of Practice", "COP"),
    "partnership": ("Partnership", "PSHP"),
    "programme": ("Programme", "PRG"),
    "project": ("Project", "PRJ"),
    "workstream": ("Workstream", "WS"),
    "capability": ("Capability", "CAP"),
    "team": ("Team", "TEAM"),
}
POSTS = ["Director", "Lead", "Officer", "Sponsor", "Manager", "Adviser", "Convenor", "Principal"]
AS_TEXTS = [
    "finance lead",
    "clinical representative",
    "patient voice",
    "secretariat",
    "local authority representative",
    "data and analytics lead",
    "observer (non-voting)",
    "lead: commissioning",
    "partner, voluntary sector",
    "deputy chair",
    "expert by experience",
    "Directors' nominee",
]
NOTES = ["governance under review", "merged into parent arrangements", "stood down", "work completed"]

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ._-]*[A-Za-z0-9.]|[A-Za-z]")
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def q(text: str) -> str:
    """Return `text` as a YAML scalar that reads back as this string, in block or flow context."""
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    # A JSON string is a valid YAML double-quoted scalar (same escapes).
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class Period:
    """A partial date as written (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) and the days it covers."""

    text: str
    lo: dt.date
    hi: dt.date


def _period(day: dt.date, precision: int) -> Period:
    if precision == 0:
        return Period(f"{day.year:04d}", dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    if precision == 1:
        nxt = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return Period(f"{day.year:04d}-{day.month:02d}", day.replace(day=1), nxt - dt.timedelta(days=1))
    return Period(day.isoformat(), day, day)


def _period_between(rng: Random, after: dt.date, latest: dt.date, max_gap: int = 1000) -> Period:
    """A period wholly after `after` and ending by `latest` (day precision if nothing coarser fits)."""
    span = (latest - after).days
    day = after + dt.timedelta(days=rng.randint(1, max(1, min(span, max_gap))))
    for precision in (rng.choices((0, 1, 2), weights=(3, 4, 3))[0], 1, 2):
        period = _period(day, precision)
        if period.lo > after and period.hi <= latest:
            return period
    return _period(day, 2)


@dataclass
class Body:
    index: int
    ident: str
    level: int
    kind: str
    parent: int | None
    top_branch: int
    organisation: str
    start: Period
    children: list[int] = field(default_factory=list)
    until: Period | None = None
    reports_source: str | None = None
    dotted: list[tuple[int, str | None]] = field(default_factory=list)
    chairs: list[int] = field(default_factory=list)
    members: list[tuple[str, str, str | None]] = field(default_factory=list)  # (key, id, as)
    requires: str | None = None
    history: list[tuple[Period, str, str | None, str | None, str | None]] = field(default_factory=list)
    source: str | None = None


@dataclass
class Role:
    ident: str
    index: int
    post: str
    organisation: str
    chaired: set[int] = field(default_factory=set)
    aliased: bool = False
    holders: list[tuple[str, str, str | None]] = field(default_factory=list)  # (name, from, until)


def _depth_for(n: int) -> int:
    """Number of levels: 5 below 2,000 bodies, 6 below 30,000, 7 above; fewer for tiny models."""
    depth = 5 if n < 2000 else 6 if n < 30000 else 7
    while depth > 1 and _ratio(n, depth) < 2.5:
        depth -= 1
    return depth


def _ratio(n: int, depth: int) -> float:
    """The growth r with 1 + r + ... + r**(depth-1) == n."""
    lo, hi = 1.0, float(max(n, 2))
    for _ in range(60):
        mid = (lo + hi) / 2
        if sum(mid**k for k in range(depth)) < n:
            lo = mid
        else:
            hi = mid
    return lo


def _level_sizes(n: int, rng: Random) -> list[int]:
    depth = _depth_for(n)
    ratio = _ratio(n, depth)
    sizes = [1]
    for level in range(1, depth - 1):
        jitter = rng.uniform(0.9, 1.1)
        size = max(3, round(ratio**level * jitter))
        sizes.append(min(size, 12 * sizes[-1], n - sum(sizes)))
    rest = n - sum(sizes)
    if rest > 0:
        sizes.append(rest)
    # A last level too large for its parents (only for tiny n) spills into a further level.
    while len(sizes) > 1 and sizes[-1] > 12 * sizes[-2]:
        extra = sizes[-1] - 12 * sizes[-2]
        sizes[-1] -= extra
        sizes.append(extra)
    return [s for s in sizes if s > 0]


def _fan_out(rng: Random, parents: int, children: int) -> list[int]:
    """Children per parent: `children` split over a random subset of `parents`, 3 to 12 each."""
    low = max(1, math.ceil(children / 12))
    high = max(low, min(parents, children // 3))
    used = rng.randint(low, high)
    counts = [0] * parents
    chosen = sorted(rng.sample(range(parents), used))
    base = min(3, children // used)
    for p in chosen:
        counts[p] = base
    extra = children - base * used
    open_parents = list(chosen)
    while extra:
        slot = rng.randrange(len(open_parents))
        p = open_parents[slot]
        counts[p] += 1
        extra -= 1
        if counts[p] >= 12:
            open_parents[slot] = open_parents[-1]
            open_parents.pop()
    return counts


class _Builder:
    def __init__(self, n: int, seed: int, terms: bool = False) -> None:
        self.n = n
        self.terms = terms
        self.rng = Random(seed)
        self.width = max(6, len(str(n)))
        self.bodies: list[Body] = []
        n_orgs = max(1, round(n / 50))
        self.orgs = [f"org-{i:04d}" for i in range(1, n_orgs + 1)]
        self.unused_orgs = list(reversed(self.orgs))
        n_groups = max(1, min(24, n_orgs // 6))
        self.groups: list[tuple[str, list[str]]] = []
        for g in range(1, n_groups + 1):
            size = min(len(self.orgs), self.rng.randint(2, 8))
            members = sorted(self.rng.sample(self.orgs, size))
            self.groups.append((f"grp-{g:03d}", members))
        self.unused_groups = [g for g, _ in reversed(self.groups)]
        # Never more sources than bodies, so that `_cover_leftovers` can always find a body to cite each.
        n_sources = min(n, max(3, min(8, round(math.log10(max(n, 10))) + 3)))
        self.sources = [f"src-{i}" for i in range(1, n_sources + 1)]
        self.unused_sources = list(reversed(self.sources))
        self.roles: list[Role] = []
        self.chair_pool: list[int] = []  # roles that may chair one more body
        self.dotted_targets: set[int] = set()

    # -- picking with coverage: every organisation, group and source ends up used -----------------------

    def _source(self) -> str:
        return self.unused_sources.pop() if self.unused_sources else self.rng.choice(self.sources)

    def _group(self) -> str:
        return self.unused_groups.pop() if self.unused_groups else self.rng.choice(self.groups)[0]

    def _org(self) -> str:
        return self.unused_orgs.pop() if self.unused_orgs else self.rng.choice(self.orgs)

    def _new_role(self, organisation: str) -> Role:
        index = len(self.roles) + 1
        role = Role(f"role-{index:0{self.width}d}", index, self.rng.choice(POSTS), organisation)
        role.aliased = self.rng.random() < 0.2
        if self.rng.random() < 0.15:
            first = self.rng.randint(2015, 2021)
            if self.rng.random() < 0.5:
                role.holders.append((f"Synthetic Person {index}", str(first), None))
            else:
                year, month = first + self.rng.randint(1, 3), self.rng.randint(1, 11)
                role.holders.append((f"Synthetic Person {index}", str(first), f"{year}-{month:02d}"))
                role.holders.append((f"Synthetic Person {index}b", f"{year}-{month + 1:02d}", None))
        self.roles.append(role)
        return role

    # -- structure ----------------------------------------------------------------------------------

    def build(self) -> None:
        rng = self.rng
        sizes = _level_sizes(self.n, rng)
        depth = len(sizes)
        root_start = _period(dt.date(2015, 1, rng.randint(1, 28)), rng.choice((1, 2)))
        self.bodies.append(Body(0, self._ident(0), 0, "executive", None, -1, self._org(), root_start))
        # Spread start dates over 2015-2024 whatever the depth: each level starts up to `gap` days later.
        gap = max(60, int((LATEST_FROM - root_start.hi).days * 1.2 / max(1, depth - 1)))
        first = 0
        for level in range(1, depth):
            parents = range(first, first + sizes[level - 1])
            counts = _fan_out(rng, sizes[level - 1], sizes[level])
            first += sizes[level - 1]
            kinds, weights = zip(*LEVEL_KINDS[min(level, len(LEVEL_KINDS) - 1)], strict=True)
            # Leave room below for the remaining levels' start dates.
            latest = LATEST_FROM - dt.timedelta(days=60 * (depth - 1 - level))
            for parent_index, count in zip(parents, counts, strict=True):
                parent = self.bodies[parent_index]
                for _ in range(count):
                    index = len(self.bodies)
                    org = parent.organisation if rng.random() < 0.9 else self._org()
                    start = _period_between(rng, parent.start.hi, latest, gap)
                    branch = index if level == 1 else parent.top_branch
                    kind = rng.choices(kinds, weights)[0]
                    body = Body(index, self._ident(index), level, kind, parent_index, branch, org, start)
                    parent.children.append(index)
                    self.bodies.append(body)
        for body in self.bodies:
            self._decorate(body)
        self._cover_leftovers()

    def _ident(self, index: int) -> str:
        return f"b-{index + 1:0{self.width}d}"

    def _decorate(self, body: Body) -> None:
        rng = self.rng
        if body.parent is not None and rng.random() < 0.1:
            body.reports_source = self._source()
        if body.level >= 1 and rng.random() < 0.1:
            self._add_dotted(body)
        if body.kind in CHAIRED_KINDS:
            self._add_chairs(body)
        self._add_members(body)
        if rng.random() < 0.03:
            body.source = self._source()
        if not body.children and body.index not in self.dotted_targets and rng.random() < 0.06:
            self._close(body)
        elif rng.random() < 0.01:
            when = _period(dt.date(2025, rng.randint(3, 6), rng.randint(1, 28)), rng.choice((1, 2)))
            body.history.append((when, "under_review", NOTES[0], None, self._maybe_source(0.5)))

    def _maybe_source(self, p: float) -> str | None:
        return self._source() if self.rng.random() < p else None

    def _add_dotted(self, body: Body) -> None:
        rng = self.rng
        ancestors = self._ancestors(body)
        for _ in range(20):
            target = self.bodies[rng.randrange(body.index)]
            if (
                target.level <= body.level
                and target.top_branch != body.top_branch
                and target.index not in ancestors
                and target.start.hi < body.start.lo
                and target.until is None
            ):
                body.dotted.append((target.index, self._maybe_source(0.2)))
                self.dotted_targets.add(target.index)
                return

    def _ancestors(self, body: Body) -> set[int]:
        found: set[int] = set()
        parent = body.parent
        while parent is not None:
            found.add(parent)
            parent = self.bodies[parent].parent
        return found

    def _add_chairs(self, body: Body) -> None:
        rng = self.rng
        # Independence: a chair of this body must not chair a body it reports or dotted-reports to.
        above = {t for t, _ in body.dotted}
        if body.parent is not None:
            above.add(body.parent)
        for _ in range(1 if rng.random() < 0.8 else 2):
            role: Role | None = None
            if self.chair_pool and rng.random() < 0.3:
                candidate = self.roles[self.chair_pool[rng.randrange(len(self.chair_pool))]]
                if not candidate.chaired & above and body.index not in candidate.chaired:
                    role = candidate
            if role is None:
                role = self._new_role(body.organisation)
                self.chair_pool.append(role.index - 1)
            role.chaired.add(body.index)
            body.chairs.append(role.index - 1)
            if len(role.chaired) >= 3:
                self.chair_pool.remove(role.index - 1)

    def _add_members(self, body: Body) -> None:
        rng = self.rng
        # A chair is not listed again as a member, and nothing sits on a body twice.
        seen = {self.roles[r].ident for r in body.chairs}
        for _ in range(rng.choices((0, 1, 2, 3, 4), weights=(3, 3, 2, 2, 1))[0]):
            as_text = rng.choice(AS_TEXTS) if rng.random() < 0.5 else None
            pick = rng.random()
            if pick < 0.6:
                key = "role"
                reuse = self.roles and rng.random() < 0.5
                ident = self.roles[rng.randrange(len(self.roles))].ident if reuse else ""
                if not ident or ident in seen:
                    ident = self._new_role(body.organisation).ident
            elif pick < 0.93:
                key, ident = "organisation", self._org()
            else:
                key, ident = "group", self._group()
                as_text = as_text or "representatives"
            if ident in seen:
                continue
            seen.add(ident)
            body.members.append((key, ident, as_text))
            if key == "group" and body.requires is None and rng.random() < 0.3:
                body.requires = ident

    def _close(self, body: Body) -> None:
        rng = self.rng
        if body.start.hi >= LATEST_EVENT - dt.timedelta(days=90):
            return
        review: Period | None = None
        after = body.start.hi
        if rng.random() < 0.4:
            review = _period_between(rng, after, LATEST_EVENT - dt.timedelta(days=40))
            after = review.hi
        until = _period_between(rng, after, LATEST_EVENT)
        body.until = until
        if review is not None:
            body.history.append((review, "under_review", NOTES[0], None, self._maybe_source(0.5)))
        decided_by = self._ident(body.parent) if body.parent is not None and rng.random() < 0.5 else None
        note = rng.choice(NOTES[1:])
        body.history.append((until, "closed", note, decided_by, self._maybe_source(0.5)))

    def _cover_leftovers(self) -> None:
        """Make sure every organisation, group and source is used at least once (no GG4xx/GG6xx noise)."""
        top = self.bodies[0]
        seen = {ident for _, ident, _ in top.members}
        while self.unused_orgs:
            org = self.unused_orgs.pop()
            if org not in seen:
                top.members.append(("organisation", org, None))
        while self.unused_groups:
            group = self.unused_groups.pop()
            if group not in seen:
                top.members.append(("group", group, "representatives"))
        while self.unused_sources:
            rest = self.unused_sources.pop()
            target = next((b for b in self.bodies if b.source is None), top)
            target.source = rest

    # -- emitting -----------------------------------------------------------------------------------

    def emit(self, seed: int) -> str:
        bodies = "body" if self.n == 1 else "bodies"
        out: list[str] = [
            _header(self.n, seed, self.terms),
            "govgraph: 1\n",
            f"title: {q(f'Synthetic governance model: {self.n} {bodies} (seed {seed})')}\n",
            "as_of: 2025-07\n",
            "sources:\n",
        ]
        for i, src in enumerate(self.sources, 1):
            year = 2016 + (i * 3) % 9
            out.append(f"  {src}: {{title: Synthetic source {i}, publisher: Synthetic Publisher, ")
            out.append(f"date: {year}}}\n")
        out.append("organisations:\n")
        for i, org in enumerate(self.orgs, 1):
            out.append(f"  {org}: {{name: Synthetic Organisation {i}, short: SO{i}}}\n")
        out.append("groups:\n")
        for g, (ident, members) in enumerate(self.groups, 1):
            out.append(f"  {ident}: {{name: Synthetic Group {g}, members: [{', '.join(members)}]}}\n")
        out.append("roles:\n")
        for role in self.roles:
            out.append(f"  {role.ident}:\n    title: Synthetic {role.post} {role.index}\n")
            out.append(f"    organisation: {role.organisation}\n")
            if role.aliased:
                out.append(f"    aliases: [{role.post} {role.index}]\n")
            if role.holders:
                out.append("    holders:\n")
                for name, start, until in role.holders:
                    tail = f", until: {until}" if until else ""
                    out.append(f"      - {{name: {name}, from: {start}{tail}}}\n")
        out.append("bodies:\n")
        for body in self.bodies:
            self._emit_body(body, out)
        return "".join(out)

    def _emit_body(self, body: Body, out: list[str]) -> None:
        label, abbr = KIND_LABEL[body.kind]
        number = body.index + 1
        out.append(f"  {body.ident}:\n    name: Synthetic {label} {number}\n")
        if body.kind in CHAIRED_KINDS or number % 4 == 0:
            out.append(f"    short: {abbr}{number}\n")
        out.append(f"    kind: {body.kind}\n    organisation: {body.organisation}\n")
        out.append(f"    from: {body.start.text}\n")
        if body.until is not None:
            out.append(f"    until: {body.until.text}\n")
        if body.source is not None:
            out.append(f"    source: {body.source}\n")
        if body.chairs:
            out.append(f"    chairs: [{', '.join(self.roles[r].ident for r in body.chairs)}]\n")
        if body.parent is not None:
            parent = self._ident(body.parent)
            if body.reports_source is None:
                out.append(f"    reports_to: [{parent}]\n")
            else:
                out.append(f"    reports_to:\n      - {{body: {parent}, source: {body.reports_source}}}\n")
        if body.dotted:
            target, source = body.dotted[0]
            if source is None:
                out.append(f"    dotted_to: [{self._ident(target)}]\n")
            else:
                out.append(f"    dotted_to:\n      - {{body: {self._ident(target)}, source: {source}}}\n")
        if body.members:
            out.append("    members:\n")
            for key, ident, as_text in body.members:
                tail = f", as: {q(as_text)}" if as_text else ""
                if self.terms and key == "role":
                    tail += ", standing: voting_member"
                out.append(f"      - {{{key}: {ident}{tail}}}\n")
        if self.terms:
            out.append("    terms:\n      approved: 2025-03\n      review_months: 24\n")
            # A quorum only where someone sits there to make it.
            if body.chairs:
                out.append("      quorum: {count: 1, present: [chair_or_vice]}\n")
            elif any(key == "role" for key, _, _ in body.members):
                out.append("      quorum: {fraction: majority}\n")
            out.append("      meets: {frequency: quarterly, months: [1, 4, 7, 10]}\n")
            if body.parent is not None:
                out.append("      reports: [{what: minutes and assurance report, after_each_meeting: true}]\n")
        if body.requires is not None:
            out.append(f"    requires: {{represented: {body.requires}}}\n")
        if body.history:
            out.append("    history:\n")
            for when, status, note, decided_by, source in body.history:
                parts = [f"date: {when.text}", f"status: {status}"]
                if note:
                    parts.append(f"note: {q(note)}")
                if decided_by:
                    parts.append(f"decided_by: {decided_by}")
                if source:
                    parts.append(f"source: {source}")
                out.append(f"      - {{{', '.join(parts)}}}\n")


def _header(n: int, seed: int, terms: bool) -> str:
    with_terms = ", terms of reference" if terms else ""
    return f"# govgraph synthetic model: n={n}, seed={seed}, generator v{GENERATOR_VERSION}{with_terms}\n"


def generate(n: int, seed: int = DEFAULT_SEED, *, terms: bool = False) -> str:
    """Return the YAML text of a synthetic model with `n` bodies.

    Args:
        n: number of bodies, at least 1.
        seed: seed for `random.Random`; the same (n, seed) always gives the same bytes.
        terms: give every body terms of reference (see the module docstring); the structure is the same.

    Raises:
        ValueError: if `n` is less than 1.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    builder = _Builder(n, seed, terms)
    builder.build()
    return builder.emit(seed)


def ensure(n: int, seed: int = DEFAULT_SEED, *, terms: bool = False) -> Path:
    """Return the path of the cached model with `n` bodies, generating it when missing or stale.

    Files live in `benchmarks/.cache/synthetic-{n}.yaml` (seed in the name when not the default); the first
    line records n, seed and generator version, and a mismatch regenerates the file.
    """
    suffix = ("" if seed == DEFAULT_SEED else f"-s{seed}") + ("-terms" if terms else "")
    path = CACHE_DIR / f"synthetic-{n}{suffix}.yaml"
    header = _header(n, seed, terms)
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            if fh.readline() == header:
                return path
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    _write(path, generate(n, seed, terms=terms))
    return path


# -- adversarial shapes ---------------------------------------------------------------------------------
#
# Not governance as it is usually written, but shapes a file may take that make a careless algorithm blow up
# (issue 19): each is a pure function of its size, cached like the synthetic models by `ensure_shape`.

# Bump when a shape's output for a given size changes, so that cached files are regenerated.
SHAPES_VERSION = 1

#: Each shape's generator, by name, with what its size counts.
SHAPES: dict[str, str] = {
    "ignores": "bodies, each with an `ignore:` entry that silences a finding (as the README recommends for known gaps)",
    "unchaired": "bodies as in `ignores` without their `ignore:` entries: the findings are reported instead",
    "deep": "bodies in one line of accountability, each reporting to the next (the depth of the structure)",
    "ladder": "bodies in rungs of two, each reporting to both bodies of the rung above (2^(n/2 - 1) routes a foot)",
    "dense": "bodies each reporting to every body before it (n(n-1)/2 lines)",
}


def _head(title: str) -> list[str]:
    return ["govgraph: 1\n", f"title: {q(title)}\n", "as_of: 2025-07\n", "bodies:\n"]


def ignores(n: int, *, silenced: bool = True) -> str:
    """`n` committees reporting to one board; none is chaired, and each says so in an `ignore:` entry (GG401),
    unless not `silenced`."""
    out = _head(f"{n:,} committees, each with an ignore entry" if silenced else f"{n:,} committees")
    out.append("  top:\n    name: Board\n    kind: board\n")
    out.append("    ignore: [{code: GG401, reason: chair not recorded}]\n")
    for i in range(1, n):
        out.append(f"  c{i}:\n    name: Committee {i}\n    kind: committee\n    reports_to: [top]\n")
        if not silenced:
            continue
        out.append(
            f"    ignore:\n      - {{code: GG401, reason: the source does not name the chair of committee {i}}}\n"
        )
    return "".join(out)


def deep(n: int) -> str:
    """`n` bodies in one line: `b1` reports to `b2`, ... up to `b{n}`, a board. A dotted line from every tenth
    body to the one two above it adds a second route wherever it is followed, and every tenth but five is also
    part of the body two above it (a second line of accountability, which trees show once and then mark)."""
    out = _head(f"A line of accountability {n:,} bodies deep")
    for i in range(1, n + 1):
        kind = "board" if i == n else "committee"
        out.append(f"  b{i}:\n    name: Body {i}\n    kind: {kind}\n")
        out.append("    ignore: [{code: GG401, reason: not recorded}]\n")
        if i < n:
            out.append(f"    reports_to: [b{i + 1}]\n")
            if i % 10 == 0 and i + 2 <= n:
                out.append(f"    dotted_to: [b{i + 2}]\n")
            if i % 10 == 5 and i + 2 <= n:
                out.append(f"    part_of: [b{i + 2}]\n")
    return "".join(out)


def ladder(n: int) -> str:
    """`n` bodies (n even) in rungs of two, `l{r}` and `r{r}`, each reporting to both bodies of the rung above;
    the top rung reports to a board, `top`. From a foot (`l1`) up to `top` there are 2^(n/2 - 1) routes, all of
    the same length (2^39 for 80 bodies, 2^40 from the two feet)."""
    rungs = n // 2
    out = _head(f"A ladder of {rungs} rungs")
    out.append("  top:\n    name: Board\n    kind: board\n    ignore: [{code: GG401, reason: not recorded}]\n")
    for r in range(1, rungs + 1):
        above = "[top]" if r == rungs else f"[l{r + 1}, r{r + 1}]"
        for side in ("l", "r"):
            out.append(f"  {side}{r}:\n    name: Body {side}{r}\n    kind: programme\n    matrix: true\n")
            out.append(f"    reports_to: {above}\n")
    return "".join(out)


def dense(n: int) -> str:
    """`n` bodies, `d1` to `d{n}`, each reporting to every body before it: n(n-1)/2 lines (1,415 bodies make a
    million). `d1` is a board; the others declare no matrix, so each is reported (GG303) as it should be."""
    out = _head(f"{n:,} bodies each reporting to every body before it")
    out.append("  d1:\n    name: Body 1\n    kind: board\n    ignore: [{code: GG401, reason: not recorded}]\n")
    for i in range(2, n + 1):
        parents = ", ".join(f"d{j}" for j in range(1, i))
        out.append(f"  d{i}:\n    name: Body {i}\n    kind: programme\n")
        out.append(f"    reports_to: [{parents}]\n")
    return "".join(out)


_SHAPE_MAKERS = {
    "ignores": ignores,
    "unchaired": lambda n: ignores(n, silenced=False),
    "deep": deep,
    "ladder": ladder,
    "dense": dense,
}


def shape(name: str, n: int) -> str:
    """The YAML text of the adversarial shape `name` (see `SHAPES`) of size `n`.

    Raises:
        KeyError: no such shape. ValueError: `n` below 2.
    """
    if n < 2:
        raise ValueError(f"n must be at least 2, got {n}")
    return _SHAPE_MAKERS[name](n)


def ensure_shape(name: str, n: int) -> Path:
    """The path of the cached shape `name` of size `n` (`benchmarks/.cache/shape-{name}-{n}.yaml`), generated
    when missing or made by another version of this file."""
    path = CACHE_DIR / f"shape-{name}-{n}.yaml"
    header = f"# govgraph adversarial shape: {name}, n={n}, shapes v{SHAPES_VERSION}\n"
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            if fh.readline() == header:
                return path
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    _write(path, header + shape(name, n))
    return path


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic govgraph model.")
    parser.add_argument("n", type=int, help="number of bodies")
    parser.add_argument("-o", "--output", type=Path, help="output file (default: standard output)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    parser.add_argument("--terms", action="store_true", help="give every body terms of reference")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    text = generate(args.n, args.seed, terms=args.terms)
    if args.output is None:
        sys.stdout.write(text)
    else:
        _write(args.output, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
