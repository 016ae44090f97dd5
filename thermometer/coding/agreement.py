"""Inter-coder agreement (pure): Cohen's kappa per code over passages both coders coded."""


def cohens_kappa(a: list[bool], b: list[bool]) -> float | None:
    """Kappa for two raters' yes/no judgements of the same units; None if undefined."""
    n = len(a)
    if n == 0 or n != len(b):
        return None
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    if expected == 1:
        return 1.0 if observed == 1 else None
    return (observed - expected) / (1 - expected)


def agreement_per_code(codings_a: dict, codings_b: dict, codes: list) -> dict:
    """``codings_x``: passage id -> set of code ids that coder applied there.

    Only passages both coders coded count (the shared sample). Returns code id ->
    {"kappa", "units", "a", "b"} with how often each coder applied the code.
    """
    shared = sorted(set(codings_a) & set(codings_b))
    result = {}
    for code in codes:
        a = [code in codings_a[p] for p in shared]
        b = [code in codings_b[p] for p in shared]
        result[code] = {"kappa": cohens_kappa(a, b), "units": len(shared), "a": sum(a), "b": sum(b)}
    return result
