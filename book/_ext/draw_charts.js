/* Draws every <figure class="gai-chart"> of the page with vega-embed.
 *
 * Appended to the Vega runtime by offline_charts.py, so a page holds no
 * chart script of its own: an inline script would make the HTML parser wait
 * for every stylesheet above it, and the runtime (loaded async) can arrive
 * before or after the figures are parsed. Figures already parsed are queued at
 * once, later ones as the parser adds them, and drawn one per task. A figure is
 * queued once its caption (which follows the spec) exists: its spec is complete.
 */
(function () {
  "use strict";
  var OPTIONS = { mode: "vega-lite", renderer: "svg", actions: false };

  // Datasets travel as columns and rows, and the theme's config as a mark
  // (analysis/charts/payload.py): back to row objects and the config.
  function unpack(spec) {
    var theme = window.gaiTheme;
    if (!theme) throw new Error("the runtime holds no gaiTheme");
    if (spec.config === theme.mark) spec.config = JSON.parse(JSON.stringify(theme.config));
    var datasets = spec.datasets || {};
    Object.keys(datasets).forEach(function (name) {
      var d = datasets[name];
      if (d && !Array.isArray(d) && d.columns) {
        datasets[name] = d.rows.map(function (row) {
          var out = {};
          d.columns.forEach(function (column, i) {
            out[column] = row[i];
          });
          return out;
        });
      }
    });
    return spec;
  }

  function complete(figure) {
    return document.readyState !== "loading" || figure.querySelector("figcaption.gai-chart-foot");
  }

  // Once every chart of the parsed page has drawn (or failed), the theme's
  // scripts may load (book/_templates/layout.html holds them back).
  function afterLast() {
    if (document.readyState === "loading") return;
    var figures = document.querySelectorAll("figure.gai-chart");
    for (var i = 0; i < figures.length; i++) {
      if (!figures[i].hasAttribute("data-rendered") && !figures[i].hasAttribute("data-error")) return;
    }
    window.gaiChartsDrawn = true;
    if (window.gaiAfterCharts) window.gaiAfterCharts();
  }

  function draw(figure) {
    var view = figure.querySelector(".gai-chart-view");
    var spec;
    try {
      spec = unpack(JSON.parse(figure.querySelector("script.gai-spec").textContent));
    } catch (error) {
      figure.setAttribute("data-error", String(error));
      console.error(error);
      afterLast();
      return;
    }
    window
      .vegaEmbed(view, spec, OPTIONS)
      .then(function () {
        view.style.minHeight = ""; // the reserved height only held the place
        // The figure's aria-label is the chart's text alternative. Vega labels
        // the view with the same text again, and its SVG would be read as a
        // jumble of tick labels: both are hidden from screen readers, while
        // the chart's controls (sliders) stay reachable.
        ["role", "aria-roledescription", "aria-label"].forEach(function (name) {
          view.removeAttribute(name);
        });
        view.querySelectorAll(".marks").forEach(function (graphic) {
          graphic.setAttribute("aria-hidden", "true");
        });
        figure.setAttribute("data-rendered", "true");
        afterLast();
      })
      .catch(function (error) {
        figure.setAttribute("data-error", String(error));
        console.error(error);
        afterLast();
      });
  }

  // One chart per task: the page stays responsive while charts draw (Lighthouse
  // counts a task over 50 ms as blocking time).
  var queue = [];
  function drawNext() {
    var figure = queue.shift();
    if (!figure) return;
    draw(figure);
    if (queue.length) setTimeout(drawNext, 0);
  }

  function drawAll() {
    var idle = queue.length === 0;
    document.querySelectorAll("figure.gai-chart").forEach(function (figure) {
      if (!figure.hasAttribute("data-queued") && complete(figure)) {
        figure.setAttribute("data-queued", "");
        queue.push(figure);
      }
    });
    if (idle && queue.length) setTimeout(drawNext, 0);
  }

  drawAll();
  if (document.readyState === "loading") {
    var observer = new MutationObserver(drawAll);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", function () {
      observer.disconnect();
      drawAll();
    });
  }
})();
