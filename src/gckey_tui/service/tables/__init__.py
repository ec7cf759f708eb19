"""Every table module, imported so the shared ``metadata`` holds the whole schema.

Each area keeps its tables in its own module here and adds one import below.
"""

from gckey_tui.service.tables import (
    accounts,  # noqa: F401
    applications,  # noqa: F401
    lifecycle,  # noqa: F401
    limits,  # noqa: F401
    outbox,  # noqa: F401
    partners,  # noqa: F401
    passkeys,  # noqa: F401
    reports,  # noqa: F401
)
