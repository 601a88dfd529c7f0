/* Accessibility fixes to the theme's markup, found by axe-core and Lighthouse.
 * (make bench, tests/test_accessibility.py). Runs once the DOM is parsed. */
(function () {
  function fix() {
    // Icon fonts inside labelled buttons and links are decoration: hide them
    // from assistive technology so the label alone names the control.
    // Their titles ("Light", "Dark"...) would otherwise count as visible text
    // that the label ("Color mode") does not contain. Font Awesome turns each
    // <i> into an <svg> with a <title>: both forms are handled.
    var icons = "button[aria-label] i, a[aria-label] i, button[aria-label] svg, a[aria-label] svg";
    document.querySelectorAll(icons).forEach(function (icon) {
      icon.setAttribute("aria-hidden", "true");
      icon.removeAttribute("title");
      icon.removeAttribute("aria-labelledby");
      icon.querySelectorAll("title").forEach(function (t) { t.remove(); });
    });
    // The search button shows "Search Ctrl+K" but is labelled "Search": the
    // visible text must be part of the accessible name (WCAG 2.5.3), so the
    // label becomes the visible text.
    document.querySelectorAll("button.search-button__button[aria-label]").forEach(function (b) {
      var text = (b.textContent || "").replace(/\s+/g, " ").trim();
      if (text) b.setAttribute("aria-label", text);
    });
    // docutils marks bibliography entries role="doc-biblioentry" inside a
    // role="list" container; that role is deprecated and a list needs
    // listitem children.
    document.querySelectorAll('[role="list"] > [role="doc-biblioentry"]').forEach(function (e) {
      e.setAttribute("role", "listitem");
    });
    // myst-nb labels each toggle "Toggle hidden content" while it shows
    // "Assumptions: edit to re-run": the visible text names it (WCAG 2.5.3).
    document.querySelectorAll("details.hide > summary[aria-label]").forEach(function (s) {
      s.removeAttribute("aria-label");
    });
    // A table that scrolls sideways in its own box (a wide table on a narrow
    // screen) can be scrolled from the keyboard: the box takes focus, named by
    // the table's caption.
    document.querySelectorAll(".gai-table-scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fix);
  } else {
    fix();
  }
  // Font Awesome replaces each <i> by an <svg> later (after "load"): fix its
  // output as it arrives.
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      fix();
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
