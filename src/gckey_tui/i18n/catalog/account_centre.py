"""The account centre: password, email, recovery answers and codes, sessions and devices, activity."""

MESSAGES = {
    "account_centre.nav": ("Account", "Compte"),
    "account_centre.nav.help": (
        "Password, email, recovery answers and codes, sessions, activity, your data",
        "Mot de passe, courriel, réponses et codes de récupération, sessions, activité, vos données",
    ),
    "account_centre.title": ("Your account", "Votre compte"),
    "account_centre.intro": (
        "Each change asks for your password and a current code again.",
        "Chaque changement vous demande de nouveau votre mot de passe et un code actuel.",
    ),
    "account_centre.reauth": (
        "For your security, enter your password and a current code.",
        "Pour votre sécurité, entrez votre mot de passe et un code actuel.",
    ),
    "account_centre.save": ("Save", "Enregistrer"),
    "account_centre.saved": ("Saved.", "Enregistré."),
    # -- password
    "account_centre.password.title": ("Change your password", "Changer votre mot de passe"),
    "account_centre.password.help": (
        "A new password; your other sessions and API tokens end",
        "Un nouveau mot de passe; vos autres sessions et jetons d'API prennent fin",
    ),
    "account_centre.password.new": ("New password", "Nouveau mot de passe"),
    "account_centre.password.done": (
        "Your password was changed. Your other sessions and API tokens were ended.",
        "Votre mot de passe a été changé. Vos autres sessions et jetons d'API ont pris fin.",
    ),
    # -- email
    "account_centre.email.title": ("Change your email address", "Changer votre adresse courriel"),
    "account_centre.email.help": (
        "A new address, confirmed with a code sent to it",
        "Une nouvelle adresse, confirmée par un code qui y est envoyé",
    ),
    "account_centre.email.new": ("New email address", "Nouvelle adresse courriel"),
    "account_centre.email.send": ("Send a code to it", "Y envoyer un code"),
    "account_centre.email.sent": (
        "A code was sent to {email}. Your current address works until you enter it.",
        "Un code a été envoyé à {email}. Votre adresse actuelle fonctionne jusqu'à ce que vous l'entriez.",
    ),
    "account_centre.email.confirm": ("Confirm the new address", "Confirmer la nouvelle adresse"),
    "account_centre.email.done": (
        "Your email address is now {email}.",
        "Votre adresse courriel est maintenant {email}.",
    ),
    # -- recovery answers
    "account_centre.answers.title": ("Change your recovery answers", "Changer vos réponses de récupération"),
    "account_centre.answers.help": (
        "The three questions asked when a password is forgotten",
        "Les trois questions posées quand un mot de passe est oublié",
    ),
    # -- recovery codes
    "account_centre.codes.title": ("New recovery codes", "Nouveaux codes de récupération"),
    "account_centre.codes.help": (
        "Ten new codes; the old ones stop working",
        "Dix nouveaux codes; les anciens cessent de fonctionner",
    ),
    "account_centre.codes.intro": (
        "Your second factor stays as it is. The old recovery codes stop working at once.",
        "Votre deuxième facteur reste le même. Les anciens codes de récupération cessent aussitôt de fonctionner.",
    ),
    "account_centre.codes.make": ("Make new codes", "Créer de nouveaux codes"),
    # -- sessions
    "account_centre.sessions.title": ("Sessions and devices", "Sessions et appareils"),
    "account_centre.sessions.help": (
        "Where your GCKey is signed in, and ending those sessions",
        "Où votre CléGC est connectée, et mettre fin à ces sessions",
    ),
    "account_centre.sessions.intro": (
        "Every live session: how it signed in (a password, then an app or email code; a recovery code; a "
        "Sign-In Partner). › marks this one. d ends the selected session, o every other one.",
        "Toutes les sessions actives : comment elles se sont connectées (un mot de passe, puis un code "
        "d'appli ou par courriel; un code de récupération; un partenaire). › marque celle-ci. d met fin à la "
        "session choisie, o à toutes les autres.",
    ),
    "account_centre.sessions.ended": ("Session ended.", "Session terminée."),
    "account_centre.sessions.ended_this": (
        "You ended this session. Sign in again.",
        "Vous avez mis fin à cette session. Connectez-vous de nouveau.",
    ),
    "account_centre.pending": ("(code pending)", "(code en attente)"),
    "account_centre.method.totp": ("App code", "Code d'appli"),
    "account_centre.method.email": ("Email code", "Code courriel"),
    "account_centre.method.recovery_code": ("Recovery code", "Code récup."),
    "account_centre.method.partner": ("Partner", "Partenaire"),
    "account_centre.client.console": ("Console", "Console"),
    "account_centre.client.console_ssh": ("Console (SSH)", "Console (SSH)"),
    "account_centre.client.browser": ("Browser", "Navigateur"),
    "account_centre.client.api": ("API", "API"),
    "account_centre.column.current": ("›", "›"),
    "account_centre.column.method": ("Signed in with", "Connexion par"),
    "account_centre.column.client": ("Client", "Client"),
    "account_centre.column.address": ("Address", "Adresse"),
    "account_centre.column.seen": ("Last seen", "Dernière activité"),
    "account_centre.column.when": ("When", "Quand"),
    "account_centre.column.what": ("What", "Quoi"),
    "account_centre.key.end": ("End session", "Terminer"),
    "account_centre.key.end_others": ("End all others", "Terminer les autres"),
    "account_centre.key.reload": ("Refresh", "Actualiser"),
    "account_centre.key.older": ("Older", "Plus anciens"),
    # -- activity
    "account_centre.activity.title": ("Activity", "Activité"),
    "account_centre.activity.help": (
        "Sign-ins, failed attempts and changes to your account (2 years)",
        "Connexions, tentatives échouées et changements à votre compte (2 ans)",
    ),
    "account_centre.activity.intro": (
        "What happened to your account, newest first, in your local time. n loads older events.",
        "Ce qui est arrivé à votre compte, du plus récent au plus ancien, à votre heure locale. n charge les plus "
        "anciens.",
    ),
    "account_centre.activity.all_shown": (
        "All {count} events of the last 2 years are shown.",
        "Les {count} événements des 2 dernières années sont affichés.",
    ),
    "account_centre.event.sign_in": ("Signed in", "Connexion"),
    "account_centre.event.password_failed": ("Wrong password", "Mot de passe incorrect"),
    "account_centre.event.code_failed": ("Wrong code", "Code incorrect"),
    "account_centre.event.password_locked": ("Sign-in locked", "Connexion bloquée"),
    "account_centre.event.second_factor_locked": ("Second factor locked", "2ᵉ facteur bloqué"),
    "account_centre.event.two_factor_set_up": ("Second factor set up", "2ᵉ facteur configuré"),
    "account_centre.event.two_factor_changed": ("Second factor changed", "2ᵉ facteur changé"),
    "account_centre.event.recovery_code_used": ("Recovery code used", "Code de récupération utilisé"),
    "account_centre.event.recovery_codes_regenerated": (
        "New recovery codes made",
        "Nouveaux codes de récupération créés",
    ),
    "account_centre.event.password_changed": ("Password changed", "Mot de passe changé"),
    "account_centre.event.email_change_requested": ("New address asked for", "Nouvelle adresse demandée"),
    "account_centre.event.email_changed": ("Email address changed", "Adresse courriel changée"),
    "account_centre.event.security_answers_changed": (
        "Recovery answers changed",
        "Réponses de récupération changées",
    ),
    "account_centre.event.token_created": ("API token created", "Jeton d'API créé"),
    "account_centre.event.token_revoked": ("API token revoked", "Jeton d'API révoqué"),
    "account_centre.event.application_linked": ("Application linked", "Demande liée"),
    "account_centre.event.partner_attached": ("Sign-In Partner added", "Partenaire de connexion ajouté"),
    "account_centre.event.session_ended": ("Session ended", "Session terminée"),
    "account_centre.event.account_created": ("GCKey created", "CléGC créée"),
}
