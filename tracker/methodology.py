"""How the numbers are made, in words: shown on the Methodology page and in every report."""

from tracker.indicators import NO_TARGET_THRESHOLDS

TRACKS = (
    "Every ask is followed on two tracks. The outcome track records whether the world moved "
    "towards what was asked; the response track records what the letter's addressee did. "
    "History is append-only: a correction is a new entry naming the one it replaces, and "
    "recording the same status again is a verification (checked, nothing changed)."
)

PROGRESS_INDEX = (
    "At each month's end, each ask's outcome status as of that day is scored (see the statuses "
    "table), and the progress index is the mean score of assessed asks: 0 when nothing moved or "
    "things went backwards, 1 when everything was achieved. Not assessed and dropped asks have no "
    "score and are left out. Asks count from the date the first letter made them."
)

# the index in one line, beside every chart or table of it
PROGRESS_INDEX_LINE = (
    "Progress index: the average outcome score of the assessed asks, from 0 (nothing moved, "
    "or it went backwards) to 1 (everything achieved); stalled, in progress and partially "
    "achieved score in between (see the Methodology page)."
)

_on, _acc, _lim = NO_TARGET_THRESHOLDS
INDICATOR_STATUS = (
    "Indicator progress follows Open SDG's methodology (Statistics Canada). With a target, "
    "R = d × the observed compound annual growth rate from baseline to the latest value ÷ the "
    "size of the growth rate needed to reach the target by its date, where d is +1 when higher "
    "is better and -1 when lower is better. The latest value meeting the target: Target "
    "achieved; R ≥ 0.95: On track; 0.60 ≤ R < 0.95: Progress made, acceleration needed; "
    "0 ≤ R < 0.60: Limited progress; R < 0: Deterioration. Without a target, the "
    f"direction-adjusted growth rate is compared with {_on:.1%}, {_acc:.1%} and {_lim:.0%} a "
    "year for the same four classes. With fewer than two dated values the status is "
    "Insufficient data. Growth rates need positive values: with a target, a zero or negative "
    "value makes linear yearly change replace them; without a target, the status is then "
    "Insufficient data."
)

SOURCES = (
    "Every status update and observation carries the address of its evidence. Reports for "
    "donors use public entries only."
)


def now() -> dict[str, str]:
    """The methodology text as the code says it today."""
    return {
        "tracks": TRACKS,
        "progress_index": PROGRESS_INDEX,
        "indicator_status": INDICATOR_STATUS,
        "sources": SOURCES,
    }


def of_snapshot(content: dict) -> dict[str, str]:
    """The methodology a snapshot was made with: frozen in its content since version 2; older
    snapshots did not keep it, and show today's text."""
    return content.get("methodology") or now()
