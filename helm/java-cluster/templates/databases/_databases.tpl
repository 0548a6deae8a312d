{{/*
Connection settings of the databases. Call with (dict "root" $ "db" "usersDb" "server" "users-db").
Impossible combinations fail here, so every template that needs a database reports them.
*/}}
{{- define "java-cluster.dbHost" -}}
{{- $db := index .root.Values .db }}
{{- if $db.inCluster }}
{{- .server }}
{{- else if $db.host }}
{{- $db.host }}
{{- else }}
{{- fail (printf "%s.host is required when %s.inCluster is false: name the external database server, or set %s.inCluster=true" .db .db .db) }}
{{- end }}
{{- end }}

{{/*
Name of the Secret holding the database password under the key `password`.
*/}}
{{- define "java-cluster.dbSecret" -}}
{{- $db := index .root.Values .db }}
{{- if $db.existingSecret }}
{{- $db.existingSecret }}
{{- else if not $db.password }}
{{- fail (printf "%s.existingSecret is empty and no %s.password is given: create a Secret with the key `password` and name it in %s.existingSecret" .db .db .db) }}
{{- else if not $db.inCluster }}
{{- fail (printf "%s.password is for the in-cluster dev database only: for an external database create a Secret with the key `password` and set %s.existingSecret" .db .db) }}
{{- else }}
{{- printf "%s-credentials" .server }}
{{- end }}
{{- end }}

{{/*
The kind (mysql or postgres) of the users database.
*/}}
{{- define "java-cluster.usersDbKind" -}}
{{- $kind := .Values.usersDb.kind }}
{{- if not (has $kind (list "mysql" "postgres")) }}
{{- fail (printf "usersDb.kind must be mysql or postgres, not %q" $kind) }}
{{- else if and .Values.usersDb.inCluster (ne $kind "mysql") }}
{{- fail "usersDb.kind=postgres needs an external server: the in-cluster users database is MySQL (set usersDb.inCluster=false and usersDb.host)" }}
{{- end }}
{{- $kind }}
{{- end }}

{{/*
REDIS_URI of users-api through db-config; empty when the cache is off or the URI comes from usersApi.redis.existingSecret.
*/}}
{{- define "java-cluster.redisUri" -}}
{{- if and .Values.redis.enabled (not .Values.usersApi.redis.existingSecret) }}
{{- if .Values.redis.inCluster }}
{{- "redis://redis:6379" }}
{{- else }}
{{- required "redis.uri is required when redis.inCluster is false: name the external server, set usersApi.redis.existingSecret, or set redis.enabled=false" .Values.redis.uri }}
{{- end }}
{{- end }}
{{- end }}

{{/*
DATABASE_* variables read from a ConfigMap and the password Secret. Call with (dict "config" "db-config" "secret" "users-db-credentials").
*/}}
{{- define "java-cluster.dbEnvFrom" -}}
{{- range $var, $key := dict "DATABASE_KIND" "database.kind" "DATABASE_HOST" "database.host" "DATABASE_PORT" "database.port" "DATABASE_NAME" "database.name" "DATABASE_USER" "database.user" }}
- name: {{ $var }}
  valueFrom:
    configMapKeyRef:
      name: {{ $.config }}
      key: {{ $key }}
{{- end }}
- name: DATABASE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: password
{{- end }}

{{/*
pg_isready over TCP for an in-cluster PostgreSQL's probes. Call with (dict "root" $ "db" "chainDb").
*/}}
{{- define "java-cluster.pgIsReady" -}}
{{- $db := index .root.Values .db }}
{{- list "pg_isready" "--host=127.0.0.1" (printf "--dbname=%s" $db.name) (printf "--username=%s" $db.user) | toJson }}
{{- end }}
