import pytest
from hypothesis import given
from hypothesis import strategies as st

from thermometer.questionnaires.answers import AnswerError, clean_answer

AGREE = {"options": [{"value": v} for v in range(1, 6)], "dont_know": {"label": "Weet ik niet"}}
GRADE = {"options": [{"value": v} for v in range(1, 11)]}


def test_scale_answers():
    assert clean_answer("agreement", ["4"], scale=AGREE, n_options=0).value == 4
    dont_know = clean_answer("agreement", ["dont_know"], scale=AGREE, n_options=0)
    assert dont_know.dont_know and dont_know.value is None
    assert clean_answer("agreement", [], scale=AGREE, n_options=0).empty
    with pytest.raises(AnswerError):
        clean_answer("agreement", ["6"], scale=AGREE, n_options=0)
    with pytest.raises(AnswerError):
        clean_answer("grade", ["dont_know"], scale=GRADE, n_options=0)


def test_choice_answers():
    assert clean_answer("single_choice", ["2"], scale=None, n_options=3).value == 2
    assert clean_answer("multiple_choice", ["2", "0", "2"], scale=None, n_options=3).value == [0, 2]
    with pytest.raises(AnswerError):
        clean_answer("single_choice", ["0", "1"], scale=None, n_options=3)
    with pytest.raises(AnswerError):
        clean_answer("multiple_choice", ["3"], scale=None, n_options=3)


def test_open_answers_are_trimmed_and_bounded():
    assert clean_answer("open", ["  eigen regie  "], scale=None, n_options=0).value == "eigen regie"
    with pytest.raises(AnswerError):
        clean_answer("reverse_check", ["x" * 5001], scale=None, n_options=0)


@given(st.lists(st.text(max_size=5), max_size=4))
def test_any_posted_grade_is_either_a_valid_grade_empty_or_refused(raw):
    try:
        cleaned = clean_answer("grade", raw, scale=GRADE, n_options=0)
    except AnswerError:
        return
    assert cleaned.empty or cleaned.value in range(1, 11)
