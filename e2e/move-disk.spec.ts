// Moving a VM disk to another node through the PatternFly wizard (seed 6.12.4), on the e2e sandbox: every refusal first, then
// the real move of the running seed VM's disk from worker-0 to worker-1, ending with the VM running on worker-1
// and the disk bytes identical. The real move runs on the VM in the shape the console's VM wizard writes
// (`runStrategy` and a `dataVolumeTemplates` entry for its disk): the re-wire must remove that entry, since KubeVirt
// refuses a template entry no volume references (kubevirt/kubevirt pkg/storage/admitters/data-volume-template.go,
// enforced by the sandbox's VM admission), and stop/start must use runStrategy
// (pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter.go).
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { kubectl, sandboxDir } from './support/cluster';
import { expect, loginAs, test, waitForHost } from './support/fixtures';

const NS = 'vm-images';
const VM = 'rhel8-vm';
const SOURCE_CLAIM = 'rhel8-vm-rootdisk';
const diskImage = (node: string, dir: string) =>
  path.join(sandboxDir(), 'nodes', node, dir, 'disk.img');

interface VmJson {
  metadata: Record<string, unknown>;
  spec: {
    running?: boolean;
    runStrategy?: string;
    dataVolumeTemplates?: { metadata: { name: string }; spec: unknown }[];
    template: { spec: { volumes: { name: string; dataVolume?: { name: string } }[] } };
  };
}
const getVm = (name: string): VmJson =>
  JSON.parse(kubectl(['get', 'vm', name, '-n', NS, '-o', 'json'])) as VmJson;
const pvOfClaim = (ns: string, claim: string): string =>
  kubectl(['get', 'pvc', claim, '-n', ns, '-o', 'jsonpath={.spec.volumeName}']);
const localPath = (pv: string): string =>
  kubectl(['get', 'pv', pv, '-o', 'jsonpath={.spec.local.path}']);

/** Opens the wizard and waits until it has derived its step from the cluster. */
const openWizard = async (page: Page, query: string) => {
  await page.goto(`/vm-disks/move-disk?${query}`);
  await waitForHost(page);
  await expect(page.locator('[data-test="move-disk"]')).not.toHaveAttribute(
    'data-current-step',
    '',
  );
};

/** The wizard's step buttons (nav) and footer. */
const stepNav = (page: Page, step: string) => page.locator('nav').locator(`button#md-step-${step}`);
const next = (page: Page) => page.getByRole('button', { name: 'Next', exact: true });
const nextBlocked = (page: Page) => page.locator('[data-test="md-next-blocked"]');

const refusal = (page: Page, kind: string) =>
  page.locator(`[data-test="move-refusal"][data-refusal="${kind}"]`);

test.describe.serial('Move disk to another node', () => {
  test('refuses with reasons: VM running, same node, smaller target, bound target, shared disk', async ({
    page,
    consoleProblems,
  }) => {
    await openWizard(page, `ns=${NS}&vm=${VM}`);
    await expect(page.locator('[data-test="move-disk"]')).toHaveAttribute(
      'data-current-step',
      'disk',
    );
    await expect(page.locator('[data-test="md-disk-node"]')).toHaveText('worker-0');
    // VM still running: explained, and the clone step stays locked.
    const running = page.locator('[data-test="md-vm-running"]');
    await expect(running).toBeVisible();
    await expect(running).toContainText('CloneSourceInUse');
    await expect(stepNav(page, 'clone')).toBeDisabled();
    await expect(stepNav(page, 'rewire')).toBeDisabled();

    // On to the target (from the keyboard): Next stays disabled there, saying the VM must stop first.
    await next(page).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-test="md-step-target"]')).toBeVisible();
    await expect(nextBlocked(page)).toHaveAttribute('data-block', 'vm-running');
    await expect(next(page)).toBeDisabled();

    // Same node as the source.
    await page.locator('[data-test="md-node"]').selectOption('worker-0');
    await expect(refusal(page, 'same-node')).toContainText('already on worker-0');

    // A 5Gi PV for a 10Gi disk.
    await page.locator('[data-test="md-node"]').selectOption('worker-1');
    const pvs = page.locator('[data-test="md-pvs"]');
    await pvs.locator('[data-test-row="local-pv-a80f1d27"] input[type="radio"]').click();
    await expect(refusal(page, 'target-smaller')).toContainText('smaller than the source');

    // A PV already bound to another claim.
    kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'e2e-holds-pv', namespace: 'default' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'local',
          volumeName: 'local-pv-9e3b6f48',
          resources: { requests: { storage: '10Gi' } },
        },
      }),
    );
    await expect
      .poll(() =>
        kubectl(['get', 'pv', 'local-pv-9e3b6f48', '-o', 'jsonpath={.spec.claimRef.name}']),
      )
      .toBe('e2e-holds-pv');
    await pvs.locator('[data-test-row="local-pv-9e3b6f48"] input[type="radio"]').click();
    await expect(refusal(page, 'target-bound')).toContainText('default/e2e-holds-pv');
    await expect(page.locator('[data-test="md-start-clone"]')).toBeDisabled();

    // The disk shared by a second VM.
    kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'e2e-second-user', namespace: NS },
        spec: {
          running: false,
          template: {
            spec: {
              domain: { devices: { disks: [{ name: 'shared', disk: { bus: 'virtio' } }] } },
              volumes: [{ name: 'shared', dataVolume: { name: SOURCE_CLAIM } }],
            },
          },
        },
      }),
    );
    // A shared disk locks the target step: the wizard goes back to the disk, saying why Next is unavailable.
    await expect(refusal(page, 'shared-disk')).toContainText(`${NS}/e2e-second-user`);
    await expect(page.locator('[data-test="md-step-disk"]')).toBeVisible();
    await expect(nextBlocked(page)).toHaveAttribute('data-block', 'shared-disk');
    await expect(stepNav(page, 'target')).toBeDisabled();
    kubectl(['delete', 'vm', 'e2e-second-user', '-n', NS, '--wait=true']);
    kubectl(['delete', 'pvc', 'e2e-holds-pv', '-n', 'default', '--wait=false']);
    await expect(refusal(page, 'shared-disk')).toHaveCount(0);
    expect(consoleProblems.messages).toEqual([]);
  });

  test('opens from the action menu of a PVC and of a DataVolume, finding the VM that uses the disk', async ({
    page,
    consoleProblems,
  }) => {
    for (const [list, action] of [
      ['persistentvolumeclaims', 'vm-disks-move-pvc'],
      ['cdi.kubevirt.io~v1beta1~DataVolume', 'vm-disks-move-datavolume'],
    ] as const) {
      await page.goto(`/k8s/ns/${NS}/${list}`);
      await waitForHost(page);
      await page.locator(`[data-test-row="${SOURCE_CLAIM}"] [data-test="kebab-button"]`).click();
      await page.locator(`[data-test-action="${action}"]`).click();
      await expect(page).toHaveURL(
        new RegExp(`/vm-disks/move-disk\\?ns=${NS}&claim=${SOURCE_CLAIM}$`),
      );
      await expect(page.locator('[data-test="md-vm"]')).toHaveValue(VM);
      await expect(page.locator('[data-test="md-disk-node"]')).toHaveText('worker-0');
    }
    expect(consoleProblems.messages).toEqual([]);
  });

  test('moves the running VM disk from worker-0 to worker-1 and starts the VM there', async ({
    page,
    consoleProblems,
  }) => {
    test.setTimeout(240_000);
    // The VM as the console's VM wizard writes it: runStrategy instead of running, its disk from a
    // dataVolumeTemplates entry (the DataVolume exists, so KubeVirt creates nothing).
    const seeded = getVm(VM);
    const { running: _running, ...specWithoutRunning } = seeded.spec;
    expect(_running).toBe(true);
    kubectl(
      ['replace', '-f', '-'],
      JSON.stringify({
        ...seeded,
        spec: {
          ...specWithoutRunning,
          runStrategy: 'Always',
          dataVolumeTemplates: [
            {
              metadata: { name: SOURCE_CLAIM },
              spec: {
                source: { blank: {} },
                storage: {
                  storageClassName: 'local',
                  resources: { requests: { storage: '10Gi' } },
                },
              },
            },
          ],
        },
      }),
    );
    expect(getVm(VM).spec.runStrategy).toBe('Always');
    const templatesAtStart = getVm(VM).spec.dataVolumeTemplates ?? [];
    expect(templatesAtStart.map((d) => d.metadata.name)).toEqual([SOURCE_CLAIM]);
    const sourcePV = pvOfClaim(NS, SOURCE_CLAIM);
    const sourceImage = diskImage('worker-0', localPath(sourcePV));
    // What the guest wrote: random blocks at the start, the middle and the end of the disk.
    const size = statSync(sourceImage).size;
    const fd = openSync(sourceImage, 'r+');
    for (const offset of [0, Math.floor(size / 2), size - 65536])
      writeSync(fd, randomBytes(65536), 0, 65536, offset);
    closeSync(fd);

    // From the VirtualMachine's action menu.
    await page.goto(`/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine`);
    await waitForHost(page);
    await page.locator(`[data-test-row="${VM}"] [data-test="kebab-button"]`).click();
    await page.locator('[data-test-action="vm-disks-move-vm-disk"]').click();
    await expect(page).toHaveURL(/\/vm-disks\/move-disk\?ns=vm-images&vm=rhel8-vm$/);
    await expect(page.locator('[data-test="md-disk-node"]')).toHaveText('worker-0');

    // Stop the VM, confirmed, and wait for it.
    await page.locator('[data-test="md-stop-vm"]').click();
    await page.locator('[data-test="md-stop-vm-modal"] [data-test="confirm"]').click();
    await expect(page.locator('[data-test="md-vm-stopped"]')).toBeVisible({ timeout: 60_000 });
    // Stopped through runStrategy, never with spec.running next to it.
    expect(getVm(VM).spec).toMatchObject({ runStrategy: 'Halted' });
    expect(getVm(VM).spec).not.toHaveProperty('running');
    await expect(page.locator('[data-test="md-permission-ok"]')).toBeVisible();
    await expect(nextBlocked(page)).toHaveCount(0);
    await next(page).click();

    // Target node and an Available 10Gi PV there.
    await page.locator('[data-test="md-node"]').selectOption('worker-1');
    await page
      .locator('[data-test="md-pvs"] [data-test-row="local-pv-5d7c2a10"] input[type="radio"]')
      .click();
    await expect(page.locator('[data-test="move-refusal"]')).toHaveCount(0);
    await expect(page.locator('[data-test="md-dv-yaml"]')).toContainText(
      'vm-disks.kubevirt.io/clone-target',
    );
    const clone = 'rhel8-vm-rootdisk-worker-1';
    // A name that exists is caught while typing, with a free one offered.
    const dvName = page.locator('[data-test="md-dv-name"]');
    await dvName.fill(SOURCE_CLAIM);
    await expect(page.locator('[data-test="md-dv-name-error"]')).toContainText('already exists');
    await expect(page.locator('[data-test="md-start-clone"]')).toBeDisabled();
    await page.locator('[data-test="md-dv-name-suggestion"]').click();
    await expect(dvName).toHaveValue(`${SOURCE_CLAIM}-2`);
    await expect(page.locator('[data-test="md-dv-name-error"]')).toHaveCount(0);
    await dvName.fill(clone);
    await expect(page.locator('[data-test="md-dv-yaml"]')).toContainText(
      'vm-disks.openshift.io/move-source-vm: rhel8-vm',
    );
    await expect(nextBlocked(page)).toHaveAttribute('data-block', 'start-clone');
    await page.locator('[data-test="md-start-clone"]').click();
    await expect(page).toHaveURL(new RegExp(`dv=${clone}`));
    // The clone exists: the wizard moves on to it (or past it, when the sandbox's clone finished at once) and the
    // steps before it are locked.
    await expect(
      page.locator('[data-test="md-step-clone"], [data-test="md-step-rewire"]'),
    ).toBeVisible();
    await expect(stepNav(page, 'disk')).toBeDisabled();
    await expect(stepNav(page, 'target')).toBeDisabled();

    // Leave during the clone and come back through the VM's action menu link: the wizard finds the clone
    // on the cluster and follows it instead of offering a second one.
    const moveClones = () =>
      kubectl([
        'get',
        'dv',
        '-n',
        NS,
        '-l',
        `vm-disks.openshift.io/move-source-vm=${VM},vm-disks.openshift.io/move-source-volume=rootdisk`,
        '-o',
        'name',
      ])
        .trim()
        .split('\n')
        .filter(Boolean);
    await page.goto('/vm-disks/overview');
    await waitForHost(page);
    await openWizard(page, `ns=${NS}&vm=${VM}`);
    await expect(page).toHaveURL(new RegExp(`dv=${clone}`));
    // Opened at the clone (or, when it finished meanwhile, at the re-wire), never at the target again.
    await expect(page.locator('[data-test="move-disk"]')).toHaveAttribute(
      'data-current-step',
      /^(clone|rewire)$/,
    );
    await expect(stepNav(page, 'target')).toBeDisabled();
    await expect(page.locator('[data-test="md-start-clone"]')).toHaveCount(0);
    await stepNav(page, 'clone').click();
    const progress = page.locator('[data-test="md-clone-progress"]');
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute('data-phase', 'Succeeded', { timeout: 120_000 });
    await expect(page.locator('[data-test="md-clone-node"]')).toHaveText('worker-1');

    // Leave after the clone, come back: the re-wire step is reached again, and the restart is remembered.
    await page.goto('/vm-disks/overview');
    await waitForHost(page);
    await openWizard(page, `ns=${NS}&vm=${VM}`);
    await expect(page).toHaveURL(new RegExp(`dv=${clone}.*restart=1`));
    await expect(page.locator('[data-test="move-disk"]')).toHaveAttribute(
      'data-current-step',
      'rewire',
    );
    await expect(page.locator('[data-test="md-rewire"]')).toBeVisible();
    await expect(nextBlocked(page)).toHaveAttribute('data-block', 'rewire-first');
    expect(moveClones()).toEqual([`datavolume.cdi.kubevirt.io/${clone}`]);
    const label = kubectl([
      'get',
      'pv',
      'local-pv-5d7c2a10',
      '-o',
      'jsonpath={.metadata.labels.vm-disks\\.kubevirt\\.io/clone-target}',
    ]);
    expect(label).not.toBe('');
    expect(pvOfClaim(NS, clone)).toBe('local-pv-5d7c2a10');

    // Re-wire the VM, confirmed.
    await page.locator('[data-test="md-rewire"]').click();
    await expect(page.locator('[data-test="md-rewire-template"]')).toContainText(SOURCE_CLAIM);
    await page.locator('[data-test="md-rewire-modal"] [data-test="confirm"]').click();
    await expect(page.locator('[data-test="md-rewired"]')).toBeVisible();
    const vm = getVm(VM);
    expect(vm.spec.template.spec.volumes.find((v) => v.name === 'rootdisk')?.dataVolume?.name).toBe(
      clone,
    );
    // The template entry followed: gone, and the old DataVolume with its data is still there.
    expect((vm.spec.dataVolumeTemplates ?? []).map((d) => d.metadata.name)).not.toContain(
      SOURCE_CLAIM,
    );
    expect(kubectl(['get', 'dv', SOURCE_CLAIM, '-n', NS, '-o', 'name'])).toContain(SOURCE_CLAIM);
    // The VM as it is now passes KubeVirt's admission (server-side dry run of an unchanged replace).
    kubectl(['replace', '--dry-run=server', '-f', '-'], JSON.stringify(vm));
    // …and the rule is enforced: keeping the old entry next to the re-wired volume would be refused.
    const withOldEntry = {
      ...vm,
      spec: {
        ...vm.spec,
        dataVolumeTemplates: [...(vm.spec.dataVolumeTemplates ?? []), ...templatesAtStart],
      },
    };
    expect(() =>
      kubectl(['replace', '--dry-run=server', '-f', '-'], JSON.stringify(withOldEntry)),
    ).toThrow(/must be referenced/);

    // The bytes are the same (compared before the source is deleted, which wipes its PV, and before the VM runs again).
    const targetImage = diskImage('worker-1', localPath('local-pv-5d7c2a10'));
    expect(statSync(targetImage).size).toBeGreaterThanOrEqual(size);
    // qemu-img compare: identical over the source's size, anything beyond it zero (exit 0), using block status so
    // the sparse 10Gi images compare in well under a second.
    const compared = execFileSync(
      'qemu-img',
      ['compare', '-f', 'raw', '-F', 'raw', sourceImage, targetImage],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(compared).toContain('Images are identical.');

    // Delete the source, confirmed.
    await page.locator('[data-test="md-delete-source"]').click();
    await page.locator('[data-test="md-delete-source-modal"] [data-test="confirm"]').click();
    await expect(page.locator('[data-test="md-source-deleted"]')).toBeVisible({ timeout: 30_000 });

    // Start it again: it runs on worker-1.
    await page.locator('[data-test="md-start-vm"]').click();
    await expect(page.locator('[data-test="md-vm-started"]')).toHaveAttribute(
      'data-node',
      'worker-1',
      {
        timeout: 60_000,
      },
    );
    await expect
      .poll(
        () =>
          kubectl([
            'get',
            'vmi',
            VM,
            '-n',
            NS,
            '-o',
            'jsonpath={.status.phase}/{.status.nodeName}',
          ]),
        {
          timeout: 60_000,
        },
      )
      .toBe('Running/worker-1');
    // The last step sums the move up.
    await next(page).click();
    const done = page.locator('[data-test="md-done"]');
    await expect(done).toContainText('The disk now lives on worker-1');
    await expect(done.getByRole('link', { name: clone })).toBeVisible();
    // One clone in all, and the finished move is not resumed again.
    expect(moveClones()).toEqual([`datavolume.cdi.kubevirt.io/${clone}`]);
    expect(consoleProblems.messages).toEqual([]);
  });

  test('lists leftover clones of every namespace and deletes one after confirmation', async ({
    page,
  }) => {
    // In another namespace than the wizard's: found by its labels over all namespaces (admin may list them).
    const leftover = 'e2e-leftover-clone';
    const leftoverNs = 'default';
    kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        metadata: {
          name: leftover,
          namespace: leftoverNs,
          labels: {
            'vm-disks.openshift.io/move-source-namespace': NS,
            'vm-disks.openshift.io/move-source-vm': 'gone-vm',
            'vm-disks.openshift.io/move-source-volume': 'rootdisk',
          },
          annotations: { 'vm-disks.kubevirt.io/moved-from': `${NS}/gone-disk` },
        },
        spec: {
          source: { blank: {} },
          pvc: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '1Mi' } },
          },
        },
      }),
    );
    await openWizard(page, `ns=${NS}`);
    const row = page.locator(`[data-test="md-leftovers"] [data-test-row="${leftover}"]`);
    await expect(row).toContainText('rootdisk of gone-vm (claim gone-disk)');
    await expect(row).toHaveAttribute('data-namespace', leftoverNs);
    await expect(page.locator('[data-test="md-leftovers-scope"]')).toHaveCount(0);
    // The clone the VM now reads is not a leftover.
    await expect(
      page.locator('[data-test="md-leftovers"] [data-test-row="rhel8-vm-rootdisk-worker-1"]'),
    ).toHaveCount(0);
    await row.locator(`[data-test="md-leftover-delete-${leftover}"]`).click();
    await page
      .locator(`[data-test="md-leftover-delete-${leftover}-modal"] [data-test="confirm"]`)
      .click();
    await expect(row).toHaveCount(0, { timeout: 60_000 });
    expect(
      kubectl(['get', 'dv', leftover, '-n', leftoverNs, '--ignore-not-found', '-o', 'name']),
    ).toBe('');
  });

  test('asks a developer without clone rights for the RBAC a cluster admin must create', async ({
    page,
  }) => {
    await loginAs(page, 'developer');
    try {
      await openWizard(page, `ns=default&claim=anything&targetNs=${NS}`);
      // Next names what is missing first: the claim does not exist.
      await expect(nextBlocked(page)).toHaveAttribute('data-block', 'claim-missing');
      await expect(next(page)).toBeDisabled();
      const missing = page.locator('[data-test="md-permission-missing"]');
      await expect(missing).toContainText('You may not clone from default');
      const rbac = missing.locator('[data-test="md-rbac"]');
      await expect(rbac).toContainText('datavolumes/source');
      await expect(rbac).toContainText('kind: RoleBinding');
      await expect(rbac).toContainText('name: developer');
      // Leftover clones: the developer may not list DataVolumes in all namespaces, so only the clone's
      // namespace was searched, and the page says so.
      await expect(page.locator('[data-test="md-leftovers-scope"]')).toContainText(
        `Only ${NS} was searched`,
      );
    } finally {
      await loginAs(page, 'admin');
    }
  });
});
