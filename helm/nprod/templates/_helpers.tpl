{{/*
Names are cut to 63 characters because they become label values and DNS names.
*/}}
{{- define "nprod.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "nprod.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "nprod.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "nprod.labels" -}}
helm.sh/chart: {{ include "nprod.chart" . }}
app.kubernetes.io/name: {{ include "nprod.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: nprod
{{- end -}}

{{/*
Selector labels must never change after the first install (Deployment selectors are
immutable), so they hold only name, instance and component.
Usage: include "nprod.selectorLabels" (dict "ctx" $ "component" "api")
*/}}
{{- define "nprod.selectorLabels" -}}
app.kubernetes.io/name: {{ include "nprod.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "nprod.componentLabels" -}}
{{ include "nprod.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "nprod.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{- define "nprod.workerServiceAccountName" -}}
{{- printf "%s-worker" (include "nprod.fullname" .) -}}
{{- end -}}

{{- define "nprod.jwtSecretName" -}}
{{- default (printf "%s-jwt" (include "nprod.fullname" .)) .Values.jwt.secretRef.name -}}
{{- end -}}

{{/*
Pod-level security context shared by every platform pod. The uid matches the image's
non-root user, so the restricted Pod Security Standard admits the pods unchanged.
*/}}
{{- define "nprod.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "nprod.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
Environment every process of the image needs. The application binds to 127.0.0.1 unless
told otherwise, which would hide it from probes and Services.
*/}}
{{- define "nprod.commonEnv" -}}
- name: NODE_ENV
  value: production
- name: LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
- name: HOST
  value: {{ .Values.listenAddress | quote }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.secretRef.name }}
      key: {{ .Values.database.secretRef.key }}
{{- end -}}

{{/*
Queue settings shared by the API (producer) and the worker (relay and processors); the
two must agree or jobs are written where nobody reads them.
*/}}
{{- define "nprod.queueEnv" -}}
- name: QUEUE_BACKEND
  value: {{ .Values.queue.backend | quote }}
{{- if eq .Values.queue.backend "redis" }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.queue.redis.secretRef.name }}
      key: {{ .Values.queue.redis.secretRef.key }}
{{- end }}
{{- end -}}

{{/*
The configuration schema requires the signing key in every long-running process.
*/}}
{{- define "nprod.jwtEnv" -}}
- name: JWT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "nprod.jwtSecretName" . }}
      key: {{ .Values.jwt.secretRef.key }}
{{- end -}}

{{/*
What the API and the worker share: the key that seals and opens secrets (cluster credentials,
TOTP), mail (lease notices from the worker, invitations from the API) with its links, and the
data directory (the image's default is inside its read-only working directory).
*/}}
{{- define "nprod.platformEnv" -}}
- name: NPROD_DATA_DIR
  value: /var/lib/nprod
{{- with .Values.dataEncryption.secretRef }}
{{- if .name }}
- name: DATA_ENCRYPTION_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .name }}
      key: {{ .key }}
{{- end }}
{{- end }}
{{- with .Values.mail.smtp.secretRef }}
{{- if .name }}
- name: SMTP_URL
  valueFrom:
    secretKeyRef:
      name: {{ .name }}
      key: {{ .key }}
{{- end }}
{{- end }}
{{- with .Values.mail.from }}
- name: MAIL_FROM
  value: {{ . | quote }}
{{- end }}
{{- with .Values.publicUrl }}
- name: PUBLIC_URL
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/*
A writable /tmp on an otherwise read-only root filesystem: Node and some libraries write
temporary files there.
*/}}
{{- define "nprod.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}

{{- define "nprod.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- end -}}

{{/*
The data directory (NPROD_DATA_DIR): mails written as files when no SMTP server is set.
*/}}
{{- define "nprod.dataVolumeMount" -}}
- name: data
  mountPath: /var/lib/nprod
{{- end -}}

{{- define "nprod.dataVolume" -}}
- name: data
  emptyDir:
    sizeLimit: {{ .Values.dataDir.sizeLimit }}
{{- end -}}

{{/*
ClusterRoles are cluster-scoped: the namespace in the name keeps two releases of the same
name in different namespaces from overwriting each other's role.
*/}}
{{- define "nprod.workerClusterRoleName" -}}
{{- printf "%s-%s-worker" .Release.Namespace (include "nprod.fullname" .) -}}
{{- end -}}
