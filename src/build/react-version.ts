import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Console 4.22 runs React 18. A React 19 copy pulled in by a peer range renders nothing (React
 * error #31) while every code reference still resolves, so the build refuses it up front.
 */
export const reactVersionProblems = (root: string): string[] => {
  const require = createRequire(path.join(root, 'package.json'));
  return ['react', 'react-dom'].flatMap((name) => {
    let version: string;
    try {
      const manifest = require.resolve(`${name}/package.json`);
      version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
    } catch {
      return [`${name} is not installed; run npm ci.`];
    }
    return version.startsWith('18.')
      ? []
      : [`${name} ${version} is installed, but console 4.22 runs React 18: pin ${name} to 18.3.x.`];
  });
};
