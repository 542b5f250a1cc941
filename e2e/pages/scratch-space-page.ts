// Page object of the scratch space page: who owns the setting, the effective and configured classes, the class
// picker with its warning and fallback, saving and its convergence, and the reverts of a value set elsewhere.
import type { Locator, Page } from '@playwright/test';
import { waitForHost } from '../support/fixtures';

export const SCRATCH_SPACE_PATH = '/vm-disks/scratch-space';

export class ScratchSpacePage {
  readonly owner: Locator;
  readonly effectiveClass: Locator;
  readonly configuredClass: Locator;
  readonly emptyStatus: Locator;
  /** The steps of how CDI resolves the scratch class (`data-step`). */
  readonly resolutionSteps: Locator;
  readonly classSelect: Locator;
  readonly classWarning: Locator;
  readonly fallback: Locator;
  readonly save: Locator;
  readonly convergence: Locator;
  readonly convergenceSteps: Locator;
  readonly reverts: Locator;

  constructor(private readonly page: Page) {
    this.owner = page.locator('[data-test="scratch-owner"]');
    this.effectiveClass = page.locator('[data-test="effective-scratch-class"]');
    this.configuredClass = page.locator('[data-test="configured-scratch-class"]');
    this.emptyStatus = page.locator('[data-test="scratch-empty-status"]');
    this.resolutionSteps = page.locator('[data-test="scratch-resolution"] li');
    this.classSelect = page.locator('[data-test="scratch-class-select"]');
    this.classWarning = page.locator('[data-test="scratch-class-warning"]');
    this.fallback = page.locator('[data-test="scratch-fallback"]');
    this.save = page.locator('[data-test="scratch-save"]');
    this.convergence = page.locator('[data-test="scratch-convergence"]');
    this.convergenceSteps = this.convergence.locator('[data-test="convergence-step"]');
    this.reverts = page.locator('[data-test="scratch-reverts"] [data-test="scratch-revert"]');
  }

  async open(): Promise<this> {
    await this.page.goto(SCRATCH_SPACE_PATH);
    await waitForHost(this.page);
    return this;
  }

  /** Opens the page from the VM Disks navigation. */
  async openFromNav(): Promise<this> {
    await this.page.goto('/');
    await waitForHost(this.page);
    await this.page.locator('[data-test="vm-disks-nav-scratch-space"]').click();
    return this;
  }

  async chooseClass(storageClass: string): Promise<void> {
    await this.classSelect.selectOption(storageClass);
  }
}
