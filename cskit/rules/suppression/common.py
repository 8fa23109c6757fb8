"""What the C rules and the suppressions share: whether a ``rule:`` token names a rule."""

from __future__ import annotations


def suppression_matches(token: str, code: str, name: str) -> bool:
    """``D003``, a prefix such as ``D0``, or the name ``shared-question`` all match D003."""
    token = token.strip()
    return token == name or (
        len(token) >= 1 and token[0].isalpha() and code.startswith(token.upper())
    )
