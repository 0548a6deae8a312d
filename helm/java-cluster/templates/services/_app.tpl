{{/*
Deployment of one suite service, the same shape as k8s/base. Call with
(dict "root" $ "name" "hello1401" "module" "hello1401" "values" .Values.hello1401 "env" "<template or empty>" "tcp" false);
optional "mounts" and "volumes" name templates rendering the service's own volumeMounts and volumes beside /tmp's.
*/}}
{{- define "java-cluster.deployment" -}}
{{- $v := .values -}}
{{- /* Every service but the TCP-probed hello1400 is a Micronaut service with metrics and tracing. */}}
{{- $telemetry := and .root.Values.observability.enabled (not .tcp) -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .name }}
  labels:
    {{- include "java-cluster.labels" . | nindent 4 }}
spec:
  replicas: {{ $v.replicas }}
  # A rollout adds a ready pod before it removes one, so the Service never has fewer ready pods than replicas.
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  selector:
    matchLabels:
      {{- include "java-cluster.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "java-cluster.labels" . | nindent 8 }}
        {{- if $telemetry }}
        # Selects these pods in the telemetry NetworkPolicies.
        java-cluster/telemetry: "on"
        {{- end }}
      {{- if $telemetry }}
      # Prometheus' pod discovery reads these; every Micronaut service serves /prometheus on its http port.
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/path: /prometheus
      {{- end }}
    spec:
      serviceAccountName: {{ .root.Values.serviceAccount.name }}
      automountServiceAccountToken: false
      {{- include "java-cluster.imagePullSecrets" .root | nindent 6 }}
      # preStop sleep (5 s) + the server's stop (Micronaut 20 s; hello1400 5 s listener + 5 s workers) + 5 s margin.
      terminationGracePeriodSeconds: {{ ternary 20 30 .tcp }}
      securityContext:
        {{- include "java-cluster.podSecurityContext" dict | nindent 8 }}
      containers:
        - name: app
          image: {{ include "java-cluster.image" . }}
          imagePullPolicy: {{ .root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $v.port }}
          env:
            - name: PORT
              value: {{ $v.port | quote }}
            {{- if $telemetry }}
            - name: OTEL_EXPORTER_OTLP_ENDPOINT
              valueFrom:
                configMapKeyRef:
                  name: telemetry-config
                  key: otlp.endpoint
            {{- end }}
            {{- with .env }}
            {{- include . $.root | nindent 12 }}
            {{- end }}
            {{- range $name, $value := $v.env }}
            - name: {{ $name }}
              value: {{ $value | quote }}
            {{- end }}
          {{- if .tcp }}
          # 20 s: hello1400 answers 0.5 s after exec at most, alone on one core (bench/README.md); 40x for a crowded node.
          startupProbe:
            tcpSocket:
              port: http
            periodSeconds: 2
            failureThreshold: 10
          readinessProbe:
            tcpSocket:
              port: http
            periodSeconds: 5
          livenessProbe:
            tcpSocket:
              port: http
            periodSeconds: 10
          {{- else }}
          # 60 s: 7x the slowest plain start measured alone on one core (users-api, 8.5 s; bench/README.md), 3.5x the
          # slowest seen with every pod starting at once on 2 cores (17 s, ci/k8s-smoke.sh).
          startupProbe:
            httpGet:
              path: /health/liveness
              port: http
            periodSeconds: 2
            failureThreshold: 30
          readinessProbe:
            httpGet:
              path: /health/readiness
              port: http
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /health/liveness
              port: http
            periodSeconds: 10
          {{- end }}
          lifecycle:
            # Lets endpoints and kube-proxy forget the pod before the server starts draining.
            preStop:
              exec:
                command: ["sleep", "5"]
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            {{- include "java-cluster.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- with .mounts }}
            {{- include . $.root | nindent 12 }}
            {{- end }}
      # The JVM writes its perf data (and Netty its native libraries) under /tmp; the root filesystem stays read-only.
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
        {{- with .volumes }}
        {{- include . $.root | nindent 8 }}
        {{- end }}
{{- end }}

{{/*
Service of one suite service, reached by its own name (the contract's UPSTREAM_URL relies on it).
*/}}
{{- define "java-cluster.service" -}}
{{- $svc := .values.service -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ .name }}
  labels:
    {{- include "java-cluster.labels" . | nindent 4 }}
spec:
  type: {{ $svc.type }}
  selector:
    {{- include "java-cluster.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .values.port }}
      targetPort: http
      {{- if and (eq $svc.type "NodePort") $svc.nodePort }}
      nodePort: {{ $svc.nodePort }}
      {{- end }}
{{- end }}
