// Loads the VM Disks plugin through its manifest at start-up and records what went wrong, in the
// loader's own words, for the error banner and the e2e test hook.
import type { PluginStore } from '@openshift/dynamic-plugin-sdk';
import { isCodeRef } from '@openshift/dynamic-plugin-sdk';
import { encodedCodeRefs } from './manifest-rules';

export const PLUGIN_NAME = 'vm-disks-plugin';
export const MANIFEST_URL = `/api/plugins/${PLUGIN_NAME}/plugin-manifest.json`;

export interface LoadError {
  pluginName: string;
  /** The loader's message, e.g. "Failed to load scripts of plugin vm-disks-plugin". */
  message: string;
  /** Messages of the causes, e.g. "Scripts loaded without a plugin entry callback". */
  causes: string[];
}

export interface CodeRefResult {
  extension: string;
  type: string;
  ref: string;
  ok: boolean;
  error?: string;
}

const describeCause = (cause: unknown): string[] => {
  if (cause === undefined || cause === null) return [];
  if (Array.isArray(cause)) return cause.flatMap(describeCause);
  if (cause instanceof Error) {
    const nested = (cause as Error & { cause?: unknown }).cause;
    return [cause.message, ...describeCause(nested)].filter(Boolean);
  }
  if (typeof Event !== 'undefined' && cause instanceof Event) {
    const target = cause.target as HTMLScriptElement | null;
    return [`Failed to load script ${target?.src ?? ''}`.trim()];
  }
  if (typeof cause === 'string') return [cause];
  return [JSON.stringify(cause)];
};

/** Plugins disabled like the console: `?disable-plugins=a,b` (empty value disables all). */
export const disabledPlugins = (search: string): string[] | 'all' => {
  const params = new URLSearchParams(search);
  if (!params.has('disable-plugins')) return [];
  const value = params.get('disable-plugins') ?? '';
  return value === '' ? 'all' : value.split(',').map((s) => s.trim());
};

export const loadPlugins = async (store: PluginStore, loadErrors: LoadError[]): Promise<void> => {
  const disabled = disabledPlugins(window.location.search);
  if (disabled === 'all' || disabled.includes(PLUGIN_NAME)) return;
  try {
    await store.loadPlugin(MANIFEST_URL);
  } catch (error) {
    loadErrors.push({
      pluginName: PLUGIN_NAME,
      message: error instanceof Error ? error.message : String(error),
      causes: describeCause((error as { cause?: unknown }).cause),
    });
    return;
  }
  for (const info of store.getPluginInfo()) {
    if (info.status === 'failed') {
      loadErrors.push({
        pluginName: info.manifest.name,
        message: info.errorMessage,
        causes: describeCause(info.errorCause),
      });
    }
  }
};

const refFromFunctionName = (fn: { name: string }): string =>
  /\[(.*)\]$/.exec(fn.name)?.[1] ?? fn.name;

/**
 * Resolves every code ref of every extension in use through the loader's own CodeRef functions
 * (`decodeCodeRefs` of PluginLoader); for a plugin that failed to load, reports each encoded ref of
 * its manifest with the loader's error.
 */
export const resolveAllCodeRefs = async (store: PluginStore): Promise<CodeRefResult[]> => {
  const results: Promise<CodeRefResult>[] = [];
  for (const extension of store.getExtensions()) {
    const visit = (value: unknown): void => {
      if (isCodeRef(value)) {
        const ref = refFromFunctionName(value);
        results.push(
          value().then(
            (): CodeRefResult => ({
              extension: extension.uid,
              type: extension.type,
              ref,
              ok: true,
            }),
            (error: unknown): CodeRefResult => ({
              extension: extension.uid,
              type: extension.type,
              ref,
              ok: false,
              error: describeCause(error).join(': '),
            }),
          ),
        );
      } else if (Array.isArray(value)) {
        value.forEach(visit);
      } else if (value && typeof value === 'object') {
        Object.values(value).forEach(visit);
      }
    };
    visit(extension.properties);
  }
  const failed: CodeRefResult[] = [];
  for (const info of store.getPluginInfo()) {
    if (info.status !== 'failed') continue;
    const manifest = info.manifest as { extensions?: { type: string; properties: unknown }[] };
    const error = [info.errorMessage, ...describeCause(info.errorCause)].join(': ');
    for (const { index, ref } of encodedCodeRefs(manifest.extensions ?? [])) {
      failed.push({
        extension: `${info.manifest.name}[${index}]`,
        type: manifest.extensions?.[index]?.type ?? '',
        ref,
        ok: false,
        error,
      });
    }
  }
  return [...(await Promise.all(results)), ...failed];
};
