{{/*
The gateway's upstreams: its template's variable, the Service it names, and that service's values key.
ownPolicy: users-api calls that service too, so its ingress policy is in service-to-service-networkpolicy.yaml.
*/}}
{{- define "java-cluster.gatewayUpstreams" -}}
HELLO1400_UPSTREAM: {name: hello1400, key: hello1400}
HELLO1401_UPSTREAM: {name: hello1401, key: hello1401}
CHAIN_UPSTREAM: {name: hello1403, key: hello1403}
ECHO_UPSTREAM: {name: echo, key: echo}
USERS_UPSTREAM: {name: users-api, key: usersApi}
AUTH_UPSTREAM: {name: auth, key: auth, ownPolicy: true}
{{- end }}

{{/*
The gateway routes to every front service (a missing one would answer 502 on its routes); the Ingress needs the gateway.
*/}}
{{- define "java-cluster.gatewayRequirements" -}}
{{- if .Values.gateway.enabled }}
{{- range $var, $up := include "java-cluster.gatewayUpstreams" . | fromYaml }}
{{- if not (index $.Values $up.key).enabled }}
{{- fail (printf "the gateway routes to %s (%s): set %s.enabled=true, or gateway.enabled=false" $up.name $var $up.key) }}
{{- end }}
{{- end }}
{{- else if .Values.ingress.enabled }}
{{- fail "the Ingress sends everything to the gateway: set gateway.enabled=true, or ingress.enabled=false" }}
{{- end }}
{{- end }}
