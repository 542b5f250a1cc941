// Local PersistentVolumes through the form (seed 6.12.3.4 block PV with its loop device commands, 6.12.4.1
// filesystem PV on a node) and the "Local storage by node" page, on the e2e sandbox.
import { kubectl } from './support/cluster';
import { expect, test, waitForHost } from './support/fixtures';

interface Pv {
  metadata: { name: string; labels?: Record<string, string> };
  spec: {
    volumeMode: string;
    local: { path: string };
    capacity: { storage: string };
    storageClassName?: string;
    persistentVolumeReclaimPolicy: string;
    nodeAffinity: {
      required: { nodeSelectorTerms: { matchExpressions: { key: string; values: string[] }[] }[] };
    };
  };
}
const getPv = (name: string): Pv => JSON.parse(kubectl(['get', 'pv', name, '-o', 'json'])) as Pv;
const affinityHost = (pv: Pv) =>
  pv.spec.nodeAffinity.required.nodeSelectorTerms[0]?.matchExpressions[0]?.values;

test.describe('Local volumes', () => {
  test('lists PVs by node with the VMs using them', async ({ page, consoleProblems }) => {
    await page.goto('/');
    await waitForHost(page);
    await page.locator('[data-test="vm-disks-nav-local-volumes"]').click();
    await expect(page).toHaveURL(/\/vm-disks\/local-volumes$/);
    const worker0 = page.locator('[data-test="lv-node-group"][data-node="worker-0"]');
    const seedPv = kubectl([
      'get',
      'pvc',
      'rhel8-vm-rootdisk',
      '-n',
      'vm-images',
      '-o',
      'jsonpath={.spec.volumeName}',
    ]);
    const row = worker0.locator(`[data-test-row="${seedPv}"]`);
    await expect(row).toContainText('Bound');
    await expect(row).toContainText('rhel8-vm-rootdisk');
    await expect(row.locator('[data-test="lv-vms"]')).toContainText('rhel8-vm');
    await expect(
      page.locator('[data-test="lv-node-group"][data-node="worker-2"] [data-test-row]'),
    ).toHaveCount(3);
    expect(consoleProblems.messages).toEqual([]);
  });

  test('creates a loop-backed block PV on worker-2 and prints the node commands', async ({
    page,
    consoleProblems,
  }) => {
    await page.goto('/vm-disks/local-volumes');
    await waitForHost(page);
    await page.locator('[data-test="lv-create-link"]').click();
    await expect(page).toHaveURL(/\/vm-disks\/local-volumes\/create$/);
    const form = page.locator('[data-test="local-volume-form"]');
    await form.locator('[data-test="lv-node"]').selectOption('worker-2');
    await form.locator('[data-test="lv-mode-block"]').check();
    // A relative path is refused.
    await form.locator('[data-test="lv-path"]').fill('dev/loop10');
    await expect(form).toContainText('The path must be absolute');
    await form.locator('[data-test="lv-path"]').fill('/dev/loop10');
    await form.locator('[data-test="lv-capacity"]').fill('2GB');
    await expect(form).toContainText('Not a valid quantity');
    await form.locator('[data-test="lv-capacity"]').fill('2Gi');
    await form.locator('[data-test="lv-name"]').fill('e2e-block-pv');
    const commands = form.locator('[data-test="lv-commands"]');
    // A backing file that is not a safe absolute path gets an error, not silently no commands.
    const backing = form.locator('[data-test="lv-backing-file"]');
    for (const [bad, message] of [
      ['../x.img', 'The path must be absolute'],
      ['x.img; rm -rf /', 'The path must not contain spaces'],
    ]) {
      await backing.fill(bad);
      await expect(form).toContainText(message);
      await expect(commands).toHaveCount(0);
    }
    await backing.fill('/var/local-storage/loop10.img');
    await expect(commands).toContainText('Run as root on worker-2');
    const lines = form.locator('[data-test="lv-command"] input');
    await expect(lines.nth(0)).toHaveValue(
      'dd if=/dev/zero of=/var/local-storage/loop10.img bs=1G count=2',
    );
    await expect(lines.nth(1)).toHaveValue('losetup /dev/loop10 /var/local-storage/loop10.img');
    await expect(form.locator('[data-test="lv-yaml"]')).toContainText('volumeMode: Block');
    await form.locator('[data-test="lv-create"]').click();
    await expect(page).toHaveURL(/\/vm-disks\/local-volumes$/);
    await expect(
      page.locator(
        '[data-test="lv-node-group"][data-node="worker-2"] [data-test-row="e2e-block-pv"]',
      ),
    ).toContainText('Available');
    const pv = getPv('e2e-block-pv');
    expect(pv.spec.volumeMode).toBe('Block');
    expect(pv.spec.local.path).toBe('/dev/loop10');
    expect(pv.spec.capacity.storage).toBe('2Gi');
    expect(pv.spec.storageClassName).toBe('local');
    expect(affinityHost(pv)).toEqual(['worker-2']);
    expect(consoleProblems.messages).toEqual([]);
    // An Available Block PV of class `local` left behind would compete with the one a later spec makes
    // for its Block upload (the scheduler may pick either node): leave the shared sandbox as found.
    kubectl(['delete', 'pv', 'e2e-block-pv', '--wait=true']);
  });

  test('creates a filesystem PV on worker-1 with labels, refusing a path already used there', async ({
    page,
    consoleProblems,
  }) => {
    await page.goto('/vm-disks/local-volumes/create?node=worker-1');
    await waitForHost(page);
    const form = page.locator('[data-test="local-volume-form"]');
    await form.locator('[data-test="lv-mode-filesystem"]').check();
    await form.locator('[data-test="lv-path"]').fill('/mnt/local-storage/local/disk1');
    await expect(form).toContainText('already uses this path on this node');
    await form.locator('[data-test="lv-create"]').click();
    await expect(form.locator('[data-test="lv-invalid"]')).toBeVisible();
    await form.locator('[data-test="lv-path"]').fill('/mnt/local-storage/extra/disk4');
    await form.locator('[data-test="lv-capacity"]').fill('20Gi');
    await form.locator('[data-test="lv-name"]').fill('e2e-fs-pv');
    await form.locator('[data-test="lv-reclaim"]').selectOption('Retain');
    await form.locator('[data-test="lv-labels"]').fill('node=worker-1, tier=fast');
    await expect(form.locator('[data-test="lv-commands"]')).toHaveCount(0);
    await form.locator('[data-test="lv-create"]').click();
    await expect(page).toHaveURL(/\/vm-disks\/local-volumes$/);
    await expect(
      page.locator('[data-test="lv-node-group"][data-node="worker-1"] [data-test-row="e2e-fs-pv"]'),
    ).toBeVisible();
    const pv = getPv('e2e-fs-pv');
    expect(pv.spec.volumeMode).toBe('Filesystem');
    expect(pv.spec.local.path).toBe('/mnt/local-storage/extra/disk4');
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(pv.metadata.labels).toEqual({ node: 'worker-1', tier: 'fast' });
    expect(affinityHost(pv)).toEqual(['worker-1']);
    expect(consoleProblems.messages).toEqual([]);
  });

  test('the move-disk wizard creates a target PV in place and comes back with it selected', async ({
    page,
    consoleProblems,
  }) => {
    await page.goto('/vm-disks/move-disk?ns=vm-images&vm=rhel8-vm&node=worker-2');
    await waitForHost(page);
    await page.locator('[data-test="md-create-pv"]').click();
    await expect(page).toHaveURL(/\/vm-disks\/local-volumes\/create\?/);
    const form = page.locator('[data-test="local-volume-form"]');
    await expect(form.locator('[data-test="lv-node"]')).toHaveValue('worker-2');
    await expect(form.locator('[data-test="lv-node"]')).toBeDisabled();
    await expect(form.locator('[data-test="lv-capacity"]')).toHaveValue('10Gi');
    await expect(form.locator('[data-test="lv-mode-filesystem"]')).toBeChecked();
    await form.locator('[data-test="lv-path"]').fill('/mnt/local-storage/moved/disk1');
    await form.locator('[data-test="lv-name"]').fill('e2e-in-place-pv');
    await form.locator('[data-test="lv-create"]').click();
    await expect(page).toHaveURL(/\/vm-disks\/move-disk\?.*node=worker-2.*pv=e2e-in-place-pv/);
    await expect(
      page.locator('[data-test="md-pvs"] [data-test-row="e2e-in-place-pv"] input[type="radio"]'),
    ).toBeChecked();
    await expect(
      page.locator('[data-test="md-pvs"] [data-test-row="e2e-in-place-pv"]'),
    ).toHaveAttribute('data-usable', 'yes');
    expect(consoleProblems.messages).toEqual([]);
  });
});
