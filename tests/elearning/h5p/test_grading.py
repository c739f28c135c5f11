"""Re-grading from content.json, for the content types the server can score exactly."""

from elearning.h5p.package.grading import Grade, regrade


def test_multichoice_single_and_multiple_answers():
    params = {"answers": [{"correct": True}, {"correct": False}, {"correct": True}]}
    assert regrade(library="H5P.MultiChoice 1.16", params=params, response="0[,]2") == Grade(2, 2)
    assert regrade(library="H5P.MultiChoice 1.16", params=params, response="0[,]1") == Grade(0, 2)
    single = {"answers": [{"correct": False}, {"correct": True}]}
    assert regrade(library="H5P.MultiChoice 1.16", params=single, response="1") == Grade(1, 1)
    assert regrade(library="H5P.MultiChoice 1.16", params=single, response="7") is None


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
