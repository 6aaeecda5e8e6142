"""Post-processing of the SVG a Graphviz engine writes, so it can be published and inlined as it is.

What is done: comments (the engine's version comment among them, which would make SVG differ between engine
builds), processing instructions, the XML declaration and the doctype are dropped; the root gets `role="img"`,
`aria-labelledby`, a `<title>` and a `<desc>` stating the structure in words; every element id is prefixed per
diagram (and every `#id` / `url(#id)` reference with it) so several diagrams can be inlined in one page;
`<script>` elements, event-handler attributes and any link that is not http(s), mailto, a fragment or relative
are removed. The root carries the class `govgraph` for a page's CSS; the background is left transparent.

How: the standard library's expat parser reads the document, and every decision is taken on what it reports
(names with their namespaces resolved, attribute values with their references decoded), never on the text alone.
The engine's text is then copied as it is, except at the places the parser marked: a start tag that must change is
written again from its attributes, the prefix is put into an id, a comment or a script is cut out. The copying
relies on the parser having accepted the document, so documents it cannot vouch for are refused: one that
declares entities or any other DTD content of its own, refers to entities it does not define, or is not in
UTF-8. Graphviz writes none of these.

(The engine writes about 2,300 elements for 100 bodies. Rebuilding each of them through `xml.etree`, as this module
did before, took twice the time of the parse itself, and longer than building the DOT: benchmarks/bench_render.py.)
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import xml.parsers.expat as expat
from typing import Any

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_PREFIX_CHARS = re.compile(r"[^A-Za-z0-9_-]")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")

#: Raised whenever this module writes the same engine output differently, so that `govgraph build` draws again
#: what it drew before (its keys carry it).
CLEANER_VERSION = 2

# The parser reports names as "namespace local", or "local" outside any namespace.
_HREFS = ("href", f"{XLINK_NS} href")
# A start tag, in a document the parser has accepted: its name, its attributes and whether it is empty (`/>`). An
# attribute value holds no `<` and no quote of its own kind, so this cannot end inside one.
_START = re.compile(rb"""<([^\s/>]+)((?:\s+[^\s=]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>""")
_ATTRIBUTE = re.compile(rb"""([^\s=]+)\s*=\s*("[^"]*"|'[^']*')""")
# A reference the document could only have taken from a DTD, the five XML defines aside.
_ENTITY = re.compile(rb"&(?!(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)")
# One of the characters of "url(#" written as a reference. Attribute values are searched for a `url(#id)`
# reference only when the document has one of these or "url(" written out (see `SvgCleaner`). (Two searches:
# one pattern with both alternatives takes ten times as long, having no fixed first character to look for.)
_URL_CHARACTER = re.compile(rb"&#(?:x0*(?:75|72|6[cC]|28|23)|0*(?:117|114|108|40|35));")

# What is done at a place the parser marked (`SvgCleaner.edits`).
_ROOT, _TAG, _ID, _CUT_MARKUP, _CUT_ELEMENT = range(5)
# What a start tag needs, by its attributes' names (`SvgCleaner.plans`).
_NOTHING, _FIRST_ID, _REWRITE = range(3)


def safe_url(url: str) -> bool:
    """Whether a link may appear in output: http(s), mailto, a fragment or a relative reference."""
    match = _SCHEME.match(_INVISIBLE.sub("", url))
    return match is None or match.group(1).lower() in _SAFE_SCHEMES


def id_prefix(name: str) -> str:
    """An id prefix for the diagram `name`, made of characters safe in an XML id."""
    return "gg-" + _PREFIX_CHARS.sub("-", name) + "-"


def _local(name: str) -> str:
    return name[name.rfind(" ") + 1 :]


def _handler(key: str) -> bool:
    """Whether the attribute `key` (as the parser names it) is an event handler (`onclick`, `x:onload`...)."""
    return _local(key)[:2].lower() == "on"


def _text(text: str) -> str:
    """`text` as element content (a carriage return too, which a parser would read as a line break)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _quoted(value: str) -> bytes:
    """`value` as an attribute value in double quotes, whitespace kept as written."""
    escaped = _text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return b'"' + escaped.encode("utf-8") + b'"'


def _plan(names: tuple[str, ...]) -> int:
    """What a start tag with attributes named `names` needs, whatever their values (a `url(#` aside)."""
    special = [i for i, key in enumerate(names) if key == "id" or key in _HREFS or _handler(key)]
    if not special:
        return _NOTHING
    return _FIRST_ID if special == [0] and names[0] == "id" else _REWRITE


class SvgCleaner:
    """The engine's SVG made accessible, deterministic and safe (see the module docstring): `clean` it.

    Raises (from `clean`):
        xml.etree.ElementTree.ParseError: the SVG is not well-formed XML, is not an `<svg>` document (a `<script>`
            at the root would otherwise be kept), or is one this module does not publish (see the module
            docstring).
    """

    def __init__(self, *, title: str, description: str, prefix: str, page: frozenset[str] = frozenset()) -> None:
        """`page`: fragments that name places in the page around the drawing, not in it (the sheets of a linked
        set inlined in one page, which its boxes open): links to them are left as they are, not prefixed."""
        self.title, self.description, self.prefix, self.page = title, description, prefix, page
        self.data = b""
        #: What a start tag needs, by its attributes' names (`_plan`).
        self.plans: dict[tuple[str, ...], int] = {}
        self._read(careful=False)

    def _read(self, *, careful: bool) -> None:
        """Start a parser; `careful` also searches every attribute value for a `url(#` reference."""
        parser = self.parser = expat.ParserCreate(namespace_separator=" ")
        parser.ordered_attributes = True
        parser.StartElementHandler = self._root
        parser.CommentHandler = self._comment
        parser.ProcessingInstructionHandler = self._instruction
        parser.XmlDeclHandler = self._declaration
        parser.StartDoctypeDeclHandler = self._doctype
        parser.SkippedEntityHandler = self._skipped
        self.careful, self.doctype = careful, False
        #: Where the root's start tag begins, and its name.
        self.root, self.root_name = 0, ""
        #: [byte index, what to do there, what it needs], in the order of the document.
        self.edits: list[list[Any]] = []
        #: While a `<script>` is cut out: its edit (comments inside it are marked too, after it), and how deep
        #: inside it the parser is.
        self.script: list[Any] = []
        self.depth = 0

    def clean(self, data: bytes) -> str:
        """The cleaned SVG of the engine's output `data`."""
        self.data = data
        self._parse(data)
        # The parser reads UTF-16 too (by its byte order mark, or its zero bytes); the text is copied as UTF-8.
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4]:
            raise ET.ParseError("the SVG is written in UTF-16; only UTF-8 is read")
        if self.doctype and _ENTITY.search(data):
            raise ET.ParseError("the SVG refers to an entity that it does not define")
        if not self.careful and (b"url(" in data or _URL_CHARACTER.search(data)):
            # Read again, searching every attribute value (see `_start`).
            self._read(careful=True)
            self._parse(data)
        return self._write(data)

    def _parse(self, data: bytes) -> None:
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as exc:
            error = ET.ParseError(str(exc))
            error.code, error.position = exc.code, (exc.lineno, exc.offset)
            raise error from None

    # -- what the parser reports ---------------------------------------------------------------------------------

    def _root(self, name: str, attributes: list[str]) -> None:
        if _local(name) != "svg":
            raise ET.ParseError(f"the document is a <{_local(name)}>, not an <svg>")
        self.root, self.root_name = self.parser.CurrentByteIndex, name
        self.edits.append([self.root, _ROOT, attributes])
        self.parser.StartElementHandler = self._start

    def _start(self, name: str, attributes: list[str]) -> None:
        """Mark a start tag that must change (one loop, as it runs for every element of the drawing)."""
        if name[-6:] == "script" and _local(name) == "script":
            self.script = [self.parser.CurrentByteIndex, _CUT_ELEMENT, 0]
            self.edits.append(self.script)
            self.depth = 0
            self.parser.StartElementHandler = self._inside_script
            self.parser.EndElementHandler = self._end_inside_script
            return
        if not attributes:
            return
        names = tuple(attributes[::2])
        plan = self.plans.get(names)
        if plan is None:
            plan = self.plans[names] = _plan(names)
        if self.careful and any("url(#" in value for value in attributes[1::2]):
            plan = _REWRITE
        if plan == _NOTHING:
            return
        index = self.parser.CurrentByteIndex
        if plan == _FIRST_ID:
            # The engine writes `<g id="...` : put the prefix in where the value starts.
            local = _local(name)
            at = index + 2 + (len(local) if local.isascii() else len(local.encode("utf-8")))
            if self.data.startswith(b'id="', at):
                self.edits.append([at + 4, _ID, None])
                return
        self.edits.append([index, _TAG, attributes])

    def _inside_script(self, name: str, attributes: list[str]) -> None:
        self.depth += 1

    def _end_inside_script(self, name: str) -> None:
        if self.depth:
            self.depth -= 1
            return
        self.script[2] = self.parser.CurrentByteIndex  # where its end tag begins
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = None

    def _comment(self, data: str) -> None:
        self.edits.append([self.parser.CurrentByteIndex, _CUT_MARKUP, b"-->"])

    def _instruction(self, target: str, data: str) -> None:
        self.edits.append([self.parser.CurrentByteIndex, _CUT_MARKUP, b"?>"])

    def _declaration(self, version: str, encoding: str | None, standalone: int) -> None:
        if encoding is not None and encoding.lower().replace("_", "-") not in ("utf-8", "utf8", "us-ascii", "ascii"):
            raise ET.ParseError(f"the SVG is written in {encoding}; only UTF-8 is read")

    def _doctype(self, name: str, system: str | None, public: str | None, internal: int) -> None:
        if internal:
            raise ET.ParseError("the SVG declares entities or other DTD content of its own")
        self.doctype = True

    def _skipped(self, name: str, parameter: int) -> None:
        raise ET.ParseError(f"the SVG refers to the entity {name}, which it does not define")

    # -- the text --------------------------------------------------------------------------------------------------

    def _write(self, data: bytes) -> str:
        prefix = self.prefix.encode("utf-8")
        parts: list[bytes] = []
        put = parts.append
        at = self.root  # the prolog is left out
        for index, what, needs in self.edits:
            if index < at:
                continue  # in the prolog, or in a script that was cut out
            put(data[at:index])
            if what == _ID:
                put(prefix)
                at = index
            elif what == _CUT_MARKUP:
                at = data.index(needs, index) + len(needs)
            else:
                tag = _START.match(data, index)
                assert tag is not None  # the parser reported a start tag here
                if what == _CUT_ELEMENT:
                    # An empty `<script/>` is its start tag; else `needs` is where its end tag begins.
                    at = tag.end() if tag.group(3) else data.index(b">", needs) + 1
                    continue
                put(self._tag(tag, needs, root=what == _ROOT))
                at = tag.end()
        put(data[at:])
        body = b"".join(parts).rstrip().decode("utf-8")
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'

    def _tag(self, tag: re.Match[bytes], attributes: list[str], *, root: bool) -> bytes:
        """The start tag `tag` written again with its attributes cleaned; the root's with govgraph's own too."""
        prefix = self.prefix
        written = [b"<" + tag.group(1)]
        reported = iter(attributes)
        classes: list[str] = []
        for name, quoted in _ATTRIBUTE.findall(tag.group(2)):
            if name == b"xmlns" or name[:6] == b"xmlns:":
                written.append(name + b"=" + quoted)  # declarations are not reported as attributes
                continue
            key, value = next(reported), next(reported)
            if _handler(key):
                continue
            if key in _HREFS:
                if not safe_url(value):
                    continue
                if value[:1] == "#" and value[1:] not in self.page:
                    quoted = _quoted("#" + prefix + value[1:])
            elif key == "id":
                quoted = _quoted(prefix + value)
            else:
                if "url(#" in value:
                    value = _URL_REF.sub(lambda m: f"url(#{prefix}{m.group(1)})", value)
                    quoted = _quoted(value)
                if root and key in ("role", "aria-labelledby", "class"):
                    classes.extend(value.split() if key == "class" else ())
                    continue  # govgraph's own, below
            written.append(name + b"=" + quoted)
        if not root:
            return b" ".join(written) + (b"/>" if tag.group(3) else b">")
        if "govgraph" not in classes:
            classes.append("govgraph")
        written += [
            b'role="img"',
            b"aria-labelledby=" + _quoted(f"{prefix}title {prefix}desc"),
            b"class=" + _quoted(" ".join(classes)),
        ]
        # <title> and <desc> are SVG's: said so where the root's unprefixed names are not.
        declared = "" if self.root_name == f"{SVG_NS} svg" and b":" not in tag.group(1) else f' xmlns="{SVG_NS}"'
        inside = "".join(
            f"<{name}{declared} id={_quoted(prefix + name).decode()}"
            + (f">{_text(content)}</{name}>" if content else " />")
            for name, content in (("title", self.title), ("desc", self.description))
        ).encode("utf-8")
        end = b"</" + tag.group(1) + b">" if tag.group(3) else b""
        return b" ".join(written) + b">" + inside + end


def postprocess_svg(
    svg: bytes | str, *, title: str, description: str, prefix: str, page: frozenset[str] = frozenset()
) -> str:
    """The engine's SVG made accessible, deterministic and safe (see the module docstring and `SvgCleaner`).

    Args:
        title: the diagram's title, for `<title>`.
        description: the structure in words, for `<desc>`.
        prefix: put before every element id (see `id_prefix`).
        page: fragments that are places in the page around the drawing (see `SvgCleaner`), not prefixed.

    Raises:
        xml.etree.ElementTree.ParseError: see `SvgCleaner`.
    """
    cleaner = SvgCleaner(title=title, description=description, prefix=prefix, page=page)
    return cleaner.clean(svg.encode("utf-8") if isinstance(svg, str) else svg)
