"""The site's own stylesheet and script, written into every build (nothing comes from a CDN).

They are kept as strings so they ship inside the package with no package-data setup.
"""

from __future__ import annotations

import json

from conformance.vocabulary import FAILING

CSS = """\
/* copyview: behaviour classes, verdicts and the matrix. Colours work on light and dark. */
.cv-block { margin: 0 0 1em; }
.cv-scroll { overflow-x: auto; }
.md-typeset table.cv-matrix, .md-typeset table.cv-table {
  font-size: .7rem; border-collapse: collapse;
}
.md-typeset .cv-matrix th, .md-typeset .cv-matrix td,
.md-typeset .cv-table th, .md-typeset .cv-table td {
  border: 1px solid var(--md-default-fg-color--lightest); padding: .3em .45em; vertical-align: top;
}
.md-typeset .cv-matrix thead th {
  position: sticky; top: 0; background: var(--md-default-bg-color); white-space: nowrap;
}
.cv-matrix [hidden], .cv-matrix tr[hidden] { display: none !important; }
/* With many libraries the table scrolls sideways instead of squeezing case ids letter by letter. */
.md-typeset .cv-matrix tbody th[scope="row"] { min-width: 12em; overflow-wrap: anywhere; }
.md-typeset .cv-matrix tbody td { min-width: 7.5em; }
.cv-summary { font-weight: bold; }
.cv-empty { color: var(--md-default-fg-color--light); font-style: italic; }
.cv-c, .cv-v, .cv-score {
  display: inline-block; border-radius: .3em; padding: 0 .35em; margin: .1em 0;
  white-space: nowrap; line-height: 1.5;
}
.cv-icon { font-weight: bold; }
.cv-c-same { background: #d7ecff; color: #003d73; }
.cv-c-view { background: #d8f3dc; color: #1b4332; }
.cv-c-roview { background: #e9f5c9; color: #3a4a00; }
.cv-c-copy { background: #e8e1ff; color: #36206e; }
.cv-c-oneway { background: #fff3bf; color: #5c3c00; }
.cv-c-cow { background: #ffe8cc; color: #6b3a00; }
.cv-c-immutable { background: #e2e2e2; color: #222; }
.cv-c-scalar { background: #f0f0f0; color: #333; }
.cv-c-error { background: #ffd6d6; color: #7a0000; }
.cv-c-unknown, .cv-c-na { background: #f3f3f3; color: #555; }
.cv-c-crashed, .cv-c-timeout, .cv-c-notrun { background: #5c0000; color: #fff; }
.cv-v { font-size: .9em; border: 1px solid transparent; }
.cv-v-pass { background: #2b8a3e; color: #fff; }
.cv-v-fail { background: #c92a2a; color: #fff; }
.cv-v-differs { background: #f59f00; color: #221; }
.cv-v-known { background: #fcc419; color: #221; }
.cv-v-upass { background: #74b816; color: #fff; }
.cv-v-na { background: transparent; color: #777; border-color: #bbb; }
.cv-v-crashed, .cv-v-timeout, .cv-v-notrun { background: #000; color: #fff; }
.cv-v-unknown { background: #ddd; color: #222; }
.cv-vs { margin-top: .2em; }
.cv-filters { display: flex; flex-wrap: wrap; gap: 1em; align-items: center; margin: 0 0 1em; }
.cv-filters select { font: inherit; padding: .1em .3em; }
.cv-legend p { margin: .3em 0; font-size: .75rem; }
.cv-grid { display: flex; flex-wrap: wrap; gap: 1em; }
.md-typeset table.cv-facts { font-size: .65rem; margin: .5em 0; }
.md-typeset table.cv-facts caption { font-weight: bold; text-align: left; }
.md-typeset table.cv-facts th { text-align: left; }
.cv-null { color: #999; }
.cv-history td.cv-changed { background: #fff3bf; font-weight: 600; }
.cv-case, .cv-case-section {
  border-left: 3px solid var(--md-default-fg-color--lightest); padding-left: .8em; margin: 1em 0;
}
.cv-permalink { font-size: .8em; opacity: .5; }
.cv-verdicts { font-size: .75rem; }
pre.cv-code { white-space: pre-wrap; }
/* Expressions of chained operations span lines. */
.cv-matrix th code { white-space: pre-wrap; }
"""

JS = """\
// copyview matrix filters: category, profile, failing rows. Self-contained, no network.
(function () {
  "use strict";
  var FAILING = @FAILING@;

  function setup() {
    var table = document.getElementById("cv-matrix");
    var category = document.getElementById("cv-category");
    var profile = document.getElementById("cv-profile");
    var failing = document.getElementById("cv-failing");
    var count = document.getElementById("cv-count");
    if (!table || !category || !profile || !failing) { return; }
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var marks = Array.prototype.slice.call(table.querySelectorAll("[data-profile]"));

    function apply() {
      var wanted = profile.value;
      marks.forEach(function (el) {
        el.hidden = wanted !== "" && el.getAttribute("data-profile") !== wanted;
      });
      var shown = 0;
      rows.forEach(function (row) {
        var visible = category.value === "" || row.getAttribute("data-category") === category.value;
        if (visible && failing.checked) {
          visible = Array.prototype.some.call(row.querySelectorAll(".cv-v"), function (v) {
            return !v.hidden && FAILING.indexOf(v.getAttribute("data-verdict")) >= 0;
          });
        }
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      if (count) { count.textContent = shown + " of " + rows.length + " operations shown"; }
    }

    // Filters can be preset from the address: matrix.html?category=shape&profile=numpy
    var params = new URLSearchParams(window.location.search);
    if (params.has("category")) { category.value = params.get("category"); }
    if (params.has("profile")) { profile.value = params.get("profile"); }
    if (params.get("failing") === "1") { failing.checked = true; }
    [category, profile, failing].forEach(function (control) {
      control.addEventListener("change", apply);
    });
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
""".replace("@FAILING@", json.dumps([str(v) for v in FAILING]))
