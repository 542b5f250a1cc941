import { kubectl } from './support/cluster';
import { expect, test, waitForHost } from './support/fixtures';
import { ConfigMapEditor, ProfileEditor } from './pages/storage-defaults-page';

const CM = ['configmap', 'kubevirt-storage-class-defaults', '-n', 'openshift-cnv'];

const storedData = (): Record<string, string> =>
  (JSON.parse(kubectl(['get', ...CM, '-o', 'json'])) as { data?: Record<string, string> }).data ??
  {};

/** Removes the keys the tests add, leaving HyperConverged's keys alone. */
const resetTestKeys = (): void => {
  kubectl([
    'patch',
    ...CM,
    '--type=merge',
    '-p',
    JSON.stringify({ data: { 'local.accessMode': null, 'local.volumeMode': null } }),
  ]);
};

const onLegacy = (): boolean => test.info().project.name === 'legacy';

// The kubevirt-storage-class-defaults ConfigMap exists only in the seed's era (HyperConverged ≤ 1.6).
test.describe('Storage defaults', () => {
  test.beforeEach(() => {
    test.skip(!onLegacy(), 'the ConfigMap exists only on legacy (HyperConverged 1.7 removed it)');
  });
  test.afterEach(() => {
    if (onLegacy()) resetTestKeys();
  });

  test('a form edit shows in the YAML view, saves, and survives a reload', async ({
    page,
    consoleProblems,
  }) => {
    await page.goto('/');
    await waitForHost(page);
    await page.locator('[data-test="vm-disks-nav-storage-defaults"]').click();
    await expect(page).toHaveURL(/\/vm-disks\/storage-defaults$/);
    const editor = new ConfigMapEditor(page);
    await expect(editor.form).toBeVisible();

    const row = await editor.addOverride();
    await row.storageClass.selectOption('local');
    await row.accessMode.selectOption('ReadWriteOnce');
    await row.volumeMode.selectOption('Block');
    // Only the valid values are offered.
    await expect(row.volumeMode.locator('option')).toHaveText([
      'Not set (use the default)',
      'Filesystem',
      'Block',
    ]);

    await editor.yamlView.click();
    await expect(editor.yaml.lines).toContainText(/local\.accessMode:\s+ReadWriteOnce/);
    await expect(editor.yaml.lines).toContainText(/local\.volumeMode:\s+Block/);
    await expect(editor.yamlProblems).toHaveAttribute('data-errors', '0');

    // Back to the form without loss, then save from there.
    await editor.formView.click();
    await expect(editor.override('local').volumeMode).toHaveValue('Block');
    await editor.saveAndWait();
    expect(storedData()).toMatchObject({
      'local.accessMode': 'ReadWriteOnce',
      'local.volumeMode': 'Block',
    });

    await page.reload();
    await waitForHost(page);
    await expect(editor.override('local').accessMode).toHaveValue('ReadWriteOnce');
    await expect(editor.override('local').volumeMode).toHaveValue('Block');
    expect(consoleProblems.messages).toEqual([]);
  });

  test('YAML with each kind of error is refused, with a marker on the offending line', async ({
    page,
  }) => {
    const editor = await new ConfigMapEditor(page).open();
    await editor.yamlView.click();
    await expect(editor.yaml.monaco).toBeVisible();
    const before = storedData();
    const header = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: kubevirt-storage-class-defaults',
      '  namespace: openshift-cnv',
      'data:',
      '  accessMode: ReadWriteOnce',
    ];
    const cases = [
      { kind: 'syntax', line: '  volumeMode: Filesystem: Block', text: 'volumeMode' },
      { kind: 'unknown-key', line: '  colour: blue', text: 'colour' },
      { kind: 'invalid-value', line: '  volumeMode: Blok', text: 'Blok' },
      {
        kind: 'unknown-class',
        line: '  no-such-class.accessMode: ReadWriteOnce',
        text: 'no-such-class',
      },
    ];
    for (const c of cases) {
      await editor.yaml.replaceText([...header, c.line, ''].join('\n'));
      const problem = editor.yaml.problem(c.kind).first();
      await expect(problem).toBeVisible();
      await expect(problem).toHaveAttribute('data-severity', 'error');
      await expect(problem).toHaveAttribute('data-line', String(header.length + 1));
      await expect(editor.save).toBeDisabled();
      await expect(editor.saveBlocked).toBeVisible();
      await expect
        .poll(() => editor.yaml.squiggledLines())
        .toContainEqual(expect.stringContaining(c.text));
    }
    // A syntax error also keeps the form view closed, so nothing is lost.
    await editor.yaml.replaceText([...header, cases[0]?.line ?? '', ''].join('\n'));
    await editor.formView.click();
    await expect(editor.switchRefused).toBeVisible();

    // Fixed, it saves.
    await editor.yaml.replaceText([...header, '  local.volumeMode: Filesystem', ''].join('\n'));
    await expect(editor.yamlProblems).toHaveAttribute('data-errors', '0');
    await expect(editor.save).toBeEnabled();
    expect(storedData()).toEqual(before);
    await editor.saveAndWait();
    expect(storedData()['local.volumeMode']).toBe('Filesystem');
  });

  test('a concurrent edit causes a conflict the user resolves by re-applying', async ({ page }) => {
    const editor = await new ConfigMapEditor(page).open();
    const row = await editor.addOverride();
    await row.storageClass.selectOption('local');
    await row.accessMode.selectOption('ReadWriteOnce');

    // Someone else saves meanwhile.
    kubectl([
      'patch',
      ...CM,
      '--type=merge',
      '-p',
      JSON.stringify({ data: { 'local.volumeMode': 'Block' } }),
    ]);
    await expect(editor.remoteChanged).toBeVisible();

    await editor.save.click();
    await expect(editor.conflict).toBeVisible();
    await expect(editor.conflictAdded()).toHaveText(['+ local.volumeMode: Block']);
    expect(storedData()['local.accessMode']).toBeUndefined();

    await editor.reapply();
    await expect(editor.conflict).toHaveCount(0);
    await expect(editor.override('local').accessMode).toHaveValue('ReadWriteOnce');
    await expect(editor.override('local').volumeMode).toHaveValue('Block');
    await editor.saveAndWait();
    expect(storedData()).toMatchObject({
      'local.accessMode': 'ReadWriteOnce',
      'local.volumeMode': 'Block',
    });
  });

  test('a conflict can also be resolved by reloading the remote version', async ({ page }) => {
    const editor = await new ConfigMapEditor(page).open();
    await editor.defaultVolumeMode.selectOption('Block');
    kubectl([
      'patch',
      ...CM,
      '--type=merge',
      '-p',
      JSON.stringify({ data: { 'local.accessMode': 'ReadWriteOnce' } }),
    ]);
    await editor.save.click();
    await expect(editor.conflict).toBeVisible();
    await editor.reloadFromConflict();
    await expect(editor.defaultVolumeMode).toHaveValue('Filesystem');
    await expect(editor.override('local').accessMode).toHaveValue('ReadWriteOnce');
    expect(storedData().volumeMode).toBe('Filesystem');
  });

  test('warns about unsupported settings and settings HyperConverged reverts', async ({ page }) => {
    const editor = await new ConfigMapEditor(page).open();
    await editor.defaultAccessMode.selectOption('ReadWriteMany');
    // The default class `local` is node-local storage: ReadWriteMany is unlikely to work there...
    await expect(editor.fieldWarnings('accessMode')).toContainText([
      /HyperConverged manages accessMode/,
      /ReadWriteMany is unlikely to work on local/,
    ]);
    // ...and HyperConverged owns the key.
    await expect(editor.revertedKeys).toHaveText([
      'accessMode: ReadWriteMany will become ReadWriteOnce',
    ]);
  });

  test('shows the StorageProfile recommendation next to each class and copies a row into it', async ({
    page,
  }) => {
    kubectl([
      'patch',
      ...CM,
      '--type=merge',
      '-p',
      JSON.stringify({ data: { 'local.volumeMode': 'Block' } }),
    ]);
    try {
      const editor = await new ConfigMapEditor(page).open();
      const local = editor.profileRow('local');
      await expect(local.locator('[data-test="configmap-gives"]')).toContainText(
        'ReadWriteOnce / Block',
      );
      // CDI does not know the no-provisioner class: its profile recommends nothing until an admin fills it.
      await expect(local.locator('[data-test="profile-recommends"]')).toContainText(
        'CDI does not know',
      );
      await local.locator('[data-test="copy-to-profile"]').click();
      await expect(page.locator('[data-test="profile-copy-result"]')).toContainText(
        'StorageProfile local updated',
      );
      await expect(local.locator('[data-test="profile-recommends"]')).toContainText(
        'ReadWriteOnce / Block',
      );
      const profile = JSON.parse(kubectl(['get', 'storageprofile', 'local', '-o', 'json'])) as {
        spec?: { claimPropertySets?: unknown[] };
      };
      expect(profile.spec?.claimPropertySets).toEqual([
        { accessModes: ['ReadWriteOnce'], volumeMode: 'Block' },
      ]);
    } finally {
      kubectl([
        'patch',
        'storageprofile',
        'local',
        '--type=merge',
        '-p',
        '{"spec":{"claimPropertySets":null}}',
      ]);
    }
  });
  test('a saved override becomes the default of the DataVolume forms', async ({ page }) => {
    const editor = await new ConfigMapEditor(page).open();
    const row = await editor.addOverride();
    await row.storageClass.selectOption('local');
    await row.volumeMode.selectOption('Block');
    await editor.saveAndWait();

    // The blank disk form (seed 6.12.5) on the default class `local` starts from that setting.
    await page.goto('/vm-disks/blank-disk');
    await waitForHost(page);
    await expect(page.locator('[data-test="bd-volume-mode"]')).toHaveValue('Block');
    await expect(page.locator('[data-test="bd-access-mode"]')).toHaveValue('ReadWriteOnce');
  });
});

// Today's platform: no ConfigMap, the StorageProfiles are the defaults. CDI's StorageProfile
// (kubevirt/containerized-data-importer staging/src/kubevirt.io/containerized-data-importer-api/pkg/apis/core/v1beta1/types.go,
// pkg/controller/storageprofile-controller.go): status.claimPropertySets mirrors the spec's sets, and CDI renders
// the claim of a DataVolume with spec.storage from them (pkg/controller/datavolume/util.go).
const profileOf = (
  name: string,
): { spec?: Record<string, unknown>; status?: { claimPropertySets?: unknown[] } } =>
  JSON.parse(kubectl(['get', 'storageprofile', name, '-o', 'json'])) as {
    spec?: Record<string, unknown>;
    status?: { claimPropertySets?: unknown[] };
  };

test.describe('Storage defaults as StorageProfiles', () => {
  test.beforeEach(() => {
    test.skip(onLegacy(), 'legacy has the ConfigMap: its editor is tested above');
  });

  test('a claim property set edited in the form is stored, and a new blank DataVolume gets it from CDI', async ({
    page,
    consoleProblems,
  }) => {
    const NS = 'vm-images';
    try {
      const editor = await ProfileEditor.open(page, 'local');
      await expect(page.locator('[data-test="configmap-missing-why"]')).toContainText(
        'HyperConverged 1.7',
      );
      // The selected side of the Form/YAML switch is the one that looks selected (issue 15, item 7).
      const formButton = editor.formView;
      const yamlButton = editor.yamlView;
      await expect(formButton).toHaveAttribute('aria-pressed', 'true');
      await expect(yamlButton).toHaveAttribute('aria-pressed', 'false');
      const background = (button: typeof formButton) =>
        button.evaluate((element) => getComputedStyle(element).backgroundColor);
      expect(await background(formButton)).not.toBe(await background(yamlButton));
      expect(await background(formButton)).not.toBe('rgba(0, 0, 0, 0)');

      const set = await editor.addSet();
      // A new set has ReadWriteOnce and no volume mode yet: the error names the field.
      await expect(set.error).toHaveAttribute('data-field', 'spec.claimPropertySets[0].volumeMode');
      await expect(editor.save).toBeDisabled();
      await set.volumeMode.selectOption('Block');
      await set.accessMode('ReadWriteOnce').uncheck();
      await expect(set.error).toContainText(
        'spec.claimPropertySets[0].accessModes: choose at least one access mode',
      );
      await set.accessMode('ReadWriteOnce').check();
      // The local PVs are Filesystem volumes: a warning, not an error (Block PVs may come later).
      await expect(set.warning).toContainText(
        'no PersistentVolume of local offers ReadWriteOnce/Block',
      );
      await editor.saveAndWait();
      expect(profileOf('local').spec?.claimPropertySets).toEqual([
        { accessModes: ['ReadWriteOnce'], volumeMode: 'Block' },
      ]);
      await expect
        .poll(() => profileOf('local').status?.claimPropertySets)
        .toEqual([{ accessModes: ['ReadWriteOnce'], volumeMode: 'Block' }]);

      // The blank disk form starts from the profile, leaves the modes to CDI, and CDI applies them.
      await page.goto('/vm-disks/blank-disk');
      await waitForHost(page);
      const form = page.locator('[data-test="blank-disk-form"]');
      await form.locator('[data-test="bd-namespace"]').fill(NS);
      await form.locator('[data-test="bd-name"]').fill('e2e-profile-blank');
      await form.locator('[data-test="bd-size"]').fill('1Gi');
      await expect(form.locator('[data-test="bd-volume-mode"]')).toHaveValue('Block');
      await expect(form.locator('[data-test="bd-access-mode"]')).toHaveValue('ReadWriteOnce');
      await form.locator('[data-test="bd-create"]').click();
      await expect(page.locator('[data-test="bd-result"]')).toBeVisible();
      const dv = JSON.parse(
        kubectl(['get', 'dv', 'e2e-profile-blank', '-n', NS, '-o', 'json']),
      ) as { spec: { storage?: Record<string, unknown> } };
      expect(dv.spec.storage).toBeDefined();
      expect(dv.spec.storage).not.toHaveProperty('volumeMode');
      expect(dv.spec.storage).not.toHaveProperty('accessModes');
      await expect
        .poll(() =>
          kubectl([
            'get',
            'pvc',
            'e2e-profile-blank',
            '-n',
            NS,
            '-o',
            'jsonpath={.spec.volumeMode} {.spec.accessModes[0]}',
          ]),
        )
        .toBe('Block ReadWriteOnce');
      expect(consoleProblems.messages).toEqual([]);
    } finally {
      kubectl([
        'delete',
        'dv',
        'e2e-profile-blank',
        '-n',
        NS,
        '--ignore-not-found',
        '--wait=false',
      ]);
      kubectl([
        'patch',
        'storageprofile',
        'local',
        '--type=merge',
        '-p',
        '{"spec":{"claimPropertySets":null}}',
      ]);
    }
  });

  test('refuses what the provisioner cannot do, offers CDI’s recommendation, and resolves a concurrent edit', async ({
    page,
  }) => {
    // Several steps against the sandbox in one flow: a bound, not a speed check (the 2-core CI machine may be loaded).
    test.setTimeout(300_000);
    const SC = 'e2e-ceph-rbd';
    kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: SC },
        provisioner: 'openshift-storage.rbd.csi.ceph.com',
        parameters: { clusterID: 'openshift-storage', pool: 'ocs-storagecluster-cephblockpool' },
        volumeBindingMode: 'Immediate',
      }),
    );
    try {
      const editor = await ProfileEditor.open(page, SC, true);
      // CDI's recommendation for Ceph RBD, computed by CDI into the status.
      await expect(editor.recommendedSets).toHaveText([
        'ReadWriteMany / Block',
        'ReadWriteOnce / Block',
        'ReadWriteOnce / Filesystem',
      ]);
      const set = await editor.addSet();
      await set.accessMode('ReadWriteOnce').uncheck();
      await set.accessMode('ReadWriteMany').check();
      await set.volumeMode.selectOption('Filesystem');
      await expect(set.error).toHaveAttribute(
        'data-field',
        'spec.claimPropertySets[0].accessModes',
      );
      await expect(set.error).toContainText(`ReadWriteMany/Filesystem cannot work on ${SC}`);
      await expect(editor.save).toBeDisabled();

      await editor.useRecommendation();
      await expect(editor.sets).toHaveCount(3);
      await expect(editor.errors).toHaveCount(0);

      // Someone else sets the clone strategy meanwhile: saving shows the conflict, re-applying keeps both.
      kubectl([
        'patch',
        'storageprofile',
        SC,
        '--type=merge',
        '-p',
        '{"spec":{"cloneStrategy":"copy"}}',
      ]);
      await expect(editor.remoteChanged).toBeVisible();
      await editor.save.click();
      await expect(editor.conflictAdded()).toHaveText(['+ cloneStrategy: copy']);
      expect(profileOf(SC).spec?.claimPropertySets).toBeUndefined();
      await editor.reapply();
      await expect(editor.conflict).toHaveCount(0);
      await editor.saveAndWait();
      expect(profileOf(SC).spec).toEqual({
        cloneStrategy: 'copy',
        claimPropertySets: [
          { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
          { accessModes: ['ReadWriteOnce'], volumeMode: 'Block' },
          { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
        ],
      });

      // The YAML view shows the same spec and marks an invalid value on its line.
      await editor.yamlView.click();
      await expect(editor.yamlView).toHaveAttribute('aria-pressed', 'true');
      // Monaco renders only the lines in view and the spec ends below the labels: a taller window shows it all.
      await page.setViewportSize({ width: 1280, height: 1400 });
      await expect(editor.yaml.lines).toContainText(/cloneStrategy:\s+copy/);
      await editor.yaml.replaceText(
        [
          'apiVersion: cdi.kubevirt.io/v1beta1',
          'kind: StorageProfile',
          'metadata:',
          `  name: ${SC}`,
          'spec:',
          '  claimPropertySets:',
          '  - accessModes: [ReadWriteOnce]',
          '    volumeMode: Blok',
          '',
        ].join('\n'),
      );
      const problem = editor.root.locator(
        '[data-test="yaml-problem"][data-kind="unknown-volume-mode"]',
      );
      await expect(problem).toHaveAttribute('data-line', '8');
      await expect(problem).toContainText('spec.claimPropertySets[0].volumeMode');
      await expect(editor.save).toBeDisabled();
    } finally {
      kubectl(['delete', 'storageclass', SC, '--ignore-not-found']);
    }
  });
});
