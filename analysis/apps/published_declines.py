"""What others measured: published estimates of how fast LLM prices fall.

The estimates (publisher, address, date, fold per year and its range) set
beside this book's own fits (:mod:`analysis.apps.decline_fit`) in one
"times cheaper per year" table.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from analysis.apps.price_decline import DAYS_PER_YEAR, DateLike

PUBLISHED_DECLINE_ESTIMATES: dict[str, dict[str, object]] = {
    "a16z-llmflation-2024": {
        "label": "a16z LLMflation (2024): equivalent performance",
        "publisher": "Andreessen Horowitz (a16z), Guido Appenzeller",
        "title": "Welcome to LLMflation - LLM inference cost is going down fast",
        "url": "https://a16z.com/llmflation-llm-inference-cost",
        "date_published": "2024-11-12",
        "bib_key": "a16z-2024-welcome-llmflation-llm-inference",
        "capability": "an LLM of equivalent performance (cheapest model above MMLU 42, and 83)",
        "fold_per_year": 10.0,
        "locator": "Third paragraph: 'For an LLM of equivalent performance, the cost is "
        "decreasing by 10x every year.'",
        "method": "cheapest model per month at a minimum MMLU score; input and output "
        "prices averaged 1:1; OpenAI, Anthropic and Llama models only",
    },
    "a16z-llmflation-2024-mmlu83": {
        "label": "a16z LLMflation (2024): MMLU 83, implied",
        "publisher": "Andreessen Horowitz (a16z), Guido Appenzeller",
        "title": "Welcome to LLMflation - LLM inference cost is going down fast",
        "url": "https://a16z.com/llmflation-llm-inference-cost",
        "date_published": "2024-11-12",
        "bib_key": "a16z-2024-welcome-llmflation-llm-inference",
        "capability": "MMLU 83 (GPT-4 level)",
        "fold_total": 62.0,
        "period_start": "2023-03-01",
        "period_end": "2024-11-01",
        "locator": "Methodology section: since GPT-4 came out in March 2023 'the price for "
        "models at this level have come down by about a factor of 62' (to the post's date, "
        "November 2024; both ends taken as month starts)",
        "method": "as above; the annual rate is implied here from the total fall and the period",
    },
    "epoch-2025-range": {
        "label": "Epoch AI (2025): range over milestones",
        "publisher": "Epoch AI",
        "title": "LLM inference prices have fallen rapidly but unequally across tasks",
        "url": "https://epoch.ai/data-insights/llm-inference-price-trends",
        "date_published": "2025-03-12",
        "bib_key": "epoch-2025-llm-inference-prices-have",
        "capability": "six benchmarks, several performance milestones",
        "fold_per_year_low": 9.0,
        "fold_per_year_high": 900.0,
        "locator": "Summary paragraph: the rate of decline 'ranging from 9x to 900x per year' "
        "depending on the performance milestone",
        "method": "cheapest model at or above a benchmark score, log-linear fit; prices 3:1 "
        "input:output (Artificial Analysis method); reasoning models excluded",
    },
    "epoch-2025-gpqa-gpt4": {
        "label": "Epoch AI (2025): GPT-4 level on GPQA",
        "publisher": "Epoch AI",
        "title": "LLM inference prices have fallen rapidly but unequally across tasks",
        "url": "https://epoch.ai/data-insights/llm-inference-price-trends",
        "date_published": "2025-03-12",
        "bib_key": "epoch-2025-llm-inference-prices-have",
        "capability": "GPT-4's score on GPQA Diamond (PhD-level science questions)",
        "fold_per_year": 40.0,
        "locator": "Summary paragraph: 'the price to achieve GPT-4's performance on a set of "
        "PhD-level science questions fell by 40x per year'",
        "method": "as above",
    },
    "aiindex-2025-gpt35": {
        "label": "AI Index (2025): GPT-3.5 level, implied",
        "publisher": "Stanford HAI AI Index 2025 (as relayed by AI CERTS)",
        "title": "AI Inference's 280x Slide: 18-Month Cost Optimization Explained",
        "url": "https://www.aicerts.ai/news/ai-inferences-280x-slide-18-month-cost-optimization"
        "-explained",
        "date_published": "2025-04-01",
        "bib_key": "aicerts-2025-ai-inference-280x-slide",
        "capability": "GPT-3.5 level (MMLU 64.8)",
        "fold_total": 280.0,
        "period_start": "2022-11-01",
        "period_end": "2024-10-01",
        "locator": "Section 'Rapid Cost Collapse Overview': costs 'dropped from $20 to $0.07 per "
        "million tokens between November 2022 and October 2024'; MMLU 64.8 as the GPT-3.5 "
        "level. The AI Index report itself was not retrieved; its release month (April "
        "2025) is taken from press coverage",
        "method": "cheapest model at GPT-3.5-level MMLU; annual rate implied here",
    },
    "gundlach-2025-frontier": {
        "label": "Gundlach et al. (2025): frontier models",
        "publisher": "Gundlach, Lynch, Mertens, Thompson (MIT FutureTech), arXiv 2511.23455",
        "title": "The Price of Progress: Algorithmic Efficiency and the Falling Cost of AI "
        "Inference",
        "url": "https://www.sciencestack.ai/paper/2511.23455",
        "date_published": "2025-11-28",
        "bib_key": "arxiv-2026-price-progress-price-performance",
        "capability": "frontier models on knowledge, reasoning, math and software-engineering "
        "benchmarks",
        "fold_per_year_low": 5.0,
        "fold_per_year_high": 10.0,
        "locator": "Abstract: the price for a given level of benchmark performance 'has "
        "decreased remarkably fast, around 5x to 10x per year, for frontier models'",
        "method": "Artificial Analysis and Epoch AI prices; regression of price on time at "
        "fixed benchmark performance",
    },
}
"""Published estimates of the same decline (a fixed capability's price), for comparison.

Each entry was read in a retrieved copy of the page (2026-11-23); ``locator``
says where the number stands. An entry gives either ``fold_per_year`` (the
source states a rate: "10x every year"), ``fold_per_year_low`` /
``fold_per_year_high`` (the source states a range), or ``fold_total`` over
``period_start`` .. ``period_end`` (the source states a total fall; the annual
rate is implied by :func:`implied_fold_per_year`). ``fold`` means "times
cheaper" (10 = the price falls to a tenth). ``bib_key`` is the entry's key in
``book/references.bib``.
"""


def implied_fold_per_year(fold_total: float, start: DateLike, end: DateLike) -> float:
    """Annual fall implied by a total fall over a period, "times cheaper per year".

    ``fold_total ** (1 / years)`` with years = days / 365.25. Example: a price
    that falls 100x over exactly two years falls 10x a year.
    """
    if not fold_total > 0:
        raise ValueError("fold_total must be > 0")
    years = (pd.Timestamp(end) - pd.Timestamp(start)) / pd.Timedelta(days=DAYS_PER_YEAR)
    if years <= 0:
        raise ValueError("end must be after start")
    return float(fold_total ** (1.0 / years))


PUBLISHED_COLUMNS = (
    "estimate_id",
    "label",
    "publisher",
    "date_published",
    "capability",
    "fold_per_year",
    "fold_per_year_low",
    "fold_per_year_high",
    "basis",
    "bib_key",
    "url",
    "locator",
)


def published_estimates(
    estimates: Mapping[str, Mapping[str, object]] | None = None,
) -> pd.DataFrame:
    """Published estimates as a table, one row per estimate ("times cheaper per year").

    ``basis`` says how the annual figure was obtained: ``stated`` (a rate in
    the source), ``stated range`` (low-high, no central figure: ``fold_per_year``
    is NaN) or ``implied`` (from a total fall over a period,
    :func:`implied_fold_per_year`; low = high = central). For a single figure
    low and high equal the central value.
    """
    estimates = PUBLISHED_DECLINE_ESTIMATES if estimates is None else estimates
    rows = []
    for key, e in estimates.items():
        if "fold_per_year" in e:
            central = float(e["fold_per_year"])  # type: ignore[arg-type]
            low = high = central
            basis = "stated"
        elif "fold_per_year_low" in e:
            central = math.nan
            low = float(e["fold_per_year_low"])  # type: ignore[arg-type]
            high = float(e["fold_per_year_high"])  # type: ignore[arg-type]
            basis = "stated range"
        elif "fold_total" in e:
            central = implied_fold_per_year(
                float(e["fold_total"]),  # type: ignore[arg-type]
                e["period_start"],  # type: ignore[arg-type]
                e["period_end"],  # type: ignore[arg-type]
            )
            low = high = central
            basis = "implied"
        else:
            raise ValueError(f"estimate {key!r} states no rate")
        if not (low > 0 and high >= low):
            raise ValueError(f"estimate {key!r}: need 0 < low <= high")
        rows.append(
            {
                "estimate_id": key,
                "label": e.get("label", key),
                "publisher": e["publisher"],
                "date_published": pd.Timestamp(e["date_published"]),  # type: ignore[arg-type]
                "capability": e["capability"],
                "fold_per_year": central,
                "fold_per_year_low": low,
                "fold_per_year_high": high,
                "basis": basis,
                "bib_key": e["bib_key"],
                "url": e["url"],
                "locator": e["locator"],
            }
        )
    return pd.DataFrame(rows, columns=list(PUBLISHED_COLUMNS))


def comparison_table(
    fits: pd.DataFrame, published: pd.DataFrame, benchmark_name: str
) -> pd.DataFrame:
    """This book's fits and the published estimates in one table ("times cheaper per year").

    Columns ``label, fold, fold_low, fold_high, source, kind`` with ``kind``
    ``"this book"`` or ``"published"``. A fit's low/high are its interval
    (``1 / annual_factor_high`` .. ``1 / annual_factor_low``); ``published``
    is :func:`published_estimates` output.
    """
    f = fits.dropna(subset=["annual_factor"])
    ours = pd.DataFrame(
        {
            "label": [
                f"This book: {benchmark_name} ≥ {r.threshold:g} "
                f"({r.first_month:%b %Y}–{r.last_month:%b %Y})"
                for r in f.itertuples()
            ],
            "fold": 1.0 / f["annual_factor"].to_numpy(),
            "fold_low": 1.0 / f["annual_factor_high"].to_numpy(),
            "fold_high": 1.0 / f["annual_factor_low"].to_numpy(),
            "source": "api_prices, model_quality (this book)",
            "kind": "this book",
        }
    )
    pub = pd.DataFrame(
        {
            "label": published["label"].to_numpy(),
            "fold": published["fold_per_year"].to_numpy(),
            "fold_low": published["fold_per_year_low"].to_numpy(),
            "fold_high": published["fold_per_year_high"].to_numpy(),
            "source": (published["publisher"] + ", " + published["url"]).to_numpy(),
            "kind": "published",
        }
    )
    return pd.concat([ours, pub], ignore_index=True)
