"""Mutation testing of the rules, the questions, the dates and the vocabulary: `make mutation`.

Runs mutmut as `[tool.mutmut]` in pyproject.toml configures it (what is mutated: `govgraph/checks/`, `queries.py`,
`time.py`, `vocabulary.py`; which tests try a mutant: the in-process tests that reach the function it changed),
then scores each module, killed / (mutants - equivalent ones), prints the table and writes it to
``benchmarks/results/mutation.json``. A mutant is killed when a test fails on it (or runs past mutmut's time limit);
one that no test reaches counts as a survivor. `EQUIVALENT` below names the mutants that cannot change what govgraph
does, each with the reason.

mutmut leaves decorated functions alone, since a copy of one may repeat what its decorator does. The rules of
`govgraph.checks` are functions registered by `@rule(...)` and are most of what the package does, so this script
lets mutmut mutate them as well: the mutated copies are written without the decorator and the one function that
dispatches between them keeps it, so each rule is still registered once. (Other decorators stay as mutmut has
them: the vocabulary's `@_derived` answers are cached before a mutant is chosen, and properties cannot be
dispatched this way; those functions are not mutated.)

Usage: ``python benchmarks/mutation.py [--max-children N] [--fresh] [PATTERN ...]`` runs mutmut (on the mutants
whose names match the patterns, `govgraph.queries*`, when given; `--fresh` starts from no earlier results), then
scores; ``--score-only`` scores what the last run left in ``mutants/``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "mutation.json"
MUTANTS = ROOT / "mutants"
#: The modules scored, as areas of the table: a folder is scored as one area and file by file.
AREAS = ("govgraph/checks/", "govgraph/queries.py", "govgraph/time.py", "govgraph/vocabulary.py")
TARGET = 0.85
#: mutmut's outcomes that count as the tests noticing the mutant.
DETECTED = frozenset({"killed", "timeout"})
NOT_TRIED = "not checked"

_SAME_GROUP = (
    "a route from a line's target back to its source lies wholly inside their strongly connected group, so "
    "searching only inside it (`within`) saves work and changes no answer"
)
_AT_IMPORT = (
    "runs once while govgraph is imported, before mutmut switches a mutant on, so no test can see it (the derived "
    "tables it caches are checked against the registry by tests/test_vocabulary.py)"
)

_EARLY_STOP = (
    "`stop` only ends the search once the group is reached; the search goes level by level in the same order "
    "either way, so the route back it reads is the same"
)
_ONE_NAME = "joins at most one name, so the separator is never written"
_CLOSEST = (
    "only the closest match is used, and difflib lists it first however many it is asked for; 0.6 is its default cutoff"
)
_SNAPSHOT_CLOSURE = (
    "rules see the model as it stood on the day, whose dated history is all on or before it; a closure known only "
    "`by` a later day leaves the status unknown, and the line is passed over before this, so the closure found "
    "on the day and the one found over the record are the same"
)
_ONE_POST = "when the two posts are one, the message names the post and `person` is not read"
_TERMS_OF_QUORUM = (
    "read only when the quorum cannot be met without the chair, which is judged from the terms in force on the "
    "day: then the terms on the day and the terms recorded are the same object"
)
_POST_NAMED = (
    "a rule that names a post is applied only when the model names that part (otherwise GG712), and the other "
    "rules do not read `post`, so neither fallback is used"
)
_COUNT_READ = (
    "a `members_at_least` rule always has its count (a rule set is read so); the fallback is reached only for a "
    "count of 0, which no number of seats falls short of"
)
_SNAPSHOT_SEATS = (
    "rules see the model as it stood on the day: its chairs and members are already those of the day, and a body "
    "reaches this rule only with terms in force on the day, so the seats and terms judged on the day and over the "
    "snapshot's whole record are the same"
)
_NONE_AWAY = (
    "GG701 asks with no post away, so no need is unmet for being away: every other unmet need that names a post "
    "is `not_voting` (told above) or `not_a_member`"
)
_MEMO = "the memo only saves evaluating the rule sets again; evaluated again, they find the same"
_BODY_NAMED = "every rule but `keep_apart` names its body (a rule set is read so), so the fallback is never used"
_MEMBERSHIP_SEAT = (
    "asked only of a seat that does not vote, and only a membership's seat can say so (a chair's seat votes), so "
    "the seat always has its membership"
)

#: Mutants that cannot be told from the code they were made from, so no test can kill them: name -> why. They are
#: left out of the score; each must say why.
EQUIVALENT: dict[str, str] = {
    "govgraph.checks.structure.x__shortest_cycle__mutmut_6": _SAME_GROUP,
    "govgraph.checks.structure.x__shortest_cycle__mutmut_12": _SAME_GROUP,
    "govgraph.checks.structure.x_reporting_cycle__mutmut_11": _SAME_GROUP,
    "govgraph.checks.common.x_listing__mutmut_15": _ONE_NAME,
    "govgraph.checks.references.x__back__mutmut_5": _EARLY_STOP,
    "govgraph.checks.references.x__back__mutmut_8": _EARLY_STOP,
    "govgraph.checks.rulesets.x__bindings__mutmut_14": _CLOSEST,
    "govgraph.checks.rulesets.x__bindings__mutmut_15": _CLOSEST,
    "govgraph.checks.rulesets.x__bindings__mutmut_17": _CLOSEST,
    "govgraph.checks.rulesets.x__apply__mutmut_34": _ONE_POST,
    "govgraph.checks.rulesets.x__apply__mutmut_83": _BODY_NAMED,
    "govgraph.checks.rulesets.x__apply__mutmut_104": _TERMS_OF_QUORUM,
    "govgraph.checks.rulesets.x__apply__mutmut_142": _POST_NAMED,
    "govgraph.checks.rulesets.x__apply__mutmut_144": _POST_NAMED,
    "govgraph.checks.rulesets.x__apply__mutmut_146": _POST_NAMED,
    "govgraph.checks.rulesets.x__apply__mutmut_147": _POST_NAMED,
    "govgraph.checks.rulesets.x__apply__mutmut_228": _COUNT_READ,
    "govgraph.checks.rulesets.x__member__mutmut_3": _MEMBERSHIP_SEAT,
    "govgraph.checks.rulesets.x_ruleset_findings__mutmut_1": _MEMO,
    "govgraph.checks.rulesets.x_ruleset_findings__mutmut_2": _MEMO,
    "govgraph.checks.terms.x_liaison_to_ended__mutmut_21": _SNAPSHOT_CLOSURE,
    "govgraph.checks.terms.x_quorum_needs_chair__mutmut_10": _SNAPSHOT_SEATS,
    "govgraph.checks.terms.x_quorum_needs_chair__mutmut_13": _SNAPSHOT_SEATS,
    "govgraph.checks.terms.x_quorum_unreachable__mutmut_8": _SNAPSHOT_SEATS,
    "govgraph.checks.terms.x_quorum_unreachable__mutmut_12": _SNAPSHOT_SEATS,
    "govgraph.checks.terms.x_quorum_unreachable__mutmut_19": _SNAPSHOT_SEATS,
    "govgraph.checks.terms.x_quorum_unreachable__mutmut_23": _SNAPSHOT_SEATS,
    "govgraph.checks.terms.x_quorum_unreachable__mutmut_68": _NONE_AWAY,
    "govgraph.checks.time.x_reports_into_ended__mutmut_33": _SNAPSHOT_CLOSURE,
    "govgraph.vocabulary.x__derived__mutmut_1": _AT_IMPORT,
    "govgraph.vocabulary.x__derived__mutmut_2": _AT_IMPORT,
    "govgraph.vocabulary.x__derived__mutmut_3": _AT_IMPORT,
}


def allow_rule_functions() -> None:
    """Let mutmut mutate the functions decorated with `@rule(...)` (see the module's docstring)."""
    import libcst as cst
    from mutmut.mutation import file_mutation

    def is_rule(function: cst.FunctionDef) -> bool:
        return bool(function.decorators) and all(
            isinstance(d.decorator, cst.Call)
            and isinstance(d.decorator.func, cst.Name)
            and d.decorator.func.value == "rule"
            for d in function.decorators
        )

    skip = file_mutation.MutationVisitor._skip_node_and_children
    arrange = file_mutation.function_trampoline_arrangement

    def skip_unless_rule(self: file_mutation.MutationVisitor, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.FunctionDef) and is_rule(node):
            return False  # the decorator itself is still skipped: mutmut never mutates a Decorator node
        return skip(self, node)

    def arrange_rule(function: cst.FunctionDef, mutants: Any, class_name: str | None) -> Any:
        if not is_rule(function):
            return arrange(function, mutants, class_name)
        declarations, nodes, assignments, names = arrange(function.with_changes(decorators=[]), mutants, class_name)
        # nodes[0] is the dispatching function: it alone carries `@rule`, outside mutmut's own decorator.
        dispatcher = nodes[0]
        assert isinstance(dispatcher, cst.FunctionDef)
        nodes = [dispatcher.with_changes(decorators=[*function.decorators, *dispatcher.decorators]), *nodes[1:]]
        return declarations, nodes, assignments, names

    file_mutation.MutationVisitor._skip_node_and_children = skip_unless_rule  # type: ignore[method-assign]
    file_mutation.function_trampoline_arrangement = arrange_rule


def run_mutmut(max_children: int, patterns: Sequence[str]) -> None:
    """`mutmut run`, in this process so that `allow_rule_functions` holds in the workers it forks."""
    from mutmut.__main__ import cli

    allow_rule_functions()
    try:
        cli(["run", "--max-children", str(max_children), *patterns], standalone_mode=False)
    except SystemExit as stop:
        if stop.code not in (0, None):
            raise


def outcomes() -> dict[str, dict[str, str]]:
    """Each mutated file's mutants and what became of each (mutmut's words: killed, survived, no tests...)."""
    from mutmut.stats import status_by_exit_code

    found: dict[str, dict[str, str]] = {}
    for meta in sorted((MUTANTS / "src").rglob("*.py.meta")):
        data = json.loads(meta.read_text("utf-8"))
        module = meta.relative_to(MUTANTS / "src").as_posix().removesuffix(".meta")
        found[module] = {name: status_by_exit_code[code] for name, code in sorted(data["exit_code_by_key"].items())}
    return found


def score(mutants: dict[str, str]) -> dict[str, Any]:
    """Killed / (total - equivalent) for one group of mutants, with the survivors named."""
    statuses = Counter(mutants.values())
    equivalent = sorted(name for name in mutants if name in EQUIVALENT)
    # A mutant not tried yet (a run stopped part way, or one given patterns) is neither killed nor a survivor.
    counted = {n: s for n, s in mutants.items() if n not in EQUIVALENT and s != NOT_TRIED}
    killed = sum(1 for status in counted.values() if status in DETECTED)
    return {
        "mutants": len(mutants),
        "not_tried": statuses[NOT_TRIED],
        "equivalent": len(equivalent),
        "killed": killed,
        "score": round(killed / len(counted), 4) if counted else None,
        "outcomes": dict(sorted(statuses.items())),
        "survivors": sorted(name for name, status in counted.items() if status not in DETECTED),
    }


def table(found: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The scores by area, by file and overall, and the equivalent mutants with their reasons."""
    areas = {area: {n: s for m, ms in found.items() if m.startswith(area) for n, s in ms.items()} for area in AREAS}
    everything = {n: s for ms in found.values() for n, s in ms.items()}
    seen = set(everything)
    return {
        "tool": "mutmut " + _version("mutmut"),
        "target": TARGET,
        "overall": score(everything),
        "areas": {area: score(ms) for area, ms in areas.items()},
        "files": {module: score(ms) for module, ms in found.items()},
        "equivalent": {name: why for name, why in sorted(EQUIVALENT.items()) if name in seen},
        "stale_equivalent": sorted(set(EQUIVALENT) - seen),
    }


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def _row(name: str, s: dict[str, Any]) -> str:
    counted = s["mutants"] - s["equivalent"] - s["not_tried"]
    figure = f"{s['score']:.1%}" if s["score"] is not None else "-"
    untried = f", {s['not_tried']} not tried" if s["not_tried"] else ""
    return f"{name:<40} {s['killed']:>5} / {counted:<5} {figure:>7}   ({s['equivalent']} equivalent{untried})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("patterns", nargs="*", help="run only the mutants whose names match (fnmatch patterns)")
    parser.add_argument("--max-children", type=int, default=2, help="mutants tried at once (default 2)")
    parser.add_argument("--fresh", action="store_true", help="forget earlier results and mutants first")
    parser.add_argument("--score-only", action="store_true", help="run nothing; score the last run")
    args = parser.parse_args(argv)
    if not args.score_only:
        if args.fresh:
            shutil.rmtree(MUTANTS, ignore_errors=True)
        run_mutmut(args.max_children, args.patterns)
    found = outcomes()
    if not found:
        print("no mutation results: run without --score-only first", file=sys.stderr)
        return 1
    result = table(found)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print()
    for area, s in result["areas"].items():
        print(_row(area, s))
    print(_row("overall", result["overall"]))
    if result["stale_equivalent"]:
        print(f"listed as equivalent but no longer made: {', '.join(result['stale_equivalent'])}", file=sys.stderr)
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0 if result["overall"]["score"] is not None and result["overall"]["score"] >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
