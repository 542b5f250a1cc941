import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { OutputBundle, OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';
import { codeRefProblems, isPlainName } from './code-refs.ts';
import { entryScript, type ExposedAssets } from './entry-script.ts';
import { labelProblems } from './locale-labels.ts';
import { buildManifest, metadataProblems, type PluginMetadata } from './manifest.ts';
import { reactVersionProblems } from './react-version.ts';
import {
  classifyImport,
  registryGlobal,
  sharedModuleCode,
  VIRTUAL_PREFIX,
} from './shared-modules.ts';

export interface ConsolePluginOptions {
  /** Project root holding package.json, console-extensions.json and locales/. */
  root?: string;
}

const EXPOSED_PREFIX = 'exposed-';
const PF_CSS_STUB = '\0console-patternfly-css-stub';

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8')) as unknown;

const readMetadata = (root: string): PluginMetadata => {
  const pkg = readJson(path.join(root, 'package.json')) as {
    consolePlugin?: Partial<PluginMetadata>;
  };
  const meta = pkg.consolePlugin;
  if (!meta?.name || !meta.version || !meta.exposedModules) {
    throw new Error(
      'package.json needs a consolePlugin block with name, version and exposedModules ' +
        '(see README "How to add a page").',
    );
  }
  return {
    name: meta.name,
    version: meta.version,
    displayName: meta.displayName,
    description: meta.description,
    exposedModules: meta.exposedModules,
    dependencies: meta.dependencies ?? {},
  };
};

const listFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });

/** CSS of a chunk and of every chunk it imports statically: an entry chunk gets no CSS loader. */
const cssOf = (bundle: OutputBundle, chunk: OutputChunk, seen = new Set<string>()): string[] => {
  if (seen.has(chunk.fileName)) return [];
  seen.add(chunk.fileName);
  const own = [...(chunk.viteMetadata?.importedCss ?? [])];
  const byFile = new Map(Object.entries(bundle));
  const imported = chunk.imports.flatMap((file) => {
    const next = byFile.get(file);
    return next?.type === 'chunk' ? cssOf(bundle, next, seen) : [];
  });
  return [...new Set([...own, ...imported])];
};

const fail = (problems: string[]): never => {
  throw new Error(`Console plugin build failed:\n  - ${problems.join('\n  - ')}`);
};

/**
 * Turns the exposed modules of package.json#consolePlugin into assets the console 4.22 loader
 * accepts: a manifest with exactly the allowed fields, a classic entry script, shared singletons
 * read from the console's share scope, PatternFly CSS left to the console, locales copied.
 */
export const consolePlugin = (options: ConsolePluginOptions = {}): Plugin => {
  const root = path.resolve(options.root ?? process.cwd());
  const meta = readMetadata(root);
  const usedSharedKeys = new Set<string>();

  return {
    name: 'vm-disks:console-plugin',
    enforce: 'pre',

    config() {
      const badNames = Object.keys(meta.exposedModules).filter((name) => !isPlainName(name));
      const problems = [
        ...metadataProblems(meta),
        ...reactVersionProblems(root),
        ...badNames.map(
          (name) => `Exposed module name "${name}" must not contain dots or whitespace.`,
        ),
      ];
      if (problems.length) fail(problems);
      const input = Object.fromEntries(
        Object.entries(meta.exposedModules).map(([name, file]) => [
          `${EXPOSED_PREFIX}${name}`,
          path.resolve(root, file),
        ]),
      );
      return {
        base: './',
        build: {
          outDir: path.join(root, 'dist'),
          emptyOutDir: true,
          modulePreload: false,
          cssCodeSplit: true,
          sourcemap: true,
          target: 'es2022',
          rolldownOptions: {
            input,
            preserveEntrySignatures: 'exports-only',
            // React Server Components' "use client" markers mean nothing in a console plugin.
            onLog(level, log, handler) {
              if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
            },
            output: {
              format: 'es',
              entryFileNames: '[name].[hash].js',
              chunkFileNames: 'chunks/[name].[hash].js',
              assetFileNames: 'assets/[name].[hash][extname]',
            },
          },
        },
      };
    },

    resolveId(source, importer) {
      if (
        source.endsWith('.css') &&
        (importer?.includes('/node_modules/@patternfly/') || source.startsWith('@patternfly/'))
      ) {
        return PF_CSS_STUB;
      }
      const resolution = classifyImport(source);
      if (resolution.kind === 'forbidden') this.error(resolution.reason);
      if (resolution.kind === 'shared') {
        usedSharedKeys.add(resolution.key);
        return `${VIRTUAL_PREFIX}${resolution.key}`;
      }
      return null;
    },

    load(id) {
      if (id === PF_CSS_STUB) return 'export default undefined;';
      if (id.startsWith(VIRTUAL_PREFIX)) {
        return sharedModuleCode(meta.name, id.slice(VIRTUAL_PREFIX.length));
      }
      return null;
    },

    generateBundle(_outputOptions, bundle) {
      const modules: Record<string, ExposedAssets> = {};
      const exportsByModule = new Map<string, string[]>();
      const problems: string[] = [];
      for (const name of Object.keys(meta.exposedModules)) {
        const chunk = Object.values(bundle).find(
          (item): item is OutputChunk =>
            item.type === 'chunk' && item.isEntry && item.name === `${EXPOSED_PREFIX}${name}`,
        );
        if (!chunk) {
          problems.push(`Exposed module "${name}" produced no entry chunk.`);
          continue;
        }
        const badExports = chunk.exports.filter((exported) => !isPlainName(exported));
        problems.push(
          ...badExports.map(
            (exported) => `Export "${exported}" of exposed module "${name}" must not contain dots.`,
          ),
        );
        modules[name] = { js: chunk.fileName, css: cssOf(bundle, chunk) };
        exportsByModule.set(name, chunk.exports);
      }

      const extensionsFile = path.join(root, 'console-extensions.json');
      const extensions = readJson(extensionsFile);
      if (!Array.isArray(extensions))
        fail([`${extensionsFile} must hold a JSON array of extensions.`]);
      const localeRelative = `locales/en/plugin__${meta.name}.json`;
      const localeFile = path.join(root, localeRelative);
      const locale = existsSync(localeFile)
        ? (readJson(localeFile) as Record<string, unknown>)
        : fail([`${localeRelative} is missing; it holds the English labels of the extensions.`]);
      problems.push(
        ...codeRefProblems(extensions, exportsByModule),
        ...labelProblems(extensions, `plugin__${meta.name}`, locale, localeRelative),
      );
      if (problems.length) fail(problems);

      const script = entryScript({
        pluginName: meta.name,
        pluginVersion: meta.version,
        registryGlobal: registryGlobal(meta.name),
        sharedKeys: [...usedSharedKeys].sort(),
        modules,
      });
      const digest = (text: string | Uint8Array): string =>
        createHash('sha256').update(text).digest('hex');
      const entryFile = `plugin-entry.${digest(script).slice(0, 12)}.js`;
      this.emitFile({ type: 'asset', fileName: entryFile, source: script });

      const buildHash = createHash('sha256');
      for (const item of Object.values(bundle).sort((a, b) =>
        a.fileName.localeCompare(b.fileName),
      )) {
        buildHash.update(item.fileName);
        buildHash.update(item.type === 'chunk' ? item.code : item.source);
      }
      buildHash.update(script);
      const manifest = buildManifest(
        meta,
        extensions as unknown[],
        entryFile,
        buildHash.digest('hex').slice(0, 20),
      );
      this.emitFile({
        type: 'asset',
        fileName: 'plugin-manifest.json',
        source: `${JSON.stringify(manifest, null, 2)}\n`,
      });

      const localesDir = path.join(root, 'locales');
      for (const file of listFiles(localesDir)) {
        this.emitFile({
          type: 'asset',
          fileName: path.relative(root, file).split(path.sep).join('/'),
          source: readFileSync(file),
        });
      }
    },
  };
};
