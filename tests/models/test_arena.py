"""Tests for analysis.models.arena: classification of keys and the frontier per snapshot."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.models import arena

MODELS = pd.DataFrame(
    {"model": ["Mistral Large 2", "DeepSeek-R1"], "open_weights": [False, True]}
)  # Mistral Large 2 set to closed here on purpose: models.csv must win over the family rule


def _kind(key: str, models: pd.DataFrame = MODELS) -> tuple[object, str]:
    row = arena.classify([key], models).iloc[0]
    return (None if pd.isna(row["open_weights"]) else bool(row["open_weights"])), row["basis"]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("mistral-large-2407", (False, "models.csv")),  # models.csv beats the Mistral rule
        ("deepseek-r1", (True, "models.csv")),
        ("deepseek-v3.2", (True, "family rule")),
        ("gpt-oss-120b", (True, "family rule")),  # not caught by the gpt- rule below it
        ("gpt4all-13b-snoozy", (True, "family rule")),
        ("gpt-5.1-high", (False, "family rule")),
        ("chatgpt-4o-latest-20250326", (False, "family rule")),
        ("o3-2025-04-16", (False, "family rule")),
        ("qwen-max-0919", (False, "family rule")),
        ("qwen3-max-preview", (False, "family rule")),
        ("qwen2.5-plus-1127", (False, "family rule")),
        ("qwen3-235b-a22b-instruct-2507", (True, "family rule")),
        ("qwq-32b", (True, "family rule")),
        ("mistral-medium-2508", (False, "family rule")),
        ("mistral-large-3", (True, "family rule")),
        ("yi-lightning", (False, "family rule")),
        ("yi-1.5-34b-chat", (True, "family rule")),
        ("glm-4-plus-0111", (False, "family rule")),
        ("glm-4.6", (True, "family rule")),
        ("RWKV-4-Raven-14B", (True, "family rule")),  # rules read the lower-case key
        ("llama-4-maverick-03-26-experimental", (None, "unknown")),
        ("grok-2-2024-08-13", (None, "unknown")),
        ("grok-4.1-thinking", (False, "family rule")),
        ("ernie-5.0-preview-1103", (None, "unknown")),
        ("hunyuan-turbos-20250416", (None, "unknown")),
    ],
)
def test_classify_by_hand(key: str, expected: tuple[object, str]) -> None:
    assert _kind(key) == expected


def test_classify_keeps_each_key_once_and_names_the_model() -> None:
    out = arena.classify(["deepseek-r1", "deepseek-r1", "mercury"], MODELS)
    assert list(out["model_key"]) == ["deepseek-r1", "mercury"]
    assert out.loc[0, "model"] == "DeepSeek-R1"
    assert pd.isna(out.loc[1, "model"]) and out.loc[1, "reason"] == "no family rule matches"


def test_every_mapped_model_is_in_models_csv() -> None:
    from analysis.data.datasets import load

    known = set(load("models")["model"])
    assert set(arena.KEY_MODEL.values()) <= known


def _snap(snapshot: str, rows: list[tuple[str, float, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(snapshot, k, r, lo, hi) for k, r, lo, hi in rows],
        columns=["snapshot", "model_key", "rating", "rating_q025", "rating_q975"],
    )


SNAPS = pd.concat(
    [
        # later snapshot first: the output must come out oldest first
        _snap(
            "bbbbbbb", [("claude-x", 1400.0, 1395.0, 1405.0), ("hunyuan-y", 1390.0, 1380.0, 1399.0)]
        ),
        _snap(
            "aaaaaaa",
            [
                ("gpt-5-high", 1300.0, 1290.0, 1310.0),
                ("hunyuan-turbo-0110", 1295.0, 1280.0, 1305.0),
                ("claude-3-opus-20240229", 1280.0, 1275.0, 1285.0),
                ("deepseek-r1", 1270.0, 1262.0, 1291.0),
                ("qwq-32b", 1250.0, 1240.0, 1260.0),
            ],
        ),
    ],
    ignore_index=True,
)
DATES = pd.DataFrame(
    {"snapshot": ["aaaaaaa", "bbbbbbb"], "no_earlier_than": ["2025-03-26", "2025-12-02"]}
)


def test_frontier_by_hand() -> None:
    out = arena.frontier(SNAPS, DATES, MODELS, top=2)
    assert list(out["snapshot"]) == ["aaaaaaa", "bbbbbbb"]
    a = out.iloc[0]
    assert (a["closed_key"], a["open_key"]) == ("gpt-5-high", "deepseek-r1")
    assert a["gap_elo"] == pytest.approx(30.0)  # 1300 - 1270
    assert bool(a["overlap"])  # open's upper end 1291 reaches closed's lower end 1290
    # top 2: gpt-5-high (closed), hunyuan-turbo-0110 (unknown): no open model
    assert a["open_share_top"] == 0.0 and a["unknown_top"] == 1
    assert a["unknown_above_open"] == 1  # hunyuan at 1295 sits above deepseek-r1's 1270
    assert (a["models"], a["unknown"]) == (5, 1)


def test_frontier_with_wider_top_counts_open_share() -> None:
    a = arena.frontier(SNAPS, DATES, MODELS, top=4).iloc[0]
    assert a["open_share_top"] == pytest.approx(0.25)  # deepseek-r1 is 4th of 4


def test_no_overlap_when_intervals_are_apart() -> None:
    snaps = SNAPS.assign(
        rating_q975=SNAPS["rating_q975"].where(SNAPS["model_key"] != "deepseek-r1", 1289.9)
    )
    assert not bool(arena.frontier(snaps, DATES, MODELS).iloc[0]["overlap"])


def test_snapshot_without_an_open_model_leaves_the_open_side_empty() -> None:
    b = arena.frontier(SNAPS, DATES, MODELS).iloc[1]
    assert b["closed_key"] == "claude-x" and b["closed_rating"] == 1400.0
    assert pd.isna(b["open_key"]) and pd.isna(b["gap_elo"]) and pd.isna(b["overlap"])
    assert b["unknown_above_open"] == 1  # with no open model, every unknown one counts


def test_snapshot_without_a_date_is_an_error() -> None:
    with pytest.raises(ValueError, match="without a date"):
        arena.frontier(SNAPS, DATES.iloc[:1], MODELS)


def test_gap_is_closed_minus_open_on_the_shipped_data() -> None:
    from analysis.data.datasets import load

    out = arena.frontier(load("arena_snapshots"), load("arena_snapshot_dates"), load("models"))
    assert len(out) == 4 and out["no_earlier_than"].is_monotonic_increasing
    diff = (out["closed_rating"] - out["open_rating"]).astype(float)
    assert out["gap_elo"].astype(float).round(6).tolist() == diff.round(1).round(6).tolist()
    assert (out["closed_rating"] > out["open_rating"]).all()


def test_basis_counts_add_up_to_the_snapshot() -> None:
    counts = arena.basis_counts(SNAPS, MODELS).set_index("snapshot")
    assert counts.loc["aaaaaaa"].to_dict() == {"models.csv": 1, "family rule": 3, "unknown": 1}
    assert counts.sum(axis=1).to_dict() == {"aaaaaaa": 5, "bbbbbbb": 2}


def test_models_csv_only_treats_family_rule_keys_as_unknown() -> None:
    a = arena.frontier(SNAPS, DATES, MODELS, models_csv_only=True).iloc[0]
    # only deepseek-r1 is in MODELS: no closed side, and the four family-rule/unknown keys above it
    assert pd.isna(a["closed_key"]) and a["open_key"] == "deepseek-r1"
    assert a["unknown_above_open"] == 3 and a["unknown"] == 4
