// The SDK's `Action` and action provider hooks, and a summary used to detect real changes.
import type { ReactNode } from 'react';
import type { K8sResourceCommon } from '../../sdk/k8s-types';
import type { ExtensionModel } from '../../shell/extension-types';

export interface Action {
  id: string;
  label: ReactNode;
  description?: string;
  cta: (() => void) | { href: string; external?: boolean };
  disabled?: boolean;
  tooltip?: string;
  disabledTooltip?: string;
  icon?: string | ReactNode;
  path?: string;
  insertBefore?: string | string[];
  insertAfter?: string | string[];
}

export type ActionsHook = (resource: K8sResourceCommon) => [Action[], boolean, unknown];

/** A string that changes when what the menu shows changes (ids, labels, state, link targets). */
export const actionsSignature = (actions: unknown, loaded: boolean, error: unknown): string =>
  JSON.stringify([
    loaded,
    error instanceof Error ? error.message : error ? 'error' : '',
    (Array.isArray(actions) ? (actions as Action[]) : []).map((a) => [
      a.id,
      typeof a.label === 'string' ? a.label : '',
      a.disabled ?? false,
      a.disabledTooltip ?? '',
      typeof a.cta === 'function' ? 'fn' : a.cta.href,
    ]),
  ]);

/** Whether an extension's model (`{group?, version, kind}`) is this resource type. */
export const modelMatches = (
  model: ExtensionModel,
  target: { group?: string; version: string; kind: string },
): boolean =>
  (model.group ?? '') === (target.group ?? '') &&
  model.kind === target.kind &&
  model.version === target.version;
