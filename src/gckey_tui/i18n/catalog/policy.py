"""Username, password, email and recovery-question rules."""

MESSAGES = {
    "policy.username.length": (
        "Use 8 to 16 characters.",
        "Utilisez de 8 à 16 caractères.",
    ),
    "policy.username.charset": (
        "Use letters and digits only.",
        "Utilisez uniquement des lettres et des chiffres.",
    ),
    "policy.username.digits": (
        "Use at most 7 digits.",
        "Utilisez au plus 7 chiffres.",
    ),
    "policy.username.taken": (
        "This username is not available. Choose another.",
        "Ce nom d'utilisateur n'est pas disponible. Choisissez-en un autre.",
    ),
    "policy.password.length": (
        "Use 8 to 64 characters.",
        "Utilisez de 8 à 64 caractères.",
    ),
    "policy.password.upper": (
        "Include an upper-case letter.",
        "Incluez une lettre majuscule.",
    ),
    "policy.password.lower": (
        "Include a lower-case letter.",
        "Incluez une lettre minuscule.",
    ),
    "policy.password.digit": (
        "Include a digit.",
        "Incluez un chiffre.",
    ),
    "policy.password.username": (
        "Do not use 3 or more consecutive characters of your username.",
        "N'utilisez pas 3 caractères consécutifs ou plus de votre nom d'utilisateur.",
    ),
    "policy.password.not_common": (
        "Not a commonly used password.",
        "Pas un mot de passe couramment utilisé.",
    ),
    "policy.password.common": (
        "This password is too common. Choose another.",
        "Ce mot de passe est trop courant. Choisissez-en un autre.",
    ),
    "policy.email.invalid": (
        "Enter an email address such as name@example.com.",
        "Entrez une adresse courriel comme nom@exemple.com.",
    ),
    "policy.answers.count": (
        "Answer three different recovery questions.",
        "Répondez à trois questions de récupération différentes.",
    ),
    "policy.answers.unknown": (
        "Choose a question from the list.",
        "Choisissez une question de la liste.",
    ),
    "policy.answers.short": (
        "Each answer needs at least 2 characters.",
        "Chaque réponse doit compter au moins 2 caractères.",
    ),
    "policy.answers.same": (
        "Use a different answer for each question.",
        "Utilisez une réponse différente pour chaque question.",
    ),
    "policy.requires.upper": ("an upper-case letter", "une lettre majuscule"),
    "policy.requires.lower": ("a lower-case letter", "une lettre minuscule"),
    "policy.requires.digit": ("a digit", "un chiffre"),
}
