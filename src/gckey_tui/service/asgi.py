"""ASGI entry for ``uvicorn gckey_tui.service.asgi:app``: settings from the environment."""

from gckey_tui.config import load_settings
from gckey_tui.service.app import create_app

app = create_app(load_settings(use_config_file=False))
