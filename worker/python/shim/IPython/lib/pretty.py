"""IPython.lib.pretty on the oprel worker: the printer behind text/plain and `_repr_pretty_`."""

from oprel_pretty import (
    CallExpression,
    PrettyPrinter,
    RawStringLiteral,
    RawText,
    RepresentationPrinter,
    for_type,
    for_type_by_name,
    pprint,
    pretty,
)

__oprel_shim__ = True
__all__ = ["pretty", "pprint", "PrettyPrinter", "RepresentationPrinter", "for_type", "for_type_by_name",
           "RawText", "RawStringLiteral", "CallExpression"]
