"""Passkeys and security keys: the browser pages, the console screens, notices and errors."""

MESSAGES = {
    # -- the browser pages
    "passkeys.page.enrol_title": ("Add a passkey or security key", "Ajouter une clé d'accès ou une clé de sécurité"),
    "passkeys.page.sign_in_title": (
        "Sign in with a passkey or security key",
        "Se connecter avec une clé d'accès ou une clé de sécurité",
    ),
    "passkeys.page.other_language": ("Français", "English"),
    "passkeys.page.question": (
        "Which number does your GCKey console show? Pick the same number here.",
        "Quel nombre votre console CléGC affiche-t-elle? Choisissez le même nombre ici.",
    ),
    "passkeys.page.warning": (
        "If you did not start this yourself in your own console, close this page: someone may be trying to use "
        "your account.",
        "Si vous n'avez pas commencé ceci vous-même dans votre propre console, fermez cette page : quelqu'un "
        "essaie peut-être d'utiliser votre compte.",
    ),
    "passkeys.page.no_ticket": (
        "This address has expired or was already used. Ask your console for a new one.",
        "Cette adresse a expiré ou a déjà été utilisée. Demandez-en une nouvelle à votre console.",
    ),
    "passkeys.page.wrong_number": (
        "That is not the number your console shows, so this address no longer works. If you started this "
        "yourself, ask your console for a new one; if not, someone may know your password: change it.",
        "Ce n'est pas le nombre affiché par votre console : cette adresse ne fonctionne donc plus. Si vous avez "
        "commencé ceci vous-même, demandez-en une nouvelle à votre console; sinon, quelqu'un connaît peut-être "
        "votre mot de passe : changez-le.",
    ),
    "passkeys.page.forged": (
        "This request did not come from this page. Open the address your console shows again.",
        "Cette demande ne vient pas de cette page. Ouvrez de nouveau l'adresse affichée par votre console.",
    ),
    "passkeys.page.enrol_intro": (
        "Give this passkey a name you will recognise (for example, the device it is on), then create it. Your "
        "device will ask for your fingerprint, face, PIN or security key.",
        "Donnez à cette clé d'accès un nom que vous reconnaîtrez (par exemple, l'appareil où elle se trouve), "
        "puis créez-la. Votre appareil vous demandera votre empreinte, votre visage, votre NIP ou votre clé de "
        "sécurité.",
    ),
    "passkeys.page.sign_in_intro": (
        "Use your passkey or security key to finish signing in to your console. Your device will ask for your "
        "fingerprint, face, PIN or security key.",
        "Utilisez votre clé d'accès ou votre clé de sécurité pour terminer la connexion à votre console. Votre "
        "appareil vous demandera votre empreinte, votre visage, votre NIP ou votre clé de sécurité.",
    ),
    "passkeys.page.name": ("Name of this passkey", "Nom de cette clé d'accès"),
    "passkeys.page.default_name": ("My passkey", "Ma clé d'accès"),
    "passkeys.page.create": ("Create the passkey", "Créer la clé d'accès"),
    "passkeys.page.use": ("Use my passkey", "Utiliser ma clé d'accès"),
    "passkeys.page.working": ("Follow your device's instructions…", "Suivez les instructions de votre appareil…"),
    "passkeys.page.cancelled": (
        "Nothing was done (cancelled, or no passkey was found). You can try again.",
        "Rien n'a été fait (annulé, ou aucune clé d'accès trouvée). Vous pouvez réessayer.",
    ),
    "passkeys.page.failed": (
        "The service could not be reached. Try again from your console.",
        "Le service est injoignable. Réessayez à partir de votre console.",
    ),
    "passkeys.page.unsupported": (
        "This browser cannot use passkeys or security keys (or scripts are off). Open the address in another browser.",
        "Ce navigateur ne peut pas utiliser de clés d'accès ni de clés de sécurité (ou les scripts sont "
        "désactivés). Ouvrez l'adresse dans un autre navigateur.",
    ),
    "passkeys.page.added": (
        "Your passkey was added. You can close this page and go back to your console.",
        "Votre clé d'accès a été ajoutée. Vous pouvez fermer cette page et retourner à votre console.",
    ),
    "passkeys.page.signed_in": (
        "Done: your console is now signed in. You can close this page.",
        "C'est fait : votre console est maintenant connectée. Vous pouvez fermer cette page.",
    ),
    "passkeys.page.refused": (
        "This passkey was not accepted. Ask your console for a new address and try again.",
        "Cette clé d'accès n'a pas été acceptée. Demandez une nouvelle adresse à votre console et réessayez.",
    ),
    "passkeys.page.cloned": (
        "This passkey was refused: its signature counter went backwards, which is what a copied security key "
        "does. The owner of the account was told by email.",
        "Cette clé d'accès a été refusée : son compteur de signatures a reculé, comme le fait une clé de "
        "sécurité copiée. Le titulaire du compte a été avisé par courriel.",
    ),
    "passkeys.error.name": (
        "Give a name of 1 to 64 characters.",
        "Donnez un nom de 1 à 64 caractères.",
    ),
    # -- service errors
    "error.passkey_not_found": ("This passkey does not exist.", "Cette clé d'accès n'existe pas."),
    "error.ticket_not_found": (
        "This address has expired or was already used.",
        "Cette adresse a expiré ou a déjà été utilisée.",
    ),
    "error.no_passkeys": (
        "This account has no passkey or security key.",
        "Ce compte n'a aucune clé d'accès ni clé de sécurité.",
    ),
    "error.too_many_passkeys": (
        "An account can hold at most {limit} passkeys. Remove one first.",
        "Un compte peut avoir au plus {limit} clés d'accès. Retirez-en une d'abord.",
    ),
    "error.last_factor": (
        "This is your last way to sign in: set up another second factor or keep recovery codes first.",
        "C'est votre dernier moyen de vous connecter : configurez un autre deuxième facteur ou gardez des codes "
        "de récupération d'abord.",
    ),
    "error.wrong_number": (
        "That is not the number the console shows.",
        "Ce n'est pas le nombre affiché par la console.",
    ),
    "error.passkey_refused": ("This passkey was not accepted.", "Cette clé d'accès n'a pas été acceptée."),
    "error.passkey_cloned": (
        "This passkey was refused: its signature counter went backwards.",
        "Cette clé d'accès a été refusée : son compteur de signatures a reculé.",
    ),
    # -- notices by email
    "mail.passkey_added.subject": (
        "A passkey was added to your GCKey",
        "Une clé d'accès a été ajoutée à votre CléGC",
    ),
    "mail.passkey_added.body": (
        'Hello {username},\n\nA passkey or security key named "{name}" was just added to your GCKey. It can '
        "now be used as your second factor.\n\nIf this was not you, call the GCKey Service Desk at "
        "1-855-438-1102.",
        "Bonjour {username},\n\nUne clé d'accès ou une clé de sécurité nommée « {name} » vient d'être ajoutée "
        "à votre CléGC. Elle peut maintenant servir de deuxième facteur.\n\nSi ce n'était pas vous, appelez le "
        "Bureau de service de CléGC au 1-855-438-1102.",
    ),
    "mail.passkey_removed.subject": (
        "A passkey was removed from your GCKey",
        "Une clé d'accès a été retirée de votre CléGC",
    ),
    "mail.passkey_removed.body": (
        'Hello {username},\n\nThe passkey or security key named "{name}" was just removed from your GCKey. '
        "It can no longer be used to sign in.\n\nIf this was not you, call the GCKey Service Desk at "
        "1-855-438-1102.",
        "Bonjour {username},\n\nLa clé d'accès ou la clé de sécurité nommée « {name} » vient d'être retirée de "
        "votre CléGC. Elle ne peut plus servir à vous connecter.\n\nSi ce n'était pas vous, appelez le Bureau "
        "de service de CléGC au 1-855-438-1102.",
    ),
    "mail.passkey_renamed.subject": (
        "A passkey of your GCKey was renamed",
        "Une clé d'accès de votre CléGC a été renommée",
    ),
    "mail.passkey_renamed.body": (
        'Hello {username},\n\nThe passkey "{old}" of your GCKey is now named "{name}".\n\nIf this was not '
        "you, call the GCKey Service Desk at 1-855-438-1102.",
        "Bonjour {username},\n\nLa clé d'accès « {old} » de votre CléGC s'appelle maintenant « {name} ».\n\nSi "
        "ce n'était pas vous, appelez le Bureau de service de CléGC au 1-855-438-1102.",
    ),
    "mail.passkey_clone.subject": (
        "A copy of your GCKey passkey may exist",
        "Une copie de votre clé d'accès CléGC existe peut-être",
    ),
    "mail.passkey_clone.body": (
        'Hello {username},\n\nYour passkey or security key "{name}" was just used with a signature counter '
        "lower than before. This is what a copied (cloned) security key does, so the sign-in was refused.\n\n"
        "Remove this passkey from your account (Account > Passkeys), change your password, and call the GCKey "
        "Service Desk at 1-855-438-1102 if you did not try to sign in.",
        "Bonjour {username},\n\nVotre clé d'accès ou clé de sécurité « {name} » vient d'être utilisée avec un "
        "compteur de signatures plus bas qu'avant. C'est ce que fait une clé de sécurité copiée (clonée) : la "
        "connexion a donc été refusée.\n\nRetirez cette clé d'accès de votre compte (Compte > Clés d'accès), "
        "changez votre mot de passe et appelez le Bureau de service de CléGC au 1-855-438-1102 si vous n'avez "
        "pas essayé de vous connecter.",
    ),
    # -- activity and sessions
    "account_centre.event.passkey_added": ("Passkey added", "Clé d'accès ajoutée"),
    "account_centre.event.passkey_removed": ("Passkey removed", "Clé d'accès retirée"),
    "account_centre.event.passkey_renamed": ("Passkey renamed", "Clé d'accès renommée"),
    "account_centre.event.passkey_wrong_number": ("Wrong number picked", "Mauvais nombre choisi"),
    "account_centre.event.passkey_clone_detected": ("Copied passkey refused", "Clé d'accès copiée refusée"),
    "account_centre.method.passkey": ("Passkey", "Clé d'accès"),
    # -- the console
    "passkeys.nav": ("Passkeys and security keys", "Clés d'accès et clés de sécurité"),
    "passkeys.nav.help": (
        "Add, rename or remove the passkeys and security keys you sign in with",
        "Ajouter, renommer ou retirer vos clés d'accès et clés de sécurité",
    ),
    "passkeys.console.intro": (
        "A passkey or security key is a second factor that fake sign-in pages cannot steal. You add and use "
        "it in a browser, on this computer or on your phone.",
        "Une clé d'accès ou une clé de sécurité est un deuxième facteur que les fausses pages de connexion ne "
        "peuvent pas voler. Vous l'ajoutez et l'utilisez dans un navigateur, sur cet ordinateur ou sur votre "
        "téléphone.",
    ),
    "passkeys.console.none": (
        "You have no passkey yet. Press a to add one.",
        "Vous n'avez encore aucune clé d'accès. Appuyez sur a pour en ajouter une.",
    ),
    "passkeys.console.count": ("{count} passkey|{count} passkeys", "{count} clé d'accès|{count} clés d'accès"),
    "passkeys.console.column.name": ("Name", "Nom"),
    "passkeys.console.column.added": ("Added", "Ajoutée"),
    "passkeys.console.column.used": ("Last used", "Dernière utilisation"),
    "passkeys.console.never": ("never", "jamais"),
    "passkeys.console.key.add": ("Add", "Ajouter"),
    "passkeys.console.key.rename": ("Rename", "Renommer"),
    "passkeys.console.key.remove": ("Remove", "Retirer"),
    "passkeys.console.key.reload": ("Refresh", "Actualiser"),
    "passkeys.console.key.new_address": ("New address", "Nouvelle adresse"),
    "passkeys.console.key.use": ("Use a passkey", "Utiliser une clé d'accès"),
    "passkeys.console.pick_first": ("Choose a passkey in the list first.", "Choisissez d'abord une clé d'accès."),
    "passkeys.console.add_title": ("Add a passkey", "Ajouter une clé d'accès"),
    "passkeys.console.add_intro": (
        "Enter your password and a current code, then open the address the console shows in a browser.",
        "Entrez votre mot de passe et un code actuel, puis ouvrez dans un navigateur l'adresse affichée par la "
        "console.",
    ),
    "passkeys.console.add_submit": ("Continue", "Continuer"),
    "passkeys.console.rename_title": ("Rename a passkey", "Renommer une clé d'accès"),
    "passkeys.console.rename_label": ('New name for "{name}"', "Nouveau nom pour « {name} »"),
    "passkeys.console.renamed": ("Passkey renamed.", "Clé d'accès renommée."),
    "passkeys.console.remove_title": ("Remove a passkey", "Retirer une clé d'accès"),
    "passkeys.console.remove_intro": (
        '"{name}" will no longer sign you in. Enter your password and a current code to remove it.',
        "« {name} » ne pourra plus vous connecter. Entrez votre mot de passe et un code actuel pour la retirer.",
    ),
    "passkeys.console.remove_submit": ("Remove", "Retirer"),
    "passkeys.console.removed": ("Passkey removed.", "Clé d'accès retirée."),
    "passkeys.console.enrol_title": ("Add a passkey: in your browser", "Ajouter une clé d'accès : dans le navigateur"),
    "passkeys.console.sign_in_title": (
        "Sign in with a passkey",
        "Connexion avec une clé d'accès",
    ),
    "passkeys.console.step_open": (
        "1. Open this address (or scan the code) on a device with your passkey:",
        "1. Ouvrez cette adresse (ou balayez le code) sur un appareil qui a votre clé d'accès :",
    ),
    "passkeys.console.step_number": ("2. Pick this number on the page:", "2. Choisissez ce nombre sur la page :"),
    "passkeys.console.step_finish": (
        "3. Follow the page; this console goes on by itself.",
        "3. Suivez la page; cette console continue d'elle-même.",
    ),
    "passkeys.console.starting": ("Preparing the address…", "Préparation de l'adresse…"),
    "passkeys.console.waiting": ("Waiting for the browser…", "En attente du navigateur…"),
    "passkeys.console.expires_in": ("Expires in {time}", "Expire dans {time}"),
    "passkeys.console.refused": (
        "Refused on the page (a wrong number or a failed check). Press r for a new address.",
        "Refusé sur la page (mauvais nombre ou vérification échouée). Appuyez sur r pour une nouvelle adresse.",
    ),
    "passkeys.console.expired": (
        "The address expired. Press r for a new one.",
        "L'adresse a expiré. Appuyez sur r pour en obtenir une nouvelle.",
    ),
    "passkeys.console.added": ('Passkey "{name}" added.', "Clé d'accès « {name} » ajoutée."),
    "passkeys.console.offer": (
        "You have a passkey or security key: press {key} to use it instead of a code.",
        "Vous avez une clé d'accès ou une clé de sécurité : appuyez sur {key} pour l'utiliser au lieu d'un code.",
    ),
}
