# slowcp.py DIR: each of the slowest probes against the checkpoints triggered within a second of its due time
import json,glob,datetime,sys
D=sys.argv[1]; cps={}
for f in glob.glob(D+'/cp-*.json'):
    try: d=json.load(open(f))
    except Exception: continue
    for h in d.get('history',[]): cps[h['id']]=h
f=json.load(open(D+'/e2e.json'))['figures'][-1]
hit=0
for s in f['slowest']:
    due=datetime.datetime.fromisoformat(s['due'].replace('Z','+00:00')).timestamp()
    near=[(c['trigger_timestamp']/1000-due, c['end_to_end_duration']) for c in cps.values() if -0.3<c['trigger_timestamp']/1000-due<0.5]
    hit+=bool(near)
    print(s['track'],s['toActionLog'],s['toDevice'],['%+.2fs (%d ms)'%n for n in near])
print(D,'slowest with a checkpoint triggered from 0.3 s before to 0.5 s after due:',hit,'of',len(f['slowest']),'; checkpoints',len(cps))
