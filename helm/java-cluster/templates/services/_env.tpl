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
users-api's own variables: its database, when the cache is on Redis, and auth's keys, which make writes need a token.
*/}}
{{- define "java-cluster.usersApiEnv" -}}
{{- if not .Values.auth.enabled }}
{{- fail "users-api checks write tokens against auth's keys (AUTH_JWKS_URL): set auth.enabled=true, or usersApi.enabled=false" }}
{{- end -}}
{{ include "java-cluster.dbEnvFrom" (dict "config" "db-config" "secret" (include "java-cluster.dbSecret" (dict "root" . "db" "usersDb" "server" "users-db"))) }}
# Set, so POST and DELETE /users need a token from auth with the role users:write.
- name: AUTH_JWKS_URL
  value: http://auth:{{ .Values.auth.port }}/auth/keys
{{- if .Values.usersApi.redis.existingSecret }}
{{- if not .Values.redis.enabled }}
{{- fail "usersApi.redis.existingSecret gives users-api a cache: set redis.enabled=true, or leave the Secret empty" }}
{{- end }}
{{- if .Values.redis.inCluster }}
{{- fail "usersApi.redis.existingSecret is for an external Redis (the in-cluster one has no password): set redis.inCluster=false" }}
{{- end }}
- name: REDIS_URI
  valueFrom:
    secretKeyRef:
      name: {{ .Values.usersApi.redis.existingSecret }}
      key: {{ required "usersApi.redis.existingSecretKey names the URI's key in usersApi.redis.existingSecret" .Values.usersApi.redis.existingSecretKey }}
{{- else if include "java-cluster.redisUri" . }}
- name: REDIS_URI
  valueFrom:
    configMapKeyRef:
      name: db-config
      key: redis.uri
{{- end }}
{{- end }}
