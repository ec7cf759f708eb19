"""The console's own texts: welcome, sign-in, second factor, registration, 2FA management, settings."""

MESSAGES = {
    "console.name": ("GCKey", "CléGC"),
    "console.key.back": ("Back", "Retour"),
    "console.key.quit": ("Quit", "Quitter"),
    "console.key.language": ("Français", "English"),
    "console.key.open": ("Open", "Ouvrir"),
    "console.key.submit": ("Continue", "Continuer"),
    "console.key.sign_out": ("Sign out", "Se déconnecter"),
    "console.key.keys": ("Keys", "Touches"),
    "console.key.palette": ("Every screen (command palette)", "Tous les écrans (palette de commandes)"),
    "console.key.dismiss_menu": ("Close the list", "Fermer la liste"),
    "console.keys.title": ("Keys on this screen", "Touches de cet écran"),
    "console.keys.close": ("Esc, ? or Enter: close.", "Échap, ? ou Entrée : fermer."),
    "console.key.copy": ("Copy", "Copier"),
    "console.key.save": ("Save to file", "Enregistrer"),
    "console.retry_in": ("Try again in {minutes} min.", "Réessayez dans {minutes} min."),
    "console.retry_in_seconds": ("Try again in {seconds} s.", "Réessayez dans {seconds} s."),
    "console.mail_delayed": (
        "Email is running late: the code will arrive once the mail server recovers.",
        "Les courriels ont du retard : le code arrivera dès que le serveur de courriel sera rétabli.",
    ),
    "console.signed_out": ("You are signed out.", "Vous êtes déconnecté."),
    "console.qr.too_small": (
        "To show the QR code, enlarge the terminal to at least {width}×{height}, or type the text shown.",
        "Pour afficher le code QR, agrandissez le terminal à au moins {width} × {height}, ou saisissez le "
        "texte affiché.",
    ),
    "console.register.leave": (
        "Leave the registration? What you typed will be lost.",
        "Quitter l'inscription ? Ce que vous avez saisi sera perdu.",
    ),
    "console.register.leave_yes": ("Leave", "Quitter"),
    "console.register.stay": ("Stay", "Rester"),
    "console.command.search": ("Search for a screen or a command…", "Chercher un écran ou une commande…"),
    "console.command.theme": ("Theme", "Thème"),
    "console.command.theme_help": ("Change the colours of the console", "Changer les couleurs de la console"),
    "console.command.quit": ("Quit", "Quitter"),
    "console.command.quit_help": ("Leave the console", "Quitter la console"),
    "console.command.keys": ("Keys", "Touches"),
    "console.command.keys_help": ("The keys of this screen", "Les touches de cet écran"),
    "console.command.screenshot": ("Screenshot", "Capture d'écran"),
    "console.command.screenshot_help": (
        "Save an SVG picture of this screen (secrets masked)",
        "Enregistrer une image SVG de cet écran (secrets masqués)",
    ),
    "console.screenshot_saved": ("Screenshot saved to {path}", "Capture d'écran enregistrée dans {path}"),
    "console.quit_title": ("Do you want to quit?", "Voulez-vous quitter ?"),
    "console.quit_hint": ("Press {key} to quit the console.", "Appuyez sur {key} pour quitter la console."),
    "console.two_factor.partner_account": (
        "You sign in through your Sign-In Partner: this account has no GCKey password or second factor to manage. "
        "Your partner's own security protects it.",
        "Vous vous connectez par votre partenaire de connexion : ce compte n'a ni mot de passe ni deuxième facteur "
        "CléGC à gérer. La sécurité de votre partenaire le protège.",
    ),
    "console.worker_failed": (
        "Something went wrong in the console. Try again.",
        "Un problème est survenu dans la console. Réessayez.",
    ),
    "console.welcome.intro": (
        "Sign in to access Government of Canada online services, or register for a GCKey.",
        "Connectez-vous pour accéder aux services en ligne du gouvernement du Canada, "
        "ou inscrivez-vous pour obtenir une CléGC.",
    ),
    "console.welcome.demo": (
        "Demo: username {username}, password {password}, authenticator secret {secret}",
        "Démo : nom d'utilisateur {username}, mot de passe {password}, clé de l'authentificateur {secret}",
    ),
    "console.welcome.hint": (
        "Arrows and Enter, or the letter shown.\n{palette}: every screen · {keys}: keys · {language}: français",
        "Flèches et Entrée, ou la lettre indiquée.\n{palette} : tous les écrans · {keys} : touches · "
        "{language} : English",
    ),
    "console.home.title": ("My GCKey", "Ma CléGC"),
    "console.home.signed_in_as": ("Signed in as {username}", "Connecté en tant que {username}"),
    "console.home.method": ("Second factor: {method}", "Deuxième facteur : {method}"),
    "console.home.partner_account": (
        "Signed in through your Sign-In Partner (this account has no GCKey username or password).",
        "Connecté par votre partenaire de connexion (ce compte n'a ni nom d'utilisateur ni mot de passe CléGC).",
    ),
    "console.home.codes_left": ("Recovery codes left: {count}", "Codes de récupération restants : {count}"),
    "console.method.totp": ("authenticator app", "application d'authentification"),
    "console.method.email": ("email code", "code par courriel"),
    "console.method.none": ("not set up", "non configuré"),
    "console.sign_out.title": ("Sign out", "Se déconnecter"),
    "console.sign_out.help": ("End your session", "Mettre fin à votre session"),
    "console.sign_in.title": ("Sign in with GCKey", "Se connecter avec CléGC"),
    "console.sign_in.help": (
        "Username, password and second factor",
        "Nom d'utilisateur, mot de passe et deuxième facteur",
    ),
    "console.sign_in.username": ("Username", "Nom d'utilisateur"),
    "console.sign_in.password": ("Password", "Mot de passe"),
    "console.sign_in.submit": ("Sign in", "Se connecter"),
    "console.sign_in.required": (
        "Enter your username and password.",
        "Entrez votre nom d'utilisateur et votre mot de passe.",
    ),
    "console.loading": ("Loading…", "Chargement…"),
    "console.copied": ("Copied to the clipboard.", "Copié dans le presse-papiers."),
    "console.key.recover": ("Recover account", "Récupérer le compte"),
    "console.key.reload": ("Reload", "Actualiser"),
    "console.key.send_email": ("Send me an email code", "M'envoyer un code par courriel"),
    "console.second_factor.title": ("Two-factor authentication", "Authentification à deux facteurs"),
    "console.second_factor.code": ("Verification code", "Code de vérification"),
    "console.second_factor.totp_hint": (
        "Enter the 6-digit code from your authenticator app.",
        "Entrez le code à 6 chiffres de votre application d'authentification.",
    ),
    "console.second_factor.email_hint": (
        "We sent a 6-digit code to your email address. Enter it below.",
        "Nous avons envoyé un code à 6 chiffres à votre adresse courriel. Entrez-le ci-dessous.",
    ),
    "console.second_factor.email_sent": (
        "A code was sent to your email address.",
        "Un code a été envoyé à votre adresse courriel.",
    ),
    "console.recovery.title": ("Recover account", "Récupérer le compte"),
    "console.recovery.intro": (
        "Enter one of the recovery codes you saved when you set up two-factor authentication. Each code works once.",
        "Entrez l'un des codes de récupération enregistrés lors de la configuration de l'authentification "
        "à 2 facteurs. Chaque code ne fonctionne qu'une fois.",
    ),
    "console.recovery.code": ("Recovery code", "Code de récupération"),
    "console.recovery.lost": (
        'Lost every code? See "Lost all codes" on the welcome screen: you will need a new GCKey.',
        "Vous avez perdu tous vos codes? Consultez « Tous les codes perdus » sur l'écran d'accueil : "
        "il vous faudra une nouvelle CléGC.",
    ),
    "console.recovered.title": ("Account recovered", "Compte récupéré"),
    "console.recovered.body": (
        "Your account is recovered. Recovery codes left: {remaining}. Set up a new second factor now; "
        "you will get 10 new recovery codes and the old ones will stop working.",
        "Votre compte est récupéré. Codes de récupération restants : {remaining}. Configurez maintenant "
        "un nouveau deuxième facteur; vous recevrez 10 nouveaux codes de récupération et les anciens ne "
        "fonctionneront plus.",
    ),
    "console.recovered.setup": ("Set up two-factor authentication", "Configurer l'authentification à 2 facteurs"),
    "console.setup.title": ("Set up two-factor authentication", "Configurer l'authentification à 2 facteurs"),
    "console.setup.intro": (
        "Choose how you will prove it is you each time you sign in.",
        "Choisissez comment vous prouverez votre identité à chaque connexion.",
    ),
    "console.setup.totp": ("Authenticator app", "Application d'authentification"),
    "console.setup.totp_help": (
        "A 6-digit code from an app on your phone (recommended).",
        "Un code à 6 chiffres d'une application sur votre téléphone (recommandé).",
    ),
    "console.setup.email": ("Email code", "Code par courriel"),
    "console.setup.email_help": (
        "A 6-digit code sent to your email address each time.",
        "Un code à 6 chiffres envoyé à votre adresse courriel à chaque fois.",
    ),
    "console.setup.scan": (
        "Scan the code with your authenticator app, or type the key under it. Then enter the 6-digit code "
        "the app shows.",
        "Balayez le code avec votre application d'authentification, ou tapez la clé inscrite dessous. "
        "Entrez ensuite le code à 6 chiffres affiché par l'application.",
    ),
    "console.setup.email_sent": (
        "We sent a 6-digit code to your email address. Enter it to confirm.",
        "Nous avons envoyé un code à 6 chiffres à votre adresse courriel. Entrez-le pour confirmer.",
    ),
    "console.setup.code": ("6-digit code", "Code à 6 chiffres"),
    "console.codes.title": ("Your recovery codes", "Vos codes de récupération"),
    "console.codes.intro": (
        "Keep these codes somewhere safe. Each one lets you recover your account once if you lose "
        "your second factor. They will not be shown again.",
        "Conservez ces codes en lieu sûr. Chacun permet de récupérer votre compte une fois si vous perdez "
        "votre deuxième facteur. Ils ne seront plus affichés.",
    ),
    "console.codes.stored": (
        "Yes, I have saved and stored these codes safely",
        "Oui, j'ai enregistré et stocké ces codes en toute sécurité",
    ),
    "console.codes.tick_first": (
        "Tick the box above once the codes are stored.",
        "Cochez la case ci-dessus une fois les codes conservés.",
    ),
    "console.codes.saved": (
        "Saved to {path} (readable by you only).",
        "Enregistrés dans {path} (lisible par vous seul).",
    ),
    "console.codes.save_failed": ("Could not save the codes: {error}", "Impossible d'enregistrer les codes : {error}"),
    "console.register.title": ("Register for a GCKey", "S'inscrire à CléGC"),
    "console.register.help": (
        "Create a username, a password, recovery questions and a second factor",
        "Créer un nom d'utilisateur, un mot de passe, des questions de récupération et un deuxième facteur",
    ),
    "console.register.email": ("Email address", "Adresse courriel"),
    "console.register.questions": (
        "Choose three recovery questions and answer them.",
        "Choisissez trois questions de récupération et répondez-y.",
    ),
    "console.register.question": ("Question {n}", "Question {n}"),
    "console.register.answer": ("Answer", "Réponse"),
    "console.register.strength": ("Strength:", "Robustesse :"),
    "console.strength.0": ("very weak", "très faible"),
    "console.strength.1": ("weak", "faible"),
    "console.strength.2": ("fair", "moyen"),
    "console.strength.3": ("strong", "fort"),
    "console.strength.4": ("very strong", "très fort"),
    "console.verify.title": ("Verify your email address", "Vérifier votre adresse courriel"),
    "console.verify.intro": (
        "We sent a 6-digit code to {email}. Enter it to create your GCKey.",
        "Nous avons envoyé un code à 6 chiffres à {email}. Entrez-le pour créer votre CléGC.",
    ),
    "console.verify.mailbox": (
        "Running locally: the email is in the Local mailbox (Ctrl+P, Local mailbox).",
        "Exécution locale : le courriel se trouve dans la Boîte aux lettres locale (Ctrl+P, Boîte aux lettres locale).",
    ),
    "console.two_factor.title": (
        "Manage your two-factor authentication",
        "Gérer votre authentification à 2 facteurs",
    ),
    "console.two_factor.help": (
        "See your second factor and change it",
        "Voir votre deuxième facteur et le modifier",
    ),
    "console.two_factor.reauth": (
        "To change it, enter your password and a current code again.",
        "Pour le modifier, entrez de nouveau votre mot de passe et un code actuel.",
    ),
    "console.two_factor.change": (
        "Change your two-factor authentication",
        "Modifier votre authentification à 2 facteurs",
    ),
    "console.reenrol.title": ("Lost all codes", "Tous les codes perdus"),
    "console.reenrol.help": (
        "No second factor and no recovery code left: start again",
        "Plus de deuxième facteur ni de code de récupération : recommencer",
    ),
    "console.reenrol.body": (
        "If you lost your second factor and every recovery code, the account cannot be recovered. "
        "To continue:\n1. Register for a new GCKey.\n2. Create a new account with the service you use.\n"
        "3. Set up two-factor authentication.\n4. Keep your new recovery codes somewhere safe.",
        "Si vous avez perdu votre deuxième facteur et tous vos codes de récupération, le compte ne peut pas "
        "être récupéré. Pour continuer :\n1. Inscrivez-vous à une nouvelle CléGC.\n2. Créez un nouveau compte "
        "auprès du service que vous utilisez.\n3. Configurez l'authentification à 2 facteurs.\n"
        "4. Conservez vos nouveaux codes de récupération en lieu sûr.",
    ),
    "console.mailbox.title": ("Local mailbox", "Boîte aux lettres locale"),
    "console.mailbox.help": (
        "Emails the local service sent (codes, notices)",
        "Courriels envoyés par le service local (codes, avis)",
    ),
    "console.mailbox.empty": ("No email yet.", "Aucun courriel pour l'instant."),
    "console.mailbox.remote": (
        "Connected to a server: its emails go to real mailboxes.",
        "Connecté à un serveur : ses courriels vont dans de vraies boîtes aux lettres.",
    ),
    "console.settings.title": ("Settings", "Paramètres"),
    "console.settings.help": ("Language and theme", "Langue et thème"),
    "console.settings.language": ("Language", "Langue"),
    "console.settings.theme": ("Theme", "Thème"),
    "console.settings.saved": ("Saved.", "Enregistré."),
    "console.file_not_written": (
        "The file could not be written: {reason}",
        "Le fichier n'a pas pu être écrit : {reason}",
    ),
    "console.settings.where": (
        'Changes apply at once and are saved in {path}. Keys are remapped there too (keymap = {{ id = "key" }}).',
        "Les changements s'appliquent aussitôt et sont enregistrés dans {path}. Les touches s'y redéfinissent "
        'aussi (keymap = {{ id = "touche" }}).',
    ),
}
