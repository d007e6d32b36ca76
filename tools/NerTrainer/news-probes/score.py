# Scores the tagger on a bracket-labelled probe file: python3 score.py GOLD.txt PRED.txt [-v]
# GOLD: one sentence a line, "[PER Pete Sampras] beat ..."; PRED: the output of `NerTrainer tag` on `conv.py plain GOLD.txt`.
import sys
import os; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conv import parse
def spans(tags):
    out=set();i=0
    while i<len(tags):
        t=tags[i]
        if t!='O':
            ty=t[2:];j=i+1
            while j<len(tags) and tags[j]=='I-'+ty: j+=1
            if ty in('PER','ORG','LOC'): out.add((i,j,ty))
            i=j
        else: i+=1
    return out
gold=[l.rstrip('\n') for l in open(sys.argv[1]) if l.strip()]
pred=[l.rstrip('\n') for l in open(sys.argv[2]) if l.strip()]
assert len(gold)==len(pred),(len(gold),len(pred))
tp=fp=fn=0;verbose='-v' in sys.argv
per={}
for g,p in zip(gold,pred):
    gt,gg=parse(g)
    pt=[];pg=[]
    for x in p.split():
        if '/' in x and x.rsplit('/',1)[1][:2] in('B-','I-'): a,b=x.rsplit('/',1)
        else: a,b=x,'O'
        pt.append(a);pg.append(b)
    assert pt==gt,(pt,gt)
    G=spans(gg);P=spans(pg)
    tp+=len(G&P);fp+=len(P-G);fn+=len(G-P)
    if verbose and G!=P:
        print('  missed:',[ (' '.join(gt[a:b]),t) for a,b,t in G-P],' wrong:',[(' '.join(gt[a:b]),t) for a,b,t in P-G])
pr=tp/(tp+fp) if tp+fp else 0;rc=tp/(tp+fn)
print(f"P {pr:.3f} R {rc:.3f} F1 {2*pr*rc/(pr+rc):.3f}  tp {tp} fp {fp} fn {fn}")
