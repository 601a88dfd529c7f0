"""Datasets that settle single claims of the essays (issue 20, item 4).

Training-compute costs of named models, every participant of a funding round
(the funding rounds name only leads) and the time products took to reach a
user milestone. Registered in :data:`analysis.data.schemas.DATASETS` like the
rest; the claims they test are judged in :mod:`analysis.claims.proxies_evidence`.
"""

from __future__ import annotations

from analysis.data.schemas import Column, Dataset, _prov, _register

_register(
    Dataset(
        name="training_costs",
        title="What training a model cost",
        description="The compute cost of training named models: the developer's own figure "
        "where it gave one, else a published estimate of the final training run.",
        key=("model", "scope", "source_id"),
        columns=(
            Column("model", "str", "Model, as its developer names it."),
            Column("developer", "str", "Who trained it."),
            Column("year", "int", "Year the model was released.", min=2015, max=2030),
            Column("cost_usd_m", "float", "Cost, USD millions.", min=0, max=100_000),
            Column(
                "bound",
                "enum",
                "point (the figure) | lower_bound (the source says 'over' the figure).",
                choices=("point", "lower_bound"),
            ),
            Column(
                "scope",
                "enum",
                "final_run_compute (compute of the final pre-training run) | "
                "fine_tuning_compute (compute to fine-tune an existing model) | "
                "training_total (the developer's or an outlet's figure for training, scope "
                "unstated).",
                choices=("final_run_compute", "fine_tuning_compute", "training_total"),
            ),
            Column(
                "basis",
                "enum",
                "reported (the developer said it) | estimated (a third party's estimate).",
                choices=("reported", "estimated"),
            ),
            *_prov(),
        ),
        notes=(
            "Estimates of a final run leave out experiments, failed runs and staff, so they "
            "are lower bounds on what a model cost to develop.",
        ),
    )
)

_register(
    Dataset(
        name="round_participants",
        title="Who took part in a funding round",
        description="Every investor a source names for a round, lead or not (funding_rounds "
        "records the leads only).",
        key=("company", "date", "investor", "source_id"),
        date_column="date",
        columns=(
            Column("date", "date", "Date of the round, as in funding_rounds."),
            Column("company", "str", "Company that raised, as in funding_rounds."),
            Column(
                "round_type",
                "str",
                "Round type, as in funding_rounds.",
                pattern=r"^(seed|series_[a-h]|strategic|corporate|debt|tender|growth|other)$",
            ),
            Column("investor", "str", "Investor, as the source names it."),
            Column(
                "role",
                "enum",
                "lead | participant.",
                choices=("lead", "participant"),
            ),
            *_prov(),
        ),
    )
)

_register(
    Dataset(
        name="user_milestones",
        title="How fast products reached their users",
        description="Months from a product's launch to a number of users, as measured and "
        "published by a named firm.",
        key=("product", "users_m", "source_id"),
        date_column="as_of",
        columns=(
            Column("product", "str", "Product."),
            Column("users_m", "float", "The milestone, millions of users.", min=0, max=10_000),
            Column(
                "months_to_reach",
                "float",
                "Months from launch to the milestone.",
                min=0,
                max=1_200,
            ),
            Column(
                "measure",
                "enum",
                "monthly_active_users | users (the source does not say active).",
                choices=("monthly_active_users", "users"),
            ),
            Column("as_of", "date", "Date of the publication that states it."),
            Column(
                "basis",
                "enum",
                "reported (the company) | estimated (a third party's measurement).",
                choices=("reported", "estimated"),
            ),
            *_prov(),
        ),
    )
)

_register(
    Dataset(
        name="revenue_mix",
        title="Where model labs' revenue comes from",
        description="A model lab's revenue split between its own apps (ChatGPT, Claude "
        "subscriptions) and hosting its models for others (API), as figures or shares.",
        key=("company", "period", "channel", "source_id"),
        date_column="date",
        columns=(
            Column("company", "str", "Model lab."),
            Column("period", "str", "Period, and whether the figure was a forecast."),
            Column("date", "date", "Last day of the period."),
            Column(
                "channel",
                "enum",
                "total | own_apps (the lab's own apps and subscriptions) | api (hosting its "
                "models for other companies).",
                choices=("total", "own_apps", "api"),
            ),
            Column(
                "value_usd_m",
                "float",
                "Revenue, USD millions (empty: only a share was reported).",
                required=False,
                min=0,
                max=1_000_000,
            ),
            Column(
                "share",
                "float",
                "Share of the lab's revenue, 0-1 (empty: a figure was reported).",
                required=False,
                min=0,
                max=1,
            ),
            Column(
                "basis",
                "enum",
                "reported (the company) | internal_documents (figures it gave investors, as "
                "reported) | estimated (a third party's estimate).",
                choices=("reported", "internal_documents", "estimated"),
            ),
            *_prov(),
        ),
        notes=("Each row has a figure or a share.",),
    )
)
