"""Post-processing of the SVG a Graphviz engine writes, so it can be published and inlined as it is.

The SVG is parsed with the standard library's `xml.etree` and edited as a tree, never as text: comments (the
engine's version comment among them, which would make SVG differ between engine builds) are dropped; the root
gets `role="img"`, `aria-labelledby`, a `<title>` and a `<desc>` stating the structure in words; every element
id is prefixed per diagram (and every `#id` / `url(#id)` reference with it) so several diagrams can be inlined in
one page; `<script>`, event-handler attributes and any link that is not http(s), mailto, a fragment or relative
are removed. The root carries the class `govgraph` for a page's CSS; the background is left transparent.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_HREFS = ("href", f"{{{XLINK_NS}}}href")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_PREFIX_CHARS = re.compile(r"[^A-Za-z0-9_-]")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")

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


def postprocess_svg(svg: bytes | str, *, title: str, description: str, prefix: str) -> str:
    """The engine's SVG made accessible, deterministic and safe (see the module docstring).

    Args:
        title: the diagram's title, for `<title>`.
        description: the structure in words, for `<desc>`.
        prefix: put before every element id (see `id_prefix`).

    Raises:
        xml.etree.ElementTree.ParseError: `svg` is not well-formed XML.
    """
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=False, insert_pis=False))
    root = ET.fromstring(data, parser=parser)
    for parent in list(root.iter()):
        for child in list(parent):
            if _local(child.tag) == "script":
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
    root.insert(0, desc_el)
    root.insert(0, title_el)
    root.set("role", "img")
    root.set("aria-labelledby", f"{prefix}title {prefix}desc")
    classes = root.get("class", "").split()
    root.set("class", " ".join([*classes, "govgraph"]) if "govgraph" not in classes else " ".join(classes))
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
