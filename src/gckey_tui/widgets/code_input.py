"""A 6-digit (or recovery) code field: digits and spaces only for codes, trimmed on read."""

from __future__ import annotations

from gckey_tui.widgets.form_input import FormInput


class CodeInput(FormInput):
    """An input for a 6-digit code."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(restrict=r"[0-9 ]*", max_length=9, placeholder="123 456", **kwargs)  # type: ignore[arg-type]

    @property
    def code(self) -> str:
        """The digits typed, without spaces."""
        return self.value.replace(" ", "")
