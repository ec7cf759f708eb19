"""Where the console can go: one catalogue of destinations, each naming its screen by import path.

The welcome menu, the home menu and the command palette are built from this list without importing a single
screen module: a screen's module (and the widgets and wire models it needs) loads when it is first opened,
which keeps the first screen as quick to appear as a bare Textual app.

To add a screen: write ``screens/<name>.py`` (see ``gckey_tui.screens``), then add a ``Destination`` here
with ``screen="gckey_tui.screens.<name>:<Class>"``. A summary card for the home dashboard is an async
``card(client) -> Widget | None`` named in ``HOME_CARDS``.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

    from gckey_tui.api import ServiceClient

Audience = Literal["signed_out", "signed_in", "any"]
HomeCard = Callable[["ServiceClient"], Awaitable["Widget | None"]]


def load(target: str) -> Any:
    """The object named by ``"package.module:attribute"``, importing its module."""
    module_name, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


@dataclass(frozen=True)
class Destination:
    """One place the console can open."""

    id: str  #: e.g. "applications"; also the binding id and command-palette id
    title_key: str  #: i18n key of the label
    help_key: str  #: i18n key of a one-line description (command palette)
    screen: str  #: ``"module:ScreenClass"``, imported when the destination is first opened
    audience: Audience
    key: str | None = None  #: optional key on welcome (signed_out) or home (signed_in)
    order: int = 100
    #: the menu that lists it: ``main`` (welcome or home) or ``account`` (the account centre); the command
    #: palette lists every group
    group: str = "main"

    def fits(self, signed_in: bool) -> bool:
        """Whether this destination makes sense in the current session state."""
        return self.audience == "any" or self.audience == ("signed_in" if signed_in else "signed_out")

    def make(self) -> Screen[Any]:
        """A new instance of the destination's screen."""
        return load(self.screen)()


SCREENS = "gckey_tui.screens"

DESTINATIONS: tuple[Destination, ...] = (
    Destination("sign-in", "console.sign_in.title", "console.sign_in.help",
                f"{SCREENS}.sign_in:SignInScreen", "signed_out", key="s", order=10),
    Destination("two-factor", "console.two_factor.title", "console.two_factor.help",
                f"{SCREENS}.two_factor:TwoFactorScreen", "signed_in", key="2", order=10),
    Destination("partner-sign-in", "partners.console.menu", "partners.console.menu_help",
                f"{SCREENS}.partner_sign_in:PartnerListScreen", "signed_out", key="p", order=15),
    Destination("partner-attach", "partners.console.attach_menu", "partners.console.attach_menu_help",
                f"{SCREENS}.partner_sign_in:PartnerAttachScreen", "signed_in", order=81),
    Destination("register", "console.register.title", "console.register.help",
                f"{SCREENS}.register:RegisterScreen", "signed_out", key="r", order=20),
    Destination("applications", "applications.nav", "applications.nav.help",
                f"{SCREENS}.applications:ApplicationsScreen", "signed_in", key="a", order=30),
    Destination("link_application", "applications.link.nav", "applications.link.nav.help",
                f"{SCREENS}.applications_link:LinkApplicationScreen", "signed_in", order=31),
    Destination("institutions", "reports.nav", "reports.nav.help",
                f"{SCREENS}.institutions:InstitutionsScreen", "signed_in", key="i", order=40),
    Destination("api_tokens", "reports.tokens.nav", "reports.tokens.nav.help",
                f"{SCREENS}.tokens:TokensScreen", "signed_in", order=41),
    Destination("forgot_username", "lifecycle.nav.forgot_username", "lifecycle.nav.forgot_username.help",
                f"{SCREENS}.forgot_username:ForgotUsernameScreen", "signed_out", key="u", order=60),
    Destination("forgot_password", "lifecycle.nav.forgot_password", "lifecycle.nav.forgot_password.help",
                f"{SCREENS}.forgot_password:ForgotPasswordScreen", "signed_out", key="f", order=61),
    Destination("account", "account_centre.nav", "account_centre.nav.help",
                f"{SCREENS}.account_centre:AccountCentreScreen", "signed_in", key="c", order=80),
    Destination("account-password", "account_centre.password.title", "account_centre.password.help",
                f"{SCREENS}.account_password:PasswordChangeScreen", "signed_in", key="p", order=1,
                group="account"),
    Destination("account-email", "account_centre.email.title", "account_centre.email.help",
                f"{SCREENS}.account_email:EmailChangeScreen", "signed_in", key="e", order=2, group="account"),
    Destination("account-answers", "account_centre.answers.title", "account_centre.answers.help",
                f"{SCREENS}.account_answers:AnswersChangeScreen", "signed_in", key="q", order=3,
                group="account"),
    Destination("account-codes", "account_centre.codes.title", "account_centre.codes.help",
                f"{SCREENS}.account_codes:RecoveryCodesRenewScreen", "signed_in", key="r", order=4,
                group="account"),
    Destination("account-passkeys", "passkeys.nav", "passkeys.nav.help",
                f"{SCREENS}.passkeys:PasskeysScreen", "signed_in", key="k", order=4, group="account"),
    Destination("account-sessions", "account_centre.sessions.title", "account_centre.sessions.help",
                f"{SCREENS}.account_sessions:SessionsScreen", "signed_in", key="s", order=5, group="account"),
    Destination("account-activity", "account_centre.activity.title", "account_centre.activity.help",
                f"{SCREENS}.account_activity:ActivityScreen", "signed_in", key="y", order=6, group="account"),
    Destination("account-data", "lifecycle.nav.account", "lifecycle.nav.account.help",
                f"{SCREENS}.account:AccountScreen", "signed_in", key="d", order=7, group="account"),
    Destination("re-enrol", "console.reenrol.title", "console.reenrol.help",
                f"{SCREENS}.two_factor:ReenrolScreen", "signed_out", order=80),
    Destination("help", "lifecycle.nav.help", "lifecycle.nav.help.help",
                f"{SCREENS}.help:HelpScreen", "any", key="h", order=90),
    Destination("mailbox", "console.mailbox.title", "console.mailbox.help",
                f"{SCREENS}.mailbox:MailboxScreen", "any", key="m", order=90),
    Destination("support", "lifecycle.nav.support", "lifecycle.nav.support.help",
                f"{SCREENS}.support:SupportScreen", "any", order=91),
    Destination("settings", "console.settings.title", "console.settings.help",
                f"{SCREENS}.settings:SettingsScreen", "any", key="t", order=95),
)  # fmt: skip

#: the home dashboard's summary cards, in order
HOME_CARDS: tuple[str, ...] = (f"{SCREENS}.applications:applications_card",)


def destinations(signed_in: bool | None = None, group: str | None = None) -> list[Destination]:
    """Every destination, by order then id; only those fitting ``signed_in`` and in ``group`` when given."""
    found = [
        dest
        for dest in DESTINATIONS
        if (signed_in is None or dest.fits(signed_in)) and (group is None or dest.group == group)
    ]
    return sorted(found, key=lambda dest: (dest.order, dest.id))


def destination(destination_id: str) -> Destination:
    """The destination with this id."""
    for dest in DESTINATIONS:
        if dest.id == destination_id:
            return dest
    raise KeyError(destination_id)


def home_cards() -> list[HomeCard]:
    """Every home card builder, in order (their modules load now: home is shown after sign-in)."""
    return [load(target) for target in HOME_CARDS]
