/* Draws the charts of reports/_chart.html with vega-embed: each div.chart gets the
   Vega-Lite spec of the <script type="application/json"> element named by its
   data-chart-id, rendered as SVG. The drawn SVG is one image to assistive technology,
   named by the chart's description; the caption and the table stay the text version.
   No eval (ast: the expression interpreter), no injected styles: fit for a strict CSP. */
(function () {
  "use strict";

  // Dutch number format, as vl-convert's "nl-NL" for the server's SVG.
  var DUTCH = { decimal: ",", thousands: ".", grouping: [3], currency: ["€\u00a0", ""] };
  var OPTIONS = {
    actions: false,
    renderer: "svg",
    ast: true,
    defaultStyle: false,
    // The tooltip's style is in thermometer.css: vega-tooltip would inject a <style>.
    tooltip: { disableDefaultStyle: true },
    formatLocale: DUTCH,
    // Vega-Lite warns "Dropping fit-y" for every fit-x chart with rows of a fixed
    // height, which is what they are: keep the console for errors.
    logLevel: window.vega ? window.vega.Error : 1,
  };

  function label(div, spec) {
    var svg = div.querySelector("svg");
    if (!svg) return;
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", spec.description || "");
    svg.removeAttribute("aria-roledescription");
  }

  function draw(div) {
    var source = document.getElementById(div.getAttribute("data-chart-id"));
    if (!source || typeof window.vegaEmbed !== "function") return;
    div.setAttribute("data-chart-drawn", "pending");
    var spec = JSON.parse(source.textContent);
    window
      .vegaEmbed(div, spec, OPTIONS)
      .then(function () {
        label(div, spec);
        div.setAttribute("data-chart-drawn", "true");
      })
      .catch(function (error) {
        // The caption and the table still carry everything the chart shows.
        div.hidden = true;
        div.setAttribute("data-chart-drawn", "failed");
        if (window.console) window.console.error(error);
      });
  }

  function drawAll(root) {
    var divs = (root || document).querySelectorAll("div.chart[data-chart-id]:not([data-chart-drawn])");
    Array.prototype.forEach.call(divs, draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      drawAll(document);
    });
  } else {
    drawAll(document);
  }
  // Charts that arrive in an htmx swap.
  document.addEventListener("htmx:afterSettle", function (event) {
    drawAll(event.target);
  });
})();
