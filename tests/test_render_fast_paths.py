"""The quick paths of building the DOT give exactly what the plain ones gave (benchmarks/bench_render.py says why
they exist): each is compared with the code it replaced, kept here as the reference. `quote`'s shortcut for text
with nothing to escape, and the one-line shortcut of the label wrapping.
"""

from __future__ import annotations

import re
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govgraph.render import dot as dot_module
from govgraph.render.dot import _wrap, diagram_dot, quote
from govgraph.views import select_view
from test_render import hostile_model

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- the references: the code the quick paths replaced ---------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def reference_quote(text: str) -> str:
    clean = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    escaped = clean.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n") + '"'


def reference_wrap(text: str) -> list[str]:
    return textwrap.wrap(text, 30, break_long_words=True, break_on_hyphens=False) or [""]


# -- DOT -------------------------------------------------------------------------------------------------------------


@SETTINGS
@given(st.text())
def test_quote_is_the_plain_quote(text: str) -> None:
    assert quote(text) == reference_quote(text)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(' a-.x\t\n\r\x0b\x0c\u00a0\u2003é\\"'), max_size=40) | st.text(max_size=40))
def test_wrap_is_textwrap(text: str) -> None:
    assert _wrap(text) == reference_wrap(text)


def test_hostile_names_give_the_same_dot_as_plain_quoting(monkeypatch: pytest.MonkeyPatch) -> None:
    diagram = select_view(hostile_model(), "all")
    quick = diagram_dot(diagram)
    monkeypatch.setattr(dot_module, "quote", reference_quote)
    monkeypatch.setattr(dot_module, "_wrap", reference_wrap)
    dot_module._q.cache_clear()
    try:
        assert diagram_dot(diagram) == quick
    finally:
        dot_module._q.cache_clear()
