{{/* ------------------------------------------------------------------------------------------
     Names and labels
     ------------------------------------------------------------------------------------------ */}}

{{- define "kafka.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/*
Full name: the prefix of every object of the release. At most 40 characters so that
"<fullname>-controller" stays a valid StatefulSet name (its revision label adds 11 characters).
*/}}
{{- define "kafka.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "kafka.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Stable selector labels. Call with (dict "root" $ "component" "broker"). */}}
{{- define "kafka.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kafka.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Full label set. Call with (dict "root" $ "component" "broker"). */}}
{{- define "kafka.labels" -}}
helm.sh/chart: {{ include "kafka.chart" .root }}
{{ include "kafka.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: {{ include "kafka.fullname" .root }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{/* Labels shared by every pod of the release (used by the NetworkPolicy). */}}
{{- define "kafka.releaseSelector" -}}
app.kubernetes.io/name: {{ include "kafka.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "kafka.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "kafka.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "kafka.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* ------------------------------------------------------------------------------------------
     Topology: brokers, controllers, host names
     ------------------------------------------------------------------------------------------ */}}

{{- define "kafka.dedicated" -}}
{{- if eq .Values.kraft.controllerLayout "dedicated" -}}true{{- end -}}
{{- end -}}

{{- define "kafka.brokerName" -}}
{{- include "kafka.fullname" . -}}
{{- end -}}

{{- define "kafka.controllerName" -}}
{{- printf "%s-controller" (include "kafka.fullname" .) -}}
{{- end -}}

{{- define "kafka.brokerHeadless" -}}
{{- printf "%s-headless" (include "kafka.fullname" .) -}}
{{- end -}}

{{- define "kafka.controllerHeadless" -}}
{{- printf "%s-controller-headless" (include "kafka.fullname" .) -}}
{{- end -}}

{{/* Number of KRaft controllers (voters). */}}
{{- define "kafka.controllerCount" -}}
{{- if include "kafka.dedicated" . -}}
{{- int .Values.controller.replicas -}}
{{- else if gt (int .Values.kraft.combinedControllers) 0 -}}
{{- int .Values.kraft.combinedControllers -}}
{{- else if ge (int .Values.broker.replicas) 3 -}}
3
{{- else -}}
1
{{- end -}}
{{- end -}}

{{/* node.id of controller 0. */}}
{{- define "kafka.controllerIdOffset" -}}
{{- if include "kafka.dedicated" . -}}{{ int .Values.controller.nodeIdOffset }}{{- else -}}0{{- end -}}
{{- end -}}

{{/* "host:port,..." of every controller (controller.quorum.bootstrap.servers). */}}
{{- define "kafka.quorumBootstrapServers" -}}
{{- $root := . -}}
{{- $servers := list -}}
{{- $sts := include "kafka.brokerName" . -}}
{{- $svc := include "kafka.brokerHeadless" . -}}
{{- if include "kafka.dedicated" . -}}
{{- $sts = include "kafka.controllerName" . -}}
{{- $svc = include "kafka.controllerHeadless" . -}}
{{- end -}}
{{- range $i := until (int (include "kafka.controllerCount" $root)) -}}
{{- $servers = append $servers (printf "%s-%d.%s.%s.svc.%s:%d" $sts $i $svc $root.Release.Namespace $root.Values.clusterDomain (int (include "kafka.port.controller" $root))) -}}
{{- end -}}
{{- join "," $servers -}}
{{- end -}}

{{/*
"id@host:port:directoryId,..." for `kafka-storage.sh format --initial-controllers` (KIP-853 dynamic quorum).
Directory ids are derived from the cluster id and the controller index, so every render agrees.
Call with (dict "root" $ "clusterId" "...").
*/}}
{{- define "kafka.initialControllers" -}}
{{- $root := .root -}}
{{- $clusterId := .clusterId -}}
{{- $offset := int (include "kafka.controllerIdOffset" $root) -}}
{{- $servers := splitList "," (include "kafka.quorumBootstrapServers" $root) -}}
{{- $voters := list -}}
{{- range $i, $server := $servers -}}
{{- $dirId := printf "%sA" (sha256sum (printf "%s/controller/%d" $clusterId $i) | trunc 21) -}}
{{- $voters = append $voters (printf "%d@%s:%s" (add $offset $i) $server $dirId) -}}
{{- end -}}
{{- join "," $voters -}}
{{- end -}}

{{- define "kafka.port.client" -}}9092{{- end -}}
{{- define "kafka.port.controller" -}}9093{{- end -}}
{{- define "kafka.port.internal" -}}9094{{- end -}}
{{- define "kafka.port.external" -}}9095{{- end -}}

{{/* ------------------------------------------------------------------------------------------
     Replication settings, derived from the broker count
     ------------------------------------------------------------------------------------------ */}}

{{- define "kafka.autoRF" -}}
{{- $explicit := int .explicit -}}
{{- if gt $explicit 0 -}}{{ $explicit }}{{- else -}}{{ min 3 (int .brokers) }}{{- end -}}
{{- end -}}

{{- define "kafka.rf.default" -}}
{{- include "kafka.autoRF" (dict "explicit" .Values.kafka.replication.defaultReplicationFactor "brokers" .Values.broker.replicas) -}}
{{- end -}}

{{- define "kafka.rf.offsets" -}}
{{- include "kafka.autoRF" (dict "explicit" .Values.kafka.replication.offsetsTopicReplicationFactor "brokers" .Values.broker.replicas) -}}
{{- end -}}

{{- define "kafka.rf.transactions" -}}
{{- include "kafka.autoRF" (dict "explicit" .Values.kafka.replication.transactionStateLogReplicationFactor "brokers" .Values.broker.replicas) -}}
{{- end -}}

{{- define "kafka.minIsr" -}}
{{- $explicit := int .Values.kafka.replication.minInsyncReplicas -}}
{{- if gt $explicit 0 -}}{{ $explicit }}{{- else -}}{{ max 1 (sub (int (include "kafka.rf.default" .)) 1) }}{{- end -}}
{{- end -}}

{{/* ------------------------------------------------------------------------------------------
     Validation: fail early with a message that says what to change
     ------------------------------------------------------------------------------------------ */}}

{{/* Converts a memory quantity ("2Gi", "1500M", "1g" for -Xmx) to MiB; empty when it cannot tell. */}}
{{- define "kafka.toMiB" -}}
{{- $q := toString . -}}
{{- if regexMatch "^[0-9]+([KMGT]i?|[kmgt])?$" $q -}}
{{- $n := int64 (regexFind "^[0-9]+" $q) -}}
{{- $u := regexReplaceAll "^[0-9]+" $q "" -}}
{{- $bytes := $n -}}
{{- if or (eq $u "Ki") (eq $u "k") (eq $u "K") -}}{{- $bytes = mul $n 1024 -}}
{{- else if or (eq $u "Mi") (eq $u "m") -}}{{- $bytes = mul $n 1048576 -}}
{{- else if or (eq $u "Gi") (eq $u "g") -}}{{- $bytes = mul $n 1073741824 -}}
{{- else if or (eq $u "Ti") (eq $u "t") -}}{{- $bytes = mul $n 1099511627776 -}}
{{- else if eq $u "M" -}}{{- $bytes = mul $n 1000000 -}}
{{- else if eq $u "G" -}}{{- $bytes = mul $n 1000000000 -}}
{{- else if eq $u "T" -}}{{- $bytes = mul $n 1000000000000 -}}
{{- end -}}
{{- div $bytes 1048576 -}}
{{- end -}}
{{- end -}}

{{/* Fails when -Xmx in heapOpts is not below the memory limit. Call with (dict "what" "broker" "heap" ... "limit" ...). */}}
{{- define "kafka.validateHeap" -}}
{{- $xmx := regexFind "-Xmx[0-9]+[kKmMgGtT]?" (toString .heap) | trimPrefix "-Xmx" -}}
{{- if and $xmx .limit -}}
{{- $heapMiB := include "kafka.toMiB" (lower $xmx) -}}
{{- $limitMiB := include "kafka.toMiB" .limit -}}
{{- if and $heapMiB $limitMiB -}}
{{- if ge (int64 $heapMiB) (int64 $limitMiB) -}}
{{- fail (printf "%s.heapOpts sets -Xmx%s, which is not below %s.resources.limits.memory (%s). Lower the heap or raise the limit; Kafka also needs memory outside the heap (page cache, direct buffers)." .what $xmx .what .limit) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "kafka.validate" -}}
{{- $brokers := int .Values.broker.replicas -}}
{{- $r := .Values.kafka.replication -}}
{{- range $key := list "defaultReplicationFactor" "offsetsTopicReplicationFactor" "transactionStateLogReplicationFactor" -}}
{{- $v := int (index $r $key) -}}
{{- if gt $v $brokers -}}
{{- fail (printf "kafka.replication.%s is %d but there are only %d brokers (broker.replicas). Lower it, or set it to 0 to use min(3, brokers)." $key $v $brokers) -}}
{{- end -}}
{{- end -}}
{{- $rf := int (include "kafka.rf.default" .) -}}
{{- $minIsr := int (include "kafka.minIsr" .) -}}
{{- if gt $minIsr $brokers -}}
{{- fail (printf "kafka.replication.minInsyncReplicas is %d but there are only %d brokers (broker.replicas)." $minIsr $brokers) -}}
{{- end -}}
{{- if gt $minIsr $rf -}}
{{- fail (printf "kafka.replication.minInsyncReplicas (%d) exceeds the default replication factor (%d): producers with acks=all could never write. Lower minInsyncReplicas or set it to 0." $minIsr $rf) -}}
{{- end -}}
{{- if and (gt $rf 1) (ge $minIsr $rf) -}}
{{- fail (printf "kafka.replication.minInsyncReplicas (%d) must be below the default replication factor (%d), otherwise a single broker restart blocks acks=all producers. Use %d, or 0 for max(1, rf-1)." $minIsr $rf (sub $rf 1)) -}}
{{- end -}}
{{- if include "kafka.dedicated" . -}}
{{- if eq (mod (int .Values.controller.replicas) 2) 0 -}}
{{- fail (printf "controller.replicas is %d: a KRaft controller quorum needs an odd number of controllers (3 or 5)." (int .Values.controller.replicas)) -}}
{{- end -}}
{{- else if ne .Values.kraft.controllerLayout "combined" -}}
{{- fail (printf "kraft.controllerLayout must be \"combined\" or \"dedicated\", not %q." .Values.kraft.controllerLayout) -}}
{{- else if gt (int .Values.kraft.combinedControllers) 0 -}}
{{- $c := int .Values.kraft.combinedControllers -}}
{{- if eq (mod $c 2) 0 -}}
{{- fail (printf "kraft.combinedControllers is %d: a KRaft controller quorum needs an odd number of controllers." $c) -}}
{{- end -}}
{{- if gt $c $brokers -}}
{{- fail (printf "kraft.combinedControllers (%d) exceeds broker.replicas (%d)." $c $brokers) -}}
{{- end -}}
{{- end -}}
{{- include "kafka.validateHeap" (dict "what" "broker" "heap" .Values.broker.heapOpts "limit" (dig "limits" "memory" "" .Values.broker.resources)) -}}
{{- if include "kafka.dedicated" . -}}
{{- include "kafka.validateHeap" (dict "what" "controller" "heap" .Values.controller.heapOpts "limit" (dig "limits" "memory" "" .Values.controller.resources)) -}}
{{- end -}}
{{- if .Values.externalAccess.enabled -}}
{{- $hosts := len (default (list) .Values.externalAccess.advertisedHosts) -}}
{{- if and (eq .Values.externalAccess.type "LoadBalancer") (lt $hosts $brokers) -}}
{{- fail (printf "externalAccess.type=LoadBalancer needs externalAccess.advertisedHosts with one host name per broker (%d given, %d brokers)." $hosts $brokers) -}}
{{- end -}}
{{- if and (eq .Values.externalAccess.type "NodePort") (gt $hosts 0) (lt $hosts $brokers) -}}
{{- fail (printf "externalAccess.advertisedHosts lists %d hosts for %d brokers: give one per broker, or none to advertise the node IP." $hosts $brokers) -}}
{{- end -}}
{{- end -}}
{{- if and (eq .Values.rack.mode "ordinalMap") (not .Values.rack.zones) -}}
{{- fail "rack.mode=ordinalMap needs rack.zones: list the zones in ordinal order (broker n gets zones[n mod len(zones)])." -}}
{{- end -}}
{{- if and .Values.storageClass.create (not .Values.storageClass.provisioner) -}}
{{- fail "storageClass.create is true but storageClass.provisioner is empty: name the CSI driver (e.g. ebs.csi.aws.com)." -}}
{{- end -}}
{{- if and .Values.metrics.serviceMonitor.enabled (not .Values.metrics.jmx.enabled) -}}
{{- fail "metrics.serviceMonitor.enabled needs metrics.jmx.enabled: there is nothing to scrape without the JMX exporter." -}}
{{- end -}}
{{- if and .Values.metrics.prometheusRule.enabled (not .Values.metrics.jmx.enabled) -}}
{{- fail "metrics.prometheusRule.enabled needs metrics.jmx.enabled: the alerts use the JMX exporter's series." -}}
{{- end -}}
{{- include "kafka.validateSecurity" . -}}
{{- $managed := list "node.id" "process.roles" "listeners" "advertised.listeners" "listener.security.protocol.map" "inter.broker.listener.name" "controller.listener.names" "controller.quorum.voters" "controller.quorum.bootstrap.servers" "log.dirs" "metadata.log.dir" "broker.id" "authorizer.class.name" "allow.everyone.if.no.acl.found" "super.users" "ssl.keystore.location" "ssl.truststore.location" "ssl.client.auth" "sasl.enabled.mechanisms" "sasl.mechanism.inter.broker.protocol" -}}
{{- range $key, $_ := .Values.kafka.config -}}
{{- if has $key $managed -}}
{{- fail (printf "kafka.config.%s is managed by the chart and cannot be overridden." $key) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* ------------------------------------------------------------------------------------------
     Shared pod template for the broker and controller StatefulSets.
     Call with (dict "root" $ "role" "broker"|"controller").
     ------------------------------------------------------------------------------------------ */}}
{{- define "kafka.statefulset" -}}
{{- $root := .root -}}
{{- $role := .role -}}
{{- $v := index $root.Values $role -}}
{{- $isBroker := eq $role "broker" -}}
{{- $name := include "kafka.brokerName" $root -}}
{{- $headless := include "kafka.brokerHeadless" $root -}}
{{- $offset := 0 -}}
{{- $combined := 0 -}}
{{- if $isBroker -}}
{{- if not (include "kafka.dedicated" $root) -}}{{- $combined = int (include "kafka.controllerCount" $root) -}}{{- end -}}
{{- else -}}
{{- $name = include "kafka.controllerName" $root -}}
{{- $headless = include "kafka.controllerHeadless" $root -}}
{{- $offset = int $root.Values.controller.nodeIdOffset -}}
{{- end -}}
{{- $hasController := or (not $isBroker) (gt $combined 0) -}}
{{- $jmx := $root.Values.metrics.jmx -}}
{{- $external := and $isBroker $root.Values.externalAccess.enabled -}}
{{- $selector := dict "root" $root "component" $role -}}
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "kafka.labels" $selector | nindent 4 }}
spec:
  serviceName: {{ $headless }}
  replicas: {{ int $v.replicas }}
  # All pods start together: the KRaft quorum needs a majority of controllers before any pod is ready.
  podManagementPolicy: Parallel
  updateStrategy:
    type: RollingUpdate
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: {{ ternary "Retain" "Delete" $root.Values.persistence.retain }}
    whenScaled: {{ ternary "Retain" "Delete" $root.Values.persistence.retain }}
  selector:
    matchLabels:
      {{- include "kafka.selectorLabels" $selector | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "kafka.labels" $selector | nindent 8 }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
        {{- if $jmx.enabled }}
        checksum/jmx-exporter: {{ include (print $root.Template.BasePath "/configmap-jmx-exporter.yaml") $root | sha256sum }}
        {{- end }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "kafka.serviceAccountName" $root }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      terminationGracePeriodSeconds: {{ int $v.terminationGracePeriodSeconds }}
      {{- with $v.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        runAsNonRoot: true
        runAsUser: {{ int $root.Values.podSecurityContext.runAsUser }}
        runAsGroup: {{ int $root.Values.podSecurityContext.runAsGroup }}
        fsGroup: {{ int $root.Values.podSecurityContext.fsGroup }}
        fsGroupChangePolicy: {{ $root.Values.podSecurityContext.fsGroupChangePolicy }}
        seccompProfile:
          type: RuntimeDefault
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if ne $root.Values.affinity.podAntiAffinity "none" }}
      affinity:
        podAntiAffinity:
          {{- if eq $root.Values.affinity.podAntiAffinity "hard" }}
          requiredDuringSchedulingIgnoredDuringExecution:
            - topologyKey: {{ $root.Values.affinity.topologyKey }}
              labelSelector:
                matchLabels:
                  {{- include "kafka.selectorLabels" $selector | nindent 18 }}
          {{- else }}
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: {{ int $root.Values.affinity.weight }}
              podAffinityTerm:
                topologyKey: {{ $root.Values.affinity.topologyKey }}
                labelSelector:
                  matchLabels:
                    {{- include "kafka.selectorLabels" $selector | nindent 20 }}
          {{- end }}
      {{- end }}
      {{- if $root.Values.topologySpread.enabled }}
      topologySpreadConstraints:
        - maxSkew: {{ int $root.Values.topologySpread.maxSkew }}
          topologyKey: {{ $root.Values.topologySpread.topologyKey }}
          whenUnsatisfiable: {{ $root.Values.topologySpread.whenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- include "kafka.selectorLabels" $selector | nindent 14 }}
      {{- end }}
      containers:
        - name: kafka
          image: {{ include "kafka.image" $root | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          args: ["kafka"]
          env:
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: POD_NAMESPACE
              valueFrom:
                fieldRef:
                  fieldPath: metadata.namespace
            {{- if and $external (eq $root.Values.externalAccess.type "NodePort") }}
            - name: HOST_IP
              valueFrom:
                fieldRef:
                  fieldPath: status.hostIP
            {{- end }}
            - name: KAFKA_ROLE
              value: {{ $role | quote }}
            - name: KAFKA_COMBINED_CONTROLLERS
              value: {{ $combined | quote }}
            - name: KAFKA_NODE_ID_OFFSET
              value: {{ $offset | quote }}
            - name: KAFKA_HEADLESS_SERVICE
              value: {{ $headless | quote }}
            - name: KAFKA_CLUSTER_DOMAIN
              value: {{ $root.Values.clusterDomain | quote }}
            - name: KAFKA_CLIENT_PORT
              value: {{ include "kafka.port.client" $root | quote }}
            - name: KAFKA_INTERNAL_PORT
              value: {{ include "kafka.port.internal" $root | quote }}
            - name: KAFKA_CONTROLLER_PORT
              value: {{ include "kafka.port.controller" $root | quote }}
            - name: KAFKA_CLUSTER_ID
              valueFrom:
                secretKeyRef:
                  name: {{ include "kafka.fullname" $root }}-kraft
                  key: cluster-id
            - name: KAFKA_INITIAL_CONTROLLERS
              valueFrom:
                secretKeyRef:
                  name: {{ include "kafka.fullname" $root }}-kraft
                  key: initial-controllers
            - name: KAFKA_HEAP_OPTS
              value: {{ $v.heapOpts | quote }}
            {{- if and $isBroker (eq $root.Values.rack.mode "podLabel") }}
            - name: KAFKA_RACK
              valueFrom:
                fieldRef:
                  fieldPath: {{ printf "metadata.labels['%s']" $root.Values.rack.podLabel }}
            {{- else if and $isBroker (eq $root.Values.rack.mode "ordinalMap") }}
            - name: KAFKA_RACK_BY_ORDINAL
              value: {{ join "," $root.Values.rack.zones | quote }}
            {{- end }}
            {{- if include "kafka.tls" $root }}
            - name: KAFKA_TLS_DIR
              value: /etc/kafka/tls
            {{- end }}
            {{- if eq $root.Values.auth.mode "scram" }}
            - name: KAFKA_SCRAM_INTER_BROKER_USER
              value: {{ include "kafka.interBrokerUser" $root | quote }}
            - name: KAFKA_SCRAM_INTER_BROKER_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ include "kafka.fullname" $root }}-scram
                  key: inter-broker-password
            - name: KAFKA_SCRAM_ADMIN_USER
              value: {{ $root.Values.auth.adminUser | quote }}
            - name: KAFKA_SCRAM_ADMIN_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ include "kafka.fullname" $root }}-scram
                  key: admin-password
            {{- end }}
            {{- if $external }}
            - name: KAFKA_EXTERNAL_ENABLED
              value: "true"
            - name: KAFKA_EXTERNAL_CONTAINER_PORT
              value: {{ include "kafka.port.external" $root | quote }}
            - name: KAFKA_EXTERNAL_HOSTS
              value: {{ join "," (default (list) $root.Values.externalAccess.advertisedHosts) | quote }}
            {{- if eq $root.Values.externalAccess.type "NodePort" }}
            - name: KAFKA_EXTERNAL_PORT
              value: {{ int $root.Values.externalAccess.nodePortBase | quote }}
            - name: KAFKA_EXTERNAL_PORT_PER_ORDINAL
              value: "true"
            {{- else }}
            - name: KAFKA_EXTERNAL_PORT
              value: {{ int $root.Values.externalAccess.port | quote }}
            {{- end }}
            {{- end }}
            {{- if $jmx.enabled }}
            {{- if eq $jmx.mode "agent" }}
            - name: KAFKA_SERVER_OPTS
              value: {{ printf "-javaagent:/opt/jmx-exporter/jmx_prometheus_javaagent.jar=%d:/etc/jmx-exporter/config.yaml" (int $jmx.port) | quote }}
            {{- else }}
            - name: KAFKA_JMX_REMOTE_PORT
              value: {{ int $jmx.jmxPort | quote }}
            {{- end }}
            {{- end }}
            {{- with $v.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          ports:
            {{- if $isBroker }}
            - name: client
              containerPort: {{ include "kafka.port.client" $root }}
              protocol: TCP
            - name: internal
              containerPort: {{ include "kafka.port.internal" $root }}
              protocol: TCP
            {{- end }}
            {{- if $hasController }}
            - name: controller
              containerPort: {{ include "kafka.port.controller" $root }}
              protocol: TCP
            {{- end }}
            {{- if $external }}
            - name: external
              containerPort: {{ include "kafka.port.external" $root }}
              protocol: TCP
            {{- end }}
            {{- if and $jmx.enabled (eq $jmx.mode "agent") }}
            - name: metrics
              containerPort: {{ int $jmx.port }}
              protocol: TCP
            {{- end }}
          {{- $probePort := ternary "client" "controller" $isBroker }}
          startupProbe:
            tcpSocket:
              port: {{ $probePort }}
            periodSeconds: {{ int $root.Values.probes.startup.periodSeconds }}
            failureThreshold: {{ int $root.Values.probes.startup.failureThreshold }}
          readinessProbe:
            tcpSocket:
              port: {{ $probePort }}
            periodSeconds: {{ int $root.Values.probes.readiness.periodSeconds }}
            failureThreshold: {{ int $root.Values.probes.readiness.failureThreshold }}
          livenessProbe:
            tcpSocket:
              port: {{ $probePort }}
            periodSeconds: {{ int $root.Values.probes.liveness.periodSeconds }}
            failureThreshold: {{ int $root.Values.probes.liveness.failureThreshold }}
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            {{- include "kafka.containerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            - name: data
              mountPath: /var/lib/kafka/data
            - name: config-template
              mountPath: /etc/kafka/template
              readOnly: true
            - name: config-runtime
              mountPath: /etc/kafka/runtime
            - name: tmp
              mountPath: /tmp
            {{- if include "kafka.tls" $root }}
            - name: tls
              mountPath: /etc/kafka/tls
              readOnly: true
            {{- end }}
            {{- if and $jmx.enabled (eq $jmx.mode "agent") }}
            - name: jmx-exporter
              mountPath: /etc/jmx-exporter
              readOnly: true
            {{- end }}
        {{- if and $jmx.enabled (eq $jmx.mode "sidecar") }}
        - name: jmx-exporter
          image: {{ include "kafka.image" $root | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          args: ["jmx-exporter"]
          env:
            - name: JMX_EXPORTER_PORT
              value: {{ int $jmx.port | quote }}
            - name: JMX_EXPORTER_CONFIG
              value: /etc/jmx-exporter/config.yaml
            - name: JMX_EXPORTER_JAVA_OPTS
              value: {{ $jmx.sidecar.javaOpts | quote }}
          ports:
            - name: metrics
              containerPort: {{ int $jmx.port }}
              protocol: TCP
          readinessProbe:
            tcpSocket:
              port: metrics
            periodSeconds: 10
          livenessProbe:
            tcpSocket:
              port: metrics
            initialDelaySeconds: 30
            periodSeconds: 30
          resources:
            {{- toYaml $jmx.sidecar.resources | nindent 12 }}
          securityContext:
            {{- include "kafka.containerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            - name: jmx-exporter
              mountPath: /etc/jmx-exporter
              readOnly: true
            - name: tmp-exporter
              mountPath: /tmp
        {{- end }}
      volumes:
        - name: config-template
          configMap:
            name: {{ include "kafka.fullname" $root }}-config
        - name: config-runtime
          emptyDir:
            sizeLimit: 16Mi
        - name: tmp
          emptyDir:
            sizeLimit: 256Mi
        {{- if include "kafka.tls" $root }}
        - name: tls
          secret:
            secretName: {{ include "kafka.tlsSecret" (dict "root" $root "role" (ternary "broker" "controller" $isBroker)) }}
            defaultMode: 0440
        {{- end }}
        {{- if $jmx.enabled }}
        - name: jmx-exporter
          configMap:
            name: {{ include "kafka.fullname" $root }}-jmx-exporter
        {{- if eq $jmx.mode "sidecar" }}
        - name: tmp-exporter
          emptyDir:
            sizeLimit: 16Mi
        {{- end }}
        {{- end }}
  volumeClaimTemplates:
    - apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: data
        labels:
          {{- include "kafka.selectorLabels" $selector | nindent 10 }}
        {{- with $root.Values.persistence.annotations }}
        annotations:
          {{- toYaml . | nindent 10 }}
        {{- end }}
      spec:
        accessModes:
          {{- toYaml $root.Values.persistence.accessModes | nindent 10 }}
        {{- with (include "kafka.storageClassName" $root) }}
        storageClassName: {{ . | quote }}
        {{- end }}
        resources:
          requests:
            storage: {{ $v.persistence.size | quote }}
{{- end -}}

{{- define "kafka.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ int .Values.podSecurityContext.runAsUser }}
runAsGroup: {{ int .Values.podSecurityContext.runAsGroup }}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* StorageClass of the data volumes: the created class, else persistence.storageClass, else none (cluster default). */}}
{{- define "kafka.storageClassName" -}}
{{- if .Values.storageClass.create -}}
{{- default (printf "%s-%s" .Release.Namespace (include "kafka.fullname" .)) .Values.storageClass.name -}}
{{- else -}}
{{- .Values.persistence.storageClass -}}
{{- end -}}
{{- end -}}
