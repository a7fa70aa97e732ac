"""Every core function the window calls exists in this build: no control is left disabled
as "not available" by accident, and a core module that fails to import fails loudly."""

from app.gui import core_api


def test_every_core_function_the_gui_uses_is_present():
    missing = [name for name in core_api._WHERE if not core_api.has(name)]
    assert missing == []
