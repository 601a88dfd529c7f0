"""book/_ext/lean_pages.py: a page's stylesheets merged into one, references intact."""

from __future__ import annotations

from pathlib import Path

import pytest
from lean_pages import (
    StyleBundleError,
    bundle_name,
    bundled_css,
    page_stylesheets,
    rewrite_page,
)


def _static(tmp_path: Path) -> Path:
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "theme.css").write_text('@import "../basic.css";\n')
    (tmp_path / "basic.css").write_text("div.x { background: url(file.png); }\n")
    (tmp_path / "styles" / "main.css").write_text(
        '@charset "utf-8";\n'
        "@font-face { src: url(../vendor/f.woff2?v=1#x) }\n"
        ".a { background: url(\"data:image/svg+xml;charset=utf-8,%3Csvg xmlns='x'/%3E\") }\n"
        ".b { background: url('https://example.org/i.png') }\n"
        "/*# sourceMappingURL=main.css.map*/\n"
    )
    (tmp_path / "own.css").write_text(".c { color: #222 }\n")
    return tmp_path


def test_bundle_inlines_imports_and_rebases_relative_urls(tmp_path: Path):
    css = bundled_css(_static(tmp_path), ["styles/theme.css", "styles/main.css", "own.css"])
    assert "@import" not in css and "sourceMappingURL" not in css
    assert css.startswith('@charset "utf-8";\n') and css.count("@charset") == 1
    assert "url(file.png)" in css  # basic.css sits in static already
    assert "url(vendor/f.woff2?v=1#x)" in css  # ../ from styles/ resolves to static
    assert "url(\"data:image/svg+xml;charset=utf-8,%3Csvg xmlns='x'/%3E\")" in css  # untouched
    assert "url('https://example.org/i.png')" in css  # remote: untouched
    # order kept: the import's rules, then main, then own
    assert css.index("div.x") < css.index("@font-face") < css.index(".c {")


def test_bundle_refuses_a_missing_file_and_an_import_loop(tmp_path: Path):
    static = _static(tmp_path)
    with pytest.raises(StyleBundleError, match="missing"):
        bundled_css(static, ["own.css", "gone.css"])
    (static / "loop.css").write_text('@import "loop.css";\n')
    with pytest.raises(StyleBundleError, match="imports itself"):
        bundled_css(static, ["loop.css"])


def test_bundle_name_follows_the_list():
    assert bundle_name(["a.css", "b.css"]) == bundle_name(["a.css", "b.css"])
    assert bundle_name(["a.css", "b.css"]) != bundle_name(["b.css", "a.css"])
    assert bundle_name(["a.css"]).startswith("gai-styles-")


PAGE = """<head>
  <link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />
    <link rel="stylesheet" type="text/css" href="../_static/own.css?v=2" />
    <link rel="stylesheet" href="../_static/print.css" media="print" />
    <link rel="stylesheet" href="https://cdn.example.org/x.css" />
    <link rel="icon" href="../_static/favicon.svg"/>
</head>"""


def test_page_links_are_replaced_by_one_in_the_first_ones_place():
    assert page_stylesheets(PAGE, "book") == [
        ('  <link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />\n',
         "styles/theme.css"),
        ('    <link rel="stylesheet" type="text/css" href="../_static/own.css?v=2" />\n',
         "own.css"),
    ]  # fmt: skip
    seen = []

    def link_for(files, root):
        seen.append((files, root))
        return f'<link rel="stylesheet" href="{root}_static/B.css" />\n'

    html, files = rewrite_page(PAGE, "book", link_for)
    assert files == ["styles/theme.css", "own.css"] and seen == [(files, "../")]
    assert html.index('href="../_static/B.css"') < html.index("print.css")
    assert "theme.css" not in html and "own.css" not in html
    assert 'media="print"' in html and "cdn.example.org" in html and "favicon" in html


def test_a_root_page_links_from_the_root_and_one_stylesheet_is_left_alone():
    root_page = PAGE.replace("../_static", "_static")
    html, files = rewrite_page(root_page, "", lambda f, r: f'<link href="{r}_static/B.css">\n')
    assert files and '<link href="_static/B.css">' in html
    single = '<link rel="stylesheet" href="_static/own.css" />'
    assert rewrite_page(single, "", lambda f, r: "X") == (single, [])


def test_whitespace_runs_with_a_break_become_one_break_outside_pre_script_style():
    from lean_pages import collapse_whitespace

    html = (
        "<div>\n    <p>a  b</p>\n\n  <pre>x\n   y</pre>\n"
        "  <script>\n  var a;\n</script>  \n <style>\n  p {}\n</style>\n <span>c</span> <b>d</b>"
    )
    assert collapse_whitespace(html) == (
        "<div>\n<p>a  b</p>\n<pre>x\n   y</pre>\n"
        "<script>\n  var a;\n</script>\n<style>\n  p {}\n</style>\n<span>c</span> <b>d</b>"
    )
    assert collapse_whitespace("<textarea>\n\n  t</textarea>") == "<textarea>\n\n  t</textarea>"
