#!/usr/bin/env python3
"""Turns a rendered kustomize overlay or Helm chart into what `podman kube play` (4.3) runs, translating as little
as possible.

Usage: translate.py RENDERED.yaml OUT-DIR --cluster-dns IP [--publish SERVICE=HOST-PORT | pod/POD=HOST-PORT]...
       [--emptydir-root DIR]

Writes into OUT-DIR:
  pod-<name>.yaml         one file per pod: the ConfigMaps it reads, a PersistentVolumeClaim per volumeClaimTemplate,
                          and a `kind: Pod` whose spec is the workload's pod template as written, but for the below
  secret-<name>.json      each Secret's data map as JSON, for `podman secret create`
  plan.tsv                level, pod, file, workload, DNS aliases (the Services whose selector picks the pod), the
                          127.0.0.1 ports published for it (by podman on the first pod, spread by the script), and
                          "serve" or "complete" (a Job's pod or a `helm test` pod, which must exit 0)
  expect.tsv              what the script asserts per container: identity, probes, env resolved from ConfigMaps/Secrets
  secret-names, volume-names, not-run   what the teardown removes; the kinds nothing here runs

The translations (each also listed in ci/k8s-smoke.sh's header):
  Pod                      -> itself
  Deployment (replicas N)  -> N Pods named <name>-<template hash>-<5 chars>, as a ReplicaSet names them
  Job                      -> one Pod <name>-<5 chars>, as the Job controller names it (no retries: backoffLimit
                              is not emulated, the one pod must exit 0)
  StatefulSet              -> Pods <name>-0..N-1; each volumeClaimTemplate -> a
                              PersistentVolumeClaim <claim>-<pod>, which podman makes a named volume
  Service                  -> the DNS alias(es) of the pods its selector picks (plan.tsv), for `--network NET:alias=`:
                              its name and its full name <name>.<namespace>.svc.cluster.local
  env                      -> fieldRef metadata.namespace and $(NAME) references filled in, as the kubelet does
  Secret                   -> its data map as JSON ({"key": "<base64>"}), the one form podman 4.3's secretKeyRef
                              reads; its own `kind: Secret` play stores YAML, which that reader rejects
                              ("not valid JSON"; reworked upstream in containers/podman#16631)
  emptyDir                 -> hostPath <emptydir-root>/<pod>/<volume>, made as a kubelet makes an emptyDir (0777,
                              group fsGroup + setgid); podman 4.3's emptyDir is one named volume per volume name
                              ("tmp", "run"), shared by every pod and owned as its first copy-up found
  secret volume            -> hostPath <emptydir-root>/<pod>/<volume>: the Secret's keys (or its items) as files,
                              mode defaultMode (0644), group fsGroup and group-readable, as a kubelet writes them; the
                              secrets here are stored in the JSON form secretKeyRef reads (above), not podman's own.
                              A kubelet's is a tmpfs of symlinks that it updates when the Secret changes; these are
                              plain files written once, which is all a pod that reads its key at start can tell
  containers' ports        -> dropped, but the published one: podman 4.3 publishes every containerPort on the host
                              (0.0.0.0, hostPort = containerPort); in Kubernetes a containerPort publishes nothing
  type: NodePort Service   -> hostIP 127.0.0.1, hostPort nodePort on the target port of the first pod it picks
                              (podman binds a host port once; the script spreads it over the others, as kube-proxy)
  --publish SVC=PORT       -> the same with PORT, for a port-forward to a Service; pod/POD=PORT: to the pod's first
                              container port
  dnsPolicy ClusterFirst   -> dnsPolicy None with the resolv.conf a kubelet writes: --cluster-dns alone, the
                              namespace's search domains, ndots:5. podman 4.3 adds the host's own nameservers after
                              aardvark-dns, which know no Service: nginx asks its resolvers in turn, so every other
                              lookup of a Service name answered NXDOMAIN and the gateway 502
  pod with initContainers  -> restartPolicy OnFailure (podman 4.3 gives init containers the pod's policy: under
                              Always, a migrate that exited 0 starts again and kube play fails removing it) and
                              podman's "always" init type, which keeps the exited init container inspectable
Ordering: a pod's level is one more than the highest level among the pods behind the Services its env names
(host names in the values, after ConfigMap and Secret resolution; a value that is only a name counts in a *_HOST
variable alone); the script plays level by level and waits for
readiness in between, which stands in for Kubernetes restarting a container until what it needs answers.
Helm hooks (the helm.sh/hook annotation) order above that, as `helm install --wait` then `helm test` run them:
pre-install pods, the release's own pods, post-install pods, then test pods. Hook-delete policies are not
emulated; a hook that is only pre-upgrade, pre-rollback and the like does not run on an install.
CronJob, like every kind not named above, is listed in not-run.
"""
import argparse
import base64
import copy
import hashlib
import json
import os
import random
import re
import sys

import yaml

SAFE = "bcdfghjklmnpqrstvwxz2456789"  # the alphabet Kubernetes uses for generated name suffixes


def safe_hash(obj, length=10):
    digest = hashlib.sha256(json.dumps(obj, sort_keys=True).encode()).digest()
    return "".join(SAFE[b % len(SAFE)] for b in digest[:length])


def random_suffix(rng, length=5):
    return "".join(rng.choice(SAFE) for _ in range(length))


def memory_bytes(quantity):
    units = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "k": 10**3, "M": 10**6, "G": 10**9}
    for suffix, factor in units.items():
        if str(quantity).endswith(suffix):
            return int(float(str(quantity)[:-len(suffix)]) * factor)
    return int(quantity)


# The order `helm install --wait` and then `helm test` give hooks; None: not run on an install.
PHASES = {"pre-install": 0, None: 1, "post-install": 2, "test": 3}


def phase_of(doc):
    hooks = doc["metadata"].get("annotations", {}).get("helm.sh/hook")
    if hooks is None:
        return PHASES[None]
    wanted = [PHASES[h.strip()] for h in hooks.split(",") if h.strip() in PHASES]
    return min(wanted) if wanted else None


def selects(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rendered")
    parser.add_argument("out")
    parser.add_argument("--publish", action="append", default=[])
    parser.add_argument("--emptydir-root", help="where each pod's emptyDir directories are made (default OUT/emptydir)")
    parser.add_argument("--cluster-dns", required=True, help="the address of the network's DNS server (aardvark-dns)")
    args = parser.parse_args()

    with open(args.rendered) as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    configmaps = {d["metadata"]["name"]: d for d in by_kind.get("ConfigMap", [])}
    secrets = {d["metadata"]["name"]: d for d in by_kind.get("Secret", [])}
    services = by_kind.get("Service", [])
    publish = dict(p.split("=", 1) for p in args.publish)
    # A NodePort Service's nodePort, on 127.0.0.1 (the node's port); --publish pod/NAME=PORT is a port-forward.
    for s in services:
        if s["spec"].get("type") == "NodePort":
            publish.setdefault(s["metadata"]["name"], s["spec"]["ports"][0]["nodePort"])
    taken = set()
    os.makedirs(args.out, exist_ok=True)
    args.emptydir_root = os.path.abspath(args.emptydir_root or os.path.join(args.out, "emptydir"))
    rng = random.Random()

    def secret_value(name, key):
        s = secrets[name]
        if key in s.get("data", {}):
            return base64.b64decode(s["data"][key]).decode()
        return s["stringData"][key]

    def expand(value, defined):
        """$(NAME) as the kubelet expands it: names defined earlier in the list; $$( escapes; others stay as written."""
        return re.sub(r"\$(\$|\(([A-Za-z_][A-Za-z0-9_]*)\))",
                      lambda m: "$" if m.group(1) == "$" else defined.get(m.group(2), m.group(0)), value)

    def resolve(env, namespace):
        """(name, value, source) for every env entry; source is None for a literal value."""
        out = []
        defined = {}
        for e in env or []:
            if "value" in e:
                out.append((e["name"], expand(str(e["value"]), defined), None))
                defined[e["name"]] = out[-1][1]
                continue
            vf = e.get("valueFrom", {})
            if vf.get("fieldRef", {}).get("fieldPath") == "metadata.namespace":
                out.append((e["name"], namespace, "fieldRef metadata.namespace"))
            elif "configMapKeyRef" in vf:
                r = vf["configMapKeyRef"]
                out.append((e["name"], str(configmaps[r["name"]]["data"][r["key"]]), "configMapKeyRef %s/%s" % (r["name"], r["key"])))
            elif "secretKeyRef" in vf:
                r = vf["secretKeyRef"]
                out.append((e["name"], secret_value(r["name"], r["key"]), "secretKeyRef %s/%s" % (r["name"], r["key"])))
            else:
                sys.exit("unsupported env source in %s: %s" % (e["name"], vf))
            defined[e["name"]] = out[-1][1]
        return out

    # Pods: (pod name, workload "Kind/name", template, claim templates, phase, "serve" or "complete")
    pods = []
    workload_namespace = {"%s/%s" % (d["kind"], d["metadata"]["name"]): d["metadata"].get("namespace", "default") for d in docs}
    skipped_hooks = [d for d in docs if d["kind"] in ("Pod", "Job") and phase_of(d) is None]
    for w in by_kind.get("Deployment", []) + by_kind.get("StatefulSet", []):
        name = w["metadata"]["name"]
        replicas = w["spec"].get("replicas", 1)
        template = w["spec"]["template"]
        if w["kind"] == "Deployment":
            rs = "%s-%s" % (name, safe_hash(template))
            names = set()
            while len(names) < replicas:
                names.add("%s-%s" % (rs, random_suffix(rng)))
            for pod in sorted(names):
                pods.append((pod, "Deployment/" + name, template, [], phase_of(w), "serve"))
        else:
            for i in range(replicas):
                pods.append(("%s-%d" % (name, i), "StatefulSet/" + name, template, w["spec"].get("volumeClaimTemplates", []),
                             phase_of(w), "serve"))
    for j in by_kind.get("Job", []):
        if phase_of(j) is not None:
            pods.append(("%s-%s" % (j["metadata"]["name"], random_suffix(rng)), "Job/" + j["metadata"]["name"],
                         j["spec"]["template"], [], phase_of(j), "complete"))
    for d in by_kind.get("Pod", []):
        if phase_of(d) is not None:
            run = "complete" if d["spec"].get("restartPolicy") in ("Never", "OnFailure") else "serve"
            pods.append((d["metadata"]["name"], "Pod/" + d["metadata"]["name"], d, [], phase_of(d), run))
    for kind in ("DaemonSet", "ReplicaSet"):
        if by_kind.get(kind):
            sys.exit("translate.py does not handle %s yet" % kind)

    service_names = {s["metadata"]["name"] for s in services}
    plan = []
    expect = []
    claim_names = []
    deps = {}
    phase = {}
    for pod, workload, template, claims, pod_phase, run in pods:
        phase[pod] = pod_phase
        labels = template["metadata"].get("labels", {})
        spec = copy.deepcopy(template["spec"])
        pod_sc = spec.get("securityContext", {})
        namespace = template["metadata"].get("namespace") or workload_namespace.get(workload, "default")
        aliases = [s["metadata"]["name"] for s in services if selects(s["spec"].get("selector"), labels)]
        # Cluster DNS answers a Service's short name (through the search domains) and its full name.
        dns_names = [n for a in aliases for n in (a, "%s.%s.svc.cluster.local" % (a, namespace))]
        published = []
        used_cms, used_secrets, names_in_env = set(), set(), set()
        for kind in ("initContainers", "containers"):
            for c in spec.get(kind, []):
                # What Kubernetes applies: the container's own fields over the pod's (podman 4.3 does the same).
                sc = dict(pod_sc, **c.get("securityContext", {}))
                for e in c.get("env", []):
                    vf = e.get("valueFrom", {})
                    if "configMapKeyRef" in vf:
                        used_cms.add(vf["configMapKeyRef"]["name"])
                    if "secretKeyRef" in vf:
                        used_secrets.add(vf["secretKeyRef"]["name"])
                cname = "%s-%s" % (pod, c["name"])
                role = "init" if kind == "initContainers" else "app" if run == "serve" else "run"
                expect.append(["container", cname, role, pod, str(sc.get("runAsUser", "")), str(sc.get("runAsGroup", "")),
                               str(sc.get("readOnlyRootFilesystem", False)).lower(), c["image"],
                               str(memory_bytes(c.get("resources", {}).get("limits", {}).get("memory", "0")))])
                resolved = resolve(c.get("env"), namespace)
                # What the kubelet hands the container: the namespace and $(NAME) references filled in.
                for e, (_, value, source) in zip(c.get("env") or [], resolved):
                    if source is None or source.startswith("fieldRef"):
                        e.pop("valueFrom", None)
                        e["value"] = value
                for name, value, source in resolved:
                    for svc in service_names:
                        # A bare name is a host only in a *_HOST variable: auth-db's POSTGRES_DB=auth names no Service.
                        if value == svc and not name.endswith("HOST"):
                            continue
                        if re.search(r"(^|[/@:=\s])%s(:\d+|$|/|\.)" % re.escape(svc), value):
                            names_in_env.add(svc)
                    if source:
                        secret = source.startswith("secretKeyRef")
                        expect.append(["env", cname, name, value, source, "secret" if secret else "plain"])
                ports = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
                for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
                    p = c.get(probe)
                    if not p or role != "app":
                        continue
                    period = p.get("periodSeconds", 10)
                    threshold = p.get("failureThreshold", 3)
                    timeout = p.get("timeoutSeconds", 1)
                    if "httpGet" in p:
                        port = p["httpGet"]["port"]
                        port = ports.get(port, port)
                        how, target = "http", "%s:%s" % (port, p["httpGet"].get("path", "/"))
                    elif "tcpSocket" in p:
                        port = p["tcpSocket"]["port"]
                        how, target = "tcp", str(ports.get(port, port))
                    elif "exec" in p:
                        how, target = "exec", json.dumps(p["exec"]["command"])
                    else:
                        sys.exit("unsupported probe in %s" % cname)
                    expect.append(["probe", cname, probe, how, target, str(period), str(threshold), str(timeout), pod])
                kept = []
                # (key, target port): the published Services' target ports, and a port-forward's container port.
                wanted = []
                for svc in aliases:
                    if svc in publish and role == "app":
                        if svc in taken:  # podman binds a host port once: the script spreads it over the others
                            published.append("127.0.0.1:%s" % publish[svc])
                            continue
                        s = next(x for x in services if x["metadata"]["name"] == svc)
                        wanted.append((svc, s["spec"]["ports"][0].get("targetPort", s["spec"]["ports"][0]["port"])))
                if "pod/" + pod in publish and c.get("ports"):
                    wanted.append(("pod/" + pod, c["ports"][0]["containerPort"]))
                for key, tp in wanted if role == "app" else []:
                    for p in c.get("ports", []):
                        if p.get("name") == tp or p["containerPort"] == tp:
                            p["hostIP"] = "127.0.0.1"
                            p["hostPort"] = int(publish[key])
                            published.append("127.0.0.1:%s" % publish[key])
                            taken.add(key)
                            kept.append(p)
                # Only the published port stays (see the docstring).
                if kept:
                    c["ports"] = kept
                else:
                    c.pop("ports", None)
        names_in_env -= set(aliases)
        out_docs = [configmaps[n] for n in sorted(used_cms)]
        for claim in claims:
            claim_name = "%s-%s" % (claim["metadata"]["name"], pod)
            pvc = {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                   "metadata": {"name": claim_name, "labels": claim["metadata"].get("labels", {})},
                   "spec": claim["spec"]}
            out_docs.append(pvc)
            claim_names.append(claim_name)
            spec.setdefault("volumes", []).append({"name": claim["metadata"]["name"],
                                                   "persistentVolumeClaim": {"claimName": claim_name}})
        # A fresh directory per pod and volume, as a kubelet makes it (see the docstring).
        for v in spec.get("volumes", []):
            if "emptyDir" in v:
                path = os.path.join(args.emptydir_root, pod, v["name"])
                os.makedirs(path, exist_ok=True)
                os.chmod(path, 0o777)
                if "fsGroup" in pod_sc:
                    os.chown(path, -1, pod_sc["fsGroup"])
                    os.chmod(path, 0o2777)
                del v["emptyDir"]
                v["hostPath"] = {"path": path, "type": "Directory"}
            elif "secret" in v:
                write_secret_volume(v, secrets, os.path.join(args.emptydir_root, pod, v["name"]), pod_sc.get("fsGroup"))
        # The resolv.conf a kubelet writes for dnsPolicy ClusterFirst: the cluster's DNS server alone (see the docstring).
        if spec.get("dnsPolicy", "ClusterFirst") == "ClusterFirst":
            spec["dnsPolicy"] = "None"
            spec["dnsConfig"] = {"nameservers": [args.cluster_dns],
                                 "searches": ["%s.svc.cluster.local" % namespace, "svc.cluster.local", "cluster.local"],
                                 "options": [{"name": "ndots", "value": "5"}]}
        annotations = {"java-cluster.ci/workload": workload}
        if spec.get("initContainers"):
            # "cannot remove container ... as it is running" otherwise (see the docstring); OnFailure is what a
            # kubelet does with init containers, and the "always" type keeps the exited one for inspection.
            spec["restartPolicy"] = "OnFailure"
            annotations["io.podman.annotations.init.container.type"] = "always"
        out_docs.append({"apiVersion": "v1", "kind": "Pod",
                         "metadata": {"name": pod, "labels": labels, "annotations": annotations},
                         "spec": spec})
        path = os.path.join(args.out, "pod-%s.yaml" % pod)
        with open(path, "w") as f:
            yaml.safe_dump_all(out_docs, f, sort_keys=False)
        deps[pod] = names_in_env
        plan.append([pod, path, workload, ",".join(dns_names), ",".join(published), run])

    # Levels: a pod comes after the pods behind every Service its env names.
    pods_of = {}
    for pod, _, _, aliases, _, _ in plan:
        for a in aliases.split(","):
            if a:
                pods_of.setdefault(a, []).append(pod)
    level = {}

    def level_of(pod, seen=()):
        if pod in level:
            return level[pod]
        if pod in seen:
            sys.exit("dependency cycle through %s" % pod)
        below = [level_of(p, seen + (pod,)) for svc in deps[pod] for p in pods_of.get(svc, [])]
        level[pod] = 1 + max(below) if below else 0
        return level[pod]

    # Helm's hook phases first, then the levels within a phase, numbered from 0.
    order = sorted({(phase[p[0]], level_of(p[0])) for p in plan})
    with open(os.path.join(args.out, "plan.tsv"), "w") as f:
        for row in sorted(plan, key=lambda r: (phase[r[0]], level_of(r[0]), r[0])):
            f.write("\t".join([str(order.index((phase[row[0]], level_of(row[0]))))] + row) + "\n")
    with open(os.path.join(args.out, "expect.tsv"), "w") as f:
        for row in expect:
            f.write("\t".join(row) + "\n")
    # The Secret's data map as JSON, the form podman 4.3's secretKeyRef reads (see the docstring).
    for name, secret in secrets.items():
        data = dict(secret.get("data", {}))
        for key, value in secret.get("stringData", {}).items():
            data[key] = base64.b64encode(value.encode()).decode()
        with open(os.path.join(args.out, "secret-%s.json" % name), "w") as f:
            json.dump(data, f)
    with open(os.path.join(args.out, "secret-names"), "w") as f:
        f.write("".join(n + "\n" for n in secrets))
    with open(os.path.join(args.out, "volume-names"), "w") as f:
        f.write("".join(n + "\n" for n in claim_names))
    dropped = sorted({d["kind"] for d in docs} - {"ConfigMap", "Secret", "Deployment", "StatefulSet", "Pod", "Job", "Service"})
    with open(os.path.join(args.out, "not-run"), "w") as f:
        for kind in dropped:
            f.write("%s %s\n" % (kind, ",".join(d["metadata"]["name"] for d in by_kind[kind])))
        for d in skipped_hooks:
            f.write("%s %s (a %s hook only)\n" % (d["kind"], d["metadata"]["name"], d["metadata"]["annotations"]["helm.sh/hook"]))


def write_secret_volume(volume, secrets, path, fs_group):
    """A Secret volume as a kubelet fills it, made a hostPath directory (see the docstring)."""
    source = volume.pop("secret")
    secret = secrets.get(source["secretName"])
    if secret is None:
        if source.get("optional"):
            secret = {}
        else:
            sys.exit("volume %s names Secret %s, which the rendering does not have" % (volume["name"], source["secretName"]))
    data = {k: base64.b64decode(v) for k, v in secret.get("data", {}).items()}
    data.update({k: v.encode() for k, v in secret.get("stringData", {}).items()})
    items = source.get("items") or [{"key": k, "path": k} for k in sorted(data)]
    os.makedirs(path, exist_ok=True)
    for item in items:
        if item["key"] not in data:
            sys.exit("volume %s: Secret %s has no key %s" % (volume["name"], source["secretName"], item["key"]))
        file = os.path.join(path, item["path"])
        os.makedirs(os.path.dirname(file), exist_ok=True)
        with open(file, "wb") as f:
            f.write(data[item["key"]])
        mode = item.get("mode", source.get("defaultMode", 0o644))
        if fs_group is not None:
            # A kubelet hands the files to fsGroup and makes them group-readable, whatever the mode.
            os.chown(file, -1, fs_group)
            mode |= 0o440
        os.chmod(file, mode)
    os.chmod(path, 0o755)
    volume["hostPath"] = {"path": path, "type": "Directory"}


if __name__ == "__main__":
    main()
