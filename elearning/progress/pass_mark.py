"""The one rule that decides a pass, for native quizzes and H5P exercises alike: the share of
the maximum score, as a whole percent, reaches the pass mark of the quiz or of its course."""

# A course's pass mark unless its editor sets another (CoursePage.pass_mark's default).
DEFAULT_PASS_MARK = 70


def percent(*, score: float, max_score: float) -> int:
    return round(100 * score / max_score) if max_score else 0


def passed(*, score: float, max_score: float, pass_mark: int) -> bool:
    """Never a pass without a score to pass: content without one (max 0) only counts as
    visited."""
    return max_score > 0 and percent(score=score, max_score=max_score) >= pass_mark
