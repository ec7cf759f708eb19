"""The reference service (FastAPI). Never imports Textual."""

from gckey_tui.service.app import create_app

__all__ = ["create_app"]
