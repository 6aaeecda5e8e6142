"""OpenStack's technical governance (the governance repository's files) as a govgraph model.

`python convert_openstack.py` rewrites `tests/data/real/openstack-2020.yaml` from three excerpts in `source/`:
the official project teams (`projects.yaml`), the Technical Committee's members (`members.yaml`) and the special
interest groups (`sigs/sigs.yaml`). What the files do not say of accountability is taken from the TC's charter
and the governance site's comparison of group structures, whose sentences are quoted below where they are used.

How the files' notions are mapped (see tests/data/README.md for what is left out and why):

- the Technical Committee is a committee, the top of the structure ("an ultimate appeals board for technical
  decisions, and generally has technical oversight over all of OpenStack"); its members sit on it as voting
  members ("only TC members can ultimately cast a vote"), the member whose role is `chair` chairs it and the
  `vice-chair` is its vice-chair; its quorum is half its members ("at least half of the members need to be
  present (rounded up)") and it meets monthly ("TC status meetings ... are public and held monthly");
- each project team is a team, its id `team-` and the file's key, reporting to the TC ("The work of project teams
  is performed under the oversight of the TC"); its PTL chairs it. A team whose `leadership_type` is
  `distributed` has no PTL: it has no chair, and its liaisons sit on it `as` their liaison role;
- the TC members a team's `liaisons.tc_members` names are the TC's liaisons to that team (`liaison_to`, by
  their posts);
- each SIG is a team named "<name> SIG", reporting to both the TC and the User Committee ("SIGs ... are governed
  by both TC and UC and lead by SIG chairs"), except the Edge Computing group, which the comparison page calls
  one of the groups "directly driven by OpenStack Foundation (OSF) or Board of directors", neither of which is in
  the files: it has no line up. A SIG whose status is `active` is active; the file's other statuses (`advisory`,
  `forming`) have no govgraph word, so they are said in the SIG's description and no status is recorded;
- each person is a post of their own, titled with their name, its id `irc-` and their IRC nick (an alias); where
  the file says "No nick supplied" the id is `person-` and their name, with no alias;
- the files give no dates that say when anything held, so there are none here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml
from convert_common import mapping, read_source, sequence, slug, text, write_model

HERE = Path(__file__).resolve().parent
REAL = HERE.parent

REPOSITORY = "openstack/governance"
PROJECTS = ("openstack-projects-2020.yaml", "b853a4baf197f585d337608e84a40919b5e759b9", "reference/projects.yaml")
MEMBERS = ("openstack-tc-members-2020.yaml", "60268b8504a6b49e5ccc81fb9ceaa3bbd2f5562c", "reference/members.yaml")
SIGS = ("openstack-sigs.yaml", "1555895eac809942d8ab932b3cc5df33b7772e4c", "reference/sigs/sigs.yaml")
CHARTER = ("181ffc2157cfaddec16a02ec78c4de6c0b6c9489", "reference/charter.rst")
STRUCTURES = ("138571772aa8fd57319409c3641d3bae9fb6b1e0", "reference/comparison-of-official-group-structures.rst")
MODEL = "openstack-2020.yaml"
TITLE = "OpenStack project teams, SIGs and Technical Committee (2020)"

NO_NICK = "No nick supplied"
# The liaisons a team under distributed leadership names, and what each one does there.
LIAISONS = (("release", "release liaison"), ("tact-sig", "tact-sig liaison"), ("security", "security liaison"))
# The SIG that the comparison page places under the Foundation or its Board rather than the TC and UC.
FOUNDATION_LEVEL = "Edge Computing"
# The SIG statuses that are govgraph statuses; the others are said in words.
STATUSES = {"active": "active"}


def _url(repository: str, commit: str, path: str) -> str:
    return f"https://github.com/{repository}/blob/{commit}/{path}"


def _source(title: str, commit: str, path: str, note: str) -> dict[str, Any]:
    return {
        "title": title,
        "publisher": "OpenStack Technical Committee",
        "url": _url(REPOSITORY, commit, path),
        "note": f"{REPOSITORY} at commit {commit}; {note}",
    }


SOURCES: dict[str, dict[str, Any]] = {
    "projects-yaml": _source("projects.yaml (official project teams)", PROJECTS[1], PROJECTS[2], "trimmed excerpt"),
    "members-yaml": _source("members.yaml (Technical Committee members)", MEMBERS[1], MEMBERS[2], "trimmed excerpt"),
    "sigs-yaml": _source("sigs.yaml (special interest groups)", SIGS[1], SIGS[2], "trimmed excerpt"),
    "tc-charter": _source("OpenStack Technical Committee Charter", CHARTER[0], CHARTER[1], "read, not copied"),
    "group-structures": _source(
        "Comparison of Official Group Structures", STRUCTURES[0], STRUCTURES[1], "read, not copied"
    ),
}


class People:
    """Every person the files name, each a post of their own, one id per person whatever file names them."""

    def __init__(self) -> None:
        self.roles: dict[str, dict[str, Any]] = {}

    def post(self, entry: object, where: str, source: str) -> str:
        """The post id of one `{name, irc}` entry, adding the post on first sight.

        Raises:
            ValueError: one IRC nick is given two different names.
        """
        person = mapping(entry, where)
        name = text(person.get("name"), f"{where}.name")
        nick = text(person.get("irc"), f"{where}.irc")
        return self.named(name, nick, where, source)

    def named(self, name: str, nick: str, where: str, source: str) -> str:
        """The post id of the person `name` with the IRC nick `nick` (see `post`)."""
        if nick == NO_NICK:
            role_id, aliases = f"person-{slug(name)}", []
        else:
            role_id, aliases = f"irc-{slug(nick)}", [nick]
        known = self.roles.get(role_id)
        if known is not None and known["title"] != name:
            raise ValueError(f"{where}: {nick} is {name!r} here but {known['title']!r} earlier")
        if known is None:
            role: dict[str, Any] = {"title": name}
            if aliases and aliases[0].lower() != name.lower():
                role["aliases"] = aliases
            role["source"] = source
            self.roles[role_id] = role
        return role_id


def _committee(members: list[Any], people: People) -> tuple[dict[str, Any], dict[str, str]]:
    """The Technical Committee's body, and its members' posts by IRC nick (for the teams' liaisons).

    Raises:
        ValueError: the file names no chair, or more than one.
    """
    by_nick: dict[str, str] = {}
    chairs: list[dict[str, Any]] = []
    seats: list[dict[str, Any]] = []
    for index, entry in enumerate(members):
        where = f"members[{index}]"
        member = mapping(entry, where)
        post = people.post(member, where, "members-yaml")
        by_nick[text(member.get("irc"), f"{where}.irc")] = post
        role = member.get("role")
        if role == "chair":
            chairs.append({"role": post})
        elif role == "vice-chair":
            chairs.append({"role": post, "capacity": "vice_chair"})
        elif role is not None:
            raise ValueError(f"{where}: unknown role {role!r}")
        seats.append({"role": post, "standing": "voting_member"})
    if sum(1 for chair in chairs if "capacity" not in chair) != 1:
        raise ValueError("members.yaml: expected exactly one chair")
    chairs.sort(key=lambda chair: "capacity" in chair)  # the chair before the vice-chair
    body: dict[str, Any] = {
        "name": "Technical Committee",
        "short": "TC",
        "kind": "committee",
        "organisation": "openstack",
        "top": True,
        "chairs": chairs,
        "members": seats,
        "terms": {
            "source": "tc-charter",
            "quorum": {
                "fraction": "1/2",
                "note": "At least half of the members need to be present, rounded up (Meeting).",
            },
            "meets": "monthly",
        },
        "source": "members-yaml",
    }
    return body, by_nick


def _team(key: str, entry: object, people: People, tc_posts: dict[str, str]) -> dict[str, Any]:
    """One project team's body.

    Raises:
        ValueError: a team names no PTL without being under distributed leadership, a TC liaison who is not a
            TC member, or a leadership type the converter does not know.
    """
    where = f"projects[{key!r}]"
    team = mapping(entry, where)
    leadership = team.get("leadership_type")
    liaisons = mapping(team.get("liaisons") or {}, f"{where}.liaisons")
    body: dict[str, Any] = {"name": key, "kind": "team", "organisation": "openstack"}
    url = team.get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        body["url"] = url
    if leadership is None:
        if "ptl" not in team:
            raise ValueError(f"{where}: no PTL and no distributed leadership")
        body["chairs"] = [people.post(team["ptl"], f"{where}.ptl", "projects-yaml")]
    elif leadership == "distributed":
        if "ptl" in team:
            raise ValueError(f"{where}: a PTL under distributed leadership")
        body["description"] = "projects.yaml gives its leadership type as “distributed”: it has no PTL."
        seats = []
        for field, doing in LIAISONS:
            for index, person in enumerate(sequence(liaisons.get(field), f"{where}.liaisons.{field}")):
                post = people.post(person, f"{where}.liaisons.{field}[{index}]", "projects-yaml")
                seats.append({"role": post, "as": doing})
        body["members"] = seats
    else:
        raise ValueError(f"{where}: unknown leadership_type {leadership!r}")
    body["reports_to"] = [{"body": "tc", "source": "tc-charter"}]
    body["source"] = "projects-yaml"
    for nick in sequence(liaisons.get("tc_members"), f"{where}.liaisons.tc_members"):
        if nick not in tc_posts:
            raise ValueError(f"{where}: TC liaison {nick!r} is not a TC member in members.yaml")
    return body


def _sig(name: str, entry: object, people: People) -> dict[str, Any]:
    """One SIG's body."""
    where = f"sigs[{name!r}]"
    sig = mapping(entry, where)
    chairs = [
        people.post(chair, f"{where}.chairs[{index}]", "sigs-yaml")
        for index, chair in enumerate(sequence(sig.get("chairs"), f"{where}.chairs"))
    ]
    body: dict[str, Any] = {"name": f"{name} SIG", "kind": "team", "organisation": "openstack"}
    status = text(sig.get("status"), f"{where}.status")
    if status in STATUSES:
        body["status"] = STATUSES[status]
    else:
        body["description"] = f"sigs.yaml gives its status as “{status}”."
    url = sig.get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        body["url"] = url
    if chairs:
        body["chairs"] = chairs
    if name != FOUNDATION_LEVEL:
        body["reports_to"] = [
            {"body": "tc", "source": "group-structures"},
            {"body": "uc", "source": "group-structures"},
        ]
        body["matrix"] = True
    body["source"] = "sigs-yaml"
    return body


def convert(projects: dict[str, Any], members: list[Any], sigs: dict[str, Any]) -> dict[str, Any]:
    """The govgraph model of the three files."""
    people = People()
    tc, tc_posts = _committee(members, people)
    bodies: dict[str, dict[str, Any]] = {"tc": tc}
    liaison_lines: list[dict[str, Any]] = []
    for key, entry in projects.items():
        body_id = f"team-{slug(key)}"
        if body_id in bodies:
            raise ValueError(f"projects[{key!r}]: id {body_id!r} is made twice")
        bodies[body_id] = _team(key, entry, people, tc_posts)
        liaisons = mapping(mapping(entry, key).get("liaisons") or {}, key)
        for nick in sequence(liaisons.get("tc_members"), key):
            liaison_lines.append({"body": body_id, "by": tc_posts[nick], "source": "projects-yaml"})
    tc["liaison_to"] = liaison_lines
    tc["source"] = tc.pop("source")  # last, as on every other body
    bodies["uc"] = {
        "name": "User Committee",
        "short": "UC",
        "kind": "committee",
        "organisation": "openstack",
        "ignore": [
            {"code": "GG401", "reason": "The files read do not say who chairs the User Committee."},
            {"code": "GG304", "reason": "The files read do not say to whom the User Committee answers."},
        ],
        "source": "group-structures",
    }
    for name, entry in sigs.items():
        body_id = f"sig-{slug(name)}"
        if body_id in bodies:
            raise ValueError(f"sigs[{name!r}]: id {body_id!r} is made twice")
        bodies[body_id] = _sig(name, entry, people)
    return {
        "govgraph": 1,
        "title": TITLE,
        "description": (
            "Converted from the OpenStack governance repository's projects.yaml, members.yaml and sigs.yaml by "
            "tests/data/real/convert/convert_openstack.py; the lines of accountability are the TC charter's and "
            "the comparison of group structures'. The project teams and TC members are of late 2020 (the Wallaby "
            "cycle); the SIGs file is undated."
        ),
        "sources": SOURCES,
        "organisations": {"openstack": {"name": "OpenStack project", "source": "group-structures"}},
        "roles": {role_id: people.roles[role_id] for role_id in sorted(people.roles)},
        "bodies": {body_id: bodies[body_id] for body_id in sorted(bodies)},
    }


def main() -> None:
    """Convert the copied excerpts into the model."""
    source = REAL / "source"
    with (source / MEMBERS[0]).open(encoding="utf-8") as handle:
        members = sequence(yaml.safe_load(handle), MEMBERS[0])
    model = convert(read_source(source / PROJECTS[0]), members, read_source(source / SIGS[0]))
    header = (
        f"{TITLE}: generated by tests/data/real/convert/convert_openstack.py from\n"
        f"tests/data/real/source/{PROJECTS[0]}, {MEMBERS[0]} and {SIGS[0]};\n"
        "do not edit by hand, change the converter and run it again."
    )
    write_model(REAL / MODEL, header, model)


if __name__ == "__main__":
    main()
