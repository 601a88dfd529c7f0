"""Icon fonts cut down to the glyphs the site's stylesheet can show.

The theme draws its icons with Font Awesome: three faces, 300 KB as WOFF2
(the solid face alone, which every page loads, is 156 KB), for the 2,000
icons of the font. The pruned stylesheet (``unused_css.py``) names about two
dozen of them. Each icon is one character, set by a ``content`` declaration
(``.fa-sun:before{content:"\\f185"}``) or by a custom property the theme
passes to one (``--pst-icon-download:"\\f019"``).

:func:`cut_icon_fonts` reads those characters from a stylesheet, writes each
icon font its ``@font-face`` rules name as a subset holding only them (under
``_static/gai-icons/``, named by a digest of the font, the characters, this
module and the fontTools version, so an unchanged build reuses it), and points the
rules at the subsets. The theme's own font files stay where they are, unread.

A glyph the stylesheet does not name cannot be shown by it, so nothing a
reader sees changes: tests/test_unused_css.py compares every page, pixel
for pixel, with the shipped stylesheet and fonts and with the theme's full
ones.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2

ICON_FAMILIES = ("Font Awesome",)  # @font-face families cut to the glyphs in use
FOLDER = "gai-icons"  # under _static
# FreeType's auto-hinter (Chromium on Linux) hints an unhinted font such as
# Font Awesome by script: it measures the Latin style on the font's Latin
# letters and digits, and gives a glyph the style of the characters that map
# to it (the chevron U+F104 is also U+2039, Latin punctuation). A subset keeps
# both, or its icons are drawn a fraction of a pixel apart from the full font's
# (measured: tests/test_unused_css.py compares the pages pixel for pixel).
HINTING_SAMPLES = frozenset(
    map(ord, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
)
_FLAVORS = {".woff2": "woff2", ".woff": "woff", ".ttf": None, ".otf": None}
# A CSS url() reference: group 1 its quote, group 2 the address (lean_pages.py uses it too).
CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")


def ref_path(ref: str) -> str:
    """A reference's path: without its ``?query`` and ``#fragment``."""
    return re.match(r"[^?#]*", ref).group(0)


def is_local(ref: str) -> bool:
    """Whether a reference is a relative path (no scheme, no //host, no /root, no #)."""
    return not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//|/|#)", ref, re.I)


def _declarations(rule) -> list:
    return [
        d
        for d in tinycss2.parse_blocks_contents(rule.content, skip_comments=True)
        if d.type == "declaration"
    ]


def _rules(css: str) -> Iterable:
    """Every rule of ``css``, grouping at-rules (``@media``...) opened."""
    todo = list(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    while todo:
        rule = todo.pop(0)
        if rule.type == "at-rule" and rule.lower_at_keyword != "font-face" and rule.content:
            todo[:0] = [
                r
                for r in tinycss2.parse_blocks_contents(rule.content, skip_comments=True)
                if r.type in ("qualified-rule", "at-rule")
            ]
        elif rule.type in ("qualified-rule", "at-rule") and rule.content is not None:
            yield rule


def _strings(tokens: list) -> Iterable[str]:
    for token in tokens:
        if token.type == "string":
            yield token.value
        elif token.type in ("function", "() block", "[] block", "{} block"):
            yield from _strings(token.arguments if token.type == "function" else token.content)


def icon_codepoints(css: str) -> frozenset[int]:
    """The characters an icon can be drawn with in ``css``: every one-character
    string of a ``content`` declaration or of a custom property (``--*``)."""
    out = set()
    for rule in _rules(css):
        if rule.type != "qualified-rule":
            continue
        for decl in _declarations(rule):
            if decl.lower_name == "content" or decl.name.startswith("--"):
                out.update(ord(s) for s in _strings(decl.value) if len(s) == 1)
    return frozenset(out)


def icon_font_urls(css: str) -> list[str]:
    """The ``url()`` references of every ``@font-face`` rule whose family is an icon font."""
    out = []
    for rule in _rules(css):
        if rule.type != "at-rule" or rule.lower_at_keyword != "font-face":
            continue
        decls = {d.lower_name: d.value for d in _declarations(rule)}
        family = tinycss2.serialize(decls.get("font-family", [])).replace("\\", "").strip("\"' ")
        if not family.startswith(ICON_FAMILIES):
            continue
        src = tinycss2.serialize(decls.get("src", []))
        out.extend(m.group(2).strip() for m in CSS_URL.finditer(src))
    return out


def subset_font(data: bytes, codepoints: Iterable[int], flavor: str | None) -> bytes:
    """The font ``data`` holding only the glyphs of ``codepoints``, saved as ``flavor``
    (``"woff2"``, ``"woff"`` or ``None`` for plain TrueType/OpenType).

    Kept with them, so the glyphs are hinted as in the full font: every other
    character that maps to one of those glyphs, and the font's Latin letters and
    digits (:data:`HINTING_SAMPLES`). Deterministic: the font's timestamps and
    bounding box are kept."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = flavor
    options.layout_features = ["*"]
    font = TTFont(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=False)
    cmap = font.getBestCmap()
    glyphs = {cmap[c] for c in codepoints if c in cmap}
    aliases = {c for c, glyph in cmap.items() if glyph in glyphs}
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(aliases | HINTING_SAMPLES))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = flavor
    font.save(out)
    return out.getvalue()


def cutter_digest() -> str:
    """A digest of how subsets are cut: this module and the fontTools version."""
    from fontTools import version

    return hashlib.sha256(Path(__file__).read_bytes() + b"\0" + version.encode()).hexdigest()


def cut_icon_fonts(css: str, static: Path) -> str:
    """``css`` (a stylesheet in ``static``) with its icon fonts replaced by subsets.

    Each local font file an icon ``@font-face`` names is written once as
    ``static/gai-icons/<name>-<digest>.<suffix>``, holding the glyphs of
    :func:`icon_codepoints`, and the stylesheet's references to it point there.
    References to missing files, remote files and unknown formats stay as they are.
    """
    codepoints = icon_codepoints(css)
    key = ",".join(map(str, sorted(codepoints))) + "\0" + cutter_digest()
    targets: dict[str, str] = {}
    for ref in icon_font_urls(css):
        rel = ref_path(ref)
        path = static / rel
        flavor = _FLAVORS.get(path.suffix.lower(), "unknown")
        if flavor == "unknown" or not is_local(rel) or not path.is_file():
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data + b"\0" + key.encode()).hexdigest()[:12]
        target = f"{FOLDER}/{path.stem}-{digest}{path.suffix}"
        if not (static / target).is_file():
            (static / FOLDER).mkdir(exist_ok=True)
            (static / target).write_bytes(subset_font(data, codepoints, flavor))
        targets[ref] = target

    def point(match: re.Match) -> str:
        quote, ref = match.group(1), match.group(2).strip()
        return f"url({quote}{targets[ref]}{quote})" if ref in targets else match.group(0)

    return CSS_URL.sub(point, css)


def fonts_are_cut(css: str, static: Path) -> bool:
    """Whether every icon font ``css`` names is a subset present in ``static``."""
    return all(
        ref.startswith(f"{FOLDER}/") and (static / ref_path(ref)).is_file()
        for ref in icon_font_urls(css)
    )


def remove_unused_subsets(static: Path, stylesheets: Iterable[str]) -> list[str]:
    """Delete the files of ``static/gai-icons`` that none of ``stylesheets`` names;
    return their names. Earlier builds' subsets would otherwise pile up."""
    folder = static / FOLDER
    if not folder.is_dir():
        return []
    named = {m.group(2).strip() for css in stylesheets for m in CSS_URL.finditer(css)}
    removed = []
    for path in sorted(folder.iterdir()):
        if f"{FOLDER}/{path.name}" not in named:
            path.unlink()
            removed.append(path.name)
    return removed
