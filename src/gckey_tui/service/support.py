"""Support requests: the reply-by date in business days, and SVG screenshots made safe to open."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from functools import cache

import holidays

REPLY_BUSINESS_DAYS = 10
#: a console screenshot at 200×60 is well under this; anything larger is not one
MAX_SVG_BYTES = 1_000_000

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
#: elements that run code, embed other documents or fetch from elsewhere
UNSAFE_ELEMENTS = {"script", "foreignobject", "iframe", "object", "embed", "image", "audio", "video", "use"}
#: a url(...) that is not a reference inside the document
EXTERNAL_URL = re.compile(r"url\(\s*(?![\"']?#)[^)]*\)", re.IGNORECASE)
IMPORT_RULE = re.compile(r"@import[^;]*;?", re.IGNORECASE)


class UnsafeSvg(ValueError):
    """The screenshot is not an SVG document we accept; ``key`` is the i18n key of the reason."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@cache
def federal_holidays(year: int) -> holidays.HolidayBase:
    """Canadian federal holidays (no province): the statutory ones plus the federal government's."""
    return holidays.country_holidays("CA", years=year, categories=("public", "government"))


def is_business_day(day: date) -> bool:
    """Monday to Friday, and not a federal holiday."""
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def add_business_days(start: date, count: int) -> date:
    """The ``count``-th business day after ``start``."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _clean_css(text: str) -> str:
    return EXTERNAL_URL.sub("none", IMPORT_RULE.sub("", text))


def sanitise_svg(svg: str) -> bytes:
    """The screenshot without scripts, event handlers, external references or entity tricks.

    Raises ``UnsafeSvg`` when it is too large, not well-formed, declares a DTD, or is not an ``<svg>``.
    """
    data = svg.encode()
    if len(data) > MAX_SVG_BYTES:
        raise UnsafeSvg("lifecycle.support.screenshot_too_large")
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        # no DTD: no entity expansion bombs, no external entities
        raise UnsafeSvg("lifecycle.support.screenshot_invalid")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise UnsafeSvg("lifecycle.support.screenshot_invalid") from error
    if root.tag != f"{{{SVG_NS}}}svg":
        raise UnsafeSvg("lifecycle.support.screenshot_invalid")
    _scrub(root)
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _scrub(element: ET.Element) -> None:
    for child in list(element):
        if not isinstance(child.tag, str) or _local(child.tag) in UNSAFE_ELEMENTS:
            element.remove(child)
            continue
        _scrub(child)
    for name in list(element.attrib):
        local = _local(name)
        value = element.attrib[name]
        if local.startswith("on") or (local == "href" and not value.startswith("#")):
            del element.attrib[name]
        elif local == "style" or "url(" in value.lower():
            element.attrib[name] = _clean_css(value)
    if _local(element.tag) == "style" and element.text:
        element.text = _clean_css(element.text)
