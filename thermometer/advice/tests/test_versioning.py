from thermometer.advice.consolidation import Reaction, consolidate, overall
from thermometer.advice.versioning import diff, snapshot, word_diff


def rec(uuid, title="Titel", text="De tekst.", **fields):
    base = {
        "uuid": uuid,
        "title": title,
        "text": text,
        "goal": "finances",
        "theme": "",
        "priority": "hoog",
        "horizon": "kort",
        "owner_layer": "beleid",
        "findings": [],
    }
    return {**base, **fields}


def test_word_diff_marks_inserted_and_deleted_words():
    assert word_diff("neem de bedoeling op", "neem de bedoeling expliciet op") == [
        ("equal", "neem de bedoeling "),
        ("insert", "expliciet "),
        ("equal", "op"),
    ]
    assert word_diff("per kwartaal", "per maand") == [
        ("equal", "per "),
        ("delete", "kwartaal"),
        ("insert", "maand"),
    ]
    assert word_diff("", "nieuw") == [("insert", "nieuw")]


def test_diff_reports_added_changed_unchanged_and_removed_in_order():
    old = snapshot([rec("a"), rec("b", text="Oud."), rec("c")], [])
    new = snapshot([rec("b", text="Nieuw."), rec("a"), rec("d"), rec("c", priority="laag")], [])
    changes = diff(old, new)
    assert [(c["uuid"], c["status"]) for c in changes] == [
        ("b", "changed"),
        ("a", "unchanged"),
        ("d", "added"),
        ("c", "changed"),
    ]
    assert changes[0]["fields"] == ["text"]
    assert changes[0]["text_diff"] == [("delete", "Oud."), ("insert", "Nieuw.")]
    assert changes[3]["fields"] == ["priority"]
    removed = diff(new, snapshot([rec("a")], []))
    assert [(c["uuid"], c["status"]) for c in removed] == [
        ("a", "unchanged"),
        ("b", "removed"),
        ("d", "removed"),
        ("c", "removed"),
    ]


def test_linking_another_finding_is_a_change_but_their_order_is_not():
    one = [{"uuid": "f1", "text": "x", "evidence": 1}, {"uuid": "f2", "text": "y", "evidence": 0}]
    old = snapshot([rec("a", findings=one)], [])
    assert diff(old, snapshot([rec("a", findings=one[::-1])], []))[0]["status"] == "unchanged"
    changed = diff(old, snapshot([rec("a", findings=one[:1])], []))[0]
    assert changed["fields"] == ["findings"]


def test_the_first_version_is_all_new():
    assert [c["status"] for c in diff(None, snapshot([rec("a")], []))] == ["added"]


ORDER = ["bestuur", "beleid", "uitvoering", "inwoner"]


def test_consolidation_puts_minority_groups_first_and_respects_the_minimum():
    reactions = (
        [Reaction("r1", "beleid", 5)] * 5
        + [Reaction("r1", "uitvoering", 4)] * 3
        + [Reaction("r1", "uitvoering", 1, needs="Tijd om het te leren")] * 2
        + [Reaction("r1", "inwoner", 2, needs="Uitleg in gewone taal")]
        + [Reaction("r1", "bestuur", 1, needs="Geheim")]
    )
    respondents = {"beleid": 5, "uitvoering": 5, "inwoner": 1, "bestuur": 1}
    result = consolidate(reactions, respondents, ORDER, 5)["r1"]
    # bestuur (1) pools with beleid below it; inwoner (1) joins uitvoering above it.
    assert [g.group for g in result] == [("uitvoering", "inwoner"), ("bestuur", "beleid")]
    first = result[0]
    assert (first.n, first.minority, first.cannot_live) == (6, 3, 2)
    assert first.needs == ["Tijd om het te leren"] * 2 + ["Uitleg in gewone taal"]
    assert result[1].counts[1] == 1 and result[1].n == 6
    assert overall(result)["n"] == 12
    assert overall(result)["along"] == round(8 / 12, 2)


def test_consolidation_suppresses_what_cannot_reach_the_minimum():
    reactions = [Reaction("r1", "inwoner", 1, needs="x")] * 3
    assert consolidate(reactions, {"inwoner": 3}, ORDER, 5) == {}


def test_support_per_actor_leaves_out_small_actors():
    from thermometer.advice.consolidation import by_actor

    reactions = [Reaction("r1", "uitvoering", 5)] * 5 + [Reaction("r1", "inwoner", 1)] * 2
    actors = {"uitvoering": "professional", "inwoner": "inwoner"}
    result = by_actor(reactions, actors, {"professional": 5, "inwoner": 2}, 5)
    ((group,),) = result.values()
    assert group.group == ("professional",) and group.counts[5] == 5
