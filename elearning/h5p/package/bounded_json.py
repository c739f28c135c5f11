"""JSON from outside (package files, xAPI statements, saved state) parsed with bounds: no
NaN or Infinity (they are not JSON, though Python reads them), and no nesting deeper than a
limit, checked before parsing, so that neither the parser nor the code walking the result
runs out of stack (a 500) on a hostile file."""

import json


class JsonRefused(ValueError):
    """The text is not bounded JSON: `reason` is "syntax", "constant" or "depth"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _refuse_constant(name):
    raise JsonRefused("constant")


def nesting_depth(text: str) -> int:
    """How deep arrays and objects nest, outside strings; one pass, no recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def loads(text: str, *, max_depth: int):
    if nesting_depth(text) > max_depth:
        raise JsonRefused("depth")
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except JsonRefused:
        raise
    except (ValueError, RecursionError) as error:
        raise JsonRefused("syntax") from error
