"""``gckey-tui tokens …``: scripted reports:read tokens, signing in at the terminal."""

MESSAGES = {
    "tokens.cli.username": ("GCKey username: ", "Nom d'utilisateur CléGC : "),
    "tokens.cli.password": ("Password: ", "Mot de passe : "),
    "tokens.cli.code": ("Code from your authenticator app: ", "Code de votre application d'authentification : "),
    "tokens.cli.email_code": (
        "A code was emailed to you. Code: ",
        "Un code vous a été envoyé par courriel. Code : ",
    ),
    "tokens.cli.no_terminal": (
        "Signing in needs a terminal (the password and code are typed, never passed as arguments).",
        "La connexion demande un terminal (le mot de passe et le code se tapent, jamais en arguments).",
    ),
    "tokens.cli.set_up_first": (
        "This account has no second factor yet: finish setting it up in the console first.",
        "Ce compte n'a pas encore de deuxième facteur : terminez sa configuration dans la console d'abord.",
    ),
    "tokens.cli.refused": ("Refused: {message}", "Refusé : {message}"),
    "tokens.cli.created": (
        "Token {name} (expires {expires}). It is shown only this once; store it now:",
        "Jeton {name} (expire le {expires}). Il n'est montré qu'une fois; conservez-le maintenant :",
    ),
    "tokens.cli.none": ("No live tokens.", "Aucun jeton actif."),
    "tokens.cli.revoked": ("Token {id} revoked.", "Jeton {id} révoqué."),
    "tokens.cli.header": (
        "ID  NAME  SCOPE  CREATED  EXPIRES  LAST USED",
        "ID  NOM  PORTÉE  CRÉÉ  EXPIRE  DERNIER USAGE",
    ),
}
