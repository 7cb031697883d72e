"""Arrival forecast and planning calendar: when families arrive, school places, deadlines (Q3, Q9-Q12)."""

from __future__ import annotations

from allocation.forecast.files import FILES, forecast_texts, write_forecast
from allocation.forecast.ics import calendar_text
from allocation.forecast.views import (
    Forecast,
    HouseholdForecast,
    arrival_rows,
    deadline_rows,
    forecast,
    housing_days,
    school_rows,
    window_rows,
)
from allocation.forecast.windows import ArrivalWindow, add_months, arrival_window, is_refused, month_of

__all__ = [
    "FILES",
    "ArrivalWindow",
    "Forecast",
    "HouseholdForecast",
    "add_months",
    "arrival_rows",
    "arrival_window",
    "calendar_text",
    "deadline_rows",
    "forecast",
    "forecast_texts",
    "housing_days",
    "is_refused",
    "month_of",
    "school_rows",
    "window_rows",
    "write_forecast",
]
