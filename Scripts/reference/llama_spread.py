#!/usr/bin/env python3
"""How far llama.cpp's own log-probabilities move between its configurations (flash attention on/off, batch
size 1), measured against shared/golden/logprobs.json (made with flash attention off, batch 512).
Usage: python3 llama_spread.py MODEL.gguf GOLDEN.json  (needs llama-cpp-python: shared/tools/peers/setup.sh)
"""
import json, numpy as np, sys
from llama_cpp import Llama
M=sys.argv[1]
gold=json.load(open(sys.argv[2]))
for kw in [dict(), dict(flash_attn=True), dict(flash_attn=False), dict(n_threads=1), dict(n_batch=1, n_ubatch=1)]:
    try:
        llm=Llama(model_path=M, logits_all=True, n_ctx=512, n_threads=kw.pop('n_threads',2), verbose=False, **kw)
    except Exception as e:
        print(kw, 'ERR', e); continue
    diffs=[]
    for g in gold:
        ids=g['ids']; llm.reset(); llm.eval(ids)
        L=np.array(llm.scores[:len(ids)],dtype=np.float64); m=L.max(1,keepdims=True); lse=m[:,0]+np.log(np.exp(L-m).sum(1))
        lp=[L[i-1,ids[i]]-lse[i-1] for i in range(1,len(ids))]
        diffs+= [abs(a-b) for a,b in zip(lp,g['logprobs'][1:])]
        if g is gold[0]: print(kw, ' '.join('%.3f'%v for v in lp))
    print('  mean diff vs golden %.4f max %.4f'%(np.mean(diffs),np.max(diffs)))
