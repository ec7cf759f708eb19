"""Console screens: one module per screen or flow.

How an area adds a screen:

1. Write ``screens/<name>.py`` with a subclass of ``gckey_tui.screens.base.GCKeyScreen``: set ``TITLE_KEY``
   (an i18n key), implement ``compose_body()``, do I/O in ``@work(exclusive=True)`` async methods with
   ``async with self.busy():`` around calls to ``self.client``, and pass every ``ApiError`` to
   ``self.show_error(error, form=...)`` (field messages go to ``self.field_error("<field>")`` lines). A
   worker that fails is said on its screen, or dropped when its screen has gone (``GCKeyScreen``): no guard
   after each await is needed. Screens import neither ``gckey_tui.service`` nor ``gckey_tui.admin``
   (``gckey_tui.embedded`` is the way in), nor each other's helpers: what two screens share lives in
   ``widgets/`` (import-linter contracts in ``pyproject.toml`` check both).
   Binding descriptions are i18n keys and bindings have ids: ``Binding("l", "link", "myarea.key.link",
   id="link-application")``. All text through ``gckey_tui.i18n._`` (catalogues
   ``i18n/locales/<language>/LC_MESSAGES/gckey.po``).
2. Declare where it can be reached: a ``Destination`` in ``gckey_tui.navigation.DESTINATIONS`` naming the
   screen by import path (``"gckey_tui.screens.applications:ApplicationsScreen"``), so the module loads only
   when opened. It then appears on welcome (``signed_out``/``any``), on home (``signed_in``/``any``) and in
   the command palette. A home dashboard card is named in ``navigation.HOME_CARDS``.
3. CSS in ``styles/<area>.tcss`` (loaded automatically). Tests in ``tests/tui/`` with the ``console``
   fixture (``tests/tui/conftest.py``): ``async with console.run_test(size=(80, 24)) as pilot: ...``.

The app routes with ``app.open(id)``, ``app.route_session(state)``, ``app.go_home()``,
``app.session_ended(message)`` and ``await app.sign_out()``.
"""
