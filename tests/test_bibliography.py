"""The bibliography: one entry per work, keys that say what they are, chapters cite them."""

from __future__ import annotations

import re
from pathlib import Path

import sources_bib

ROOT = Path(__file__).resolve().parents[1]
KEY = re.compile(r"^[a-z0-9]+-(\d{4}|nd)-[a-z0-9-]+$")


def _entries(text: str) -> dict[str, str]:
    return {
        m.group(1): m.group(2)
        for m in re.finditer(r"^@\w+\{([^,\s]+),\n(.*?)^\}", text, re.MULTILINE | re.DOTALL)
    }


def _all_entries() -> dict[str, str]:
    generated = sources_bib.bibtex(sources_bib.sources_rows(), sources_bib.hand_written_keys())
    hand = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    a, b = _entries(generated), _entries(hand)
    assert not set(a) & set(b), "a hand-written entry must replace the generated one"
    return a | b


def test_keys_are_publisher_year_topic_and_unique():
    rows = sources_bib.sources_rows()
    mapping = sources_bib.key_for(rows)
    assert set(mapping) == {r["source_id"].strip() for r in rows}
    for key in set(mapping.values()) | set(_all_entries()):
        assert KEY.match(key), key
    assert sources_bib.bib_key(
        {"publisher": "NVIDIA Corporation via GlobeNewswire (GISCafe copy)",
         "date_published": "2022-05-25",
         "title": "NVIDIA Announces Financial Results for First Quarter Fiscal 2023"}
    ) == "nvidia-2022-financial-results-first-quarter"  # fmt: skip


def test_keys_do_not_depend_on_row_order():
    rows = sources_bib.sources_rows()
    assert sources_bib.key_for(rows) == sources_bib.key_for(list(reversed(rows)))


def test_each_work_is_listed_once_without_latex_escapes():
    entries = _all_entries()
    urls = [
        re.search(r"url = \{([^}]*)\}", body).group(1).rstrip("/").lower()
        for body in entries.values()
        if "url = {" in body
    ]
    assert len(urls) == len(set(urls)), "two entries for one address"
    titles = [re.search(r"title = \{(.*)\},?$", b, re.MULTILINE).group(1) for b in entries.values()]
    assert sum("Linux Moment" in t for t in titles) == 1  # Teng's essay, once
    for key, body in entries.items():
        assert "\\$" not in body and "\\&" not in body and "\\_" not in body, key
        text = re.sub(r"^  url = .*$", "", body, flags=re.MULTILINE)  # an address keeps its %XX
        assert not re.search(r"(?<!\\)%", text), key  # a bare % would end the field


def test_essays_have_authors_and_their_original_addresses():
    entries = _all_entries()
    a16z = entries["a16z-2023-who-owns-generative-ai"]
    assert "Bornstein, Matt" in a16z and "a16z.com/2023/01/19/who-owns" in a16z
    teng = entries["teng-2023-ai-linux-moment-open"]
    assert "Teng, Janelle" in teng and "nextbigteng.substack.com/i/126929430" in teng


def test_every_cited_key_exists():
    entries = _all_entries()
    for path in sorted((ROOT / "book").glob("*.md")):
        for keys in re.findall(r"\{cite[a-z:]*\}`([^`]*)`", path.read_text(encoding="utf-8")):
            for key in keys.split(","):
                assert key.strip() in entries, f"{path.name}: {key}"


def test_built_bibliography_prints_no_backslashes(site: Path):
    text = (site / "book" / "bibliography.html").read_text(encoding="utf-8")
    assert "\\$" not in text and "\\%" not in text and "\\textasciitilde" not in text
    assert "90%* chatgpt quality" in text.lower()
    assert text.lower().count("linux moment") == 1


def test_built_labels_are_the_keys(site: Path):
    text = (site / "book" / "bibliography.html").read_text(encoding="utf-8")
    labels = re.findall(r'<span class="label"><span class="fn-bracket">\[</span>([^<]*)<', text)
    assert labels and all(KEY.match(label) for label in labels), labels[:5]
    assert labels == sorted(labels)


def test_rename_cites_maps_source_ids_and_old_keys():
    text = "a {cite}`essay-teng` b {cite:p}`ref-a16z-llmflation,a16z2023who` c `essay-teng`"
    mapping = {**sources_bib.key_for(), **sources_bib.LEGACY_KEYS}
    assert sources_bib.rename_cites(text, mapping) == (
        "a {cite}`teng-2023-ai-linux-moment-open` b "
        "{cite:p}`a16z-2024-welcome-llmflation-llm-inference,a16z-2023-who-owns-generative-ai` "
        "c `essay-teng`"
    )
