import sys,re,collections
runs=sys.argv[1:]
data={}
for r in runs:
    c=collections.Counter(); tot=0
    for line in open(r+'/prof.collapsed'):
        stack,n=line.rsplit(' ',1); n=int(n); tot+=n
        t=stack.split(';')[0]
        t=re.sub(r' tid=\d+','',t); t=re.sub(r'\d+','#',t)
        if t.startswith('[Source: event-log'): t='[job source]'
        if t.startswith('[Time Trigger for Source'): t='[job source watermark timer]'
        if t.startswith('[OutputFlusher for Source'): t='[job source output flusher]'
        if t.startswith('[detect-and-escalate'): t='[camera operator]'
        c[t]+=n
    data[r]=(c,tot)
names=['[camera operator]','[vert.x-eventloop-thread-#]','[log-committer]','[job source]','[C# CompilerThre]','[GC Thread##]','[G# Conc##]','[AsyncOperations-thread-#]','[jobmanager-io-thread-#]','[rocksdb:high]','[rocksdb:low]']
print('| thread | '+' | '.join(runs)+' |')
for n in names:
    print('| '+n+' | '+' | '.join(f"{100*data[r][0][n]/data[r][1]:.2f} % ({data[r][0][n]/50/1000:.3f})" for r in runs)+' |')
print('| all | '+' | '.join(f"{data[r][1]/50/1000:.2f} cores" for r in runs)+' |')
