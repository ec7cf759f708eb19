"""Account lifecycle and help: recovery, export, deletion, inactivity, help and support (issue #6)."""

SERVICE_DESK_EN = "call the GCKey Service Desk at 1-855-438-1102"
SERVICE_DESK_FR = "appelez le Bureau de service de CléGC au 1-855-438-1102"

MESSAGES = {
    # -- service errors and field messages --------------------------------------------------------------
    "error.invalid_recovery": (
        "The code, the answers or the request is not right. Ask for a new code and try again.",
        "Le code, les réponses ou la demande ne sont pas valides. Demandez un nouveau code et réessayez.",
    ),
    "error.invalid_password": (
        "The new password does not meet the rules.",
        "Le nouveau mot de passe ne respecte pas les règles.",
    ),
    "error.too_many_requests": (
        "Too many requests. Try again in an hour.",
        "Trop de demandes. Réessayez dans une heure.",
    ),
    "error.confirmation_mismatch": (
        "Type your username exactly to confirm.",
        "Tapez votre nom d'utilisateur exactement pour confirmer.",
    ),
    "error.invalid_support_request": (
        "Some fields need your attention.",
        "Certains champs doivent être corrigés.",
    ),
    "lifecycle.account.partner_account": (
        "This account was made through your Sign-In Partner: it has no GCKey password or code to confirm a "
        "deletion with, and deleting it this way is not available yet. The GCKey Service Desk can help "
        "(Help, h).",
        "Ce compte a été créé par votre partenaire de connexion : il n'a ni mot de passe ni code CléGC pour "
        "confirmer une suppression, et la suppression de cette façon n'est pas encore offerte. Le Bureau de "
        "service de CléGC peut vous aider (Aide, h).",
    ),
    "lifecycle.delete.mismatch": (
        "This is not your username.",
        "Ce n'est pas votre nom d'utilisateur.",
    ),
    "lifecycle.support.required": ("This field is required.", "Ce champ est obligatoire."),
    "lifecycle.support.screenshot_too_large": (
        "The screenshot is too large (1 MB at most).",
        "La capture d'écran est trop volumineuse (1 Mo au plus).",
    ),
    "lifecycle.support.screenshot_invalid": (
        "The screenshot is not a valid SVG image.",
        "La capture d'écran n'est pas une image SVG valide.",
    ),
    # -- mail --------------------------------------------------------------------------------------------
    "mail.username_reminder.subject": ("Your GCKey username", "Votre nom d'utilisateur CléGC"),
    "mail.username_reminder.body": (
        "Hello,\n\nYou asked for the GCKey username linked to this email address: {username}\n\n"
        "If you did not ask, ignore this message.",
        "Bonjour,\n\nVous avez demandé le nom d'utilisateur CléGC associé à cette adresse courriel : "
        "{username}\n\nSi vous n'avez rien demandé, ne tenez pas compte de ce message.",
    ),
    "mail.password_reset_code.subject": (
        "Your GCKey password reset code",
        "Votre code de réinitialisation du mot de passe CléGC",
    ),
    "mail.password_reset_code.body": (
        "Hello {username},\n\nTo reset your password, enter this code: {code}\n\n"
        "It is valid for 10 minutes and can be used once. You will also answer your three recovery questions. "
        "If you did not ask for this, ignore this message; your password is unchanged.",
        "Bonjour {username},\n\nPour réinitialiser votre mot de passe, entrez ce code : {code}\n\n"
        "Il est valide pendant 10 minutes et ne peut être utilisé qu'une fois. Vous répondrez aussi à vos trois "
        "questions de récupération. Si vous n'avez rien demandé, ne tenez pas compte de ce message; votre mot "
        "de passe n'a pas changé.",
    ),
    "mail.password_reset_done.subject": (
        "Your GCKey password was changed",
        "Votre mot de passe CléGC a été modifié",
    ),
    "mail.password_reset_done.body": (
        "Hello {username},\n\nYour password was just reset. Every session was ended; your second factor is "
        f"unchanged.\n\nIf this was not you, {SERVICE_DESK_EN}.",
        "Bonjour {username},\n\nVotre mot de passe vient d'être réinitialisé. Toutes les sessions ont pris fin; "
        f"votre deuxième facteur n'a pas changé.\n\nSi ce n'était pas vous, {SERVICE_DESK_FR}.",
    ),
    "mail.account_deleted.subject": ("Your GCKey was deleted", "Votre CléGC a été supprimée"),
    "mail.account_deleted.body": (
        "Hello {username},\n\nYour GCKey was deleted at your request. Your personal data was erased and your "
        f"applications were unlinked.\n\nIf this was not you, {SERVICE_DESK_EN}.",
        "Bonjour {username},\n\nVotre CléGC a été supprimée à votre demande. Vos données personnelles ont été "
        f"effacées et vos demandes ont été dissociées.\n\nSi ce n'était pas vous, {SERVICE_DESK_FR}.",
    ),
    "mail.inactivity_warning.subject": (
        "Your GCKey will be deactivated soon",
        "Votre CléGC sera bientôt désactivée",
    ),
    "mail.inactivity_warning.body": (
        "Hello {username},\n\nYour GCKey has not been used for almost 2 years. Unless you sign in, it will be "
        "deactivated on {deadline}. After that, you will need to register for a new GCKey.",
        "Bonjour {username},\n\nVotre CléGC n'a pas été utilisée depuis presque 2 ans. À moins que vous ne vous "
        "connectiez, elle sera désactivée le {deadline}. Vous devrez ensuite vous inscrire à une nouvelle CléGC.",
    ),
    "mail.account_deactivated.subject": ("Your GCKey was deactivated", "Votre CléGC a été désactivée"),
    "mail.account_deactivated.body": (
        "Hello {username},\n\nYour GCKey was not used for 2 years and has been deactivated. To use online "
        "services again, register for a new GCKey.",
        "Bonjour {username},\n\nVotre CléGC n'a pas été utilisée depuis 2 ans et a été désactivée. Pour utiliser "
        "de nouveau les services en ligne, inscrivez-vous à une nouvelle CléGC.",
    ),
    "mail.support_request.subject": ("Support request {reference}", "Demande de soutien {reference}"),
    "mail.support_request.body": (
        "Reference: {reference}\nReply by: {reply_by}\nGCKey username: {reporter}\nReply to: {reply_to}\n\n"
        "Subject: {subject}\n\nDescription:\n{description}\n\nSteps taken:\n{steps}",
        "Référence : {reference}\nRéponse d'ici le : {reply_by}\nNom d'utilisateur CléGC : {reporter}\n"
        "Répondre à : {reply_to}\n\nObjet : {subject}\n\nDescription :\n{description}\n\n"
        "Étapes suivies :\n{steps}",
    ),
    # -- destinations (welcome, home, command palette) -------------------------------------------------
    "lifecycle.nav.forgot_username": ("Forgot username", "Nom d'utilisateur oublié"),
    "lifecycle.nav.forgot_username.help": (
        "Get your GCKey username by email",
        "Recevoir votre nom d'utilisateur CléGC par courriel",
    ),
    "lifecycle.nav.forgot_password": ("Forgot password", "Mot de passe oublié"),
    "lifecycle.nav.forgot_password.help": (
        "Reset your password with an email code and your recovery questions",
        "Réinitialiser votre mot de passe avec un code par courriel et vos questions de récupération",
    ),
    "lifecycle.nav.account": ("Account and data", "Compte et données"),
    "lifecycle.nav.account.help": (
        "Export your data or delete your GCKey",
        "Exporter vos données ou supprimer votre CléGC",
    ),
    "lifecycle.nav.help": ("Help", "Aide"),
    "lifecycle.nav.help.help": (
        "GCKey Service Desk, and GCKey vs portals vs CRA sign-in",
        "Bureau de service de CléGC, et CléGC, portails et ARC",
    ),
    "lifecycle.nav.support": ("Report a problem", "Signaler un problème"),
    "lifecycle.nav.support.help": (
        "Send a description and a screenshot to the service desk",
        "Envoyer une description et une capture d'écran au soutien",
    ),
    # -- common ----------------------------------------------------------------------------------------
    "lifecycle.back": ("Back", "Retour"),
    "lifecycle.send": ("Send", "Envoyer"),
    "lifecycle.continue": ("Continue", "Continuer"),
    "lifecycle.required": ("Fill in this field.", "Remplissez ce champ."),
    # -- forgot username -------------------------------------------------------------------------------
    "lifecycle.username.title": ("Forgot your username?", "Vous avez oublié votre nom d'utilisateur?"),
    "lifecycle.username.intro": (
        "Enter the email address of your GCKey. If it matches, we email your username to it.",
        "Entrez l'adresse courriel de votre CléGC. Si elle correspond, nous y enverrons votre nom d'utilisateur.",
    ),
    "lifecycle.username.email": ("Email address", "Adresse courriel"),
    "lifecycle.username.sent": (
        "If {email} belongs to a GCKey, its username is on its way. Check your email.",
        "Si {email} appartient à une CléGC, son nom d'utilisateur est en route. Vérifiez vos courriels.",
    ),
    # -- forgot password -------------------------------------------------------------------------------
    "lifecycle.password.title": ("Forgot your password?", "Vous avez oublié votre mot de passe?"),
    "lifecycle.password.intro": (
        "Enter your username. We email a code to your recovery address; then answer your three recovery "
        "questions and choose a new password. Your second factor stays required when you sign in.",
        "Entrez votre nom d'utilisateur. Nous envoyons un code à votre adresse de récupération; répondez "
        "ensuite à vos trois questions de récupération et choisissez un nouveau mot de passe. Votre deuxième "
        "facteur reste exigé à la connexion.",
    ),
    "lifecycle.password.username": ("Username", "Nom d'utilisateur"),
    "lifecycle.password.code_sent": (
        "If this username has a GCKey, we emailed a 6-digit code to its address. It is valid for 10 minutes.",
        "Si ce nom d'utilisateur a une CléGC, nous avons envoyé un code à 6 chiffres à son adresse. "
        "Il est valide pendant 10 minutes.",
    ),
    "lifecycle.password.code": ("Code from the email", "Code reçu par courriel"),
    "lifecycle.password.questions": (
        "Answer your recovery questions.",
        "Répondez à vos questions de récupération.",
    ),
    "lifecycle.password.new": ("New password", "Nouveau mot de passe"),
    "lifecycle.password.confirm": ("Confirm the new password", "Confirmez le nouveau mot de passe"),
    "lifecycle.password.mismatch": ("The passwords do not match.", "Les mots de passe ne correspondent pas."),
    "lifecycle.password.rule.length": ("{min} to {max} characters", "De {min} à {max} caractères"),
    "lifecycle.password.rule.upper": ("an upper-case letter", "une lettre majuscule"),
    "lifecycle.password.rule.lower": ("a lower-case letter", "une lettre minuscule"),
    "lifecycle.password.rule.digit": ("a digit", "un chiffre"),
    "lifecycle.password.rule.username": (
        "no 3 characters in a row from your username",
        "aucune suite de 3 caractères de votre nom d'utilisateur",
    ),
    "lifecycle.password.reset": ("Reset password", "Réinitialiser le mot de passe"),
    "lifecycle.password.done": (
        "Your password was changed. Sign in with it; you will still be asked for your second factor.",
        "Votre mot de passe a été modifié. Connectez-vous avec celui-ci; votre deuxième facteur vous sera "
        "quand même demandé.",
    ),
    "lifecycle.password.restart": (
        "Start again with your username to get a new code.",
        "Recommencez avec votre nom d'utilisateur pour obtenir un nouveau code.",
    ),
    # -- account: export and delete ----------------------------------------------------------------------
    "lifecycle.account.title": ("Your account and data", "Votre compte et vos données"),
    "lifecycle.account.export": ("Export my data", "Exporter mes données"),
    "lifecycle.account.export_intro": (
        "Save everything the service holds about you as a JSON file, readable only by you.",
        "Enregistrer tout ce que le service conserve à votre sujet dans un fichier JSON lisible par vous seul.",
    ),
    "lifecycle.account.export_path": ("File", "Fichier"),
    "lifecycle.account.exported": ("Your data was saved to {path}.", "Vos données ont été enregistrées dans {path}."),
    "lifecycle.account.delete": ("Delete my GCKey", "Supprimer ma CléGC"),
    "lifecycle.account.consequences": (
        "Deleting your GCKey is a serious step:\n"
        "• You lose access to your applications: you can no longer follow them or answer IRCC's requests.\n"
        "• Your applications are unlinked: they stay in IRCC's system, but not through this account.\n"
        "• To come back, you register a new GCKey and link your applications again, by hand.\n"
        "Consider resetting your password or recovering your account instead. Export your data first.",
        "Supprimer votre CléGC est une action importante :\n"
        "• Vous perdez l'accès à vos demandes : vous ne pouvez plus les suivre ni répondre aux requêtes d'IRCC.\n"
        "• Vos demandes sont dissociées : elles restent dans le système d'IRCC, mais plus par ce compte.\n"
        "• Pour revenir, vous devez créer une nouvelle CléGC et y lier de nouveau vos demandes, à la main.\n"
        "Envisagez plutôt de réinitialiser votre mot de passe ou de récupérer votre compte. Exportez d'abord "
        "vos données.",
    ),
    "lifecycle.account.delete_intro": (
        "Deleting cannot be undone. The next screen says what you would lose, and lets you export first.",
        "La suppression est définitive. L'écran suivant indique ce que vous perdriez et permet d'exporter d'abord.",
    ),
    "lifecycle.account.delete_start": ("Delete my GCKey…", "Supprimer ma CléGC…"),
    "lifecycle.account.delete_continue": ("I understand, continue", "Je comprends, continuer"),
    "lifecycle.account.export_first": ("Export my data first", "Exporter d'abord mes données"),
    "lifecycle.account.reauth": (
        "Confirm it is you: your password and a current code.",
        "Confirmez votre identité : votre mot de passe et un code actuel.",
    ),
    "lifecycle.account.password": ("Password", "Mot de passe"),
    "lifecycle.account.code": (
        "Code (authenticator app or email)",
        "Code (application d'authentification ou courriel)",
    ),
    "lifecycle.account.send_code": ("Email me a code", "M'envoyer un code par courriel"),
    "lifecycle.account.confirm_username": (
        "Type your username to confirm",
        "Tapez votre nom d'utilisateur pour confirmer",
    ),
    "lifecycle.account.delete_now": ("Delete my GCKey now", "Supprimer ma CléGC maintenant"),
    "lifecycle.account.deleted": (
        "Your GCKey was deleted. A confirmation was emailed to you.",
        "Votre CléGC a été supprimée. Une confirmation vous a été envoyée par courriel.",
    ),
    # -- help ------------------------------------------------------------------------------------------
    "lifecycle.help.title": ("Help", "Aide"),
    "lifecycle.help.desk": ("GCKey Service Desk", "Bureau de service de CléGC"),
    "lifecycle.help.desk_line": ("{label}: {number}", "{label} : {number}"),
    "lifecycle.help.desk_scope": (
        "GCKey agents help only with GCKey problems (including two-factor authentication). "
        "They cannot see your applications or your Government of Canada accounts.",
        "Les représentants de CléGC aident uniquement pour les problèmes de CléGC (y compris "
        "l'authentification à deux facteurs). Ils n'ont pas accès à vos demandes ni à vos comptes du "
        "gouvernement du Canada.",
    ),
    "lifecycle.help.which": ("GCKey, portals and CRA", "CléGC, portails et ARC"),
    "lifecycle.help.gckey": (
        "GCKey is the key: a sign-in (username, password, second factor) for federal online services.",
        "La CléGC est la clé : une connexion (nom d'utilisateur, mot de passe, deuxième facteur) aux services "
        "fédéraux en ligne.",
    ),
    "lifecycle.help.portals": (
        "Portals (IRCC, the DLI portal) are the services behind it: your applications and reports live there.",
        "Les portails (IRCC, le portail des EED) sont les services derrière elle : vos demandes et vos "
        "rapports s'y trouvent.",
    ),
    "lifecycle.help.cra": (
        "CRA is separate: use CRA My Account or a Sign-In Partner for taxes; GCKey does not open it.",
        "L'ARC est à part : utilisez Mon dossier de l'ARC ou un Partenaire de connexion pour vos impôts; la "
        "CléGC n'y donne pas accès.",
    ),
    "lifecycle.help.report": ("Report a problem", "Signaler un problème"),
    # -- report a problem --------------------------------------------------------------------------------
    "lifecycle.support.title": ("Report a problem", "Signaler un problème"),
    "lifecycle.support.intro": (
        "Describe the problem and the steps you took. We answer within 10 business days.",
        "Décrivez le problème et les étapes suivies. Nous répondons dans les dix jours ouvrables.",
    ),
    "lifecycle.support.subject": ("Subject", "Objet"),
    "lifecycle.support.description": ("What went wrong?", "Quel est le problème?"),
    "lifecycle.support.steps": ("Steps you took", "Étapes suivies"),
    "lifecycle.support.contact": ("Your email address (for the answer)", "Votre adresse courriel (pour la réponse)"),
    "lifecycle.support.screenshot": (
        "Attach a screenshot (secrets masked)",
        "Joindre une capture d'écran (secrets masqués)",
    ),
    "lifecycle.support.sent": (
        "Sent. Reference {reference}. Expect an answer by {reply_by}.",
        "Envoyé. Référence {reference}. Réponse prévue d'ici le {reply_by}.",
    ),
}
