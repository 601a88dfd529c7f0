"""Drop the stylesheet rules that nothing in the site can match.

The theme's stylesheets (Bootstrap, pydata-sphinx-theme, sphinx-book-theme,
sphinx-design, myst-nb) hold about 540 KB of rules, most of them for
components this book never uses. Every page downloads and parses them, and
every style recalculation, including the one each chart's SVG triggers,
matches against them (issue 9: the stylesheet was most of what separated a
one-chart page from its bare floor).

The rule, PurgeCSS's default made safer: the site's *vocabulary* is every
word (``[A-Za-z0-9_-]+``) in its HTML pages and in its scripts, so a class a
script adds at run time (``classList.add("show")``) is a word of the site.
A class a script builds from a prefix (Bootstrap's ``bs-${name}-auto``,
Vega's ``"mark-" + type``) is not a word, so every prefix ending in ``-`` that
a script joins to something (template literal or ``+``) is kept too, with
every class it begins. A selector is kept when every class, id and element
name it needs is a word of the site or begins with such a prefix; a rule is
kept when one of its selectors is. Conservative by design:

* the insides of ``:not()``, ``:is()``, ``:where()``, ``:has()`` and other
  functional pseudo-classes and attribute selectors ``[...]`` are not checked;
* a selector holding an escape (``\\``) is kept;
* at-rules other than grouping ones (``@media``, ``@supports``, ``@layer``,
  ``@container``, ``@document``) are kept whole: ``@font-face``,
  ``@keyframes``, ``@page``, ``@property``...;
* a grouping at-rule whose rules are all dropped is dropped.

tests/test_unused_css.py checks the rule; tests/test_page_speed.py checks in
Chromium that pages look the same, pixel for pixel, with the pruned
stylesheet and with the full one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

import tinycss2

WORD = re.compile(r"[A-Za-z0-9_-]+")
_GROUPING = {"media", "supports", "layer", "container", "document", "scope"}
# `.name`, `#name` and element names, outside brackets and functional pseudo-classes.
_NEEDED = re.compile(
    r"(?P<kind>[.#])(?P<name>-?[A-Za-z_][A-Za-z0-9_-]*)|(?<![\w:.#-])(?P<tag>[A-Za-z][A-Za-z0-9-]*)"
)
_ALWAYS = {"html", "body", "root"}


# "name-${", 'name-' + and "name-"+ in a script: the start of a class it builds.
_BUILT_PREFIX = re.compile(r"""([A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*-)(?:\$\{|["']\s*\+)""")


@dataclass(frozen=True)
class Vocabulary:
    """What a site's pages and scripts can put on an element."""

    words: frozenset[str]
    prefixes: tuple[str, ...] = ()

    @property
    def digest(self) -> str:
        """A digest of the words and prefixes (it changes when either does)."""
        text = "\n".join(sorted(self.words)) + "\0" + "\n".join(self.prefixes)
        return hashlib.sha256(text.encode()).hexdigest()

    def has(self, name: str) -> bool:
        return name in self.words or name.lower() in self.words or name.startswith(self.prefixes)


def vocabulary(pages: Iterable[str], scripts: Iterable[str]) -> Vocabulary:
    """Every word of the site's HTML ``pages`` and ``scripts``, and the class
    prefixes its scripts build names from."""
    words: set[str] = set()
    prefixes: set[str] = set()
    for text in pages:
        words.update(WORD.findall(text))
    for text in scripts:
        words.update(WORD.findall(text))
        prefixes.update(_BUILT_PREFIX.findall(text))
    return Vocabulary(frozenset(words), tuple(sorted(prefixes)))


def _strip_nested(selector: str) -> str:
    """``selector`` without what lies inside (...) and [...] (not checked)."""
    out, depth = [], 0
    for ch in selector:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def needed_words(selector: str) -> set[str]:
    """The classes, ids and element names an element must carry for ``selector``
    to match it (pseudo-classes and pseudo-elements are not needed)."""
    bare = re.sub(r"::?[A-Za-z-]+", " ", _strip_nested(selector))
    out = set()
    for m in _NEEDED.finditer(bare):
        out.add(m.group("name") or m.group("tag").lower())
    return out - _ALWAYS


def selector_used(selector: str, vocab: Vocabulary) -> bool:
    """Whether ``selector`` can match something in a site of vocabulary ``vocab``."""
    return "\\" in selector or all(vocab.has(w) for w in needed_words(selector))


def _split_selectors(prelude: list) -> list[str]:
    """A rule's selector list, split on its top-level commas."""
    parts, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append(tinycss2.serialize(current).strip())
            current = []
        else:
            current.append(token)
    parts.append(tinycss2.serialize(current).strip())
    return [p for p in parts if p]


def _prune_rules(rules: list, vocab: Vocabulary) -> list[str]:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [s for s in _split_selectors(rule.prelude) if selector_used(s, vocab)]
            if kept:
                out.append(",".join(kept) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule":
            if rule.lower_at_keyword in _GROUPING and rule.content is not None:
                inner = tinycss2.parse_blocks_contents(rule.content, skip_comments=True)
                kept = _prune_rules(inner, vocab)
                if kept:
                    prelude = tinycss2.serialize(rule.prelude).strip()
                    out.append(f"@{rule.at_keyword} {prelude}{{" + "".join(kept) + "}")
            else:
                out.append(tinycss2.serialize([rule]))
        # comments, whitespace and parse errors are left out
    return out


def prune(css: str, vocab: Vocabulary) -> str:
    """``css`` without the rules no element of the site can match, and without comments.

    A stylesheet that does not parse cleanly is returned unchanged, so a
    syntax this parser does not know can never cost a rule.
    """
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    if any(r.type == "error" for r in rules):
        return css
    return "\n".join(_prune_rules(rules, vocab)) + "\n"
