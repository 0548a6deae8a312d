#!/usr/bin/env python3
"""Another pod of the same workload, as its ReplicaSet or Job controller would make one after a pod is lost.

Usage: another-pod.py POD-FILE OUT-DIR [IMAGE]   (a pod-<name>.yaml that translate.py wrote)

Writes OUT-DIR/pod-<new name>.yaml: the same documents, the Pod renamed <name less its 5-character suffix><5 new
characters>, with fresh emptyDir directories of its own (made as translate.py makes them). Prints the new name.
With IMAGE, the pod of a changed template, as `kubectl set image` makes one: the app container runs IMAGE, and the
name's template hash is a hash of the changed pod, as a new ReplicaSet's is.
"""
import hashlib
import json
import os
import random
import sys

import yaml

SAFE = "bcdfghjklmnpqrstvwxz2456789"  # as in translate.py


def main():
    source, out = sys.argv[1], sys.argv[2]
    with open(source) as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    pod = next(d for d in docs if d["kind"] == "Pod")
    old = pod["metadata"]["name"]
    prefix = old[:-5]
    # A host port is bound once, by the first pod of a workload (translate.py), and podman publishes any containerPort
    # it is given: the new pod has none, and the script's node port rules reach it.
    for c in pod["spec"]["containers"]:
        c.pop("ports", None)
    if len(sys.argv) > 3:
        next(c for c in pod["spec"]["containers"] if c["name"] == "app")["image"] = sys.argv[3]
        workload, _, _ = old.rsplit("-", 2)
        digest = hashlib.sha256(json.dumps(pod["spec"]["containers"], sort_keys=True).encode()).digest()
        prefix = "%s-%s-" % (workload, "".join(SAFE[b % len(SAFE)] for b in digest[:10]))
    new = prefix + "".join(random.choice(SAFE) for _ in range(5))
    pod["metadata"]["name"] = new
    for v in pod["spec"].get("volumes", []):
        path = v.get("hostPath", {}).get("path", "")
        if "/%s/" % old in path:
            fresh = path.replace("/%s/" % old, "/%s/" % new)
            os.makedirs(fresh, exist_ok=True)
            st = os.stat(path)
            os.chmod(fresh, st.st_mode & 0o7777)
            os.chown(fresh, -1, st.st_gid)
            v["hostPath"]["path"] = fresh
    with open(os.path.join(out, "pod-%s.yaml" % new), "w") as f:
        yaml.safe_dump_all(docs, f, sort_keys=False)
    print(new)


if __name__ == "__main__":
    main()
