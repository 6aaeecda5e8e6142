"""What a diagram's legend lists: exactly the kinds, marks and lines the diagram draws, in a fixed order.

The legend is drawn under the title (`govgraph.render.dot`), a compact table of small samples: a box of each
kind's fill, the marks a box can carry (closed, under review), and a straight,
horizontal stroke of each line style the diagram uses, the grey of an ended line included. Nothing is listed that
the diagram does not draw, so a legend is never larger than what it explains needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from govgraph import vocabulary
from govgraph.render.words import kind_words, relation_words, status_words
from govgraph.views import Diagram
from govgraph.vocabulary import listing

#: What a sample shows: a kind's fill, a mark on a box, a line style, or a change in a diagram of changes.
Sample = Literal["kind", "mark", "line", "change"]

_CHANGES = ("added", "removed", "changed")


@dataclass(frozen=True)
class LegendEntry:
    """One entry: its words, what its sample shows, and which one (a kind, a mark, a relation, a change)."""

    text: str
    sample: Sample
    key: str


def legend_entries(diagram: Diagram) -> list[LegendEntry]:
    """The legend of `diagram`: its kinds in legend order, then the marks on its boxes, then its line styles."""
    entries = [LegendEntry(kind_words(kind), "kind", kind) for kind in diagram.kinds]
    bodies = [n for n in diagram.nodes if not n.group]
    # Greyed bodies, named by what their records say happened to them: `closed`, `closed or ended`.
    ended = sorted({status_words(n.status) for n in bodies if n.closed})
    if ended:
        entries.append(LegendEntry(listing(ended, "or"), "mark", "closed"))
    if any(n.under_review and n.change is None for n in bodies):
        entries.append(LegendEntry(status_words("under_review"), "mark", "under_review"))
    changes = {n.change for n in diagram.nodes} | {e.change for e in diagram.edges}
    entries += [LegendEntry(change, "change", change) for change in _CHANGES if change in changes]
    used = {e.relation for e in diagram.edges}
    entries += [LegendEntry(relation_words(r), "line", r) for r in vocabulary.body_relations() if r in used]
    if any(e.ended for e in diagram.edges):
        entries.append(LegendEntry("ended", "line", "ended"))
    return entries
