"""A structure too large for one readable diagram, drawn as a linked set: an overview and one diagram per branch.

One diagram of three hundred bodies, printed on a page, has its names at a point or two: unreadable. Shrinking
is never the answer; dividing is. `split_sheets` turns a diagram that does not fit (a `fits` test says so:
an A4 page with names at 7 pt for the drawings, GitHub's limits for Mermaid) into sheets that each do:

- **The overview** shows the top levels: from the tops down, whole levels are drawn while they fit, then small
  branches (below). A body whose branch is left out is drawn as a box saying how many bodies are below it,
  linked to its branch's sheet.
- **A branch's sheet** draws the body at its head with the body it hangs under (for context, linked back to the
  sheet that draws it), and as much below it as fits, by the same rule; what is left becomes further sheets.
- **Many bodies side by side** (sixty tops, or a board with a hundred teams) that do not fit even as boxes are
  drawn as group boxes, one per organisation (for tops of several organisations) or per kind, in runs of names
  ("24 teams: Alpha to Kappa"), each a sheet of its own, whose title names its run; a group too large for one
  sheet is cut into even runs.
- **A second parent counts what hangs under the first.** A body accountable to two hangs in the tree under the
  first; a box of the second, where that body is not drawn, counts it (and its branch) among the bodies below
  and, with nothing of its own below it, opens the sheet that draws the first of them.
- **Small branches stay in place; sheets are balanced.** A branch of up to `SMALL_BRANCH` bodies that fits is
  drawn where it is. Larger branches under one body share sheets: as few sheets as they fit on, each about as
  large as the others, so no sheet has a single line where a larger one has room.
- Lines between bodies drawn on one sheet are drawn there; a dotted or steering line to a body drawn elsewhere
  is drawn to a box of that body, linked to the sheet that draws it, unless that body hangs right under the line's
  source: the line is then drawn on that body's sheet, which draws the source for context. A line that runs
  through a post (a liaison: `vocabulary.RelationTerm.by_role`) from a body to one right under it, or further
  down its branch, is left to the two bodies' own diagrams and pages: they are joined by the lines the one hangs
  by already.

Every sheet is a `Diagram` whose boxes carry `below`, `group` and `link` (the id of the sheet a box opens);
renderers turn `link` into a hyperlink. The first sheet keeps the diagram's id; the others are named
`<id>-<head>` (a branch, or branches under one body, by the first) or `<id>-<parent>-<kind or organisation>[-<n>]`
(a group), so their file names are stable as the model grows elsewhere. The tree they follow is `tree`: each
body under its first accountable parent, and a body with only steering, dotted or succession lines placed with
what its first line reaches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from govgraph import vocabulary
from govgraph.views import Diagram, ViewEdge, ViewNode

#: A name as runs of text, each followed by the number after it (if any).
_NUMBERS = re.compile(r"(\D*)(\d*)")
#: A branch of at most this many bodies is drawn in place where it fits, rather than on a sheet of its own.
SMALL_BRANCH = 5


def _kind_rank(kind: str) -> int:
    """Where a kind goes among others: the vocabulary's legend order, kinds it does not know last."""
    order = vocabulary.kind_names()
    return order.index(kind) if kind in order else len(order)


def tree(diagram: Diagram) -> dict[str, tuple[str, str]]:
    """Each body's place in the tree the diagram is drawn and divided by: body -> (parent, the line it hangs by).

    A body hangs under its first `reports_to` line in the diagram (else its first `part_of`), by the parent's id;
    a cycle (a model with errors can have one) is cut at its body of smallest id. A body with no parent and
    nothing under it whose lines are all of other kinds (steering, dotted, succession) hangs by its first such
    line, in the vocabulary's order of relations (`vocabulary.body_relations`), then by the id at its other end.
    """
    ids = {n.id for n in diagram.nodes}
    accountability = vocabulary.accountability()
    relations = vocabulary.body_relations()
    candidates: dict[str, list[tuple[int, str, str]]] = {}
    for edge in diagram.edges:
        if edge.relation in accountability and edge.source != edge.target and edge.target in ids:
            rank = accountability.index(edge.relation)
            candidates.setdefault(edge.source, []).append((rank, edge.target, edge.relation))
    parent = {body: min(options)[1:] for body, options in candidates.items()}
    for start in sorted(parent):
        seen: list[str] = []
        body: str | None = start
        while body is not None and body in parent and body not in seen:
            seen.append(body)
            body = parent[body][0]
        if body is not None and body in seen:
            del parent[min(seen[seen.index(body) :])]
    children = {p for p, _ in parent.values()}
    loose = {n for n in ids if n not in parent and n not in children}
    lines: dict[str, list[tuple[int, str, str]]] = {}
    for edge in diagram.edges:
        if edge.source in loose and edge.target in ids and edge.target not in loose and edge.source != edge.target:
            lines.setdefault(edge.source, []).append((relations.index(edge.relation), edge.target, edge.relation))
    for body, options in lines.items():
        parent[body] = min(options)[1:]
    return parent


def ancestors(parent: Mapping[str, tuple[str, str]], body: str) -> Iterator[str]:
    """The bodies `body` hangs below in the tree `parent` (`tree`), nearest first, each once (a cycle ends it)."""
    seen = {body}
    up = parent.get(body)
    while up is not None and up[0] not in seen:
        yield up[0]
        seen.add(up[0])
        up = parent.get(up[0])


def hangs_below(parent: Mapping[str, tuple[str, str]], body: str, top: str) -> bool:
    """Whether `body` hangs somewhere below `top` in the tree `parent` (`tree`)."""
    return top in ancestors(parent, body)


def order_key(node: ViewNode) -> tuple[int, tuple[tuple[str, int], ...], str]:
    """Where a body goes among its siblings: by kind, then by its name as drawn (numbers by their value: "Team 2"
    before "Team 10"), then by id."""
    parts = tuple((text.casefold(), int(number or 0)) for text, number in _NUMBERS.findall(node.label))
    return (_kind_rank(node.kind), parts, node.id)


def _names(names: list[str]) -> str:
    """The branches a sheet draws, by name: all of them up to three ("Beta and Delta"; the first alone hid the
    largest), else the first two and how many more."""
    if len(names) <= 3:
        return vocabulary.listing(names)
    return f"{names[0]}, {names[1]} and {len(names) - 2} more"


@dataclass(frozen=True)
class _Scope:
    """What one sheet is about: bodies side by side at its head, and the body they hang under (None: the tops)."""

    id: str
    title: str
    heads: tuple[str, ...]
    context: str | None
    #: The sheet that drew the box opening this one (its context's sheet).
    back: str | None


def split_sheets(diagram: Diagram, fits: Callable[[Diagram], bool]) -> list[Diagram]:
    """`diagram` as it is when it fits; else as an overview and the sheets it links to (see the module docstring),
    the overview first, then each sheet after the one that opens it.

    Args:
        fits: whether a diagram can be drawn as one (readable on A4, within GitHub's limits...).
    """
    if fits(diagram) or len(diagram.nodes) < 2:
        return [diagram]
    return _Splitter(diagram, fits).run()


class _Splitter:
    def __init__(self, diagram: Diagram, fits: Callable[[Diagram], bool]) -> None:
        self.diagram = diagram
        self.fits = fits
        self.nodes = {n.id: n for n in diagram.nodes}
        self.parent = tree(diagram)
        self.children: dict[str, list[str]] = {}
        for body, (up, _) in sorted(self.parent.items()):
            self.children.setdefault(up, []).append(body)
        for kids in self.children.values():
            kids.sort(key=lambda b: order_key(self.nodes[b]))
        self.size: dict[str, int] = {}
        for body in self.nodes:
            self._size(body)
        #: The bodies accountable to each body that hang in the tree under another (their first parent): the
        #: OpenStack UC's twenty SIGs, drawn under the TC, whose box on the overview said nothing was below it.
        accountability = vocabulary.accountability()
        also: dict[str, set[str]] = {}
        for edge in diagram.edges:
            if (
                edge.relation in accountability
                and edge.source != edge.target
                and edge.target in self.nodes
                and self.parent.get(edge.source, ("",))[0] != edge.target
            ):
                also.setdefault(edge.target, set()).add(edge.source)
        self.also = {up: sorted(bodies, key=lambda b: order_key(self.nodes[b])) for up, bodies in also.items()}
        #: The first sheet that draws each body (where a box of it drawn for context links to).
        self.home: dict[str, str] = {}
        #: The sheet each body's box opens: its branch's, or its group's.
        self.opens: dict[str, str] = {}
        #: The bodies each group box stands for.
        self.grouped: dict[str, list[str]] = {}
        self.used: set[str] = {diagram.id}

    def _unique(self, sheet: str) -> str:
        """`sheet`, or `sheet-2`, `sheet-3`... where another sheet has that id already."""
        candidate, number = sheet, 1
        while candidate in self.used:
            number += 1
            candidate = f"{sheet}-{number}"
        self.used.add(candidate)
        return candidate

    def _size(self, body: str) -> int:
        """How many bodies `body`'s branch holds, itself included."""
        if body not in self.size:
            # Iteratively, deepest first: a long chain must not exhaust Python's recursion.
            stack = [body]
            while stack:
                top = stack[-1]
                pending = [c for c in self.children.get(top, ()) if c not in self.size]
                if pending:
                    stack.extend(pending)
                    continue
                stack.pop()
                self.size[top] = 1 + sum(self.size[c] for c in self.children.get(top, ()))
        return self.size[body]

    def run(self) -> list[Diagram]:
        tops = sorted((b for b in self.nodes if b not in self.parent), key=lambda b: order_key(self.nodes[b]))
        queue = [_Scope(self.diagram.id, self.diagram.title, tuple(tops), None, None)]
        planned: list[tuple[_Scope, set[str], dict[str, ViewNode]]] = []
        while queue:
            scope = queue.pop(0)
            shown, groups, more = self._plan(scope)
            for body in sorted(shown):
                self.home.setdefault(body, scope.id)
            planned.append((scope, shown, groups))
            queue.extend(more)
        return [self._sheet(scope, shown, groups) for scope, shown, groups in planned]

    # -- planning one sheet ------------------------------------------------------------------------------------

    def _plan(self, scope: _Scope) -> tuple[set[str], dict[str, ViewNode], list[_Scope]]:
        """What `scope`'s sheet draws: the bodies drawn as themselves, the group boxes (by id), and the sheets
        that the sheet's boxes open."""
        heads = list(scope.heads)
        if len(heads) > 1 and not self._fits(scope, set(heads), {}):
            shown, groups, more = self._grouped(scope, heads, scope.context)
            if len(groups) > 1:
                return shown, groups, more
            # One group of them all would be this sheet again: they are drawn as they are.
        shown = set(heads)
        opened: set[str] = set()
        level = [h for h in heads if self.children.get(h)]
        while level:
            trial = shown | {c for b in level for c in self.children[b]}
            if not self._fits(scope, trial, {}):
                break
            shown, opened = trial, opened | set(level)
            level = [c for b in level for c in self.children[b] if self.children.get(c)]
        # Then small branches that still fit, smallest first: drawn in place rather than on a sheet of their own.
        for body in sorted(self._closed(shown, opened), key=lambda b: (self.size[b], order_key(self.nodes[b]))):
            if self.size[body] > SMALL_BRANCH:
                break
            branch = self._branch(body)
            if self._fits(scope, shown | set(branch), {}):
                shown |= set(branch)
                opened |= {b for b in branch if self.children.get(b)}
        closed = self._closed(shown, opened)
        if not opened and len(heads) == 1 and closed == heads:
            # A single head whose bodies do not fit even as boxes: they are drawn as groups under it.
            _, groups, more = self._grouped(scope, self.children[heads[0]], heads[0])
            return shown, groups, more
        more = self._pack(closed, scope)
        if any(set(m.heads) == set(heads) for m in more):
            # A sheet of the same heads again would not end: each gets a sheet of its own, where it is the one head
            # (whose bodies are then drawn, or grouped).
            more = [
                self._branch_scope([head], self.parent[head][0] if head in self.parent else None, scope)
                for head in closed
            ]
        return shown, {}, more

    def _closed(self, shown: set[str], opened: set[str]) -> list[str]:
        """The bodies drawn that have bodies below them not drawn."""
        return [b for b in sorted(shown) if self.children.get(b) and b not in opened]

    def _branch(self, body: str) -> list[str]:
        out, stack = [], [body]
        while stack:
            top = stack.pop()
            out.append(top)
            stack.extend(self.children.get(top, ()))
        return out

    def _pack(self, closed: list[str], scope: _Scope) -> list[_Scope]:
        """The sheets of the branches left out: one per branch, but branches under one body share a sheet while it
        fits (each of their boxes opens it)."""
        out: list[_Scope] = []
        by_parent: dict[str | None, list[str]] = {}
        for body in sorted(closed, key=lambda b: order_key(self.nodes[b])):
            by_parent.setdefault(self.parent[body][0] if body in self.parent else None, []).append(body)
        for up, bodies in by_parent.items():
            out += [self._branch_scope(run, up, scope) for run in self._balanced(bodies, up)]
        return out

    def _balanced(self, bodies: list[str], up: str | None) -> list[list[str]]:
        """`bodies` (branches under `up`, in order) in runs that each fit one sheet, as even in size as the fewest
        runs allow: first the fewest (each run the longest that fits), then runs of about the same size."""
        greedy: list[list[str]] = []
        start = 0
        while start < len(bodies):
            low, high = start + 1, len(bodies)
            while low < high:
                middle = (low + high + 1) // 2
                if self._fits_branches(bodies[start:middle], up):
                    low = middle
                else:
                    high = middle - 1
            greedy.append(bodies[start:low])
            start = low
        if len(greedy) < 2:
            return greedy
        target = sum(self.size[b] for b in bodies) / len(greedy)
        runs: list[list[str]] = [[]]
        for body in bodies:
            run = runs[-1]
            weight = sum(self.size[b] for b in run)
            if run and (weight + self.size[body] > target * 1.1 or not self._fits_branches([*run, body], up)):
                runs.append([body])
            else:
                run.append(body)
        return runs

    def _fits_branches(self, heads: list[str], up: str | None) -> bool:
        shown = {b for h in heads for b in self._branch(h)}
        return self._fits(_Scope("", "", tuple(heads), up, None), shown, {})

    def _branch_scope(self, heads: list[str], up: str | None, scope: _Scope) -> _Scope:
        sheet = self._unique(f"{self.diagram.id}-{heads[0]}")
        names = [self.nodes[h].label for h in heads]
        title = f"{self.diagram.title}: {_names(names)}"
        for head in heads:
            self.opens[head] = sheet
        return _Scope(sheet, title, tuple(heads), up, scope.id)

    def _grouped(
        self, scope: _Scope, bodies: list[str], up: str | None
    ) -> tuple[set[str], dict[str, ViewNode], list[_Scope]]:
        """`bodies` (side by side under `up`, or tops) drawn as group boxes, each opening a sheet of its own."""
        runs = self._runs(bodies, up)
        if len(runs) > 2 and not self._fits(scope, set(), self._boxes(runs, up)):
            runs = self._coarser(bodies, up, scope)
        groups: dict[str, ViewNode] = {}
        more: list[_Scope] = []
        for key, members in runs:
            sheet = self._unique(f"{self.diagram.id}-{up or 'top'}-{key}")
            node = self._group_box(sheet, members)
            groups[node.id] = node
            self.grouped[node.id] = members
            for member in members:
                self.opens[member] = sheet
            # The run of names tells apart the sheets of one kind under one body ("35 teams under TC" twice).
            title = (
                f"{self.diagram.title}: {node.label}"
                + (f" under {self.nodes[up].label}" if up else "")
                + (f" ({node.span[0]} to {node.span[1]})" if node.span else "")
            )
            more.append(_Scope(sheet, title, tuple(members), up, scope.id))
        return set(), groups, more

    def _group_box(self, sheet: str, members: list[str]) -> ViewNode:
        """The box standing for `members`, opening `sheet`: how many, of what kind, from which name to which."""
        first, last = self.nodes[members[0]], self.nodes[members[-1]]
        label = self._group_words(members)
        return ViewNode(
            id=f"~{sheet}",
            label=label,
            name=f"{label}: {first.label} to {last.label}" if len(members) > 1 else first.label,
            kind=min((self.nodes[m].kind for m in members), key=_kind_rank),
            # A box of several bodies has no status of its own (each body's is on its sheet).
            status=None,
            organisation=None,
            chairs=(),
            below=sum(self.size[m] for m in members),
            group=True,
            link=sheet,
            span=(first.label, last.label) if len(members) > 1 else None,
        )

    def _boxes(self, runs: list[tuple[str, list[str]]], up: str | None) -> dict[str, ViewNode]:
        """Group boxes for `runs`, to try whether they fit (their sheets are not made)."""
        boxes = {}
        for key, members in runs:
            box = self._group_box(f"{up or 'top'}-{key}", members)
            boxes[box.id] = box
            self.grouped[box.id] = members
        return boxes

    def _coarser(self, bodies: list[str], up: str | None, scope: _Scope) -> list[tuple[str, list[str]]]:
        """`bodies` in as many even runs as fit one sheet as group boxes (each run's sheet then groups it again):
        for more groups than a sheet holds, a group of groups."""
        ordered = sorted(bodies, key=lambda b: order_key(self.nodes[b]))

        def split(parts: int) -> list[tuple[str, list[str]]]:
            size, longer = divmod(len(ordered), parts)
            runs, start = [], 0
            for i in range(parts):
                end = start + size + (1 if i < longer else 0)
                runs.append((f"part-{i + 1}", ordered[start:end]))
                start = end
            return runs

        low, high = 2, max(2, len(ordered) - 1)
        while low < high:
            middle = (low + high + 1) // 2
            if self._fits(scope, set(), self._boxes(split(middle), up)):
                low = middle
            else:
                high = middle - 1
        return split(low)

    def _runs(self, bodies: list[str], up: str | None) -> list[tuple[str, list[str]]]:
        """`bodies` cut into runs that each fit a sheet: by organisation (tops of several organisations) or by kind,
        in name order; a run too long is cut into even parts. Each run has a key for its sheet's id."""
        by: dict[str, list[str]] = {}
        by_organisation = up is None and len({self.nodes[b].organisation for b in bodies}) > 1
        for body in sorted(bodies, key=lambda b: order_key(self.nodes[b])):
            node = self.nodes[body]
            by.setdefault((node.organisation or "none") if by_organisation else node.kind, []).append(body)
        runs: list[tuple[str, list[str]]] = []
        for key in sorted(by, key=lambda k: _kind_rank(k) if not by_organisation else 0):
            members = by[key]
            parts = -(-len(members) // self._most(members, up))
            # Even runs: their sizes differ by one at most, the longer ones first.
            size, longer = divmod(len(members), parts)
            start = 0
            for i in range(parts):
                end = start + size + (1 if i < longer else 0)
                runs.append((f"{key}-{i + 1}" if parts > 1 else key, members[start:end]))
                start = end
        return runs

    def _most(self, members: list[str], up: str | None) -> int:
        """How many of `members` (in order) fit one sheet as boxes, at least one."""
        low, high = 1, len(members)
        while low < high:
            middle = (low + high + 1) // 2
            if self._fits(_Scope("", "", tuple(members[:middle]), up, None), set(members[:middle]), {}):
                low = middle
            else:
                high = middle - 1
        return low

    def _group_words(self, members: list[str]) -> str:
        kinds = {self.nodes[m].kind for m in members}
        count = len(members)
        if len(kinds) == 1:
            (kind,) = kinds
            # The vocabulary's own words (below the renderers, this layer cannot ask render.words for them).
            term = vocabulary.kind(kind)
            return f"{count} {term.label if count == 1 else term.plural}"
        return f"{count} bodies"

    # -- drawing one sheet -------------------------------------------------------------------------------------

    def _fits(self, scope: _Scope, shown: set[str], groups: dict[str, ViewNode]) -> bool:
        return self.fits(self._draft(scope, shown, groups))

    def _draft(self, scope: _Scope, shown: set[str], groups: dict[str, ViewNode]) -> Diagram:
        """The sheet of `scope` drawing `shown` and `groups`; a body with bodies below it that are neither drawn
        nor in a group box is a box saying how many."""
        grouped = {m for box in groups.values() for m in self._members(box)}
        nodes: dict[str, ViewNode] = {}
        for body in shown:
            node = self.nodes[body]
            hidden = [*self._hidden(body, shown, grouped), *self._elsewhere(body, shown)]
            if hidden:
                node = replace(node, below=sum(self.size[c] for c in hidden))
            nodes[body] = node
        nodes.update(groups)
        edges = [e for e in self.diagram.edges if e.source in shown and e.target in shown]
        if scope.context is not None and scope.context not in shown:
            nodes[scope.context] = self.nodes[scope.context]
            context = scope.context
            edges += [
                e
                for e in self.diagram.edges
                if (e.target == context and e.source in shown)
                or (e.source == context and e.target in shown and not vocabulary.relation(e.relation).by_role)
            ]
        for box in groups.values():
            up = self.parent.get(self._members(box)[0])
            if up is not None:
                edges.append(ViewEdge(box.id, up[0], up[1]))
        # Lines to bodies drawn elsewhere (a dotted line, a second parent): to a box of the body at the far end. A
        # line to a body that hangs right under it is drawn on that body's sheet, where it is drawn for context (see
        # above), or, for a line that runs through a post (a liaison), on neither: the two are joined by the line the
        # one hangs by, and each body's own diagram and page give it. The OpenStack TC's hundred liaisons to
        # its teams made fifty boxes of them beside the TC, so its overview was three unnamed groups; drawn from the
        # TC into its teams' sheets, they pulled those sheets' names down to 5 pt.
        # A liaison to a body further down the source's own branch (the CNCF TOC's to Batch, part of one of its
        # TAGs) is left likewise: a box of it beside the TOC looked like a body of its own there, with no line to the
        # TAG whose box counted it below.
        for edge in self.diagram.edges:
            placing = self.parent.get(edge.source) == (edge.target, edge.relation)
            under = self.parent.get(edge.target, ("",))[0] == edge.source
            if vocabulary.relation(edge.relation).by_role:
                under = under or hangs_below(self.parent, edge.target, edge.source)
            if edge.source in shown and edge.target not in shown and not placing and not under:
                nodes.setdefault(edge.target, self.nodes[edge.target])
                edges.append(edge)
        unique = {(e.source, e.target, e.relation): e for e in edges}
        return replace(
            self.diagram,
            id=scope.id or self.diagram.id,
            title=scope.title or self.diagram.title,
            nodes=tuple(nodes[k] for k in sorted(nodes)),
            edges=tuple(unique[k] for k in sorted(unique)),
        )

    def _hidden(self, body: str, shown: set[str], grouped: set[str]) -> list[str]:
        """The bodies right under `body` in the tree that are neither drawn here nor in a group box here."""
        return [c for c in self.children.get(body, ()) if c not in shown and c not in grouped]

    def _elsewhere(self, body: str, shown: set[str]) -> list[str]:
        """The bodies accountable to `body` that hang under another body and are not drawn here, each counted once
        with its branch: one below another of them, or below `body` in the tree, is counted with that one."""
        found = [c for c in self.also.get(body, ()) if c not in shown]
        counted = set(found) | {body}
        return [c for c in found if not any(a in counted for a in ancestors(self.parent, c))]

    def _members(self, box: ViewNode) -> list[str]:
        return self.grouped[box.id]

    def _sheet(self, scope: _Scope, shown: set[str], groups: dict[str, ViewNode]) -> Diagram:
        draft = self._draft(scope, shown, groups)
        grouped = {m for box in groups.values() for m in self._members(box)}
        nodes = []
        for node in draft.nodes:
            if node.group:
                nodes.append(node)
            elif node.id in shown and node.below:
                if self._hidden(node.id, shown, grouped):
                    link = self.opens.get(node.id)
                else:
                    # Nothing of its own is below it, only bodies that hang under another: it opens where the first
                    # of those is drawn.
                    link = self.home.get(self._elsewhere(node.id, shown)[0])
                nodes.append(replace(node, link=link))
            elif node.id not in shown:
                # Drawn for context: it links to the sheet that draws it with its own branch.
                nodes.append(replace(node, link=self.home.get(node.id, scope.back)))
            else:
                nodes.append(node)
        return replace(draft, nodes=tuple(nodes))
