"""Email subjects and bodies (``mail.<template>.subject`` / ``.body``)."""

MESSAGES = {
    "mail.verify_email.subject": ("Your GCKey verification code", "Votre code de vérification CléGC"),
    "mail.verify_email.body": (
        "Hello {username},\n\nYour verification code is: {code}\n\n"
        "It is valid for 10 minutes and can be used once. If you did not register for a GCKey, "
        "ignore this message.",
        "Bonjour {username},\n\nVotre code de vérification est : {code}\n\n"
        "Il est valide pendant 10 minutes et ne peut être utilisé qu'une fois. Si vous ne vous êtes pas "
        "inscrit à la CléGC, ne tenez pas compte de ce message.",
    ),
    "mail.sign_in_code.subject": ("Your GCKey sign-in code", "Votre code de connexion CléGC"),
    "mail.sign_in_code.body": (
        "Hello {username},\n\nYour sign-in code is: {code}\n\n"
        "It is valid for 10 minutes. If you are not signing in, change your password.",
        "Bonjour {username},\n\nVotre code de connexion est : {code}\n\n"
        "Il est valide pendant 10 minutes. Si vous n'êtes pas en train de vous connecter, "
        "changez votre mot de passe.",
    ),
    "mail.enrolment_code.subject": (
        "Confirm email codes as your second factor",
        "Confirmez le code par courriel comme deuxième facteur",
    ),
    "mail.enrolment_code.body": (
        "Hello {username},\n\nTo use email codes as your second factor, enter this code: {code}\n\n"
        "It is valid for 10 minutes.",
        "Bonjour {username},\n\nPour utiliser le code par courriel comme deuxième facteur, entrez ce "
        "code : {code}\n\nIl est valide pendant 10 minutes.",
    ),
    "mail.account_recovered.subject": (
        "A recovery code was used on your GCKey",
        "Un code de récupération a été utilisé pour votre CléGC",
    ),
    "mail.account_recovered.body": (
        "Hello {username},\n\nA recovery code was just used to sign in to your GCKey. "
        "Recovery codes left: {remaining}.\n\nIf this was not you, call the GCKey Service Desk at "
        "1-855-438-1102.",
        "Bonjour {username},\n\nUn code de récupération vient d'être utilisé pour vous connecter à votre "
        "CléGC. Codes de récupération restants : {remaining}.\n\nSi ce n'était pas vous, appelez le Bureau "
        "de service de CléGC au 1-855-438-1102.",
    ),
    "mail.two_factor_changed.subject": (
        "Your GCKey second factor was changed",
        "Votre deuxième facteur CléGC a été modifié",
    ),
    "mail.two_factor_changed.body": (
        "Hello {username},\n\nYour second factor was just set up again ({method}). Your old recovery codes "
        "no longer work, and your other sessions were ended.\n\nIf this was not you, call the GCKey Service "
        "Desk at 1-855-438-1102.",
        "Bonjour {username},\n\nVotre deuxième facteur vient d'être configuré de nouveau ({method}). Vos "
        "anciens codes de récupération ne fonctionnent plus et vos autres sessions ont pris fin.\n\nSi ce "
        "n'était pas vous, appelez le Bureau de service de CléGC au 1-855-438-1102.",
    ),
    "mail.second_factor_locked.subject": (
        "Wrong codes were tried on your GCKey",
        "Des codes incorrects ont été essayés sur votre CléGC",
    ),
    "mail.second_factor_locked.body": (
        "Hello {username},\n\nSomeone entered your password correctly, then tried 10 wrong second-factor "
        "codes. The second-factor step of your GCKey is locked until {until}.\n\nIf this was not you, "
        "someone knows your password: change it as soon as you can, and call the GCKey Service Desk at "
        "1-855-438-1102.",
        "Bonjour {username},\n\nQuelqu'un a entré votre mot de passe correctement, puis a essayé 10 codes de "
        "deuxième facteur incorrects. L'étape du deuxième facteur de votre CléGC est bloquée jusqu'à {until}."
        "\n\nSi ce n'était pas vous, quelqu'un connaît votre mot de passe : changez-le dès que possible et "
        "appelez le Bureau de service de CléGC au 1-855-438-1102.",
    ),
    "mail.new_sign_in.subject": (
        "New sign-in to your GCKey",
        "Nouvelle connexion à votre CléGC",
    ),
    "mail.new_sign_in.body": (
        "Hello {username},\n\nYour GCKey was just signed in to from a client and address it had not used "
        "before:\n\n  When: {when}\n  Client: {client}\n  Address: {address}\n\nIf this was you, there is "
        "nothing to do. If not, open Account → Sessions and devices in the console to end that session, then "
        "change your password.",
        "Bonjour {username},\n\nUne connexion à votre CléGC vient d'avoir lieu depuis un client et une adresse "
        "jamais utilisés auparavant :\n\n  Quand : {when}\n  Client : {client}\n  Adresse : {address}\n\n"
        "Si c'était vous, vous n'avez rien à faire. Sinon, ouvrez Compte → Sessions et appareils dans la "
        "console pour mettre fin à cette session, puis changez votre mot de passe.",
    ),
    "mail.password_changed.subject": ("Your GCKey password was changed", "Le mot de passe de votre CléGC a été changé"),
    "mail.password_changed.body": (
        "Hello {username},\n\nYour password was just changed. Your other sessions and your API tokens were "
        "ended.\n\nIf this was not you, call the GCKey Service Desk at 1-855-438-1102.",
        "Bonjour {username},\n\nVotre mot de passe vient d'être changé. Vos autres sessions et vos jetons d'API "
        "ont pris fin.\n\nSi ce n'était pas vous, appelez le Bureau de service de CléGC au 1-855-438-1102.",
    ),
    "mail.email_change_code.subject": (
        "Confirm your new GCKey email address",
        "Confirmez votre nouvelle adresse courriel CléGC",
    ),
    "mail.email_change_code.body": (
        "Hello {username},\n\nTo make this your GCKey email address, enter this code: {code}\n\n"
        "It is valid for 10 minutes. If you did not ask for this, ignore this message.",
        "Bonjour {username},\n\nPour faire de cette adresse votre adresse courriel CléGC, entrez ce code : "
        "{code}\n\nIl est valide pendant 10 minutes. Si vous n'avez rien demandé, ne tenez pas compte de ce "
        "message.",
    ),
    "mail.email_changed.subject": (
        "Your GCKey email address was changed",
        "L'adresse courriel de votre CléGC a été changée",
    ),
    "mail.email_changed.body": (
        "Hello {username},\n\nYour GCKey email address was just changed to {new_email}. Messages will go "
        "there from now on.\n\nIf this was not you, call the GCKey Service Desk at 1-855-438-1102.",
        "Bonjour {username},\n\nL'adresse courriel de votre CléGC vient d'être changée pour {new_email}. Les "
        "messages y seront envoyés désormais.\n\nSi ce n'était pas vous, appelez le Bureau de service de "
        "CléGC au 1-855-438-1102.",
    ),
    "mail.security_answers_changed.subject": (
        "Your GCKey recovery answers were changed",
        "Les réponses de récupération de votre CléGC ont été changées",
    ),
    "mail.security_answers_changed.body": (
        "Hello {username},\n\nThe answers to your recovery questions were just changed.\n\nIf this was not "
        "you, call the GCKey Service Desk at 1-855-438-1102.",
        "Bonjour {username},\n\nLes réponses à vos questions de récupération viennent d'être changées.\n\n"
        "Si ce n'était pas vous, appelez le Bureau de service de CléGC au 1-855-438-1102.",
    ),
    "mail.recovery_codes_regenerated.subject": (
        "New GCKey recovery codes were made",
        "De nouveaux codes de récupération CléGC ont été créés",
    ),
    "mail.recovery_codes_regenerated.body": (
        "Hello {username},\n\nTen new recovery codes were just made for your GCKey; the old ones no longer "
        "work.\n\nIf this was not you, call the GCKey Service Desk at 1-855-438-1102.",
        "Bonjour {username},\n\nDix nouveaux codes de récupération viennent d'être créés pour votre CléGC; "
        "les anciens ne fonctionnent plus.\n\nSi ce n'était pas vous, appelez le Bureau de service de CléGC "
        "au 1-855-438-1102.",
    ),
}
