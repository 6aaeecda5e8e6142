"""Import a Backstage software catalog's organisation (its `Group` and `User` entities) as a govgraph model.

Every `*.yaml` / `*.yml` file under the folder is read (each may hold several documents, `---` between them).

- a `Group` becomes a body (`kind: team`), named by `spec.profile.displayName`, else `metadata.title`, else
  its name; `metadata.description` is its description and its first web link its `url`; its Backstage
  `spec.type` (department, team...) is written in a comment above it, since govgraph's kinds differ;
- `spec.parent` and `spec.children` become `reports_to` lines (a child reports to its parent); both say the
  same thing from either end, so when they disagree (a group names a parent that does not list it as a child,
  or a parent lists a child that names another parent or none) the line is still imported and the
  disagreement reported, at the line and column of the `parent` or `children` entry;
- a `User` becomes a role (`user-<name>`) held by the person (`spec.profile.displayName`, else their name),
  and a member of each group in `spec.memberOf`; a Group's `spec.members` says the same from the other end.

Entity references may be written `team-a`, `default/team-a` or `group:default/team-a`; names are made into
govgraph ids (`breanna.davison` -> `user-breanna-davison`), with the namespace added when two namespaces
use one name. Entities of other kinds (Component, Location, ...) are left out, each reported once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph.errors import ModelError, ModelFileNotFound
from govgraph.exchange.importing import Ids, Imported, ImportFileError, finish, warning
from govgraph.findings import Finding
from govgraph.loading import reader as positions
from govgraph.loading.files import exists, files_under, is_file, read_limited
from govgraph.loading.reader import Place, read_documents
from govgraph.loading.simple_yaml import plain

DEFAULT_NAMESPACE = "default"


@dataclass
class _Entity:
    kind: str
    namespace: str
    name: str
    file: str
    node: dict[str, Any]
    line: int
    column: int
    place: Place | None

    @property
    def ref(self) -> tuple[str, str, str]:
        return (self.kind.lower(), self.namespace, self.name)

    def spec(self) -> dict[str, Any]:
        spec = self.node.get("spec")
        return spec if isinstance(spec, dict) else {}

    def spec_place(self) -> Place | None:
        """The positions of `spec` (see `govgraph.loading.reader.Place`)."""
        return positions.child(self.place, "spec")


@dataclass
class _Catalog:
    groups: dict[tuple[str, str, str], _Entity] = field(default_factory=dict)
    users: dict[tuple[str, str, str], _Entity] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _where(entity: _Entity, place: Place | None, key: str) -> tuple[str, int, int]:
    mark = positions.keys(place).get(key)
    if mark is not None:
        return entity.file, mark[2], mark[3]
    return entity.file, entity.line, entity.column


def _read_catalog(folder: Path) -> _Catalog:
    if not exists(folder):
        raise ModelFileNotFound(path=str(folder), reason="no such folder")
    files = [folder] if is_file(folder) else files_under(folder, (".yaml", ".yml"))
    if not files:
        raise ImportFileError(
            file=str(folder), where="the folder", problem="holds no .yaml or .yml files (Backstage catalog files)"
        )
    catalog = _Catalog()
    errors: list[Finding] = []
    skipped: set[str] = set()
    for path in files:
        try:
            documents = read_documents(read_limited(path, what="catalog file"), str(path))
        except ModelError as exc:
            errors.extend(exc.findings)
            continue
        for document, place in documents:
            if not isinstance(document, dict):
                continue
            kind = _text(document.get("kind"))
            metadata = document.get("metadata")
            name = _text(metadata.get("name")) if isinstance(metadata, dict) else ""
            line, column = positions.start(place)
            if kind not in ("Group", "User"):
                if kind and kind not in skipped:
                    skipped.add(kind)
                    catalog.findings.append(
                        warning(
                            "GGI07",
                            f"{kind} entities are not part of an organisation; left out",
                            str(path),
                            line,
                            column,
                        )
                    )
                continue
            if not name:
                catalog.findings.append(
                    warning("GGI08", f"a {kind} with no metadata.name is left out", str(path), line, column)
                )
                continue
            namespace = _text(metadata.get("namespace")) if isinstance(metadata, dict) else ""
            entity = _Entity(kind, namespace or DEFAULT_NAMESPACE, name, str(path), document, line, column, place)
            table = catalog.groups if kind == "Group" else catalog.users
            if entity.ref in table:
                first = table[entity.ref]
                catalog.findings.append(
                    warning(
                        "GGI08",
                        f"{kind} {name!r} is written twice (first in {first.file}, line {first.line}); "
                        "this one is left out",
                        str(path),
                        line,
                        column,
                    )
                )
                continue
            table[entity.ref] = entity
    if errors:
        raise ModelError(findings=errors)
    return catalog


def _resolve(text: str, default_kind: str, namespace: str) -> tuple[str, str, str]:
    match = re.fullmatch(r"(?:([A-Za-z]+):)?(?:([^/]+)/)?(.+)", text.strip())
    if match is None:
        return (default_kind, namespace, text)
    kind, ns, name = match.groups()
    return ((kind or default_kind).lower(), ns or namespace, name)


def _refs(entity: _Entity, key: str, default_kind: str) -> list[tuple[tuple[str, str, str], tuple[str, int, int]]]:
    """The entity references in `spec.<key>` (one or a list), with where each is written."""
    spec = entity.spec()
    value = spec.get(key)
    if isinstance(value, str):
        return [(_resolve(value, default_kind, entity.namespace), _where(entity, entity.spec_place(), key))]
    if isinstance(value, list):
        return [
            (_resolve(item, default_kind, entity.namespace), (entity.file, mark[0], mark[1]))
            for item, mark in zip(value, positions.item_marks(positions.child(entity.spec_place(), key)), strict=True)
            if isinstance(item, str)
        ]
    return []


def import_backstage(folder: str | Path) -> Imported:
    """Read the Backstage catalog files under `folder` into a model file (see the module docstring).

    Raises:
        ImportFileError: the folder does not exist or holds no YAML files.
        ModelError: a catalog file is not readable YAML (each problem with its line and column).
    """
    catalog = _read_catalog(Path(folder))
    if not catalog.groups:
        raise ImportFileError(
            file=str(folder),
            where="the catalog",
            problem="has no Group entities, so there is no organisation to import",
        )
    ids = Ids()
    group_ids = {
        ref: ids.make(
            e.name if sum(1 for g in catalog.groups.values() if g.name == e.name) == 1 else f"{e.namespace} {e.name}",
            fallback="group",
        )
        for ref, e in sorted(catalog.groups.items())
    }
    user_ids = {
        ref: ids.make(
            e.name if sum(1 for u in catalog.users.values() if u.name == e.name) == 1 else f"{e.namespace} {e.name}",
            prefix="user",
        )
        for ref, e in sorted(catalog.users.items())
    }
    findings = list(catalog.findings)
    parents: dict[tuple[str, str, str], set[tuple[str, str, str]]] = {ref: set() for ref in catalog.groups}
    said_parent: dict[tuple[str, str, str], tuple[tuple[str, str, str], tuple[str, int, int]]] = {}
    for ref, group in sorted(catalog.groups.items()):
        for parent, where in _refs(group, "parent", "group"):
            if parent not in catalog.groups:
                findings.append(
                    warning(
                        "GGI06",
                        f"group {group.name!r} names {parent[2]!r} as its parent, which is not a group of the catalog",
                        *where,
                    )
                )
                continue
            parents[ref].add(parent)
            said_parent[ref] = (parent, where)
    for ref, group in sorted(catalog.groups.items()):
        for child, where in _refs(group, "children", "group"):
            if child not in catalog.groups:
                findings.append(
                    warning(
                        "GGI06",
                        f"group {group.name!r} lists {child[2]!r} as a child, which is not a group of the catalog",
                        *where,
                    )
                )
                continue
            parents[child].add(ref)
            if said_parent.get(child, (None,))[0] != ref:
                other = said_parent.get(child)
                says = f"names {other[0][2]!r} as its parent" if other else "names no parent"
                findings.append(
                    warning(
                        "GGI05",
                        f"group {group.name!r} lists {child[2]!r} as a child, but {child[2]!r} {says}",
                        *where,
                        "make spec.parent and spec.children agree; both lines are imported",
                    )
                )
    for ref, (parent, where) in sorted(said_parent.items()):
        listed = {c for c, _ in _refs(catalog.groups[parent], "children", "group")}
        if ref not in listed:
            findings.append(
                warning(
                    "GGI05",
                    f"group {ref[2]!r} names {parent[2]!r} as its parent, but {parent[2]!r} does not list it in "
                    "spec.children",
                    *where,
                    f"add {ref[2]} to the children of {parent[2]}, or correct the parent",
                )
            )
    members: dict[tuple[str, str, str], list[str]] = {ref: [] for ref in catalog.groups}
    for ref, person in sorted(catalog.users.items()):
        for team, where in _refs(person, "memberOf", "group"):
            if team not in catalog.groups:
                message = f"user {person.name!r} is a member of {team[2]!r}, which is not a group of the catalog"
                findings.append(warning("GGI06", message, *where))
            elif user_ids[ref] not in members[team]:
                members[team].append(user_ids[ref])
    for ref, team_entity in sorted(catalog.groups.items()):
        for person_ref, where in _refs(team_entity, "members", "user"):
            if person_ref not in catalog.users:
                message = f"group {team_entity.name!r} lists {person_ref[2]!r} as a member, which is not a user"
                findings.append(warning("GGI06", message, *where))
            elif user_ids[person_ref] not in members[ref]:
                members[ref].append(user_ids[person_ref])
    comments: dict[str, str] = {}
    roles: dict[str, Any] = {}
    for ref, user in sorted(catalog.users.items(), key=lambda item: user_ids[item[0]]):
        profile = user.spec().get("profile")
        display = _text(profile.get("displayName")) if isinstance(profile, dict) else ""
        role: dict[str, Any] = {"title": display or user.name}
        if user.namespace != DEFAULT_NAMESPACE:
            role["aliases"] = [f"{user.namespace}/{user.name}"]
        elif display and display.lower() != user.name.lower():
            role["aliases"] = [user.name]
        role["holders"] = [{"name": display or user.name}]
        roles[user_ids[ref]] = role
    bodies: dict[str, Any] = {}
    for ref, group in sorted(catalog.groups.items(), key=lambda item: group_ids[item[0]]):
        gid = group_ids[ref]
        spec = group.spec()
        profile = spec.get("profile")
        metadata = group.node.get("metadata")
        display = _text(profile.get("displayName")) if isinstance(profile, dict) else ""
        title = _text(metadata.get("title")) if isinstance(metadata, dict) else ""
        body: dict[str, Any] = {"name": display or title or group.name, "kind": "team"}
        description = _text(metadata.get("description")) if isinstance(metadata, dict) else ""
        if description:
            body["description"] = description
        url = _first_link(metadata)
        if url:
            body["url"] = url
        if members[ref]:
            body["members"] = [{"role": plain(m)} for m in sorted(members[ref])]
        if parents[ref]:
            body["reports_to"] = sorted(plain(group_ids[p]) for p in parents[ref])
        bodies[gid] = body
        kind = _text(spec.get("type"))
        comments[gid] = f"Backstage group {group.namespace}/{group.name}" + (f", type {kind}" if kind else "")
    document: dict[str, Any] = {"govgraph": 1, "title": f"{_top_name(bodies)} (from Backstage)"}
    if roles:
        document["roles"] = roles
    document["bodies"] = bodies
    header = [
        f"Imported by `govgraph import backstage` from {Path(folder).name}: Backstage Group and User entities.",
        "Groups are bodies (kind: team; set the right kind for each), spec.parent and spec.children are reports_to",
        "lines, users are roles held by the person and members of the groups they belong to (memberOf).",
        "Run `govgraph check` on this file: it explains what the structure shows.",
    ]
    return finish(document, header=header, comments=comments, findings=findings)


def _first_link(metadata: Any) -> str:
    links = metadata.get("links") if isinstance(metadata, dict) else None
    for link in links if isinstance(links, list) else []:
        url = _text(link.get("url")) if isinstance(link, dict) else ""
        if url.lower().startswith(("https://", "http://")):
            return url
    return ""


def _top_name(bodies: dict[str, Any]) -> str:
    tops = sorted(str(b["name"]) for b in bodies.values() if "reports_to" not in b)
    return tops[0] if len(tops) == 1 else "Backstage catalog"
