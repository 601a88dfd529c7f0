"""Sphinx extension: every data source as a BibTeX entry, so chapters can ``{cite}`` it.

At ``config-inited`` (before sphinxcontrib-bibtex reads its files) writes
``book/sources.bib`` from the sources table (``analysis/data/sources/*.csv``).

- **One entry per work.** Several ``source_id`` rows may name the same page (the
  essays are cited by three dataset groups); they share one entry.
- **Keys that say what they are**: ``publisher-year-topic`` (for example
  ``a16z-2023-who-owns-generative-ai``), derived from the row's publisher, its
  date and its title by :func:`bib_key`. The derivation is deterministic and a
  clash gets ``-b``, ``-c``, ... in ``source_id`` order, so a key never changes
  unless its row does. :func:`key_for` maps a ``source_id`` to its key.
- **Authors and full dates** come from the row's ``author`` column when the
  table has one. Until then, ``book/references.bib`` may hold a fuller entry
  under the same key (authors, the original address); it replaces the
  generated one, so a work is listed once.
- Text is written as pybtex reads it for HTML: only ``%`` and ``~`` are escaped
  (``\\$`` would print as a backslash and a dollar).

The file is rewritten only when it changed. Run this module as a script to
regenerate it without a build, as ``python sources_bib.py keys`` to print
``source_id -> key``, or as ``python sources_bib.py rename book/*.md`` to
rewrite every ``{cite}`` of a ``source_id`` to its key (then ``make sync``).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "book" / "sources.bib"
REFERENCES = ROOT / "book" / "references.bib"

# Short names readers know a publisher by (the publisher's first word otherwise).
PUBLISHER_ALIASES = {
    "andreessen horowitz": "a16z",
    "next big teng": "teng",
    "the information": "theinformation",
    "the new york times": "nyt",
    "the wall street journal": "wsj",
    "financial times": "ft",
    "the verge": "verge",
    "the motley fool": "fool",
    "microsoft investor relations": "microsoft",
    "nvidia corporation": "nvidia",
}
_GENERIC = {
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "how", "in",
    "into", "is", "it", "its", "of", "on", "or", "our", "s", "the", "this", "to", "vs",
    "was", "what", "with", "announces", "announced", "new", "inc", "corporation",
    "corp", "ltd", "llc", "co", "copy", "md", "html", "page", "report",
}  # fmt: skip
_CORPORATE = {"investor", "relations", "newsroom", "corporation", "inc", "blog", "news", "team"}
TOPIC_WORDS = 4
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
_BIBTEX_SPECIAL = re.compile(r"[{}]")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def publisher_slug(publisher: str) -> str:
    """``"NVIDIA Corporation via GlobeNewswire (GISCafe copy)"`` -> ``"nvidia"``."""
    name = re.split(r"\s+via\s+|\s*[(;,]", publisher.strip(), maxsplit=1)[0]
    name = _ascii(name).strip()
    for full, alias in PUBLISHER_ALIASES.items():
        if name.startswith(full):
            return alias
    words = [w for w in re.findall(r"[a-z0-9]+", name) if w not in {"the"}]
    if len(words) > 1 and len(words[0]) <= 3 and words[1] not in _CORPORATE:
        return words[0] + words[1]  # "AI Wiki" -> aiwiki, "Los Angeles Times" -> losangeles
    return words[0] if words else "anon"


def topic_slug(title: str, publisher: str, n: int = TOPIC_WORDS) -> str:
    """The title's first ``n`` telling words (no stop words, no publisher name)."""
    skip = _GENERIC | set(re.findall(r"[a-z0-9]+", _ascii(publisher)))
    words = [w for w in re.findall(r"[a-z0-9]+", _ascii(title)) if w not in skip]
    return "-".join(words[:n]) or "untitled"


def bib_key(row: dict[str, str]) -> str:
    """``publisher-year-topic`` for one row of the sources table (before de-duplication)."""
    publisher = (row.get("publisher") or "").strip()
    year = (row.get("date_published") or "").strip()[:4] or "nd"
    return f"{publisher_slug(publisher)}-{year}-{topic_slug(row.get('title') or '', publisher)}"


def sources_rows(root: Path = ROOT) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted((root / "analysis" / "data" / "sources").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows += list(csv.DictReader(fh))
    return [r for r in rows if (r.get("source_id") or "").strip()]


def _work(row: dict[str, str]) -> str:
    """What makes two rows one work: the page's address (or, without one, its title)."""
    url = (row.get("url") or "").strip().rstrip("/").lower()
    url = re.sub(r"^https?://(www\.)?", "", url)
    return url or _ascii(row.get("title") or row["source_id"])


_GRADE_ORDER = {"primary": 0, "outlet": 1, "internal_docs": 2, "estimate": 3, "aggregator": 4}


def works(rows: list[dict[str, str]]) -> dict[str, tuple[dict[str, str], list[str]]]:
    """key -> (the row that describes the work, every source_id naming it)."""
    groups: dict[str, list[dict[str, str]]] = {}
    for r in sorted(rows, key=lambda r: r["source_id"].strip()):
        groups.setdefault(_work(r), []).append(r)
    out: dict[str, tuple[dict[str, str], list[str]]] = {}
    taken: set[str] = set()
    # keys are handed out in the order of each work's first source_id
    for members in sorted(groups.values(), key=lambda m: m[0]["source_id"].strip()):
        lead = min(
            members,
            key=lambda r: (_GRADE_ORDER.get((r.get("grade") or "").strip(), 9), r["source_id"]),
        )
        base = bib_key(lead)
        key, n = base, 1
        while key in taken:
            n += 1
            key = f"{base}-{chr(ord('a') + n - 1)}"
        taken.add(key)
        out[key] = (lead, [r["source_id"].strip() for r in members])
    return out


def key_for(rows: list[dict[str, str]] | None = None) -> dict[str, str]:
    """``source_id`` -> its bibliography key."""
    table = works(sources_rows() if rows is None else rows)
    return {sid: key for key, (_, ids) in table.items() for sid in ids}


def _text(text: str) -> str:
    """BibTeX text as pybtex reads it for HTML: braces replaced (kept balanced), ``%``
    (a comment) and ``~`` (a space) escaped, and nothing else (``\\$`` prints a backslash)."""
    text = _BIBTEX_SPECIAL.sub(lambda m: "(" if m.group() == "{" else ")", text.strip())
    return text.replace("\\", "/").replace("%", "\\%").replace("~", "\\textasciitilde{}")


def hand_written_keys(path: Path = REFERENCES) -> set[str]:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return set(re.findall(r"^@\w+\{([^,\s]+),", text, re.MULTILINE))


def bibtex(rows: list[dict[str, str]], skip: set[str] | frozenset = frozenset()) -> str:
    out = [
        "% Generated from analysis/data/sources/*.csv by book/_ext/sources_bib.py: do not edit.\n"
        "% Keys: publisher-year-topic. A fuller entry under the same key in references.bib\n"
        "% replaces the generated one.\n"
    ]
    for key, (r, ids) in sorted(works(rows).items()):
        if key in skip:
            continue
        grade = (r.get("grade") or "").strip()
        date = (r.get("date_published") or "").strip()
        fields = {
            "author": _text(r.get("author") or ""),
            "title": "{" + _text(r.get("title") or key) + "}",
            "organization": _text(r.get("publisher") or ""),
            "date": date,
            "year": date[:4],
            "month": MONTHS[int(date[5:7]) - 1] if len(date) >= 7 else "",
            "urldate": (r.get("date_accessed") or "").strip(),
            "url": (r.get("url") or "").strip(),
            "note": _text(f"Source grade: {grade}. Sources table: {', '.join(ids)}"),
        }
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v and v != "{}")
        out.append(f"@online{{{key},\n{body},\n}}\n")
    return "\n".join(out)


def write(root: Path = ROOT, target: Path = TARGET, references: Path = REFERENCES) -> bool:
    """Write ``target`` if its content changed; return whether it did."""
    text = bibtex(sources_rows(root), hand_written_keys(references))
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True


def _config_inited(app: Any, config: Any) -> None:
    write()


def register_styles() -> None:
    """pybtex styles for the bibliography: ``[key]`` labels, entries in key order,
    titles as their publishers wrote them, then publisher and date, note and address."""
    from pybtex.plugin import register_plugin
    from pybtex.style.formatting import toplevel
    from pybtex.style.formatting.unsrt import Style as Unsrt
    from pybtex.style.formatting.unsrt import date
    from pybtex.style.labels import BaseLabelStyle
    from pybtex.style.sorting import BaseSortingStyle
    from pybtex.style.template import field, optional, sentence

    class KeyLabels(BaseLabelStyle):
        def format_labels(self, sorted_entries):
            for entry in sorted_entries:
                yield entry.key

    class KeyOrder(BaseSortingStyle):
        def sorting_key(self, entry):
            return entry.key

    class BookStyle(Unsrt):
        default_label_style = "gai-key"
        default_sorting_style = "gai-key"

        def format_title(self, e, which_field, as_sentence=True):
            title = field(which_field)  # no sentence case: "AI's Linux Moment", not "linux moment"
            return sentence[title] if as_sentence else title

        def get_online_template(self, e):
            return toplevel[
                optional[sentence[self.format_names("author")]],
                self.format_title(e, "title"),
                sentence[optional[field("organization")], optional[date]],
                optional[sentence[field("note")]],
                self.format_web_refs(e),
            ]

        get_misc_template = get_online_template

    for kind, name, plugin in (
        ("pybtex.style.labels", "gai-key", KeyLabels),
        ("pybtex.style.sorting", "gai-key", KeyOrder),
        ("pybtex.style.formatting", "gai", BookStyle),
    ):
        try:
            register_plugin(kind, name, plugin)
        except Exception:  # already registered (a second build in one process)
            pass


def setup(app: Any) -> dict[str, Any]:
    register_styles()
    # Before sphinxcontrib-bibtex's own config-inited handler reads the files.
    app.connect("config-inited", _config_inited, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}


LEGACY_KEYS = {  # keys of the hand-written entries before issue 21
    "a16z2023who": "a16z-2023-who-owns-generative-ai",
    "teng2023linux": "teng-2023-ai-linux-moment-open",
    "apps2024llmflation": "a16z-2024-welcome-llmflation-llm-inference",
    "apps2025epochprices": "epoch-2025-llm-inference-prices-have",
    "apps2025aiindex": "aicerts-2025-ai-inference-280x-slide",
    "apps2025gundlach": "arxiv-2026-price-progress-price-performance",
    "models_lmsys2023vicuna": "lmsys-2023-vicuna-open-source-chatbot",
}
_CITE = re.compile(r"(\{cite[a-z:]*\}`)([^`]*)(`)")


def rename_cites(text: str, mapping: dict[str, str]) -> str:
    """Every ``{cite}`` key that is a ``source_id`` (or an old key) -> its bibliography key."""

    def one(match: re.Match) -> str:
        keys = [k.strip() for k in match.group(2).split(",")]
        new = list(dict.fromkeys(mapping.get(k, k) for k in keys))
        return match.group(1) + ",".join(new) + match.group(3)

    return _CITE.sub(one, text)


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["rename"]:  # python sources_bib.py rename book/*.md
        mapping = {**key_for(), **LEGACY_KEYS}
        for name in sys.argv[2:]:
            path = Path(name)
            text = path.read_text(encoding="utf-8")
            new = rename_cites(text, mapping)
            if new != text:
                path.write_text(new, encoding="utf-8")
                print("renamed cites in", path)
    elif sys.argv[1:] == ["keys"]:
        for sid, key in sorted(key_for().items()):
            print(f"{sid}\t{key}")
    else:
        print("wrote" if write() else "unchanged", TARGET)
