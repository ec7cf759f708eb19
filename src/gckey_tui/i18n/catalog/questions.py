"""The fixed bilingual list of recovery questions (ids in ``service.policy.RECOVERY_QUESTIONS``)."""

MESSAGES = {
    "question.q01": ("What is your favourite childhood memory?", "Quel est votre souvenir d'enfance préféré?"),
    "question.q02": ("What is your most memorable date?", "Quelle est votre date la plus mémorable?"),
    "question.q03": (
        "What was the name of your first pet?",
        "Quel était le nom de votre premier animal de compagnie?",
    ),
    "question.q04": (
        "In what city did your parents meet?",
        "Dans quelle ville vos parents se sont-ils rencontrés?",
    ),
    "question.q05": (
        "What was the name of your first school?",
        "Quel était le nom de votre première école?",
    ),
    "question.q06": (
        "What is the name of the street you grew up on?",
        "Quel est le nom de la rue où vous avez grandi?",
    ),
    "question.q07": (
        "What was your childhood nickname?",
        "Quel était votre surnom d'enfance?",
    ),
    "question.q08": (
        "What was the make of your first car?",
        "Quelle était la marque de votre première voiture?",
    ),
    "question.q09": (
        "What is the middle name of your oldest sibling?",
        "Quel est le deuxième prénom de votre frère ou sœur aîné?",
    ),
    "question.q10": (
        "What was the first concert you attended?",
        "Quel a été le premier concert auquel vous avez assisté?",
    ),
    "question.q11": (
        "What is your favourite book?",
        "Quel est votre livre préféré?",
    ),
    "question.q12": (
        "In what town was your first job?",
        "Dans quelle ville avez-vous occupé votre premier emploi?",
    ),
}
