// The move-disk action providers, rendered as the console renders a hook, with the real locale file.
import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Action, ExtensionHookResult } from '@openshift-console/dynamic-plugin-sdk';
import en from '../../../locales/en/plugin__vm-disks-plugin.json';
import { parseWizardParams } from '../features/move-disk/wizard-params';
import {
  useDataVolumeMoveActions,
  usePVCMoveActions,
  useVirtualMachineMoveActions,
} from './moveDiskActions';

await i18next.use(initReactI18next).init({
  lng: 'en',
  ns: ['plugin__vm-disks-plugin'],
  nsSeparator: '~',
  keySeparator: false,
  resources: { en: { 'plugin__vm-disks-plugin': en } },
  showSupportNotice: false,
});

const run = (hook: () => ExtensionHookResult<Action[]>): ExtensionHookResult<Action[]> => {
  let result: ExtensionHookResult<Action[]> | undefined;
  const Probe = () => {
    result = hook();
    return null;
  };
  renderToString(<Probe />);
  if (!result) throw new Error('hook did not run');
  return result;
};

const hrefOf = (action: Action | undefined): string => (action?.cta as { href: string }).href;

describe('move-disk action providers', () => {
  it('opens the wizard on a VM', () => {
    const [actions, loaded] = run(() =>
      useVirtualMachineMoveActions({ metadata: { name: 'rhel8-vm', namespace: 'vm-images' } }),
    );
    expect(loaded).toBe(true);
    expect(actions.map((a) => a.label)).toEqual(['Move to another node']);
    const href = hrefOf(actions[0]);
    expect(href.startsWith('/vm-disks/move-disk?')).toBe(true);
    expect(parseWizardParams(href.slice(href.indexOf('?')))).toEqual({
      ns: 'vm-images',
      vm: 'rhel8-vm',
    });
  });

  it('opens the wizard on the claim of a PVC or a DataVolume', () => {
    const [pvcActions] = run(() =>
      usePVCMoveActions({ metadata: { name: 'disk-a', namespace: 'ns1' } }),
    );
    const [dvActions] = run(() =>
      useDataVolumeMoveActions({ metadata: { name: 'disk-b', namespace: 'ns2' } }),
    );
    const pvcHref = hrefOf(pvcActions[0]);
    const dvHref = hrefOf(dvActions[0]);
    expect(parseWizardParams(pvcHref.slice(pvcHref.indexOf('?')))).toEqual({
      ns: 'ns1',
      claim: 'disk-a',
    });
    expect(parseWizardParams(dvHref.slice(dvHref.indexOf('?')))).toEqual({
      ns: 'ns2',
      claim: 'disk-b',
    });
    expect(pvcActions[0]?.id).not.toContain('.');
  });

  it('offers nothing without a resource', () => {
    expect(run(() => useVirtualMachineMoveActions(undefined))[0]).toEqual([]);
  });
});
