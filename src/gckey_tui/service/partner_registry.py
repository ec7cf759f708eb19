"""The Sign-In Partners (seed list) and their OpenID Connect settings. Names are translation keys ``partner.<id>``."""

from __future__ import annotations

from dataclasses import dataclass

from gckey_tui.config import Settings

PARTNER_IDS = (
    "affinity",
    "atb",
    "bmo",
    "national-bank",
    "scotiabank",
    "cibc",
    "rbc",
    "tangerine",
    "td",
    "desjardins",
)

#: the development partner served by this service itself (demo and test settings only)
DEV_PARTNER_ID = "dev"
#: its fixed issuer identifier, so its pairwise identifiers do not change with the port it is served on
DEV_ISSUER = "https://dev-partner.gckey.invalid"
DEV_CLIENT_ID = "gckey-dev-client"
DEV_PREFIX = "/dev-partner"


@dataclass(frozen=True)
class PartnerConfig:
    """How the service reaches one partner's OpenID Connect provider."""

    id: str
    issuer: str
    client_id: str
    client_secret: str
    discovery_url: str
    #: served by this very app (the development partner): reached in-process, not over the network
    local: bool = False


def dev_partner_enabled(settings: Settings) -> bool:
    """The development partner exists only in demo and test settings."""
    return settings.dev_partner or settings.demo


def partner_ids(settings: Settings) -> tuple[str, ...]:
    """Every partner the service lists: the seed's, then the development one when enabled."""
    return PARTNER_IDS + ((DEV_PARTNER_ID,) if dev_partner_enabled(settings) else ())


def dev_client_secret(hmac) -> str:
    """The development partner's client secret, derived from the service key (both ends know it)."""
    return hmac("dev-partner-client-secret", DEV_CLIENT_ID)


def partner_config(settings: Settings, partner_id: str, base_url: str, hmac) -> PartnerConfig | None:
    """The partner's OIDC settings, or None when it is not configured here (``hmac``: ``Secrets.hmac``)."""
    if partner_id == DEV_PARTNER_ID and dev_partner_enabled(settings):
        return PartnerConfig(
            id=DEV_PARTNER_ID,
            issuer=DEV_ISSUER,
            client_id=DEV_CLIENT_ID,
            client_secret=dev_client_secret(hmac),
            discovery_url=f"{base_url}{DEV_PREFIX}/.well-known/openid-configuration",
            local=True,
        )
    values = settings.partners.get(partner_id) if partner_id in PARTNER_IDS else None
    if not values:
        return None
    issuer = values["issuer"].rstrip("/")
    return PartnerConfig(
        id=partner_id,
        issuer=issuer,
        client_id=values["client_id"],
        client_secret=values["client_secret"],
        discovery_url=values.get("discovery_url") or f"{issuer}/.well-known/openid-configuration",
    )
