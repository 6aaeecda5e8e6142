"""Kubernetes community groups (`sigs.yaml`) as govgraph models: `python convert_k8s_sigs.py` rewrites both.

How the file's notions are mapped (see tests/data/README.md for what is left out and why):

- each special interest group, working group, user group and committee is a body, its id `group-` and the
  group's `dir` (the bare `dir` is taken: SIG Release lists a subproject named `sig-release`); its name is the
  file's `name` with the kind the community writes before or after it ("SIG Auth", "WG Apply", "UG Big Data",
  "Steering Committee"), since the file's bare names repeat across kinds;
- `chairs` (2020) and `leads` (2018, before the file split leads into chairs and technical leads) are the
  body's chairs; `tech_leads` are members `as: technical lead`; each person is a post of their own, titled with
  their name, with their GitHub handle as an alias;
- each subproject is a body (`kind: project`), its id made from its name, `part_of` the groups that list it;
  a name listed by several groups is one subproject they share (`matrix: true`);
- the file names no line of accountability between groups, and no dates, so there are none here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from convert_common import mapping, read_source, sequence, slug, text, write_model

HERE = Path(__file__).resolve().parent
REAL = HERE.parent

# The file's sections, each with the kind of body it lists and how the community names one.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("sigs", "team", "SIG {}"),
    ("workinggroups", "workstream", "WG {}"),
    ("usergroups", "community_of_practice", "UG {}"),
    ("committees", "committee", "{} Committee"),
)


@dataclass(frozen=True)
class Snapshot:
    """One copied version of the file: where it came from and where its model goes."""

    source: str
    model: str
    repository: str
    commit: str
    title: str


SNAPSHOTS = (
    Snapshot(
        "k8s-sigs-2018.yaml",
        "kubernetes-2018.yaml",
        "jaredbhatti/community",
        "98c1e513aa7780bb357c788622cff21f8ae1c403",
        "Kubernetes community groups (sigs.yaml, early 2018)",
    ),
    Snapshot(
        "k8s-sigs-2020.yaml",
        "kubernetes-2020.yaml",
        "kubernetes/community",
        "0003da38f590390314491922d8a67a620d0131ba",
        "Kubernetes community groups (sigs.yaml, 2020)",
    ),
)

SOURCE_ID = "sigs-yaml"


def _people(entries: object, where: str, roles: dict[str, dict[str, Any]]) -> list[str]:
    """The post ids of a list of people, adding each person's post to `roles`.

    Raises:
        ValueError: one GitHub handle is given two different names in the file.
    """
    ids: list[str] = []
    for index, entry in enumerate(sequence(entries, where)):
        person = mapping(entry, f"{where}[{index}]")
        handle = text(person.get("github"), f"{where}[{index}].github")
        name = text(person.get("name"), f"{where}[{index}].name")
        role_id = f"gh-{slug(handle)}"
        known = roles.get(role_id)
        if known is not None and known["title"] != name:
            raise ValueError(f"{where}: {handle} is {name!r} here but {known['title']!r} earlier")
        if known is None:
            role: dict[str, Any] = {"title": name}
            if handle.lower() != name.lower():
                role["aliases"] = [handle]
            roles[role_id] = role
        if role_id not in ids:
            ids.append(role_id)
    return ids


def convert(source: dict[str, Any], snapshot: Snapshot) -> dict[str, Any]:
    """The govgraph model of one `sigs.yaml`."""
    roles: dict[str, dict[str, Any]] = {}
    bodies: dict[str, dict[str, Any]] = {}
    subprojects: dict[str, dict[str, Any]] = {}
    for section, kind, naming in SECTIONS:
        for index, entry in enumerate(sequence(source.get(section), section)):
            where = f"{section}[{index}]"
            group = mapping(entry, where)
            body_id = "group-" + slug(text(group.get("dir"), f"{where}.dir"))
            leadership = mapping(group.get("leadership") or {}, f"{where}.leadership")
            # 2018 files have `leads`; 2020 files `leadership.chairs` and `leadership.tech_leads`.
            chairs = _people(leadership.get("chairs", group.get("leads")), f"{where} chairs", roles)
            tech_leads = _people(leadership.get("tech_leads"), f"{where}.leadership.tech_leads", roles)
            body: dict[str, Any] = {
                "name": naming.format(text(group.get("name"), f"{where}.name")),
                "kind": kind,
                "organisation": "kubernetes",
            }
            if chairs:
                body["chairs"] = chairs
            if tech_leads:
                body["members"] = [{"role": lead, "as": "technical lead"} for lead in tech_leads]
            if body_id in bodies:
                raise ValueError(f"{where}: dir {body_id!r} is listed twice")
            bodies[body_id] = body
            for sub_index, sub_entry in enumerate(sequence(group.get("subprojects"), f"{where}.subprojects")):
                sub_where = f"{where}.subprojects[{sub_index}]"
                name = text(mapping(sub_entry, sub_where).get("name"), f"{sub_where}.name")
                project = subprojects.setdefault(slug(name), {"name": name, "kind": "project", "part_of": []})
                if project["name"] != name:
                    raise ValueError(f"{sub_where}: {name!r} and {project['name']!r} make the same id")
                project["part_of"].append(body_id)
    for project in subprojects.values():
        if len(project["part_of"]) > 1:
            project["matrix"] = True
    clash = sorted(bodies.keys() & subprojects.keys())
    if clash:
        raise ValueError(f"subproject ids clash with group ids: {clash}")
    everything = {**bodies, **subprojects}
    return {
        "govgraph": 1,
        "title": snapshot.title,
        "description": (
            "Converted from the Kubernetes community's sigs.yaml by tests/data/real/convert/convert_k8s_sigs.py; "
            "the file names no dates and no line of accountability between groups."
        ),
        "sources": {
            SOURCE_ID: {
                "title": "sigs.yaml",
                "publisher": "Kubernetes community",
                "url": f"https://github.com/{snapshot.repository}/blob/{snapshot.commit}/sigs.yaml",
                "note": f"{snapshot.repository} at commit {snapshot.commit}; Apache-2.0",
            }
        },
        "organisations": {"kubernetes": {"name": "Kubernetes project", "source": SOURCE_ID}},
        "roles": {role_id: {**roles[role_id], "source": SOURCE_ID} for role_id in sorted(roles)},
        "bodies": {body_id: {**everything[body_id], "source": SOURCE_ID} for body_id in sorted(everything)},
    }


def main() -> None:
    """Convert every copied snapshot of the file into its model."""
    for snapshot in SNAPSHOTS:
        model = convert(read_source(REAL / "source" / snapshot.source), snapshot)
        header = (
            f"{snapshot.title}: generated by tests/data/real/convert/convert_k8s_sigs.py from\n"
            f"tests/data/real/source/{snapshot.source}; do not edit by hand, change the converter and run it again."
        )
        write_model(REAL / snapshot.model, header, model)


if __name__ == "__main__":
    main()
