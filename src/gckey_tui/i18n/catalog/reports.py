"""DLI compliance reports and API tokens (issue #5)."""

MESSAGES = {
    # -- service errors --------------------------------------------------------------------------------
    "error.institution_not_found": ("No such institution for this account.", "Aucun tel établissement pour ce compte."),
    "error.report_not_found": ("No such report.", "Aucun tel rapport."),
    "error.student_not_found": ("No such student in this report.", "Aucun tel étudiant dans ce rapport."),
    "error.report_exempt": (
        "Institutions in Quebec are not asked to report.",
        "Les établissements du Québec n'ont pas à produire de rapport.",
    ),
    "error.report_not_open": ("This reporting cycle is not open yet.", "Ce cycle de rapport n'est pas encore ouvert."),
    "error.report_submitted": (
        "This report was submitted and is read-only unless corrections are requested.",
        "Ce rapport a été soumis; il est en lecture seule sauf si des corrections sont demandées.",
    ),
    "error.report_incomplete": (
        "{missing} student has no status yet. Give every student a status before submitting.|"
        "{missing} students have no status yet. Give every student a status before submitting.",
        "{missing} étudiant n'a pas encore de statut. Donnez un statut à chaque étudiant avant de soumettre.|"
        "{missing} étudiants n'ont pas encore de statut. Donnez un statut à chaque étudiant avant de soumettre.",
    ),
    "error.report_empty": ("This report has no students.", "Ce rapport ne compte aucun étudiant."),
    "error.invalid_csv": (
        "The file has errors ({count}); nothing was changed. Fix every line listed and import it again.",
        "Le fichier contient des erreurs ({count}); rien n'a été modifié. "
        "Corrigez chaque ligne indiquée et importez-le à nouveau.",
    ),
    "error.invalid_csv_capped": (
        "The file has errors ({count}; the first {shown} are listed); nothing was changed. "
        "Fix them and import the file again.",
        "Le fichier contient des erreurs ({count}; les {shown} premières sont indiquées); rien n'a été modifié. "
        "Corrigez-les et importez le fichier à nouveau.",
    ),
    "error.csv_too_large": (
        "The file is too large (16 MB at most).",
        "Le fichier est trop volumineux (16 Mo au plus).",
    ),
    "error.csv_not_utf8": ("The file must be UTF-8 text.", "Le fichier doit être du texte UTF-8."),
    "error.insufficient_scope": (
        "This token can only read reports. Sign in to make changes.",
        "Ce jeton permet seulement de lire les rapports. Connectez-vous pour apporter des modifications.",
    ),
    "error.too_many_tokens": (
        "You have {limit} tokens already. Revoke one first.",
        "Vous avez déjà {limit} jetons. Révoquez-en un d'abord.",
    ),
    "error.token_not_found": ("No such token.", "Aucun tel jeton."),
    # -- CSV line messages -----------------------------------------------------------------------------
    "reports.csv.missing_column": ("This column is missing from the header.", "Cette colonne manque dans l'en-tête."),
    "reports.csv.required": ("This value is required.", "Cette valeur est obligatoire."),
    "reports.csv.too_long": ("This value is too long.", "Cette valeur est trop longue."),
    "reports.csv.bad_date": ("Use a date like 2026-11-30.", "Utilisez une date comme 2026-11-30."),
    "reports.csv.bad_character": (
        "This value contains a character that is not allowed.",
        "Cette valeur contient un caractère non permis.",
    ),
    "reports.csv.malformed": (
        "The file cannot be read as CSV from this line on (a quote left open, or a value too long).",
        "Le fichier ne peut pas être lu comme CSV à partir de cette ligne (guillemet non fermé ou valeur trop longue).",
    ),
    "reports.csv.duplicate": (
        "This student appears twice in the file.",
        "Cet étudiant figure deux fois dans le fichier.",
    ),
    "reports.csv.unknown_student": ("No such student in this report.", "Aucun tel étudiant dans ce rapport."),
    "reports.csv.bad_status": (
        "Not one of the 11 statuses: academic_break, academic_suspension, authorized_leave, deferred_enrolment, "
        "full_time_studies, part_time_studies, no_longer_enrolled, no_show, not_started, program_completed, "
        "unknown.",
        "Ne fait pas partie des 11 statuts : academic_break, academic_suspension, authorized_leave, "
        "deferred_enrolment, full_time_studies, part_time_studies, no_longer_enrolled, no_show, not_started, "
        "program_completed, unknown.",
    ),
    # -- the 11 IRCC compliance statuses -------------------------------------------------------------------
    "reports.status.academic_break": ("Academic break", "Pause scolaire"),
    "reports.status.academic_suspension": ("Academic suspension", "Suspension scolaire"),
    "reports.status.authorized_leave": ("Authorized leave", "Congé autorisé"),
    "reports.status.deferred_enrolment": ("Deferred enrolment", "Inscription reportée"),
    "reports.status.full_time_studies": ("Full-time studies", "Études à temps plein"),
    "reports.status.part_time_studies": ("Part-time studies", "Études à temps partiel"),
    "reports.status.no_longer_enrolled": ("No longer registered/enrolled", "N'est plus inscrit"),
    "reports.status.no_show": ("No show", "Ne s'est pas présenté"),
    "reports.status.not_started": ("Not started", "N'a pas commencé"),
    "reports.status.program_completed": ("Program/degree completed", "Programme/diplôme terminé"),
    "reports.status.unknown": ("Unknown/no record", "Inconnu/aucun dossier"),
    "reports.status.missing": ("No status yet", "Aucun statut"),
    # -- report statuses -------------------------------------------------------------------------------------
    "reports.report.scheduled": ("Scheduled", "Prévu"),
    "reports.report.not_started": ("Not started", "Non commencé"),
    "reports.report.in_progress": ("In progress", "En cours"),
    "reports.report.submitted": ("Submitted", "Soumis"),
    "reports.report.submitted_late": ("Submitted late", "Soumis en retard"),
    "reports.report.overdue": ("Overdue", "En retard"),
    "reports.report.corrections_requested": ("Corrections requested", "Corrections demandées"),
    "reports.report.exempt": ("Exempt", "Exempté"),
    # -- mail --------------------------------------------------------------------------------------------------
    "mail.cycle_opened.subject": (
        "DLI compliance report {cycle} is open: {dli}",
        "Le rapport de conformité {cycle} de l'EED est ouvert : {dli}",
    ),
    "mail.cycle_opened.body": (
        "The {cycle} compliance reporting cycle is open for {institution} ({dli}).\n"
        "Give each study-permit holder a status and submit the report by {due}.\n"
        "Sign in to gckey-tui and open Institutions to start.",
        "Le cycle de rapport de conformité {cycle} est ouvert pour {institution} ({dli}).\n"
        "Donnez un statut à chaque titulaire de permis d'études et soumettez le rapport d'ici le {due}.\n"
        "Connectez-vous à gckey-tui et ouvrez Établissements pour commencer.",
    ),
    "mail.corrections_requested.subject": (
        "Corrections requested: DLI compliance report {cycle} of {dli}",
        "Corrections demandées : rapport de conformité {cycle} de l'EED {dli}",
    ),
    "mail.corrections_requested.body": (
        "IRCC asks for corrections to the {cycle} compliance report of {institution} ({dli}):\n\n{reason}\n\n"
        "The report can be changed again. Answer by {due}: sign in to gckey-tui, open Institutions and submit "
        "the corrected report.",
        "IRCC demande des corrections au rapport de conformité {cycle} de {institution} ({dli}) :\n\n{reason}"
        "\n\nLe rapport peut de nouveau être modifié. Répondez d'ici le {due} : connectez-vous à gckey-tui, "
        "ouvrez Établissements et soumettez le rapport corrigé.",
    ),
    # -- non-interactive command --------------------------------------------------------------------------------
    "reports.cli.auth_failed": (
        "The token was refused ({message}). Create a reports:read token in the console (Institutions and "
        "reports, then t) and set GCKEY_TOKEN.",
        "Le jeton a été refusé ({message}). Créez un jeton reports:read dans la console (Établissements et "
        "rapports, puis t) et définissez GCKEY_TOKEN.",
    ),
    "reports.cli.no_token": (
        "No token: set GCKEY_TOKEN to a reports:read token.",
        "Aucun jeton : définissez GCKEY_TOKEN avec un jeton reports:read.",
    ),
    "reports.cli.failed": ("The service refused: {message}", "Le service a refusé : {message}"),
    "reports.cli.unreachable": (
        "The service at {server} cannot be reached. Check the address (--server, GCKEY_SERVER) and the network.",
        "Le service à l'adresse {server} est inaccessible. Vérifiez l'adresse (--server, GCKEY_SERVER) et le réseau.",
    ),
    "reports.cli.none": ("No institutions for this token.", "Aucun établissement pour ce jeton."),
    # -- console ---------------------------------------------------------------------------------------------
    "reports.nav": ("Institutions and reports", "Établissements et rapports"),
    "reports.nav.help": (
        "DLI compliance reports: status board, rows, CSV import, submission",
        "Rapports de conformité des EED : tableau d'état, lignes, importation CSV, soumission",
    ),
    "reports.tokens.nav": ("API tokens", "Jetons d'API"),
    "reports.tokens.nav.help": (
        "Read-only tokens for scripts (gckey-tui reports status)",
        "Jetons en lecture seule pour les scripts (gckey-tui reports status)",
    ),
    "reports.institutions.title": ("Institutions", "Établissements"),
    "reports.institutions.count": (
        "{count} institution. Enter opens its reports.|{count} institutions. Enter opens the reports.",
        "{count} établissement. Entrée ouvre ses rapports.|{count} établissements. Entrée ouvre les rapports.",
    ),
    "reports.institutions.none": (
        "This account is not staff of any institution.",
        "Ce compte ne fait partie du personnel d'aucun établissement.",
    ),
    "reports.board.title": ("Compliance reports", "Rapports de conformité"),
    "reports.view.title": ("Compliance report", "Rapport de conformité"),
    "reports.import.title": ("Report as CSV: export, import", "Rapport en CSV : exporter, importer"),
    "reports.tokens.title": ("API tokens", "Jetons d'API"),
    "reports.column.dli": ("DLI", "EED"),
    "reports.column.name": ("Name", "Nom"),
    "reports.column.province": ("Province", "Province"),
    "reports.column.role": ("Role", "Rôle"),
    "reports.column.cycle": ("Cycle", "Cycle"),
    "reports.column.status": ("Status", "Statut"),
    "reports.column.due": ("Due", "Échéance"),
    "reports.column.days_left": ("Days left", "Jours restants"),
    "reports.column.progress": ("Done", "Faits"),
    "reports.column.student_id": ("Student ID", "N° d'étudiant"),
    "reports.column.family_name": ("Family name", "Nom de famille"),
    "reports.column.given_names": ("Given names", "Prénoms"),
    "reports.column.program": ("Program", "Programme"),
    "reports.column.line": ("Line", "Ligne"),
    "reports.column.field": ("Field", "Champ"),
    "reports.column.message": ("Problem", "Problème"),
    "reports.column.scope": ("Scope", "Portée"),
    "reports.column.expires": ("Expires", "Expire"),
    "reports.column.last_used": ("Last used", "Dernière utilisation"),
    "reports.role.principal": ("Principal", "Responsable principal"),
    "reports.role.staff": ("Staff", "Personnel"),
    "reports.key.reload": ("Reload", "Actualiser"),
    "reports.key.tokens": ("Tokens", "Jetons"),
    "reports.key.set_status": ("Set status", "Statut"),
    "reports.key.search": ("Search", "Chercher"),
    "reports.key.next": ("Next page", "Page suivante"),
    "reports.key.previous": ("Previous page", "Page précédente"),
    "reports.key.import": ("Import CSV", "Importer CSV"),
    "reports.key.export": ("Export CSV", "Exporter CSV"),
    "reports.key.submit": ("Submit", "Soumettre"),
    "reports.key.revoke": ("Revoke", "Révoquer"),
    "reports.key.copy": ("Copy", "Copier"),
    "reports.filter.all": ("All statuses", "Tous les statuts"),
    "reports.filter.missing": ("No status yet", "Aucun statut"),
    "reports.search": ("Search a name or student ID, then Enter", "Cherchez un nom ou un n° d'étudiant, puis Entrée"),
    "reports.view.progress": ("{cycle}: {done} of {total} have a status", "{cycle} : {done} sur {total} ont un statut"),
    "reports.view.position": ("Rows {first}–{last} of {matched}", "Lignes {first} à {last} sur {matched}"),
    "reports.view.saved": ("Status of {student} saved.", "Statut de {student} enregistré."),
    "reports.corrections": (
        "{cycle}: corrections requested on {date}: {reason}",
        "{cycle} : corrections demandées le {date} : {reason}",
    ),
    "reports.picker.title": ("Status of {student}", "Statut de {student}"),
    "reports.submit.confirm": (
        "Submit the {cycle} report ({total} student) to IRCC? It becomes read-only.|"
        "Submit the {cycle} report ({total} students) to IRCC? It becomes read-only.",
        "Soumettre le rapport {cycle} ({total} étudiant) à IRCC? Il sera en lecture seule.|"
        "Soumettre le rapport {cycle} ({total} étudiants) à IRCC? Il sera en lecture seule.",
    ),
    "reports.submit.yes": ("Submit", "Soumettre"),
    "reports.submit.no": ("Cancel", "Annuler"),
    "reports.submit.done": ("Report submitted: {status}.", "Rapport soumis : {status}."),
    "reports.import.help": (
        "Export the report, fill in its status column (effective_date and note if needed) in a spreadsheet, "
        "then import the same file. Lines left blank change nothing; nothing changes unless every filled-in "
        "line is valid.",
        "Exportez le rapport, remplissez la colonne status (et au besoin effective_date et note) dans un "
        "tableur, puis importez le même fichier. Les lignes laissées vides ne changent rien; rien ne change "
        "à moins que chaque ligne remplie soit valide.",
    ),
    "reports.import.path": ("CSV file", "Fichier CSV"),
    "reports.export.button": ("Export to this file", "Exporter dans ce fichier"),
    "reports.export.done": (
        "{count} row exported to {path} (readable by you only).|"
        "{count} rows exported to {path} (readable by you only).",
        "{count} ligne exportée dans {path} (lisible par vous seul).|"
        "{count} lignes exportées dans {path} (lisible par vous seul).",
    ),
    "reports.import.button": ("Import", "Importer"),
    "reports.import.unreadable": (
        "Cannot read this file as UTF-8 text.",
        "Impossible de lire ce fichier comme texte UTF-8.",
    ),
    "reports.import.missing": (
        "There is no file at this path. Export the report to it first, or check the name.",
        "Il n'y a pas de fichier à cet emplacement. Exportez-y d'abord le rapport, ou vérifiez le nom.",
    ),
    "reports.import.cannot_open": ("This file cannot be opened: {reason}", "Ce fichier ne peut être ouvert : {reason}"),
    "reports.import.done": (
        "{count} status imported.|{count} statuses imported.",
        "{count} statut importé.|{count} statuts importés.",
    ),
    "reports.tokens.help": (
        "A token lets a script read your institutions' report status (scope reports:read). It cannot change "
        "anything. It is shown once.",
        "Un jeton permet à un script de lire l'état des rapports de vos établissements (portée reports:read). "
        "Il ne peut rien modifier. Il n'est affiché qu'une fois.",
    ),
    "reports.tokens.name": ("Token name", "Nom du jeton"),
    "reports.tokens.days": ("Days (≤ 90)", "Jours (≤ 90)"),
    "reports.tokens.create": ("Create", "Créer"),
    "reports.tokens.bad_name": ("Give the token a name.", "Donnez un nom au jeton."),
    "reports.tokens.bad_expires_in_days": ("Between 1 and 90 days.", "Entre 1 et 90 jours."),
    "reports.tokens.shown_once": (
        "New token (shown once; y copies it): {token}",
        "Nouveau jeton (affiché une seule fois; y le copie) : {token}",
    ),
    "reports.tokens.copied": ("Token copied.", "Jeton copié."),
    "reports.tokens.revoked": ("Token revoked.", "Jeton révoqué."),
    "reports.tokens.revoke_confirm": (
        "Revoke the token “{name}”? Scripts using it will be refused from now on.",
        "Révoquer le jeton « {name} » ? Les scripts qui l'utilisent seront refusés dès maintenant.",
    ),
    "reports.tokens.revoke_yes": ("Revoke", "Révoquer"),
}
