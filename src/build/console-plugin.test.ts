import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { consolePlugin } from './console-plugin.ts';
import { MANIFEST_FIELDS } from './manifest.ts';
import { reactVersionProblems } from './react-version.ts';

// Fixtures are copied under node_modules/.cache so that their imports resolve to the repo's packages.
const scratch = path.resolve('node_modules/.cache/vm-disks-build-test');
mkdirSync(scratch, { recursive: true });
const fixture = path.resolve('src/build/fixtures/basic');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const copyFixture = (edit?: (dir: string) => void): string => {
  const dir = mkdtempSync(path.join(scratch, 'fixture-'));
  made.push(dir);
  cpSync(fixture, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}dist`) });
  edit?.(dir);
  return dir;
};

const buildFixture = (dir: string) =>
  build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    plugins: [consolePlugin({ root: dir })],
  });

const editJson = (file: string, edit: (value: never) => unknown) => {
  writeFileSync(file, JSON.stringify(edit(JSON.parse(readFileSync(file, 'utf8')) as never)));
};

describe('console plugin build', () => {
  it('emits a manifest with exactly the allowed fields, a classic entry, and no PatternFly CSS', async () => {
    const dir = copyFixture();
    await buildFixture(dir);
    const dist = path.join(dir, 'dist');
    const manifest = JSON.parse(
      readFileSync(path.join(dist, 'plugin-manifest.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(Object.keys(manifest).sort()).toEqual([...MANIFEST_FIELDS].sort());
    expect(manifest).toMatchObject({
      name: 'fixture-plugin',
      registrationMethod: 'callback',
      baseURL: '/api/plugins/fixture-plugin/',
      dependencies: { '@console/pluginAPI': '>=4.22.0-0' },
    });
    const [entryFile = ''] = manifest.loadScripts as string[];
    expect(entryFile).toMatch(/^plugin-entry\.[0-9a-f]{12}\.js$/);
    const entry = readFileSync(path.join(dist, entryFile), 'utf8');
    // A classic script: no top-level import/export statements, registers through the callback.
    expect(entry).not.toMatch(/^\s*(import|export)\s/m);
    expect(entry).toContain('__load_plugin_entry__');
    expect(entry).toContain('loadPluginEntry');
    // React comes from the share scope; react-dom and PatternFly are bundled.
    expect(entry).toContain('"react"');
    expect(entry).toContain('"react-i18next"');
    const js = readdirSync(dist, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(path.join(dist, file), 'utf8'))
      .join('\n');
    expect(js).not.toContain('react.production.min');
    // The plugin's own CSS is listed for its module; PatternFly's is not shipped at all.
    const css = readdirSync(path.join(dist, 'assets')).filter((file) => file.endsWith('.css'));
    expect(css).toHaveLength(1);
    const [cssFile = ''] = css;
    const cssText = readFileSync(path.join(dist, 'assets', cssFile), 'utf8');
    expect(cssText).toContain('fixture-plugin__hello');
    expect(cssText).not.toContain('.pf-v6-c-button');
    expect(entry).toContain(`assets/${cssFile}`);
    expect(
      readFileSync(path.join(dist, 'locales/en/plugin__fixture-plugin.json'), 'utf8'),
    ).toContain('Hello');
  });

  it('fails when a $codeRef names an export the module does not have', async () => {
    const dir = copyFixture((d) => {
      editJson(
        path.join(d, 'console-extensions.json'),
        (ext: { properties: { provider?: { $codeRef: string } } }[]) => {
          const provider = ext[2]?.properties.provider;
          if (provider) provider.$codeRef = 'actions.useMissing';
          return ext;
        },
      );
    });
    await expect(buildFixture(dir)).rejects.toThrow(
      /\$codeRef "actions.useMissing" needs export "useMissing" of exposed module "actions", which exports only: usePVActions/,
    );
  });

  it('fails when an exposed-module name contains a dot', async () => {
    const dir = copyFixture((d) => {
      editJson(
        path.join(d, 'package.json'),
        (pkg: { consolePlugin: { exposedModules: Record<string, string> } }) => {
          pkg.consolePlugin.exposedModules = { 'Hello.Page': './src/HelloPage.tsx' };
          return pkg;
        },
      );
    });
    await expect(buildFixture(dir)).rejects.toThrow(
      /Exposed module name "Hello.Page" must not contain dots/,
    );
  });

  it('fails when an export name contains a dot', async () => {
    const dir = copyFixture((d) => {
      writeFileSync(
        path.join(d, 'src/actions.ts'),
        'const x = 1;\nexport { x as "use.Dotted", x as usePVActions };\n',
      );
    });
    await expect(buildFixture(dir)).rejects.toThrow(
      /Export "use.Dotted" of exposed module "actions" must not contain dots/,
    );
  });

  it('fails when an extension label is missing from the locale file', async () => {
    const dir = copyFixture((d) => {
      writeFileSync(path.join(d, 'locales/en/plugin__fixture-plugin.json'), '{}');
    });
    await expect(buildFixture(dir)).rejects.toThrow(
      /Extension label "Hello" is missing from locales\/en\/plugin__fixture-plugin.json/,
    );
  });

  it('fails on deep imports of console-provided modules', async () => {
    const dir = copyFixture((d) => {
      writeFileSync(
        path.join(d, 'src/actions.ts'),
        "import { k8sGet } from '@openshift-console/dynamic-plugin-sdk/lib/api/core-api';\nexport const usePVActions = () => k8sGet;\n",
      );
    });
    await expect(buildFixture(dir)).rejects.toThrow(/deep import of the console-provided module/);
  });
});

describe('reactVersionProblems', () => {
  it('accepts the installed React 18', () => {
    expect(reactVersionProblems(process.cwd())).toEqual([]);
  });

  it('refuses React 19', () => {
    const root = mkdtempSync(path.join(scratch, 'react19-'));
    made.push(root);
    for (const name of ['react', 'react-dom']) {
      mkdirSync(path.join(root, 'node_modules', name), { recursive: true });
      writeFileSync(
        path.join(root, 'node_modules', name, 'package.json'),
        JSON.stringify({ name, version: '19.1.0' }),
      );
    }
    writeFileSync(path.join(root, 'package.json'), '{}');
    expect(reactVersionProblems(root)).toEqual([
      'react 19.1.0 is installed, but console 4.22 runs React 18: pin react to 18.3.x.',
      'react-dom 19.1.0 is installed, but console 4.22 runs React 18: pin react-dom to 18.3.x.',
    ]);
  });
});
