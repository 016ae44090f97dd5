import pytest

from thermometer.journeys.rules import theme_light, weight

RULES = {
    "green_when": {"min_share_yes": 0.75, "max_weighted_pain_points": 3},
    "red_when": {"max_share_yes": 0.4, "min_weighted_pain_points": 8},
}


def test_a_pain_point_weighs_one_plus_twice_the_share_of_voters():
    assert weight(0, 10) == 1.0
    assert weight(5, 10) == 2.0
    assert weight(10, 10) == 3.0
    assert weight(3, 0) == 1.0  # nobody voted: every pain point counts once
    assert weight(12, 10) == 3.0  # never more than everyone


def test_green_needs_both_grounds():
    light = theme_light(["yes", "yes", "yes", "partly"], 4, [1.0, 1.0], RULES)
    assert (light.colour, light.share_yes, light.weighted) == ("green", 0.875, 2.0)
    amber = theme_light(["yes", "yes", "yes", "partly"], 4, [1.0, 1.0, 2.0], RULES)
    assert amber.colour == "amber"
    assert amber.reasons == (("weighted", 4.0, 3, ">"),)


def test_red_on_either_ground():
    few_yes = theme_light(["no", "partly", "no"], 3, [], RULES)
    assert few_yes.colour == "red" and few_yes.reasons == (("share_yes", 0.167, 0.4, "<="),)
    many_pains = theme_light(["yes", "yes", "yes"], 3, [3.0, 3.0, 2.0], RULES)
    assert many_pains.colour == "red"
    assert many_pains.reasons == (("weighted", 8.0, 8, ">="),)


def test_boundaries_are_inclusive_as_the_method_says():
    assert theme_light(["yes", "no", "partly", "partly"], 4, [], RULES).colour == "amber"
    exactly = theme_light(["yes", "yes", "yes", "no"], 4, [1.0, 1.0, 1.0], RULES)
    assert (exactly.share_yes, exactly.weighted, exactly.colour) == (0.75, 3.0, "green")
    assert theme_light(["yes", "no", "no", "partly", "no"], 5, [], RULES).share_yes == 0.3


@pytest.mark.parametrize("answers", [[], ["unknown", "unknown", "yes"], ["yes"]])
def test_no_light_until_half_the_checklist_is_answered(answers):
    light = theme_light(answers, 3, [3.0, 3.0, 3.0], RULES)
    assert light.colour is None and light.reasons == ()


def test_not_known_is_not_an_answer():
    light = theme_light(["yes", "yes", "unknown", "yes"], 4, [], RULES)
    assert (light.answered, light.share_yes, light.colour) == (3, 1.0, "green")


MONEY = (3.0, 10.0)  # green within 3 %, red from 10 % (the method's finances.light)


def test_the_deviation_from_budget_is_a_third_ground_where_there_are_figures():
    fine = theme_light(["yes", "yes", "yes", "partly"], 4, [1.0], RULES, money=(2.5, *MONEY))
    assert fine.colour == "green"
    assert fine.reasons[-1] == ("budget_deviation", 2.5, 3.0, "<=")
    # Checklist and pain points green, but 4.2 % over budget: amber, and it says why.
    off = theme_light(["yes", "yes", "yes", "partly"], 4, [1.0], RULES, money=(4.2, *MONEY))
    assert off.colour == "amber" and off.reasons == (("budget_deviation", 4.2, 3.0, ">"),)
    # 12 % alone is alarming.
    alarming = theme_light(["yes", "yes", "yes", "yes"], 4, [], RULES, money=(12.0, *MONEY))
    assert alarming.colour == "red"
    assert alarming.reasons == (("budget_deviation", 12.0, 10.0, ">="),)
    # Money alone gives no light while the checklist is not half answered.
    assert theme_light(["yes"], 4, [], RULES, money=(12.0, *MONEY)).colour is None
