"""display, update_display, clear_output, publish_display_data and DisplayHandle, on the oprel worker."""

from oprel_ipython_compat import (
    DisplayHandle,
    clear_output,
    display,
    publish_display_data,
    update_display,
)

__oprel_shim__ = True
__all__ = ["display", "update_display", "clear_output", "publish_display_data", "DisplayHandle"]
