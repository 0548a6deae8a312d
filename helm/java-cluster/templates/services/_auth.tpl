{{/*
Name of the Secret holding auth's signing key under signing.jwk: the operator's, or the one the chart renders.
*/}}
{{- define "java-cluster.authSigningKeySecret" -}}
{{- .Values.auth.signingKey.existingSecret | default "auth-signing-key" }}
{{- end }}

{{/*
auth's own variables: its database, the tokens' issuer, the key files and the proxies whose X-Forwarded-For it believes.
*/}}
{{- define "java-cluster.authEnv" -}}
{{- if and .Values.auth.signingKey.previousKeys (not .Values.auth.signingKey.existingSecret) }}
{{- fail "auth.signingKey.previousKeys reads previous.jwks from auth.signingKey.existingSecret: name your Secret there, or set previousKeys=false" }}
{{- end -}}
{{ include "java-cluster.dbEnvFrom" (dict "config" "auth-db-config" "secret" (include "java-cluster.dbSecret" (dict "root" . "db" "authDb" "server" "auth-db"))) }}
- name: AUTH_ISSUER
  value: java-cluster-auth
- name: AUTH_SIGNING_KEY_FILE
  value: /var/run/secrets/auth/signing.jwk
{{- if .Values.auth.signingKey.previousKeys }}
- name: AUTH_PREVIOUS_KEYS_FILE
  value: /var/run/secrets/auth/previous.jwks
{{- end }}
{{- with .Values.auth.trustedProxies }}
# Only the gateway and users-api may reach auth (networkPolicy), so the one X-Forwarded-For believed is the gateway's: the login throttle counts per client.
- name: AUTH_TRUSTED_PROXIES
  value: {{ . | quote }}
{{- end }}
{{- end }}

{{/*
auth's signing key, mounted read-only where AUTH_SIGNING_KEY_FILE points.
*/}}
{{- define "java-cluster.authMounts" -}}
- name: signing-key
  mountPath: /var/run/secrets/auth
  readOnly: true
{{- end }}

{{- define "java-cluster.authVolumes" -}}
# Every replica signs with the same private key, so each one's tokens verify against the others' JWKS.
- name: signing-key
  secret:
    secretName: {{ include "java-cluster.authSigningKeySecret" . }}
    items:
      - key: signing.jwk
        path: signing.jwk
      {{- if .Values.auth.signingKey.previousKeys }}
      - key: previous.jwks
        path: previous.jwks
      {{- end }}
    # Read-only, for the group the kubelet gives the files: the pod's fsGroup, 10001.
    defaultMode: 0440
{{- end }}
