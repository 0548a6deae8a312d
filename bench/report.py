"""Turns bench/run.sh's measurements into bench/results/<date>.md and the summary table in bench/README.md."""
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys

bench = sys.argv[1]
rows = {}
for line in os.environ["BENCH_ROWS"].splitlines():
    name, rps, p50, p99, first, rss, warm = line.split("|")
    rows[name] = {"rps": int(rps), "p50": float(p50), "p99": float(p99), "first": int(first), "rss": int(rss),
                  "warmup": int(warm)}


def ratio(a, b):
    return a / b if b else float("inf")


# (target, measured, passed): the targets, as ratios measured in this same run.
targets = [
    ("hello1401 >= 3x the Express app (req/s)", f"{ratio(rows['hello1401']['rps'], rows['node-express']['rps']):.1f}x",
     rows["hello1401"]["rps"] >= 3 * rows["node-express"]["rps"]),
    ("hello1401 >= 35% of nginx (req/s)", f"{100 * ratio(rows['hello1401']['rps'], rows['nginx']['rps']):.0f}%",
     rows["hello1401"]["rps"] >= 0.35 * rows["nginx"]["rps"]),
    ("hello1400 >= the bare Node app (req/s)", f"{ratio(rows['hello1400']['rps'], rows['node-bare']['rps']):.2f}x",
     rows["hello1400"]["rps"] >= rows["node-bare"]["rps"]),
    ("users-api GET /users >= 5x Flask (req/s)", f"{ratio(rows['users-api']['rps'], rows['flask-users']['rps']):.1f}x",
     rows["users-api"]["rps"] >= 5 * rows["flask-users"]["rps"]),
    ("users-api p99 <= 1/5 of Flask's", f"{rows['users-api']['p99']:.2f} ms vs {rows['flask-users']['p99']:.2f} ms",
     rows["users-api"]["p99"] * 5 <= rows["flask-users"]["p99"]),
    ("hello1401 first 200 with the AOT cache <= 0.6 s", f"{rows['hello1401-aot']['first'] / 1000:.2f} s",
     rows["hello1401-aot"]["first"] <= 600),
    ("users-api first 200 with the AOT cache <= 1.0 s", f"{rows['users-api-aot']['first'] / 1000:.2f} s",
     rows["users-api-aot"]["first"] <= 1000),
]
for name in ("hello1401", "hello1401-aot", "users-api", "users-api-aot"):
    targets.append((f"{name} resident memory after load <= 150 MB", f"{rows[name]['rss']} MB", rows[name]["rss"] <= 150))


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
    lines = ["| server | req/s | p50 ms | p99 ms | first 200 (s) | RSS after load (MB) | warm-up (s) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, r in rows.items():
        lines.append(f"| {name} | {r['rps']:,} | {r['p50']:.2f} | {r['p99']:.2f} | {r['first'] / 1000:.2f} | {r['rss']} "
                     f"| {r['warmup']} |")
    return "\n".join(lines)


today = datetime.date.today().isoformat()
sizes = image_sizes()
java = subprocess.run([os.environ["JAVA25"], "-version"], capture_output=True, text=True).stderr.splitlines()[0]
setup = (f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), {java}, wrk -t1 "
         f"-c{os.environ['CONNECTIONS']} for {os.environ['DURATION']} s after warming up until two {os.environ['WARMUP']} s rounds "
         f"agree within 5 % (at most {os.environ['WARMUP_MAX']} s); server and wrk pinned to separate cores.")
result = [f"# Benchmark {today}", "", setup, "", table(), "", "## Targets", "", "| target | measured | met |", "|---|---|---|"]
result += [f"| {t} | {m} | {'yes' if ok else 'no'} |" for t, m, ok in targets]
result += ["", "## Image sizes", ""]
result += [f"- `java-cluster/{m}`: {s} MB" for m, s in sizes.items()] or ["Not measured: no container engine with the images on this machine (build them first, e.g. `bash ci/container-smoke.sh`)."]
result += ["", "## Raw", "", "```json", json.dumps(rows, indent=2), "```", ""]
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
