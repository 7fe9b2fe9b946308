# thrsum.py DIR [STEP]: cores used per thread group over time, from DIR/threads.txt (gridwarden) and DIR/threads-lg.txt (the load generator), and the machine's idle cores
import os,sys,collections
D=sys.argv[1]; step=int(sys.argv[2]) if len(sys.argv)>2 else 10
def load(f):
    rows=[]
    for line in open(f):
        p=line.split(); t=float(p[1]); kv=dict(x.split('=',1) for x in p[2:])
        rows.append((t,{k:int(v) for k,v in kv.items()}))
    return rows
a=load(D+'/threads.txt'); lg={round(t):r for t,r in load(D+'/threads-lg.txt')}
groups={'detect':'detect-and-esc','source':'Source:_event-l','evloop':'vert.x-eventloo','committer':'log-committer','JIT':'C_CompilerThre','GC':'GC_Thread','G1':'G','rocksdb':'rocksdb:'}
def grp(k):
    for g,p in groups.items():
        if k.startswith(p): return g
    return 'other'
HZ=100
print("   t   idle  lgen "+" ".join(f"{g:>6}" for g in list(groups)+['other']))
for i in range(step,len(a),step):
    (t0,r0),(t1,r1)=a[i-step],a[i]; dt=t1-t0
    c=collections.Counter()
    for k,v in r1.items():
        if k in ('total','idle'): continue
        c[grp(k)]+=v-r0.get(k,0)
    ncpu=os.cpu_count()
    idle=(r1['idle']-r0['idle'])/((r1['total']-r0['total']) or 1)*ncpu
    l0=lg.get(round(t0)); l1=lg.get(round(t1))
    lgc=(sum(v for k,v in l1.items() if k not in('total','idle'))-sum(v for k,v in l0.items() if k not in('total','idle')))/HZ/dt if l0 and l1 else float('nan')
    print(f"{t1-a[0][0]:4.0f} {idle:6.2f} {lgc:5.2f} "+" ".join(f"{c[g]/HZ/dt:6.2f}" for g in list(groups)+['other']))
