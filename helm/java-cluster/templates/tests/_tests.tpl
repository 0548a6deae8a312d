{{/*
A `helm test` pod running one curl check. Call with (dict "root" $ "target" "hello1401" "script" "curl ...").
*/}}
{{- define "java-cluster.testPod" -}}
apiVersion: v1
kind: Pod
metadata:
  name: {{ include "java-cluster.fullname" .root }}-test-{{ .target }}
  labels:
    {{- include "java-cluster.labels" (dict "root" .root "name" "helm-test") | nindent 4 }}
    app.kubernetes.io/component: {{ .target }}
  annotations:
    helm.sh/hook: test
    helm.sh/hook-delete-policy: before-hook-creation
spec:
  restartPolicy: Never
  serviceAccountName: {{ .root.Values.serviceAccount.name }}
  automountServiceAccountToken: false
  securityContext:
    {{- include "java-cluster.podSecurityContext" dict | nindent 4 }}
  containers:
    - name: test
      image: {{ .root.Values.tests.image }}
      imagePullPolicy: IfNotPresent
      command: ["sh", "-c", {{ .script | quote }}]
      resources:
        requests:
          cpu: 10m
          memory: 16Mi
        limits:
          cpu: 100m
          memory: 32Mi
      securityContext:
        {{- include "java-cluster.containerSecurityContext" . | nindent 8 }}
{{- end }}
