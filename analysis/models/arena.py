"""The Arena frontier per snapshot: best closed vs best open-weights model, with intervals.

Input: ``arena_snapshots`` (one row per model of LMArena's overall "full"
category per snapshot, ``rating``, ``rating_q025``, ``rating_q975`` in Elo
points), ``arena_snapshot_dates`` (each snapshot's earliest date) and
``models`` (for ``open_weights``). Each snapshot is taken whole: every model in
it is classified, and what the classification rests on is counted.

Whether a model key has open weights comes from, in this order:

1. ``models.csv``, when :data:`KEY_MODEL` maps the key to a model there;
2. the key-family rule :data:`FAMILY_RULES` (first matching pattern wins);
3. otherwise it stays unknown (``<NA>``): it is counted, never guessed.

Ratings of different snapshots are separate fits on their own scales: compare
the best closed and best open model *within* a snapshot (the gap in Elo
points), not rating levels across snapshots.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from analysis.data.checks import require_columns

KEY_MODEL: dict[str, str] = {
    **dict.fromkeys(("gpt-3.5-turbo-0125", "gpt-3.5-turbo-0314"), "GPT-3.5 Turbo"),
    **dict.fromkeys(("gpt-3.5-turbo-0613", "gpt-3.5-turbo-1106"), "GPT-3.5 Turbo"),
    **dict.fromkeys(("gpt-4-0314", "gpt-4-0613"), "GPT-4"),
    **dict.fromkeys(
        ("gpt-4-1106-preview", "gpt-4-0125-preview", "gpt-4-turbo-2024-04-09"), "GPT-4 Turbo"
    ),
    **dict.fromkeys(("gpt-4o-2024-05-13", "gpt-4o-2024-08-06"), "GPT-4o"),
    "gpt-4o-mini-2024-07-18": "GPT-4o mini",
    "o1-mini": "o1-mini",
    "o1-2024-12-17": "o1",
    "o3-mini": "o3-mini",
    "gpt-4.5-preview-2025-02-27": "GPT-4.5",
    "gpt-4.1-2025-04-14": "GPT-4.1",
    "gpt-4.1-mini-2025-04-14": "GPT-4.1 mini",
    "gpt-4.1-nano-2025-04-14": "GPT-4.1 nano",
    "o3-2025-04-16": "o3",
    "o4-mini-2025-04-16": "o4-mini",
    "gpt-oss-120b": "gpt-oss-120b",
    "gpt-oss-20b": "gpt-oss-20b",
    "gpt-5-high": "GPT-5",
    "gpt-5-nano-high": "GPT-5 nano",
    "claude-1": "Claude 1",
    "claude-instant-1": "Claude Instant 1",
    "claude-2.0": "Claude 2",
    "claude-2.1": "Claude 2.1",
    "claude-3-opus-20240229": "Claude 3 Opus",
    "claude-3-sonnet-20240229": "Claude 3 Sonnet",
    "claude-3-haiku-20240307": "Claude 3 Haiku",
    "claude-3-5-sonnet-20240620": "Claude 3.5 Sonnet",
    "claude-opus-4-20250514": "Claude Opus 4",
    "claude-sonnet-4-20250514": "Claude Sonnet 4",
    "claude-haiku-4-5-20251001": "Claude Haiku 4.5",
    "palm-2": "PaLM 2",
    **dict.fromkeys(("gemini-pro", "gemini-pro-dev-api"), "Gemini 1.0 Pro"),
    **dict.fromkeys(("gemini-1.5-pro-001", "gemini-1.5-pro-002"), "Gemini 1.5 Pro"),
    **dict.fromkeys(("gemini-1.5-flash-001", "gemini-1.5-flash-002"), "Gemini 1.5 Flash"),
    "gemini-2.0-flash-001": "Gemini 2.0 Flash",
    **dict.fromkeys(("gemini-2.5-pro-exp-03-25", "gemini-2.5-pro"), "Gemini 2.5 Pro"),
    "gemini-2.5-flash": "Gemini 2.5 Flash",
    "gemini-3-pro": "Gemini 3 Pro",
    "gemma-2b-it": "Gemma 2B",
    "gemma-7b-it": "Gemma 7B",
    "llama-2-7b-chat": "Llama 2 7B",
    "llama-2-13b-chat": "Llama 2 13B",
    "llama-2-70b-chat": "Llama 2 70B",
    "llama-3-8b-instruct": "Llama 3 8B",
    "llama-3-70b-instruct": "Llama 3 70B",
    "llama-3.1-8b-instruct": "Llama 3.1 8B",
    "llama-3.1-70b-instruct": "Llama 3.1 70B",
    **dict.fromkeys(
        ("llama-3.1-405b-instruct-bf16", "llama-3.1-405b-instruct-fp8"), "Llama 3.1 405B"
    ),
    "llama-4-scout-17b-16e-instruct": "Llama 4 Scout",
    "llama-4-maverick-17b-128e-instruct": "Llama 4 Maverick",
    "mistral-7b-instruct": "Mistral 7B",
    "mixtral-8x7b-instruct-v0.1": "Mixtral 8x7B",
    "mistral-large-2402": "Mistral Large",
    "mistral-large-2407": "Mistral Large 2",
    "qwen1.5-7b-chat": "Qwen1.5-7B",
    "qwen1.5-14b-chat": "Qwen1.5-14B",
    "qwen1.5-32b-chat": "Qwen1.5-32B",
    "qwen1.5-72b-chat": "Qwen1.5-72B",
    "qwen1.5-110b-chat": "Qwen1.5-110B",
    "qwen2-72b-instruct": "Qwen2-72B",
    "qwen2.5-72b-instruct": "Qwen2.5-72B",
    "qwen3-235b-a22b": "Qwen3-235B-A22B",
    "qwen3-30b-a3b": "Qwen3-30B-A3B",
    "deepseek-v3": "DeepSeek-V3",
    "deepseek-r1": "DeepSeek-R1",
    "deepseek-v3-0324": "DeepSeek-V3-0324",
    "deepseek-v3.1-terminus": "DeepSeek-V3.1-Terminus",
    "deepseek-v3.2-exp": "DeepSeek-V3.2-Exp",
    "kimi-k2-0711-preview": "Kimi K2",
    "yi-34b-chat": "Yi-34B",
    "falcon-180b-chat": "Falcon-180B",
    "dbrx-instruct-preview": "DBRX",
    "command-r": "Command R",
    "phi-3-mini-4k-instruct": "Phi-3-mini",
    "vicuna-13b": "Vicuna-13B",
    "vicuna-33b": "Vicuna-33B",
}
"""LMArena model key -> model name in ``models.csv`` (the same model, or its API snapshot)."""

_COMMUNITY_OPEN = (
    "vicuna|alpaca|koala|dolly|oasst|fastchat|stablelm|rwkv|mpt-|gpt4all|guanaco|wizardlm"
    "|openchat|openhermes|starling|zephyr|tulu|nous-hermes|solar|stripedhyena|falcon|smollm"
    "|internlm|dbrx|snowflake-arctic|jamba|granite|nemotron|athene|dolphin|olmo|kimi-k2"
    "|minimax-m"
)

FAMILY_RULES: tuple[tuple[str, bool | None, str], ...] = (
    # Exceptions first: keys whose family says one thing and the key another.
    (
        r"^llama-4-maverick-03-26-experimental$",
        None,
        "experimental chat variant, not the released weights",
    ),
    (r"^grok-2", None, "weights of a Grok 2 model were published later; not matched to this key"),
    (r"^(gpt-oss|gpt4all)", True, "open-weights release"),
    (r"^(gpt-|chatgpt-|o1|o3|o4)", False, "OpenAI API model"),
    (r"^claude", False, "Anthropic API model"),
    (r"^(gemini|palm)", False, "Google API model"),
    (r"^(grok|early-grok)", False, "xAI API model"),
    (r"^qwen.*(max|plus)", False, "Qwen API-only model (Max / Plus)"),
    (r"^(qwen|qwq)", True, "Qwen open-weights release"),
    (r"^deepseek", True, "DeepSeek open-weights release"),
    (r"^gemma", True, "Google Gemma open-weights release"),
    (r"^(llama|codellama|nvidia-llama)", True, "Llama open weights or a fine-tune of them"),
    (r"^(mistral-(medium|next|large-2402)|magistral-medium)", False, "Mistral API-only model"),
    (r"^(mistral|mixtral|ministral)", True, "Mistral open-weights release"),
    (r"^phi-", True, "Microsoft Phi open-weights release"),
    (r"^yi-(large|lightning)", False, "01.AI API model"),
    (r"^yi-", True, "01.AI open-weights release"),
    (r"^glm-4-(0116|0520|plus)", False, "Zhipu API model"),
    (r"^(glm|chatglm)", True, "Zhipu open-weights release"),
    (r"^(command-r|command-a|c4ai-aya)", True, "Cohere open weights (non-commercial licence)"),
    (rf"^({_COMMUNITY_OPEN})", True, "open-weights model"),
    (r"^(amazon-nova|nova-|reka|pplx|mai-1|step-2|step-1o)", False, "API-only model"),
)
"""Key-family rule: (regular expression on the lower-case key, open weights, why).
``None`` = unknown. Anything no pattern matches is unknown too."""

SNAPSHOT_COLUMNS = ("snapshot", "model_key", "rating", "rating_q025", "rating_q975")
DATE_COLUMNS = ("snapshot", "no_earlier_than")


def classify(keys: Iterable[str], models: pd.DataFrame) -> pd.DataFrame:
    """Open weights of each key: ``model_key``, ``model`` (in models.csv, or <NA>),
    ``open_weights`` (boolean, <NA> = unknown), ``basis`` (``models.csv`` |
    ``family rule`` | ``unknown``) and ``reason``."""
    require_columns(models, ("model", "open_weights"), "models")
    known = models.set_index("model")["open_weights"]
    rows = []
    for key in dict.fromkeys(keys):
        model = KEY_MODEL.get(key)
        if model is not None and model in known.index and pd.notna(known[model]):
            rows.append((key, model, bool(known[model]), "models.csv", f"models.csv row {model!r}"))
            continue
        rule = next((r for r in FAMILY_RULES if re.search(r[0], key.lower())), None)
        if rule is None or rule[1] is None:
            reason = rule[2] if rule else "no family rule matches"
            rows.append((key, pd.NA, pd.NA, "unknown", reason))
        else:
            rows.append((key, pd.NA, rule[1], "family rule", rule[2]))
    out = pd.DataFrame(rows, columns=["model_key", "model", "open_weights", "basis", "reason"])
    return out.astype({"open_weights": "boolean"})


def _best(frame: pd.DataFrame) -> pd.Series | None:
    if frame.empty:
        return None
    return frame.sort_values(["rating", "model_key"], ascending=[False, True]).iloc[0]


def frontier(
    snapshots: pd.DataFrame,
    dates: pd.DataFrame,
    models: pd.DataFrame,
    *,
    top: int = 10,
    models_csv_only: bool = False,
) -> pd.DataFrame:
    """One row per snapshot, oldest first: the best closed and best open-weights model.

    Columns: ``snapshot``, ``no_earlier_than``; for ``closed`` and ``open``:
    ``<side>_key``, ``<side>_rating``, ``<side>_q025``, ``<side>_q975`` (Elo
    points); ``gap_elo`` (best closed minus best open, Elo points, to 0.1 like the ratings);
    ``overlap`` (the two 95% intervals overlap: the gap is not resolved);
    ``open_share_top`` (fraction 0-1 of the ``top`` highest-rated models that
    are open weights; unknown ones count as not open) and ``unknown_top``
    (how many of them are unknown); ``unknown_above_open`` (models of unknown
    openness rated above the best open one); ``models`` and ``unknown``
    (counts in the snapshot). Ties in rating are broken by key.

    ``models_csv_only=True`` is the sensitivity check: keys classified only by the
    family rule count as unknown, so every side rests on a sourced models.csv row.
    """
    require_columns(snapshots, SNAPSHOT_COLUMNS, "arena_snapshots")
    require_columns(dates, DATE_COLUMNS, "arena_snapshot_dates")
    missing = sorted(set(snapshots["snapshot"]) - set(dates["snapshot"]))
    if missing:
        raise ValueError(f"arena snapshots without a date: {missing}")
    classes = classify(snapshots["model_key"], models).set_index("model_key")
    kinds = classes["open_weights"]
    if models_csv_only:
        kinds = kinds.where(classes["basis"] == "models.csv")
    rows = []
    for snap, group in snapshots.groupby("snapshot", sort=False):
        g = group.assign(open_weights=group["model_key"].map(kinds).astype("boolean"))
        closed, open_ = _best(g[g["open_weights"] == False]), _best(g[g["open_weights"] == True])  # noqa: E712
        ranked = g.sort_values(["rating", "model_key"], ascending=[False, True]).head(top)
        row = {"snapshot": snap, "models": len(g), "unknown": int(g["open_weights"].isna().sum())}
        for side, best in (("closed", closed), ("open", open_)):
            for col, src in (
                ("key", "model_key"),
                ("rating", "rating"),
                ("q025", "rating_q025"),
                ("q975", "rating_q975"),
            ):
                row[f"{side}_{col}"] = best[src] if best is not None else pd.NA
        both = closed is not None and open_ is not None
        row["gap_elo"] = round(closed["rating"] - open_["rating"], 1) if both else pd.NA
        row["overlap"] = (
            bool(
                open_["rating_q975"] >= closed["rating_q025"]
                and closed["rating_q975"] >= open_["rating_q025"]
            )
            if both
            else pd.NA
        )
        row["open_share_top"] = float((ranked["open_weights"] == True).sum()) / len(ranked)  # noqa: E712
        row["unknown_top"] = int(ranked["open_weights"].isna().sum())
        above = (
            g["rating"] > open_["rating"] if open_ is not None else pd.Series(True, index=g.index)
        )
        row["unknown_above_open"] = int((g["open_weights"].isna() & above).sum())
        rows.append(row)
    out = pd.DataFrame(rows).merge(dates[list(DATE_COLUMNS)], on="snapshot", how="left")
    out["no_earlier_than"] = pd.to_datetime(out["no_earlier_than"])
    return out.sort_values("no_earlier_than", kind="stable").reset_index(drop=True)


def basis_counts(snapshots: pd.DataFrame, models: pd.DataFrame) -> pd.DataFrame:
    """How many models of each snapshot rest on each basis (models.csv, family rule, unknown)."""
    require_columns(snapshots, SNAPSHOT_COLUMNS, "arena_snapshots")
    kinds = classify(snapshots["model_key"], models).set_index("model_key")["basis"]
    basis = snapshots["model_key"].map(kinds)
    return (
        pd.crosstab(snapshots["snapshot"], basis)
        .reindex(columns=["models.csv", "family rule", "unknown"], fill_value=0)
        .rename_axis(columns=None)
        .reset_index()
    )
