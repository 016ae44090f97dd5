"""Minimum group size: small groups are merged upward in the chain, or suppressed.

Pure: counts in, a reporting group per layer out. Used by every view of results
and by the exports, so a group smaller than the method's minimum never shows.
"""


def reporting_groups(counts: dict[str, int], order: list[str], min_size: int) -> dict:
    """Map each layer to the tuple of layers it is reported with, or None if suppressed.

    Walking down the chain, a layer with enough responses forms its own group; a
    smaller one joins the group above it. Small layers at the top, with no group
    above them, are pooled until the pool is large enough or a large layer takes
    them in; what is still too small at the end joins the last group, or, if there
    is none, is suppressed.
    """
    groups: list[list[str]] = []
    pending: list[str] = []
    for layer in order:
        n = counts.get(layer, 0)
        if n == 0:
            continue
        if n >= min_size:
            # Small layers pooled at the top have no group above: they join this one.
            groups.append([*pending, layer])
            pending = []
        elif groups and not pending:
            groups[-1].append(layer)
        else:
            pending.append(layer)
            if sum(counts[p] for p in pending) >= min_size:
                groups.append(pending)
                pending = []
    if pending:
        if groups:
            groups[-1].extend(pending)
        else:
            return {layer: None for layer in pending}
    return {layer: tuple(group) for group in groups for layer in group}


def group_label(group: tuple | None, names: dict[str, str]) -> str:
    if group is None:
        return ""
    return " + ".join(names.get(layer, layer) for layer in group)
