"""``gckey-tui tokens create|list|revoke``: reports:read tokens for scripts, from the terminal.

Signs in at the terminal (username, password from a hidden prompt, the second factor), does the one thing and
signs out: no session outlives the command. ``--json`` for scripts.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from typing import Any

from gckey_tui.config import Settings
from gckey_tui.i18n import normalise_language, translate

EXIT_OK, EXIT_REFUSED, EXIT_NO_TERMINAL = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    """``tokens create --name N --days D`` · ``tokens list`` · ``tokens revoke ID`` (each with ``--json``)."""
    tokens = subparsers.add_parser("tokens", help="reports:read API tokens for scripts (signs in at the terminal)")
    commands = tokens.add_subparsers(dest="tokens_command", required=True)
    create = commands.add_parser("create", help="a new token, printed once")
    create.add_argument("--name", required=True, help="what the token is for (e.g. the cron job's name)")
    create.add_argument("--days", type=int, default=90, help="lifetime in days (1 to 90)")
    listing = commands.add_parser("list", help="the account's live tokens (never their values)")
    revoke = commands.add_parser("revoke", help="end a token at once")
    revoke.add_argument("token_id", metavar="ID")
    for command in (create, listing, revoke):
        command.add_argument("--username", help="the GCKey username (asked when absent)")
        command.add_argument("--json", action="store_true", help="machine-readable output")
        command.set_defaults(handler=run)


def _client(settings: Settings):
    from gckey_tui.api import ServiceClient

    language = normalise_language(settings.language)
    if settings.server:
        return ServiceClient(settings.server, language=language)
    from gckey_tui.embedded import build_service

    # the embedded service with its mail sender: an emailed sign-in code goes out while the command waits
    return ServiceClient.in_process(build_service(settings), language=language)


def ask(key: str, language: str, *, hidden: bool = False) -> str:
    """One answer typed at the terminal (hidden for the password)."""
    prompt = translate(key, language)
    return getpass.getpass(prompt) if hidden else input(prompt)


async def sign_in(client, username: str | None, language: str) -> None:
    """Password, then the second factor, typed at the terminal."""
    created = await client.sign_in(
        username or ask("tokens.cli.username", language), ask("tokens.cli.password", language, hidden=True)
    )
    if created.state != "two_factor_required":
        raise LookupError("tokens.cli.set_up_first")
    if created.two_factor_method == "email":
        await client.send_email_code()
        code = ask("tokens.cli.email_code", language)
    else:
        code = ask("tokens.cli.code", language)
    await client.submit_second_factor(code.strip())


async def act(client, args: argparse.Namespace) -> Any:
    """The command's call, once signed in."""
    from gckey_tui.api.models_reports import TokenRequest

    if args.tokens_command == "create":
        return await client.create_token(TokenRequest(name=args.name, expires_in_days=args.days))
    if args.tokens_command == "list":
        return await client.tokens()
    await client.revoke_token(args.token_id)
    return None


def show(args: argparse.Namespace, answer: Any, language: str) -> None:
    """Print the answer: JSON for scripts, text for people."""
    if args.json:
        data = answer.model_dump(mode="json") if answer is not None else {"revoked": args.token_id}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.tokens_command == "create":
        print(translate("tokens.cli.created", language, name=answer.name, expires=answer.expires_at.date().isoformat()))
        print(answer.token)
    elif args.tokens_command == "list":
        if not answer.tokens:
            print(translate("tokens.cli.none", language))
            return
        print(translate("tokens.cli.header", language))
        for token in answer.tokens:
            last = token.last_used_at.isoformat(timespec="minutes") if token.last_used_at else "-"
            print(
                f"{token.id}  {token.name}  {token.scope}  {token.created_at.date().isoformat()}  "
                f"{token.expires_at.date().isoformat()}  {last}"
            )
    else:
        print(translate("tokens.cli.revoked", language, id=args.token_id))


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Sign in at the terminal, do the command, sign out. 0 done, 1 refused, 2 no terminal to sign in at."""
    language = normalise_language(settings.language)
    if not sys.stdin.isatty():
        print(translate("tokens.cli.no_terminal", language), file=sys.stderr)
        return EXIT_NO_TERMINAL
    return asyncio.run(_run(args, settings, language))


async def _run(args: argparse.Namespace, settings: Settings, language: str) -> int:
    from gckey_tui.api.errors import ApiError

    async with _client(settings) as client:
        try:
            await sign_in(client, args.username, language)
            answer = await act(client, args)
        except LookupError as refused:
            print(translate(str(refused.args[0]), language), file=sys.stderr)
            return EXIT_REFUSED
        except ApiError as error:
            print(translate("tokens.cli.refused", language, message=error.message), file=sys.stderr)
            return EXIT_REFUSED
        except (EOFError, KeyboardInterrupt):
            return EXIT_REFUSED
        finally:
            if client.token:
                await client.sign_out()
    show(args, answer, language)
    return EXIT_OK
