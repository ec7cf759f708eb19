"""The support screenshot's allow-list: a real export survives whole; anything active or external does not."""

import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from rich.console import Console

from gckey_tui.service.svg_sanitiser import MAX_SVG_BYTES, UnsafeSvg, sanitise_svg

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
ATTACKS = {
    "animate": '<a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a>',
    "set": '<a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>',
    "animate on xlink": '<a><animate attributeName="xlink:href" values="javascript:alert(1)"/><text>x</text></a>',
    "script": "<script>alert(1)</script>",
    "handler": '<text onclick="alert(1)">x</text>',
    "foreignObject": '<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert(1)"/>'
    "</foreignObject>",
    "link": '<a href="javascript:alert(1)"><text>x</text></a>',
    "image": '<image href="https://evil.example/track.png"/>',
    "use": '<use href="https://evil.example/sprite.svg#x"/>',
    "external clip": '<text clip-path="url(https://evil.example/c.svg#c)">x</text>',
    "external fill": '<rect fill="url(https://evil.example/p.svg#p)"/>',
    "style attribute": '<text style="fill:url(https://evil.example/p.svg#p)">x</text>',
    "import": "<style>@import url(https://evil.example/x.css); .r1 { fill: #fff }</style>",
    "font": '<style>@font-face { font-family: x; src: url("https://evil.example/f.woff") }</style>',
    "css url": "<style>.r1 { fill: url(https://evil.example/p.svg#p); background: url(//evil.example/b) }</style>",
    "css selector": "<style>a[href^=javascript] { fill: #fff } * { cursor: url(https://evil.example/c) }</style>",
    "xhtml": '<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>',
    "xml-stylesheet": "<?xml-stylesheet href='https://evil.example/x.css'?><text>x</text>",
}
FORBIDDEN = re.compile(rb"javascript|evil\.example|<a[ >]|animate|<set|script|onclick|foreignObject|@import|@font")


def rich_screenshot() -> str:
    """An SVG exactly as Textual's screenshot writes it (Textual calls Rich's exporter)."""
    console = Console(record=True, width=60, force_terminal=True, color_system="truecolor", file=open("/dev/null", "w"))
    console.print("[bold #ff0000 on #101010]Sign in[/] [italic]with[/] [underline]GCKey[/] [strike]now[/]")
    console.print("[reverse]Recovery codes[/] [dim]•••• •••• ••••[/] <script>alert(1)</script> & ‘quotes’")
    return console.export_svg(title="GCKey")


def census(svg: bytes | str) -> tuple[Counter, list[str]]:
    root = ET.fromstring(svg)
    return Counter(element.tag for element in root.iter()), [element.text for element in root.iter() if element.text]


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_active_or_external_content_is_left_out(attack):
    cleaned = sanitise_svg(SVG_OPEN + ATTACKS[attack] + "</svg>")
    assert not FORBIDDEN.search(cleaned), cleaned
    ET.fromstring(cleaned)  # still a well-formed document


def test_a_console_screenshot_survives_whole():
    original = rich_screenshot()
    cleaned = sanitise_svg(original)
    tags, texts = census(original)
    kept_tags, kept_texts = census(cleaned)
    assert kept_tags == tags
    text_of = [t for t in texts if t.strip() and "{" not in t]
    assert [t for t in kept_texts if t.strip() and "{" not in t] == text_of
    assert "<script>alert(1)</script>" in "".join(kept_texts)  # shown as text, escaped
    assert b"&lt;" in cleaned and b"<script" not in cleaned
    style = ET.fromstring(cleaned).find("{http://www.w3.org/2000/svg}style").text
    # every class rule the exporter wrote is kept; the external fonts are not fetched
    for rule in ("font-weight: bold", "font-style: italic", "text-decoration: underline", "line-through"):
        assert rule in style
    assert "url(" not in style and "font-face" not in style and "cdnjs" not in style
    for element in ET.fromstring(cleaned).iter("{http://www.w3.org/2000/svg}text"):
        assert element.get("clip-path", "url(#").startswith("url(#")


@pytest.mark.parametrize(
    "document",
    [
        '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
        '<!DOCTYPE svg SYSTEM "https://evil.example/x.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>',
        "<svg xmlns='http://www.w3.org/2000/svg'><text>&xxe;</text></svg>",
        "<html><body/></html>",
        "<svg>no namespace</svg>",
        "<svg",
        "not xml",
    ],
)
def test_documents_that_are_not_plain_svg_are_refused(document):
    with pytest.raises(UnsafeSvg) as refused:
        sanitise_svg(document)
    assert refused.value.key == "lifecycle.support.screenshot_invalid"


def test_size_is_limited():
    with pytest.raises(UnsafeSvg) as refused:
        sanitise_svg(SVG_OPEN + " " * MAX_SVG_BYTES + "</svg>")
    assert refused.value.key == "lifecycle.support.screenshot_too_large"
