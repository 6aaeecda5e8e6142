"""The org-chart arrangement of a diagram, and the size the engine will draw it at.

Left to itself, Graphviz lays thirty bodies that report to one board in one row thirty boxes wide, and ends
thirty arrowheads on one corner of the board. govgraph decides the arrangement itself and writes it into the DOT
(`govgraph.render.dot`), so that both engines (the system `dot` and `graphviz-pure`) draw the same org chart:

- **A tree of accountability.** Each body hangs under one parent: its first `reports_to` line in the diagram (else
  its first `part_of`), by the parent's id. Its other lines (a second parent, dotted lines, steering) are drawn
  as they are, but do not move it (`constraint=false`).
- **Satellites.** A body with no parent and no children whose lines are all steering, dotted or succession lines
  (an advisory group, a network that shapes a programme's work) is placed beside what its first line reaches, in
  a group of its own under it, so that it is near what it steers instead of at the top of the page.
- **Fans in rows.** The bodies under one parent are grouped by the line they hang by (reports to, part of,
  steers...), each group a block; in a block, those with bodies of their own below them stand side by side in
  its first row, half on either side of the others, which are in rows, at most `depth` of them, as many columns
  as that takes (what Graphviz's `unflatten` does, done here so that both engines get it). Within a block, bodies
  are ordered by kind, then by name; the DOT holds each row in that order.
- **Junctions.** The lines of a block of two or more meet at a point below the parent and go on as one line with
  one arrowhead: a spine runs down through the rows, each row's lines meeting it at a point of their own.
- **Straight chains.** A body with one body below it has it directly underneath (the line weighs more), so a line
  of accountability such as LCEG <- PCAG <- CLP is a straight spine.
- **Tops in rows.** Every top stands in the top row. Tops with nothing below them (a flat structure of sixty
  teams) are packed in rows, ordered by kind and name, not laid in one line; many trees wrap onto rows of trees,
  each row under the spines of the one above.

`arrange` chooses `depth` for the whole diagram: the number that lets the drawing print largest on an A4 page,
estimated from the arrangement (see `estimate`). The estimate is what `govgraph.sheets` uses to decide whether a
diagram fits a page or must be split, without running the engine (so that `govgraph build --check` needs none);
the benchmarks and tests measure what the engine then draws (`govgraph.render.measure`).
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from govgraph import vocabulary
from govgraph.render.legend import legend_entries
from govgraph.render.measure import A4_ROOMS, READABLE, Room, fit_a4, largest_in, page_area
from govgraph.render.words import chair_words, kind_line, other_chair_words
from govgraph.sheets import order_key, tree
from govgraph.views import Diagram, ViewNode

#: Sizes of the text in points: a body's name, its other lines (kind, chairs), the title, the legend.
NAME_SIZE = 12.0
DETAIL_SIZE = 9.0
TITLE_SIZE = 16.0
LEGEND_SIZE = 9.0
#: Characters on a line of a box: its name, its other lines.
NAME_WRAP = 18
TITLE_WRAP = 60
DETAIL_WRAP = 28
#: Space around a box's text and between boxes and ranks (points; the DOT gives them in inches).
BOX_MARGIN = (7.0, 5.0)
NODESEP = 14.0
#: The engines' least height for a box (half an inch).
MIN_HEIGHT = 36.0
RANKSEP = 22.0
PAD = 12.0
#: The size of a legend entry's sample (a box's fill, a stroke of a line), points.
SAMPLE = (20.0, 11.0)
#: Entries on one row of the legend, at least and at most: as many as the drawing's width holds.
LEGEND_COLUMNS = (3, 8)
#: The depths (the most rows a block of bodies is wrapped into) that `arrange` tries.
DEPTHS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 16)
#: A diagram fits a page only with this much to spare: of 227 sheets measured (the London model, the imported
#: organograms, the diff test models and the four benchmark shapes of 30 to 600 bodies, both engines), the names
#: of the worst printed 9% smaller than estimated.
MARGIN_OF_ERROR = 1.1
#: A drawing more than this many times as wide as it is tall (or the reverse) is a strip, not a page: twice A4's
#: own proportion. Such a sheet is divided, even where its names would print large enough, unless it fits the
#: page at its own size (a title over two boxes is wider than it is tall, and no harm).
MAX_ASPECT = 2.9
#: Past this many bodies a diagram is only ever drawn whole on request (--full); its layout is sought less hard.
LARGE_DIAGRAM = 300
#: Trees side by side in a row, at least, before they wrap onto another row.
TREES_IN_A_ROW = 4
# Widths of Helvetica's characters in thousandths of the font size (its AFM metrics); others count as wide.
_WIDTHS: dict[str, int] = {" ": 278, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667, "'": 191}
_WIDTHS.update({"(": 333, ")": 333, "*": 389, "+": 584, ",": 278, "-": 333, ".": 278, "/": 278, ":": 278})
_WIDTHS.update({";": 278, "<": 584, "=": 584, ">": 584, "?": 556, "@": 1015, "[": 278, "]": 278, "_": 556})
_WIDTHS.update(dict.fromkeys("0123456789", 556))
_UPPER = "667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611"
_LOWER = "556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500"
_WIDTHS.update(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", map(int, _UPPER.split()), strict=True))
_WIDTHS.update(zip("abcdefghijklmnopqrstuvwxyz", map(int, _LOWER.split()), strict=True))
_WIDE = 1000


def text_width(text: str, size: float) -> float:
    """The width of `text` set in Helvetica at `size` points (what Graphviz gives it, within a few per cent)."""
    return sum(_WIDTHS.get(c, _WIDE) for c in text) * size / 1000


def _wrap(text: str, width: int) -> list[str]:
    if len(text) <= width and text.isascii() and text.isprintable() and not text.endswith(" "):
        return [text]  # most names fit on one line: what `textwrap` gives for them, without its work
    # Hyphens are kept whole ("Co-chairs", "rust-analyzer team"), except in a word too long for any line, which
    # breaks after one of its hyphens before it is cut anywhere ("project-const-" / "traits", not ".../ ts").
    words = " ".join(piece for word in text.split(" ") for piece in _at_hyphens(word, width))
    return textwrap.wrap(words, width, break_long_words=True, break_on_hyphens=False) or [""]


def _at_hyphens(word: str, width: int) -> list[str]:
    """`word` as is, or, too long for a line, as runs of its hyphenated parts each as long as fits: a run and the
    next never fit on one line together, so `textwrap` keeps them on lines of their own."""
    if len(word) <= width or "-" not in word.strip("-"):
        return [word]
    runs = [""]
    for part in re.findall(r"[^-]*-+|[^-]+$", word):
        if runs[-1] and len(runs[-1]) + len(part) > width:
            runs.append("")
        runs[-1] += part
    return runs


def chair_lines(chairs: tuple[str, ...]) -> list[str]:
    """The lines naming a body's chairs under its name, in the file's order (`govgraph.render.words.chair_words`)."""
    words = chair_words(chairs)
    return _wrap(words, DETAIL_WRAP) if words else []


@dataclass(frozen=True)
class BoxText:
    """The text of a body's box: its name on one or more lines, and its smaller lines (kind, chairs, count)."""

    name: tuple[str, ...]
    details: tuple[str, ...]

    @property
    def width(self) -> float:
        """The box's width in points."""
        widest = max(
            [text_width(line, NAME_SIZE) for line in self.name]
            + [text_width(line, DETAIL_SIZE) for line in self.details]
        )
        return widest + 2 * BOX_MARGIN[0]

    @property
    def height(self) -> float:
        """The box's height in points (as both engines draw it: a line of mixed sizes is as tall as its type, a
        label of one size has the usual leading, and no box is less than half an inch tall)."""
        if not self.details:
            return max(MIN_HEIGHT, len(self.name) * NAME_SIZE * 1.2 + 2 * BOX_MARGIN[1])
        return max(MIN_HEIGHT, len(self.name) * NAME_SIZE + len(self.details) * DETAIL_SIZE + 2 * BOX_MARGIN[1])


def box_text(node: ViewNode, kind_status: str | None = None) -> BoxText:
    """What a body's box says: its name; its kind and status (`kind_line`; `kind_status` overrides the status, for
    a box laid out once for several dates); its chairs; for a box that stands for more, how many."""
    name = _wrap(node.label, NAME_WRAP)
    details: list[str] = []
    if node.group:
        # Which names the box holds: two boxes of "35 teams" side by side were otherwise told apart by nothing.
        if node.span is not None:
            details += _wrap(f"{node.span[0]} to {node.span[1]}", DETAIL_WRAP)
        details.append(f"{node.below:,} bod{'ies' if node.below != 1 else 'y'}: open its diagram")
    else:
        line = kind_line(node.kind, kind_status or node.status, node.label)
        if node.change in ("added", "removed", "changed"):
            line = f"{line} [{node.change}]" if line else f"[{node.change}]"
        if line:
            details.append(line)
        details += chair_lines(node.chairs)
        # An acting, interim, vice or deputy chair is named as such, never counted a co-chair.
        for title, holder in node.other_chairs:
            details += _wrap(other_chair_words(title, holder), DETAIL_WRAP)
        if node.below:
            details.append(f"+{node.below:,} bod{'ies' if node.below != 1 else 'y'} below: open its diagram")
    return BoxText(tuple(name), tuple(details))


@dataclass(frozen=True)
class Block:
    """The bodies that hang under one parent by one kind of line, as they are drawn."""

    parent: str
    relation: str
    #: Bodies with bodies of their own below them, side by side in the first row: half to the left of the
    #: others, half to the right, so that the spine down the others' rows is under the parent's middle.
    heads: tuple[str, ...]
    #: The other bodies, row by row, left to right.
    rows: tuple[tuple[str, ...], ...]

    @property
    def left(self) -> tuple[str, ...]:
        """The heads drawn to the left of the other bodies."""
        return self.heads[: len(self.heads) // 2]

    @property
    def right(self) -> tuple[str, ...]:
        """The heads drawn to the right of the other bodies."""
        return self.heads[len(self.heads) // 2 :]

    @property
    def first_row(self) -> tuple[str, ...]:
        """The block's first row, left to right: heads, the first row of the others, heads."""
        return self.left + (self.rows[0] if self.rows else ()) + self.right

    @property
    def members(self) -> tuple[str, ...]:
        """Every body of the block, in drawing order (row by row, left to right)."""
        return self.first_row + tuple(b for row in self.rows[1:] for b in row)

    def junction(self, row: int) -> str:
        """The name of the point where the lines of `row` meet (not an id a body can have: ids have no `~`)."""
        return f"~{self.parent}~{self.relation}~{row}"

    @property
    def joined(self) -> bool:
        """Whether the block's lines meet at junctions (two or more bodies) rather than each going up alone."""
        return len(self.members) > 1


@dataclass(frozen=True)
class Arrangement:
    """How a diagram is laid out as an org chart (see the module docstring)."""

    #: The parent each placed body hangs under, and the line it hangs by.
    parent: Mapping[str, tuple[str, str]]
    blocks: tuple[Block, ...]
    #: Bodies with bodies below them and no parent, row by row (each row below the trees of the one before);
    #: then the loose ones, row by row.
    tops: tuple[tuple[str, ...], ...]
    loose: tuple[tuple[str, ...], ...]
    #: A top of the second row or later -> the top of the row above it that it is drawn under, and how many ranks
    #: below it (under the whole tree above).
    anchors: Mapping[str, tuple[str, int]]
    #: The most rows a block of bodies is wrapped into.
    depth: int
    #: The estimated size of the drawing, in points.
    width: float
    height: float

    @property
    def names(self) -> float:
        """The estimated size of the body names printed on A4, in points."""
        return NAME_SIZE * fit_a4(self.width, self.height)[1]

    @property
    def aspect(self) -> float:
        """The estimated drawing's longer side over its shorter."""
        return max(self.width, self.height) / max(min(self.width, self.height), 1.0)

    @property
    def fits(self) -> bool:
        """Whether the drawing is estimated to print on A4 with its names at `READABLE` points or more, with
        `MARGIN_OF_ERROR` to spare, and is not a strip (`MAX_ASPECT`)."""
        shrunk = self.names < NAME_SIZE
        return self.names >= READABLE * MARGIN_OF_ERROR and (self.aspect <= MAX_ASPECT or not shrunk)


def fits_a4(diagram: Diagram) -> bool:
    """Whether `diagram`, arranged as an org chart, prints on A4 with its body names at 7 pt or more (estimated,
    without the engine: see `estimate`), at any of the depths `arrange` tries."""
    shape = _Shape(diagram)
    # Boxes whose area alone is more than the page's cannot fit however they are arranged (the usual answer for a
    # trial of hundreds of bodies; each arrangement takes milliseconds to estimate).
    scale = NAME_SIZE / (READABLE * MARGIN_OF_ERROR)
    page = page_area("portrait")
    area = sum((w + NODESEP) * (h + RANKSEP) for w, h in shape.boxes.values())
    if area > page[0] * page[1] * scale * scale:
        return False
    # The middle depths first: they fit most often, and the answer is the same in any order.
    return any(_arrange(shape, depth).fits for depth in sorted(shape.depths, key=lambda d: abs(d - 6)))


def arrange(diagram: Diagram, depth: int | None = None, *, rooms: Sequence[Room] = A4_ROOMS) -> Arrangement:
    """The org-chart arrangement of `diagram` (see the module docstring).

    Args:
        depth: the most rows a block of bodies wraps into; default: the one of `DEPTHS` that prints largest in
            `rooms` (of two within 2%, the shallower: rows read more easily than columns).
        rooms: where the diagram is to be printed (`govgraph.render.measure.largest_in`): A4's text area upright
            and turned, unless the caller knows its page (a paper's leaves room for a heading and a caption).
    """
    shape = _Shape(diagram)
    if depth is not None:
        return _arrange(shape, depth)
    best: Arrangement | None = None
    best_scale = 0.0
    for depth in shape.depths:
        candidate = _arrange(shape, depth)
        scale = largest_in(candidate.width, candidate.height, rooms)
        if best is None or scale > best_scale * 1.02:
            best, best_scale = candidate, scale
        if best_scale >= 1.0:
            break  # printed at its own size: no depth prints it larger (most bodies' own diagrams stop here)
    assert best is not None
    return best


def _block_order() -> tuple[str, ...]:
    """The relations a body can hang by, in the order its parent's blocks are drawn: the vocabulary's, strongest
    first (`vocabulary.by_strength`)."""
    return vocabulary.by_strength()


def _rows(bodies: list[str], depth: int) -> tuple[tuple[str, ...], ...]:
    """`bodies` in rows, left to right: at most `depth` rows, as few columns as that allows."""
    if not bodies:
        return ()
    wide = -(-len(bodies) // max(depth, 1))
    return tuple(tuple(bodies[i : i + wide]) for i in range(0, len(bodies), wide))


class _Shape:
    """What every arrangement of one diagram shares, worked out once: its tree, and the bodies under each parent
    by the line they hang by, in order."""

    def __init__(self, diagram: Diagram) -> None:
        self.diagram = diagram
        order = {n.id: order_key(n) for n in diagram.nodes}
        self.parent = tree(diagram)
        below: dict[str, list[str]] = {}
        for body, (up, _) in self.parent.items():
            below.setdefault(up, []).append(body)
        #: (parent, relation, heads, the others), in drawing order.
        self.groups: list[tuple[str, str, tuple[str, ...], list[str]]] = []
        for up in sorted(below, key=lambda b: order[b]):
            by_line: dict[str, list[str]] = {}
            for body in below[up]:
                by_line.setdefault(self.parent[body][1], []).append(body)
            # Blocks by the line they hang by, the strongest first (reports to, part of, dotted, steering...).
            for relation in sorted(by_line, key=_block_order().index):
                members = sorted(by_line[relation], key=lambda b: order[b])
                heads = tuple(b for b in members if b in below)
                self.groups.append((up, relation, heads, [b for b in members if b not in below]))
        self.tops = sorted((b for b in order if b not in self.parent and b in below), key=lambda b: order[b])
        self.loose = sorted((b for b in order if b not in self.parent and b not in below), key=lambda b: order[b])
        widest = max([len(rest) for *_, rest in self.groups] + [len(self.tops), len(self.loose), 1])
        #: The depths worth trying: beyond the widest block's size, all are alike. A diagram of more than
        #: `LARGE_DIAGRAM` bodies (drawn whole with --full) tries two: each try takes 0.15 s at 1,000 bodies.
        self.depths = [d for d in DEPTHS if d <= widest] or [1]
        if len(diagram.nodes) > LARGE_DIAGRAM:
            self.depths = [d for d in self.depths if d in (4, 8)] or self.depths[:1]
        self.boxes = {n.id: _box(n) for n in diagram.nodes}
        self.heading = Heading(diagram)


def _arrange(shape: _Shape, depth: int) -> Arrangement:
    blocks = tuple(Block(up, relation, heads, _rows(rest, depth)) for up, relation, heads, rest in shape.groups)
    tops, loose_bodies = shape.tops, shape.loose
    # Many trees are drawn in rows, as many in a row as `depth` rows need, but at least `TREES_IN_A_ROW`.
    top_rows = _rows(tops, max(1, min(depth, -(-len(tops) // TREES_IN_A_ROW))))
    # Beside trees, loose bodies make a block about as wide as it is deep, not a column the height of the page.
    square = max(1, round(len(loose_bodies) ** 0.5))
    loose = _rows(loose_bodies, min(depth, square) if tops else depth)
    draft = Arrangement(shape.parent, blocks, top_rows, loose, {}, depth, 0, 0)
    width, height, anchors = estimate(shape.diagram, draft, shape.boxes, shape.heading)
    return Arrangement(shape.parent, blocks, top_rows, loose, anchors, depth, width, height)


#: Engines measure text with the fonts they find: the system `dot` gives a box up to a tenth wider than
#: Helvetica's metrics say (measured with Graphviz 2.43); the estimate allows for it.
_FONT_SLACK = 1.1


@functools.lru_cache(maxsize=65536)
def _box(node: ViewNode) -> tuple[float, float]:
    text = box_text(node)
    return text.width * _FONT_SLACK, text.height


#: How much wider the engines draw than boxes packed as tightly as their ranks allow (see `estimate`): by a
#: fraction, and by a further fraction for each line that does not place its body, per body. Measured on the London
#: model, the imported organograms and the benchmark shapes (up to 600 bodies, both engines): the widest drawing
#: was 1.07 times the packed width with no such line, and 1.35 times with thirteen for thirty bodies. Only lines
#: that cross a rank of boxes (or run along one) are counted: CNCF's TOC's liaison lines to the TAGs just under
#: it, counted, put its 12 bodies at 1,156 pt across where the engines draw 782 (graphviz-pure) and 841 (dot).
_SPREAD = 1.07
_LINE_SPREAD = 0.8

#: A drawing's outline, rank by rank: rank -> (leftmost, rightmost) x, relative to where it was placed.
Profile = dict[int, tuple[float, float]]


def _shifted(profile: Profile, dx: float) -> Profile:
    return {r: (lo + dx, hi + dx) for r, (lo, hi) in profile.items()}


def _pack(parts: list[Profile]) -> tuple[Profile, list[float]]:
    """Parts side by side, left to right, each as close to those before it as their ranks allow (`NODESEP`
    apart where they share a rank), as the engine packs them; the whole, and where each part went."""
    whole: Profile = {}
    offsets: list[float] = []
    for part in parts:
        shared = [r for r in part if r in whole]
        dx = max((whole[r][1] + NODESEP - part[r][0] for r in shared), default=0.0) if whole else 0.0
        if not shared and whole:
            # Nothing shares a rank: the engine still keeps a part's box beside the last, not under it.
            dx = max(hi for _, hi in whole.values()) + NODESEP - min(lo for lo, _ in part.values())
        offsets.append(dx)
        for r, (lo, hi) in _shifted(part, dx).items():
            old = whole.get(r)
            whole[r] = (min(lo, old[0]), max(hi, old[1])) if old else (lo, hi)
    return whole, offsets


def estimate(
    diagram: Diagram,
    arrangement: Arrangement,
    boxes: Mapping[str, tuple[float, float]] | None = None,
    heading: Heading | None = None,
) -> tuple[float, float, dict[str, tuple[str, int]]]:
    """The size (width, height, in points) the engine is expected to draw `diagram` at, arranged so; and for each
    top of a second row of trees or later, the top of the row above that it is to be drawn under, and how many
    ranks below it (`Arrangement.anchors`).

    Each rank (a row of the engine's) is as tall as its tallest box, a rank of junctions only as the space between
    ranks. Across, the drawing is put together as the engine does it: a body's blocks side by side, in a block its
    heads (each with what hangs below it) and its columns of other bodies, each part as close to the parts before
    it as their ranks allow, and the body centred over them; the tops and the loose bodies' columns likewise.
    Drawn left to right (`LR`), the two swap. The title and legend are added on top.

    `boxes` and `heading` are each box's size and the measured title and legend, where the caller has them.
    """
    if boxes is None:
        boxes = {n.id: _box(n) for n in diagram.nodes}
    if heading is None:
        heading = Heading(diagram)
    across = diagram.direction in ("LR", "RL")
    sizes = {b: (h, w) for b, (w, h) in boxes.items()} if across else boxes
    size = sizes.__getitem__

    blocks_of: dict[str, list[Block]] = {}
    for block in arrangement.blocks:
        blocks_of.setdefault(block.parent, []).append(block)
    tall: dict[int, float] = {}
    #: The rank each body is drawn in.
    rank_of: dict[str, int] = {}
    #: The last point of each body's first spine, and its rank.
    spine_end: dict[str, tuple[str, int]] = {}

    def box(body: str, level: int) -> Profile:
        w, h = size(body)
        tall[level] = max(tall.get(level, 0.0), h)
        rank_of[body] = level
        return {level: (-w / 2, w / 2)}

    def column(bodies: list[str], first: int) -> Profile:
        widest = max(size(b)[0] for b in bodies)
        for r, body in enumerate(bodies):
            box(body, first + r)
        return {first + r: (-widest / 2, widest / 2) for r in range(len(bodies))}

    def place(body: str, level: int) -> Profile:
        """`body` at `level` and what hangs below it, centred on the body."""
        parts: list[Profile] = []
        middles: list[float] = []
        for block in blocks_of.get(body, ()):
            first = level + (2 if block.joined else 1)
            tall.setdefault(first - 1, 0.0)
            columns = max((len(row) for row in block.rows), default=0)
            leaves = [column([row[j] for row in block.rows if j < len(row)], first) for j in range(columns)]
            spine = None
            if len(block.rows) > 1:
                # The spine runs down between the middle columns, a junction in each row but the last.
                spine = len(block.left) + len(leaves) // 2
                leaves.insert(len(leaves) // 2, {first + r: (0.0, 0.0) for r in range(len(block.rows) - 1)})
            units = [place(head, first) for head in block.left] + leaves
            units += [place(head, first) for head in block.right]
            if block.joined and body not in spine_end:
                last = max(len(block.rows), 1) - 1
                spine_end[body] = (block.junction(last), first - 1 + last)
            profile, offsets = _pack(units)
            parts.append(profile)
            if spine is not None:
                # The body stands on its spine (the spine's lines weigh more): over it, not over the block's middle.
                middles.append(offsets[spine])
            else:
                middles.append(_middle(profile))
        own = box(body, level)
        if not parts:
            return own
        below, offsets = _pack(parts)
        centre = sum(offset + middle for offset, middle in zip(offsets, middles, strict=True)) / len(parts)
        return {**_shifted(below, -centre), level: own[level]}

    parts: list[Profile] = []
    anchors: dict[str, tuple[str, int]] = {}
    above: list[tuple[str, int]] = []
    level = 0
    for row in arrangement.tops:
        trees: list[Profile] = []
        for top in row:
            trees.append(place(top, level))
        if level > 0:
            for j, top in enumerate(row):
                # Under the foot of the spine above: it stands straight under that tree's top.
                target, at = above[min(j, len(above) - 1)]
                anchors[top] = (target, level - at)
        above = [spine_end.get(top, (top, level)) for top in row]
        level = max(max(p) for p in trees) + 1
        # A later row of trees sits under the one before: its outline joins the same parts, rank by rank.
        parts.append(_pack(trees)[0])
    if len(parts) > 1:
        parts = [_stacked(parts)]
    columns = max((len(row) for row in arrangement.loose), default=0)
    parts += [column([row[j] for row in arrangement.loose if j < len(row)], 0) for j in range(columns)]
    whole, _ = _pack(parts)
    width = max(hi for _, hi in whole.values()) - min(lo for lo, _ in whole.values()) if whole else 0.0
    # The engine spreads a drawing wider than boxes packed as tightly as their ranks allow: the lines need room to
    # bend, and a line that does not place its body (a dotted line, a second parent) takes a place of its own in
    # every rank of boxes it crosses, and pushes boxes apart to cross fewer lines. A line from a rank of boxes to
    # the next (across junctions only: a board's liaison line to a body under it, beside the line it hangs by)
    # crosses no box's rank, and is not counted.
    boxed = set(rank_of.values())
    loose_lines = sum(
        1
        for e in diagram.edges
        if arrangement.parent.get(e.source) != (e.target, e.relation) and _crosses(e.source, e.target, rank_of, boxed)
    )
    width *= _SPREAD + _LINE_SPREAD * loose_lines / max(len(boxes), 1)
    ranks = sorted(tall)
    height = sum(tall[r] for r in ranks) + RANKSEP * max(len(ranks) - 1, 0)
    if across:
        width, height = height, width
    title_w, title_h = heading.size(heading.columns(width))
    return max(width, title_w) + 2 * PAD, height + title_h + 2 * PAD, anchors


def _crosses(source: str, target: str, rank_of: Mapping[str, int], boxed: set[int]) -> bool:
    """Whether a line between `source` and `target` needs room among boxes: it runs within one rank, or crosses a
    rank holding boxes between its ends (`boxed`), or an end is not placed."""
    if source not in rank_of or target not in rank_of:
        return True
    low, high = sorted((rank_of[source], rank_of[target]))
    return low == high or any(r in boxed for r in range(low + 1, high))


def _middle(profile: Profile) -> float:
    """The middle of a profile's widest extent."""
    return (min(lo for lo, _ in profile.values()) + max(hi for _, hi in profile.values())) / 2


def _stacked(rows: list[Profile]) -> Profile:
    """Rows of trees one under the other (they have no rank in common), each centred on the first."""
    whole: Profile = {}
    for row in rows:
        left = min(lo for lo, _ in row.values())
        right = max(hi for _, hi in row.values())
        whole.update(_shifted(row, -(left + right) / 2))
    return whole


def title_lines(title: str) -> list[str]:
    """A diagram's title on as many lines as it takes (`TITLE_WRAP` characters each), so that a long one (a diff's,
    naming two files) does not make the drawing wider than its boxes."""
    return _wrap(title, TITLE_WRAP)


def legend_entry_width(text: str) -> float:
    """The width (points) of one legend entry, its sample and its words: the words' estimated width with room to
    spare, so that the table of fixed size that holds them (`govgraph.render.dot`) never cuts them."""
    return SAMPLE[0] + text_width(text, LEGEND_SIZE) * 1.15 + 8


class Heading:
    """The title and legend of one diagram, measured once: the entries, each one's width and the title's lines do
    not depend on how the bodies are arranged, which is estimated several times per diagram (`arrange`)."""

    def __init__(self, diagram: Diagram) -> None:
        self.widths = [legend_entry_width(e.text) for e in legend_entries(diagram)]
        lines = title_lines(diagram.title)
        self.title = max(text_width(line, TITLE_SIZE) for line in lines) + 8, len(lines) * TITLE_SIZE * 1.3 + 4

    def columns(self, width: float) -> int:
        """How many entries a row of the legend holds: as many as fit the drawing's `width` (points), within
        `LEGEND_COLUMNS`."""
        if not self.widths:
            return LEGEND_COLUMNS[0]
        widest = max(self.widths) + 4
        return max(LEGEND_COLUMNS[0], min(LEGEND_COLUMNS[1], len(self.widths), int(width // widest)))

    def size(self, columns: int) -> tuple[float, float]:
        """The size (points) of the title and, under it, the legend in rows of `columns` entries."""
        widths = self.widths
        if not widths:
            return self.title
        rows = [widths[i : i + columns] for i in range(0, len(widths), columns)]
        # The legend is a grid: each column as wide as its widest entry.
        grid = [max(row[j] for row in rows if j < len(row)) + 4 for j in range(min(columns, len(widths)))]
        legend = sum(grid) + 8, len(rows) * (SAMPLE[1] + 4) + 6
        return max(self.title[0], legend[0]), self.title[1] + legend[1]


def legend_columns(diagram: Diagram, width: float) -> int:
    """How many entries a row of the legend holds: as many as fit the drawing's `width` (points), within
    `LEGEND_COLUMNS`."""
    return Heading(diagram).columns(width)


def heading_size(diagram: Diagram, columns: int) -> tuple[float, float]:
    """The size (points) of the title and, under it, the legend in rows of `columns` entries."""
    return Heading(diagram).size(columns)
