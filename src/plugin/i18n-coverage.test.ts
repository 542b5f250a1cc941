// Every `t('…')` key in src/plugin and every `%plugin__vm-disks-plugin~…%` label of console-extensions.json is in
// the English locale file (English = key), and the locale file holds no key that is no longer used.
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

export const keysInSource = (text: string): string[] =>
  [...text.matchAll(T_CALL)].map((match) => match[2].replace(/\\(.)/g, '$1'));

const sources = sourceFiles(pluginDir).map((file) => ({
  file: path.relative(root, file),
  text: readFileSync(file, 'utf8'),
}));
const codeKeys = new Set(sources.flatMap(({ text }) => keysInSource(text)));
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
    const notEnglish = Object.entries(locale).filter(([key, value]) => key !== value);
    expect(notEnglish).toEqual([]);
  });

  it('has no unused keys in the English locale', () => {
    const unused = Object.keys(locale).filter((key) => !codeKeys.has(key) && !labelKeys.has(key));
    expect(unused).toEqual([]);
  });
});
