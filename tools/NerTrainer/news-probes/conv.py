# Turns a bracket-labelled probe file into plain tokens, one sentence a line: python3 conv.py plain GOLD.txt
import sys
def parse(line):
    toks=[];tags=[];cur=None;first=False
    for p in line.split():
        if p.startswith('[') and len(p)>1 and p[1:] in ('PER','ORG','LOC','MISC'):
            cur=p[1:];first=True;continue
        end=False
        if p.endswith(']') and cur and p!=']':
            p=p[:-1];end=True
        toks.append(p);tags.append(('B-' if first else 'I-')+cur if cur else 'O');first=False
        if end: cur=None
    return toks,tags
if __name__=="__main__":
    for line in open(sys.argv[2]):
        line=line.rstrip('\n')
        if not line.strip(): print(); continue
        t,g=parse(line)
        print(' '.join(t))
