{{/*
Pod template of a db-migrations run. Call with
(dict "root" $ "service" "users-api" "db" "usersDb" "server" "users-db" "kind" "mysql" "args" (list "update")).
Values are literal because a pre-install hook runs before the release's ConfigMaps exist.
*/}}
{{- define "java-cluster.migrationPod" -}}
{{- $db := index .root.Values .db -}}
metadata:
  labels:
    {{- include "java-cluster.labels" (dict "root" .root "name" "db-migrations") | nindent 4 }}
    app.kubernetes.io/component: {{ .service }}
spec:
  restartPolicy: Never
  serviceAccountName: {{ .root.Values.serviceAccount.name }}
  automountServiceAccountToken: false
  {{- include "java-cluster.imagePullSecrets" .root | nindent 2 }}
  securityContext:
    {{- include "java-cluster.podSecurityContext" dict | nindent 4 }}
  containers:
    - name: db-migrations
      image: {{ include "java-cluster.image" (dict "root" .root "module" "db-migrations") }}
      imagePullPolicy: {{ .root.Values.image.pullPolicy }}
      args: {{ prepend .args .service | toJson }}
      env:
        - name: DATABASE_KIND
          value: {{ .kind | quote }}
        - name: DATABASE_HOST
          value: {{ include "java-cluster.dbHost" . | quote }}
        - name: DATABASE_PORT
          value: {{ $db.port | quote }}
        - name: DATABASE_NAME
          value: {{ $db.name | quote }}
        - name: DATABASE_USER
          value: {{ $db.user | quote }}
        - name: DATABASE_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ include "java-cluster.dbSecret" . }}
              key: password
        - name: LOG_FORMAT
          value: json
        {{- with $db.migrationsContexts }}
        # Update, status and rollback alike, so a rollback undoes the changeset that update applied.
        - name: MIGRATIONS_CONTEXTS
          value: {{ . | quote }}
        {{- end }}
      resources:
        {{- toYaml .root.Values.migrations.resources | nindent 8 }}
      securityContext:
        {{- include "java-cluster.containerSecurityContext" . | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: 64Mi
{{- end }}

{{/*
The hook Job running `db-migrations <service> update`. An in-cluster database is created by the
release itself, so its schema can only be migrated after install; an external one is migrated first.
*/}}
{{- define "java-cluster.migrationJob" -}}
{{- $db := index .root.Values .db -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .service }}-migrations
  labels:
    {{- include "java-cluster.labels" (dict "root" .root "name" "db-migrations") | nindent 4 }}
    app.kubernetes.io/component: {{ .service }}
  annotations:
    helm.sh/hook: {{ ternary "post-install,pre-upgrade" "pre-install,pre-upgrade" $db.inCluster }}
    # Kept after it ends so `kubectl logs job/{{ .service }}-migrations` works; replaced by the next run.
    helm.sh/hook-delete-policy: before-hook-creation
spec:
  backoffLimit: {{ .root.Values.migrations.backoffLimit }}
  template:
    {{- include "java-cluster.migrationPod" (merge (dict "args" (list "update")) .) | nindent 4 }}
{{- end }}

{{/*
A suspended CronJob that is never scheduled: a template for `kubectl create job --from=cronjob/...`,
so a schema rollback runs with the current image, which knows the changesets to undo.
No value adds --allow-data-loss, so it refuses to drop a table that holds rows (helm/README.md, Roll back).
*/}}
{{- define "java-cluster.schemaRollbackCronJob" -}}
apiVersion: batch/v1
kind: CronJob
metadata:
  name: {{ .service }}-schema-rollback
  labels:
    {{- include "java-cluster.labels" (dict "root" .root "name" "db-migrations") | nindent 4 }}
    app.kubernetes.io/component: {{ .service }}
spec:
  suspend: true
  schedule: "0 0 1 1 *"
  jobTemplate:
    spec:
      backoffLimit: 0
      template:
        {{- include "java-cluster.migrationPod" (merge (dict "args" (list "rollback" "1")) .) | nindent 8 }}
{{- end }}
