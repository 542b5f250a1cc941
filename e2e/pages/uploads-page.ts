// Page object of the Uploads page, shared by upload*.spec.ts and journeys-uploads.spec.ts: the file picker, one
// card per chosen file (target fields, checks, progress, outcome) and the unfinished uploads of earlier sessions.
// It names what a user sees and does; the specs say what should happen.
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, loginAs, waitForHost } from '../support/fixtures';
import { VolumeWait } from './volume-wait';

export const UPLOADS_PATH = '/vm-disks/uploads';

/** The card of one chosen file. */
export class UploadCard {
  readonly toggle: Locator;
  readonly summary: Locator;
  readonly namespace: Locator;
  readonly namespaceProblem: Locator;
  readonly namespaceOptions: Locator;
  readonly name: Locator;
  readonly size: Locator;
  readonly storageClass: Locator;
  readonly volumeMode: Locator;
  /** The "Existing upload DataVolume" selector and its force-bind consent. */
  readonly existing: Locator;
  readonly forceBindExisting: Locator;
  readonly textConfirm: Locator;
  readonly format: Locator;
  readonly problems: Locator;
  /** The equivalent `virtctl image-upload` command line. */
  readonly virtctl: Locator;
  readonly start: Locator;
  readonly progressBar: Locator;
  readonly checksum: Locator;
  /** The SHA-256 the backend computed of what it sent to CDI, shown once verified. */
  readonly sha256: Locator;
  readonly done: Locator;
  readonly failure: Locator;
  readonly retry: Locator;
  readonly remove: Locator;
  readonly volumeWait: VolumeWait;

  constructor(readonly root: Locator) {
    this.toggle = root.locator('[data-test="upload-item-toggle"]');
    this.summary = root.locator('[data-test="upload-item-summary"]');
    this.namespace = root.locator('[data-test="upload-namespace"]');
    this.namespaceProblem = root.locator('[data-test="upload-namespace-problem"]');
    this.namespaceOptions = root.locator('[data-test="upload-namespace-options"]');
    this.name = root.locator('[data-test="upload-name"]');
    this.size = root.locator('[data-test="upload-size"]');
    this.storageClass = root.locator('[data-test="upload-sc"]');
    this.volumeMode = root.locator('[data-test="upload-volume-mode"]');
    this.existing = root.locator('[data-test="upload-existing"]');
    this.forceBindExisting = root.locator('[data-test="upload-force-bind-existing"]');
    this.textConfirm = root.locator('[data-test="upload-text-confirm"]');
    this.format = root.locator('[data-test="upload-format"]');
    this.problems = root.locator('[data-test="upload-problems"]');
    this.virtctl = root.locator('[data-test="upload-virtctl"] input');
    this.start = root.locator('[data-test="upload-start"]');
    this.progressBar = root.locator('[data-test="upload-progress"] [role="progressbar"]');
    this.checksum = root.locator('[data-test="upload-checksum"]');
    this.sha256 = root.locator('[data-test="upload-sha256"]');
    this.done = root.getByText('Done', { exact: true });
    this.failure = root.locator('[data-test="upload-failure"]');
    this.retry = root.locator('[data-test="upload-retry"]');
    this.remove = root.locator('[data-test="upload-remove"]');
    this.volumeWait = new VolumeWait(root.locator('[data-test="volume-wait"]'));
  }

  /** Opens a compact card (more than three files) unless it is open already. */
  async expand(): Promise<void> {
    if ((await this.root.getAttribute('data-compact')) !== 'true') return;
    if ((await this.toggle.getAttribute('aria-expanded')) !== 'true') await this.toggle.click();
  }

  /** Chooses the namespace: typed, then picked from the list when the list is there. */
  async chooseNamespace(namespace: string): Promise<void> {
    await this.namespace.fill(namespace);
    const option = this.root.page().getByRole('option', { name: namespace, exact: true });
    if (await this.namespaceOptions.count()) await option.click();
  }

  /** Fills the new DataVolume's target: namespace, name and (when given) size. */
  async fillTarget(target: { namespace?: string; name?: string; size?: string }): Promise<void> {
    if (target.namespace !== undefined) await this.namespace.fill(target.namespace);
    if (target.name !== undefined) await this.name.fill(target.name);
    if (target.size !== undefined) await this.size.fill(target.size);
  }

  /** Switches the target to an existing upload DataVolume. */
  async useExistingDataVolume(): Promise<void> {
    await this.root.getByRole('radio', { name: 'Existing upload DataVolume' }).check();
  }
}

/** A row of the unfinished uploads (sessions the backend still holds). */
export class UnfinishedUpload {
  readonly state: Locator;
  readonly selectFile: Locator;
  readonly volumeWaitDetail: Locator;

  constructor(readonly root: Locator) {
    this.state = root.locator('[data-test="unfinished-upload-state"]');
    this.selectFile = root.locator('[data-test="resume-select-file"]');
    this.volumeWaitDetail = this.state.locator('[data-test="volume-wait-detail"]');
  }
}

export class UploadsPage {
  readonly root: Locator;
  readonly fileInput: Locator;
  readonly cards: Locator;
  readonly resumeRefused: Locator;
  readonly namespaceOptions: Locator;

  constructor(private readonly page: Page) {
    this.root = page.locator('[data-test="uploads-page"]');
    this.fileInput = page.locator('input[type=file][multiple]');
    this.cards = page.locator('[data-test="upload-item"]');
    this.resumeRefused = page.locator('[data-test="resume-refused"]');
    this.namespaceOptions = page.locator('[data-test="upload-namespace-options"]');
  }

  /** Signs in as `user` (a sandbox user) and opens the page. */
  static async open(page: Page, user = 'developer'): Promise<UploadsPage> {
    await loginAs(page, user);
    await page.goto(UPLOADS_PATH);
    await waitForHost(page);
    const uploads = new UploadsPage(page);
    await expect(uploads.root).toBeVisible();
    return uploads;
  }

  /** Chooses files in the picker (names relative to `dir`). */
  async chooseFiles(dir: string, files: string[]): Promise<void> {
    await this.fileInput.setInputFiles(files.map((file) => path.join(dir, file)));
  }

  card(file: string): UploadCard {
    return new UploadCard(this.page.locator(`[data-test="upload-item"][data-file="${file}"]`));
  }

  unfinished(file: string): UnfinishedUpload {
    return new UnfinishedUpload(
      this.page.locator(`[data-test="unfinished-upload"][data-file="${file}"]`),
    );
  }

  unfinishedSession(id: string): UnfinishedUpload {
    return new UnfinishedUpload(
      this.page.locator(`[data-test="unfinished-upload"][data-session="${id}"]`),
    );
  }

  /** Goes to the overview and back through the VM Disks navigation. */
  async leaveAndComeBack(): Promise<void> {
    await this.page.locator('[data-test="vm-disks-nav-overview"]').click();
    await expect(
      this.page.getByRole('heading', { level: 1, name: 'VM Disks overview' }),
    ).toBeVisible();
    await this.page.locator('[data-test="vm-disks-nav-uploads"]').click();
  }
}
