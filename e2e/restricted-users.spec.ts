// Restricted users (issue 15 item 5): before any form is filled, each page asks SelfSubjectAccessReview what the
// user may do, says what they may not ("You can view but not change …", each missing permission named) and
// disables the action; facts the user may not read are shown as unknown, never concluded from a refused list.
// The sandbox's users: `viewer` reads everything and writes nothing (cluster-reader), `developer` is admin of
// vm-images and reads only nodes, namespaces and storage classes outside it (src/sandbox/auth/seed.ts).
import type { Page } from '@playwright/test';
import { expect, loginAs, test, waitForHost } from './support/fixtures';

const NS = 'vm-images';

/** Opens a page with `namespace` as the active project (the host keeps the last chosen one). */
const open = async (page: Page, path: string) => {
  await page.goto(path);
  await waitForHost(page);
};

const notice = (page: Page) => page.locator('[data-test="access-notice"]');

test.describe('Restricted users', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript((ns) => {
      localStorage.setItem('vm-disks-host.namespace', ns);
    }, NS);
  });
  test.afterEach(async ({ page }) => {
    await loginAs(page, 'admin');
  });

  test('a viewer is told on every form page what they may not change, with the actions disabled', async ({
    page,
    consoleProblems,
  }) => {
    await loginAs(page, 'viewer');

    await open(page, '/vm-disks/blank-disk');
    await expect(notice(page)).toContainText('You can view but not change blank disks');
    await expect(notice(page)).toContainText(
      `You may not create datavolumes.cdi.kubevirt.io in namespace ${NS}.`,
    );
    // Filling the form never leads to a raw 403: the action stays disabled.
    await page.locator('[data-test="bd-name"]').fill('viewer-disk');
    await expect(page.locator('[data-test="bd-create"]')).toBeDisabled();
    await expect(page.locator('[data-test="bd-error"]')).toHaveCount(0);

    await open(page, '/vm-disks/local-volumes/create');
    await expect(notice(page)).toContainText(
      'You may not create persistentvolumes at the cluster scope.',
    );
    await expect(page.locator('[data-test="lv-create"]')).toBeDisabled();

    await open(page, '/vm-disks/scratch-space');
    await expect(notice(page)).toContainText(
      'You may not patch hyperconvergeds.hco.kubevirt.io kubevirt-hyperconverged in namespace openshift-cnv.',
    );
    // A viewer may read the owner: the facts are shown as they are.
    await expect(page.locator('[data-test="scratch-owner"]')).toHaveAttribute(
      'data-owner-kind',
      'HyperConverged',
    );
    await expect(page.locator('[data-test="scratch-save"]')).toBeDisabled();

    await open(page, '/vm-disks/storage-defaults');
    await expect(notice(page)).toContainText('You can view but not change the storage defaults');
    // On `current` there is no storage-defaults ConfigMap: the defaults are the StorageProfiles.
    await expect(notice(page)).toContainText(
      'You may not update storageprofiles.cdi.kubevirt.io at the cluster scope',
    );
    await expect(page.locator('[data-test="edit-profile"]').first()).toBeDisabled();

    await open(page, '/vm-disks/hpp-setup');
    await expect(notice(page)).toContainText(
      'You may not create hostpathprovisioners.hostpathprovisioner.kubevirt.io at the cluster scope.',
    );

    await open(page, `/vm-disks/move-disk?ns=${NS}&vm=rhel8-vm`);
    await expect(notice(page)).toContainText(
      `You may not patch virtualmachines.kubevirt.io in namespace ${NS}.`,
    );

    await open(page, '/vm-disks/uploads');
    await expect(notice(page)).toContainText(
      `You may not create uploadtokenrequests.upload.cdi.kubevirt.io in namespace ${NS}.`,
    );
    expect(consoleProblems.messages.filter((m) => !/403|Forbidden/i.test(m))).toEqual([]);
  });

  test('a developer sees "unknown" where a read is refused, never a fact made up from it', async ({
    page,
    consoleProblems,
  }) => {
    await loginAs(page, 'developer');

    // PersistentVolumes are unreadable: whether the disk is pinned to a node is unknown.
    await open(page, `/vm-disks/move-disk?ns=${NS}&vm=rhel8-vm`);
    await expect(page.locator('[data-test="md-disk-node"]')).toHaveText(
      'Unknown: you may not read persistentvolumes',
    );

    // HyperConverged is unreadable: the owner (and so the configured value) is unknown. CDIConfig stays readable
    // (CDI's operator grants every authenticated user the `cdi.kubevirt.io:config-reader` role,
    // kubevirt/containerized-data-importer pkg/operator/resources/cluster/rbac.go; src/sandbox/world/seed/platform.ts),
    // so the effective class is a fact and is shown.
    await open(page, '/vm-disks/scratch-space');
    await expect(page.locator('[data-test="scratch-owner"]')).toHaveAttribute(
      'data-owner-kind',
      'unknown',
    );
    await expect(page.locator('[data-test="scratch-owner"]')).toHaveText(
      'Unknown: you may not read hyperconvergeds.hco.kubevirt.io',
    );
    await expect(page.locator('[data-test="effective-scratch-class"]')).toHaveText(
      "None: each scratch PVC uses its DataVolume's class",
    );
    await expect(page.locator('[data-test="configured-scratch-class"]')).toHaveText('Unknown');
    await expect(page.locator('[data-test="scratch-owner-unreadable"]')).toBeVisible();
    await expect(page.getByText('Nothing owns CDIConfig')).toHaveCount(0);

    // The Overview's HostPathProvisioner section ends its loading with the refused read named.
    await open(page, '/vm-disks/overview');
    await expect(page.locator('[data-test="hpp-status"]')).toHaveAttribute('data-state', 'error');
    await expect(page.locator('[data-test="hpp-status-unknown"]')).toHaveText(
      'Unknown: you may not read hostpathprovisioners.hostpathprovisioner.kubevirt.io',
    );

    // Outside the developer's project the blank-disk form is read-only before anything is filled.
    await open(page, '/vm-disks/blank-disk');
    await page.locator('[data-test="bd-namespace"]').fill('default');
    await expect(notice(page)).toContainText(
      'You may not create datavolumes.cdi.kubevirt.io in namespace default.',
    );
    await expect(page.locator('[data-test="bd-create"]')).toBeDisabled();
    expect(consoleProblems.messages.filter((m) => !/403|Forbidden/i.test(m))).toEqual([]);
  });
});
