"""gckey-tui's testing kit: drive the console headlessly against an embedded or a served service.

With pytest, the plugin (``gckey_tui.testing.plugin``, loaded by itself once gckey-tui is installed) gives the
fixtures ``gckey_service``, ``gckey_demo_service``, ``gckey_console`` (in ``gckey_language``), ``mailbox``, ``totp``
and ``gckey_clock``. Without pytest, the same
pieces are here::

    from gckey_tui.testing import EmbeddedService, register, sign_in

    with EmbeddedService() as service:
        async with service.run_console() as pilot:
            account = await register(pilot, "newcomer2026")
            seen = await sign_in(pilot, account)

Names are imported on first use, so that loading the plugin (in every pytest run where gckey-tui is installed)
loads neither Textual nor the service.
"""

from __future__ import annotations

import importlib
from typing import Any

#: public name → the module that defines it
EXPORTS = {
    "Account": "accounts",
    "ANSWERS": "accounts",
    "PASSWORD": "accounts",
    "register_account": "accounts",
    "registration": "accounts",
    "sign_in_demo": "accounts",
    "totp_code": "accounts",
    "BlankConsole": "console",
    "Harness": "console",
    "KitConsole": "console",
    "SIZE": "console",
    "signed_in_console": "console",
    "with_session": "console",
    "EmbeddedService": "embedded_service",
    "Credentials": "flows",
    "FlowStopped": "flows",
    "Registered": "flows",
    "link_application": "flows",
    "register": "flows",
    "sign_in": "flows",
    "Mailbox": "mailbox",
    "RemoteService": "remote",
    "SmokeAccount": "remote",
    "gckey_remote": "remote",
    "Seen": "screen",
    "field_message": "screen",
    "fill": "screen",
    "look": "screen",
    "message": "screen",
    "settle": "screen",
    "text_of": "screen",
    "ServedInstance": "served",
    "smoke_test": "smoke",
}

__all__ = sorted(EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{EXPORTS[name]}"), name)
