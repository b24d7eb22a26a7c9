"""Run a command and report how the machine's CPU time was shared while it ran.

    python bench/cpuwatch.py DBNAME -- python bench/load.py ...

"bench" is gunicorn, the load generator and the PostgreSQL backends of DBNAME; "other" is every
other process. A pass during which "other" is more than a few percent measured a shared machine.
"""

import os
import subprocess
import sys

HZ = os.sysconf("SC_CLK_TCK")


def machine():
    v = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return v[3] + v[4], sum(v)  # idle + iowait, total


def processes(db):
    ours = other = 0
    me = str(os.getpid())  # our own cmdline names bench/load.py; its time is added once, below
    for pid in filter(str.isdigit, os.listdir("/proc")):
        if pid == me:
            continue
        try:
            stat = open(f"/proc/{pid}/stat").read()
            cmd = open(f"/proc/{pid}/cmdline").read().replace("\0", " ")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        ticks = sum(int(x) for x in fields[11:15])  # utime, stime, cutime, cstime (reaped children)
        if "gunicorn" in cmd or "bench/load.py" in cmd or (cmd.startswith("postgres:") and f" {db} " in cmd):
            ours += ticks
        else:
            other += ticks
    return ours, other


def main() -> int:
    db, _sep, command = sys.argv[1], sys.argv[2], sys.argv[3:]
    idle0, total0 = machine()
    ours0, _ = processes(db)
    rc = subprocess.call(command)
    idle1, total1 = machine()
    ours1, _ = processes(db)
    total = max(1, total1 - total0)
    idle = idle1 - idle0
    # load.py has exited and been reaped by us: its time is in our own cutime/cstime.
    mine = sum(os.times()[2:4]) * HZ
    bench = ours1 - ours0 + mine
    other = max(0, total - idle - bench)
    print(
        f"  CPU during the pass: bench {100 * bench / total:.0f}%, other processes {100 * other / total:.0f}%, "
        f"idle {100 * idle / total:.0f}% (of {os.cpu_count()} cores)",
        flush=True,
    )
    return rc


if __name__ == "__main__":
    sys.exit(main())
