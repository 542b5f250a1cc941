// The action providers, rendered as the console renders a hook: inside a component, with i18next loaded from the
// real locale file.
import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Action, ExtensionHookResult } from '@openshift-console/dynamic-plugin-sdk';
import en from '../../../locales/en/plugin__vm-disks-plugin.json';
import { parseFocus } from '../features/overview/focus';
import { usePVActions, usePVCActions } from './storageActions';

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

describe('storage action providers', () => {
  it('links a PVC to its focused row on the Overview', () => {
    const result = run(() => usePVCActions({ metadata: { name: 'disk-1', namespace: 'vms' } }));
    const [actions, loaded] = result;
    expect(loaded).toBe(true);
    expect(result[2]).toBeUndefined();
    expect(actions).toHaveLength(1);
    const action = actions[0];
    expect(action.label).toBe('Show in VM Disks overview');
    expect(action.cta).toEqual({
      href: '/vm-disks/overview?focus=PersistentVolumeClaim/vms/disk-1',
    });
    const href = (action.cta as { href: string }).href;
    expect(parseFocus(href.slice(href.indexOf('?')))).toEqual({
      kind: 'PersistentVolumeClaim',
      namespace: 'vms',
      name: 'disk-1',
    });
  });

  it('links a PV without a namespace', () => {
    const [actions] = run(() => usePVActions({ metadata: { name: 'local-pv-1' } }));
    expect(actions).toHaveLength(1);
    const action = actions[0];
    expect(action.cta).toEqual({ href: '/vm-disks/overview?focus=PersistentVolume//local-pv-1' });
    expect(action.id).not.toContain('.');
  });

  it('offers nothing for an object without a name', () => {
    const [actions, loaded] = run(() => usePVCActions(undefined));
    expect(actions).toEqual([]);
    expect(loaded).toBe(true);
  });
});
