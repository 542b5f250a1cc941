import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildShareScope } from './share-scope';
import { SHARED_VERSIONS } from './shared-versions';

describe('share scope', () => {
  const react = { createElement: () => null };
  const router = { useNavigate: () => undefined };
  const scope = buildShareScope([
    { name: 'react', version: '18.3.1', module: react },
    { name: 'react-router', version: '7.13.2', module: router },
  ]);

  it('has webpack eager entries whose get() returns the factory synchronously', () => {
    const entry = scope.react['18.3.1'];
    expect(entry).toMatchObject({ from: 'console', eager: true, loaded: 1 });
    const factory = entry.get();
    expect(typeof factory).toBe('function');
    expect(factory()).toBe(react);
  });

  it('aliases react-router-dom and react-router-dom-v5-compat to react-router', () => {
    expect(scope['react-router-dom']).toBe(scope['react-router']);
    expect(scope['react-router-dom-v5-compat']).toBe(scope['react-router']);
    expect(scope['react-router-dom']['7.13.2'].get()()).toBe(router);
  });

  it('declares the installed versions of the shared packages', () => {
    const versions: Record<string, string> = SHARED_VERSIONS;
    const require = createRequire(import.meta.url);
    for (const [pkg, version] of Object.entries(versions)) {
      if (pkg.endsWith('-internal')) continue;
      const manifest = JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as {
        version: string;
      };
      expect(`${pkg}@${manifest.version}`).toBe(`${pkg}@${version}`);
    }
  });
});
