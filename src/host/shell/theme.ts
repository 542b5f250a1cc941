// Dark theme: PatternFly's `pf-v6-theme-dark` class on <html>, remembered in localStorage.
const STORAGE_KEY = 'vm-disks-host.theme';
const DARK_CLASS = 'pf-v6-theme-dark';

export type Theme = 'light' | 'dark';

export const storedTheme = (): Theme =>
  localStorage.getItem(STORAGE_KEY) === 'dark' ? 'dark' : 'light';

export const applyTheme = (theme: Theme): void => {
  document.documentElement.classList.toggle(DARK_CLASS, theme === 'dark');
  localStorage.setItem(STORAGE_KEY, theme);
};
