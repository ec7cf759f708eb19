"""The service's rules, one module per area: plain functions that own their SQL and raise ``DomainError``.

Routers (``service/routers``) only parse a request, call a flow and shape the answer; flows know nothing of
HTTP and never import routers or wire models (``api``). Counted failures and rates go through
``service/limits.py``; account creation through ``service/accounts.py``; sign-in activity through
``service/activity.py``.
"""
