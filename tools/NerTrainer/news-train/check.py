# Checks a bracket-annotated file: python3 check.py FILE [PLAIN]
# With PLAIN (the unannotated tokens, one sentence a line), also checks the tokens are exactly those of PLAIN.
import sys, re
TYPES = ('PER', 'ORG', 'LOC', 'MISC')
def parse(line):
    toks = []; ents = []; cur = None; start = 0; errs = []
    for p in line.split(' '):
        if p == '': errs.append('double space'); continue
        if p.startswith('[') and p[1:] in TYPES:
            if cur: errs.append('nested or unclosed entity before ' + p)
            cur = p[1:]; start = len(toks); continue
        if p.startswith('[') and len(p) > 1 and p[1:].isupper() and p[1:].isalpha() and p not in ('[',):
            errs.append('unknown entity type ' + p)
        end = False
        if p.endswith(']') and p != ']' and cur:
            p = p[:-1]; end = True
        if p.endswith(']') and p != ']' and not cur: errs.append('closing bracket without opening: ' + p)
        toks.append(p)
        if end:
            if len(toks) == start: errs.append('empty entity')
            ents.append((start, len(toks), cur)); cur = None
    if cur: errs.append('unclosed entity ' + cur)
    return toks, ents, errs
def main():
    lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
    if lines and lines[-1] == '': lines = lines[:-1]
    plain = None
    if len(sys.argv) > 2:
        plain = open(sys.argv[2], encoding='utf-8').read().split('\n')
        if plain and plain[-1] == '': plain = plain[:-1]
        if len(plain) != len(lines): print(f'line count differs: {len(lines)} annotated, {len(plain)} plain'); 
    n_err = 0; n_tok = 0; n_ent = 0; counts = {t: 0 for t in TYPES}
    for i, line in enumerate(lines, 1):
        if line.strip() == '':
            if line != '': print(f'{i}: blank line with spaces'); n_err += 1
            continue
        toks, ents, errs = parse(line)
        n_tok += len(toks); n_ent += len(ents)
        for a, b, t in ents: counts[t] += 1
        for t in toks:
            if re.search(r'\w[,;:!?")]$', t) and not re.match(r'^[A-Z]\.$', t):
                errs.append('punctuation attached to a token: ' + t)
            if re.match(r"^\w+'s$", t) or re.match(r"^\w+’s$", t): errs.append("possessive not split: " + t)
        if plain is not None and i - 1 < len(plain) and toks != plain[i - 1].split(' ') and plain[i - 1].strip() != '':
            errs.append('tokens differ from the plain text')
        for e in errs: print(f'{i}: {e}: {line[:100]}'); n_err += 1
    print(f'{n_tok} tokens, {n_ent} entities {counts}, {n_err} problem(s)')
main()
