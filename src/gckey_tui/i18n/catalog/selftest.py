"""``gckey-tui selftest``: the deployment smoke test (issue #21)."""

MESSAGES = {
    "selftest.title": ("Smoke test of {server}", "Vérification de {server}"),
    "selftest.step.health": ("Service answers", "Le service répond"),
    "selftest.step.sign_in": ("Sign-in (password and code)", "Connexion (mot de passe et code)"),
    "selftest.step.dashboard": ("Dashboard shows the account", "Le tableau de bord montre le compte"),
    "selftest.step.reports": ("Reports can be read", "Les rapports se lisent"),
    "selftest.step.sign_out": ("Sign-out", "Déconnexion"),
    "selftest.line": ("{step}: {detail}", "{step} : {detail}"),
    "selftest.ok": ("ok", "ok"),
    "selftest.failed": ("FAILED", "ÉCHEC"),
    "selftest.version": ("version {version}", "version {version}"),
    "selftest.on": ("now on “{screen}”", "maintenant sur « {screen} »"),
    "selftest.reports": (
        "institutions: {institutions}, open reports: {reports}, overdue: {overdue}",
        "établissements : {institutions}, rapports ouverts : {reports}, en retard : {overdue}",
    ),
    "selftest.passed": ("Passed: the deployment works.", "Réussi : le déploiement fonctionne."),
    "selftest.did_not_pass": (
        "Failed at “{step}”: the deployment does not work as it should.",
        "Échec à « {step} » : le déploiement ne fonctionne pas comme il le devrait.",
    ),
    "selftest.no_server": (
        "No server to test: give --server URL or set GCKEY_SERVER.",
        "Aucun serveur à tester : indiquez --server URL ou définissez GCKEY_SERVER.",
    ),
    "selftest.no_account": (
        "The test account is not configured: set {variables} (a GCKey with an authenticator app, kept for this test).",
        "Le compte de test n'est pas configuré : définissez {variables} (une CléGC avec une application "
        "d'authentification, réservée à ce test).",
    ),
}
