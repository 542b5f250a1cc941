import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export interface KubeconfigInput {
  server: string;
  user: string;
  token: string;
  caPem?: string;
  clusterName?: string;
  namespace?: string;
  /**
   * Plain-HTTP sandboxes only: kubectl does not send bearer tokens over http, so the user is
   * also named with `as:` (Impersonate-User) and the token sent again as `as-user-extra` `sandbox-token`
   * (Impersonate-Extra-Sandbox-Token), which the sandbox checks before it believes the name.
   */
  impersonate?: string;
}

/** A kubeconfig for one user of the sandbox (token auth, CA data when serving HTTPS). */
const kubeconfigYaml = (input: KubeconfigInput): string => {
  const cluster = input.clusterName ?? 'vm-disks-sandbox';
  const context = `${input.user}@${cluster}`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: cluster,
        cluster: {
          server: input.server,
          // @kubernetes/client-node refuses http:// unless TLS verification is marked skipped.
          ...(input.caPem
            ? { 'certificate-authority-data': Buffer.from(input.caPem).toString('base64') }
            : input.server.startsWith('http:')
              ? { 'insecure-skip-tls-verify': true }
              : {}),
        },
      },
    ],
    users: [
      {
        name: input.user,
        user: {
          token: input.token,
          // The token again as an impersonation extra: the only credential kubectl sends over http.
          ...(input.impersonate
            ? { as: input.impersonate, 'as-user-extra': { 'sandbox-token': [input.token] } }
            : {}),
        },
      },
    ],
    contexts: [
      {
        name: context,
        context: {
          cluster,
          user: input.user,
          ...(input.namespace ? { namespace: input.namespace } : {}),
        },
      },
    ],
    'current-context': context,
    preferences: {},
  });
};

export const writeKubeconfigFile = async (file: string, input: KubeconfigInput): Promise<void> => {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, kubeconfigYaml(input), { mode: 0o600 });
};
