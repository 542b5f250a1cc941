#!/usr/bin/env bash
# Development against a real cluster: runs the official OpenShift console in a container against the
# cluster of your current `oc login`, with VM Disks served by the backend on this machine (in-cluster mode,
# HTTPS with a throw-away certificate) and the console's plugin proxy pointed at it, as the ConsolePlugin does
# in the cluster (alias `backend`, the user's token forwarded).
#
# Needs: oc (logged in), podman or docker, openssl, node + npm ci done. Then open http://localhost:9000.
#   deploy/start-console.sh
# Environment: CONSOLE_IMAGE (default quay.io/openshift/origin-console:latest), CONSOLE_PORT (9000),
#   BACKEND_PORT (9443), CDI_UPLOADPROXY_URL (default: the cluster's CDIConfig status, i.e. its Route).
set -euo pipefail
cd "$(dirname "$0")/.."

PLUGIN=vm-disks-plugin
CONSOLE_IMAGE=${CONSOLE_IMAGE:-quay.io/openshift/origin-console:latest}
CONSOLE_PORT=${CONSOLE_PORT:-9000}
BACKEND_PORT=${BACKEND_PORT:-9443}
WORK=.cache/start-console

for tool in oc openssl node; do
  command -v "$tool" >/dev/null || { echo "start-console: $tool is required" >&2; exit 1; }
done
if command -v podman >/dev/null; then RUNTIME=podman; elif command -v docker >/dev/null; then RUNTIME=docker; else
  echo "start-console: podman or docker is required" >&2; exit 1
fi
oc whoami >/dev/null 2>&1 || { echo "start-console: log in first (oc login https://api.<cluster>:6443)" >&2; exit 1; }

# Where the console container reaches this machine: host networking with podman on Linux, else the
# runtime's host alias (then the backend must listen beyond loopback).
if [ "$RUNTIME" = podman ] && [ "$(uname -s)" = Linux ]; then
  PLUGIN_HOST=localhost; BACKEND_LISTEN=127.0.0.1; NETWORK=(--network=host)
elif [ "$RUNTIME" = podman ]; then
  PLUGIN_HOST=host.containers.internal; BACKEND_LISTEN=0.0.0.0; NETWORK=(-p "$CONSOLE_PORT:9000")
else
  PLUGIN_HOST=host.docker.internal; BACKEND_LISTEN=0.0.0.0; NETWORK=(-p "$CONSOLE_PORT:9000" --add-host=host.docker.internal:host-gateway)
fi

mkdir -p "$WORK/staging"
# A serving certificate for the backend, trusted by the console as its service CA.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 -subj "/CN=$PLUGIN-dev" \
  -addext "subjectAltName=DNS:localhost,DNS:host.containers.internal,DNS:host.docker.internal,IP:127.0.0.1" \
  -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null
chmod 600 "$WORK/tls.key"

[ -f dist/plugin-manifest.json ] || npm run build

UPLOADPROXY=${CDI_UPLOADPROXY_URL:-$(oc get cdiconfig config -o jsonpath='{.status.uploadProxyURL}' 2>/dev/null || true)}
# The upload proxy Route of a lab cluster often has a self-signed ingress certificate: export
# NODE_EXTRA_CA_CERTS=<ingress CA PEM> before running this script so the backend trusts it.
KUBECONFIG_FILE=${KUBECONFIG:-$HOME/.kube/config}
KUBECONFIG_FILE=${KUBECONFIG_FILE%%:*}

# The backend: its own identity (CDI discovery only) is your kubeconfig; user requests carry the console's token.
node_modules/.bin/tsx src/server/main.ts --in-cluster \
  --tls-cert "$WORK/tls.crt" --tls-key "$WORK/tls.key" --kubeconfig "$KUBECONFIG_FILE" \
  --host "$BACKEND_LISTEN" --port "$BACKEND_PORT" --staging-dir "$WORK/staging" \
  ${UPLOADPROXY:+--cdi-upload-proxy-url "$UPLOADPROXY"} &
BACKEND_PID=$!
trap 'kill "$BACKEND_PID" 2>/dev/null || true' EXIT

BACKEND_URL="https://$PLUGIN_HOST:$BACKEND_PORT"
# The bridge's settings go through a private env file, so the token never appears in a process list.
ENV_FILE="$WORK/bridge.env"
( umask 077; cat > "$ENV_FILE" <<ENV
BRIDGE_USER_AUTH=disabled
BRIDGE_K8S_MODE=off-cluster
BRIDGE_K8S_MODE_OFF_CLUSTER_ENDPOINT=$(oc whoami --show-server)
BRIDGE_K8S_MODE_OFF_CLUSTER_SKIP_VERIFY_TLS=true
BRIDGE_K8S_AUTH=bearer-token
BRIDGE_K8S_AUTH_BEARER_TOKEN=$(oc whoami --show-token)
BRIDGE_USER_SETTINGS_LOCATION=localstorage
BRIDGE_SERVICE_CA_FILE=/var/run/vm-disks/ca.crt
BRIDGE_PLUGINS=$PLUGIN=$BACKEND_URL/
BRIDGE_I18N_NAMESPACES=plugin__$PLUGIN
BRIDGE_PLUGIN_PROXY={"services":[{"consoleAPIPath":"/api/proxy/plugin/$PLUGIN/backend/","endpoint":"$BACKEND_URL","authorize":true}]}
ENV
)
trap 'kill "$BACKEND_PID" 2>/dev/null || true; rm -f "$ENV_FILE"' EXIT

echo "console: http://localhost:$CONSOLE_PORT  (plugin and backend: $BACKEND_URL)"
"$RUNTIME" run --rm --pull always "${NETWORK[@]}" \
  -v "$PWD/$WORK/tls.crt:/var/run/vm-disks/ca.crt:ro,Z" \
  --env-file "$ENV_FILE" \
  "$CONSOLE_IMAGE"
