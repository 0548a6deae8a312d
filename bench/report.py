"""Turns bench/run.sh's measurements into bench/results/<date>.md and the summary table in bench/README.md."""
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys

bench = sys.argv[1]
rows = {}
for line in os.environ["BENCH_ROWS"].splitlines():
    name, rps, p50, p99, starts, rss, warm = line.split("|")
    starts = sorted(int(ms) for ms in starts.split())
    rows[name] = {"rps": int(rps), "p50": float(p50), "p99": float(p99), "first": statistics.median(starts),
                  "first_max": starts[-1], "starts": starts, "rss": int(rss), "warmup": int(warm)}
# Pairs measured side by side in alternating rounds: B's req/s over A's, one ratio per round.
pairs = {}
for line in os.environ.get("BENCH_PAIRS", "").splitlines():
    a, b, ratios = line.split("|")
    pairs[b] = {"against": a, "ratios": [float(r) for r in ratios.split()]}


def ratio(a, b):
    return a / b if b else float("inf")


def target(text, needs, measured, passed):
    """A target whose rows were not all measured (SERVERS= runs a subset) is left out."""
    if all(n in rows for n in needs):
        targets.append((text, measured(), passed()))


FLOOR = "micronaut-minimal"
targets = []
# The targets, as ratios measured in this same run: each service against the bare Micronaut app.
for service, times, extra in (("hello1401", 1.15, 25), ("echo", 1.15, 25), ("hello-chain", 1.15, 25), ("users-api", 1.4, 50)):
    for suffix, cache in (("", ""), ("-aot", " with its cache")):
        s, f = service + suffix, FLOOR + suffix
        target(f"{s} first 200 <= {times}x the floor's{cache}", (s, f),
               lambda: f"{rows[s]['first'] / 1000:.2f} s vs {rows[f]['first'] / 1000:.2f} s ({ratio(rows[s]['first'], rows[f]['first']):.2f}x)",
               lambda: rows[s]["first"] <= times * rows[f]["first"])
        target(f"{s} RSS after load <= the floor's + {extra} MB", (s, f),
               lambda: f"{rows[s]['rss']} MB vs {rows[f]['rss']} MB (+{rows[s]['rss'] - rows[f]['rss']})",
               lambda: rows[s]["rss"] <= rows[f]["rss"] + extra)
target("hello1401 >= 50% of nginx (req/s)", ("hello1401", "nginx"),
       lambda: f"{100 * ratio(rows['hello1401']['rps'], rows['nginx']['rps']):.0f}%",
       lambda: rows["hello1401"]["rps"] >= 0.5 * rows["nginx"]["rps"])
target("users-api GET /users >= 10x Flask (req/s)", ("users-api", "flask-users"),
       lambda: f"{ratio(rows['users-api']['rps'], rows['flask-users']['rps']):.1f}x",
       lambda: rows["users-api"]["rps"] >= 10 * rows["flask-users"]["rps"])
# The auth targets: the median of the side-by-side rounds, not the two rows above, which ran minutes apart.
for b, text, share in (("users-api-get-auth", "users-api GET /users with AUTH_JWKS_URL set >= 95% of without", 0.95),
                       ("users-api-post-auth", "users-api POST /users with a token >= 80% of without", 0.8)):
    if b in pairs:
        rounds = pairs[b]["ratios"]
        target(f"{text} (req/s, median of {len(rounds)} side-by-side rounds)", (b,),
               lambda: f"{100 * statistics.median(rounds):.0f}% ({', '.join(f'{100 * r:.0f}' for r in rounds)})",
               lambda: statistics.median(rounds) >= share)
for s, jdk in (("hello1400", "JDK 25"), ("hello1400-jdk17", "JDK 17")):
    target(f"hello1400 >= the bare Node app on {jdk} (req/s)", (s, "node-bare"),
           lambda: f"{ratio(rows[s]['rps'], rows['node-bare']['rps']):.2f}x",
           lambda: rows[s]["rps"] >= rows["node-bare"]["rps"])
# Earlier targets, kept so that runs stay comparable.
target("hello1401 >= 3x the Express app (req/s)", ("hello1401", "node-express"),
       lambda: f"{ratio(rows['hello1401']['rps'], rows['node-express']['rps']):.1f}x",
       lambda: rows["hello1401"]["rps"] >= 3 * rows["node-express"]["rps"])
target("users-api p99 <= 1/5 of Flask's", ("users-api", "flask-users"),
       lambda: f"{rows['users-api']['p99']:.2f} ms vs {rows['flask-users']['p99']:.2f} ms",
       lambda: rows["users-api"]["p99"] * 5 <= rows["flask-users"]["p99"])
for s, limit in (("hello1401-aot", 600), ("users-api-aot", 1000)):
    target(f"{s} first 200 <= {limit / 1000:.1f} s", (s,), lambda: f"{rows[s]['first'] / 1000:.2f} s",
           lambda: rows[s]["first"] <= limit)
for s in ("hello1401", "hello1401-aot", "users-api", "users-api-aot"):
    target(f"{s} resident memory after load <= 150 MB", (s,), lambda: f"{rows[s]['rss']} MB", lambda: rows[s]["rss"] <= 150)


def image_sizes():
    engine = shutil.which("podman") or shutil.which("docker")
    if not engine:
        return {}
    sizes = {}
    for module in ("hello1400", "hello1401", "hello-chain", "echo", "users-api", "db-migrations", "gateway"):
        out = subprocess.run([engine, "image", "inspect", f"java-cluster/{module}:1.0.0", "--format", "{{.Size}}"],
                             capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            sizes[module] = int(out.stdout.strip()) // (1024 * 1024)
    return sizes


def table():
    lines = ["| server | req/s | p50 ms | p99 ms | first 200 (s) | max (s) | RSS after load (MB) | warm-up (s) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in rows.items():
        lines.append(f"| {name} | {r['rps']:,} | {r['p50']:.2f} | {r['p99']:.2f} | {r['first'] / 1000:.2f} "
                     f"| {r['first_max'] / 1000:.2f} | {r['rss']} | {r['warmup']} |")
    return "\n".join(lines)


today = datetime.date.today().isoformat()
sizes = image_sizes()
java25, java17 = (subprocess.run([os.environ[v], "-version"], capture_output=True, text=True).stderr.splitlines()[0]
                  for v in ("JAVA25", "JAVA17"))
setup = (f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), {java25} ({java17} for the -jdk17 rows), "
         f"wrk -t1 -c{os.environ['CONNECTIONS']} for {os.environ['DURATION']} s after warming up until three {os.environ['WARMUP']} s "
         f"rounds agree within 5 % (at most {os.environ['WARMUP_MAX']} s); server and wrk pinned to separate cores. First 200: "
         f"median and max of {os.environ['START_RUNS']} starts per server, in rounds that start every server once in turn. "
         f"The floor is micronaut-minimal, a bare Micronaut app; hello-chain calls its upstream, which runs on the load core. "
         f"The auth targets compare two servers running side by side, both warmed, over {os.environ['PAIR_ROUNDS']} "
         f"rounds of {os.environ['DURATION']} s that alternate which goes first (the ratio of each round in brackets).")
result = [f"# Benchmark {today}", "", setup, "", table(), "", "## Targets", "", "| target | measured | met |", "|---|---|---|"]
result += [f"| {t} | {m} | {'met' if ok else 'missed'} |" for t, m, ok in targets]
result += ["", "## Image sizes", ""]
result += [f"- `java-cluster/{m}`: {s} MB" for m, s in sizes.items()] or ["Not measured: no container engine with the images on this machine (build them first, e.g. `bash ci/container-smoke.sh`)."]
result += ["", "## Raw", "", "```json", json.dumps({"rows": rows, "side_by_side": pairs}, indent=2), "```", ""]
os.makedirs(os.path.join(bench, "results"), exist_ok=True)
with open(os.path.join(bench, "results", f"{today}.md"), "w") as f:
    f.write("\n".join(result))

readme = os.path.join(bench, "README.md")
text = open(readme).read()
start, end = "<!-- results:start -->", "<!-- results:end -->"
summary = f"{start}\nLatest run ({today}, [full results](results/{today}.md)):\n\n{table()}\n\n" \
          f"Targets met: {sum(ok for _, _, ok in targets)} of {len(targets)}.\n{end}"
with open(readme, "w") as f:
    f.write(text[:text.index(start)] + summary + text[text.index(end) + len(end):])
print("\n".join(result[:len(result) - 6]))
print(f"\n{sum(ok for _, _, ok in targets)} passed, {sum(not ok for _, _, ok in targets)} failed")
