"""What a valid row of each dataset looks like: the data dictionary.

Size: over 400 lines because the core datasets' dictionary is one table a reader scans;
newer datasets register from schemas_economics, schemas_claims and schemas_arena.

One :class:`Dataset` per CSV in ``analysis/data``. Its columns say their type,
unit, allowed values and bounds; :mod:`analysis.data.datasets` turns them into
pandera schemas and into the data dictionary on the "Data and sources" page.
Column names carry units (``_usd_m`` = millions of US dollars).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["str", "date", "float", "int", "enum", "bool"]

LAYERS = ("apps", "models", "infrastructure")
# Hosts that serve copies of packages, not publishers' pages: a source cites the publisher.
GRADES = ("primary", "outlet", "internal_docs", "aggregator", "estimate")
"""Source grades, strongest first (GUIDE §2)."""
GRADE_LABELS = {
    "primary": "primary",
    "outlet": "reputable outlet",
    "internal_docs": "report of internal documents",
    "aggregator": "aggregator/blog",
    "estimate": "estimate",
}
"""How a grade reads on a page."""
CAPEX_COMPANIES = ("Microsoft", "Alphabet", "Amazon", "Meta", "Oracle", "CoreWeave")
"""Companies whose capital expenditure (actual and guided) the book records."""
CAPEX_DEFINITIONS = ("ppe_purchases", "ppe_incl_finance_leases", "company_reported_capex")
"""What a capex figure counts: cash purchases of property and equipment, the same
including finance leases, or the company's own headline figure."""
CITABLE_URL = r"^https?://(?!\S*?(?:[^/@\s]@v?\d[^/\s]*/|/ajax/libs/))\S+$"
"""An http(s) address that is not a package file served by version: a path segment
``name@1.2.3/`` or ``/ajax/libs/`` marks a registry mirror's copy of a release, not the
publisher's own page (the shape, not a list of hosts, so no host is named here)."""


@dataclass(frozen=True)
class Column:
    """One column of a dataset."""

    name: str
    kind: Kind
    description: str
    required: bool = True
    choices: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    pattern: str | None = None
    pattern_error: str | None = None  # what a failed pattern means, for the reader
    not_future: bool = True  # dates only


@dataclass(frozen=True)
class Dataset:
    """A dataset: one CSV file, its key and its columns."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    date_column: str | None = None
    provenance: bool = True  # has source_id + locator
    notes: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _prov() -> tuple[Column, ...]:
    return (
        Column("source_id", "str", "Id of the row's source in the sources table."),
        Column(
            "locator",
            "str",
            "Where in the source the figure stands, in our words.",
        ),
    )


def _layer(required: bool = True) -> Column:
    return Column("layer", "enum", "Stack layer (a16z's framing).", required, choices=LAYERS)


SOURCES = Dataset(
    name="sources",
    title="Sources",
    description="Every source a data row cites (one file per group in data/sources/).",
    key=("source_id",),
    provenance=False,
    columns=(
        Column(
            "source_id",
            "str",
            "Unique id, lowercase letters, digits and hyphens.",
            pattern=r"^[a-z0-9][a-z0-9-]*$",
        ),
        Column("title", "str", "Title of the page or document."),
        Column("publisher", "str", "Who published it."),
        Column(
            "url",
            "str",
            "Address of the page: the publisher's own, never a package mirror's copy.",
            pattern=CITABLE_URL,
            pattern_error="is not an http(s) address of the publisher's own page (a package "
            "file served by version, name@1.2.3/..., is a mirror's copy, not a source)",
        ),
        Column(
            "date_published",
            "date",
            "Publication date (ISO; empty: the page states none).",
            required=False,
        ),
        Column("date_accessed", "date", "When we read the stored copy (ISO)."),
        Column(
            "grade",
            "enum",
            "How strong the source is, strongest first: primary (filing, release, paper, "
            "model card) | outlet (a named news organisation) | internal_docs (a report of "
            "internal documents or unnamed people) | aggregator (blog, newsletter, data "
            "aggregator) | estimate (a firm's or outlet's own estimate).",
            choices=GRADES,
        ),
        Column("note", "str", "Caveats and recorded conflicts.", required=False),
    ),
)

DATASETS: dict[str, Dataset] = {}


def _register(ds: Dataset) -> Dataset:
    DATASETS[ds.name] = ds
    return ds


_register(
    Dataset(
        name="seed_claims",
        title="Claims made in the two seed essays",
        description="Every quantitative or testable claim of the a16z and Teng essays, "
        "with a short verbatim quote and the datasets that can test it.",
        key=("claim_id",),
        columns=(
            Column("claim_id", "str", "Claim id.", pattern=r"^(a16z|teng)-\d{2}$"),
            Column("essay", "enum", "Which essay.", choices=("a16z", "teng")),
            *_prov(),
            Column("quote", "str", "Verbatim quote, at most one sentence."),
            Column(
                "kind",
                "enum",
                "figure | estimate | prediction | framing.",
                choices=("figure", "estimate", "prediction", "framing"),
            ),
            Column(
                "layer",
                "enum",
                "Layer the claim is about.",
                choices=(*LAYERS, "cross"),
            ),
            Column("claim", "str", "The claim in our words, in a testable form."),
            Column(
                "datasets",
                "str",
                "Datasets that can test it (;-separated).",
                required=False,
            ),
            Column(
                "proxy",
                "str",
                "What stands in for the claim's quantity when no dataset measures it "
                "(empty: judged directly).",
                required=False,
            ),
            Column(
                "proxy_reason",
                "str",
                "Why the proxy is acceptable (required with a proxy).",
                required=False,
            ),
        ),
    )
)

_register(
    Dataset(
        name="vendors_by_layer",
        title="Companies the essays name, by layer",
        description="Each company an essay names, placed in the a16z stack.",
        key=("company", "layer", "sub_category", "essay"),
        columns=(
            Column("company", "str", "Company or product as named."),
            _layer(),
            Column("sub_category", "str", "Sub-category within the layer."),
            Column("essay", "enum", "Which essay names it.", choices=("a16z", "teng")),
            *_prov(),
        ),
    )
)

_register(
    Dataset(
        name="nvidia_quarterly",
        title="NVIDIA revenue by fiscal quarter",
        description="Total and Data Center revenue per fiscal quarter, as reported.",
        key=("fiscal_year", "fiscal_quarter", "source_id"),
        date_column="period_end",
        columns=(
            Column("fiscal_year", "int", "NVIDIA fiscal year.", min=2000, max=2100),
            Column("fiscal_quarter", "int", "Fiscal quarter 1-4.", min=1, max=4),
            Column("period_end", "date", "Last day of the fiscal quarter."),
            Column(
                "total_revenue_usd_m",
                "float",
                "Total revenue, USD millions (empty: not found in this row's source).",
                required=False,
                min=0,
                max=500_000,
            ),
            Column(
                "data_center_revenue_usd_m",
                "float",
                "Data Center revenue, USD millions (empty: not found in this row's source).",
                required=False,
                min=0,
                max=500_000,
            ),
            *_prov(),
        ),
    )
)

_register(
    Dataset(
        name="hyperscaler_capex",
        title="Hyperscaler capital expenditure",
        description="Capital expenditure of Microsoft, Alphabet, Amazon, Meta and Oracle.",
        key=("company", "period_type", "period", "definition", "source_id"),
        date_column="period_end",
        columns=(
            Column(
                "company",
                "enum",
                "Company.",
                choices=CAPEX_COMPANIES,
            ),
            Column(
                "period_type",
                "enum",
                "calendar_year | fiscal_year | calendar_quarter | fiscal_quarter.",
                choices=(
                    "calendar_year",
                    "fiscal_year",
                    "calendar_quarter",
                    "fiscal_quarter",
                ),
            ),
            Column("period", "str", "Period label (CY2023, FY2024, 2024Q3, FY2025Q1)."),
            Column(
                "period_end", "date", "Last day of the period (empty: not stated).", required=False
            ),
            Column("capex_usd_bn", "float", "Capital expenditure, USD billions.", min=0, max=1_000),
            Column(
                "definition",
                "enum",
                "ppe_purchases | ppe_incl_finance_leases | company_reported_capex.",
                choices=CAPEX_DEFINITIONS,
            ),
            *_prov(),
        ),
    )
)

_register(
    Dataset(
        name="funding_rounds",
        title="Funding rounds of generative-AI companies",
        description="Announced rounds across apps, models and infrastructure, 2019-2026.",
        key=("company", "date", "round_type", "source_id"),
        date_column="date",
        columns=(
            Column("date", "date", "Announcement date."),
            Column(
                "date_precision",
                "enum",
                "How precise the date is.",
                choices=("day", "month", "quarter", "year"),
            ),
            Column("company", "str", "Company."),
            _layer(),
            Column("round_type", "str", "seed, series_a.., strategic, debt, tender, ..."),
            Column(
                "amount_usd_m",
                "float",
                "Amount raised, USD millions (empty: no USD amount reported).",
                required=False,
                min=0,
                max=200_000,
            ),
            Column(
                "post_money_valuation_usd_m",
                "float",
                "Post-money valuation, USD millions (empty: not reported).",
                required=False,
                min=0,
                max=5_000_000,
            ),
            Column("lead_investors", "str", "Lead investors (;-separated).", required=False),
            Column(
                "open_weights",
                "enum",
                "Model companies: releases open weights? yes | no | some.",
                required=False,
                choices=("yes", "no", "some"),
            ),
            *_prov(),
        ),
    )
)

_register(
    Dataset(
        name="revenue_points",
        title="Revenue and annualized run-rate points",
        description="Dated revenue or run-rate figures for model providers, apps and GPU clouds.",
        key=("company", "date", "metric", "source_id"),
        date_column="date",
        columns=(
            Column(
                "date",
                "date",
                "Date the figure refers to (as-of, or period end).",
                not_future=False,
            ),
            Column("company", "str", "Company or product."),
            _layer(),
            Column(
                "metric",
                "enum",
                "annualized_run_rate | annual_revenue | annual_revenue_forecast.",
                choices=("annualized_run_rate", "annual_revenue", "annual_revenue_forecast"),
            ),
            Column("value_usd_m", "float", "Value, USD millions.", min=0, max=2_000_000),
            Column(
                "basis",
                "enum",
                "reported (company or filing) | estimated (outlet's sources).",
                choices=("reported", "estimated"),
            ),
            *_prov(),
            Column(
                "accounting",
                "enum",
                "gross (before cloud or reseller partners' share) | net (after it) | "
                "not_stated (the source does not say).",
                choices=("gross", "net", "not_stated"),
            ),
        ),
        notes=("Dates in the future are allowed only for forecasts.",),
    )
)

_register(
    Dataset(
        name="api_prices",
        title="API list prices per million tokens",
        description="List prices of model APIs; a price change is a new row.",
        key=("provider", "model", "effective_date"),
        date_column="effective_date",
        columns=(
            Column("provider", "str", "Who sells the API (the host for open models)."),
            Column("model", "str", "Model name (as in models.csv where present)."),
            Column("effective_date", "date", "Date the price took effect."),
            Column(
                "input_usd_per_mtok",
                "float",
                "Input price, USD per million tokens.",
                min=0,
                max=1_000,
            ),
            Column(
                "output_usd_per_mtok",
                "float",
                "Output price, USD per million tokens.",
                min=0,
                max=1_000,
            ),
            *_prov(),
        ),
    )
)

_register(
    Dataset(
        name="models",
        title="Language models",
        description="Models with release date, developer, open weights and size.",
        key=("model",),
        date_column="release_date",
        columns=(
            Column("model", "str", "Model name."),
            Column("developer", "str", "Developer."),
            Column("release_date", "date", "Public release date."),
            Column("open_weights", "bool", "Weights downloadable? true | false."),
            Column(
                "params_b",
                "float",
                "Parameters, billions (empty: not public).",
                required=False,
                min=0,
                max=100_000,
            ),
            *_prov(),
        ),
    )
)

BENCHMARKS = {
    "mmlu_5shot": (0.0, 100.0),
    "mmlu_pro": (0.0, 100.0),
    "gpqa_diamond": (0.0, 100.0),
    "humaneval": (0.0, 100.0),
    "arena_elo": (500.0, 2500.0),
    "swe_bench_verified": (0.0, 100.0),
    "hle": (0.0, 100.0),
    "aime_2025": (0.0, 100.0),
    "mt_bench": (0.0, 10.0),
    "gpt4_judged_relative_chatgpt": (0.0, 200.0),
}
"""Benchmark -> allowed score range: percent; Elo points for arena_elo; 0-10 for
mt_bench; percent of ChatGPT's score (ChatGPT = 100) for the GPT-4-judged comparison."""

_register(
    Dataset(
        name="model_quality",
        title="Benchmark scores of language models",
        description="Scores per model and benchmark, each with its own source.",
        key=("model", "benchmark", "source_id"),
        columns=(
            Column("model", "str", "Model name (must be in models.csv)."),
            Column(
                "benchmark",
                "enum",
                "mmlu_5shot | mmlu_pro | gpqa_diamond | humaneval | swe_bench_verified | hle | "
                "aime_2025 (percent) | arena_elo (Elo) | mt_bench (0-10) | "
                "gpt4_judged_relative_chatgpt (ChatGPT = 100).",
                choices=tuple(BENCHMARKS),
            ),
            Column("score", "float", "Score, in the benchmark's unit.", min=0, max=2500),
            *_prov(),
        ),
    )
)

_register(
    Dataset(
        name="genai_funding_totals",
        title="Aggregate generative-AI venture funding",
        description="Trackers' totals of venture funding into generative AI, by year and layer.",
        key=("publisher", "year", "layer", "scope", "source_id"),
        columns=(
            Column("publisher", "str", "Tracker or research firm."),
            Column("year", "int", "Calendar year.", min=2010, max=2100),
            Column(
                "layer",
                "enum",
                "all | apps | models | infrastructure.",
                choices=("all", *LAYERS),
            ),
            Column(
                "value_usd_bn",
                "float",
                "Funding, USD billions.",
                required=False,
                min=0,
                max=5_000,
            ),
            Column("share", "float", "Share (0-1).", required=False, min=0, max=1),
            Column("scope", "str", "What is counted."),
            Column("basis", "enum", "reported | estimated.", choices=("reported", "estimated")),
            *_prov(),
        ),
        notes=("Each row has a value, a share, or both.",),
    )
)

# Registered with the rest of the data dictionary (they import the helpers above).
from analysis.data import schemas_arena, schemas_economics  # noqa: E402, F401
