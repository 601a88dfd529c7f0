"""The data dictionary's datasets on who keeps the money and who uses what.

Company financials, the labs' and apps' cost structures, usage shares, capex
guidance and the published estimates the book compares itself with (issue 18
and 19). Registered in :data:`analysis.data.schemas.DATASETS` like the rest.
"""

from __future__ import annotations

from analysis.data.schemas import (
    CAPEX_COMPANIES,
    CAPEX_DEFINITIONS,
    Column,
    Dataset,
    _prov,
    _register,
)

_register(
    Dataset(
        name="company_financials",
        title="Company financials by period",
        description="Revenue, cost of revenue, gross profit and operating income of the chip "
        "makers and clouds, whole company and the AI-relevant segment, as reported.",
        key=("company", "segment", "period", "metric", "basis", "source_id"),
        date_column="period_end",
        columns=(
            Column(
                "company",
                "enum",
                "Company.",
                choices=(
                    "NVIDIA",
                    "AMD",
                    "Broadcom",
                    "TSMC",
                    "Microsoft",
                    "Alphabet",
                    "Amazon",
                    "Oracle",
                    "CoreWeave",
                ),
            ),
            Column("segment", "str", "'total', or the segment as the company names it."),
            Column(
                "layer",
                "enum",
                "semiconductors | cloud | other (a whole company not assigned to a layer).",
                choices=("semiconductors", "cloud", "other"),
            ),
            Column(
                "period_type",
                "enum",
                "fiscal_quarter | fiscal_year | calendar_quarter | calendar_year.",
                choices=("fiscal_quarter", "fiscal_year", "calendar_quarter", "calendar_year"),
            ),
            Column("period", "str", "Period label (FY2025Q3, FY2025, 2025Q3, CY2025)."),
            Column("period_end", "date", "Last day of the period."),
            Column(
                "metric",
                "enum",
                "revenue | cost_of_revenue | gross_profit | operating_income | gross_margin | "
                "annualized_run_rate.",
                choices=(
                    "revenue",
                    "cost_of_revenue",
                    "gross_profit",
                    "operating_income",
                    "gross_margin",
                    "annualized_run_rate",
                ),
            ),
            Column("value", "float", "Value, in `unit`.", min=-1_000_000, max=2_000_000),
            Column("unit", "enum", "usd_m (US$ millions) | percent.", choices=("usd_m", "percent")),
            Column(
                "basis",
                "enum",
                "gaap | non_gaap | segment (segment result as the company defines it) | "
                "company_stated (said outside the statements, e.g. a run-rate).",
                choices=("gaap", "non_gaap", "segment", "company_stated"),
            ),
            *_prov(),
        ),
        notes=(
            "Overlapping rows (a run-rate inside a segment, AI semiconductors inside "
            "semiconductor solutions) are never added together.",
        ),
    )
)

_register(
    Dataset(
        name="ai_economics",
        title="Cost structures of AI labs and apps",
        description="Revenue, margins, compute costs and partner shares of model providers "
        "and apps, with the accounting basis and whether the figure is the company's own.",
        key=("company", "metric", "period", "source_id"),
        date_column="date",
        columns=(
            Column(
                "date",
                "date",
                "Date the figure refers to (period end; forecasts may be later than today).",
                not_future=False,
            ),
            Column("company", "str", "Company."),
            Column("layer", "enum", "models | apps.", choices=("models", "apps")),
            Column(
                "metric",
                "enum",
                "What is measured.",
                choices=(
                    "revenue",
                    "gross_margin",
                    "compute_margin",
                    "operating_income",
                    "operating_margin",
                    "net_income",
                    "inference_cost",
                    "training_compute_cost",
                    "compute_spend",
                    "cloud_cost_share",
                    "revenue_share_to_partner",
                ),
            ),
            Column("value", "float", "Value, in `unit`.", min=-1_000_000, max=2_000_000),
            Column("unit", "enum", "usd_m | share (fraction).", choices=("usd_m", "share")),
            Column("period", "str", "Period the figure covers (CY2024, 2025H1, ...)."),
            Column(
                "accounting",
                "enum",
                "gross | net (of partners' share) | not_stated.",
                choices=("gross", "net", "not_stated"),
            ),
            Column(
                "basis",
                "enum",
                "reported (the company) | internal_documents (reported from its documents or "
                "people familiar) | estimated (a third party's estimate).",
                choices=("reported", "internal_documents", "estimated"),
            ),
            *_prov(),
        ),
        notes=("Dates later than today are allowed only when the period is a forecast.",),
    )
)

_register(
    Dataset(
        name="usage_share",
        title="Who uses which models: shares of tokens, spend and firms",
        description="Published shares of model usage, measured three ways: tokens processed, "
        "money spent and firms paying.",
        key=("date", "publisher", "measure", "segment", "scope", "source_id"),
        date_column="date",
        columns=(
            Column("date", "date", "Date the share refers to.", not_future=False),
            Column("publisher", "str", "Who measured it."),
            Column(
                "measure",
                "enum",
                "tokens | spend | firms (share of businesses).",
                choices=("tokens", "spend", "firms"),
            ),
            Column("segment", "str", "What the share is of (a provider, open weights, any AI)."),
            Column("share", "float", "Share, 0-1.", min=0, max=1),
            Column("scope", "str", "The population measured."),
            Column("basis", "enum", "reported | estimated.", choices=("reported", "estimated")),
            *_prov(),
        ),
        notes=("Dates later than today are allowed only for stated expectations.",),
    )
)

_register(
    Dataset(
        name="reference_estimates",
        title="Published estimates the book compares itself with",
        description="Figures from Sequoia, Altimeter, Bain, Epoch AI, a16z and others, with "
        "their inputs, as published.",
        key=("publisher", "date", "quantity", "scope", "source_id"),
        date_column="date",
        columns=(
            Column("publisher", "str", "Who published the estimate."),
            Column("date", "date", "Publication or as-of date."),
            Column(
                "quantity", "str", "What is estimated (snake_case id).", pattern=r"^[a-z0-9_]+$"
            ),
            Column(
                "value",
                "float",
                "Central value (empty when only a range was published).",
                required=False,
            ),
            Column("unit", "str", "usd_bn, share, multiplier, months, per_year, ..."),
            Column("low", "float", "Low end of the published range.", required=False),
            Column("high", "float", "High end of the published range.", required=False),
            Column("scope", "str", "What is counted."),
            *_prov(),
        ),
        notes=("Each row has a value, a range, or both.",),
    )
)

_register(
    Dataset(
        name="capex_guidance",
        title="Capital expenditure guidance",
        description="What the hyperscalers and clouds said they would spend, kept apart from "
        "what they spent; a later update is a new row.",
        key=("company", "fiscal_period", "definition", "date_issued", "source_id"),
        date_column="date_issued",
        columns=(
            Column(
                "company",
                "enum",
                "Company.",
                choices=CAPEX_COMPANIES,
            ),
            Column(
                "fiscal_period",
                "str",
                "Guided period (CY2026 or FY2026).",
                pattern=r"^(CY|FY)\d{4}$",
            ),
            Column("period_end", "date", "Last day of the guided period.", not_future=False),
            Column(
                "low_usd_bn",
                "float",
                "Low end, USD billions (empty: none stated).",
                required=False,
                min=0,
                max=1_000,
            ),
            Column(
                "high_usd_bn",
                "float",
                "High end, USD billions (empty: none stated).",
                required=False,
                min=0,
                max=1_000,
            ),
            Column(
                "definition",
                "enum",
                "ppe_purchases | ppe_incl_finance_leases | company_reported_capex.",
                choices=CAPEX_DEFINITIONS,
            ),
            Column("date_issued", "date", "When the company gave the guidance."),
            *_prov(),
        ),
        notes=("Guidance is never mixed with actuals (hyperscaler_capex).",),
    )
)

# Registered with the rest of the data dictionary (datasets that settle single claims).
from analysis.data import schemas_claims  # noqa: E402, F401
