"""Accessibility: words the console says instead of showing an animation."""

MESSAGES = {
    "console.working": ("Working…", "Traitement en cours…"),
    # the current session is starred: › marks the selected row everywhere (replace account_centre.sessions.intro
    # and account_centre.column.current, no longer used)
    "account_centre.sessions.intro_star": (
        "Every live session: how it signed in (a password, then an app or email code; a recovery code; a "
        "Sign-In Partner). * marks this one. d ends the selected session, o every other one.",
        "Toutes les sessions actives : comment elles se sont connectées (un mot de passe, puis un code "
        "d'appli ou par courriel; un code de récupération; un partenaire). * marque celle-ci. d met fin à la "
        "session choisie, o à toutes les autres.",
    ),
    "account_centre.column.this_session": ("*", "*"),
}
