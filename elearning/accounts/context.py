from dataclasses import dataclass


@dataclass(frozen=True)
class LearnerContext:
    """Who is learning, as every learning event records it: a signed-in learner or a guest
    (by an anonymous visitor key), and the snapshot that coverage counts by. Built by
    `elearning.accounts.selectors.learner_context(request)`."""

    user_id: int | None
    visitor_key: str | None
    commune_id: int | None  # geo.AdminUnit, current catalogue, level commune
    audience: str  # choices.Audience value
    age_band: str  # choices.AgeBand value

    @property
    def is_guest(self) -> bool:
        return self.user_id is None
