{{/*
The chart name, used as app.kubernetes.io/part-of.
*/}}
{{- define "java-cluster.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
A release-scoped name, used only by the `helm test` pods and the Ingress. Everything else, hook Jobs
included, keeps the suite's fixed names (the services find each other by them), so one release fits in a namespace.
*/}}
{{- define "java-cluster.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version as used by the chart label.
*/}}
{{- define "java-cluster.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels of one component. Call with (dict "root" $ "name" "users-api").
*/}}
{{- define "java-cluster.labels" -}}
helm.sh/chart: {{ include "java-cluster.chart" .root }}
{{ include "java-cluster.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: {{ include "java-cluster.name" .root }}
{{- end }}

{{/*
Selector labels of one component: its service name within this release.
*/}}
{{- define "java-cluster.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{/*
Image of a suite module. Call with (dict "root" $ "module" "hello-chain").
*/}}
{{- define "java-cluster.image" -}}
{{- $tag := .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- with .root.Values.image.registry }}{{ trimSuffix "/" . }}/{{ end }}java-cluster/{{ .module }}:{{ $tag }}
{{- end }}

{{/*
Pod-level security context meeting the restricted Pod Security Standard; the images run as UID 10001.
*/}}
{{- define "java-cluster.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid | default 10001 }}
runAsGroup: {{ .uid | default 10001 }}
fsGroup: {{ .uid | default 10001 }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/*
Container-level security context meeting the restricted Pod Security Standard.
*/}}
{{- define "java-cluster.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end }}

{{/*
imagePullSecrets of every pod, if any.
*/}}
{{- define "java-cluster.imagePullSecrets" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
The port of observability.otlpEndpoint, which the telemetry NetworkPolicy opens; the endpoint must name it.
*/}}
{{- define "java-cluster.otlpPort" -}}
{{- $endpoint := .Values.observability.otlpEndpoint }}
{{- $port := regexFind ":[0-9]+$" (urlParse $endpoint).host | trimPrefix ":" }}
{{- if not $port }}
{{- fail (printf "observability.otlpEndpoint needs an explicit port, e.g. http://otel-collector.observability.svc:4317 (got %q)" $endpoint) }}
{{- end }}
{{- $port }}
{{- end }}
