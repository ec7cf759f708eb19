"""Settings precedence and the generated secret key."""

import os
import stat

import pytest

from gckey_tui.config import Settings, load_settings, save_preferences


def test_file_then_environment_then_flags(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('language = "fr"\ntheme = "ansi-dark"\nserver = "https://file.example"\n')
    environ = {"GCKEY_SERVER": "https://env.example", "GCKEY_HASH_PROFILE": "fast"}
    settings = load_settings({"theme": "ansi-light"}, config_path=config, environ=environ)
    assert settings.language == "fr"  # from the file
    assert settings.server == "https://env.example"  # environment over file
    assert settings.theme == "ansi-light"  # flag over both
    assert settings.hash_profile == "fast"


def test_language_falls_back_to_lang(tmp_path):
    settings = load_settings(config_path=tmp_path / "none.toml", environ={"LANG": "fr_CA.UTF-8"})
    assert settings.language == "fr"


def test_bad_values_are_refused(tmp_path):
    with pytest.raises(ValueError):
        load_settings(config_path=tmp_path / "none.toml", environ={"GCKEY_HASH_PROFILE": "quick"})


def test_report_cycle_length_from_the_environment_within_bounds(tmp_path):
    none = tmp_path / "none.toml"
    assert load_settings(config_path=none, environ={"GCKEY_REPORT_DAYS": "45"}).report_days == 45
    with pytest.raises(ValueError):
        load_settings(config_path=none, environ={"GCKEY_REPORT_DAYS": "0"})


def test_preferences_round_trip_without_secrets(tmp_path):
    path = tmp_path / "config.toml"
    settings = Settings(
        data_dir=tmp_path, language="fr", theme="ansi-dark", token="secret-token", keymap={"sign-out": "ctrl+q"}
    )
    save_preferences(settings, path)
    text = path.read_text()
    assert "secret-token" not in text
    again = load_settings(config_path=path, environ={})
    assert (again.language, again.theme, again.keymap) == ("fr", "ansi-dark", {"sign-out": "ctrl+q"})


def test_secret_key_is_generated_once_with_mode_0600(tmp_path):
    settings = Settings(data_dir=tmp_path / "data")
    first = settings.resolved_secret_key()
    assert settings.resolved_secret_key() == first and len(first) == 64
    mode = stat.S_IMODE(os.stat(tmp_path / "data" / "secret.key").st_mode)
    assert mode == 0o600


def test_a_bad_config_file_is_reported_without_a_traceback(tmp_path):
    import subprocess
    import sys

    config_dir = tmp_path / "gckey-tui"
    config_dir.mkdir()
    (config_dir / "config.toml").write_text("langauge = 'fr'\n")
    result = subprocess.run(
        [sys.executable, "-m", "gckey_tui", "admin", "seed-demo"],
        env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "GCKEY_DATA_DIR": str(tmp_path / "data")},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "unknown setting(s): langauge" in result.stderr and "Traceback" not in result.stderr
