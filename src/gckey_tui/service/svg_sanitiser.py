"""Support screenshots made safe to open: an allow-list of exactly what Textual's (Rich's) SVG export uses.

The document is parsed with defusedxml (no DTD, no entities, no external references) and rebuilt from
scratch: only the elements, attributes and CSS below are copied, each value checked against the shape the
exporter writes. Everything else (script, animation, ``foreignObject``, links, images, event handlers,
``url()`` other than a clip path inside the document, at-rules such as ``@import`` and ``@font-face``)
is left out, so nothing in the result can run, navigate or fetch.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import tinycss2
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

#: a console screenshot at 200×60 is well under this; anything larger is not one
MAX_SVG_BYTES = 1_000_000

SVG_NS = "http://www.w3.org/2000/svg"

_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}|rgba?\(\s*[\d.]+%?(\s*,\s*[\d.]+%?){2,3}\s*\)|none")
_NAME = re.compile(r"[A-Za-z_][\w-]{0,99}")
_CLASSES = re.compile(r"[A-Za-z_][\w-]{0,99}( [A-Za-z_][\w-]{0,99}){0,9}")
_LOCAL_CLIP = re.compile(r"url\(#[A-Za-z_][\w-]{0,99}\)")
_TRANSLATE = re.compile(r"translate\(\s*-?[\d.]+\s*(,?\s*-?[\d.]+\s*)?\)")
_VIEW_BOX = re.compile(r"-?[\d.]+([ ,]+-?[\d.]+){3}")


def _matches(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda value: pattern.fullmatch(value.strip()) is not None


def _one_of(*words: str) -> Callable[[str], bool]:
    return lambda value: value.strip() in words


_number = _matches(_NUMBER)
_colour = _matches(_COLOUR)

#: element → attribute → check of its value (Rich's ``Console.export_svg`` writes nothing else)
ALLOWED: dict[str, dict[str, Callable[[str], bool]]] = {
    "svg": {"viewBox": _matches(_VIEW_BOX), "class": _matches(_CLASSES), "width": _number, "height": _number},
    "style": {},
    "defs": {},
    "clipPath": {"id": _matches(_NAME)},
    "g": {"transform": _matches(_TRANSLATE), "clip-path": _matches(_LOCAL_CLIP), "class": _matches(_CLASSES)},
    "rect": {
        "x": _number,
        "y": _number,
        "width": _number,
        "height": _number,
        "rx": _number,
        "fill": _colour,
        "stroke": _colour,
        "stroke-width": _number,
        "shape-rendering": _one_of("crispEdges", "auto", "optimizeSpeed", "geometricPrecision"),
    },
    "circle": {"cx": _number, "cy": _number, "r": _number, "fill": _colour},
    "text": {
        "x": _number,
        "y": _number,
        "textLength": _number,
        "class": _matches(_CLASSES),
        "fill": _colour,
        "clip-path": _matches(_LOCAL_CLIP),
        "text-anchor": _one_of("start", "middle", "end"),
    },
}
#: the only elements whose character data is kept
TEXT_ELEMENTS = {"text"}
#: CSS properties of the exporter's class rules; values may only be words, numbers, colours and strings
CSS_PROPERTIES = {
    "fill",
    "font-family",
    "font-size",
    "font-style",
    "font-variant-east-asian",
    "font-weight",
    "line-height",
    "text-decoration",
}
_CSS_VALUE_TOKENS = ("ident", "hash", "number", "dimension", "percentage", "string", "whitespace")


class UnsafeSvg(ValueError):
    """The screenshot is not an SVG document we accept; ``key`` is the i18n key of the reason."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def sanitise_svg(svg: str) -> bytes:
    """The screenshot rebuilt from the allow-list, as UTF-8 XML.

    Raises ``UnsafeSvg`` when it is too large, not well-formed, declares a DTD or entities, or is not an
    ``<svg>`` document.
    """
    data = svg.encode()
    if len(data) > MAX_SVG_BYTES:
        raise UnsafeSvg("lifecycle.support.screenshot_too_large")
    try:
        root = fromstring(data, forbid_dtd=True)
    except (ET.ParseError, DefusedXmlException) as error:
        raise UnsafeSvg("lifecycle.support.screenshot_invalid") from error
    if root.tag != f"{{{SVG_NS}}}svg":
        raise UnsafeSvg("lifecycle.support.screenshot_invalid")
    clean = _copy(root)
    ET.register_namespace("", SVG_NS)
    return ET.tostring(clean, encoding="utf-8", xml_declaration=True)


def _allowed_name(tag: object) -> str | None:
    """The local name of an SVG-namespace element on the allow-list, else None."""
    if not isinstance(tag, str) or not tag.startswith(f"{{{SVG_NS}}}"):
        return None
    name = tag[len(SVG_NS) + 2 :]
    return name if name in ALLOWED else None


def _copy(element: ET.Element) -> ET.Element:
    """A new element with the allowed attributes and children of ``element`` (which is allowed)."""
    name = _allowed_name(element.tag)
    assert name is not None
    checks = ALLOWED[name]
    attributes = {
        attribute: value
        for attribute, value in element.attrib.items()
        if attribute in checks and checks[attribute](value)  # a namespaced attribute is never in ``checks``
    }
    clean = ET.Element(f"{{{SVG_NS}}}{name}", attributes)
    if name in TEXT_ELEMENTS:
        clean.text = element.text
    elif name == "style":
        clean.text = clean_css(element.text or "")
    for child in element:
        if _allowed_name(child.tag) is not None:
            copied = _copy(child)
            copied.tail = "\n" if name != "text" else None
            clean.append(copied)
    return clean


def clean_css(stylesheet: str) -> str:
    """Only ``.class { property: value }`` rules with allowed properties and plain values; no at-rule."""
    rules = []
    for rule in tinycss2.parse_stylesheet(stylesheet, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue  # @import, @font-face (external fonts), @media, errors…
        selector = _class_selector(rule.prelude)
        if selector is None:
            continue
        declarations = []
        for declaration in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
            if (
                declaration.type == "declaration"
                and declaration.lower_name in CSS_PROPERTIES
                and all(token.type in _CSS_VALUE_TOKENS for token in declaration.value)
            ):
                declarations.append(f"{declaration.lower_name}: {tinycss2.serialize(declaration.value).strip()}")
        if declarations:
            rules.append(f".{selector} {{ {'; '.join(declarations)} }}")
    return "\n" + "\n".join(rules) + "\n"


def _class_selector(prelude: list) -> str | None:
    """``name`` when the selector is exactly ``.name``."""
    tokens = [token for token in prelude if token.type != "whitespace"]
    if len(tokens) == 2 and tokens[0].type == "literal" and tokens[0].value == "." and tokens[1].type == "ident":
        name = tokens[1].value
        return name if _NAME.fullmatch(name) else None
    return None
