"""Health and meta: what a client needs before anyone signs in."""

from fastapi import APIRouter, Depends

from gckey_tui import __version__
from gckey_tui.api import models as m
from gckey_tui.i18n import translate
from gckey_tui.i18n.labels import DESK_LINES, PARTNERS, POLICY_RULES, QUESTIONS
from gckey_tui.service import policy
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import get_context, get_language
from gckey_tui.service.partner_registry import PARTNER_IDS

router = APIRouter()

SERVICE_DESK_LINES = ("canada_us", "tty", "outside")


@router.get("/health", response_model=m.Health, tags=["meta"])
def health() -> m.Health:
    """Liveness."""
    return m.Health(status="ok", version=__version__)


@router.get("/api/v1/meta", response_model=m.Meta, tags=["meta"])
def meta(language: str = Depends(get_language), context: ServiceContext = Depends(get_context)) -> m.Meta:
    """Password policy, recovery questions, second-factor methods, partners and the service desk."""
    return m.Meta(
        version=__version__,
        password_policy=m.PasswordPolicy(
            min_length=policy.PASSWORD_MIN,
            max_length=policy.PASSWORD_MAX,
            requires=[translate(POLICY_RULES[rule], language) for rule in ("upper", "lower", "digit")],
            username_min_length=policy.USERNAME_MIN,
            username_max_length=policy.USERNAME_MAX,
            username_max_digits=policy.USERNAME_MAX_DIGITS,
        ),
        recovery_questions=[
            m.RecoveryQuestion(id=qid, text=translate(QUESTIONS[qid], language)) for qid in policy.RECOVERY_QUESTIONS
        ],
        two_factor_methods=["totp", "email"],
        partners=[m.Partner(id=pid, name=translate(PARTNERS[pid], language)) for pid in PARTNER_IDS],
        service_desk=m.ServiceDesk(
            lines=[
                m.ServiceDeskLine(
                    label=translate(DESK_LINES[line][0], language),
                    number=translate(DESK_LINES[line][1], language),
                )
                for line in SERVICE_DESK_LINES
            ],
            hours=translate("desk.hours", language),
        ),
        embedded=context.embedded,
    )
