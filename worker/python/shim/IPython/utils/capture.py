"""capture_output and CapturedIO, on the oprel worker's capture."""

from oprel_display import CapturedIO, RichOutput
from oprel_ipython_compat import capture_output

__oprel_shim__ = True
__all__ = ["capture_output", "CapturedIO", "RichOutput"]
