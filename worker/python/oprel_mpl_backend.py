"""The worker's matplotlib backend (module://oprel_mpl_backend): Agg rendering, figures shown in the cell.

It behaves like Jupyter's inline backend (matplotlib-inline): no window ever opens; `plt.show()` shows every
open figure as display_data (PNG, `bbox_inches='tight'`, the figure's own dpi) and closes them; figures still
open when a cell ends are shown and closed then (oprel_ipython_compat.flush_figures). text/plain is the
figure's repr, `<Figure size 640x480 with 1 Axes>`, and `display(fig)` or a trailing `fig` show the image.
Formats and closing follow oprel_ipython_compat.inline_backend (`%config InlineBackend...`).
"""

import base64
import io

import matplotlib
from matplotlib._pylab_helpers import Gcf
from matplotlib.backend_bases import FigureManagerBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import oprel_ipython_compat
from oprel_magics_registry import shell

FigureCanvas = FigureCanvasAgg
_created = []  # figures made since the last flush (used when close_figures is off)


class FigureManager(FigureManagerBase):
    def show(self):
        """`fig.show()`: show this figure now (a GUI backend would open its window)."""
        _emit(self.canvas.figure)


def new_figure_manager(num, *args, FigureClass=Figure, **kwargs):
    return new_figure_manager_given_figure(num, FigureClass(*args, **kwargs))


def new_figure_manager_given_figure(num, figure):
    manager = FigureManager(FigureCanvas(figure), num)
    _created.append(figure)
    return manager


def show(close=None, block=None):
    """`plt.show()`: every open figure, in order, then close them (block is accepted and ignored)."""
    if close is None:
        close = oprel_ipython_compat.inline_backend["close_figures"]
    try:
        for manager in Gcf.get_all_fig_managers():
            _emit(manager.canvas.figure)
    finally:
        del _created[:]
        if close and Gcf.get_all_fig_managers():
            matplotlib.pyplot.close("all")


def flush_figures():
    """End of a cell: what is still open is shown and closed, unless another backend took over."""
    if str(matplotlib.get_backend()).lower() != oprel_ipython_compat.MPL_BACKEND:
        return
    if oprel_ipython_compat.inline_backend["close_figures"]:
        show(close=True)
        return
    open_figures = {manager.canvas.figure for manager in Gcf.get_all_fig_managers()}
    try:
        for figure in _created:
            if figure in open_figures:
                _emit(figure)
    finally:
        del _created[:]


def _emit(figure):
    data, metadata = figure_bundle(figure)
    shell().display(data, metadata=metadata, raw=True)


def figure_bundle(figure):
    """(data, metadata) as IPython's formatters make them for a Figure under the inline backend."""
    data = {"text/plain": repr(figure)}
    metadata = {}
    if not figure.axes and not figure.lines:
        return data, metadata  # IPython shows empty figures as text only
    kwargs = oprel_ipython_compat.inline_backend["print_figure_kwargs"]
    for fmt in sorted(oprel_ipython_compat.inline_backend["figure_formats"]):
        if fmt == "retina" or fmt == "png2x":
            png = _render(figure, "png", figure.dpi * 2, kwargs)
            width, height = _png_size(png)
            data["image/png"] = _b64(png)
            metadata["image/png"] = {"width": width // 2, "height": height // 2}
        elif fmt == "png":
            data["image/png"] = _b64(_render(figure, "png", figure.dpi, kwargs))
        elif fmt in ("jpg", "jpeg"):
            data["image/jpeg"] = _b64(_render(figure, "jpeg", figure.dpi, kwargs))
        elif fmt == "svg":
            data["image/svg+xml"] = _render(figure, "svg", figure.dpi, kwargs).decode("utf-8")
        elif fmt == "pdf":
            data["application/pdf"] = _b64(_render(figure, "pdf", figure.dpi, kwargs))
    background = _needs_background(figure)
    if background:
        metadata["needs_background"] = background
    return data, metadata


def _render(figure, fmt, dpi, kwargs):
    options = {
        "format": fmt,
        "facecolor": figure.get_facecolor(),
        "edgecolor": figure.get_edgecolor(),
        "dpi": dpi,
    }
    options.update(kwargs)
    buffer = io.BytesIO()
    figure.canvas.print_figure(buffer, **options)
    return buffer.getvalue()


def _b64(raw):
    return base64.b64encode(raw).decode("ascii")


def _png_size(png):
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _needs_background(figure):
    """'light' or 'dark' for a transparent figure whose tick labels all share one lightness (as Jupyter)."""
    from matplotlib import colors

    if colors.to_rgba(figure.get_facecolor())[3] >= 0.5:
        return None
    lightness = set()
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            for label in axis.get_ticklabels():
                red, green, blue, _ = colors.to_rgba(label.get_color())
                lightness.add(red * 0.299 + green * 0.587 + blue * 0.114 > 0.5)
    if len(lightness) != 1:
        return None
    return "dark" if lightness.pop() else "light"


def _repr_mimebundle_(self, include=None, exclude=None):
    return figure_bundle(self)


# display(fig) and a cell ending in `fig` show the image, as IPython's Figure formatter does.
if not hasattr(Figure, "_repr_mimebundle_"):
    Figure._repr_mimebundle_ = _repr_mimebundle_
