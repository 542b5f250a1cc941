// The wizard's state lives in the URL, so a reload, the local volume form's round trip and the action links all
// land on the same step: ns, vm, volume, claim, targetNs, node, pv, dv, restart.
import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';

export const MOVE_DISK_PATH = '/vm-disks/move-disk';

export const PARAM_NAMES = [
  'ns',
  'vm',
  'volume',
  'claim',
  'targetNs',
  'node',
  'pv',
  'dv',
  'restart',
] as const;
export type WizardParam = (typeof PARAM_NAMES)[number];
export type WizardParams = Partial<Record<WizardParam, string>>;

export const parseWizardParams = (search: string): WizardParams => {
  const query = new URLSearchParams(search);
  const params: WizardParams = {};
  for (const name of PARAM_NAMES) {
    const value = query.get(name);
    if (value) params[name] = value;
  }
  return params;
};

/** The wizard's URL for `params` (empty values dropped, fixed order). */
export const wizardHref = (params: WizardParams): string => {
  const query = new URLSearchParams();
  for (const name of PARAM_NAMES) {
    const value = params[name];
    if (value) query.set(name, value);
  }
  const text = query.toString();
  return text ? `${MOVE_DISK_PATH}?${text}` : MOVE_DISK_PATH;
};

/** Choosing something earlier in the wizard forgets what was chosen after it. */
const LATER: Partial<Record<WizardParam, WizardParam[]>> = {
  ns: ['vm', 'volume', 'claim', 'node', 'pv', 'dv'],
  vm: ['volume', 'claim', 'node', 'pv', 'dv'],
  volume: ['claim', 'node', 'pv', 'dv'],
  node: ['pv', 'dv'],
  pv: ['dv'],
};

export const withChange = (params: WizardParams, change: WizardParams): WizardParams => {
  const dropped = new Set<string>();
  for (const [key, value] of Object.entries(change) as [WizardParam, string | undefined][]) {
    if (params[key] !== value) for (const later of LATER[key] ?? []) dropped.add(later);
  }
  const kept = Object.fromEntries(
    Object.entries(params).filter(([key]) => !dropped.has(key)),
  ) as WizardParams;
  return { ...kept, ...change };
};

export const useWizardParams = (): [WizardParams, (change: WizardParams) => void] => {
  const { search } = useLocation();
  const navigate = useNavigate();
  const params = useMemo(() => parseWizardParams(search), [search]);
  const update = useCallback(
    (change: WizardParams) => {
      void navigate(wizardHref(withChange(params, change)), { replace: true });
    },
    [navigate, params],
  );
  return [params, update];
};
