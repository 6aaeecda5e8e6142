"""The quick paths of rendering give what the plain ones gave (benchmarks/bench_render.py says why they exist).

Each is compared with the code it replaced, kept here as the reference: `quote`'s shortcut for text with nothing to
escape, the one-line shortcut of the label wrapping, and the SVG post-processing that copies the engine's text
except where it must change (against cleaning the whole tree with `xml.etree` and serialising it with `tostring`,
compared as canonical XML: the two write the same document in different bytes), on hostile hand-made documents,
on random documents, and on what the engine draws for the London model. The engine reports its failures (before
what its broken output would say), its timeouts and output cut short, and blocks on no pipe.
"""

from __future__ import annotations

import re
import textwrap
import time
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from govgraph.errors import EngineFailed
from govgraph.model import Model
from govgraph.render import dot as dot_module
from govgraph.render import org_chart as layout_module
from govgraph.render.diagram import render_diagram
from govgraph.render.dot import diagram_dot, quote
from govgraph.render.engine import run_engine
from govgraph.render.org_chart import NAME_WRAP, _wrap
from govgraph.render.svg import SVG_NS, XLINK_NS, id_prefix, postprocess_svg, safe_url
from govgraph.views import ViewSelection, select_view
from support import engine_or_none, hostile_model, stand_in

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- the references: the code the quick paths replaced ---------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def reference_quote(text: str) -> str:
    clean = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    escaped = clean.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n") + '"'


def reference_wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


_HREFS = ("href", f"{{{XLINK_NS}}}href")
_URL_REF = re.compile(r"url\(#([^)]+)\)")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def reference_postprocess(svg: bytes | str, *, title: str, description: str, prefix: str) -> ET.Element:
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=False, insert_pis=False))
    root = ET.fromstring(data, parser=parser)
    for parent in list(root.iter()):
        for index, child in reversed(list(enumerate(parent))):
            if _local(child.tag) == "script":
                # The text after a script stays, after what comes before it.
                if child.tail:
                    if index:
                        parent[index - 1].tail = (parent[index - 1].tail or "") + child.tail
                    else:
                        parent.text = (parent.text or "") + child.tail
                parent.remove(child)
    for element in root.iter():
        for key in list(element.attrib):
            value = element.attrib[key]
            if _local(key).lower().startswith("on"):
                del element.attrib[key]
            elif key in _HREFS:
                if not safe_url(value):
                    del element.attrib[key]
                elif value.startswith("#"):
                    element.attrib[key] = "#" + prefix + value[1:]
            elif key == "id":
                element.attrib[key] = prefix + value
            elif "url(#" in value:
                element.attrib[key] = _URL_REF.sub(lambda m: f"url(#{prefix}{m.group(1)})", value)
    title_el = ET.Element(f"{{{SVG_NS}}}title", {"id": f"{prefix}title"})
    title_el.text = title
    desc_el = ET.Element(f"{{{SVG_NS}}}desc", {"id": f"{prefix}desc"})
    desc_el.text = description
    # Right after the root's start tag, before its text.
    desc_el.tail, root.text = root.text, None
    root.insert(0, desc_el)
    root.insert(0, title_el)
    root.set("role", "img")
    root.set("aria-labelledby", f"{prefix}title {prefix}desc")
    classes = root.get("class", "").split()
    root.set("class", " ".join([*classes, "govgraph"]) if "govgraph" not in classes else " ".join(classes))
    return root


def canonical(svg: str) -> str:
    """`svg` as canonical XML (C14N 2.0): the same document gives the same text, however it was written."""
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<')
    assert svg.endswith(">\n")
    return ET.canonicalize(svg, rewrite_prefixes=True)


def canonical_tree(root: ET.Element) -> str:
    """The tree `root` as canonical XML, as `canonical` writes it: from the tree itself, since what `tostring`
    writes depends on the namespaces registered with `xml.etree` anywhere in the process."""
    parts: list[str] = []
    target = ET.C14NWriterTarget(parts.append, rewrite_prefixes=True)

    def walk(element: ET.Element) -> None:
        target.start(element.tag, dict(element.attrib))
        if element.text:
            target.data(element.text)
        for child in element:
            walk(child)
            if child.tail:
                target.data(child.tail)
        target.end(element.tag)

    walk(root)
    return "".join(parts)


def same_as_reference(svg: bytes | str, title: str = "T", description: str = "D", prefix: str = "gg-x-") -> str:
    """`postprocess_svg` gives what the reference gives."""
    made = postprocess_svg(svg, title=title, description=description, prefix=prefix)
    assert canonical(made) == canonical_tree(
        reference_postprocess(svg, title=title, description=description, prefix=prefix)
    )
    return made


def assert_clean(svg: str) -> None:
    """`svg` is well-formed, with no script, event handler or unsafe link."""
    for element in ET.fromstring(svg).iter():
        assert _local(element.tag) != "script"
        for key, value in element.attrib.items():
            assert not _local(key).lower().startswith("on")
            if key in _HREFS:
                assert safe_url(value)


# -- DOT -------------------------------------------------------------------------------------------------------------


@SETTINGS
@given(st.text())
def test_quote_is_the_plain_quote(text: str) -> None:
    assert quote(text) == reference_quote(text)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(' a-.x\t\n\r\x0b\x0c\u00a0\u2003é\\"'), max_size=40) | st.text(max_size=40))
def test_wrap_is_textwrap(text: str) -> None:
    # A word too long for a line breaks after a hyphen first (tests/render/test_box_wrapping.py); elsewhere the
    # quick path and the hyphen rule give exactly what textwrap gives.
    assume(not any(len(word) > NAME_WRAP and "-" in word.strip("-") for word in text.split(" ")))
    assert _wrap(text, NAME_WRAP) == reference_wrap(text, NAME_WRAP)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(" a-x\u00e9"), max_size=60))
def test_wrap_keeps_every_character_and_every_line_fits(text: str) -> None:
    lines = _wrap(text, NAME_WRAP)
    assert all(len(line) <= NAME_WRAP for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_hostile_names_give_the_same_dot_as_plain_quoting(monkeypatch: pytest.MonkeyPatch) -> None:
    diagram = select_view(hostile_model(), ViewSelection("all"))
    quick = diagram_dot(diagram)
    monkeypatch.setattr(dot_module, "quote", reference_quote)
    monkeypatch.setattr(layout_module, "_wrap", reference_wrap)
    dot_module._q.cache_clear()
    try:
        assert diagram_dot(diagram) == quick
    finally:
        dot_module._q.cache_clear()


# -- SVG -------------------------------------------------------------------------------------------------------------

HAND_MADE = (
    # The engine's version comment, unsafe links, a script and an event handler.
    '<?xml version="1.0"?><!-- Generated by graphviz version 9 --><svg xmlns="http://www.w3.org/2000/svg" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"><g id="node1"><a xlink:href="javascript:alert(1)">x</a>'
    '<a href=" JaVaScRiPt:alert(1)">y</a><a href="https://example.org">z</a><a href="page.html">w</a>'
    '<script>alert(1)</script><rect fill="url(#grad)" onclick="alert(1)"/></g></svg>',
    # Scripts in other namespaces and with tails, a root that has a role, a class and a handler of its own,
    # escapes in attributes and text, CDATA, attributes in other namespaces.
    '<svg xmlns="http://www.w3.org/2000/svg" class="a  govgraph b" role="x" id="r" onload="x()"><g>'
    '<script xmlns="http://www.w3.org/1999/xhtml">bad</script>tail<s:script xmlns:s="urn:x">x</s:script>t2'
    '<script/></g><g/><text xml:space="preserve" title="a&quot;b&#10;c&#9;d&#13;e&lt;&amp;&gt;">a &amp; b &lt; '
    'c &gt; d<![CDATA[ <x> & ]]></text><g xmlns:foo="urn:foo" foo:bar="1" foo:onx="2">'
    '<foo:el foo:href="javascript:x" href="#frag">x</foo:el></g>'
    '<a xlink:href="#f" xmlns:xlink="http://www.w3.org/1999/xlink"/></svg>',
    # A data: link, mailto, and xlink used only by a kept attribute.
    '<svg xmlns="http://www.w3.org/2000/svg"><text>e</text>'
    '<use href="data:text/html,x"/><use href="mailto:a@b"/>'
    '<a xlink:title="t" xmlns:xlink="http://www.w3.org/1999/xlink"/></svg>',
    # The engine's prolog, escapes kept as written, ids that are not the first attribute or in single quotes, an
    # element written with a prefix, and references written with character references.
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
    ' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- Generated by graphviz -->\n'
    '<svg width="8pt" xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg" '
    'xmlns:xlink="http://www.w3.org/1999/xlink">\n<g id="graph0" class="graph">\n<title>a&#45;b</title>\n'
    '<g class="node" id=\'node1\'><s:g id="n2" fill="u&#114;l(#g)"/><a xlink:href="&#35;node1"/>'
    '<a xlink:href="java&#115;cript:x"/><?pi x?></g>\n</g>\n</svg>\n<!-- after -->\n',
    # xlink used only by a link that is dropped: not declared.
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    '<a xlink:href="javascript:1"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"/>',
    '<svg><g id="x" style="fill:url(#a) url(#b)"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg">\n<g>\n<script>a</script>\n</g>\n</svg>',
    # Raw `>` and the other quote inside attribute values, in tags that change and tags that do not, attributes
    # spread over lines, and a script inside a script.
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    "<g id='a\"b' title=\"x>y\" onclick='1>0'/><g title='p\"q>' class=\"k\"/>"
    '<a\n  xlink:href = "#t>1"\n  xlink:title="t"\n>x</a><script><script>1</script><g id="in"/></script>tail</svg>',
    # A reference in the root's own class, which govgraph adds to.
    '<svg xmlns="http://www.w3.org/2000/svg" class="url(#a) b"><g/></svg>',
    # A comment and a processing instruction inside a script, and an empty script.
    '<svg xmlns="http://www.w3.org/2000/svg"><script>a<!--c-->b<?p x?></script><g id="x"/><script/>t</svg>',
)
TITLES = (("T", "D"), ("", ""), ('a & <b> "q"', "line1\nline2 & <x>\ttab"))


@pytest.mark.parametrize("svg", HAND_MADE)
@pytest.mark.parametrize(("title", "description"), TITLES)
def test_hand_made_svg_means_what_it_did(svg: str, title: str, description: str) -> None:
    assert_clean(same_as_reference(svg, title, description))


XML_NS = "http://www.w3.org/XML/1998/namespace"
NAMESPACES = ("", SVG_NS, SVG_NS, SVG_NS, XLINK_NS, XML_NS, "urn:x", "http://www.w3.org/1999/xhtml")
TAGS = ("svg", "g", "a", "text", "script", "Script", "title", "use")
KEYS = ("id", "href", "class", "fill", "style", "onclick", "ONLOAD", "on", "role", "aria-labelledby", "space", "x")
# Characters XML 1.0 allows (a parsed document can hold no others).
XML_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_characters=[*(chr(c) for c in range(32) if c not in (9, 10, 13)), "\ufffe", "\uffff"],
    ),
    max_size=12,
)
VALUES = st.one_of(
    XML_TEXT,
    st.sampled_from(
        ("javascript:alert(1)", " JaVa\tScript:x", "#frag", "url(#a)", "x url(#b) y", "https://e.org", "&<>\"'")
    ),
)


def _name(namespace: str, local: str) -> str:
    return f"{{{namespace}}}{local}" if namespace else local


# The strategies a document is drawn from are made once: made anew at every draw, Hypothesis spent most of the
# test's time (three quarters of it) working out what each new one can draw.
TAG = st.sampled_from(TAGS)
ROOT_NAMESPACE = st.sampled_from(NAMESPACES[:4])
NAMESPACE = st.sampled_from(NAMESPACES)
ATTRIBUTES = st.lists(st.tuples(NAMESPACE, st.sampled_from(KEYS)), max_size=4, unique=True)
MAYBE_TEXT = st.none() | XML_TEXT
DEEPEST = 3


@st.composite
def elements(draw: st.DrawFn, depth: int = 0) -> ET.Element:
    # The root is an <svg>, as the engine's is (anything else is refused: see the next test).
    local = "svg" if depth == 0 else draw(TAG)
    tag = _name(draw(ROOT_NAMESPACE if depth == 0 else NAMESPACE), local)
    keys = draw(ATTRIBUTES)
    element = ET.Element(tag, {_name(n, k): draw(VALUES) for n, k in keys if n != SVG_NS})
    element.text = draw(MAYBE_TEXT)
    if depth < DEEPEST:
        for child in draw(CHILDREN[depth + 1]):
            child.tail = draw(MAYBE_TEXT)
            element.append(child)
    return element


#: The children of an element at each depth below the root.
CHILDREN = {depth: st.lists(elements(depth), max_size=3) for depth in range(1, DEEPEST + 1)}


@SETTINGS
@given(elements(), XML_TEXT, XML_TEXT, st.sampled_from(("gg-x-", "gg-model-", "")))
def test_random_documents_mean_what_they_did(root: ET.Element, title: str, description: str, prefix: str) -> None:
    svg = ET.tostring(root, encoding="unicode")
    assert_clean(same_as_reference(svg, title, description, prefix))


@pytest.mark.parametrize("svg", ['<script xmlns="http://www.w3.org/2000/svg">alert(1)</script>', "<html><svg/></html>"])
def test_a_document_that_is_not_svg_is_refused(svg: str) -> None:
    with pytest.raises(ET.ParseError, match="not an <svg>"):
        postprocess_svg(svg, title="T", description="D", prefix="gg-x-")


ENGINE_PROLOG = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
    ' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
)


@pytest.mark.parametrize(
    ("svg", "reason"),
    [
        # Entities the document declares itself: their references would be copied, their declarations not.
        ('<!DOCTYPE svg [<!ENTITY e "x">]><svg><text>&e;</text></svg>', "declares entities"),
        ('<!DOCTYPE svg [<!ATTLIST svg a CDATA "x">]><svg/>', "declares entities"),
        # Entities that only the engine's DTD could define, which is not read: in text, and in an attribute.
        (ENGINE_PROLOG + "<svg><text>&nbsp;</text></svg>", "entity nbsp"),
        (ENGINE_PROLOG + '<svg><g class="&nbsp;"/></svg>', "an entity that it does not define"),
        # Not UTF-8.
        ('<?xml version="1.0" encoding="ISO-8859-1"?><svg/>', "written in ISO-8859-1"),
        ("<svg/>".encode("utf-16"), "UTF-16"),
        ("<svg/>".encode("utf-16-le"), "UTF-16"),
        # Not well-formed, fed whole or found only at the end.
        ("<svg><g></svg>", "mismatched tag"),
        ("<svg>", "no element found"),
        ("", "no element found"),
    ],
)
def test_a_document_the_copy_cannot_vouch_for_is_refused(svg: str | bytes, reason: str) -> None:
    with pytest.raises(ET.ParseError, match=reason):
        postprocess_svg(svg, title="T", description="D", prefix="gg-x-")


def test_only_what_must_change_is_written_again() -> None:
    # The engine's text is kept byte for byte outside the tags that change: its escapes, line breaks and the
    # order of its attributes.
    raw = ENGINE_PROLOG + (
        '<!-- Generated by graphviz -->\n<svg width="8pt"\n viewBox="0 0 8 8" xmlns="http://www.w3.org/2000/svg">\n'
        '<g id="graph0" class="graph">\n<title>a&#45;b &amp; c</title>\n<!-- a&#45;b -->\n'
        '<polygon fill="#ffffff" stroke="transparent" points="-4,4 -4,-8"/>\n</g>\n</svg>\n<!-- after -->\n'
    )
    assert postprocess_svg(raw, title="T", description="D", prefix="gg-x-") == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg width="8pt" viewBox="0 0 8 8" xmlns="http://www.w3.org/2000/svg" role="img" '
        'aria-labelledby="gg-x-title gg-x-desc" class="govgraph"><title id="gg-x-title">T</title>'
        '<desc id="gg-x-desc">D</desc>\n'
        '<g id="gg-x-graph0" class="graph">\n<title>a&#45;b &amp; c</title>\n\n'
        '<polygon fill="#ffffff" stroke="transparent" points="-4,4 -4,-8"/>\n</g>\n</svg>\n'
    )


def test_london_svg_means_what_it_did(london: Model) -> None:
    if engine_or_none() is None:
        pytest.skip("no Graphviz engine")
    for view in (None, *sorted(london.views)):
        diagram = select_view(london, ViewSelection(view))
        raw = run_engine(diagram_dot(diagram), "svg")
        made = same_as_reference(raw, diagram.title, diagram.describe(), id_prefix(diagram.id))
        assert render_diagram(diagram, "svg") == made
    diagram = select_view(hostile_model(), ViewSelection("all"))
    raw = run_engine(diagram_dot(diagram), "svg")
    assert render_diagram(diagram, "svg") == same_as_reference(raw, diagram.title, diagram.describe(), "gg-all-")


# -- the engine: its failures, its timeouts, its pipes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("script", "reason"),
    [
        # The engine's own failure comes first, before anything its broken output would say.
        ('printf "<svg><g><<<"; echo "Error: out of memory" >&2; exit 1', "out of memory"),
        ('printf "<svg><g><<<"', "its SVG is not well-formed XML"),
        ('printf "<script>alert(1)</script>"', "not an <svg>"),
        # Output cut short: still after the engine's own failure, else as SVG that is not well-formed.
        ('printf "<svg><g>"; echo "Error: killed" >&2; exit 1', "killed"),
        ('printf "<svg><g>"', r"its SVG is not well-formed XML \(no element found"),
    ],
)
def test_a_failing_engine_is_reported_before_its_broken_output(tmp_path: Path, script: str, reason: str) -> None:
    engine = stand_in(tmp_path, "dot", f"cat >/dev/null; {script}")
    with pytest.raises(EngineFailed, match=reason):
        render_diagram(select_view(hostile_model(), ViewSelection("all")), "svg", engine=engine)


def test_much_on_every_pipe_does_not_block(tmp_path: Path) -> None:
    # A megabyte of DOT in; the engine answers on standard error and standard output before it has read it all,
    # more than a pipe holds on each: nothing waits on anything.
    engine = stand_in(
        tmp_path,
        "dot",
        "head -c 1000 >/dev/null; seq 50000 | sed 's/^/warning /' >&2; yes '<g/>' | head -n 50000; cat >/dev/null",
    )
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        out = run_engine("x" * 1_000_000, "svg", engine=engine, timeout=60)
    assert out == b"<g/>\n" * 50000
    assert len(said) == 50000  # each line, worded once (the same line twice is said once)
    assert str(said[-1].message) == "the Graphviz engine (dot) says: warning 50000"


def test_an_engine_that_reads_nothing_is_stopped_in_time(tmp_path: Path) -> None:
    engine = stand_in(tmp_path, "dot", "sleep 30")
    started = time.monotonic()
    with pytest.raises(EngineFailed, match=r"no answer after 0\.5 seconds"):
        run_engine("x" * 1_000_000, "svg", engine=engine, timeout=0.5)
    assert time.monotonic() - started < 10


def test_a_render_uses_the_dot_it_is_given(london: Model) -> None:
    # `govgraph build` has built each diagram's DOT for its key already, and hands it over rather than have the
    # render build it again: what is drawn is that DOT.
    if engine_or_none() is None:
        pytest.skip("no Graphviz engine")
    diagram = select_view(london, ViewSelection("accountability"))
    assert render_diagram(diagram, "svg", dot=diagram_dot(diagram)) == render_diagram(diagram, "svg")
    other = select_view(hostile_model(), ViewSelection("all"))
    drawn = render_diagram(diagram, "svg", dot=diagram_dot(other))
    assert isinstance(drawn, str)
    assert "<title>lceg</title>" not in drawn
    assert render_diagram(diagram, "dot", dot=diagram_dot(other)) == diagram_dot(other)
