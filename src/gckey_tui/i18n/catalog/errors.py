"""Service error messages (``error.<code>``) and field messages."""

MESSAGES = {
    "error.unauthorized": (
        "You are not signed in, or your session has ended. Sign in again.",
        "Vous n'êtes pas connecté ou votre session a pris fin. Connectez-vous de nouveau.",
    ),
    "error.session_expired": (
        "Your session expired after a period of inactivity. Sign in again.",
        "Votre session a expiré après une période d'inactivité. Connectez-vous de nouveau.",
    ),
    "error.session_incomplete": (
        "Finish signing in (second factor) before doing this.",
        "Terminez la connexion (deuxième facteur) avant de faire ceci.",
    ),
    "error.reauthentication_required": (
        "For your security, enter your password and a code again.",
        "Pour votre sécurité, entrez de nouveau votre mot de passe et un code.",
    ),
    "error.invalid_credentials": (
        "The username or password is not right.",
        "Le nom d'utilisateur ou le mot de passe est incorrect.",
    ),
    "error.too_many_attempts": (
        "Too many failed attempts. Sign-in is locked until {until}. If you forgot your password, reset it.",
        "Trop de tentatives infructueuses. La connexion est bloquée jusqu'à {until}. "
        "Si vous avez oublié votre mot de passe, réinitialisez-le.",
    ),
    "error.invalid_code": (
        "The code is not right. Attempts left: {remaining}.",
        "Le code est incorrect. Tentatives restantes : {remaining}.",
    ),
    "error.invalid_code_field": ("The code is not right.", "Le code est incorrect."),
    "error.invalid_setup_code": (
        "The code is not right. Check that your device's clock is right, then enter the code your app shows now.",
        "Le code est incorrect. Vérifiez que l'horloge de votre appareil est à l'heure, puis entrez le code "
        "que votre application affiche maintenant.",
    ),
    "error.code_expired": (
        "This code can no longer be used. Ask for a new one.",
        "Ce code ne peut plus être utilisé. Demandez-en un nouveau.",
    ),
    "error.code_expired_field": (
        "This code can no longer be used.",
        "Ce code ne peut plus être utilisé.",
    ),
    "error.sign_in_restart": (
        "Too many wrong codes. Enter your username and password again.",
        "Trop de codes incorrects. Entrez de nouveau votre nom d'utilisateur et votre mot de passe.",
    ),
    "error.not_email_method": (
        "Your second factor is not email codes.",
        "Votre deuxième facteur n'est pas le code par courriel.",
    ),
    "error.invalid_registration": (
        "Some fields need your attention.",
        "Certains champs doivent être corrigés.",
    ),
    "error.registration_not_found": (
        "This registration has expired or is already complete. Start again.",
        "Cette inscription a expiré ou est déjà terminée. Recommencez.",
    ),
    "error.username_taken": (
        "This username is not available. Choose another.",
        "Ce nom d'utilisateur n'est pas disponible. Choisissez-en un autre.",
    ),
    "error.enrolment_not_found": (
        "This setup has expired. Start the setup again.",
        "Cette configuration a expiré. Recommencez la configuration.",
    ),
    "error.invalid_request": (
        "The request is not valid. Check the highlighted fields.",
        "La demande n'est pas valide. Vérifiez les champs indiqués.",
    ),
    "error.field_invalid": ("This value is not valid.", "Cette valeur n'est pas valide."),
    "error.not_found": ("Not found.", "Introuvable."),
    "error.invalid_fields": ("Some fields need your attention.", "Certains champs doivent être corrigés."),
    "error.session_not_found": (
        "This session has already ended, or is not one of yours.",
        "Cette session a déjà pris fin ou n'est pas l'une des vôtres.",
    ),
    "error.method_not_allowed": ("This action is not allowed here.", "Cette action n'est pas permise ici."),
    "error.bad_request": ("The request is not valid.", "La demande n'est pas valide."),
    "error.unsupported_value": (
        "The request holds a character or a value that cannot be kept (such as a NUL character).",
        "La demande contient un caractère ou une valeur qui ne peut pas être conservé (p. ex. un caractère NUL).",
    ),
    "error.too_many_fields": ("This form has too many fields.", "Ce formulaire contient trop de champs."),
    "error.payload_too_large": (
        "The request is too large for this action.",
        "La demande est trop volumineuse pour cette action.",
    ),
    "error.code_sent_recently": (
        "A code was sent a moment ago. Check your email, or ask for another one shortly.",
        "Un code vient d'être envoyé. Vérifiez vos courriels, ou demandez-en un autre dans un instant.",
    ),
    "error.busy": (
        "The service is busy. Try again in a few seconds.",
        "Le service est très sollicité. Réessayez dans quelques secondes.",
    ),
    "error.internal_error": (
        "Something went wrong on our side. Try again later.",
        "Un problème est survenu de notre côté. Réessayez plus tard.",
    ),
    "error.network_error": (
        "The service cannot be reached. Check your connection and try again.",
        "Le service est inaccessible. Vérifiez votre connexion et réessayez.",
    ),
    "error.unexpected_response": (
        "The service gave an unexpected answer. Try again later.",
        "Le service a donné une réponse inattendue. Réessayez plus tard.",
    ),
}
