# slowacks.py DIR: ingest acks over 25/50 ms (ingest's own histogram, sampled every 0.2 s) in each slow probe's
# release window [due + 0.25 s, due + toActionLog], against all windows of the same length over the load
import json,datetime,sys,bisect
D=sys.argv[1]
rows=[];t=None;cur={}
for line in open(D+'/acks.txt'):
    if line.startswith('T '):
        if cur: rows.append((t,cur))
        t=float(line.split()[1]);cur={};continue
    if 'le="' in line:
        le=line.split('le="')[1].split('"')[0]; cur[le]=float(line.split()[-1])
    elif '_count' in line: cur['count']=float(line.split()[-1])
if cur: rows.append((t,cur))
ts=[r[0] for r in rows]
def over(a,b,le):
    i=max(0,bisect.bisect_right(ts,a)-1); j=min(len(rows)-1,bisect.bisect_left(ts,b))
    A,B=rows[i][1],rows[j][1]
    return (B['count']-B[le])-(A['count']-A[le]), B['count']-A['count']
f=json.load(open(D+'/e2e.json'))['figures'][-1]
for s in f['slowest']:
    due=datetime.datetime.fromisoformat(s['due'].replace('Z','+00:00')).timestamp()
    a,b=due+0.25,due+s['toActionLog']/1000
    o25,n=over(a,b,'0.025'); o50,_=over(a,b,'0.05')
    print(s['track'],s['toActionLog'],f'acks in window {n:.0f}, over 25 ms {o25:.0f}, over 50 ms {o50:.0f}')
# baseline: fraction of 0.2 s slots (steady part) with any ack over 50 ms / 25 ms
st=[i for i in range(1,len(rows)) if rows[i][1]['count']-rows[i-1][1]['count']>50]
import random
random.seed(1)
w=[]
for _ in range(3000):
    a=random.uniform(ts[st[0]],ts[st[-1]]-0.5); n=random.uniform(0.08,0.15)
    o25,c=over(a,a+n,'0.025'); o50,_=over(a,a+n,'0.05'); w.append((o25,o50,c))
print('random windows of 80-150 ms: acks over 25 ms in %.0f %%, over 50 ms in %.0f %%; median over 25 ms %d'%(100*sum(1 for x in w if x[0]>0)/len(w),100*sum(1 for x in w if x[1]>0)/len(w),sorted(x[0] for x in w)[len(w)//2]))
if st:
    sl=[(rows[i][1]['count']-rows[i][1]['0.05'])-(rows[i-1][1]['count']-rows[i-1][1]['0.05']) for i in st]
    s25=[(rows[i][1]['count']-rows[i][1]['0.025'])-(rows[i-1][1]['count']-rows[i-1][1]['0.025']) for i in st]
    print('slots',len(st),'with an ack over 50 ms: %.1f %%'%(100*sum(1 for x in sl if x>0)/len(st)),'over 25 ms: %.1f %%'%(100*sum(1 for x in s25 if x>0)/len(st)))
