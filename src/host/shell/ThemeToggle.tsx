import type { FC } from 'react';
import { useState } from 'react';
import { ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import { MoonIcon, SunIcon } from '@patternfly/react-icons';
import type { Theme } from './theme';
import { applyTheme, storedTheme } from './theme';

export const ThemeToggle: FC = () => {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const choose = (next: Theme) => {
    applyTheme(next);
    setTheme(next);
  };
  return (
    <ToggleGroup aria-label="Theme" data-test="theme-toggle">
      <ToggleGroupItem
        icon={<SunIcon />}
        aria-label="Light theme"
        buttonId="vm-disks-host-theme-light"
        isSelected={theme === 'light'}
        onChange={() => {
          choose('light');
        }}
      />
      <ToggleGroupItem
        icon={<MoonIcon />}
        aria-label="Dark theme"
        buttonId="vm-disks-host-theme-dark"
        isSelected={theme === 'dark'}
        onChange={() => {
          choose('dark');
        }}
      />
    </ToggleGroup>
  );
};
