"""The Rust project's teams (an excerpt of the `rust-lang/team` files) as a govgraph model.

Run `python convert_rust_teams.py` to rewrite it.

How the files' notions are mapped (see tests/data/README.md for what is left out and why):

- each team file is a body, its id the file's `name` (`compiler`, `wg-async`); its name the website name
  (`Compiler team`), else the file's `name` (the launching pad and a few others have no website entry); its
  description the website description, as written;
- `kind = "working-group"` (or the older `wg = true`) is a workstream, `kind = "project-group"` a project, the
  leadership council a board (the project's governing body: "charged with the success of the Rust Project as
  whole"), every other file a team;
- `top-level = true` is `top: true` (the top of its own structure); `subteam-of` is the body's `reports_to`; a
  parent the excerpt does not hold (the infrastructure team's stored version names an `operations` team) leaves
  the body without one, and the README says so;
- `leads` are the body's chairs (two or more leads make co-chairs); a file with no leads gives no chair;
  `members` who are not leads are members; each person is a post of their own, titled with their GitHub handle
  (the files give no names), its id made from the handle in lower case, as GitHub compares handles;
- a leadership council member's representative role (`council-rep-compiler`, "Compiler team") is the member's
  `as`;
- the files name no dates, no statuses and no line but `subteam-of`, so there are none here; each body cites the
  file it comes from, at the commit copied.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from convert_common import mapping, read_source, sequence, slug, text, write_model

HERE = Path(__file__).resolve().parent
REAL = HERE.parent
SOURCE = "rust-teams.yaml"
MODEL = "rust-teams.yaml"
REPOSITORY = "rust-lang/team"
TITLE = "Rust project teams (rust-lang/team)"
COUNCIL = "leadership-council"

KINDS = {"working-group": "workstream", "project-group": "project"}


def _kind(entry: dict[str, Any], where: str) -> str:
    """The govgraph kind of one team file.

    Raises:
        ValueError: the file has a kind the converter was not written for (a marker team is not a body).
    """
    if entry["name"] == COUNCIL:
        return "board"
    written = entry.get("kind")
    if written is None:
        return "workstream" if entry.get("wg") is True else "team"
    if written not in KINDS:
        raise ValueError(f"{where}: kind {written!r} is not one the converter maps")
    return KINDS[written]


def _handle(person: object, where: str) -> tuple[str, list[str]]:
    """A person's GitHub handle and the roles written with it (a bare handle has none)."""
    if isinstance(person, str):
        return text(person, where), []
    table = mapping(person, where)
    return text(table.get("github"), f"{where}.github"), [text(r, where) for r in sequence(table.get("roles"), where)]


def _post(handle: str, roles: dict[str, dict[str, Any]]) -> str:
    """The post id of a GitHub handle, adding its post to `roles` the first time it is met."""
    role_id = "gh-" + slug(handle)
    roles.setdefault(role_id, {"title": handle})
    return role_id


def convert(source: dict[str, Any]) -> dict[str, Any]:
    """The govgraph model of the excerpt.

    Raises:
        ValueError: two files have the same name, or a file has a kind the converter does not map.
    """
    entries = [mapping(e, f"files[{i}]") for i, e in enumerate(sequence(source.get("files"), "files"))]
    names = {text(e.get("name"), f"files[{i}].name") for i, e in enumerate(entries)}
    if len(names) != len(entries):
        raise ValueError("two files have the same name")
    roles: dict[str, dict[str, Any]] = {}
    sources: dict[str, dict[str, Any]] = {}
    bodies: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(entries):
        where = f"files[{index}] ({entry['name']})"
        name = text(entry["name"], where)
        path = text(entry.get("file"), f"{where}.file")
        commit = text(entry.get("commit"), f"{where}.commit")
        source_id = "file-" + slug(name)
        sources[source_id] = {
            "title": path,
            "publisher": "Rust project",
            "url": f"https://github.com/{REPOSITORY}/blob/{commit}/{path}",
            "note": f"{REPOSITORY} at commit {commit}; excerpt in tests/data/real/source/{SOURCE}",
        }
        website = mapping(entry.get("website") or {}, f"{where}.website")
        people = mapping(entry.get("people") or {}, f"{where}.people")
        body: dict[str, Any] = {
            "name": text(website["name"], f"{where}.website.name") if "name" in website else name,
            "kind": _kind(entry, where),
            "organisation": "rust",
        }
        if "description" in website:
            body["description"] = text(website["description"], f"{where}.website.description")
        if entry.get("top-level") is True:
            body["top"] = True
        parent = entry.get("subteam-of")
        if parent is not None and text(parent, f"{where}.subteam-of") in names:
            body["reports_to"] = slug(parent)
        chairs: list[str] = []
        for lead_index, lead in enumerate(sequence(people.get("leads"), f"{where}.leads")):
            post = _post(_handle(lead, f"{where}.leads[{lead_index}]")[0], roles)
            if post not in chairs:
                chairs.append(post)
        represents = {
            text(r.get("id"), where): text(r.get("description"), where)
            for r in (mapping(r, f"{where}.roles") for r in sequence(entry.get("roles"), f"{where}.roles"))
        }
        members: list[dict[str, str]] = []
        seen = set(chairs)
        for member_index, member in enumerate(sequence(people.get("members"), f"{where}.members")):
            handle, member_roles = _handle(member, f"{where}.members[{member_index}]")
            post = _post(handle, roles)
            if post in seen:  # a lead listed among the members too, or a handle written twice
                continue
            seen.add(post)
            seat: dict[str, str] = {"role": post}
            stood_for = [represents[r] for r in member_roles if r in represents]
            if stood_for:
                seat["as"] = "representative: " + "; ".join(stood_for)
            members.append(seat)
        if chairs:
            body["chairs"] = chairs
        if members:
            body["members"] = members
        body["source"] = source_id
        bodies[slug(name)] = body
    return {
        "govgraph": 1,
        "title": TITLE,
        "description": (
            "Converted from an excerpt of the Rust project's team files (rust-lang/team, teams/) by "
            "tests/data/real/convert/convert_rust_teams.py. Each body cites its file at the commit copied; the "
            "versions are of different dates, so this is not the structure on any one day. The files name no "
            "dates, no statuses and no line but the one to a parent team."
        ),
        "sources": {key: sources[key] for key in sorted(sources)},
        "organisations": {"rust": {"name": "Rust project", "source": "file-" + COUNCIL}},
        "roles": {role_id: roles[role_id] for role_id in sorted(roles)},
        "bodies": {body_id: bodies[body_id] for body_id in sorted(bodies)},
    }


def main() -> None:
    """Convert the copied excerpt into its model."""
    model = convert(read_source(REAL / "source" / SOURCE))
    header = (
        f"{TITLE}: generated by tests/data/real/convert/convert_rust_teams.py from\n"
        f"tests/data/real/source/{SOURCE}; do not edit by hand, change the converter and run it again."
    )
    write_model(REAL / MODEL, header, model)


if __name__ == "__main__":
    main()
