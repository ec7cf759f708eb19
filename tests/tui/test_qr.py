"""The QR widget: its drawn cells decode back to the otpauth URI, black on white, within 80×24."""

from __future__ import annotations

import pytest
import segno
import zxingcpp
from rich.console import Console
from textual.app import App, ComposeResult

from gckey_tui.widgets.qr import DARK, LIGHT, QUIET_ZONE, QRCode, group_secret, qr_matrix, render_matrix

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


def test_matrix_is_segnos_with_a_quiet_zone() -> None:
    matrix = qr_matrix(URI)
    inner = [row[QUIET_ZONE:-QUIET_ZONE] for row in matrix[QUIET_ZONE:-QUIET_ZONE]]
    expected = [[bool(module) for module in row] for row in segno.make(URI, error="l", micro=False).matrix]
    assert inner == expected
    assert not any(matrix[0]) and not any(row[0] for row in matrix)


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
