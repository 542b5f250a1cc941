// The notice of a disk whose claim waits (first consumer, pending population, no node with a fitting volume): the
// scheduler's reason, the advice and its actions. Shown by the blank disk result, the upload cards and the
// unfinished-uploads rows.
import type { Locator } from '@playwright/test';

export class VolumeWait {
  readonly detail: Locator;
  readonly forceBindAdvice: Locator;
  readonly forceBind: Locator;
  readonly consent: Locator;
  readonly createLocalVolume: Locator;

  constructor(readonly root: Locator) {
    this.detail = root.locator('[data-test="volume-wait-detail"]');
    this.forceBindAdvice = root.locator('[data-advice="force-bind"]');
    this.forceBind = root.locator('[data-test="volume-wait-force-bind"]');
    this.consent = root.locator('[data-test="volume-wait-force-bind-consent"]');
    this.createLocalVolume = root.locator('[data-test="volume-wait-create-local-volume"]');
  }

  async forceBindWithConsent(): Promise<void> {
    await this.consent.check();
    await this.forceBind.click();
  }
}
