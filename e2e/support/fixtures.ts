import { test as base, expect, type Page } from '@playwright/test';

/** Console messages and page errors seen by a page; tests assert the list stays empty. */
export interface ConsoleProblems {
  messages: string[];
}

const IGNORED = [
  // React Router's future-flag notices are informational, not errors of ours.
  /React Router Future Flag Warning/,
];

const watchConsole = (page: Page): ConsoleProblems => {
  const problems: ConsoleProblems = { messages: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    const text = message.text();
    if (IGNORED.some((pattern) => pattern.test(text))) return;
    problems.messages.push(`${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => {
    problems.messages.push(`pageerror: ${error.message}`);
  });
  return problems;
};

export const test = base.extend<{ consoleProblems: ConsoleProblems }>({
  consoleProblems: async ({ page }, provide) => {
    await provide(watchConsole(page));
  },
});

export { expect };

/** Waits until the host has finished its start-up plugin load. */
export const waitForHost = async (page: Page): Promise<void> => {
  await page.waitForFunction(() => window.__vmDisksHost !== undefined);
  await page.evaluate(() => window.__vmDisksHost?.ready);
};

/** Acts as another sandbox user (the standalone backend's session switch), CSRF header included. */
export const loginAs = async (page: Page, username: string): Promise<void> => {
  await page.goto('/');
  const cookies = await page.context().cookies();
  const csrf = cookies.find((cookie) => cookie.name === 'csrf-token')?.value ?? '';
  const response = await page.request.post('/auth/login-as', {
    data: { username },
    headers: { 'X-CSRFToken': csrf },
  });
  expect(response.status(), await response.text()).toBe(200);
};
