{{/*
hello1403's own variables: its upstream and the chain database it records calls in.
*/}}
{{- define "java-cluster.hello1403Env" -}}
{{- if not .Values.hello1402.enabled }}
{{- fail "hello1403 calls hello1402: set hello1402.enabled=true, or hello1403.enabled=false" }}
{{- end -}}
- name: UPSTREAM_URL
  value: http://hello1402:{{ .Values.hello1402.port }}
{{ include "java-cluster.dbEnvFrom" (dict "config" "chain-db-config" "secret" (include "java-cluster.dbSecret" (dict "root" . "db" "chainDb" "server" "chain-db"))) }}
{{- end }}

{{/*
users-api's own variables: its database and, when the cache is on, Redis.
*/}}
{{- define "java-cluster.usersApiEnv" -}}
{{ include "java-cluster.dbEnvFrom" (dict "config" "db-config" "secret" (include "java-cluster.dbSecret" (dict "root" . "db" "usersDb" "server" "users-db"))) }}
{{- if include "java-cluster.redisUri" . }}
- name: REDIS_URI
  valueFrom:
    configMapKeyRef:
      name: db-config
      key: redis.uri
{{- end }}
{{- end }}
