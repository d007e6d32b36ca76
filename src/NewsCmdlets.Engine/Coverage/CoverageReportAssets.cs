namespace NewsCmdlets.Engine.Coverage;

/// <summary>
/// The report's inline style sheet and scripts. Nothing here loads anything from elsewhere (no fonts, images or
/// imports), and the page's Content-Security-Policy forbids it anyway. The scripts are optional: the report's content
/// is all in the HTML; they add sortable column headings and a row filter.
/// </summary>
internal static class CoverageReportAssets
{
    public const string Css = """
:root { --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --paper: #ffffff; --band: #f6f8fa; --accent: #1f5fa8; }
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; margin: 0 auto; max-width: 1240px; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 .4rem; padding-top: 1rem; border-top: 3px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 1.8rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
p, li { max-width: 75ch; }
a { color: var(--accent); }
.meta, .note, caption { color: var(--muted); }
.note { font-size: .9rem; }
nav ol { padding-left: 1.4rem; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: .4rem 0 1rem; font-size: .92rem; }
caption { caption-side: top; text-align: left; padding: 0 0 .35rem; font-size: .88rem; max-width: 90ch; }
th, td { border: 1px solid var(--rule); padding: .3rem .5rem; vertical-align: top; text-align: left; }
thead th { background: var(--band); position: sticky; top: 0; }
th[scope=row] { font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.none { color: var(--muted); text-align: center; }
.kind { display: inline-block; font-size: .78rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; margin-right: .35rem; }
.type { color: var(--muted); font-weight: 400; font-size: .85rem; }
.badge { display: inline-block; border: 1px solid var(--muted); border-radius: 3px; font-size: .75rem; padding: 0 .3rem; margin-left: .3rem; color: var(--muted); }
.differs { color: #a40e26; background: #fff3f3; }
td.majority, td.differs { min-width: 14rem; }
ul.values, ol.reports { margin: 0; padding-left: 1.1rem; }
ul.values li, ol.reports li { margin: .1rem 0; }
blockquote.said { margin: .2rem 0 .3rem .2rem; padding-left: .5rem; border-left: 3px solid #e5b8bf; color: var(--ink); font-size: .88rem; }
blockquote.said .who { font-weight: 600; }
.heat.many thead th { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; vertical-align: bottom; max-height: 12rem; }
.heat.many thead th:first-child, .heat.many thead th:nth-child(2) { writing-mode: horizontal-tb; transform: none; }
.heat.many th[scope=row] { position: sticky; left: 0; background: var(--paper); z-index: 1; }
.table-wrap { max-height: 80vh; overflow: auto; }
.heat td.cell { text-align: center; min-width: 3.2rem; font-variant-numeric: tabular-nums; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.h0 { background: #ffffff; color: #8c959f; }
.h1 { background: #e3eef9; }
.h2 { background: #bcd6f0; }
.h3 { background: #86b4e0; }
.h4 { background: #3f7fc0; color: #ffffff; }
.h5 { background: #1d4f8c; color: #ffffff; }
.legend { display: flex; gap: .25rem; align-items: center; font-size: .85rem; color: var(--muted); margin: .2rem 0 .6rem; flex-wrap: wrap; }
.legend span.swatch { display: inline-block; min-width: 2.4rem; text-align: center; border: 1px solid var(--rule); padding: 0 .2rem; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
figure { margin: .4rem 0 1rem; }
figcaption { margin-top: .2rem; }
.timeline { width: 100%; height: auto; max-width: 1000px; display: block; margin: .4rem 0; }
.timeline .row-line { stroke: #d0d7de; stroke-width: 1; }
.timeline .axis { stroke: #8c959f; stroke-width: 1; }
.timeline text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #1b1f24; }
.timeline text.tick { fill: #57606a; font-size: 11px; }
.timeline .mark { fill: #1f5fa8; stroke: #ffffff; stroke-width: 1.5; }
.timeline .mark.copy { fill: #ffffff; stroke: #b35900; stroke-width: 2.5; }
.timeline .day { fill: #1f5fa8; fill-opacity: .18; stroke: #1f5fa8; stroke-width: 1; stroke-dasharray: 3 2; }
.timeline .day.copy { fill: #b35900; fill-opacity: .12; stroke: #b35900; }
.quote { font-style: italic; }
ul.unique { padding-left: 1.2rem; }
ul.unique li { margin: .15rem 0; }
.controls { margin: .6rem 0; display: none; }
html[data-script=ok] .controls { display: block; }
.controls input { font: inherit; padding: .2rem .4rem; min-width: 18rem; }
button.sort { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; color: inherit; cursor: pointer; text-align: inherit; }
button.sort::after { content: " \2195"; color: #8c959f; font-weight: 400; }
th[aria-sort=ascending] button.sort::after { content: " \2191"; color: var(--ink); }
th[aria-sort=descending] button.sort::after { content: " \2193"; color: var(--ink); }
tr.filtered-out { display: none; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { margin-top: 3rem; font-size: .85rem; color: var(--muted); border-top: 1px solid var(--rule); padding-top: .6rem; }
@media print {
  body { font-size: 10.5pt; max-width: none; padding: 0; }
  nav, .controls { display: none !important; }
  h2 { break-before: page; border-top: 0; }
  h2:first-of-type { break-before: auto; }
  h3, h4 { break-after: avoid; }
  tr, li, svg { break-inside: avoid; }
  thead { display: table-header-group; }
  thead th { position: static; }
  .table-wrap { overflow: visible; max-height: none; }
  a { color: inherit; text-decoration: none; }
}
""";

    /// <summary>First thing in the head: records script errors on the root element, where a test (or a person) can read them.</summary>
    public const string ErrorScript = """
window.onerror = function (message, source, line) {
  var root = document.documentElement;
  var before = root.getAttribute('data-script-errors');
  root.setAttribute('data-script-errors', (before ? before + ' | ' : '') + String(message) + ' (line ' + line + ')');
};
""";

    /// <summary>Last thing in the body: sortable column headings, a row filter per story, then data-script="ok".</summary>
    public const string Script = """
(function () {
  'use strict';
  var root = document.documentElement;
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };

  function sortKey(cell) {
    if (!cell) return { s: '' };
    var v = cell.getAttribute('data-sort');
    if (v === null) v = cell.textContent.trim();
    var n = Number(v);
    return v !== '' && !isNaN(n) ? { n: n } : { s: v.toLowerCase() };
  }

  function compareKeys(a, b) {
    if ('n' in a && 'n' in b) return a.n - b.n;
    if ('n' in a) return -1;
    if ('n' in b) return 1;
    return a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
  }

  function sortBy(table, index, th) {
    var body = table.tBodies[0];
    if (!body) return;
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var c = compareKeys(sortKey(r1.cells[index]), sortKey(r2.cells[index]));
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    each(th.parentNode.cells, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  }

  each(document.querySelectorAll('table.sortable'), function (table) {
    if (!table.tHead || !table.tHead.rows.length) return;
    each(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener('click', function () { sortBy(table, index, th); });
    });
  });

  each(document.querySelectorAll('section.story'), function (story) {
    var tables = story.querySelectorAll('table.filterable');
    if (!tables.length) return;
    var controls = document.createElement('div');
    controls.className = 'controls';
    var label = document.createElement('label');
    label.textContent = 'Show only rows containing ';
    var input = document.createElement('input');
    input.type = 'search';
    input.placeholder = 'a name, a number, an outlet';
    label.appendChild(input);
    controls.appendChild(label);
    var anchor = story.querySelector('.story-meta');
    if (anchor && anchor.nextSibling) story.insertBefore(controls, anchor.nextSibling); else story.appendChild(controls);
    input.addEventListener('input', function () {
      var q = input.value.trim().toLowerCase();
      each(tables, function (table) {
        each(table.tBodies, function (body) {
          each(body.rows, function (row) {
            var hide = q !== '' && row.textContent.toLowerCase().indexOf(q) < 0;
            row.classList.toggle('filtered-out', hide);
          });
        });
      });
    });
  });

  root.setAttribute('data-script', 'ok');
})();
""";
}
