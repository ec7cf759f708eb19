"""The GCKey Service Desk and the Sign-In Partners' names."""

MESSAGES = {
    "desk.canada_us.label": ("Canada and the United States", "Au Canada et aux États-Unis"),
    "desk.canada_us.number": ("1-855-438-1102", "1-855-438-1102"),
    "desk.tty.label": ("TTY", "Téléphone textuel (TTY/ATS)"),
    "desk.tty.number": ("1-855-438-1103", "1-855-438-1103"),
    "desk.outside.label": (
        "Outside Canada and the United States",
        "À l'extérieur du Canada et des États-Unis",
    ),
    "desk.outside.number": ("1-800-2318-6290", "1-800-2318-6290"),
    "desk.hours": (
        "24 hours a day, 7 days a week, all year",
        "Toute l'année, 24 heures sur 24, 7 jours sur 7",
    ),
    "partner.affinity": ("Affinity Credit Union", "Affinity Credit Union"),
    "partner.atb": ("Alberta Treasury Branches", "Alberta Treasury Branches"),
    "partner.bmo": ("BMO Financial Group", "BMO Groupe financier"),
    "partner.national-bank": ("National Bank of Canada", "Banque Nationale du Canada"),
    "partner.scotiabank": ("Scotiabank", "Banque Scotia"),
    "partner.cibc": (
        "CIBC Canadian Imperial Bank of Commerce",
        "CIBC Banque Canadienne Impériale de Commerce",
    ),
    "partner.rbc": ("RBC Royal Bank", "RBC Banque Royale"),
    "partner.tangerine": ("Tangerine", "Tangerine"),
    "partner.td": ("TD Bank Group", "Groupe Banque TD"),
    "partner.desjardins": ("Desjardins Group", "Groupe Desjardins"),
}
