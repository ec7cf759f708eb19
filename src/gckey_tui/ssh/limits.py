"""How many console sessions may run at once, in all and from one client address."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class SessionLimits:
    """Counts running sessions; a new one is admitted only under both limits.

    Sessions, not connections, are counted: a session is what costs a console process, and a client could
    open several sessions over one connection.
    """

    max_sessions: int
    max_per_address: int
    running: Counter[str] = field(default_factory=Counter)

    def admit(self, address: str) -> str | None:
        """Count a new session from ``address``; ``None`` if admitted, else why not (``total`` or ``address``)."""
        if sum(self.running.values()) >= self.max_sessions:
            return "total"
        if self.running[address] >= self.max_per_address:
            return "address"
        self.running[address] += 1
        return None

    def release(self, address: str) -> None:
        """Forget a session that has ended."""
        self.running[address] -= 1
        if self.running[address] <= 0:
            del self.running[address]

    def total(self) -> int:
        """Sessions running now."""
        return sum(self.running.values())
