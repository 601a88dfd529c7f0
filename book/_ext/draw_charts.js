/* Draws every <figure class="gai-chart"> of the page with vega-embed.
 *
 * Appended to the Vega runtime by offline_charts.py, so a page holds no
 * chart script of its own: an inline script would make the HTML parser wait
 * for every stylesheet above it, and the runtime (loaded async) can arrive
 * before or after the figures are parsed. Figures already parsed are drawn at
 * once; later ones as the parser adds them. A figure is drawn once its caption
 * (which follows the spec) exists, so its spec is complete.
 */
(function () {
  "use strict";
  var OPTIONS = { mode: "vega-lite", renderer: "svg", actions: false };

  // Datasets travel as columns and rows (analysis/charts/payload.py): back to row objects.
  function unpack(spec) {
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

  function draw(figure) {
    if (figure.hasAttribute("data-drawing") || !complete(figure)) return;
    figure.setAttribute("data-drawing", "");
    var view = figure.querySelector(".gai-chart-view");
    var spec = unpack(JSON.parse(figure.querySelector("script.gai-spec").textContent));
    window
      .vegaEmbed(view, spec, OPTIONS)
      .then(function () {
        view.style.minHeight = ""; // the reserved height only held the place
        figure.setAttribute("data-rendered", "true");
      })
      .catch(function (error) {
        figure.setAttribute("data-error", String(error));
        console.error(error);
      });
  }

  function drawAll() {
    document.querySelectorAll("figure.gai-chart").forEach(draw);
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
