"""`govgraph quorum --as-of`: the answer is judged from the terms and the seats in force on the date asked."""

from __future__ import annotations

from govgraph import queries
from govgraph.model import PartialDate
from govgraph.render.terms import quorum_text
from test_terms_queries import model


def test_before_its_terms_were_approved_the_body_has_no_quorum_to_judge() -> None:
    question = queries.quorum(model(), "board", absent=["Trust Chair"], as_of=PartialDate.parse("2024-06"))
    assert question.quorate is None
    assert quorum_text(question) == (
        "Could Trust Board be quorate with Trust Chair absent (as of 30 June 2024)? Cannot tell.\n"
        "Trust Board's terms of reference were approved in January 2025, after that date.\n"
    )
    after = queries.quorum(model(), "board", absent=["Trust Chair"], as_of=PartialDate.parse("2025-03"))
    assert after.quorate is True


def test_terms_without_a_quorum_say_so() -> None:
    question = queries.quorum(model(), "quality")
    assert question.quorate is None
    assert quorum_text(question).endswith("Quality Committee's terms of reference record no quorum.\n")
