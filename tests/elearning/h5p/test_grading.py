"""Re-grading from content.json, for the content types the server can score exactly."""

from elearning.h5p.package.grading import Grade, regrade

MC = "H5P.MultiChoice 1.16"
TWO_RIGHT = [{"correct": True}, {"correct": False}, {"correct": True}]


def mc(response, behaviour=None, **params):
    params = {"answers": TWO_RIGHT, **params}
    if behaviour is not None:
        params["behaviour"] = behaviour
    return regrade(library=MC, params=params, response=response)


def test_multichoice_without_behaviour_uses_the_players_defaults_single_point_at_100():
    assert mc("0[,]2") == Grade(1, 1)
    assert mc("0") == Grade(0, 1)
    single = {"answers": [{"correct": False}, {"correct": True}]}
    assert regrade(library=MC, params=single, response="1") == Grade(1, 1)
    assert regrade(library=MC, params=single, response="7") is None
    assert regrade(library=MC, params=single, response="0[,]1") is None


def test_multichoice_points_per_answer_minus_wrong_ones_never_below_zero():
    multi = {"type": "multi", "singlePoint": False}
    assert mc("0[,]2", multi) == Grade(2, 2)
    assert mc("0[,]1", multi) == Grade(0, 2)
    assert mc("0[,]1[,]2", multi) == Grade(1, 2)
    assert mc("1", multi) == Grade(0, 2)


def test_multichoice_type_single_with_several_right_answers_scores_out_of_one():
    single = {"type": "single", "singlePoint": False}
    assert mc("2", single) == Grade(1, 1)
    assert mc("1", single) == Grade(0, 1)
    assert mc("0[,]2", single) is None  # radio buttons: one answer at most


def test_multichoice_single_point_reaches_the_pass_percentage():
    half = {"type": "multi", "singlePoint": True, "passPercentage": 50}
    assert mc("0", half) == Grade(1, 1)
    assert mc("0[,]1", half) == Grade(0, 1)
    assert mc("", half) == Grade(0, 1)


def test_multichoice_with_no_right_answer_scores_when_nothing_is_chosen():
    none_right = [{"correct": False}, {"correct": False}]
    assert regrade(library=MC, params={"answers": none_right}, response="") == Grade(1, 1)
    assert regrade(library=MC, params={"answers": none_right}, response="1") == Grade(0, 1)
    multi = {"answers": none_right, "behaviour": {"type": "multi", "singlePoint": False}}
    assert regrade(library=MC, params=multi, response="") == Grade(1, 1)


def test_multichoice_weights():
    weighted = [{"correct": True, "weight": 3}, {"correct": False, "weight": 2}]
    multi = {"type": "multi", "singlePoint": False}
    assert mc("0", multi, answers=weighted) == Grade(3, 3)
    assert mc("0[,]1", multi, answers=weighted) == Grade(1, 3)
    assert mc("0", {"type": "multi", "singlePoint": True}, answers=weighted, weight=5) == Grade(
        5, 5
    )


def test_true_false():
    assert regrade(
        library="H5P.TrueFalse 1.8", params={"correct": "false"}, response="false"
    ) == Grade(1, 1)
    assert regrade(
        library="H5P.TrueFalse 1.8", params={"correct": "false"}, response="true"
    ) == Grade(0, 1)


def test_blanks_with_alternatives_and_case():
    params = {
        "questions": ["<p>Gọi *111/một một một:tổng đài* hoặc *113*.</p>"],
        "behaviour": {"caseSensitive": False},
    }
    assert regrade(library="H5P.Blanks 1.14", params=params, response="một MỘT một[,]113") == Grade(
        2, 2
    )
    assert regrade(library="H5P.Blanks 1.14", params=params, response="112[,]113") == Grade(1, 2)
    tolerant = {**params, "behaviour": {"acceptSpellingErrors": True}}
    assert regrade(library="H5P.Blanks 1.14", params=tolerant, response="111[,]113") is None


def test_unknown_content_types_are_not_graded():
    assert regrade(library="H5P.DragQuestion 1.14", params={}, response="x") is None
