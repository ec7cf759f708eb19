"""gckey-tui: a terminal self-service console for GCKey-style sign-in credentials."""

__version__ = "0.1.0"
