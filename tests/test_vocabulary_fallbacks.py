"""Words the vocabulary does not register: a kind, status, chair capacity, standing or way of choosing a chair
that govgraph does not know is still said in words, with the plain meaning that claims least; a frequency or a
section it does not know is an error."""

from __future__ import annotations

import pytest

from govgraph import vocabulary
from govgraph.vocabulary import CapacityTerm, KindTerm, SelectionTerm, StandingTerm, StatusTerm


def test_an_unknown_kind_is_a_plain_box_named_in_words() -> None:
    assert vocabulary.kind("citizens_jury") == KindTerm(
        name="citizens_jury", label="citizens jury", plural="citizens juries"
    )
    assert vocabulary.kind("council_of_governors").plural == "councils of governors"


@pytest.mark.parametrize(
    ("label", "several"),
    [
        ("task force", "task forces"),
        ("assembly", "assemblies"),
        ("relay", "relays"),
        ("church", "churches"),
        ("caucus", "caucuses"),
        ("board of trustees", "boards of trustees"),
    ],
)
def test_a_term_not_registered_is_made_plural_as_english_does(label: str, several: str) -> None:
    assert vocabulary.plural(label) == several


@pytest.mark.parametrize(
    ("n", "noun", "nouns", "said"),
    [
        (1, "body", None, "1 body"),
        (3, "body", None, "3 bodies"),
        (0, "line", None, "0 lines"),
        (2, "ox", "oxen", "2 oxen"),
    ],
)
def test_a_count_is_said_with_its_noun_made_plural_as_english_does(
    n: int, noun: str, nouns: str | None, said: str
) -> None:
    assert vocabulary.count(n, noun, nouns) == said


@pytest.mark.parametrize(
    ("noun", "said"), [("board", "a board"), ("advisory group", "an advisory group"), ("", "a "), ("union", "an union")]
)
def test_the_article_goes_by_the_first_letter(noun: str, said: str) -> None:
    # By the letter, not the sound ("an union"): the vocabulary's labels do not need more.
    assert vocabulary.a(noun) == said


def test_an_unknown_status_is_in_operation_and_named_in_words() -> None:
    assert vocabulary.status("in_abeyance") == StatusTerm(name="in_abeyance", label="in abeyance", ended=False)


def test_an_unknown_chair_capacity_presides_and_is_named_in_words() -> None:
    assert vocabulary.capacity("joint_lead") == CapacityTerm(
        name="joint_lead",
        label="joint lead",
        title="Joint lead",
        presides=True,
        plural="joint leads",
        jsonld="gg:Chair",
    )
    assert vocabulary.capacity("vice_chair").presides is False


def test_an_unknown_standing_is_a_voting_members_and_named_in_words() -> None:
    assert vocabulary.standing("co_opted_member") == StandingTerm(
        name="co_opted_member",
        label="co opted member",
        plural="co opted members",
        member=True,
        votes=True,
        jsonld="gg:Member",
    )
    assert vocabulary.standing("attendee").member is False


def test_an_unknown_way_of_choosing_a_chair_is_its_own_words() -> None:
    assert vocabulary.selection("by_lot") == SelectionTerm(name="by_lot", label="by lot")


def test_an_unknown_frequency_or_section_is_an_error() -> None:
    assert vocabulary.frequency("quarterly").per_year == 4
    with pytest.raises(KeyError):
        vocabulary.frequency("fortnighty")
    assert vocabulary.section_of("body").name == "bodies"
    assert vocabulary.section("roles").kind == "role"
    with pytest.raises(KeyError):
        vocabulary.section_of("person")


def test_a_registered_way_of_choosing_a_chair_is_said_in_its_own_words() -> None:
    with vocabulary.extended(SelectionTerm(name="rotating", label="in rotation")):
        assert vocabulary.selection("rotating").label == "in rotation"
        assert "rotating" in vocabulary.selection_names()
    assert vocabulary.selection("rotating").label == "rotating"
