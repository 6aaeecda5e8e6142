"""The vocabulary's terms looked up one at a time: a word of the file in words for people, a kind or a status
govgraph does not know (taken as in operation, its name as words), and what registering a relation refuses."""

from __future__ import annotations

import re

import pytest

from govgraph import vocabulary
from govgraph.loading.schema import BodyFields
from govgraph.vocabulary import KindTerm, RelationTerm, StatusTerm

SOLID = {"style": "solid", "color": "#000000", "arrowhead": "normal"}


@pytest.mark.parametrize(
    ("word", "words"),
    [("advisory_group", "advisory group"), ("community_of_practice", "community of practice"), ("board", "board")],
)
def test_a_word_of_the_file_in_words(word: str, words: str) -> None:
    assert vocabulary.words(word) == words


def test_a_known_status_is_its_registered_term() -> None:
    assert vocabulary.status("under_review") == StatusTerm(name="under_review", label="under review")
    assert vocabulary.status("closed").ended


def test_a_status_govgraph_does_not_know_is_in_operation_and_said_as_written() -> None:
    assert vocabulary.status("on_hold") == StatusTerm(name="on_hold", label="on hold", ended=False)


def test_a_known_kind_is_its_registered_term_and_an_unknown_one_a_plain_box() -> None:
    assert vocabulary.kind("advisory_group").plural == "advisory groups"
    assert vocabulary.kind("task_force") == KindTerm(name="task_force", label="task force", plural="task forces")
    assert vocabulary.kind("task_force").shape == "box"


def test_a_relation_is_looked_up_by_name_and_an_unknown_one_is_a_key_error() -> None:
    assert vocabulary.relation("dotted_to").route_word == "dotted line"
    with pytest.raises(KeyError):
        vocabulary.relation("advises")


def relation(**given: object) -> RelationTerm:
    fields: dict[str, object] = {
        "name": "advises",
        "label": "advises",
        "verb": "advises",
        "past_verb": "advised",
        "dot": SOLID,
        "cypher_type": "ADVISES",
        "jsonld": ("gg:advises",),
    } | given
    return RelationTerm(**fields)  # type: ignore[arg-type]


def test_a_complete_relation_is_registered_and_removed_again() -> None:
    before = vocabulary.version()
    with vocabulary.extended(relation()):
        assert vocabulary.relation("advises").cypher_type == "ADVISES"
        assert vocabulary.version() == before + 1
    assert vocabulary.version() == before + 2
    with pytest.raises(KeyError):
        vocabulary.relation("advises")


@pytest.mark.parametrize(
    ("given", "refusal"),
    [
        ({"dot": {"style": "solid", "color": "#000000"}}, "relation 'advises' needs a DOT style with arrowhead"),
        ({"dot": {}}, "relation 'advises' needs a DOT style with arrowhead, color, style"),
        ({"cypher_type": ""}, "relation 'advises' needs a Cypher type in capitals, such as ADVISES"),
        ({"cypher_type": "advises"}, "relation 'advises' needs a Cypher type in capitals, such as ADVISES"),
        ({"cypher_type": "ADVISES-TO"}, "relation 'advises' needs a Cypher type in capitals, such as ADVISES"),
        ({"jsonld": ()}, "relation 'advises' needs the JSON-LD properties of its lines, such as gg:advises"),
        ({"include": ("advice", "steers")}, "relation 'advises' uses an --include word another relation has"),
        ({"name": "status"}, "'status' is already a key of a body in the file format"),
    ],
)
def test_a_relation_that_would_leave_a_gap_is_refused_with_what_it_lacks(
    given: dict[str, object], refusal: str
) -> None:
    before = vocabulary.version()
    with pytest.raises(ValueError, match=f"^{re.escape(refusal)}$"):
        vocabulary.register(relation(**given))
    assert vocabulary.version() == before
    assert "advises" not in vocabulary.relation_names()


def test_a_relation_between_a_body_and_a_post_needs_no_line_style_or_json_ld() -> None:
    with vocabulary.extended(relation(between_bodies=False, dot={}, jsonld=(), cypher_type="ADVISES_ON")):
        assert vocabulary.relation_names()[-1] == "advises"
        assert "advises" not in vocabulary.body_relations()


def test_a_cypher_type_may_have_underscores() -> None:
    with vocabulary.extended(relation(cypher_type="ADVISES_ON")):
        assert vocabulary.relation("advises").cypher_type == "ADVISES_ON"


def test_only_the_registered_term_itself_can_be_removed() -> None:
    with vocabulary.extended(relation()):
        with pytest.raises(ValueError, match="RelationTerm 'advises' is not registered"):
            vocabulary.unregister(relation(label="something else"))
        assert "advises" in vocabulary.relation_names()
    with pytest.raises(ValueError, match="StatusTerm 'dissolved' is not registered"):
        vocabulary.unregister(StatusTerm(name="dissolved", label="dissolved"))


def test_a_block_that_fails_to_register_its_second_term_removes_the_first() -> None:
    with pytest.raises(ValueError, match="registered already"), vocabulary.extended(relation(), relation()):
        pass
    assert "advises" not in vocabulary.relation_names()


# The keys of a body in the file format, less those that are relations already (`chairs`).
BODY_KEYS = sorted(
    {f.alias or name for name, f in getattr(BodyFields, "__pydantic_fields__").items()}  # noqa: B009
    - set(vocabulary.relation_names())
)


@pytest.mark.parametrize("key", BODY_KEYS)
def test_a_relation_cannot_take_the_name_of_a_key_a_body_already_has(key: str) -> None:
    # A relation is written as a key of its body: `name: ...` could not be told from a line called `name`.
    with pytest.raises(ValueError, match=f"^'{key}' is already a key of a body in the file format$"):
        vocabulary.register(relation(name=key))
