// Every `t('…')` key in src/plugin and every `%plugin__vm-disks-plugin~…%` label of console-extensions.json is in
// the English locale file (English = key), and the locale file holds no key that is no longer used. A key called
// with `count` is a plural: i18next looks up `<key>_one` / `<key>_other` (Intl.PluralRules), so both must exist
// and the bare key must not (it would only be a fallback that says "1 PersistentVolumes").
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pluginDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(pluginDir, '../..');
const NAMESPACE = 'plugin__vm-disks-plugin';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [full] : [];
  });

/** `t('key')`, `t("key")`, with or without options; escapes undone. */
const T_CALL = /(?<![\w$.])t\(\s*(['"])((?:\\.|(?!\1)[^\\])*)\1/g;
const T_TEMPLATE = /(?<![\w$.])t\(\s*`/;

/** A `t('key', { …count… })` call: the options object names `count`. */
const PLURAL_OPTIONS = /^\s*,\s*\{[^}]*\bcount\b/;

export const keysInSource = (text: string): string[] =>
  [...text.matchAll(T_CALL)].map((match) => match[2].replace(/\\(.)/g, '$1'));

export const pluralKeysInSource = (text: string): string[] =>
  [...text.matchAll(T_CALL)]
    .filter((match) => PLURAL_OPTIONS.test(text.slice(match.index + match[0].length)))
    .map((match) => match[2].replace(/\\(.)/g, '$1'));

const PLURAL_FORMS = ['one', 'other'] as const;

const sources = sourceFiles(pluginDir).map((file) => ({
  file: path.relative(root, file),
  text: readFileSync(file, 'utf8'),
}));
const pluralKeys = new Set(sources.flatMap(({ text }) => pluralKeysInSource(text)));
const codeKeys = new Set(
  sources
    .flatMap(({ text }) => keysInSource(text))
    .flatMap((key) => (pluralKeys.has(key) ? PLURAL_FORMS.map((form) => `${key}_${form}`) : [key])),
);
const extensionText = readFileSync(path.join(root, 'console-extensions.json'), 'utf8');
const labelKeys = new Set(
  [...extensionText.matchAll(new RegExp(`%${NAMESPACE}~([^%]+)%`, 'g'))].map((match) => match[1]),
);
const locale = JSON.parse(
  readFileSync(path.join(root, 'locales/en', `${NAMESPACE}.json`), 'utf8'),
) as Record<string, string>;

describe('i18n coverage', () => {
  it('finds keys the way the scanner is meant to', () => {
    expect(
      keysInSource(
        `t('A'); t("B", { x }); t(\n  'C {{n}}',\n  { n }); at('no'); x.t('no'); t('it\\'s')`,
      ),
    ).toEqual(['A', 'B', 'C {{n}}', "it's"]);
    expect(
      pluralKeysInSource(
        `t('{{count}} disks', { count: n }); t('{{n}} x', { n }); t('{{count}} y', {\n  count })`,
      ),
    ).toEqual(['{{count}} disks', '{{count}} y']);
  });

  it('has both English plural forms of every key called with count, the other form = key', () => {
    expect(pluralKeys.size).toBeGreaterThan(0);
    for (const key of pluralKeys) {
      expect(locale, key).not.toHaveProperty([key]);
      expect(locale, key).toHaveProperty([`${key}_one`]);
      expect(locale[`${key}_other`], key).toBe(key);
    }
  });

  it('scans a real amount of code', () => {
    expect(sources.length).toBeGreaterThan(10);
    expect(codeKeys.size).toBeGreaterThan(20);
    expect(labelKeys.has('VM Disks')).toBe(true);
  });

  it('uses only literal keys (no template literals)', () => {
    expect(sources.filter(({ text }) => T_TEMPLATE.test(text)).map(({ file }) => file)).toEqual([]);
  });

  it('has every used key in the English locale, English = key', () => {
    const missing = [...codeKeys, ...labelKeys].filter((key) => !(key in locale));
    expect(missing).toEqual([]);
    const notEnglish = Object.entries(locale).filter(
      ([key, value]) => key !== value && !key.endsWith('_one') && !key.endsWith('_other'),
    );
    expect(notEnglish).toEqual([]);
  });

  it('has no unused keys in the English locale', () => {
    const unused = Object.keys(locale).filter((key) => !codeKeys.has(key) && !labelKeys.has(key));
    expect(unused).toEqual([]);
  });
});
