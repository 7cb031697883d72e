"""The seed's housing rules as plain functions; the model asks these what may be paired."""

from allocation.rules.bedrooms import needed_bedrooms
from allocation.rules.fit import (
    FitCache,
    FitProblem,
    dwelling_key,
    fit_cache,
    fit_problems,
    group_fits,
    group_key,
    rent_band,
    stock_by_key,
)
from allocation.rules.quota import counts_for_quota, quota_counts
from allocation.rules.reach import (
    allowed_municipalities,
    home_municipality,
    is_away,
    reachable_municipalities,
)
from allocation.rules.split import may_split, split_groups, splittable_persons
from allocation.rules.timing import (
    available_date,
    bucket,
    bucket_gap_days,
    exact_gap_days,
    in_time,
    is_refused,
    likely_arrival,
    pair_gap_days,
    timing_active,
    timing_allowed,
    vacancy_days,
    wait_days,
)
from allocation.rules.woningcheck import joins_referent

__all__ = [
    "FitCache",
    "FitProblem",
    "allowed_municipalities",
    "available_date",
    "bucket",
    "bucket_gap_days",
    "counts_for_quota",
    "dwelling_key",
    "exact_gap_days",
    "fit_cache",
    "fit_problems",
    "group_fits",
    "group_key",
    "home_municipality",
    "in_time",
    "is_away",
    "is_refused",
    "joins_referent",
    "likely_arrival",
    "may_split",
    "needed_bedrooms",
    "pair_gap_days",
    "quota_counts",
    "reachable_municipalities",
    "rent_band",
    "split_groups",
    "splittable_persons",
    "stock_by_key",
    "timing_active",
    "timing_allowed",
    "vacancy_days",
    "wait_days",
]
