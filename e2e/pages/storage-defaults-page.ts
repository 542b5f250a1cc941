// Page objects of the storage defaults page: the ConfigMap editor (the seed's era) and the StorageProfile editor
// (today's platform). They name what a user sees; the specs say what should happen.
import type { Locator, Page } from '@playwright/test';
import { expect, waitForHost } from '../support/fixtures';
import { YamlEditor } from './yaml-editor';

export const STORAGE_DEFAULTS_PATH = '/vm-disks/storage-defaults';

/** The Save / Reload bar, the notices around it and the conflict panel, the same in both editors. */
class EditorActions {
  readonly save: Locator;
  readonly saved: Locator;
  readonly saveBlocked: Locator;
  readonly remoteChanged: Locator;
  readonly conflict: Locator;
  readonly switchRefused: Locator;
  readonly formView: Locator;
  readonly yamlView: Locator;

  constructor(readonly root: Locator) {
    this.save = root.locator('[data-test="save"]');
    this.saved = root.locator('[data-test="saved"]');
    this.saveBlocked = root.locator('[data-test="save-blocked"]');
    this.remoteChanged = root.locator('[data-test="remote-changed"]');
    this.conflict = root.locator('[data-test="conflict"]');
    this.switchRefused = root.locator('[data-test="switch-refused"]');
    this.formView = root.locator('[data-test="view-form"] button');
    this.yamlView = root.locator('[data-test="view-yaml"] button');
  }

  conflictAdded(): Locator {
    return this.conflict.locator('[data-test="diff-added"]');
  }

  async reapply(): Promise<void> {
    await this.conflict.locator('[data-test="conflict-reapply"]').click();
  }

  async reloadFromConflict(): Promise<void> {
    await this.conflict.locator('[data-test="conflict-reload"]').click();
  }

  async saveAndWait(): Promise<void> {
    await this.save.click();
    await expect(this.saved).toBeVisible();
  }
}

export class OverrideRow {
  readonly storageClass: Locator;
  readonly accessMode: Locator;
  readonly volumeMode: Locator;

  constructor(readonly root: Locator) {
    this.storageClass = root.locator('[data-test="override-class"]');
    this.accessMode = root.locator('[data-test="override-access-mode"]');
    this.volumeMode = root.locator('[data-test="override-volume-mode"]');
  }
}

/** The ConfigMap `kubevirt-storage-class-defaults` in its Form and YAML views. */
export class ConfigMapEditor extends EditorActions {
  readonly form: Locator;
  readonly location: Locator;
  readonly yaml: YamlEditor;
  readonly yamlProblems: Locator;
  readonly defaultAccessMode: Locator;
  readonly defaultVolumeMode: Locator;
  readonly revertedKeys: Locator;

  constructor(private readonly page: Page) {
    super(page.locator('[data-test="storage-defaults-page"]'));
    this.form = page.locator('[data-test="storage-defaults-form"]');
    this.location = page.locator('[data-test="configmap-location"]');
    this.yaml = new YamlEditor(page, page.locator('[data-test="storage-defaults-yaml"]'));
    this.yamlProblems = page.locator('[data-test="yaml-problems"]');
    this.defaultAccessMode = page.locator('[data-test="default-access-mode"]');
    this.defaultVolumeMode = page.locator('[data-test="default-volume-mode"]');
    this.revertedKeys = page.locator('[data-test="hco-reverted-key"]');
  }

  async open(namespace = 'openshift-cnv'): Promise<this> {
    await this.page.goto(STORAGE_DEFAULTS_PATH);
    await waitForHost(this.page);
    await expect(this.form).toBeVisible();
    await expect(this.location).toContainText(namespace);
    return this;
  }

  /** Adds an override row and returns it. */
  async addOverride(): Promise<OverrideRow> {
    await this.page.locator('[data-test="add-override"]').click();
    return new OverrideRow(this.page.locator('[data-test="override-row"]').last());
  }

  override(storageClass: string): OverrideRow {
    return new OverrideRow(
      this.page.locator(`[data-test="override-row"][data-test-row="${storageClass}"]`),
    );
  }

  fieldWarnings(attribute: 'accessMode' | 'volumeMode'): Locator {
    return this.page.locator(`[data-test="messages-${attribute}"] [data-test="field-warning"]`);
  }

  /** The row of the StorageProfiles comparison for a class. */
  profileRow(storageClass: string): Locator {
    return this.page.locator(`[data-test="profiles-table"] [data-test-row="${storageClass}"]`);
  }
}

export class ClaimPropertySet {
  readonly volumeMode: Locator;
  readonly error: Locator;
  readonly warning: Locator;

  constructor(readonly root: Locator) {
    this.volumeMode = root.locator('[data-test="set-volume-mode"]');
    this.error = root.locator('[data-test="field-error"]');
    this.warning = root.locator('[data-test="field-warning"]');
  }

  accessMode(mode: string): Locator {
    return this.root.locator(`[data-test="set-access-${mode}"]`);
  }
}

/** One StorageProfile's editor (today's storage defaults). */
export class ProfileEditor extends EditorActions {
  readonly recommendedSets: Locator;
  readonly sets: Locator;
  readonly errors: Locator;
  readonly yaml: YamlEditor;

  constructor(
    page: Page,
    readonly profile: string,
  ) {
    super(page.locator(`[data-test="profile-editor"][data-profile="${profile}"]`));
    this.recommendedSets = this.root.locator('[data-test="recommended-set"]');
    this.sets = this.root.locator('[data-test="profile-set"]');
    this.errors = this.root.locator('[data-test="field-error"]');
    this.yaml = new YamlEditor(page, this.root.locator('[data-test="profile-yaml"]'));
  }

  /** Opens the page; `viaTable` chooses the profile in the table (another class than the default). */
  static async open(page: Page, profile: string, viaTable = false): Promise<ProfileEditor> {
    await page.goto(STORAGE_DEFAULTS_PATH);
    await waitForHost(page);
    if (viaTable) {
      await page
        .locator(
          `[data-test="profiles-table"] [data-test-row="${profile}"] [data-test="edit-profile"]`,
        )
        .click();
    }
    const editor = new ProfileEditor(page, profile);
    await expect(editor.root).toBeVisible();
    return editor;
  }

  async addSet(): Promise<ClaimPropertySet> {
    await this.root.locator('[data-test="add-set"]').click();
    return this.set(0);
  }

  set(index: number): ClaimPropertySet {
    return new ClaimPropertySet(this.sets.nth(index));
  }

  async useRecommendation(): Promise<void> {
    await this.root.locator('[data-test="use-recommendation"]').click();
  }
}
