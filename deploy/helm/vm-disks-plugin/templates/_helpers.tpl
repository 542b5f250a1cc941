{{/* Full name of the release's objects (Service, Deployment, ...). */}}
{{- define "vm-disks.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "vm-disks.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "vm-disks.labels" -}}
{{ include "vm-disks.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: {{ .Values.plugin.name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "vm-disks.serviceAccountName" -}}
{{- default (include "vm-disks.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{/* Secret the service CA operator fills with the serving certificate (Service annotation). */}}
{{- define "vm-disks.certSecret" -}}
{{- printf "%s-cert" (include "vm-disks.fullname" .) -}}
{{- end -}}

{{- define "vm-disks.stagingClaim" -}}
{{- default (printf "%s-staging" (include "vm-disks.fullname" .)) .Values.staging.existingClaim -}}
{{- end -}}

{{- define "vm-disks.cdiNamespace" -}}
{{- default (default "openshift-cnv" .Values.cdi.namespace) .Values.cdi.signerBundleNamespace -}}
{{- end -}}
