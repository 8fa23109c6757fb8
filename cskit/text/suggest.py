"""Did-you-mean for names a user typed: the closest registered name, by the whole dotted name or its last part."""

from __future__ import annotations


def suggest(name: str, choices: list[str]) -> str | None:
    """Closest registered name by the full name and by the last segment
    (``order.tracking`` → ``shipment.tracking_no``)."""
    if not choices:
        return None
    import difflib  # only when a finding is reported

    best: tuple[float, str] | None = None
    last = name.rsplit(".", 1)[-1]
    for choice in choices:
        full = difflib.SequenceMatcher(None, name, choice).ratio()
        tail = difflib.SequenceMatcher(None, last, choice.rsplit(".", 1)[-1]).ratio()
        if choice.rsplit(".", 1)[-1].startswith(last) and len(last) >= 3:
            tail = max(tail, 0.8)
        score = max(full, tail * 0.95)
        if best is None or score > best[0]:
            best = (score, choice)
    return best[1] if best and best[0] >= 0.6 else None
