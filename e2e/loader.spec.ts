import { readFileSync } from 'node:fs';
import { expect, test, waitForHost } from './support/fixtures';

interface Manifest {
  extensions: { type: string; properties: Record<string, unknown> }[];
  loadScripts: string[];
}

const manifest = (): Manifest =>
  JSON.parse(readFileSync('dist/plugin-manifest.json', 'utf8')) as Manifest;

const countCodeRefs = (value: unknown): number => {
  if (Array.isArray(value))
    return value.reduce<number>((sum, item) => sum + countCodeRefs(item), 0);
  if (value && typeof value === 'object') {
    return Object.entries(value).reduce<number>(
      (sum, [key, child]) => sum + (key === '$codeRef' ? 1 : countCodeRefs(child)),
      0,
    );
  }
  return 0;
};

const MANIFEST_URL = '**/api/plugins/vm-disks-plugin/plugin-manifest.json';

test('the real loader resolves every $codeRef of the built manifest', async ({
  page,
  consoleProblems,
}) => {
  await page.goto('/');
  await waitForHost(page);
  expect(await page.evaluate(() => window.__vmDisksHost?.loadErrors.length)).toBe(0);
  const results = await page.evaluate(() => window.__vmDisksHost?.resolveAllCodeRefs());
  const expected = countCodeRefs(manifest().extensions);
  expect(expected).toBeGreaterThan(0);
  expect(results).toHaveLength(expected);
  expect(results?.filter((result) => !result.ok)).toEqual([]);
  expect(consoleProblems.messages).toEqual([]);
});

test('every plugin page renders without console errors', async ({ page, consoleProblems }) => {
  const routes = manifest()
    .extensions.filter((extension) => extension.type === 'console.page/route')
    .flatMap((extension) => {
      const path = extension.properties.path;
      return Array.isArray(path) ? (path as string[]) : [path as string];
    });
  expect(routes.length).toBeGreaterThan(0);
  for (const route of routes) {
    await page.goto(route);
    await waitForHost(page);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(
      page.locator('[data-test="section-crash"], [data-test="plugin-load-error"]'),
    ).toHaveCount(0);
  }
  expect(consoleProblems.messages).toEqual([]);
});

const loadWithManifest = async (
  page: Parameters<Parameters<typeof test>[2]>[0]['page'],
  edit: (manifest: Manifest) => void,
) => {
  await page.route(MANIFEST_URL, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as Manifest;
    edit(body);
    await route.fulfill({ response, json: body });
  });
  await page.goto('/');
  await waitForHost(page);
  return page.evaluate(() => window.__vmDisksHost?.resolveAllCodeRefs());
};

test.describe('the loader rejects broken builds with its own errors', () => {
  test('a $codeRef to a missing export', async ({ page }) => {
    const results = await loadWithManifest(page, (body) => {
      const provider = body.extensions.find((e) => e.type === 'console.action/resource-provider');
      if (provider) provider.properties.provider = { $codeRef: 'storageActions.useMissing' };
    });
    const failed = results?.filter((result) => !result.ok) ?? [];
    expect(failed).toHaveLength(1);
    expect(failed[0]?.error).toContain("Missing module export 'storageActions.useMissing'");
  });

  test('a $codeRef to a module the container does not have', async ({ page }) => {
    const results = await loadWithManifest(page, (body) => {
      const route = body.extensions.find((e) => e.type === 'console.page/route');
      if (route) route.properties.component = { $codeRef: 'Nope' };
    });
    const failed = results?.filter((result) => !result.ok) ?? [];
    expect(failed).toHaveLength(1);
    expect(failed[0]?.error).toContain('Module Nope does not exist in container');
  });

  test('an entry script that never registers', async ({ page }) => {
    await page.route('**/api/plugins/vm-disks-plugin/plugin-entry.*.js*', (route) =>
      route.fulfill({ contentType: 'application/javascript', body: '/* registers nothing */' }),
    );
    await page.goto('/');
    await waitForHost(page);
    const errors = await page.evaluate(() =>
      window.__vmDisksHost?.loadErrors.map((e) => JSON.stringify(e)),
    );
    expect(errors?.join('\n')).toContain('Scripts loaded without a plugin entry callback');
    await expect(
      page.getByText('Scripts loaded without a plugin entry callback').first(),
    ).toBeVisible();
  });
});
