"""The contract between the console and the service: wire models, errors and ``ServiceClient``.

Imports neither Textual nor the service.
"""

from typing import Any

from gckey_tui.api.errors import ApiError

__all__ = ["ApiError", "ServiceClient"]


def __getattr__(name: str) -> Any:
    # ServiceClient (httpx, pydantic) is imported on first use, so the console's first screen needs neither
    if name == "ServiceClient":
        from gckey_tui.api.client import ServiceClient

        return ServiceClient
    raise AttributeError(name)
