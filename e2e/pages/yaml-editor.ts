// The Monaco YAML editor of a page, as a user drives it: replace the whole text by pasting (typing would trigger
// the editor's auto-indent), read the rendered lines, and find the lines that carry an error squiggle.
import type { Locator, Page } from '@playwright/test';

export class YamlEditor {
  readonly lines: Locator;

  constructor(
    private readonly page: Page,
    /** The element around the editor (its `data-test`). */
    readonly root: Locator,
  ) {
    this.lines = root.locator('.view-lines');
  }

  get monaco(): Locator {
    return this.root.locator('.monaco-editor');
  }

  async replaceText(text: string): Promise<void> {
    const input = this.root.locator('.monaco-editor textarea');
    await input.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    await input.evaluate((textarea, pasted) => {
      const data = new DataTransfer();
      data.setData('text/plain', pasted);
      textarea.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, text);
  }

  /** The text of the editor lines that carry an error squiggle. */
  squiggledLines(): Promise<string[]> {
    return this.root.evaluate((root) => {
      const lineAt = new Map<string, string>();
      root.querySelectorAll<HTMLElement>('.view-lines .view-line').forEach((line) => {
        lineAt.set(line.style.top, line.textContent.replace(/\u00a0/g, ' '));
      });
      return [...root.querySelectorAll<HTMLElement>('.squiggly-error')].map((squiggle) => {
        const row = squiggle.closest<HTMLElement>('.view-overlays > div');
        return lineAt.get(row?.style.top ?? '') ?? '';
      });
    });
  }

  problem(kind: string): Locator {
    return this.page.locator(`[data-test="yaml-problem"][data-kind="${kind}"]`);
  }
}
