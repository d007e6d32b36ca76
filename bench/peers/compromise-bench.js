// compromise (npm) over the same texts as our entity extractor, single-threaded, for bench/run's entities-peer stage.
// usage: node compromise-bench.js <texts.json> <ner-docs.json> <timing.json> <spans.json> [passes]
// Times, in-process and excluding node startup and file reading, what a user of the library does per text to get
// people, places and organisations with their positions: nlp(text) then .people() / .places() / .organizations()
// with .json({offset: true}). Then, untimed, the same calls on the NER test documents: character spans for scoring.
'use strict';
const fs = require('fs');
const nlp = require('compromise');

const [textsPath, nerPath, timingOut, spansOut, passesArg] = process.argv.slice(2);
const passes = Math.max(1, parseInt(passesArg || '1', 10));
const texts = JSON.parse(fs.readFileSync(textsPath, 'utf8'));
const ner = nerPath && nerPath !== '-' ? JSON.parse(fs.readFileSync(nerPath, 'utf8')) : {};

function spans(text) {
  const doc = nlp(text);
  const out = [];
  for (const [type, view] of [['PER', doc.people()], ['LOC', doc.places()], ['ORG', doc.organizations()]])
    for (const m of view.json({ offset: true })) {
      // compromise's offsets can take in punctuation next to the name ("Shannon,"): trim it, as a tokenizer would.
      let s = m.offset.start, e = s + m.offset.length;
      while (e > s && /[\s,.;:!?"'()\[\]]/.test(text[e - 1])) e--;
      while (s < e && /[\s,.;:!?"'()\[\]]/.test(text[s])) s++;
      if (e > s) out.push([s, e - s, type]);
    }
  return out;
}

// Warm-up (JIT), untimed: the first 50 texts over and over for at least a second.
{
  const t0 = Date.now();
  do { for (const t of texts.slice(0, 50)) spans(t); } while (Date.now() - t0 < 1000);
}
const passMs = [], passCpuMs = [];
let found = 0;
for (let r = 0; r < passes; r++) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let n = 0;
  for (const t of texts) n += spans(t).length;
  passMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  const c = process.cpuUsage(c0);
  passCpuMs.push((c.user + c.system) / 1000);
  found = n;
}
const med = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const result = {};
for (const [name, docs] of Object.entries(ner)) result[name] = docs.map(spans);
fs.writeFileSync(spansOut, JSON.stringify(result));
fs.writeFileSync(timingOut, JSON.stringify({
  texts: texts.length,
  bytes: texts.reduce((s, t) => s + Buffer.byteLength(t, 'utf8'), 0),
  passes, passMs, medianMs: med(passMs), medianCpuMs: med(passCpuMs), entitiesFound: found,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
  node: process.version,
  compromise: nlp.version || JSON.parse(fs.readFileSync(require('path').join(__dirname, 'node_modules', 'compromise', 'package.json'), 'utf8')).version,
}));
