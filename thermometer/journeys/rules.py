"""The traffic light per theme of the Tweedaagse scan (pure), by the method's rules.

Two grounds: the day-2 checklist of the theme (share answered "yes", a "partly"
counting half; "not known" is not an answer) and the pain points of day 1 tagged with
the theme, each weighing 1 plus twice the share of the session's voters who voted for
it (a pain point everyone chose weighs 3). Good practices do not offset pain points.

- red when the share of yes is at most ``red_when.max_share_yes``, or the weighted pain
  points reach ``red_when.min_weighted_pain_points``: either ground alone is alarming;
- green when the share of yes is at least ``green_when.min_share_yes`` and the weighted
  pain points stay at or below ``green_when.max_weighted_pain_points``: both must hold;
- amber otherwise; no light while fewer than half of the theme's items are answered.

A theme that the method's ``finances.theme`` names (stuurinformatie) has a third ground
where the scan holds both budget and accounts: the deviation of the social domain's
accounts from its budget, in percent (``money``: deviation, green limit, red limit). It
turns the light red at the red limit on its own, and green needs it within the green
limit as well.
"""

from dataclasses import dataclass

RED, AMBER, GREEN = "red", "amber", "green"
SCORES = {"yes": 1.0, "partly": 0.5, "no": 0.0}


@dataclass(frozen=True)
class ThemeLight:
    colour: str | None
    share_yes: float | None
    weighted: float
    answered: int
    items: int
    pain_points: int
    reasons: tuple  # (ground, value, threshold, comparison) that decided the colour


def weight(votes: int, voters: int) -> float:
    """A pain point weighs 1, plus 2 × the share of its session's voters who chose it."""
    return 1.0 + (2.0 * min(votes, voters) / voters if voters else 0.0)


def theme_light(
    answers: list[str], items: int, pain_weights: list[float], rules, money=None
) -> ThemeLight:
    """``answers``: the given answers ("yes", "partly", "no", "unknown"); ``items``: the
    number of checklist items of the theme; ``pain_weights``: per pain point of the
    theme its ``weight``; ``money``: (deviation, green limit, red limit) in percent, or
    None."""
    scored = [SCORES[a] for a in answers if a in SCORES]
    share = round(sum(scored) / len(scored), 3) if scored else None
    weighted = round(sum(pain_weights), 2)
    base = {
        "share_yes": share,
        "weighted": weighted,
        "answered": len(scored),
        "items": items,
        "pain_points": len(pain_weights),
    }
    if share is None or len(scored) * 2 < items:
        return ThemeLight(None, reasons=(), **base)
    red, green = rules["red_when"], rules["green_when"]
    reasons = []
    if share <= red["max_share_yes"]:
        reasons.append(("share_yes", share, red["max_share_yes"], "<="))
    if weighted >= red["min_weighted_pain_points"]:
        reasons.append(("weighted", weighted, red["min_weighted_pain_points"], ">="))
    deviation, money_green, money_red = money or (None, None, None)
    if deviation is not None and deviation >= money_red:
        reasons.append(("budget_deviation", deviation, money_red, ">="))
    if reasons:
        return ThemeLight(RED, reasons=tuple(reasons), **base)
    money_fine = deviation is None or deviation <= money_green
    if (
        share >= green["min_share_yes"]
        and weighted <= green["max_weighted_pain_points"]
        and money_fine
    ):
        grounds = [
            ("share_yes", share, green["min_share_yes"], ">="),
            ("weighted", weighted, green["max_weighted_pain_points"], "<="),
        ]
        if deviation is not None:
            grounds.append(("budget_deviation", deviation, money_green, "<="))
        return ThemeLight(GREEN, reasons=tuple(grounds), **base)
    if share < green["min_share_yes"]:
        reasons.append(("share_yes", share, green["min_share_yes"], "<"))
    if weighted > green["max_weighted_pain_points"]:
        reasons.append(("weighted", weighted, green["max_weighted_pain_points"], ">"))
    if not money_fine:
        reasons.append(("budget_deviation", deviation, money_green, ">"))
    return ThemeLight(AMBER, reasons=tuple(reasons), **base)
