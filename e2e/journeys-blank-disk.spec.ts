/**
 * A blank disk on a class that waits for its first consumer (issue 15 item 1): the result names the reason read
 * from the DataVolume (CDI v1.66 with populators: PendingPopulation, kubevirt/containerized-data-importer
 * pkg/controller/datavolume/controller-base.go) and offers force-binding behind the user's consent (annotation
 * cdi.kubevirt.io/storage.bind.immediate.requested, pkg/controller/common/util.go AnnImmediateBinding); once
 * force-bound the disk is created and the reason goes away. The result survives a reload and Back (it is in the URL).
 */
import { kubectl } from './support/cluster';
import { BlankDiskPage } from './pages/blank-disk-page';
import { expect, test, waitForHost } from './support/fixtures';

test('a blank disk that waits for its first consumer says so and can be force-bound with consent', async ({
  page,
  consoleProblems,
}) => {
  const name = 'e2e-wffc-blank';
  const blank = await new BlankDiskPage(page).open();
  await blank.fill({ namespace: 'vm-images', name, size: '1Gi' });
  // The default class `local` binds on first consumer; no VM is chosen.
  await blank.create.click();
  const { result, volumeWait } = blank;
  const wait = volumeWait.root;
  await expect(result).toContainText(`Blank disk ${name} created`);
  await expect(wait).toHaveAttribute(
    'data-cause',
    /^(pending-population|wait-for-first-consumer)$/,
  );
  await expect(wait).toContainText(`${name} waits for its first consumer`);
  await expect(volumeWait.forceBindAdvice).toBeVisible();
  // Reload, then leave the page and come back with Back: the result and its reason are still there.
  await page.reload();
  await waitForHost(page);
  await expect(wait).toContainText(`${name} waits for its first consumer`);
  await page.locator('[data-test="vm-disks-nav-overview"]').click();
  await expect(page.getByRole('heading', { level: 1, name: 'VM Disks overview' })).toBeVisible();
  await page.goBack();
  await expect(result).toContainText(`Blank disk ${name} created`);
  await expect(wait).toHaveAttribute(
    'data-cause',
    /^(pending-population|wait-for-first-consumer)$/,
  );
  await expect(volumeWait.forceBind).toBeDisabled();
  await volumeWait.forceBindWithConsent();
  await expect
    .poll(() => kubectl(['get', 'dv', '-n', 'vm-images', name, '-o', 'jsonpath={.status.phase}']), {
      timeout: 120_000,
    })
    .toBe('Succeeded');
  await expect(wait).toHaveCount(0);
  kubectl(['delete', 'dv', '-n', 'vm-images', name, '--wait=false']);
  expect(consoleProblems.messages).toEqual([]);
});
