"""QR code in the terminal: segno's matrix drawn with half blocks, fixed black on white, with a quiet zone.

Never theme colours: an inverted code does not scan. Two modules per character cell (upper half block:
foreground = top module, background = bottom module), so a version-6 code with a 2-module quiet zone is 45×23.
With plain glyphs (a Linux console or VT-series font has no half blocks, ``--ascii``) each module is two cells
``##`` (dark) or two blanks (light), one row per module: square modules, readable without colour too, but
twice as large, so the terminal must be larger for them.

ISO/IEC 18004 asks for a quiet zone of 4 modules; it is drawn whenever the terminal has room for it, and
narrowed to 2 (which phone readers accept) where that is what lets the code fit 80×24. Where the code cannot
fit at all, the widget says how large the terminal must be instead of drawing a code cut in half.
"""

from __future__ import annotations

import segno
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from gckey_tui.i18n import _

QUIET_ZONE = 4  #: modules of white around the code (ISO/IEC 18004)
TIGHT_QUIET_ZONE = 2  #: when the terminal has no room for the full zone
DARK, LIGHT = "#000000", "#ffffff"


def qr_matrix(data: str, quiet_zone: int = QUIET_ZONE) -> list[list[bool]]:
    """The code's modules (True = dark), quiet zone included."""
    code = segno.make(data, error="l", micro=False, boost_error=False)
    rows = [[bool(module) for module in row] for row in code.matrix]
    width = len(rows[0]) + 2 * quiet_zone
    blank = [False] * width
    padded = [[False] * quiet_zone + row + [False] * quiet_zone for row in rows]
    return [blank[:] for _ in range(quiet_zone)] + padded + [blank[:] for _ in range(quiet_zone)]


def render_matrix(matrix: list[list[bool]]) -> Text:
    """Half-block text of a matrix: one character cell per two rows of modules."""
    text = Text(no_wrap=True)
    rows = matrix + ([[False] * len(matrix[0])] if len(matrix) % 2 else [])
    for top, bottom in zip(rows[::2], rows[1::2], strict=True):
        for upper, lower in zip(top, bottom, strict=True):
            text.append("▀", Style(color=DARK if upper else LIGHT, bgcolor=DARK if lower else LIGHT))
        text.append("\n")
    text.rstrip()
    return text


def render_matrix_plain(matrix: list[list[bool]]) -> Text:
    """Plain-glyph text of a matrix: ``##`` for a dark module, two blanks for a light one, a row per module."""
    text = Text(no_wrap=True)
    for row in matrix:
        for dark in row:
            text.append("##" if dark else "  ", Style(color=DARK, bgcolor=DARK if dark else LIGHT))
        text.append("\n")
    text.rstrip()
    return text


def masked(width: int, height: int) -> Text:
    """A grey block standing in for a QR code in screenshots."""
    return Text("\n".join("░" * width for _ in range(height)), style="grey50", no_wrap=True)


def drawn_size(matrix: list[list[bool]], plain: bool = False) -> Size:
    """Columns and rows a matrix takes on screen (half blocks, or ``##`` cells with plain glyphs)."""
    if plain:
        return Size(2 * len(matrix[0]), len(matrix))
    return Size(len(matrix[0]), (len(matrix) + 1) // 2)


class QRCode(Widget):
    """A QR code of ``data``; its size is the code's own (width = modules, height = modules / 2).

    ``around`` is what the screen needs beside and around the code (columns, rows: the title, the key bar,
    the text beside it): the quiet zone is chosen, or the code replaced by a message saying how large the
    terminal must be, from the terminal's size less that.

    Sensitive: while the app takes a screenshot (``app.masking``), a grey block is drawn instead.
    """

    DEFAULT_CSS = "QRCode { width: auto; height: auto; }"

    def __init__(self, data: str, *, around: tuple[int, int] = (0, 0), **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.around = Size(*around)
        self.matrices = {zone: qr_matrix(data, zone) for zone in (QUIET_ZONE, TIGHT_QUIET_ZONE)}

    def quiet_zone_for(self, terminal: Size) -> int | None:
        """The widest quiet zone with which the code fits ``terminal`` (None: it does not fit at all)."""
        for zone in (QUIET_ZONE, TIGHT_QUIET_ZONE):
            needed = drawn_size(self.matrices[zone], self.plain) + self.around
            if needed.width <= terminal.width and needed.height <= terminal.height:
                return zone
        return None

    @property
    def plain(self) -> bool:
        """Whether the code is drawn with plain glyphs (the app's choice)."""
        access = getattr(self.app, "access", None)
        return bool(access and access.plain)

    @property
    def quiet_zone(self) -> int | None:
        """The quiet zone drawn now (None: the terminal is too small and a message is shown)."""
        return self.quiet_zone_for(self.app.size)

    @property
    def matrix(self) -> list[list[bool]]:
        """The matrix drawn now (the smallest one when none fits)."""
        return self.matrices[self.quiet_zone or TIGHT_QUIET_ZONE]

    def too_small(self) -> str:
        """What to do when the terminal cannot show the code."""
        needed = drawn_size(self.matrices[TIGHT_QUIET_ZONE], self.plain) + self.around
        return _("console.qr.too_small", width=needed.width, height=needed.height)

    def render(self) -> Text:
        if self.quiet_zone is None:
            return Text(self.too_small())
        size = drawn_size(self.matrix, self.plain)
        if getattr(self.app, "masking", False):
            return masked(size.width, size.height)
        return render_matrix_plain(self.matrix) if self.plain else render_matrix(self.matrix)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if self.quiet_zone_for(viewport) is None:
            # the room the code would have had, at least enough for a few words per line
            return min(len(self.too_small()), max(20, viewport.width - self.around.width))
        return drawn_size(self.matrix, self.plain).width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.quiet_zone_for(viewport) is None:
            return len(Text(self.too_small()).wrap(self.app.console, max(1, width)))
        return drawn_size(self.matrix, self.plain).height


def group_secret(secret: str, size: int = 4) -> str:
    """A base32 secret in groups of four, easier to type: ``JBSW Y3DP …``."""
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))


class SecretText(Widget):
    """A secret shown as grouped text; dots while the app takes a screenshot (``app.masking``)."""

    DEFAULT_CSS = "SecretText { width: auto; height: auto; }"

    def __init__(self, secret: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.secret = secret

    def render(self) -> str:
        grouped = group_secret(self.secret)
        if getattr(self.app, "masking", False):
            return "".join(ch if ch == " " else "•" for ch in grouped)
        return grouped
