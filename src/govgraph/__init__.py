"""govgraph: governance structures as a checked graph, diagrams and documentation pages.

The public API (names are imported lazily, so `import govgraph` stays cheap):

    load(path) -> Model                      read and validate a model file (raises ModelError)
    check(model, as_of=None) -> CheckResult  run the consistency checks (`.findings`, `.fails()`)
    snapshot(model, as_of) -> Model          the model as it stood on a date
    to_graph(model) -> networkx.MultiDiGraph
    show(model, name, as_of=None) -> Card    one body's card
    paths(model, from_, to, include=(), via=None, avoid=None, max_routes=20, as_of=None) -> PathAnswer
                                             every route from one body up to another, shortest first
    chain(model, name, as_of=None) -> ChainAnswer        a body's line of accountability to the top
    under(model, name, depth=None, as_of=None) -> UnderAnswer   what reports into a body, as a tree
    roles(model, role=None, as_of=None) -> list[RoleLoad]       what each post chairs and sits on
    diff(old, new) -> ModelDiff              what changed between two models, body by body
    diff_dates(model, a, b) -> ModelDiff     what changed in one model between two dates
    timeline(model, body_id=None, since=None, until=None) -> list[Event]   dated events, oldest first
    timeline_markdown(model, body_id=None) -> str                          the same as a Markdown list
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govgraph._version import __version__

__all__ = [
    "Finding",
    "GovGraphError",
    "Model",
    "ModelError",
    "PartialDate",
    "__version__",
    "chain",
    "check",
    "diff",
    "diff_dates",
    "load",
    "paths",
    "roles",
    "show",
    "snapshot",
    "timeline",
    "timeline_markdown",
    "to_graph",
    "under",
]

_LAZY = {
    "load": ("govgraph.loading", "load"),
    "diff": ("govgraph.changes", "diff"),
    "diff_dates": ("govgraph.changes", "diff_dates"),
    "timeline": ("govgraph.changes", "timeline"),
    "timeline_markdown": ("govgraph.render.changelog", "timeline_markdown"),
    "check": ("govgraph.checks", "check"),
    "snapshot": ("govgraph.graph", "snapshot"),
    "to_graph": ("govgraph.graph", "to_graph"),
    "show": ("govgraph.queries", "show"),
    "paths": ("govgraph.queries", "paths"),
    "chain": ("govgraph.queries", "chain"),
    "under": ("govgraph.queries", "under"),
    "roles": ("govgraph.queries", "roles"),
    "Model": ("govgraph.model", "Model"),
    "PartialDate": ("govgraph.model", "PartialDate"),
    "Finding": ("govgraph.findings", "Finding"),
    "GovGraphError": ("govgraph.errors", "GovGraphError"),
    "ModelError": ("govgraph.errors", "ModelError"),
}

if TYPE_CHECKING:
    from govgraph.changes.diff import diff, diff_dates
    from govgraph.changes.timeline import timeline
    from govgraph.checks import check
    from govgraph.errors import GovGraphError, ModelError
    from govgraph.findings import Finding
    from govgraph.graph import snapshot, to_graph
    from govgraph.loading import load
    from govgraph.model import Model, PartialDate
    from govgraph.queries import chain, paths, roles, show, under
    from govgraph.render.changelog import timeline_markdown


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'govgraph' has no attribute {name!r}")
