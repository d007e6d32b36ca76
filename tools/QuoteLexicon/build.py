#!/usr/bin/env python3
"""Builds the quote extractor's lexicons (src/NewsCmdlets.Engine/Quotes/Data/) from openly licensed sources.

  python3 tools/QuoteLexicon/build.py --verbnet DIR --oewn DIR --ssa DIR [--out DIR]

--verbnet  VerbNet 3.4's class files (github.com/cu-clear/verbnet, folder verbnet3.4/)
--oewn     Open English WordNet's YAML source (github.com/globalwordnet/english-wordnet, folder src/yaml/)
--ssa      the US Social Security Administration's national baby-name files (yobYYYY.txt: name,sex,count);
           the years 1920-2000 are read (the people in today's news)

Writes speech-verbs.tsv and given-name-gender.tsv (see Quotes/Data/NOTICE.md for what each column means).
Python 3 standard library only; the output is sorted and deterministic.
"""
import argparse, glob, os, re, sys
import xml.etree.ElementTree as ET

# Grammatical verbs are never cues of speech, whatever a lexicon lists for them (OEWN's first sense of "will" is
# "leave by a will"; VerbNet's say-37.7 has "go" for "and he goes, '...'").
FUNCTION_VERBS = {'be', 'have', 'do', 'will', 'shall', 'can', 'may', 'must', 'go', 'get', 'let', 'need', 'dare'}

# Verbs of posting that neither lexicon has in that sense (OEWN's "tweet" is a bird's; "post" is first "affix").
# Our own additions, marked 'newscmdlets' in the sources column.
ADDITIONS = {'tweet': 'qc', 'retweet': 'qc', 'post': 'qc', 'text': 'qc'}


def oewn_verbs(folder):
    """lemma -> (forms, [(lexfile, [subcat frames])]) from the entries-*.yaml files, parsed line by line; and the set of
    lemmas that are also nouns."""
    verbs, nouns, modifiers = {}, set(), set()
    for path in sorted(glob.glob(os.path.join(folder, 'entries-*.yaml'))):
        lemma = pos = section = None
        with open(path, encoding='utf-8') as f:
            for raw in f:
                line = raw.rstrip('\n')
                if not line.startswith(' '):
                    m = re.match(r"^'?(.*?)'?:\s*$", line)
                    lemma, pos, section = (m.group(1) if m else None), None, None
                    continue
                if re.match(r'^  \S', line):
                    pos, section = line.strip().rstrip(':'), None
                    if pos == 'v' and lemma:
                        verbs.setdefault(lemma, ([], []))
                    if pos == 'n' and lemma:
                        nouns.add(lemma)
                    if pos in ('a', 's', 'r') and lemma:
                        modifiers.add(lemma)
                    continue
                if pos != 'v' or lemma is None:
                    continue
                forms, senses = verbs[lemma]
                if re.match(r'^    form:', line): section = 'form'; continue
                if re.match(r'^    sense:', line): section = 'sense'; continue
                if section == 'form':
                    m = re.match(r"^    - '?(.*?)'?$", line)
                    if m: forms.append(m.group(1)); continue
                    section = None
                if section == 'sense':
                    if re.match(r'^    - ', line): senses.append([None, [], False])
                    if not senses: continue
                    m = re.search(r"id: '?[^%]+%2:(\d\d):", line)
                    if m: senses[-1][0] = int(m.group(1))
                    if re.match(r'^ {6}subcat:', line): senses[-1][2] = True; continue
                    m = re.match(r'^ {6}- (\S+)$', line)
                    if m and senses[-1][2]: senses[-1][1].append(m.group(1)); continue
                    if re.match(r'^ {6}\S', line): senses[-1][2] = False
    return {k: (forms, [(lf, sub) for lf, sub, _ in senses]) for k, (forms, senses) in verbs.items()}, nouns, modifiers


def verbnet_members(folder):
    """lemma -> (set of class ids, quote frame?, that-clause frame?) for the verbs of communication (classes 37.*)
    and any class with a frame whose complement is a quotation (S-Quote)."""
    out = {}

    def walk(cls, quote, that, comm):
        descs = [fr.find('DESCRIPTION').get('primary') or '' for fr in cls.findall('FRAMES/FRAME')]
        quote = quote or any('S-Quote' in d for d in descs) or any(s.get('type') == 'quotation' for s in cls.iter('SYNRESTR'))
        that = that or any(re.search(r'\b(that|what|how|whether|whether/if|if) S$|^NP V S$', d) for d in descs)
        if comm or quote:
            for m in cls.findall('MEMBERS/MEMBER'):
                name = m.get('name')
                ids, q, t = out.get(name, (set(), False, False))
                ids.add(cls.get('ID'))
                out[name] = (ids, q or quote, t or that)
        for sc in cls.findall('SUBCLASSES/VNSUBCLASS'):
            walk(sc, quote, that, comm)

    for path in sorted(glob.glob(os.path.join(folder, '*.xml'))):
        root = ET.parse(path).getroot()
        cid = root.get('ID') or ''
        walk(root, False, False, re.search(r'-37(\.|$)', cid) is not None)
    return out


def inflect(lemma, exceptions):
    """Base, third person, past and -ing forms: the regular ones (a non-word such as 'sayed' does no harm) plus the
    lexicon's irregular forms ('said', 'admitted')."""
    forms = {lemma}
    if re.search(r'(s|x|z|ch|sh)$', lemma): forms.add(lemma + 'es')
    elif re.search(r'[^aeiou]y$', lemma): forms.add(lemma[:-1] + 'ies')
    else: forms.add(lemma + 's')
    if lemma.endswith('e'): forms.add(lemma + 'd')
    elif re.search(r'[^aeiou]y$', lemma): forms.add(lemma[:-1] + 'ied')
    else: forms.add(lemma + 'ed')
    if lemma.endswith('ie'): forms.add(lemma[:-2] + 'ying')
    elif lemma.endswith('e') and not lemma.endswith(('ee', 'oe', 'ye')): forms.add(lemma[:-1] + 'ing')
    else: forms.add(lemma + 'ing')
    forms.update(exceptions)
    return sorted(forms)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--verbnet', required=True)
    ap.add_argument('--oewn', required=True)
    ap.add_argument('--ssa', required=True)
    ap.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', '..', 'src', 'NewsCmdlets.Engine', 'Quotes', 'Data'))
    a = ap.parse_args()

    wn, nouns, modifiers = oewn_verbs(a.oewn)
    vn = verbnet_members(a.verbnet)
    rows = {}
    for lemma in sorted(set(wn) | set(vn) | set(ADDITIONS)):
        if not re.fullmatch(r'[a-z]+(-[a-z]+)?', lemma) or lemma in FUNCTION_VERBS:
            continue
        forms, senses = wn.get(lemma, ([], []))
        sources, flags = [], set()
        # OEWN: the verb's first (most frequent) sense is one of communication (lexicographer file 32).
        if senses and senses[0][0] == 32:
            flags.update('qd')
            that = [s for lf, sub in senses if lf == 32 for s in sub if s in ('via-that', 'nonreferential-sent')]
            if that: flags.add('c')
            sources.append('oewn:verb.communication' + (',that' if that else ''))
        if lemma in vn:
            ids, quote, that = vn[lemma]
            flags.add('q')
            if any(i.startswith(('say-37.7', 'tell-37.2')) for i in ids):
                flags.add('d')
            if that: flags.add('c')
            sources.append('verbnet:' + ','.join(sorted(ids)))
        if lemma in ADDITIONS:
            flags.update(ADDITIONS[lemma])
            sources.append('newscmdlets')
        if not flags:
            continue
        if lemma in nouns:
            flags.add('n')
        if lemma in modifiers:
            flags.add('a')
        rows[lemma] = (''.join(sorted(flags, key='qcdna'.index)), ' '.join(inflect(lemma, forms)), ' '.join(sources))

    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, 'speech-verbs.tsv'), 'w', encoding='utf-8', newline='\n') as f:
        f.write('# lemma\tflags (q: introduces a quote; c: also reports a clause, indirect speech; d: saying is its usual sense, so it reports a clause without "that"; n: also a noun, so its base and -s forms may be nouns; a: also an adjective or adverb, so its base form is not taken as a verb: "out", "general")\tforms\tsources\n')
        for lemma, (flags, forms, sources) in sorted(rows.items()):
            f.write(f'{lemma}\t{flags}\t{forms}\t{sources}\n')

    # Given names: births 1920-2000 by sex; a name is a woman's or a man's when at least 85% of the babies given it were
    # girls or boys, and at least 100 were.
    counts = {}
    for year in range(1920, 2001):
        path = os.path.join(a.ssa, f'yob{year}.txt')
        if not os.path.exists(path):
            sys.exit(f'missing {path}')
        with open(path, encoding='utf-8') as f:
            for line in f:
                name, sex, n = line.strip().split(',')
                c = counts.setdefault(name, [0, 0])
                c[0 if sex == 'F' else 1] += int(n)
    genders = {}
    for name, (fem, male) in counts.items():
        total = fem + male
        if total < 100: continue
        if fem >= 0.85 * total: genders[name] = 'F'
        elif male >= 0.85 * total: genders[name] = 'M'
    with open(os.path.join(a.out, 'given-name-gender.tsv'), 'w', encoding='utf-8', newline='\n') as f:
        f.write('# given name\tF or M: at least 85% of the (at least 100) US babies given the name in 1920-2000 were girls or boys\n')
        for n in sorted(genders):
            f.write(f"{n}\t{genders[n]}\n")
    print(f'{len(rows)} speech verbs ({sum("c" in r[0] for r in rows.values())} reporting clauses, {sum("n" in r[0] for r in rows.values())} also nouns), '
          f'{len(genders)} given names with a gender -> {os.path.abspath(a.out)}', file=sys.stderr)


if __name__ == '__main__':
    main()
