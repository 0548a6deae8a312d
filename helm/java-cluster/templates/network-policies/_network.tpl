{{/*
A NetworkPolicy letting `from` pods reach `to` pods on port `port`. Call with
(dict "root" $ "name" "hello1402-from-hello1403" "to" "hello1402" "from" (list "hello1403") "port" "http").
*/}}
{{- define "java-cluster.allowFromPods" -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ .name }}
  labels:
    {{- include "java-cluster.labels" (dict "root" .root "name" .to) | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: {{ .to }}
  policyTypes: ["Ingress"]
  ingress:
    - from:
        {{- range .from }}
        - podSelector:
            matchLabels:
              {{- if kindIs "string" . }}
              app.kubernetes.io/name: {{ . }}
              {{- else }}
              {{- toYaml . | nindent 14 }}
              {{- end }}
        {{- end }}
      ports:
        - port: {{ .port }}
{{- end }}
