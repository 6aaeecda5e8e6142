"""Reading a rule set: organisation-specific rules a model opts into (`checks: {rulesets: [...]}`).

A rule set is a YAML file read with the same hardened reader as a model (so its problems are located as a
model's are), in this format:

```yaml
govgraph_ruleset: 1
title: NHS integrated care boards
sources:                                   # the documents the rules enforce
  nhs-act-2006: {title: National Health Service Act 2006, publisher: legislation.gov.uk, url: https://...}
parts:                                     # what the rules speak of; a model names its own id for each
  board: body
  audit-committee: body
  non-executive-member: role
rules:
  - id: remuneration-chair-apart
    title: The remuneration committee's chair chairs neither the board nor the audit committee
    keep_apart: [{chair_of: remuneration-committee}, {chair_of: board}]
    cites: {source: nhs-act-2006, clause: "Schedule 1B, paragraph 3(1)", quote: "..."}
```

Each rule has one of `keep_apart` (two or more posts: `{post: part}`, `{chair_of: part}`, `{vice_chair_of:
part}`), `meets_without_chair: part`, `requires_member: {body: part, post: part}`, `chair_holds: {body: part,
post: part}` or `members_at_least: {body: part, count: N}`, and `cites` the clause it enforces. The rule sets
shipped with govgraph are in `govgraph/data/rulesets/` (`use: nhs-icb`); any other is a file, named from the
model's folder (`use: rules/our-rules.yaml`).
"""

from __future__ import annotations

import difflib
import importlib.resources
from pathlib import Path
from typing import Any

from govgraph.errors import ModelError
from govgraph.findings import Finding, Location
from govgraph.loading.reader import Document, read_bytes
from govgraph.model import Citation, PostRef, Ruleset, RulesetRule
from govgraph.rules import finding

FORMAT_VERSION = 1
_TOP = ("govgraph_ruleset", "title", "description", "sources", "parts", "rules")
_KINDS = ("keep_apart", "meets_without_chair", "requires_member", "chair_holds", "members_at_least")
_PART_KINDS = ("body", "role")
_POSTS = ("post", "chair_of", "vice_chair_of")


def shipped() -> tuple[str, ...]:
    """The names of the rule sets shipped with govgraph (`nhs-icb`)."""
    folder = importlib.resources.files("govgraph") / "data" / "rulesets"
    return tuple(sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")))


def is_file_name(use: str) -> bool:
    """Whether `use` names a file (a path, or a name ending in .yaml / .yml) rather than a shipped rule set."""
    return "/" in use or "\\" in use or use.endswith((".yaml", ".yml"))


def locate(use: str, model_file: str) -> Path:
    """The file of the rule set `use`: a shipped one by name, else a path from the model's folder.

    Raises:
        LookupError: `use` is not a file name and no shipped rule set has that name (the message says which do).
    """
    if is_file_name(use):
        return Path(model_file).resolve().parent / use
    names = shipped()
    if use not in names:
        close = difflib.get_close_matches(use, names, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else f"; govgraph ships: {', '.join(names)}"
        raise LookupError(f"no rule set is called {use!r}{hint} (a file of your own is named by its path)")
    return Path(str(importlib.resources.files("govgraph") / "data" / "rulesets" / f"{use}.yaml"))


def load_ruleset(path: Path, name: str) -> Ruleset:
    """Read and check the rule set file at `path`.

    Raises:
        FileNotFoundError, OSError: it cannot be read.
        ModelError: what is wrong with it, every problem at once, located in the file.
    """
    document = read_bytes(path.read_bytes(), str(path))
    return _Reader(document, name).ruleset()


class _Reader:
    def __init__(self, document: Document, name: str) -> None:
        self.doc = document
        self.name = name
        self.findings: list[Finding] = []

    def at(self, *path: Any, key: bool = False) -> Location:
        return self.doc.location(tuple(path), key=key)

    def error(self, code: str, message: str, location: Location, hint: str | None = None) -> None:
        self.findings.append(finding(code, message, location, hint))

    def mapping(self, value: Any, path: tuple[Any, ...], allowed: tuple[str, ...] | None, what: str) -> dict[str, Any]:
        """`value` as a mapping, its keys checked against `allowed` (any key, when None)."""
        if not isinstance(value, dict):
            self.error("GG112", f"{what} must be a mapping (`key: value` lines)", self.at(*path))
            return {}
        for key in value:
            if allowed is not None and key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                said = f"; did you mean {close[0]!r}?" if close else "; use one of: " + ", ".join(allowed)
                self.error("GG111", f"unknown key {key!r}{said}", self.at(*path, key, key=True))
        return value

    def text(self, value: Any, path: tuple[Any, ...], what: str) -> str | None:
        if value is None:
            self.error("GG113", f"{what} is required", self.at(*path[:-1], key=True) if path else self.at())
            return None
        if not isinstance(value, str):
            self.error("GG112", f"{what} must be text", self.at(*path))
            return None
        return value

    def ruleset(self) -> Ruleset:
        root = self.mapping(self.doc.root, (), _TOP, "a rule set")
        version = root.get("govgraph_ruleset")
        if version != str(FORMAT_VERSION):
            self.error(
                "GG117",
                f"a rule set starts with `govgraph_ruleset: {FORMAT_VERSION}`"
                + (f", not {version!r}" if version is not None else ""),
                self.at("govgraph_ruleset") if version is not None else self.at(),
            )
        title = self.text(root.get("title"), ("title",), "`title`") or self.name
        sources: dict[str, dict[str, Any]] = {}
        for sid, source in self.mapping(root.get("sources", {}), ("sources",), None, "`sources`").items():
            sources[sid] = self.mapping(source, ("sources", sid), ("title", "publisher", "url", "date", "note"), sid)
        parts: dict[str, str] = {}
        for part, kind in self.mapping(root.get("parts", {}), ("parts",), None, "`parts`").items():
            if kind not in _PART_KINDS:
                self.error("GG114", f"part {part!r} must be a body or a role, not {kind!r}", self.at("parts", part))
            else:
                parts[part] = kind
        rules = []
        listed = root.get("rules", [])
        if not isinstance(listed, list):
            self.error("GG112", "`rules` must be a list", self.at("rules"))
            listed = []
        seen: set[str] = set()
        for i, entry in enumerate(listed):
            found = self.rule(entry, ("rules", i), parts, sources)
            if found is not None:
                if found.id in seen:
                    self.error("GG204", f"two rules have the id {found.id!r}", self.at("rules", i, "id"))
                seen.add(found.id)
                rules.append(found)
        if self.findings:
            raise ModelError(findings=self.findings)
        return Ruleset(name=self.name, title=title, file=self.doc.file, parts=parts, rules=tuple(rules))

    def rule(
        self, entry: Any, path: tuple[Any, ...], parts: dict[str, str], sources: dict[str, dict[str, Any]]
    ) -> RulesetRule | None:
        rule = self.mapping(entry, path, ("id", "title", "cites", *_KINDS), "a rule")
        rule_id = self.text(rule.get("id"), (*path, "id"), "a rule's `id`")
        kinds = [k for k in _KINDS if k in rule]
        if len(kinds) != 1:
            self.error(
                "GG123",
                "a rule says one of " + ", ".join(f"`{k}`" for k in _KINDS) + f" (this one says {len(kinds)})",
                self.at(*path),
            )
            return None
        kind = kinds[0]
        cites = self.citation(rule.get("cites"), (*path, "cites"), sources)
        if rule_id is None or cites is None:
            return None
        value, where = rule[kind], (*path, kind)
        body = post = None
        posts: list[PostRef] = []
        count = None
        if kind == "keep_apart":
            if not isinstance(value, list) or len(value) < 2:
                self.error("GG112", "`keep_apart` is a list of two or more posts", self.at(*where))
                return None
            for j, item in enumerate(value):
                ref = self.mapping(item, (*where, j), _POSTS, "a post")
                named = [k for k in _POSTS if k in ref]
                if len(named) != 1:
                    self.error("GG123", "a post is one of `post`, `chair_of` or `vice_chair_of`", self.at(*where, j))
                    return None
                of = named[0]
                part = self.part(ref[of], (*where, j, of), parts, "role" if of == "post" else "body")
                if part is None:
                    return None
                posts.append(PostRef(part=part, of=of))  # type: ignore[arg-type]
        elif kind == "meets_without_chair":
            body = self.part(value, where, parts, "body")
        else:
            fields = ("body", "count") if kind == "members_at_least" else ("body", "post")
            spec = self.mapping(value, where, fields, f"`{kind}`")
            body = self.part(spec.get("body"), (*where, "body"), parts, "body")
            if kind == "members_at_least":
                raw = spec.get("count")
                if not (isinstance(raw, str) and raw.isdigit()):
                    self.error("GG112", "`count` must be a whole number", self.at(*where, "count"))
                    return None
                count = int(raw)
            else:
                post = self.part(spec.get("post"), (*where, "post"), parts, "role")
        if (kind != "keep_apart" and body is None) or (kind in ("requires_member", "chair_holds") and post is None):
            return None
        return RulesetRule(
            id=rule_id,
            kind=kind,
            location=self.at(*path),
            cites=cites,
            title=rule.get("title"),
            body=body,
            post=post,
            posts=tuple(posts),
            count=count,
        )

    def part(self, value: Any, path: tuple[Any, ...], parts: dict[str, str], kind: str) -> str | None:
        if not isinstance(value, str):
            self.error("GG112", "a part must be named as text", self.at(*path))
            return None
        if value not in parts:
            close = difflib.get_close_matches(value, list(parts), n=1, cutoff=0.6)
            said = f"; did you mean {close[0]!r}?" if close else "; add it to `parts`"
            self.error("GG201", f"unknown part {value!r}{said}", self.at(*path))
            return None
        if parts[value] != kind:
            self.error("GG202", f"{value!r} is a {parts[value]}, and this needs a {kind}", self.at(*path))
            return None
        return value

    def citation(self, value: Any, path: tuple[Any, ...], sources: dict[str, dict[str, Any]]) -> Citation | None:
        if value is None:
            self.error(
                "GG113", "a rule `cites` the clause it enforces: `{source: ..., clause: ...}`", self.at(*path[:-1])
            )
            return None
        cites = self.mapping(value, path, ("source", "clause", "quote"), "`cites`")
        source_id = self.text(cites.get("source"), (*path, "source"), "`cites.source`")
        clause = self.text(cites.get("clause"), (*path, "clause"), "`cites.clause`")
        if source_id is None or clause is None:
            return None
        source = sources.get(source_id)
        if source is None:
            self.error("GG601", f"unknown source {source_id!r}: describe it under `sources`", self.at(*path, "source"))
            return None
        return Citation(
            title=str(source.get("title", source_id)),
            clause=clause,
            publisher=source.get("publisher"),
            url=source.get("url"),
            quote=cites.get("quote"),
        )
