"""Post-processing of the SVG a Graphviz engine writes, so it can be published and inlined as it is.

The SVG is parsed with the standard library's `xml.etree` and written out again from the parsed tree, never
edited as text: comments (the engine's version comment among them, which would make SVG differ between engine
builds), processing instructions and the doctype are dropped; the root gets `role="img"`, `aria-labelledby`, a
`<title>` and a `<desc>` stating the structure in words; every element id is prefixed per diagram (and every
`#id` / `url(#id)` reference with it) so several diagrams can be inlined in one page; `<script>`, event-handler
attributes and any link that is not http(s), mailto, a fragment or relative are removed. The root carries the
class `govgraph` for a page's CSS; the background is left transparent.

Each element is cleaned and written as soon as the parser has read it (`SvgCleaner`), while the engine is still
writing the rest, and what is written is what `xml.etree.ElementTree.tostring` writes for the tree cleaned as a
whole. (Cleaning the whole tree, then serialising it with `tostring`, walked it three times in Python once the
engine had finished: for 100 bodies that took longer than building the DOT; benchmarks/bench_render.py.)
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from govgraph.memory import collector_paused

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_HREFS = ("href", f"{{{XLINK_NS}}}href")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_PREFIX_CHARS = re.compile(r"[^A-Za-z0-9_-]")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
#: Namespace -> the prefix written for it: `xml.etree`'s own table, with `register_namespace` below.
_PREFIXES = {
    XML_NS: "xml",
    "http://www.w3.org/1999/xhtml": "html",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://schemas.xmlsoap.org/wsdl/": "wsdl",
    "http://www.w3.org/2001/XMLSchema": "xs",
    "http://www.w3.org/2001/XMLSchema-instance": "xsi",
    "http://purl.org/dc/elements/1.1/": "dc",
    SVG_NS: "",
    XLINK_NS: "xlink",
}

ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)


def safe_url(url: str) -> bool:
    """Whether a link may appear in output: http(s), mailto, a fragment or a relative reference."""
    match = _SCHEME.match(_INVISIBLE.sub("", url))
    return match is None or match.group(1).lower() in _SAFE_SCHEMES


def id_prefix(name: str) -> str:
    """An id prefix for the diagram `name`, made of characters safe in an XML id."""
    return "gg-" + _PREFIX_CHARS.sub("-", name) + "-"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(text: str) -> str:
    """`text` as element content, escaped as `xml.etree` escapes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attribute(value: str) -> str:
    """`value` as an attribute value in double quotes, escaped as `xml.etree` escapes it."""
    value = _text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#09;")
    return value


# What is done with an attribute, by its name (`_Names.key`).
_KEEP, _DROP, _HREF, _ID = range(4)


class _Names:
    """The names elements and attributes are written with, the namespaces these use, and what is done with each
    attribute; worked out once per name."""

    def __init__(self) -> None:
        #: Namespace -> prefix, for those used, in the order first used (`xml.etree` numbers unknown ones so).
        self.namespaces: dict[str, str] = {}
        self.tags: dict[str, str] = {}
        self.keys: dict[str, tuple[int, str]] = {}

    def name(self, qualified: str) -> str:
        """The name `{namespace}local` is written as; its namespace is noted for the root's declarations."""
        if qualified[:1] != "{":
            return qualified
        uri, local = qualified[1:].rsplit("}", 1)
        prefix = self.namespaces.get(uri)
        if prefix is None:
            prefix = _PREFIXES.get(uri)
            if prefix is None:
                prefix = f"ns{len(self.namespaces)}"
            if prefix != "xml":
                self.namespaces[uri] = prefix
        return f"{prefix}:{local}" if prefix else local

    def tag(self, tag: str) -> str:
        found = self.tags.get(tag)
        if found is None:
            found = self.tags[tag] = self.name(tag)
        return found

    def key(self, key: str) -> tuple[int, str]:
        """What to do with the attribute `key`, and the name it is written with."""
        found = self.keys.get(key)
        if found is None:
            if _local(key).lower().startswith("on"):
                found = (_DROP, "")
            elif key in _HREFS:
                # Named when written: a link that is dropped must not declare its namespace.
                found = (_HREF, "")
            elif key == "id":
                found = (_ID, key)
            else:
                found = (_KEEP, self.name(key))
            self.keys[key] = found
        return found


class SvgCleaner:
    """The engine's SVG made accessible, deterministic and safe (see the module docstring), as it arrives.

    `feed` it the engine's output in pieces, as the engine writes them, then `close` it for the text. Each element
    is cleaned and written as soon as the parser has read it whole, so most of the work is done while the engine
    is still writing (`govgraph.render.diagram.render_diagram`). The text is what `xml.etree`'s `tostring` writes
    for the tree cleaned as a whole: `<script>` elements are dropped with their tails, every attribute is cleaned
    as it is written (event handlers and unsafe links dropped, ids and references to them prefixed), and the
    root's start tag is put together last, to declare just the namespaces that the document turned out to use.

    The parser's tree is a large tree of small objects without cycles: run the cleaner with the cyclic garbage
    collector paused (`govgraph.memory.collector_paused`), which would otherwise walk the growing tree over and
    over (a third of the cleaning time on 1,000 bodies).

    Raises (from `feed` and `close`):
        xml.etree.ElementTree.ParseError: the SVG is not well-formed XML, or not an `<svg>` document (a `<script>`
            at the root would otherwise be kept).
    """

    def __init__(self, *, title: str, description: str, prefix: str) -> None:
        self.title, self.description, self.prefix = title, description, prefix
        self.parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
        self.names = _Names()
        self.parts: list[str] = []
        #: The elements open at this point of the document, each with whether its start tag has been written.
        self.open: list[list[Any]] = []
        #: The `<script>` being skipped, with all it holds.
        self.skipping: ET.Element | None = None
        #: The element that ended last, whose tail is complete at the next event, and whether it was dropped.
        self.ended: ET.Element | None = None
        self.dropped = False
        self.root_element: ET.Element | None = None
        self.root_tag = self.root_start = ""

    def feed(self, data: bytes) -> None:
        """Read the next piece of the engine's output."""
        self.parser.feed(data)
        self.read()

    def close(self) -> str:
        """The cleaned SVG, once all of it has been fed."""
        self.parser.close()
        self.read()
        tag = self.root_tag
        declarations = "".join(
            f' xmlns{":" + p if p else ""}="{_attribute(uri)}"'
            for uri, p in sorted(self.names.namespaces.items(), key=lambda item: item[1])
        )
        head = f"<{tag}{declarations}{self.root_start[len(tag) + 1 :]}>"
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{head}{"".join(self.parts)}</{tag}>\n'

    def read(self) -> None:
        """Write what the parser has read whole so far (one loop, as it runs for every element of the drawing)."""
        write, names, stack = self.parts.append, self.names, self.open
        tags, tag_name, start = names.tags, names.tag, self.start
        skipping, ended, dropped = self.skipping, self.ended, self.dropped
        # The events asked for, "start" and "end", each carry an element.
        events: Iterator[tuple[str, ET.Element]] = self.parser.read_events()  # type: ignore[assignment]
        try:
            for event, element in events:
                if skipping is not None:
                    if event == "end" and element is skipping:
                        skipping, ended, dropped = None, element, True
                    continue
                if ended is not None:
                    # The tail of the element that ended last is complete now.
                    tail = ended.tail
                    if tail and not dropped:
                        write(_text(tail) if "&" in tail or "<" in tail or ">" in tail else tail)
                    ended = None
                if event == "start":
                    if not stack:
                        self.root(element)
                    elif element.tag[-6:] == "script" and _local(element.tag) == "script":
                        skipping = element
                    else:
                        parent = stack[-1]
                        if not parent[1]:
                            parent[1] = True
                            self.opening(parent[0])
                        stack.append([element, False])
                    continue
                written = stack.pop()[1]
                if not stack:
                    # The root: its end tag is written by `close`.
                    if not written:
                        self.opening(element)
                elif written:
                    write(f"</{tags.get(element.tag) or tag_name(element.tag)}>")
                else:
                    tag = tags.get(element.tag) or tag_name(element.tag)
                    text = element.text
                    write(f"{start(element, tag)}>{_text(text)}</{tag}>" if text else f"{start(element, tag)} />")
                ended, dropped = element, False
        finally:
            self.skipping, self.ended, self.dropped = skipping, ended, dropped

    def root(self, root: ET.Element) -> None:
        if _local(root.tag) != "svg":
            raise ET.ParseError(f"the document is a <{_local(root.tag)}>, not an <svg>")
        # govgraph's own attributes, where `Element.set` puts them. Cleaning leaves these values as they are, so
        # setting them before cleaning gives what setting them after would.
        prefix = self.prefix
        root.set("role", "img")
        root.set("aria-labelledby", f"{prefix}title {prefix}desc")
        classes = root.get("class", "").split()
        root.set("class", " ".join([*classes, "govgraph"]) if "govgraph" not in classes else " ".join(classes))
        self.root_element, self.root_tag = root, self.names.tag(root.tag)
        self.root_start = self.start(root, self.root_tag)
        self.open.append([root, False])

    def opening(self, element: ET.Element) -> None:
        """Write the start of `element` and its text, before its first child (or as the whole of the root)."""
        text = _text(element.text or "")
        if element is not self.root_element:
            self.parts.append(self.start(element, self.names.tag(element.tag)) + ">" + text)
            return
        # The root's own start tag is written last (`close`); its text, then govgraph's <title> and <desc>, whose
        # ids carry the prefix already and which are not cleaned.
        self.parts.append(text)
        for name, content in (("title", self.title), ("desc", self.description)):
            tag = self.names.tag(f"{{{SVG_NS}}}{name}")
            start = f'<{tag} id="{_attribute(self.prefix + name)}"'
            self.parts.append(f"{start}>{_text(content)}</{tag}>" if content else f"{start} />")

    def start(self, element: ET.Element, tag: str) -> str:
        """The start tag of `element` without its closing `>`, its attributes cleaned."""
        prefix, names = self.prefix, self.names
        text = "<" + tag
        for key, value in element.items():
            action, name = names.keys.get(key) or names.key(key)
            if action == _KEEP:
                if "url(#" in value:
                    value = _URL_REF.sub(lambda m: f"url(#{prefix}{m.group(1)})", value)
            elif action == _ID:
                value = prefix + value
            elif action == _DROP or not safe_url(value):
                continue
            else:
                name = names.name(key)
                if value.startswith("#"):
                    value = "#" + prefix + value[1:]
            if (
                '"' in value
                or "&" in value
                or "<" in value
                or ">" in value
                or "\n" in value
                or "\t" in value
                or "\r" in value
            ):
                value = _attribute(value)
            text += f' {name}="{value}"'
        return text


def postprocess_svg(svg: bytes | str, *, title: str, description: str, prefix: str) -> str:
    """The engine's SVG made accessible, deterministic and safe (see the module docstring and `SvgCleaner`).

    Args:
        title: the diagram's title, for `<title>`.
        description: the structure in words, for `<desc>`.
        prefix: put before every element id (see `id_prefix`).

    Raises:
        xml.etree.ElementTree.ParseError: `svg` is not well-formed XML, or not an `<svg>` document.
    """
    cleaner = SvgCleaner(title=title, description=description, prefix=prefix)
    with collector_paused():
        cleaner.feed(svg.encode("utf-8") if isinstance(svg, str) else svg)
        return cleaner.close()
