"""The QR widget: its drawn cells decode back to the otpauth URI, black on white, within 80×24."""

from __future__ import annotations

import re

import pytest
import segno
import zxingcpp
from rich.console import Console
from textual.app import App, ComposeResult

from gckey_tui.widgets.qr import (
    DARK,
    LIGHT,
    QUIET_ZONE,
    TIGHT_QUIET_ZONE,
    QRCode,
    group_secret,
    qr_matrix,
    render_matrix,
)

URI = (
    "otpauth://totp/GCKey:walker2026?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GCKey"
    "&algorithm=SHA1&digits=6&period=30"
)


def cells_to_bitmap(text, scale: int = 8) -> memoryview:  # noqa: ANN001 - rich Text
    """Rebuild the image from the drawn cells: each half block gives its top (fg) and bottom (bg) module."""
    rows: list[list[bool]] = []
    console = Console()
    for line in text.split("\n"):
        top, bottom = [], []
        for segment in line.render(console):
            for char in segment.text:
                assert char == "▀"
                top.append(segment.style.color.name == DARK)
                bottom.append(segment.style.bgcolor.name == DARK)
        rows += [top, bottom]
    width, height = len(rows[0]) * scale, len(rows) * scale
    pixels = bytearray(b"\xff" * (width * height))  # grayscale, white
    for y in range(height):
        for x in range(width):
            if rows[y // scale][x // scale]:
                pixels[y * width + x] = 0
    return memoryview(pixels).cast("B", (height, width))


def test_drawn_cells_decode_to_the_uri() -> None:
    text = render_matrix(qr_matrix(URI))
    results = zxingcpp.read_barcodes(cells_to_bitmap(text))
    assert [result.text for result in results] == [URI]


@pytest.mark.parametrize("zone", [QUIET_ZONE, TIGHT_QUIET_ZONE])
def test_matrix_is_segnos_with_a_quiet_zone(zone: int) -> None:
    matrix = qr_matrix(URI, zone)
    inner = [row[zone:-zone] for row in matrix[zone:-zone]]
    expected = [[bool(module) for module in row] for row in segno.make(URI, error="l", micro=False).matrix]
    assert inner == expected
    blank = matrix[:zone] + matrix[-zone:] + [row[:zone] + row[-zone:] for row in matrix]
    assert not any(any(row) for row in blank)


def test_the_full_quiet_zone_decodes_too() -> None:
    results = zxingcpp.read_barcodes(cells_to_bitmap(render_matrix(qr_matrix(URI, QUIET_ZONE))))
    assert [result.text for result in results] == [URI]


def test_colours_are_fixed_whatever_the_theme() -> None:
    text = render_matrix(qr_matrix(URI))
    colours = {(span.style.color.name, span.style.bgcolor.name) for span in text.spans}
    assert colours <= {(a, b) for a in (DARK, LIGHT) for b in (DARK, LIGHT)}


class QRApp(App[None]):
    def compose(self) -> ComposeResult:
        yield QRCode(URI)


@pytest.mark.parametrize("theme", ["textual-light", "ansi-dark"])
async def test_widget_fits_80x24(theme: str) -> None:
    app = QRApp()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await pilot.pause()
        widget = app.query_one(QRCode)
        assert widget.size.width <= 80 and widget.size.height <= 23
        assert widget.size.width == len(widget.matrix[0])


def test_secret_grouped_for_reading() -> None:
    assert group_secret("JBSWY3DPEHPK3PXP") == "JBSW Y3DP EHPK 3PXP"


SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def setup_screen():
    from datetime import UTC, datetime

    from gckey_tui.api import models as m
    from gckey_tui.screens.setup import SetupScreen

    uri = f"otpauth://totp/GCKey:someone26?secret={SECRET}&issuer=GCKey"
    return SetupScreen(
        m.EnrolmentCreated(
            enrolment_id="e1",
            method="totp",
            secret=SECRET,
            otpauth_uri=uri,
            expires_at=datetime(2030, 1, 1, tzinfo=UTC),
        )
    )


def wholly_visible(app, widget) -> bool:  # noqa: ANN001
    geometry = app.screen.find_widget(widget)
    return geometry.region.area > 0 and geometry.clip.intersection(geometry.region) == geometry.region


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_a_terminal_too_small_for_the_code_says_how_large_it_must_be(make_console, language):
    app = make_console(language)
    async with app.run_test(size=(60, 20)) as pilot:
        await app.push_screen(setup_screen())
        await pilot.pause()
        qr = app.screen.query_one(QRCode)
        assert qr.quiet_zone is None
        said = str(qr.render())
        found = re.search(r"(\d+) ?× ?(\d+)", said)
        assert found and ("enlarge the terminal" in said or "agrandissez le terminal" in said), said
        needed = (int(found[1]), int(found[2]))
    # at that size the whole code is on screen, without scrolling; one row or column less, it is not
    app = make_console(language)
    async with app.run_test(size=needed) as pilot:
        await app.push_screen(setup_screen())
        await pilot.pause()
        qr = app.screen.query_one(QRCode)
        assert qr.quiet_zone == TIGHT_QUIET_ZONE and wholly_visible(app, qr)
    for smaller in ((needed[0] - 1, needed[1]), (needed[0], needed[1] - 1)):
        app = make_console(language)
        async with app.run_test(size=smaller) as pilot:
            await app.push_screen(setup_screen())
            await pilot.pause()
            assert app.screen.query_one(QRCode).quiet_zone is None


async def test_the_full_quiet_zone_is_drawn_where_there_is_room(make_console):
    app = make_console()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(setup_screen())
        await pilot.pause()
        assert app.screen.query_one(QRCode).quiet_zone == TIGHT_QUIET_ZONE  # 80×24: the code fits with 2
    app = make_console()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(setup_screen())
        await pilot.pause()
        qr = app.screen.query_one(QRCode)
        assert qr.quiet_zone == QUIET_ZONE and wholly_visible(app, qr)
        uri = f"otpauth://totp/GCKey:someone26?secret={SECRET}&issuer=GCKey"
        assert qr.matrix == qr_matrix(uri, QUIET_ZONE) and qr.size.width == len(qr.matrix[0])
