#!/usr/bin/env bash
# Runs the pods of the kustomize dev overlay (k8s/overlays/dev), then those of the Helm chart rendered with
# helm/values-dev.yaml, as written, under `podman kube play` (4.3), and asserts the same of each: through the
# gateway on 127.0.0.1, through the kernel's view of every container, and through two failures (a migration
# killed midway, the database stopped and started; see k8s/failures.sh). Then it runs the numbered steps
# k8s/01-pod to k8s/07-scaling the same way, one at a time after the previous one's teardown, and asserts what
# their READMEs show on 127.0.0.1; step 05's updates and switches run under load (k8s/rolling-and-blue-green.sh).
# Step 06's Ingress, Namespace and RBAC and step 07's autoscaler and kind cluster are rendered and checked by
# deploy-tests only; their pods run here.
# Usage: ci/k8s-smoke.sh   (root; see ci/README.md; the last line reads "N passed, M failed")
#
# What runs as written: every bare Pod's spec (step 01, the chart's test pods) and every Deployment's,
# StatefulSet's and Job's pod template (images, commands, env, ConfigMap and Secret key references, init
# containers, emptyDirs, resources, the pod and container securityContext), the ConfigMaps and Secrets themselves,
# and the probes, which this script runs as the kubelet would (see below).
#
# Rendering: `kubectl kustomize DIR`; the chart through deploy-tests' RenderChart, which runs `helm template` (hooks
# and test pods included) with helm-java's bundled Helm library, as no helm binary is packaged here.
#
# Translations (ci/k8s/translate.py makes them on the rendered objects; no manifest is edited):
#   - Deployment with N replicas -> N `kind: Pod` documents named <name>-<template hash>-<5 chars>, as a ReplicaSet
#     names them; Job -> one Pod <name>-<5 chars> that must exit 0 (backoffLimit's retries are not emulated);
#     StatefulSet -> Pods <name>-0.., each volumeClaimTemplate -> a PersistentVolumeClaim
#     <claim>-<pod> (podman makes it a named volume; the run starts it empty and the teardown removes it).
#   - Service -> a DNS alias (`--network NET:alias=SERVICE`) on every pod its selector picks, on one podman network
#     (aardvark-dns): a name with several pods (echo) resolves to all their addresses, as a headless Service would.
#     Each pod's resolv.conf is a kubelet's for dnsPolicy ClusterFirst: that DNS server alone (podman 4.3 adds the
#     host's, which answer NXDOMAIN for every Service name), the namespace's search domains, ndots:5.
#   - Secret -> `podman secret create NAME` with its data map as JSON, the form podman 4.3's secretKeyRef reads
#     (4.3's own `kind: Secret` play stores YAML, which that reader rejects as "not valid JSON").
#   - a secret volume -> hostPath to a directory of the Secret's keys as files (mode defaultMode, group fsGroup and
#     group-readable, as a kubelet writes them); the Secrets are podman's in the JSON form above, not its own kind.
#   - emptyDir -> hostPath to a fresh directory per pod, mode 0777, group fsGroup + setgid, as a kubelet makes an
#     emptyDir (podman 4.3 makes every emptyDir a named volume called after the volume name, "tmp" or "run",
#     shared by all pods and owned as its first copy-up found: the databases then cannot create their sockets).
#   - containers' ports -> dropped but for the published one (podman 4.3 publishes every containerPort on
#     0.0.0.0:containerPort even without hostPort; three echo pods collide, redis meets the host's 6379).
#   - a `type: NodePort` Service -> hostIP 127.0.0.1, hostPort its nodePort (the node's port: 31401 in step 02,
#     31402 in step 03) on the pod it selects first; podman binds a host port once (a second pod fails with
#     "address already in use"), so new connections to it are spread over every pod the Service selects by
#     iptables nth rules in the nat table (chains JC-K8S-OUTPUT and JC-K8S-POSTROUTING, removed at each teardown),
#     as kube-proxy would; the last share stays on podman's own mapping. The same publishing stands in for
#     `kubectl port-forward`: the dev gateway Service on $K8S_GATEWAY_PORT, step 01's pod hello1401 on 1401.
#   - pods with init containers -> restartPolicy OnFailure and podman's "always" init-container type: 4.3 gives
#     init containers the pod's policy, so under Always a migrate that exited 0 starts again and kube play fails
#     ("cannot remove container ... as it is running"); OnFailure is what a kubelet does with init containers, and
#     the "always" type keeps the exited container, whose exit code, user and timestamps are asserted.
#   - probes -> run by this script, not by podman (no systemd here, so podman's healthchecks never tick): httpGet
#     and tcpSocket from the host to the pod's address, as the kubelet does from the node; exec through
#     `podman exec`. startupProbe's window counts from the container's start; podman exec's own start-up is
#     given 2 s on top of an exec probe's timeoutSeconds. Liveness is probed after readiness, until one success
#     within its failureThreshold.
#   - ordering: pods are played level by level (a pod after the pods behind every Service its env names), waiting
#     for readiness in between. This stands in for Kubernetes restarting a container until what it needs answers,
#     and for the Service's stable ClusterIP (nginx resolves its upstream names once, at start). Helm's hooks come
#     above that, as `helm install --wait` and then `helm test` run them: pre-install pods, the release's pods,
#     post-install pods (the migrations Jobs), then the test pods, each of which must exit 0.
#
# Not emulated: kube-proxy but for the node ports above (no ClusterIP; the gateway's nginx balances over the echo
# pods' addresses itself), scheduling and requests (limits do apply, as cgroup limits), restarts and
# liveness-driven kills, NetworkPolicy (podman enforces none: every pod reaches every other), the namespace's
# restricted Pod Security admission (its effects are asserted from the kernel instead: UID, GID, no capabilities,
# no_new_privs, seccomp, read-only root), emptyDir sizeLimit, preStop hooks and termination grace, the
# ServiceAccount, the Namespace, the Ingress, CronJobs (the chart's suspended rollback jobs), hook-delete policies.
# Podman adds what a kubelet does not: an /etc/passwd and /etc/group entry for a UID the image lacks (10001 in
# the suite's images); ci/container-smoke.sh proves the images on Docker, which adds none.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root" || exit 1

overlay=${K8S_OVERLAY:-k8s/overlays/dev}
helm_values=${K8S_HELM_VALUES:-values-dev.yaml}
network=${K8S_NETWORK:-jc-k8s-smoke}
gateway_port=${K8S_GATEWAY_PORT:-18080}
ready_timeout=${READY_TIMEOUT:-300}
work=$(mktemp -d /tmp/jc-k8s-smoke.XXXXXX)
passed=0
failed=0
failures=()
played=()
secrets_played=
network_created=
api_service_pid=
python=python3

# shellcheck source=checks.sh
source "$root/ci/checks.sh"
# shellcheck source=k8s/failures.sh
source "$root/ci/k8s/failures.sh"
# shellcheck source=gateway-edge.sh
source "$root/ci/gateway-edge.sh"
# shellcheck source=restart-under-load.sh
source "$root/ci/restart-under-load.sh"
# shellcheck source=k8s/rollout.sh
source "$root/ci/k8s/rollout.sh"
# shellcheck source=k8s/rolling-and-blue-green.sh
source "$root/ci/k8s/rolling-and-blue-green.sh"
reliability_figures=()
quiet() { "$@" >/dev/null; }

summary() {
    log "k8s smoke test took $((SECONDS - stage_started))s"
    if [ "$failed" -gt 0 ]; then
        printf 'failed: %s\n' "${failures[@]}"
    fi
    [ ${#reliability_figures[@]} -gt 0 ] && printf 'reliability: %s\n' "${reliability_figures[@]}"
    printf '\n%s passed, %s failed\n' "$passed" "$failed"
}

# ---------------------------------------------------------------------------------------------------
# Engine, images, teardown

setup_podman() {
    local socket=/run/podman/podman.sock was_up=
    curl -fsS --unix-socket "$socket" http://d/_ping >/dev/null 2>&1 && was_up=1
    # Configures runc, the rlimit wrapper and netavark; it also serves the Docker API, which this stage does not use.
    bash "$root/ci/podman-setup.sh" >/dev/null || return 1
    command -v kubectl >/dev/null || { echo "      kubectl is required to render the overlay"; return 1; }
    # shellcheck source=install-missing.sh
    # Debian's python3 with Debian's python3-yaml: another python3 first on the PATH may lack the module.
    [ -x /usr/bin/python3 ] && python=/usr/bin/python3
    "$python" -c 'import yaml' 2>/dev/null || { source "$root/ci/install-missing.sh" && install_missing python3-yaml; } || return 1
    if [ -z "$was_up" ] && [ -f /run/podman/java-cluster-ci.pid ]; then
        api_service_pid=$(cat /run/podman/java-cluster-ci.pid)
    fi
    podman version --format 'podman {{.Client.Version}}' \
        && podman info --format '    runtime {{.Host.OCIRuntime.Name}}, network {{.Host.NetworkBackend}}, cgroups {{.Host.CgroupsVersion}}'
}

# podman_has IMAGE ID: podman holds IMAGE under the name the manifests use, with the same content as Docker's.
podman_has() { [ "$(podman image inspect -f '{{.Id}}' "$1" 2>/dev/null)" = "${2#sha256:}" ]; }

# load_image IMAGE: Docker's copy (the images CI builds, the stand-ins under the official names) into podman.
load_image() {
    local image=$1 id
    id=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null) || { echo "      Docker has no $image"; return 1; }
    podman_has "$image" "$id" && return 0
    docker save "$image" | podman load -q >/dev/null || return 1
    podman_has "$image" "$id" || { echo "      podman does not find $image by that name after the load"; return 1; }
}

dump_logs() {
    local pod ctr
    for pod in "${played[@]}"; do
        for ctr in $(podman ps -a --filter "pod=$pod" --format '{{.Names}}' 2>/dev/null); do
            [[ $ctr == *-infra ]] && continue
            printf '\n----- logs of %s (%s)\n' "$ctr" "$(podman inspect -f '{{.State.Status}} exit={{.State.ExitCode}}' "$ctr" 2>/dev/null)"
            podman logs --tail 60 "$ctr" 2>&1
        done
    done
}

# pods_down: what one overlay or step played: its pods, claims, Secrets and node port spreading.
pods_down() {
    local name
    # One call: podman stops the pods in parallel.
    [ ${#played[@]} -gt 0 ] && podman pod rm -i -f -t 5 "${played[@]}" >/dev/null 2>&1
    played=()
    # Pod names repeat from one release to the next (users-db-0): every run starts from empty emptyDirs.
    rm -rf "$work/emptydir"
    if [ -f "$work/volume-names" ]; then
        while read -r name; do podman volume rm -f "$name" >/dev/null 2>&1; done <"$work/volume-names"
    fi
    if [ -n "$secrets_played" ]; then
        while read -r name; do podman secret rm "$name" >/dev/null 2>&1; done <"$work/secret-names"
    fi
    secrets_played=
    unspread
}

teardown() {
    pods_down
    [ -n "$network_created" ] && podman network rm -f "$network" >/dev/null 2>&1
    if [ -n "$api_service_pid" ] && grep -qa 'system.service' "/proc/$api_service_pid/cmdline" 2>/dev/null; then
        kill "$api_service_pid" 2>/dev/null
    fi
    rm -rf "$work"
}

# ---------------------------------------------------------------------------------------------------
# Pods and probes

# rows KIND: expect.tsv's rows of one kind, without the kind column.
rows() { awk -F'\t' -v k="$1" '$1 == k { sub(/^[^\t]*\t/, ""); print }' "$work/expect.tsv"; }

pod_ip() { podman pod inspect -f '{{.InfraContainerID}}' "$1" | xargs podman inspect -f "{{(index .NetworkSettings.Networks \"$network\").IPAddress}}"; }
epoch_of() { date -d "$(podman inspect -f "{{.State.$2}}" "$1" | sed -E 's/ [+-][0-9]{4} [A-Z]+$//')" +%s; }

# probe_once CONTAINER HOW TARGET TIMEOUT POD: one attempt, as the kubelet makes it.
probe_once() {
    local ctr=$1 how=$2 target=$3 timeout=$4 pod=$5 ip
    case "$how" in
        http)
            ip=$(pod_ip "$pod") || return 1
            curl -fsS -o /dev/null --max-time "$timeout" "http://$ip:${target%%:*}${target#*:}" 2>/dev/null ;;
        tcp)
            ip=$(pod_ip "$pod") || return 1
            timeout "$timeout" bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$ip" "$target" 2>/dev/null ;;
        exec)
            local cmd=()
            mapfile -t cmd < <(jq -r '.[]' <<<"$target")
            timeout $((timeout + 2)) podman exec "$ctr" "${cmd[@]}" >/dev/null 2>&1 ;;
    esac
}

running() { [ "$(podman inspect -f '{{.State.Status}}' "$1" 2>/dev/null)" = running ]; }

# startup CONTAINER HOW TARGET PERIOD THRESHOLD TIMEOUT POD: succeeds within THRESHOLD x PERIOD of the start.
startup() {
    local ctr=$1 how=$2 target=$3 period=$4 threshold=$5 timeout=$6 pod=$7 started
    started=$(epoch_of "$ctr" StartedAt) || return 1
    while :; do
        probe_once "$ctr" "$how" "$target" "$timeout" "$pod" && {
            echo "      $ctr: startupProbe succeeded $(($(date +%s) - started))s after the start"
            return 0
        }
        running "$ctr" || { echo "      $ctr is no longer running"; return 1; }
        [ "$(date +%s)" -ge $((started + period * threshold)) ] \
            && { echo "      no success within ${threshold} x ${period}s of the start"; return 1; }
        sleep "$period"
    done
}

# ready CONTAINER HOW TARGET PERIOD THRESHOLD TIMEOUT POD: the first success, by $ready_timeout.
ready() {
    local ctr=$1 how=$2 target=$3 period=$4 timeout=$6 pod=$7 deadline=$((SECONDS + ready_timeout))
    until probe_once "$ctr" "$how" "$target" "$timeout" "$pod"; do
        running "$ctr" || { echo "      $ctr is no longer running"; return 1; }
        [ "$SECONDS" -ge "$deadline" ] && { echo "      not ready after ${ready_timeout}s"; return 1; }
        sleep "$period"
    done
}

# plan_rows: plan.tsv with its tabs as \037, which `read` does not merge (an empty DNS column stays a column).
plan_rows() { tr '\t' '\037' <"$work/plan.tsv"; }
level_of() { awk -F'\t' -v p="$1" '$2 == p { print $1 }' "$work/plan.tsv"; }
# alive CONTAINER HOW TARGET PERIOD THRESHOLD TIMEOUT POD: as the kubelet restarts only after THRESHOLD failures
# in a row, one success among THRESHOLD attempts PERIOD apart.
alive() {
    local i
    for ((i = 1; i <= $5; i++)); do
        probe_once "$1" "$2" "$3" "$6" "$7" && return 0
        echo "      attempt $i of $5 failed"
        [ "$i" -lt "$5" ] && sleep "$4"
    done
    return 1
}

# play LEVEL: every pod of the level (plan.tsv), then their probes, startup first.
play_level() {
    local level=$1 lvl pod file workload aliases published run net ctr kind role pod_of_ctr probe how target period threshold timeout
    while IFS=$'\037' read -r lvl pod file workload aliases published run; do
        [ "$lvl" = "$level" ] || continue
        net=$network
        [ -n "$aliases" ] && net+=":alias=${aliases//,/,alias=}"
        played+=("$pod")
        check "$workload: pod $pod plays (DNS ${aliases:-none}${published:+, published on $published})" \
            play_pod "$file" "$net" "$pod" </dev/null || continue
        # Pods that run to completion are Helm's hooks here, which Helm runs one at a time: each ends first.
        [ "$run" = complete ] || continue
        while IFS=$'\t' read -r ctr role pod_of_ctr _; do
            [ "$role" = run ] && [ "$pod_of_ctr" = "$pod" ] && check "$ctr ran to completion (exit 0)" completes "$ctr" </dev/null
        done < <(rows container)
        sandbox_gone "$pod"
    done < <(plan_rows)
    for probe in startupProbe readinessProbe livenessProbe; do
        while IFS=$'\t' read -r ctr kind how target period threshold timeout pod; do
            [ "$kind" = "$probe" ] && [ "$(level_of "$pod")" = "$level" ] || continue
            case "$probe" in
                startupProbe) check "$ctr startupProbe ($how $target, ${threshold} x ${period}s)" \
                    startup "$ctr" "$how" "$target" "$period" "$threshold" "$timeout" "$pod" </dev/null ;;
                readinessProbe) check "$ctr readinessProbe ($how $target)" \
                    ready "$ctr" "$how" "$target" "$period" "$threshold" "$timeout" "$pod" </dev/null ;;
                livenessProbe) check "$ctr livenessProbe ($how $target)" \
                    alive "$ctr" "$how" "$target" "$period" "$threshold" "$timeout" "$pod" </dev/null ;;
            esac
        done < <(rows probe)
    done
}

# sandbox_gone POD: podman has stopped the finished pod's infra container and taken it off the network. Each such
# change makes aardvark-dns reload, and a reload that overlaps another pod's drops DNS queries for seconds (a
# Service name always answers in a cluster), so the next pod plays only after it.
pod_state() { podman pod inspect -f '{{.State}}' "$1" 2>&1; }
pod_exited() { [ "$(pod_state "$1")" = Exited ]; }
sandbox_gone() { until_true 30 pod_exited "$1" || echo "      $1: its pod is still '$(pod_state "$1")' after 30 s"; }

play_pod() { # FILE NETWORK POD
    podman kube play --network "$2" "$1" >"$work/play-$3.log" 2>&1 || { sed 's/^/      /' "$work/play-$3.log"; return 1; }
}

# A published host port is bound once, on the first pod: new connections to it are spread over every pod the Service
# picks by iptables rules in the nat table, in the place of kube-proxy (the last share is podman's own mapping).
unspread() {
    local chain
    for chain in OUTPUT POSTROUTING; do
        iptables -t nat -D "$chain" -j "JC-K8S-$chain" 2>/dev/null && iptables -t nat -F "JC-K8S-$chain" \
            && iptables -t nat -X "JC-K8S-$chain"
    done
}

# spread HOST-PORT: the pods published on 127.0.0.1:HOST-PORT (plan.tsv), the first one by podman.
spread() {
    local port=$1 pods first ctr_port n pod ip
    mapfile -t pods < <(awk -F'\t' -v p="127.0.0.1:$1" 'index("," $6 ",", "," p ",") { print $2 }' "$work/plan.tsv")
    first=${pods[0]}
    n=${#pods[@]}
    [ "$n" -gt 1 ] || return 0
    ctr_port=$(podman port "$(podman pod inspect -f '{{.InfraContainerID}}' "$first")" \
        | awk -v h="127.0.0.1:$port" '$3 == h { sub(/\/.*/, "", $1); print $1 }')
    if ! iptables -t nat -L JC-K8S-OUTPUT -n >/dev/null 2>&1; then
        iptables -t nat -N JC-K8S-OUTPUT && iptables -t nat -I OUTPUT 1 -j JC-K8S-OUTPUT \
            && iptables -t nat -N JC-K8S-POSTROUTING && iptables -t nat -I POSTROUTING 1 -j JC-K8S-POSTROUTING \
            || return 1
    fi
    for pod in "${pods[@]:1}"; do
        ip=$(pod_ip "$pod") || return 1
        iptables -t nat -A JC-K8S-OUTPUT -d 127.0.0.1 -p tcp --dport "$port" -m statistic --mode nth --every "$n" \
            --packet 0 -j DNAT --to-destination "$ip:$ctr_port" \
            && iptables -t nat -A JC-K8S-POSTROUTING -s 127.0.0.1 -d "$ip" -p tcp --dport "$ctr_port" -j MASQUERADE \
            || return 1
        n=$((n - 1))
    done
}

# ---------------------------------------------------------------------------------------------------
# What the kernel and podman say about each container

# identity CONTAINER ROLE UID GID READONLY: an app container's process, as the kernel sees it; an init
# container's configuration (it has exited) and exit code.
identity() {
    local ctr=$1 role=$2 uid=$3 gid=$4 ro=$5 pid status facts
    if [ "$role" != app ]; then
        facts=$(podman inspect -f 'user={{.Config.User}} ro={{.HostConfig.ReadonlyRootfs}} exit={{.State.ExitCode}}' "$ctr") || return 1
        equals "$facts" "user=$uid:$gid ro=$ro exit=0"
        return
    fi
    pid=$(podman inspect -f '{{.State.Pid}}' "$ctr") && [ "${pid:-0}" -gt 0 ] || { echo "      $ctr has no process"; return 1; }
    status=$(awk '/^(Uid|Gid|CapEff|NoNewPrivs|Seccomp):/ { printf "%s%s ", $1, $2 }' "/proc/$pid/status")
    facts="${status}root=$(awk '$5 == "/" { split($6, o, ","); print o[1] }' "/proc/$pid/mountinfo")"
    local root_mode=rw
    [ "$ro" = true ] && root_mode=ro
    equals "$facts" "Uid:$uid Gid:$gid CapEff:0000000000000000 NoNewPrivs:1 Seccomp:2 root=$root_mode"
}

# memory_limit CONTAINER ROLE: the memory cgroup's limit of an app container's process (cgroups v1 or v2);
# for an init container, which has exited, podman's configuration.
memory_limit() {
    local pid path
    [ "$2" != app ] && { podman inspect -f '{{.HostConfig.Memory}}' "$1"; return; }
    pid=$(podman inspect -f '{{.State.Pid}}' "$1") || return 1
    path=$(awk -F: '$2 ~ /(^|,)memory(,|$)/ { print $3 }' "/proc/$pid/cgroup")
    if [ -n "$path" ]; then
        cat "/sys/fs/cgroup/memory$path/memory.limit_in_bytes"
    else
        cat "/sys/fs/cgroup$(awk -F: '$1 == 0 { print $3 }' "/proc/$pid/cgroup")/memory.max"
    fi
}

env_of() { podman inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$1"; }

# init_first POD: its init container exited 0 before its app container started.
init_first() {
    local init=$1-migrate app=$1-app
    equals "$(podman inspect -f '{{.State.ExitCode}}' "$init")" 0 \
        && [ "$(epoch_of "$init" FinishedAt)" -le "$(epoch_of "$app" StartedAt)" ]
}

assert_containers() {
    local ctr role pod uid gid ro image memory name value source kind shown
    while IFS=$'\t' read -r ctr role pod uid gid ro image memory; do
        [ "$memory" != 0 ] && check "$ctr limits.memory $((memory / 1048576))Mi is its $([ "$role" = app ] && echo "memory cgroup's" || echo "podman") limit" \
            equals "$(memory_limit "$ctr" "$role" </dev/null)" "$memory"
        if [ "$role" != app ]; then
            check "$ctr ($role, $image) ran as $uid:$gid with readOnlyRootFilesystem $ro and exited 0" \
                identity "$ctr" "$role" "$uid" "$gid" "$ro" </dev/null
        else
            check "$ctr ($image) runs as $uid:$gid, no capabilities, no_new_privs, seccomp, $([ "$ro" = true ] && echo read-only || echo writable) root" \
                identity "$ctr" "$role" "$uid" "$gid" "$ro" </dev/null
        fi
    done < <(rows container)
    while IFS=$'\t' read -r ctr name value source kind; do
        shown=$value
        [ "$kind" = secret ] && shown="(${#value} characters)"
        check "$ctr $name from $source = $shown" grep -qxF "$name=$value" <(env_of "$ctr" </dev/null)
    done < <(rows env)
    while IFS=$'\t' read -r ctr role pod _; do
        [ "$role" = init ] && check "$pod: init container migrate exited 0 before app started" init_first "$pod" </dev/null
    done < <(rows container)
}

# ---------------------------------------------------------------------------------------------------
# Through the gateway

pods_of() { awk -F'\t' -v w="$1" '$4 == w { print $2 }' "$work/plan.tsv"; }

assert_gateway() {
    local gw=http://127.0.0.1:$gateway_port body hosts echo_pods users gateway_pod token
    gateway_pod=$(pods_of Deployment/gateway | head -1)
    # nginx asks every nameserver of resolv.conf in turn: one that knows no Service would fail every other lookup.
    check "the gateway's resolv.conf names the network's DNS server alone, with the namespace's search domains" \
        matches "$(podman exec "$gateway_pod-app" cat /etc/resolv.conf | sort | xargs)" \
        '^nameserver [0-9.]+ options ndots:5 search [a-z0-9-]+\.svc\.cluster\.local svc\.cluster\.local cluster\.local$'
    check "gateway /hello answers hello world" equals "$(get "$gw/hello")" "hello world"
    check "gateway /hello1400 answers hello world" equals "$(get "$gw/hello1400")" "hello world"
    body=$(get "$gw/chain")
    check "gateway /chain: hello1403's pod calls http://hello1402:1402, hello1402's pod answers" matches "$body" \
        "hop 1: [^ ]+ on $(pods_of Deployment/hello1403):1403 -> http://hello1402:1402 .*hop 2: [^ ]+ on $(pods_of Deployment/hello1402):1402: hello world"
    check "gateway /users-api/health/readiness answers UP" matches "$(get "$gw/users-api/health/readiness")" '"status" *: *"UP"'
    check "gateway /auth/health/readiness answers UP" matches "$(get "$gw/auth/health/readiness")" '"status" *: *"UP"'

    users=$(get "$gw/users?size=100" | jq -r '[.[].email | select(. == "ada@example.com" or . == "grace@example.com"
        or . == "alan@example.com")] | sort | join(" ")')
    check "gateway /users lists the demo users (migrate ran with the demo context)" \
        equals "$users" "ada@example.com alan@example.com grace@example.com"
    token=$(sign_in "$gw")
    check "gateway POST /auth/login signs the DEV ONLY demo account in (migrate ran with the demo context)" \
        matches "$token" '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
    # shellcheck disable=SC2016
    check "... signed with the key auth reads from its Secret volume (AUTH_SIGNING_KEY_FILE)" \
        equals "$(token_kid "$token")" \
            "$(podman exec "$(pods_of Deployment/auth | head -1)-app" sh -c 'cat "$AUTH_SIGNING_KEY_FILE"' | jq -r .kid)"
    users_crud "$gw" "K8s Smoke" k8s-smoke@example.com "$token"

    hosts=$(for _ in $(seq 1 30); do get "$gw/echo" -H 'Accept: application/json' | jq -r .host; done | sort -u | xargs)
    echo_pods=$(pods_of Deployment/echo | sort | xargs)
    check "gateway: 30 calls to /echo name the 3 echo pods" equals "$hosts" "$echo_pods"
}

# render_kustomize DIR, render_helm VALUES-FILE: the manifests, into $work/rendered.yaml.
render_kustomize() { kubectl kustomize "$1" >"$work/rendered.yaml"; }
# No helm binary is needed: deploy-tests' RenderChart runs `helm template` through helm-java's bundled Helm library.
render_helm() {
    ./mvnw -q -B -pl deploy-tests test-compile dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$work/classpath" >"$work/render.log" 2>&1 \
        && java -cp "deploy-tests/target/test-classes:$(cat "$work/classpath")" deploytests.helm.RenderChart "$1" \
            "$work/rendered.yaml" >>"$work/render.log" 2>&1 \
        || { tail -30 "$work/render.log" | sed 's/^/      /'; return 1; }
}

# up [translate.py options]: translate $work/rendered.yaml, copy its images, make its Secrets, play its pods level
# by level and spread its published ports.
up() {
    local level pod workload aliases published run image name port
    check "translate.py turns it into pods" "$python" "$root/ci/k8s/translate.py" "$work/rendered.yaml" "$work" \
        --cluster-dns "$(podman network inspect -f '{{range .Subnets}}{{.Gateway}}{{end}}' "$network")" "$@" \
        || return 1
    while IFS=$'\037' read -r level pod _ workload aliases published run; do
        printf '    level %s  %-34s %-30s DNS %s%s%s\n' "$level" "$pod" "$workload" "${aliases:-none}" \
            "${published:+, $published}" "$([ "$run" = complete ] && echo ", runs to completion")"
    done < <(plan_rows)
    sed 's/^/    not run: /' "$work/not-run"

    log "images, from Docker into podman"
    for image in $(rows container | cut -f7 | sort -u); do
        check "podman has $image" load_image "$image"
    done

    log "Secrets"
    # A run that was killed before its teardown leaves its claims behind: every run starts from empty volumes.
    while read -r name; do podman volume rm -f "$name" >/dev/null 2>&1; done <"$work/volume-names"
    secrets_played=1
    while read -r name; do
        podman secret rm "$name" >/dev/null 2>&1
        check "Secret $name -> podman secret (its data map as JSON)" \
            quiet podman secret create "$name" "$work/secret-$name.json" </dev/null
    done <"$work/secret-names"

    for level in $(cut -f1 "$work/plan.tsv" | sort -nu); do
        log "level $level: play, then startup, readiness and liveness probes"
        play_level "$level"
    done
    # The ports published on several pods (a NodePort Service's).
    for port in $(cut -f6 "$work/plan.tsv" | tr ',' '\n' | sed -n 's/^127\.0\.0\.1://p' | sort | uniq -d); do
        check "127.0.0.1:$port spread over its pods (kube-proxy stand-in)" spread "$port"
    done
}

# release_checks LABEL WORKLOAD CONTAINER: what every release must show, then the failures it must survive;
# WORKLOAD's pods run users-api's migrations in CONTAINER.
release_checks() {
    log "$1: containers: identity, environment, migrations before use"
    assert_containers
    log "$1: through the gateway on 127.0.0.1:$gateway_port"
    assert_gateway
    # The gateway's own 502 is checked on compose only: a container stopped in a podman pod is not a kubelet's restart.
    gateway_edge "http://127.0.0.1:$gateway_port"
    database_outage
    killed_migration "$(pods_of "$2" | head -1)" "$3"
    release_label=$1
    rollout_under_load
}

# ---------------------------------------------------------------------------------------------------
# The numbered steps, each as its README runs it

# step_hosts PORT: the pod names 30 calls to 127.0.0.1:PORT/hi answer with, each its own connection.
step_hosts() {
    for _ in $(seq 1 30); do
        get "http://127.0.0.1:$1/hi" | sed -n 's/^echo from \([^:]*\):.*/\1/p'
    done | sort -u | xargs
}

# hosts_within PORT WORKLOAD: 30 calls to 127.0.0.1:PORT/hi, each answered by a pod of WORKLOAD.
hosts_within() {
    local pods host n
    pods=" $(pods_of "$2" | xargs) "
    for n in $(seq 1 30); do
        host=$(get "http://127.0.0.1:$1/hi" | sed -n 's/^echo from \([^:]*\): GET \/hi$/\1/p')
        [[ -n $host && $pods == *" $host "* ]] || { echo "      answer $n named [${host}], no pod of $2"; return 1; }
    done
}

# replicas_run WORKLOAD N: N pods, each with its app container running.
replicas_run() {
    local pods pod
    mapfile -t pods < <(pods_of "$1")
    equals "${#pods[@]}" "$2" || return 1
    for pod in "${pods[@]}"; do running "$pod-app" || { echo "      $pod-app is not running"; return 1; }; done
}

assert_step() {
    case "$1" in
        k8s/01-pod)
            check "01-pod: pod hello1401 answers hello world on 127.0.0.1:1401 (port-forward)" \
                equals "$(get http://127.0.0.1:1401/)" "hello world" ;;
        k8s/02-deployment-and-service)
            check "02: the 3 replicas of Deployment/hello1401 run" replicas_run Deployment/hello1401 3
            check "02: NodePort 31401 on 127.0.0.1 answers hello world" \
                equals "$(get http://127.0.0.1:31401/)" "hello world" ;;
        k8s/03-echo-cluster)
            check "03: 30 calls to NodePort 31402 on 127.0.0.1 name the 3 echo pods" \
                equals "$(step_hosts 31402)" "$(pods_of Deployment/echo | sort | xargs)" ;;
        k8s/04-config-and-secrets)
            check "04: users-db-init loaded the sample users: /users on NodePort 31405 lists them" until_true 120 \
                eval '[ "$(curl -s --max-time 5 http://127.0.0.1:31405/users | jq -r ".[].email" 2>/dev/null | sort | xargs)" = "ada@example.com alan@example.com grace@example.com" ]' ;;
        k8s/05-rolling-and-blue-green/rolling) rolling_update ;;
        k8s/05-rolling-and-blue-green/blue-green) blue_green_switch ;;
        k8s/06-ingress-and-namespaces)
            check "06: the 2 replicas of Deployment/echo run" replicas_run Deployment/echo 2
            check "06: the 2 replicas of Deployment/hello1401 run" replicas_run Deployment/hello1401 2
            check "06: service/hello1401 answers hello world on 127.0.0.1:1401 (port-forward)" \
                equals "$(get http://127.0.0.1:1401/)" "hello world"
            check "06: service/echo answers on 127.0.0.1:1404 (port-forward), 30 times, each naming an echo pod" \
                hosts_within 1404 Deployment/echo ;;
        k8s/07-scaling)
            check "07: the 3 replicas of Deployment/echo run" replicas_run Deployment/echo 3
            check "07: 30 calls to NodePort 31408 on 127.0.0.1 name the 3 echo pods" \
                equals "$(step_hosts 31408)" "$(pods_of Deployment/echo | sort | xargs)" ;;
    esac
}

# ---------------------------------------------------------------------------------------------------

trap teardown EXIT
trap 'exit 130' INT TERM
stage_started=$SECONDS

log "podman"
check "podman ready" setup_podman || { summary; exit 1; }

log "network"
# What a killed run left on the network (its pods' names are random, so only the network finds them).
if podman network exists "$network"; then
    podman pod ps -q --filter "network=$network" | xargs -r podman pod rm -f -t 0 >/dev/null 2>&1
    podman network rm -f "$network" >/dev/null
fi
unspread
check "podman network $network (aardvark-dns)" quiet podman network create "$network" && network_created=1

# The dev overlay, then the chart with its dev values, each alone on the network, with the same assertions.
failed_before=$failed
log "$overlay, rendered and translated"
check "kubectl kustomize $overlay" render_kustomize "$overlay" && up --publish "gateway=$gateway_port" \
    && release_checks "$overlay" Deployment/users-api migrate
[ "$failed" -gt "$failed_before" ] && dump_logs
pods_down

failed_before=$failed
log "helm/java-cluster with helm/$helm_values, rendered and translated"
check "helm template suite helm/java-cluster -f helm/$helm_values (helm-java)" render_helm "$helm_values" \
    && up --publish "gateway=$gateway_port" && release_checks "the chart" Job/users-api-migrations db-migrations
[ "$failed" -gt "$failed_before" ] && dump_logs

# Each step after the releases' teardown, alone on the network, as its README applies it.
for step in k8s/01-pod k8s/02-deployment-and-service k8s/03-echo-cluster k8s/04-config-and-secrets \
    k8s/05-rolling-and-blue-green/rolling k8s/05-rolling-and-blue-green/blue-green k8s/06-ingress-and-namespaces \
    k8s/07-scaling; do
    pods_down
    failed_before=$failed
    log "$step, rendered and translated"
    # Step 01's `kubectl port-forward pod/hello1401`, step 06's to its two Services.
    publish=(--publish pod/hello1401=1401)
    [ "$step" = k8s/06-ingress-and-namespaces ] && publish=(--publish echo=1404 --publish hello1401=1401)
    check "kubectl kustomize $step" render_kustomize "$step" && up "${publish[@]}" && assert_step "$step"
    [ "$failed" -gt "$failed_before" ] && dump_logs
done

summary
[ "$failed" -eq 0 ]
