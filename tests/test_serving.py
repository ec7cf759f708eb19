"""What ``serve`` hands its workers and prints: the resolved settings, whole, in a private file."""

import argparse
import os
import stat

from gckey_tui.config import Settings, load_settings
from gckey_tui.serving import describe, hide_password, served_settings
from gckey_tui.settings_file import read_settings_file, write_settings_file


def serve_args(**overrides) -> argparse.Namespace:
    values = {"host": "127.0.0.1", "port": 8080, "workers": 2, "log_format": None} | overrides
    return argparse.Namespace(**values)


def test_workers_get_every_setting_the_parent_resolved(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(
        'mail_from = "Clé GC <no-reply@gckey.example>"\nreport_days = 45\ndev_partner = true\n'
        '[partners.td]\nissuer = "https://login.td.example"\nclient_id = "gckey"\nclient_secret = "s"\n'
    )
    parent = load_settings(config_path=config, environ={"GCKEY_DATA_DIR": str(tmp_path / "data")})
    served = served_settings(parent, serve_args())
    path = write_settings_file(served, tmp_path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    worker = read_settings_file(path)
    assert worker == served
    assert worker.partners["td"]["issuer"] == "https://login.td.example" and worker.dev_partner
    assert worker.mail_from == "Clé GC <no-reply@gckey.example>" and worker.report_days == 45
    # what the parent worked out is explicit: the worker does not work it out again
    assert worker.secret_key == parent.resolved_secret_key().decode()
    assert worker.database_url == parent.resolved_database_url()
    assert worker.public_url == "http://127.0.0.1:8080"


def test_the_public_address_and_proxies_are_the_operators_when_set(tmp_path):
    settings = Settings(data_dir=tmp_path, public_url="https://gckey.example", trusted_proxies="10.0.0.2")
    served = served_settings(settings, serve_args(log_format="json"))
    assert served.public_url == "https://gckey.example" and served.trusted_proxies == "10.0.0.2"
    assert served.log_format == "json"


def test_mail_from_comes_from_the_environment_too(tmp_path):
    settings = load_settings(config_path=tmp_path / "none.toml", environ={"GCKEY_MAIL_FROM": "GCKey <a@b.example>"})
    assert settings.mail_from == "GCKey <a@b.example>"


def test_what_serve_prints_hides_passwords(tmp_path):
    settings = Settings(
        data_dir=tmp_path,
        database_url="postgresql+psycopg://gckey:db-password@db.internal/gckey",
        smtp_url="smtps://relay-user:relay-password@relay.example:465",
        partners={"bmo": {"issuer": "https://id.bmo.example", "client_id": "c", "client_secret": "partner-secret"}},
    )
    printed = "\n".join(describe(settings, serve_args(), "revision 0002_outbox"))
    assert "postgresql+psycopg://gckey:***@db.internal/gckey (revision 0002_outbox)" in printed
    assert "SMTP smtps://relay-user:***@relay.example:465" in printed
    assert "partners: bmo (https://id.bmo.example)" in printed
    for secret in ("db-password", "relay-password", "partner-secret"):
        assert secret not in printed
    assert hide_password("sqlite:////srv/gckey.sqlite3") == "sqlite:////srv/gckey.sqlite3"
