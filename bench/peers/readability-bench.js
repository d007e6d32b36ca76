// Readability.js (with jsdom) over a folder of saved pages, single-threaded, for bench/run's readability-peer stage.
// usage: node readability-bench.js <htmlDir> <predictions.json> <timing.json> [passes]
// Times, in-process and excluding node startup and file reading, what a user of the library does per page:
// new JSDOM(html) + new Readability(document).parse(). Writes two predictions: textContent (the library's plain
// text, as the ScrapingHub benchmark scored it) and blocks (line breaks kept between block elements, untimed).
'use strict';
const fs = require('fs');
const path = require('path');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const [dir, predOut, timingOut, passesArg] = process.argv.slice(2);
const passes = Math.max(1, parseInt(passesArg || '1', 10));
const files = fs.readdirSync(dir).filter(f => f.endsWith('.html')).sort();
const pages = files.map(f => ({ id: path.basename(f, '.html'), html: fs.readFileSync(path.join(dir, f), 'utf8'), bytes: fs.statSync(path.join(dir, f)).size }));
const quiet = new VirtualConsole(); // pages' CSS and script errors are not ours to print

function extract(html) {
  const dom = new JSDOM(html, { virtualConsole: quiet });
  const article = new Readability(dom.window.document).parse();
  dom.window.close();
  return article;
}

const BLOCK = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TR', 'BR', 'SECTION', 'ARTICLE', 'FIGCAPTION', 'DT', 'DD', 'TABLE', 'UL', 'OL']);
function blocksText(contentHtml) {
  const doc = new JSDOM(`<!DOCTYPE html><body>${contentHtml}</body>`).window.document;
  const out = [];
  (function walk(node) {
    for (const c of node.childNodes) {
      if (c.nodeType === 3) out.push(c.nodeValue);
      else if (c.nodeType === 1) {
        const block = BLOCK.has(c.tagName);
        if (block) out.push('\n');
        walk(c);
        if (block) out.push('\n');
      }
    }
  })(doc.body);
  return out.join('').split('\n').map(s => s.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n');
}

// Warm-up (JIT), untimed, as the C# side does: the first ten pages, over and over for at least a second.
{
  const t0 = Date.now();
  do { for (const p of pages.slice(0, 10)) extract(p.html); } while (Date.now() - t0 < 1000);
}

const predText = {}, predBlocks = {};
const passMs = [];
let failures = 0;
const errors = [];
const passCpuMs = [];
for (let r = 0; r < passes; r++) {
  let ns = 0n, cpuUs = 0;
  for (const p of pages) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    let article = null;
    try { article = extract(p.html); } catch (e) { if (r === 0) { failures++; errors.push(p.id + ': ' + String((e && e.message) || e).slice(0, 200)); } }
    ns += process.hrtime.bigint() - t0;
    const c = process.cpuUsage(c0); // whole process, all threads (V8's GC and compiler threads too)
    cpuUs += c.user + c.system;
    if (r === 0) {
      predText[p.id] = article && article.textContent ? article.textContent : '';
      predBlocks[p.id] = article && article.content ? blocksText(article.content) : '';
    }
  }
  passMs.push(Number(ns) / 1e6);
  passCpuMs.push(cpuUs / 1000);
}
const sorted = [...passMs].sort((a, b) => a - b);
const medianMs = sorted[Math.floor(sorted.length / 2)];
const sortedCpu = [...passCpuMs].sort((a, b) => a - b);
const medianCpuMs = sortedCpu[Math.floor(sortedCpu.length / 2)];
fs.writeFileSync(predOut, JSON.stringify(predText));
fs.writeFileSync(predOut.replace(/\.json$/, '') + '.blocks.json', JSON.stringify(predBlocks));
fs.writeFileSync(timingOut, JSON.stringify({
  pages: pages.length,
  bytes: pages.reduce((s, p) => s + p.bytes, 0),
  passes, passMs, medianMs, passCpuMs, medianCpuMs, failures, errors,
  pagesPerSecond: pages.length / (medianMs / 1000),
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
  node: process.version,
  readability: require('@mozilla/readability/package.json').version,
  jsdom: require('jsdom/package.json').version,
}, null, 2));
