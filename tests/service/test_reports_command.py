"""``gckey-tui reports status`` over the local store with a read-only token: table, JSON, exit codes."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from gckey_tui import cli
from gckey_tui.admin.reports import demo_roster
from gckey_tui.service.flows.tokens import create_token
from gckey_tui.service.reports import current_cycle
from gckey_tui.service.reports_admin import create_institution, grant_staff, import_roster
from gckey_tui.service.reports_store import apply_statuses, institution_by_dli, mark_submitted
from gckey_tui.service.tables.accounts import accounts

DLI = "O19395677452"


@pytest.fixture
def token(context, make_account, settings, monkeypatch) -> str:
    """A reports:read token of a principal whose previous cycle's report was never submitted."""

    async def make() -> str:
        await make_account("alice2026")
        now = datetime.now(UTC)  # the command runs its own service on the real clock
        create_institution(context, DLI, "Northern College", "ON", "p@example.com", now)
        grant_staff(context, DLI, "alice2026", "principal")
        previous = current_cycle(current_cycle(now).opens_at - timedelta(days=1))
        import_roster(context, DLI, previous, demo_roster(3, seed=1))
        with context.engine.connect() as conn:
            account_id = conn.execute(select(accounts.c.id).where(accounts.c.username_key == "alice2026")).scalar()
        value, _record = create_token(context, account_id, "ci", "reports:read", 30, now)
        return value

    monkeypatch.setenv("GCKEY_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("GCKEY_SECRET_KEY", settings.secret_key)
    monkeypatch.setenv("GCKEY_MAIL_DIR", str(settings.mail_dir))
    return make


def _main(argv: list[str]) -> int:
    try:
        cli.main(argv)
    except SystemExit as done:
        return done.code
    raise AssertionError("the command did not exit")


def run(*argv: str) -> int:
    """The command, as a script runs it (its own event loop, hence a thread beside the test's)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_main, ["reports", "status", *argv]).result()


async def test_overdue_exits_1_and_on_track_exits_0(token, context, monkeypatch, capsys):
    monkeypatch.setenv("GCKEY_TOKEN", await token())
    assert run() == 1
    assert "Overdue" in capsys.readouterr().out
    assert run("--json") == 1
    answer = json.loads(capsys.readouterr().out)
    assert answer["overdue"] is True and answer["institutions"][0]["dli"] == DLI

    now = datetime.now(UTC)
    previous = current_cycle(current_cycle(now).opens_at - timedelta(days=1))
    rows = [{"student_id": f"S{n:06d}", "status": "no_show", "effective_date": None, "note": None} for n in (1, 2, 3)]
    with context.engine.begin() as conn:
        institution_id = institution_by_dli(conn, DLI)["id"]
        apply_statuses(conn, institution_id, previous.name, rows, now)
        mark_submitted(conn, institution_id, previous.name, previous.due_at - timedelta(days=1))
    assert run("--institution", DLI) == 0
    assert "Submitted" in capsys.readouterr().out


async def test_a_missing_or_refused_token_exits_2_with_a_message(token, monkeypatch, capsys):
    await token()
    assert run() == 2
    assert "GCKEY_TOKEN" in capsys.readouterr().err
    monkeypatch.setenv("GCKEY_TOKEN", "gckr_not-a-real-token")
    assert run() == 2
    assert "refused" in capsys.readouterr().err


async def test_another_institution_is_refused(token, monkeypatch, capsys):
    monkeypatch.setenv("GCKEY_TOKEN", await token())
    assert run("--institution", "O10000000002") == 2
    assert "No such institution" in capsys.readouterr().err


async def test_days_left_and_progress_agree_with_the_console(token, monkeypatch, capsys):
    monkeypatch.setenv("GCKEY_TOKEN", await token())
    run("--json")
    reports = json.loads(capsys.readouterr().out)["institutions"][0]["reports"]
    for report in reports:
        due = datetime.fromisoformat(report["due_at"])
        days = (due.date() - datetime.now(UTC).date()).days  # whole calendar days, as on the console's board
        assert report["days_left"] == (None if report["status"] == "submitted" else days)
    assert [report["progress"] for report in reports if report["status"] == "overdue"] == ["0/3"]
    run()
    table = capsys.readouterr().out
    for report in reports:
        row = next(line.split() for line in table.splitlines() if f" {report['cycle']} " in line)
        assert row[-4:-2] == [str(report["days_left"]), report["progress"]]


def test_output_cut_short_by_the_reader_is_not_an_error(token, monkeypatch):
    import asyncio
    import os
    import subprocess
    import sys

    monkeypatch.setenv("GCKEY_TOKEN", asyncio.run(token()))
    # far more than a pipe holds, so the command is still writing when `head` has gone
    command = [sys.executable, "-m", "gckey_tui", "reports", "status", "--json", *["--institution", DLI] * 300]
    reader = subprocess.Popen(["head", "-c", "100"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    done = subprocess.run(command, stdout=reader.stdin, stderr=subprocess.PIPE, text=True, env=os.environ)
    reader.stdin.close()
    reader.wait()
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.returncode == 1  # the report is overdue: the exit code still says so


async def test_an_unreachable_server_is_worded_as_such(token, monkeypatch, capsys):
    import socket

    monkeypatch.setenv("GCKEY_TOKEN", await token())
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        address = f"http://127.0.0.1:{sock.getsockname()[1]}"
    monkeypatch.setenv("GCKEY_SERVER", address)
    assert run() == 2
    said = capsys.readouterr().err
    assert f"The service at {address} cannot be reached" in said and "refused" not in said


async def test_a_refused_token_points_to_where_tokens_are_made(token, monkeypatch, capsys):
    await token()
    monkeypatch.setenv("GCKEY_TOKEN", "gckr_not-a-real-token")
    assert run() == 2
    assert "Institutions and reports, then t" in capsys.readouterr().err
