"""Sign-In Partner texts: API errors, browser pages, the development partner, the console screens."""

MESSAGES = {
    # -- API errors (RFC 8628 §3.5 codes) --
    "error.partner_not_found": ("There is no such Sign-In Partner.", "Ce partenaire de connexion n'existe pas."),
    "error.partner_unavailable": (
        "This Sign-In Partner is not available on this service.",
        "Ce partenaire de connexion n'est pas offert par ce service.",
    ),
    "error.authorization_pending": (
        "Waiting for you to finish signing in with the partner.",
        "En attente de la fin de votre connexion auprès du partenaire.",
    ),
    "error.slow_down": (
        "Polling too fast: wait {interval} seconds between requests.",
        "Interrogation trop rapide : attendez {interval} secondes entre les demandes.",
    ),
    "error.expired_token": (
        "The code has expired. Start the partner sign-in again.",
        "Le code a expiré. Recommencez la connexion avec le partenaire.",
    ),
    "error.access_denied": (
        "The sign-in was refused at the partner.",
        "La connexion a été refusée chez le partenaire.",
    ),
    "error.invalid_grant": (
        "This device code is not valid or was already used.",
        "Ce code d'appareil n'est pas valide ou a déjà été utilisé.",
    ),
    "error.identity_linked_elsewhere": (
        "This identity at the Sign-In Partner is already linked to another GCKey account: sign in with that "
        "account, or use another identity.",
        "Cette identité chez le partenaire de connexion est déjà liée à un autre compte CléGC : connectez-vous "
        "avec ce compte ou utilisez une autre identité.",
    ),
    "error.unsupported_grant_type": (
        "This endpoint grants only the device code (urn:ietf:params:oauth:grant-type:device_code).",
        "Ce point d'accès n'accorde que le code d'appareil (urn:ietf:params:oauth:grant-type:device_code).",
    ),
    # -- browser pages --
    "partners.page.title": ("GCKey: Sign-In Partner", "CléGC : partenaire de connexion"),
    "partners.page.enter_code": (
        "Enter the code shown in your console:",
        "Entrez le code affiché dans votre console :",
    ),
    "partners.page.continue": ("Continue", "Continuer"),
    "partners.page.cancel": ("Cancel", "Annuler"),
    "partners.page.confirm": (
        "A console is asking to sign in to GCKey as you with {partner}. The code on that console's screen is "
        "{code}. Continue?",
        "Une console demande à se connecter à la CléGC en votre nom avec {partner}. Le code affiché à l'écran "
        "de cette console est {code}. Continuer?",
    ),
    "partners.page.confirm_warning": (
        "Continue only if you started this sign-in yourself and the code matches. If someone sent you this "
        "link or code, cancel.",
        "Continuez seulement si vous avez vous-même lancé cette connexion et que le code correspond. Si "
        "quelqu'un vous a envoyé ce lien ou ce code, annulez.",
    ),
    "partners.page.forged": (
        "This form did not come from this page. Open the address shown in your console and try again.",
        "Ce formulaire ne provient pas de cette page. Ouvrez l'adresse affichée dans votre console et réessayez.",
    ),
    "partners.page.bad_code": (
        "This code is not valid or has expired. Check the code in your console.",
        "Ce code n'est pas valide ou a expiré. Vérifiez le code dans votre console.",
    ),
    "partners.page.too_many_tries": (
        "Too many codes were tried from this address. Wait an hour, then try again.",
        "Trop de codes ont été essayés depuis cette adresse. Attendez une heure, puis réessayez.",
    ),
    "partners.page.bad_state": (
        "This sign-in attempt is not valid or has already been used. Start again from your console.",
        "Cette tentative de connexion n'est pas valide ou a déjà servi. Recommencez depuis votre console.",
    ),
    "partners.page.partner_failed": (
        "The Sign-In Partner could not confirm who you are. Start again from your console.",
        "Le partenaire de connexion n'a pas pu confirmer votre identité. Recommencez depuis votre console.",
    ),
    "partners.page.denied": (
        "Sign-in was refused. You can close this page.",
        "La connexion a été refusée. Vous pouvez fermer cette page.",
    ),
    "partners.page.linked_elsewhere": (
        "This partner identity is already linked to another GCKey account.",
        "Cette identité chez le partenaire est déjà liée à un autre compte CléGC.",
    ),
    "partners.page.approved": (
        "You are signed in. Return to your console; you can close this page.",
        "Vous êtes connecté. Retournez à votre console; vous pouvez fermer cette page.",
    ),
    # -- development partner --
    "partners.dev.name": ("Development partner (test only)", "Partenaire de développement (essais seulement)"),
    "partners.dev.title": ("Development Sign-In Partner", "Partenaire de connexion de développement"),
    "partners.dev.consent": (
        "Sign in to GCKey as the test user {name}?",
        "Se connecter à CléGC en tant qu'utilisateur d'essai {name}?",
    ),
    "partners.dev.allow": ("Allow", "Autoriser"),
    "partners.dev.deny": ("Deny", "Refuser"),
    "partners.dev.bad_request": (
        "This authorization request is not valid.",
        "Cette demande d'autorisation n'est pas valide.",
    ),
    # -- console --
    "partners.console.menu": ("Sign in with a Sign-In Partner", "Se connecter avec un partenaire de connexion"),
    "partners.console.menu_help": (
        "Use your bank or credit union to sign in (no GCKey password)",
        "Utilisez votre banque ou caisse populaire pour vous connecter (sans mot de passe CléGC)",
    ),
    "partners.console.choose": (
        "Choose your Sign-In Partner. You will finish signing in with it in a web browser.",
        "Choisissez votre partenaire de connexion. Vous terminerez la connexion avec lui dans un navigateur.",
    ),
    "partners.console.unavailable": ("{name} (not offered here)", "{name} (non offert ici)"),
    "partners.console.code_title": ("Sign in with {name}", "Se connecter avec {name}"),
    "partners.console.step_visit": (
        "1. On any device, open this address (or scan the QR code):",
        "1. Sur n'importe quel appareil, ouvrez cette adresse (ou balayez le code QR) :",
    ),
    "partners.console.step_code": ("2. Enter this code:", "2. Entrez ce code :"),
    "partners.console.step_partner": (
        "3. Sign in with your partner and allow GCKey.",
        "3. Connectez-vous chez votre partenaire et autorisez CléGC.",
    ),
    "partners.console.expires_in": ("Code expires in {time}", "Le code expire dans {time}"),
    "partners.console.starting": ("Asking for a code…", "Demande d'un code…"),
    "partners.console.waiting": (
        "Waiting for you to finish in the browser…",
        "En attente de la fin de la connexion dans le navigateur…",
    ),
    "partners.console.expired": (
        "The code has expired. Press R for a new one.",
        "Le code a expiré. Appuyez sur R pour en obtenir un nouveau.",
    ),
    "partners.console.key.cancel": ("Cancel", "Annuler"),
    "partners.console.key.retry": ("New code", "Nouveau code"),
    "partners.console.key.choose": ("Choose", "Choisir"),
    "partners.console.attach_menu": ("Add a Sign-In Partner", "Ajouter un partenaire de connexion"),
    "partners.console.attach_menu_help": (
        "Let your bank or credit union sign you in to this GCKey account too",
        "Permettre à votre banque ou caisse populaire de vous connecter aussi à ce compte CléGC",
    ),
    "partners.console.attach_choose": (
        "Choose the Sign-In Partner to add to this account. You will confirm with it in a web browser; "
        "afterwards you can sign in with it instead of your password and second factor.",
        "Choisissez le partenaire de connexion à ajouter à ce compte. Vous confirmerez chez lui dans un "
        "navigateur; ensuite, vous pourrez vous connecter avec lui au lieu de votre mot de passe et de votre "
        "deuxième facteur.",
    ),
    "partners.console.attach_title": ("Add {name} to this account", "Ajouter {name} à ce compte"),
    "partners.console.attached": (
        "{name} is now a way to sign in to this account.",
        "{name} permet maintenant de vous connecter à ce compte.",
    ),
}
