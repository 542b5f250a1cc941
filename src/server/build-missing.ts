/**
 * `npm start` on a fresh clone: build the plugin (`dist/`) and the console host (`dist-host/`) when their
 * entry files are missing, with Vite's programmatic `build()` and the repository's own configs.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

interface BuildStep {
  what: string;
  /** Where the repository's Vite config writes this build. */
  defaultDir: string;
  output: string;
  configFile: string;
  command: string;
}

export function missingBuilds(distDir: string, hostDistDir: string): BuildStep[] {
  const steps: BuildStep[] = [];
  if (!existsSync(path.join(distDir, 'plugin-manifest.json'))) {
    steps.push({
      what: 'the plugin',
      defaultDir: path.join(REPO_ROOT, 'dist'),
      output: path.join(distDir, 'plugin-manifest.json'),
      configFile: path.join(REPO_ROOT, 'vite.config.ts'),
      command: 'npm run build',
    });
  }
  if (!existsSync(path.join(hostDistDir, 'index.html'))) {
    steps.push({
      what: 'the console host',
      defaultDir: path.join(REPO_ROOT, 'dist-host'),
      output: path.join(hostDistDir, 'index.html'),
      configFile: path.join(REPO_ROOT, 'src/host/vite.config.ts'),
      command: 'npm run build:host',
    });
  }
  return steps;
}

/**
 * Builds what is missing. The Vite configs write to the repository's `dist/` and `dist-host/`; when the
 * caller points elsewhere, building cannot help and the step fails with the command to run.
 */
export async function buildMissing(
  distDir: string,
  hostDistDir: string,
  log: (line: string) => void,
): Promise<void> {
  const steps = missingBuilds(distDir, hostDistDir);
  if (steps.length === 0) return;
  for (const step of steps) {
    if (path.dirname(step.output) !== step.defaultDir) {
      throw new Error(
        `${step.output} is missing, and ${step.command} writes to ${step.defaultDir}, not there; build it or point the flag at a built directory`,
      );
    }
  }
  const vite = await import('vite');
  for (const step of steps) {
    if (!existsSync(step.configFile)) {
      throw new Error(
        `cannot build ${step.what}: ${step.configFile} does not exist (run ${step.command})`,
      );
    }
    log(
      `Building ${step.what} (${path.relative(REPO_ROOT, step.configFile)}): ${step.output} is missing…`,
    );
    await vite.build({ configFile: step.configFile, mode: 'production', logLevel: 'warn' });
    if (!existsSync(step.output)) {
      throw new Error(
        `building ${step.what} did not produce ${step.output}; run ${step.command} and check its output directory`,
      );
    }
  }
}
