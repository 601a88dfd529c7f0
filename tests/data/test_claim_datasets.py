"""The datasets that settle single claims (training_costs, round_participants,
user_milestones): shipped rows are as sourced, and bad rows fail with file, row
and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.data import datasets
from analysis.data.datasets import check_all

TODAY = dt.date(2026, 12, 4)


def _append(data_dir: Path, name: str, row: str) -> list[str]:
    path = data_dir / f"{name}.csv"
    path.write_text(path.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    return [str(p) for p in check_all(data_dir, today=TODAY) if f"{name}.csv" in str(p)]


def test_shipped_rows_hold_the_sourced_figures():
    costs = datasets.load("training_costs").set_index(["model", "scope", "source_id"])
    assert (
        costs.loc[("Gemini 1.0 Ultra", "final_run_compute", "train-vc-aiindex-2024"), "cost_usd_m"]
        == 191.4
    )
    assert (
        costs.loc[
            ("Vicuna-13B v0", "fine_tuning_compute", "mq-lmsys-vicuna-20230330"), "cost_usd_m"
        ]
        == 0.0003
    )
    people = datasets.load("round_participants")
    cohere = set(people.loc[people["company"] == "Cohere", "investor"])
    assert {"Nvidia", "Oracle", "Inovia Capital"} <= cohere
    users = datasets.load("user_milestones").set_index("product")
    assert users.loc["ChatGPT", "months_to_reach"] == 2
    assert users.loc["Instagram", "months_to_reach"] == 30


@pytest.mark.parametrize(
    ("name", "row", "expected"),
    [
        (
            "training_costs",
            "X,Y,2023,5,about,final_run_compute,estimated,train-vc-aiindex-2024,table",
            "column 'bound': value 'about' is not one of",
        ),
        (
            "training_costs",
            "X,Y,2023,-5,point,final_run_compute,estimated,train-vc-aiindex-2024,table",
            "column 'cost_usd_m': value -5 is below the minimum 0",
        ),
        (
            "round_participants",
            "2023-06-08,Cohere,series_z,Acme,participant,fund-reuters-cohere-2023,para 1",
            "column 'round_type'",
        ),
        (
            "round_participants",
            "2023-06-08,Cohere,series_c,Nvidia,participant,fund-reuters-cohere-2023,para 1",
            "duplicate key",
        ),
        (
            "revenue_mix",
            "OpenAI,CY2023,2023-12-31,api,,,internal_documents,mix-theinformation-openai-2024,x",
            "column 'value_usd_m': row has neither a value nor a share",
        ),
        (
            "revenue_mix",
            "OpenAI,CY2023,2023-12-31,api,,1.4,internal_documents,mix-theinformation-openai-2024,x",
            "column 'share': value 1.4 is above",
        ),
        (
            "user_milestones",
            "Foo,100,3,daily_users,2023-02-02,estimated,users-yahoo-ubs-chatgpt-2023,para 2",
            "column 'measure': value 'daily_users' is not one of",
        ),
    ],
)
def test_bad_rows_are_reported(data_dir: Path, name: str, row: str, expected: str):
    problems = _append(data_dir, name, row)
    assert any(expected in p for p in problems), problems
