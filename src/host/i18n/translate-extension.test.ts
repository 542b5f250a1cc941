import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { translateDeep, translateExtension, translateString } from './translate-extension';
import { I18N_OPTIONS } from './i18n-options';

const makeT = async () => {
  const instance = i18next.createInstance();
  await instance.init({
    ...I18N_OPTIONS,
    ns: ['plugin__vm-disks-plugin'],
    resources: {
      en: { 'plugin__vm-disks-plugin': { 'VM Disks': 'VM-Disks (en)', 'A.b: c': 'dotted ok' } },
    },
  });
  return (key: string) => instance.t(key);
};

describe('extension translation', () => {
  it('translates %ns~key% strings with the console separators', async () => {
    const t = await makeT();
    expect(translateString('%plugin__vm-disks-plugin~VM Disks%', t)).toBe('VM-Disks (en)');
    // No key separator: dots and colons are part of the key.
    expect(translateString('%plugin__vm-disks-plugin~A.b: c%', t)).toBe('dotted ok');
    // Missing keys fall back to the key itself, plain strings stay.
    expect(translateString('%plugin__vm-disks-plugin~Missing%', t)).toBe('Missing');
    expect(translateString('/vm-disks/overview', t)).toBe('/vm-disks/overview');
  });

  it('walks nested properties and keeps code refs', async () => {
    const t = await makeT();
    const codeRef = () => Promise.resolve('x');
    const ext = translateExtension(
      {
        type: 'console.navigation/href',
        properties: {
          name: '%plugin__vm-disks-plugin~VM Disks%',
          list: ['%plugin__vm-disks-plugin~VM Disks%'],
          codeRef,
        },
      },
      t,
    );
    expect(ext.properties).toEqual({ name: 'VM-Disks (en)', list: ['VM-Disks (en)'], codeRef });
    expect(ext.properties.codeRef).toBe(codeRef);
    expect(translateDeep(5, t)).toBe(5);
  });
});
