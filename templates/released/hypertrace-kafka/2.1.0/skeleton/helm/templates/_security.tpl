{{/* ------------------------------------------------------------------------------------------
     Transport security and authentication (tls.*, auth.*). One place decides the protocol of
     every listener, the principals, and what the chart refuses.
     ------------------------------------------------------------------------------------------ */}}

{{/* "true" when the listeners run TLS (tls.source is cert-manager or secret). */}}
{{- define "kafka.tls" -}}
{{- if ne .Values.tls.source "none" -}}true{{- end -}}
{{- end -}}

{{/* "true" when clients authenticate and the StandardAuthorizer is on. */}}
{{- define "kafka.authz" -}}
{{- if ne .Values.auth.mode "none" -}}true{{- end -}}
{{- end -}}

{{/* Protocol of the client-facing listeners (CLIENT, EXTERNAL) and of INTERNAL (broker to broker). */}}
{{- define "kafka.protocol.client" -}}
{{- if not (include "kafka.tls" .) -}}PLAINTEXT
{{- else if eq .Values.auth.mode "scram" -}}SASL_SSL
{{- else -}}SSL
{{- end -}}
{{- end -}}

{{/* Controllers always authenticate their peers by certificate when TLS is on: SCRAM is not offered on KRaft controller listeners. */}}
{{- define "kafka.protocol.controller" -}}
{{- ternary "SSL" "PLAINTEXT" (eq (include "kafka.tls" .) "true") -}}
{{- end -}}

{{/* The Secret holding tls.crt, tls.key (PKCS#8) and ca.crt of a role: written by cert-manager, or by the team. */}}
{{- define "kafka.tlsSecret" -}}
{{- $root := .root -}}
{{- $given := ternary $root.Values.tls.brokerSecret (default $root.Values.tls.brokerSecret $root.Values.tls.controllerSecret) (eq .role "broker") -}}
{{- if and (eq $root.Values.tls.source "secret") $given -}}{{ $given }}{{- else -}}{{ include "kafka.fullname" $root }}-{{ .role }}-tls{{- end -}}
{{- end -}}

{{/* Principal of a role's certificate (its common name, mapped by ssl.principal.mapping.rules). */}}
{{- define "kafka.certPrincipal" -}}
{{- include "kafka.fullname" .root }}-{{ .role -}}
{{- end -}}

{{/* SCRAM user the brokers use to talk to each other. */}}
{{- define "kafka.interBrokerUser" -}}
{{- include "kafka.fullname" . }}-broker
{{- end -}}

{{/* The brokers' and controllers' own principals and the admin: nobody else is a super user. */}}
{{- define "kafka.superUsers" -}}
{{- $users := list (printf "User:%s" (include "kafka.certPrincipal" (dict "root" . "role" "broker"))) (printf "User:%s" (include "kafka.certPrincipal" (dict "root" . "role" "controller"))) -}}
{{- if eq .Values.auth.mode "scram" -}}
{{- $users = append $users (printf "User:%s" (include "kafka.interBrokerUser" .)) -}}
{{- end -}}
{{- $users = append $users (printf "User:%s" .Values.auth.adminUser) -}}
{{- join ";" (uniq $users) -}}
{{- end -}}

{{/* Refuses the combinations a security review would stop. */}}
{{- define "kafka.validateSecurity" -}}
{{- if not (has .Values.tls.source (list "cert-manager" "secret" "none")) -}}
{{- fail (printf "tls.source must be \"cert-manager\", \"secret\" or \"none\", not %q." .Values.tls.source) -}}
{{- end -}}
{{- if not (has .Values.auth.mode (list "scram" "mtls" "none")) -}}
{{- fail (printf "auth.mode must be \"scram\", \"mtls\" or \"none\", not %q." .Values.auth.mode) -}}
{{- end -}}
{{- if and (ne .Values.auth.mode "none") (not (include "kafka.tls" .)) -}}
{{- fail (printf "auth.mode=%s needs TLS (tls.source cert-manager or secret): %s over plaintext would expose credentials. Choose a certificate source, or auth.mode none while migrating." .Values.auth.mode (ternary "SASL/SCRAM" "client certificates" (eq .Values.auth.mode "scram"))) -}}
{{- end -}}
{{- if .Values.externalAccess.enabled -}}
{{- if or (not (include "kafka.tls" .)) (eq .Values.auth.mode "none") -}}
{{- fail "externalAccess.enabled needs TLS (tls.source cert-manager or secret) and an authentication mode (auth.mode scram or mtls): an open, plaintext Kafka must not be published outside the cluster." -}}
{{- end -}}
{{- if not .Values.externalAccess.allowedCidrs -}}
{{- fail "externalAccess.allowedCidrs is empty: name the client networks (CIDRs) that may reach the external listener." -}}
{{- end -}}
{{- if and (eq .Values.externalAccess.type "LoadBalancer") (not .Values.externalAccess.loadBalancerSourceRanges) -}}
{{- fail "externalAccess.loadBalancerSourceRanges is empty: name the client networks (CIDRs) the load balancers accept; there is no default of everywhere." -}}
{{- end -}}
{{- end -}}
{{- if not (regexMatch "^[A-Za-z0-9][-A-Za-z0-9_.@]*$" (toString .Values.auth.adminUser)) -}}
{{- fail (printf "auth.adminUser %q is not a valid user name (letters, digits, - _ . @)." (toString .Values.auth.adminUser)) -}}
{{- end -}}
{{- end -}}
