"""The demo account's credentials: shared by the seeder (``admin``) and the console's welcome screen.

Kept free of imports so that ``gckey-tui --demo`` shows its first screen without loading the service.
"""

DEMO_USERNAME = "demouser2026"
DEMO_PASSWORD = "Maple7Syrup!"
#: fixed so the demo's authenticator can be set up from the welcome screen's text
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
