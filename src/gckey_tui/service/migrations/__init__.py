"""The store's schema history as Alembic revisions (``versions/``), shipped inside the package.

``service/schema_version.py`` reads where a store stands without loading Alembic; ``service/migrate.py``
runs these revisions. A new revision: change ``service/tables``, then
``python3 -m gckey_tui.service.migrate revision -m "what changed"`` writes one from the difference, to be
read and edited by hand, and ``schema_version.HEAD`` names it.
"""
