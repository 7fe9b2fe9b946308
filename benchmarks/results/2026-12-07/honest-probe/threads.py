# threads.py PID OUT: every second, the CPU ticks of each thread group of process PID (digits and # dropped from thread names), with the machine's total and idle ticks, from /proc
import os,sys,time,re,collections
pid=sys.argv[1]; out=open(sys.argv[2],'w')
def groups():
    g=collections.Counter()
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            s=open(f'/proc/{pid}/task/{tid}/stat').read()
        except OSError: continue
        name=s[s.index('(')+1:s.rindex(')')]; f=s[s.rindex(')')+2:].split()
        name=re.sub(r'[#\d]+','',name).strip()
        g[name]+=int(f[11])+int(f[12])
    return g
def cpu():
    f=open('/proc/stat').readline().split()[1:]; f=list(map(int,f)); return sum(f), f[3]+f[4]
while os.path.exists(f'/proc/{pid}'):
    try: g=groups()
    except FileNotFoundError: break
    tot,idle=cpu()
    out.write(f"T {time.time():.2f} total={tot} idle={idle} "+" ".join(f"{k.replace(' ','_')}={v}" for k,v in g.items())+"\n"); out.flush()
    time.sleep(1)
