"""QR code in the terminal: segno's matrix drawn with half blocks, fixed black on white, with a quiet zone.

Never theme colours: an inverted code does not scan. Two modules per character cell (upper half block:
foreground = top module, background = bottom module), so a version-6 code with its quiet zone is 45×23.
"""

from __future__ import annotations

import segno
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

QUIET_ZONE = 2  #: modules of white around the code (kept small so the code fits 80×24)
DARK, LIGHT = "#000000", "#ffffff"


def qr_matrix(data: str) -> list[list[bool]]:
    """The code's modules (True = dark), quiet zone included."""
    code = segno.make(data, error="l", micro=False, boost_error=False)
    rows = [[bool(module) for module in row] for row in code.matrix]
    width = len(rows[0]) + 2 * QUIET_ZONE
    blank = [False] * width
    padded = [[False] * QUIET_ZONE + row + [False] * QUIET_ZONE for row in rows]
    return [blank[:] for _ in range(QUIET_ZONE)] + padded + [blank[:] for _ in range(QUIET_ZONE)]


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


def masked(width: int, height: int) -> Text:
    """A grey block standing in for a QR code in screenshots."""
    return Text("\n".join("░" * width for _ in range(height)), style="grey50", no_wrap=True)


class QRCode(Widget):
    """A QR code of ``data``; its size is the code's own (width = modules, height = modules / 2).

    Sensitive: while the app takes a screenshot (``app.masking``), a grey block is drawn instead.
    """

    DEFAULT_CSS = "QRCode { width: auto; height: auto; }"

    def __init__(self, data: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.matrix = qr_matrix(data)

    def render(self) -> Text:
        if getattr(self.app, "masking", False):
            return masked(len(self.matrix[0]), (len(self.matrix) + 1) // 2)
        return render_matrix(self.matrix)

    def get_content_width(self, container, viewport) -> int:  # noqa: ANN001 - Textual's signature
        return len(self.matrix[0])

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001
        return (len(self.matrix) + 1) // 2


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
