/**
 * `Warning` response headers as the API server writes them for admission warnings
 * (kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/warning.go
 * and k8s.io/apimachinery/pkg/util/net/http.go `NewWarningHeader`): code 299, agent `-`, the text
 * quoted with `"` and `\` escaped; one header per distinct warning, in order.
 */
export const warningHeaders = (warnings: string[]): string[] =>
  [...new Set(warnings)].map(
    (w) => `299 - "${w.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]/g, ' ')}"`,
  );
