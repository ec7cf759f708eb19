"""Applications: errors, categories, statuses, the table, the link wizard and the detail screen."""

MESSAGES = {
    "error.no_matching_application": (
        "No application matches what you entered. Enter the details exactly as on your application.",
        "Aucune demande ne correspond aux renseignements saisis. "
        "Entrez les renseignements exactement comme sur votre demande.",
    ),
    "error.linking_locked": (
        "Too many unsuccessful attempts to link an application. You can try again after {until}.",
        "Trop de tentatives infructueuses pour lier une demande. Vous pourrez réessayer après {until}.",
    ),
    "error.application_not_found": (
        "This application is not linked to your account.",
        "Cette demande n'est pas liée à votre compte.",
    ),
    # categories
    "application.category.visitor_visa": ("Visitor visa", "Visa de visiteur"),
    "application.category.study_permit": ("Study permit", "Permis d'études"),
    "application.category.work_permit": ("Work permit", "Permis de travail"),
    "application.category.permanent_residence": ("Permanent residence", "Résidence permanente"),
    "application.category.pr_card": ("PR card", "Carte de RP"),
    "application.category.citizenship": ("Citizenship", "Citoyenneté"),
    "application.category.sponsorship": ("Sponsorship", "Parrainage"),
    # statuses
    "application.status.submitted": ("Submitted", "Soumise"),
    "application.status.in_progress": ("In progress", "En cours de traitement"),
    "application.status.additional_information_requested": (
        "Additional information requested",
        "Renseignements supplémentaires demandés",
    ),
    "application.status.approved": ("Decision made: approved", "Décision rendue : approuvée"),
    "application.status.refused": ("Decision made: refused", "Décision rendue : refusée"),
    "application.status.withdrawn": ("Withdrawn", "Retirée"),
    # short status names for narrow tables (80 columns)
    "application.status_short.submitted": ("Submitted", "Soumise"),
    "application.status_short.in_progress": ("In progress", "En traitement"),
    "application.status_short.additional_information_requested": ("Info requested", "Renseignements demandés"),
    "application.status_short.approved": ("Approved", "Approuvée"),
    "application.status_short.refused": ("Refused", "Refusée"),
    "application.status_short.withdrawn": ("Withdrawn", "Retirée"),
    # the table and home card
    "applications.title": ("My applications", "Mes demandes"),
    "applications.nav": ("Applications", "Demandes"),
    "applications.nav.help": (
        "See every linked application and its status",
        "Voir toutes les demandes liées et leur état",
    ),
    "applications.link.nav": ("Link an application", "Lier une demande"),
    "applications.link.nav.help": (
        "Link an existing application to your account",
        "Lier une demande existante à votre compte",
    ),
    "applications.key.link": ("Link", "Lier"),
    "applications.key.sort": ("Sort", "Trier"),
    "applications.key.filter": ("Filter", "Filtrer"),
    "applications.key.reload": ("Reload", "Actualiser"),
    "applications.filter": ("Filter (number, category, status)", "Filtrer (numéro, catégorie, état)"),
    "applications.column.category": ("Category", "Catégorie"),
    "applications.column.number": ("Number", "Numéro"),
    "applications.column.submitted": ("Submitted", "Soumise le"),
    "applications.column.status": ("Status", "État"),
    "applications.column.updated": ("Last update", "Mise à jour"),
    "applications.column.date": ("Date", "Date"),
    "applications.summary": ("{shown} of {total} applications.", "{shown} demandes sur {total}."),
    "applications.sorted_by": ("Sorted by: {column}", "Tri : {column}"),
    "applications.none": (
        "No application is linked to your account yet. Press l to link one.",
        "Aucune demande n'est encore liée à votre compte. Appuyez sur l pour en lier une.",
    ),
    "applications.card.none": (
        "Applications: none linked yet.",
        "Demandes : aucune demande liée pour l'instant.",
    ),
    "applications.card.count": (
        "Applications: {count} linked.",
        "Demandes : {count} liée.|Demandes : {count} liées.",
    ),
    "applications.card.action": (
        "{count} asking for additional information.",
        "{count} avec demande de renseignements supplémentaires.",
    ),
    "applications.card.latest": (
        "Latest: {number}, {status} ({date}).",
        "Dernière : {number}, {status} ({date}).",
    ),
    # the detail
    "applications.detail.title": ("Application", "Demande"),
    "applications.detail.history": ("Status history", "Historique de l'état"),
    "applications.detail.number": ("Application {number}: {category}", "Demande {number} : {category}"),
    "applications.detail.status": ("Status: {status} (since {date})", "État : {status} (depuis le {date})"),
    "applications.detail.submitted": ("Submitted: {date}", "Soumise le : {date}"),
    "applications.detail.person": (
        "Applicant: {name}, born {born} in {country}",
        "Demandeur : {name}, né(e) le {born}, {country}",
    ),
    "applications.detail.uci": ("UCI: {uci}", "IUC : {uci}"),
    # the link wizard
    "applications.link.title": ("Link an application", "Lier une demande"),
    "applications.link.choose": (
        "How do you want to identify your application?",
        "Comment voulez-vous identifier votre demande?",
    ),
    "applications.link.by_number": (
        "Application number, family name, date and country of birth",
        "Numéro de demande, nom de famille, date et pays de naissance",
    ),
    "applications.link.by_uci": (
        "UCI and passport or PR card number, date and country of birth",
        "IUC et numéro de passeport ou de carte de RP, date et pays de naissance",
    ),
    "applications.link.continue": ("Continue", "Continuer"),
    "applications.link.as_on_application": (
        "Enter the details exactly as they appear on your application.",
        "Entrez les renseignements exactement comme ils figurent sur votre demande.",
    ),
    "applications.link.field.application_number": (
        "Application number (e.g. W123456789)",
        "Numéro de demande (p. ex. W123456789)",
    ),
    "applications.link.field.family_name": ("Family name", "Nom de famille"),
    "applications.link.field.uci": (
        "Unique client identifier (UCI, 8 or 10 digits)",
        "Identificateur unique de client (IUC, 8 ou 10 chiffres)",
    ),
    "applications.link.field.document_number": (
        "Passport or PR card number",
        "Numéro de passeport ou de carte de RP",
    ),
    "applications.link.field.date_of_birth": ("Date of birth (YYYY-MM-DD)", "Date de naissance (AAAA-MM-JJ)"),
    "applications.link.field.country_of_birth": ("Country of birth", "Pays de naissance"),
    "applications.link.submit": ("Link", "Lier"),
    "applications.link.required": ("Required.", "Obligatoire."),
    "applications.link.date_format": ("Enter the date as YYYY-MM-DD.", "Entrez la date au format AAAA-MM-JJ."),
    "applications.link.date_invalid": ("This date does not exist.", "Cette date n'existe pas."),
    "applications.link.date_future": ("This date is in the future.", "Cette date est dans le futur."),
    "applications.link.number_format": (
        "One letter and 9 digits, e.g. W123456789.",
        "Une lettre et 9 chiffres, p. ex. W123456789.",
    ),
    "applications.link.uci_format": ("8 or 10 digits.", "8 ou 10 chiffres."),
    "applications.link.check_fields": ("Check the fields marked below.", "Vérifiez les champs indiqués."),
    "applications.link.demo_hint": (
        "Demo: C100000005 or P100000006, family name Lefèvre, born 1994-03-15, France; "
        "or UCI 1234567890 with document FR12AB345.",
        "Démo : C100000005 ou P100000006, nom de famille Lefèvre, né(e) le 1994-03-15, France; "
        "ou IUC 1234567890 avec le document FR12AB345.",
    ),
    "applications.link.done": ("Linked: {numbers}.", "Demande liée : {numbers}."),
}
