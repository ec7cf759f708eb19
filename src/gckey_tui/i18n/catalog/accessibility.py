"""Accessibility: words the console says instead of showing an animation."""

MESSAGES = {
    "console.working": ("Working…", "Traitement en cours…"),
}
