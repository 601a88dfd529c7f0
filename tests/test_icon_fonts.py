"""book/_ext/icon_fonts.py: the icon fonts shipped hold the icons the stylesheet names.

The unit tests cut the theme's real Font Awesome faces; the browser test in
tests/test_unused_css.py checks that every page looks the same, pixel for
pixel, with the shipped stylesheet and subsets and with the theme's full ones.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pydata_sphinx_theme
import pytest
from fontTools.ttLib import TTFont
from icon_fonts import (
    FOLDER,
    HINTING_SAMPLES,
    cut_icon_fonts,
    fonts_are_cut,
    icon_codepoints,
    icon_font_urls,
    remove_unused_subsets,
)
from lean_pages import MANIFEST

WEBFONTS = (
    Path(pydata_sphinx_theme.__file__).parent
    / "theme/pydata_sphinx_theme/static/vendor/fontawesome/webfonts"
)
FACE = (
    '@font-face{font-family:"Font Awesome 6 Free";font-weight:900;'
    'src:url(fonts/fa-solid-900.woff2) format("woff2"),url("fonts/fa-solid-900.ttf")}'
    "@font-face{font-family:Body;src:url(fonts/body.woff2)}"
)


def cmap(data: bytes) -> set[int]:
    return set(TTFont(io.BytesIO(data)).getBestCmap())


def static_with_fonts(tmp_path: Path) -> Path:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for name in ("fa-solid-900.woff2", "fa-solid-900.ttf"):
        shutil.copy(WEBFONTS / name, fonts / name)
    return tmp_path


def test_icons_are_one_character_strings_of_content_or_custom_properties():
    css = (
        '.a:before{content:"\\f185"}'
        '.b{--pst-icon-x:"\\f019";--long:"ab";color:red}'
        '@media (min-width:9px){.c:after{content:var(--y,"\\f00d")}}'
        '.d{font-family:"X"}.e:before{content:""}'
    )
    assert icon_codepoints(css) == {0xF185, 0xF019, 0xF00D}


def test_only_icon_families_fonts_are_named():
    assert icon_font_urls(FACE) == ["fonts/fa-solid-900.woff2", "fonts/fa-solid-900.ttf"]
    assert icon_font_urls("@font-face{font-family:Font Awesome\\ 6 Brands;src:url(b.ttf)}") == [
        "b.ttf"
    ]


def test_the_subsets_hold_exactly_the_icons_the_stylesheet_names(tmp_path: Path):
    static = static_with_fonts(tmp_path)
    css = FACE + '.fa-sun:before{content:"\\f185"}.fa-moon:before{content:"\\f186"}'
    out = cut_icon_fonts(css, static)
    refs = icon_font_urls(out)
    assert [r.split("/")[0] for r in refs] == [FOLDER, FOLDER]
    assert "url(fonts/body.woff2)" in out  # not an icon font: left alone
    assert fonts_are_cut(out, static) and not fonts_are_cut(css, static)
    original = (static / "fonts/fa-solid-900.woff2").read_bytes()
    full = TTFont(io.BytesIO(original)).getBestCmap()
    # the icons, the other characters of their glyphs (U+2600 is the sun too)
    # and the Latin letters and digits the auto-hinter measures the font by
    wanted = {c for c, g in full.items() if g in {full[0xF185], full[0xF186]}}
    assert 0x2600 in wanted
    for ref in refs:
        data = (static / ref).read_bytes()
        assert cmap(data) == wanted | (HINTING_SAMPLES & set(full)), ref
        assert len(data) < len(original) / 10
    woff2, ttf = ((static / r).read_bytes() for r in refs)
    assert woff2[:4] == b"wOF2" and ttf[:4] == b"\x00\x01\x00\x00"


def test_cutting_again_reuses_the_subsets_and_is_deterministic(tmp_path: Path):
    static = static_with_fonts(tmp_path)
    css = FACE + '.x:before{content:"\\f185"}'
    first = cut_icon_fonts(css, static)
    files = {p: p.read_bytes() for p in (static / FOLDER).iterdir()}
    for path in files:
        os.utime(path, ns=(10**9, 10**9))  # marked: a write would change it
    assert cut_icon_fonts(css, static) == first
    assert {p.stat().st_mtime_ns for p in files} == {10**9}  # not written again
    shutil.rmtree(static / FOLDER)
    assert cut_icon_fonts(css, static) == first  # rebuilt: the same names and bytes
    assert {p: p.read_bytes() for p in (static / FOLDER).iterdir()} == files


def test_a_new_icon_gives_new_subsets_and_old_ones_are_removed(tmp_path: Path):
    static = static_with_fonts(tmp_path)
    old = cut_icon_fonts(FACE + '.x:before{content:"\\f185"}', static)
    new = cut_icon_fonts(FACE + '.x:before{content:"\\f185"}.y:before{content:"\\f186"}', static)
    assert icon_font_urls(old) != icon_font_urls(new)
    removed = remove_unused_subsets(static, [new])
    assert sorted(removed) == sorted(r.split("/")[1] for r in icon_font_urls(old))
    assert sorted(p.name for p in (static / FOLDER).iterdir()) == sorted(
        r.split("/")[1] for r in icon_font_urls(new)
    )


def test_missing_and_remote_fonts_are_left_as_they_are(tmp_path: Path):
    css = (
        '@font-face{font-family:"Font Awesome 6 Free";'
        "src:url(gone.woff2),url(https://cdn.example/fa.woff2)}"
        '.x:before{content:"\\f185"}'
    )
    assert cut_icon_fonts(css, tmp_path) == css
    assert not (tmp_path / FOLDER).exists()


def test_the_site_ships_subsets_with_every_icon_it_names(site: Path):
    static = site / "_static"
    for name in json.loads((static / MANIFEST).read_text()):
        css = (static / name).read_text(encoding="utf-8")
        refs = icon_font_urls(css)
        assert refs and fonts_are_cut(css, static), name
        used = icon_codepoints(css)
        solid = [r for r in refs if "solid" in r and r.endswith(".woff2")]
        assert solid, refs
        full = cmap((WEBFONTS / "fa-solid-900.woff2").read_bytes())
        assert len(used & full) > 10 and used & full <= cmap((static / solid[0]).read_bytes())
        assert (static / solid[0]).stat().st_size < 10_000


@pytest.mark.parametrize("text", ["", "no fonts here"])
def test_a_stylesheet_without_icon_fonts_is_unchanged(tmp_path: Path, text: str):
    assert cut_icon_fonts(text, tmp_path) == text
