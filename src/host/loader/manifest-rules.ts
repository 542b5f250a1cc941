// The console 4.22 checks on a plugin manifest beyond the loader's schema (frontend/public/plugins.ts).
import type { PluginManifest } from '@openshift/dynamic-plugin-sdk';
import { isDNS1123Subdomain } from '../../lib/k8s-names';

export const CONSOLE_RELEASE_VERSION = '4.22.0';
export const PLUGIN_API_DEPENDENCY = '@console/pluginAPI';

/** Throws like the console when the name is not a DNS subdomain or the registration is not `callback`. */
export const checkConsoleManifest = <T extends PluginManifest>(manifest: T): T => {
  if (!isDNS1123Subdomain(manifest.name)) {
    throw new Error(`Plugin name '${manifest.name}' is not a valid DNS subdomain name`);
  }
  if (manifest.registrationMethod !== 'callback') {
    throw new Error(
      `Plugin ${manifest.name} uses registration method '${manifest.registrationMethod}'; the console only supports 'callback'`,
    );
  }
  return manifest;
};

/** Collects every `$codeRef` string in a (still encoded) extension list with its extension index. */
export const encodedCodeRefs = (
  extensions: readonly { properties: unknown }[],
): { index: number; ref: string }[] => {
  const refs: { index: number; ref: string }[] = [];
  const visit = (value: unknown, index: number): void => {
    if (Array.isArray(value)) {
      value.forEach((v) => {
        visit(v, index);
      });
    } else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.$codeRef === 'string' && Object.keys(record).length === 1) {
        refs.push({ index, ref: record.$codeRef });
        return;
      }
      Object.values(record).forEach((v) => {
        visit(v, index);
      });
    }
  };
  extensions.forEach((e, index) => {
    visit(e.properties, index);
  });
  return refs;
};
