"""The fixed vocabularies of the service, in the coach's words.

Each enum's value is what is stored in the database; `label` is what a coach reads on screen.
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A stored value with a human label; subclasses set `_labels`."""

    @property
    def label(self) -> str:
        """What a coach reads on screen."""
        return _LABELS.get((type(self), self.value), self.value.replace("_", " ").capitalize())


class Stage(Labelled):
    """Where a participant is in the service."""

    REFERRED = "referred"
    ASSESSING = "assessing"
    ON_PLAN = "on_plan"
    CLOSED = "closed"
    SIGNPOSTED = "signposted"


class ReferralSource(Labelled):
    """Who referred the participant."""

    SELF = "self"
    GP = "gp"
    EMPLOYER = "employer"
    COMMUNITY = "community"
    JOBCENTRE = "jobcentre"
    OTHER = "other"


class WorkSituation(Labelled):
    """The participant's relationship to work at referral."""

    OFF_SICK = "off_sick"
    STRUGGLING = "struggling"
    OUT_OF_WORK_SHORT = "out_of_work_short"
    OUT_OF_WORK_LONG = "out_of_work_long"
    NEVER_WORKED = "never_worked"
    OTHER = "other"


class AssessmentStatus(Labelled):
    """Lifecycle of an assessment."""

    DRAFT = "draft"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class AssessmentKind(Labelled):
    """The first joined-up assessment, or a re-assessment at a review."""

    INITIAL = "initial"
    REVIEW = "review"


class Instrument(Labelled):
    """Free, licence-free measures used at baseline and review."""

    PHQ9 = "phq9"
    GAD7 = "gad7"
    WSAS = "wsas"
    CONFIDENCE = "confidence"
    SELF_RATED_HEALTH = "self_rated_health"


class Timepoint(Labelled):
    """When a measure was taken."""

    BASELINE = "baseline"
    REVIEW = "review"


class PlanStatus(Labelled):
    """Lifecycle of a plan."""

    DRAFT = "draft"
    ACTIVE = "active"
    CLOSED = "closed"


class Domain(Labelled):
    """The need an objective addresses."""

    PHYSICAL = "physical"
    PSYCHOLOGICAL = "psychological"
    SOCIAL = "social"
    WORK = "work"


class ObjectiveStatus(Labelled):
    """Progress of one plan objective."""

    NOT_STARTED = "not_started"
    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    CHANGED = "changed"
    DROPPED = "dropped"


class ContactMode(Labelled):
    """How a contact happened."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"
    MESSAGE = "message"


class ContactStatus(Labelled):
    """A booked contact becomes held, missed or cancelled."""

    BOOKED = "booked"
    HELD = "held"
    MISSED = "missed"
    CANCELLED = "cancelled"


class ContactPurpose(Labelled):
    """Why the coach and participant met."""

    ASSESSMENT = "assessment"
    CHECK_IN = "check_in"
    REVIEW = "review"
    EMPLOYER = "employer"
    OTHER = "other"


class AdjustmentStatus(Labelled):
    """Progress of a workplace adjustment, in the order it usually moves on."""

    SUGGESTED = "suggested"
    DISCUSSED = "discussed"
    AGREED = "agreed"
    RAISED = "raised"
    IN_PLACE = "in_place"
    DECLINED = "declined"
    NOT_APPLICABLE = "not_applicable"


class AdjustmentOwner(Labelled):
    """Who is taking an adjustment forward."""

    PARTICIPANT = "participant"
    EMPLOYER = "employer"
    COACH = "coach"
    GP = "gp"
    ACCESS_TO_WORK = "access_to_work"


class ReferralStatus(Labelled):
    """Progress of a referral to a local service.

    The coach chooses from suggested, made, accepted, attended, declined and no response;
    waiting and closed are read from records stored before the directory, never offered."""

    SUGGESTED = "suggested"
    MADE = "made"
    ACCEPTED = "accepted"
    WAITING = "waiting"
    ATTENDED = "attended"
    DECLINED = "declined"
    NO_RESPONSE = "no_response"
    CLOSED = "closed"


class CaseloadFlag(Labelled):
    """Why a participant needs the coach now."""

    REVIEW_DUE = "review_due"
    DRAFT_SAVED = "draft_saved"
    NO_RECENT_CONTACT = "no_recent_contact"
    SAFEGUARDING = "safeguarding"  # an open safeguarding record waits for its follow-up
    REFERRAL_NO_UPDATE = "referral_no_update"
    EMPLOYER_NO_UPDATE = "employer_no_update"


# Keyed by (enum, value): the members of a StrEnum hash as their value, so "agreed" as an
# adjustment status and "agreed" as an objective status would otherwise share one label.
_LABEL_PAIRS: tuple[tuple[StrEnum, str], ...] = (
    (Stage.REFERRED, "Referred"),
    (Stage.ASSESSING, "Assessing"),
    (Stage.ON_PLAN, "On plan"),
    (Stage.CLOSED, "Closed"),
    (Stage.SIGNPOSTED, "Not eligible / signposted"),
    (ReferralSource.SELF, "Self-referral"),
    (ReferralSource.GP, "GP"),
    (ReferralSource.EMPLOYER, "Employer"),
    (ReferralSource.COMMUNITY, "Community sector"),
    (ReferralSource.JOBCENTRE, "Jobcentre"),
    (ReferralSource.OTHER, "Other"),
    # Self-employed, agency and zero-hours workers are in work too (WorkWell national criteria).
    (WorkSituation.OFF_SICK, "In work (employed or self-employed): off sick"),
    (WorkSituation.STRUGGLING, "In work (employed or self-employed): struggling"),
    (WorkSituation.OUT_OF_WORK_SHORT, "Out of work under 6 months"),
    (WorkSituation.OUT_OF_WORK_LONG, "Out of work 6 months or more"),
    (WorkSituation.NEVER_WORKED, "Never worked"),
    (WorkSituation.OTHER, "Other"),
    (Instrument.PHQ9, "PHQ-9"),
    (Instrument.GAD7, "GAD-7"),
    (Instrument.WSAS, "WSAS"),
    (Instrument.CONFIDENCE, "Confidence about work"),
    (Instrument.SELF_RATED_HEALTH, "Self-rated health"),
    (Domain.PSYCHOLOGICAL, "Psychological"),
    (ContactMode.IN_PERSON, "In person"),
    (ContactMode.MESSAGE, "Text or email"),
    (ContactPurpose.CHECK_IN, "Check-in"),
    (AdjustmentStatus.AGREED, "Agreed with participant"),
    (AdjustmentStatus.RAISED, "Raised with employer"),
    (AdjustmentStatus.IN_PLACE, "In place"),
    (AdjustmentOwner.GP, "GP"),
    (AdjustmentOwner.ACCESS_TO_WORK, "Access to Work"),
    (CaseloadFlag.REVIEW_DUE, "review due"),
    (CaseloadFlag.DRAFT_SAVED, "draft saved"),
    (CaseloadFlag.NO_RECENT_CONTACT, "no recent contact"),
    (CaseloadFlag.SAFEGUARDING, "safeguarding follow-up"),
    (CaseloadFlag.REFERRAL_NO_UPDATE, "referral not updated"),
    (CaseloadFlag.EMPLOYER_NO_UPDATE, "employer: no update"),
)
_LABELS: dict[tuple[type[StrEnum], str], str] = {
    (type(member), member.value): label for member, label in _LABEL_PAIRS
}
