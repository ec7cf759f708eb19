"""``gckey-tui serve-ssh``: what an SSH client is told when a session is refused or ends, and the operator's
start-up lines."""

MESSAGES = {
    # one line each, under 80 columns: the client's terminal may be that narrow
    "ssh.refused.no_pty": (
        "gckey-tui: this console needs a terminal: connect with ssh -t.",
        "gckey-tui : cette console demande un terminal : connectez-vous avec ssh -t.",
    ),
    "ssh.refused.exec": (
        "gckey-tui: no command is run here; connect without one to use the console.",
        "gckey-tui : aucune commande n'est exécutée ici; connectez-vous sans commande.",
    ),
    "ssh.refused.total": (
        "gckey-tui: the console is busy; try again in a few minutes.",
        "gckey-tui : la console est occupée; réessayez dans quelques minutes.",
    ),
    "ssh.refused.address": (
        "gckey-tui: too many sessions from your address (at most {limit}); close one first.",
        "gckey-tui : trop de sessions depuis votre adresse (au plus {limit}); fermez-en une.",
    ),
    "ssh.ended.idle": (
        "gckey-tui: no key pressed for {minutes} min; the session is closed.",
        "gckey-tui : aucune touche pressée depuis {minutes} min; la session est fermée.",
    ),
    "ssh.ended.crashed": (
        "gckey-tui: the console stopped unexpectedly; connect again to start over.",
        "gckey-tui : arrêt inattendu de la console; reconnectez-vous pour recommencer.",
    ),
    "ssh.ended.unavailable": (
        "gckey-tui: the console could not be started; try again later.",
        "gckey-tui : la console n'a pas pu être démarrée; réessayez plus tard.",
    ),
    "ssh.serve.listening": (
        "Console served over SSH on {address}, talking to {server}.",
        "Console servie par SSH sur {address}, reliée à {server}.",
    ),
    "ssh.serve.embedded": (
        "Console served over SSH on {address}, each session with its own embedded service on this machine's "
        "local store: for a single-user try only (give --server URL to serve others).",
        "Console servie par SSH sur {address}, chaque session avec son propre service intégré sur la base "
        "locale de cette machine : pour un essai par une seule personne (indiquez --server URL pour servir "
        "d'autres personnes).",
    ),
    "ssh.serve.host_key": ("Host key {path} ({state}): {fingerprint}", "Clé d'hôte {path} ({state}) : {fingerprint}"),
    "ssh.serve.host_key_created": ("created", "créée"),
    "ssh.serve.host_key_kept": ("existing", "existante"),
    "ssh.serve.confined": (
        "Each console may write only in its own temporary home (Landlock).",
        "Chaque console ne peut écrire que dans son propre dossier temporaire (Landlock).",
    ),
    "ssh.serve.unconfined": (
        "Warning: this kernel cannot confine what consoles write (no Landlock); run serve-ssh as a user "
        "who owns nothing of value.",
        "Attention : ce noyau ne peut pas limiter ce que les consoles écrivent (pas de Landlock); lancez "
        "serve-ssh sous un utilisateur qui ne possède rien de précieux.",
    ),
    "ssh.serve.open": (
        "Any SSH user name is accepted without a password: the GCKey sign-in inside the console is the authentication.",
        "Tout nom d'utilisateur SSH est accepté sans mot de passe : l'authentification est la connexion CléGC "
        "dans la console.",
    ),
    "ssh.serve.keys": (
        "Only the keys in {path} may connect.",
        "Seules les clés de {path} peuvent se connecter.",
    ),
    "ssh.serve.cannot_listen": (
        "gckey-tui serve-ssh: cannot listen on {address}: {reason}",
        "gckey-tui serve-ssh : impossible d'écouter sur {address} : {reason}",
    ),
    "ssh.serve.bad_keys": (
        "gckey-tui serve-ssh: cannot read the authorized keys {path}: {reason}",
        "gckey-tui serve-ssh : impossible de lire les clés autorisées {path} : {reason}",
    ),
}
