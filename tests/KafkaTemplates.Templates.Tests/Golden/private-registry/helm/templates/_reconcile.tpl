{{/* ------------------------------------------------------------------------------------------
     Topics, users and ACLs as code (topics, users, acls, reconcile.*): the state the hook Job
     makes the cluster match, in the TAB-separated lines helm/files/kafka-reconcile.sh reads.
     ------------------------------------------------------------------------------------------ */}}

{{/* "true" when the hook Job and its ConfigMaps are rendered. */}}
{{- define "kafka.reconcile.enabled" -}}
{{- if and .Values.reconcile.enabled (or .Values.topics .Values.users .Values.acls .Values.reconcile.prune) -}}true{{- end -}}
{{- end -}}

{{/*
"true" when users are SCRAM users the Job creates: with scram, and with none so that a cluster still migrating has its
users before it switches to scram. With mtls the users are the principals of client certificates.
*/}}
{{- define "kafka.reconcile.scramUsers" -}}
{{- if ne .Values.auth.mode "mtls" -}}true{{- end -}}
{{- end -}}

{{/* The Secret and key holding a declared user's password. Call with (dict "root" $ "user" $user). */}}
{{- define "kafka.userSecret" -}}
{{- if .user.existingSecret -}}{{ .user.existingSecret }}{{- else -}}{{ include "kafka.fullname" .root }}-user-{{ .user.name }}{{- end -}}
{{- end -}}

{{- define "kafka.userSecretKey" -}}
{{- default "password" .user.existingSecretKey -}}
{{- end -}}

{{/* One line per declared item: topic, config, user, acl (see helm/files/kafka-reconcile.sh). */}}
{{- define "kafka.reconcile.declared" -}}
{{- $root := . -}}
{{- range .Values.topics }}
{{- $partitions := int (default 0 .partitions) -}}
{{- if eq $partitions 0 }}{{ $partitions = int $root.Values.kafka.numPartitions }}{{ end -}}
{{- $rf := int (default 0 .replicationFactor) -}}
{{- if eq $rf 0 }}{{ $rf = int (include "kafka.rf.default" $root) }}{{ end }}
{{ printf "topic\t%s\t%d\t%d" .name $partitions $rf }}
{{- $topic := .name -}}
{{- range $key, $value := .config }}
{{ printf "config\t%s\t%s\t%s" $topic $key (ternary (toString (int64 $value)) (toString $value) (kindIs "float64" $value)) }}
{{- end }}
{{- end }}
{{- if include "kafka.reconcile.scramUsers" . }}
{{- range .Values.users }}
{{ printf "user\t%s" .name }}
{{- end }}
{{- end }}
{{- if include "kafka.authz" . }}
{{- range .Values.acls }}
{{- $type := .resourceType | snakecase | upper -}}
{{- $name := ternary "kafka-cluster" (toString .name) (eq .resourceType "cluster") -}}
{{- $pattern := default "literal" .patternType | upper -}}
{{- $permission := default "allow" .permission | upper -}}
{{- $principal := .principal -}}
{{- range .operations }}
{{ printf "acl\t%s\t%s\t%s\t%s\t%s\t%s" $principal $permission $type $name $pattern (. | snakecase | upper) }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The identities of the declared items (what prune may one day delete): topics, their config keys, users, ACLs. */}}
{{- define "kafka.reconcile.identities" -}}
{{- range splitList "\n" (include "kafka.reconcile.declared" .) }}
{{- $f := splitList "\t" . -}}
{{- if eq (first $f) "topic" }}
{{ printf "topic\t%s" (index $f 1) }}
{{- else if eq (first $f) "config" }}
{{ printf "config\t%s\t%s" (index $f 1) (index $f 2) }}
{{- else if or (eq (first $f) "user") (eq (first $f) "acl") }}
{{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Refuses declarations the Job could not apply. */}}
{{- define "kafka.validateReconcile" -}}
{{- $seen := dict -}}
{{- range .Values.topics -}}
{{- if hasKey $seen .name -}}{{- fail (printf "topics: %q is declared twice; declare each topic once." .name) -}}{{- end -}}
{{- $_ := set $seen .name true -}}
{{- end -}}
{{- $users := dict -}}
{{- range .Values.users -}}
{{- if hasKey $users .name -}}{{- fail (printf "users: %q is declared twice; declare each user once." .name) -}}{{- end -}}
{{- $_ := set $users .name true -}}
{{- end -}}
{{- range .Values.acls -}}
{{- if and (ne .resourceType "cluster") (not .name) -}}
{{- fail (printf "acls: the %s ACL for %s names no resource: set name (or * for every %s)." .resourceType .principal .resourceType) -}}
{{- end -}}
{{- end -}}
{{- end -}}
