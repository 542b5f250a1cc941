// Page object of the blank disk page: its form (namespace, name, size, modes, VM, disk name, YAML preview) and the
// result with its volume-wait notice (volume-wait.ts). It names what a user sees; the specs say what should happen.
import type { Locator, Page } from '@playwright/test';
import { waitForHost } from '../support/fixtures';
import { VolumeWait } from './volume-wait';

export const BLANK_DISK_PATH = '/vm-disks/blank-disk';

export class BlankDiskPage {
  readonly form: Locator;
  readonly namespace: Locator;
  readonly name: Locator;
  readonly size: Locator;
  readonly storageClass: Locator;
  readonly accessMode: Locator;
  readonly volumeMode: Locator;
  readonly vm: Locator;
  readonly diskName: Locator;
  readonly yaml: Locator;
  readonly create: Locator;
  readonly result: Locator;
  readonly attached: Locator;
  readonly volumeWait: VolumeWait;

  constructor(private readonly page: Page) {
    this.form = page.locator('[data-test="blank-disk-form"]');
    this.namespace = this.form.locator('[data-test="bd-namespace"]');
    this.name = this.form.locator('[data-test="bd-name"]');
    this.size = this.form.locator('[data-test="bd-size"]');
    this.storageClass = this.form.locator('[data-test="bd-class"]');
    this.accessMode = this.form.locator('[data-test="bd-access-mode"]');
    this.volumeMode = this.form.locator('[data-test="bd-volume-mode"]');
    this.vm = this.form.locator('[data-test="bd-vm"]');
    this.diskName = this.form.locator('[data-test="bd-disk-name"]');
    this.yaml = this.form.locator('[data-test="bd-yaml"]');
    this.create = this.form.locator('[data-test="bd-create"]');
    this.result = page.locator('[data-test="bd-result"]');
    this.attached = page.locator('[data-test="bd-attached"]');
    this.volumeWait = new VolumeWait(this.result.locator('[data-test="volume-wait"]'));
  }

  async open(): Promise<this> {
    await this.page.goto(BLANK_DISK_PATH);
    await waitForHost(this.page);
    return this;
  }

  /** Opens the page from the VM Disks navigation, as a user coming from the console does. */
  async openFromNav(): Promise<this> {
    await this.page.goto('/');
    await waitForHost(this.page);
    await this.page.locator('[data-test="vm-disks-nav-blank-disk"]').click();
    return this;
  }

  /** The option of the VM selector for one VM. */
  vmOption(vm: string): Locator {
    return this.vm.locator(`option[value="${vm}"]`);
  }

  async fill(fields: { namespace?: string; name?: string; size?: string }): Promise<void> {
    if (fields.namespace !== undefined) await this.namespace.fill(fields.namespace);
    if (fields.name !== undefined) await this.name.fill(fields.name);
    if (fields.size !== undefined) await this.size.fill(fields.size);
  }

  async chooseVm(vm: string): Promise<void> {
    await this.vm.selectOption(vm);
  }
}
