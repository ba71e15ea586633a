"""The app's only reader of the warehouse: small aggregated frames, cached per data version.

One module per idea: store (versions, cursors, the cache), conditions (the filters as SQL), localized (names and
labels in SQL), options (what the filters offer), counts (what every page counts of the matching events), one
module per page's own queries (programmes: the Programmes page's, and a country's programmes), exports (the
downloads) and failure_log (failed refreshes logged beside the store). Pages call the names below.
"""

from dashboard.queries.conditions import NO_COUNTRY, NO_HOST, NO_REGION, event_conditions, region_column
from dashboard.queries.country import (
    HOME_ORGANIZATION,
    country_co_participants,
    country_facts,
    country_missions,
    country_partners,
    country_regional_offices,
    country_timeline,
)
from dashboard.queries.counts import countries_involved, event_totals
from dashboard.queries.events import EVENT_PAGE_SIZE, EVENT_SORTS, event_detail, event_rows
from dashboard.queries.exports import export_events, export_events_csv, export_programmes, export_programmes_csv
from dashboard.queries.failure_log import logged_failures
from dashboard.queries.options import (
    country_options,
    event_date_bounds,
    event_type_options,
    organizations,
    period_bounds,
    regions,
    retired_regions,
    theme_options,
    vocabulary_labels,
)
from dashboard.queries.overview import (
    admissions_by_year,
    key_figures,
    last_refresh,
    latest_events,
    membership_by_country,
    mission_offices,
    stated_figures,
)
from dashboard.queries.programmes import (
    NO_SECTOR,
    budget_currencies,
    budget_per_country,
    country_programmes,
    funder_options,
    programme_sectors,
    programme_timeline,
    programme_totals,
    programmes_per_region,
    sector_options,
    sector_vocabularies,
    top_funders,
)
from dashboard.queries.quality import (
    matched_names,
    press_review,
    refresh_runs,
    rejection_counts,
    rejection_page,
    run_files,
    run_finished_at,
    served_run,
    unmatched_names,
)
from dashboard.queries.regional import (
    event_places,
    events_per_country,
    events_per_month,
    recent_events,
)
from dashboard.queries.store import pin, warehouse_state

__all__ = [
    "EVENT_PAGE_SIZE", "EVENT_SORTS", "HOME_ORGANIZATION", "NO_COUNTRY", "NO_HOST", "NO_REGION", "NO_SECTOR",
    "admissions_by_year", "budget_currencies", "budget_per_country", "country_programmes", "export_programmes",
    "export_programmes_csv", "funder_options", "programme_sectors", "programme_timeline", "programme_totals",
    "programmes_per_region", "sector_options", "sector_vocabularies", "top_funders",
    "countries_involved", "country_co_participants", "country_facts", "country_missions", "country_options",
    "country_partners", "country_regional_offices", "country_timeline", "event_conditions", "event_date_bounds",
    "event_detail", "event_places", "event_rows", "event_totals", "event_type_options", "events_per_country",
    "events_per_month", "export_events", "export_events_csv", "key_figures", "last_refresh", "latest_events",
    "logged_failures", "matched_names", "membership_by_country", "mission_offices", "organizations",
    "period_bounds", "pin",
    "press_review", "recent_events", "refresh_runs", "region_column", "regions", "rejection_counts",
    "rejection_page", "retired_regions", "run_files", "run_finished_at", "served_run", "stated_figures",
    "theme_options", "unmatched_names", "vocabulary_labels", "warehouse_state",
]
