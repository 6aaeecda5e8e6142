"""Rule sets (GG710-GG712, and the rule sets' share of GG702 and GG707): organisation-specific rules a model opts
into with `checks: {rulesets: [...]}`, each citing the clause of the document it enforces.

A rule set names parts (`board`, `audit-committee`, `non-executive-member`); the model says which of its bodies
and posts each part is (`parts:`). A rule whose parts the model does not name is not applied, and is listed
(GG712) so that the gap is seen. What each kind of rule finds:

- `keep_apart`: one post, or one person, holds two of the posts (GG707);
- `meets_without_chair`: the body's quorum cannot be met with its chair away (GG702);
- `requires_member`: the post neither chairs nor sits on the body (GG710);
- `chair_holds`: a chair of the body is not the post, nor held by someone recorded as holding it (GG710);
- `members_at_least`: fewer members are recorded than the rule asks (GG710), unless the body's terms set a
  least number that meets it (members may then be unrecorded).

Findings are located in the model (the chair, the body, the quorum), so a body's `ignore:` silences them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from govgraph import time, vocabulary
from govgraph.checks.registry import CheckContext, Found, rule
from govgraph.errors import ModelError
from govgraph.findings import Location, Severity
from govgraph.model import Model, PostRef, Ruleset, RulesetRule, RulesetUse
from govgraph.terms import Seat, meets_without_chair, same_person, seats, shared_post


def ruleset_findings(context: CheckContext, code: str) -> list[Found]:
    """What the model's rule sets find under `code` (evaluated once per check run)."""
    if "rulesets" not in context.memo:
        found: dict[str, list[Found]] = {}
        for code_found, item in _evaluate(context):
            found.setdefault(code_found, []).append(item)
        context.memo["rulesets"] = found
    answer: list[Found] = context.memo["rulesets"].get(code, [])
    return answer


def _evaluate(context: CheckContext) -> Iterator[tuple[str, Found]]:
    model = context.model
    for use in model.checks.rulesets:
        # The rule-set reader, and YAML with it, is imported when a model names a rule set, not by every check.
        from govgraph.loading.rulesets import load_ruleset, locate

        try:
            path = locate(use.use, model.file)
            ruleset = load_ruleset(path, use.use)
        except LookupError as error:
            yield "GG711", Found(str(error).strip("'\""), use.location)
            continue
        except OSError:
            yield (
                "GG711",
                Found(
                    f"the rule set file {use.use!r} cannot be read",
                    use.location,
                    "name it by its path from the model's folder, or a rule set govgraph ships (nhs-icb)",
                ),
            )
            continue
        except ModelError as error:
            for problem in error.findings:
                yield "GG711", Found(f"{problem.code} {problem.message}", problem.location, problem.hint)
            continue
        yield from _bindings(model, ruleset, use)
        misbound = {p for p, target in use.parts.items() if p in ruleset.parts and _misbound(model, ruleset, p, target)}
        for item in ruleset.rules:
            missing = [p for p in item.parts if p not in use.parts]
            if missing:
                said = " or ".join(f"which {ruleset.parts[p]} is {p!r}" for p in missing)
                yield (
                    "GG712",
                    Found(
                        f"rule {item.id!r} of {ruleset.title} is not applied: the model does not say {said}",
                        use.location,
                        f"name them under `parts:` ({missing[0]}: <id>), or record why not with an `ignore` of GG712",
                    ),
                )
                continue
            if misbound.intersection(item.parts):
                continue  # the part is reported as bound to the wrong kind of thing (GG711): nothing to judge
            yield from _apply(context, ruleset, use, item)


def _bindings(model: Model, ruleset: Ruleset, use: RulesetUse) -> Iterator[tuple[str, Found]]:
    for part, target in use.parts.items():
        where = use.part_locations.get(part, use.location)
        if part not in ruleset.parts:
            close = difflib.get_close_matches(part, list(ruleset.parts), n=1, cutoff=0.6)
            said = f"; did you mean {close[0]!r}?" if close else f"; it names {', '.join(sorted(ruleset.parts))}"
            yield "GG711", Found(f"{ruleset.title} has no part {part!r}{said}", where)
            continue
        if _misbound(model, ruleset, part, target):
            kind = ruleset.parts[part]
            yield "GG711", Found(f"part {part!r} of {ruleset.title} is a {kind}, and {target!r} is not one", where)


def _misbound(model: Model, ruleset: Ruleset, part: str, target: str) -> bool:
    """Whether the model binds `part` to a thing of another kind than the part's (a body, or a post).

    Every id bound is the model's (it is read so); a body that is not in force on the day checked is left out of
    the model's snapshot, so a part is a body unless its id is one of the things a snapshot keeps whole.
    """
    kind = ruleset.parts[part]
    if kind == "body":
        return target in model.roles or target in model.organisations or target in model.groups
    return kind == "role" and target not in model.roles


def _cited(ruleset: Ruleset, item: RulesetRule) -> str:
    return f" ({ruleset.title}, rule {item.id}: {item.cites.describe()})"


def _hint(item: RulesetRule, fix: str) -> str:
    quote = f' The clause: "{item.cites.quote}"' if item.cites.quote else ""
    return fix + "." + quote


def _describe(ref: PostRef, use: RulesetUse) -> str:
    if ref.of == "post":
        return f"'{use.parts[ref.part]}'"
    return f"{'chair' if ref.of == 'chair_of' else 'vice or deputy chair'} of '{use.parts[ref.part]}'"


def _apply(context: CheckContext, ruleset: Ruleset, use: RulesetUse, item: RulesetRule) -> Iterator[tuple[str, Found]]:
    model = context.model
    cited = _cited(ruleset, item)
    if item.kind == "keep_apart":
        found: list[list[tuple[PostRef, str, Location]]] = []
        for ref in item.posts:
            if ref.of == "post":
                found.append([(ref, use.parts[ref.part], use.part_locations.get(ref.part, use.location))])
                continue
            holder = model.bodies.get(use.parts[ref.part])  # None: not in force on the day checked, so no chair
            wanted = ref.of == "chair_of"
            found.append([(ref, c.role, c.location) for c in holder.chairs if c.presides == wanted] if holder else [])
        for i, first in enumerate(found):
            for second in found[i + 1 :]:
                for ref_a, a, _ in first:
                    for ref_b, b, where in second:
                        person = None if a == b else same_person(model.roles.get(a), model.roles.get(b))
                        if (a != b and person is None) or (a == b and shared_post(model, a)):
                            continue
                        who = f"'{a}'" if a == b else f"{person} (holding '{a}' and '{b}')"
                        yield (
                            "GG707",
                            Found(
                                f"{who} is both {_describe(ref_a, use)} and {_describe(ref_b, use)}{cited}",
                                where,
                                _hint(item, "give one of the posts to someone else"),
                            ),
                        )
        return
    body = model.bodies.get(use.parts[item.body or ""])
    if body is None or (context.day is not None and time.has_ended(body, context.day)):
        return  # not in force on the day checked (None: not begun, or past its `until`)
    if item.kind == "meets_without_chair":
        can = meets_without_chair(model, body, context.day)
        terms = time.terms_on(body, context.day)
        if can is False and terms is not None and terms.quorum is not None:
            yield (
                "GG702",
                Found(
                    f"'{body.id}' must be able to meet without its chair, but its quorum cannot be met with the chair "
                    f"away{cited}",
                    terms.quorum.location,
                    _hint(item, "let a vice or deputy chair stand in (`present: [chair_or_vice]`), or lower the count"),
                ),
            )
        elif can is None:
            yield (
                "GG712",
                Found(
                    f"rule {item.id!r} of {ruleset.title} is not applied: '{body.id}' records no chair or no quorum "
                    "to judge it by",
                    body.location,
                    "record its chair and its quorum (`terms: {quorum: ...}`)",
                ),
            )
        return
    post = use.parts.get(item.post or "", "")
    if item.kind == "requires_member":
        sits = any(c.role == post for c in body.chairs) or any(m.member == post for m in body.members)
        if not sits:
            yield (
                "GG710",
                Found(
                    f"'{post}' neither chairs nor sits on '{body.id}'{cited}",
                    body.location,
                    _hint(item, f"add `- {{role: {post}}}` to its members"),
                ),
            )
    elif item.kind == "chair_holds":
        for chair in body.chairs:
            if not chair.presides or chair.role == post:
                continue
            if same_person(model.roles.get(chair.role), model.roles.get(post)) is None:
                yield (
                    "GG710",
                    Found(
                        f"'{body.id}' is chaired by '{chair.role}', which is not '{post}'{cited}",
                        chair.location,
                        _hint(item, f"the chair must be '{post}': record the holder of both, or correct the chair"),
                    ),
                )
    elif item.kind == "members_at_least":
        counted = sum(s.count for s in seats(model, body, context.day) if s.votes is not False or _member(s))
        terms = time.terms_on(body, context.day)
        at_least = terms.members_at_least if terms is not None else None
        if counted < (item.count or 0) and (at_least is None or at_least < (item.count or 0)):
            yield (
                "GG710",
                Found(
                    f"'{body.id}' has {vocabulary.count(counted, 'recorded member seat')}, fewer than "
                    f"{item.count}{cited}",
                    body.location,
                    _hint(item, "record its members (and `seats:` for several), or the least number its terms set"),
                ),
            )


def _member(seat: Seat) -> bool:
    """Whether a seat that does not vote is still a member's (a non-voting member; not an attendee)."""
    standing = seat.membership.standing if seat.membership is not None else None
    return standing is not None and vocabulary.standing(standing).member


@rule(
    "GG710",
    "ruleset-unmet",
    "A rule of a rule set the model uses is not met.",
    Severity.WARNING,
    "A model opts into rule sets (`checks: {rulesets: [{use: nhs-icb, parts: {board: our-board, ...}}]}`) whose "
    "rules say who must sit on a body (`requires_member`), who must chair it (`chair_holds`) or how many members "
    "it must have (`members_at_least`). The finding names the rule set, the rule and the clause it enforces. (Rules "
    "that keep posts apart report as GG707, and those on meeting without the chair as GG702.)",
    "checks:\n  rulesets:\n    - use: nhs-icb\n      parts: {board: icb-board, chief-executive: ceo}\n"
    "bodies:\n  icb-board: {name: Board, kind: board}      # the chief executive does not sit on it",
)
def ruleset_unmet(context: CheckContext) -> Iterator[Found]:
    yield from ruleset_findings(context, "GG710")


@rule(
    "GG711",
    "ruleset-problem",
    "A rule set cannot be used: not found, not readable, or not matching the model.",
    Severity.ERROR,
    "`checks.rulesets` names a rule set govgraph does not ship, a file that cannot be read or has mistakes (each "
    "located in the rule set's file), a part the rule set does not have, or a body or post of the wrong kind for "
    "a part. The model's other checks still run.",
    "checks:\n  rulesets: [nhs-icbs]      # did you mean nhs-icb?",
)
def ruleset_problem(context: CheckContext) -> Iterator[Found]:
    yield from ruleset_findings(context, "GG711")


@rule(
    "GG712",
    "ruleset-rule-not-applied",
    "A rule of a rule set is not applied: the model does not name a part it needs.",
    Severity.INFO,
    "A rule speaks of parts (the board, the audit committee, the non-executive members); where the model does not "
    "say which of its bodies or posts a part is, or records nothing the rule could judge, the rule is not applied "
    "and is listed here, so that a gap is seen rather than taken for a pass.",
    "checks:\n  rulesets:\n    - use: nhs-icb\n      parts: {board: icb-board}      # no audit-committee named",
)
def ruleset_rule_not_applied(context: CheckContext) -> Iterator[Found]:
    yield from ruleset_findings(context, "GG712")
