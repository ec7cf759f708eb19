"""What every request handler needs: store, keys, mail and its outbox, clock, settings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from gckey_tui.config import Settings
from gckey_tui.service.clock import Clock
from gckey_tui.service.mail import Mailer
from gckey_tui.service.outbox import Outbox
from gckey_tui.service.security import Secrets


@dataclass
class ServiceContext:
    """Shared, stateless-per-request service parts; all state lives in the store."""

    settings: Settings
    engine: Engine
    secrets: Secrets
    mailer: Mailer
    clock: Clock
    #: where flows queue mail, in the transaction of what the mail announces
    outbox: Outbox
    #: running in-process inside the console (codes land in its local mailbox)
    embedded: bool = False
