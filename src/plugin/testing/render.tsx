// Renders a plugin component as the console would host it: i18next with the real English locale file (English
// strings are the keys, so a missing key still reads right but `t()` interpolation and plurals are real), a
// router at `url`, and a fresh QueryClient without retries (a failed request shows at once).
import type { ReactElement } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import en from '../../../locales/en/plugin__vm-disks-plugin.json';
import { I18N_NAMESPACE } from '../i18n/usePluginTranslation';

const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: 'en',
  fallbackLng: 'en',
  ns: [I18N_NAMESPACE],
  defaultNS: I18N_NAMESPACE,
  nsSeparator: '~',
  keySeparator: false,
  resources: { en: { [I18N_NAMESPACE]: en } },
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

export const renderInConsole = (
  ui: ReactElement,
  { url = '/' }: { url?: string } = {},
): RenderResult & { user: UserEvent } => {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return {
    user: userEvent.setup(),
    ...render(
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={client}>
          <MemoryRouter initialEntries={[url]}>{ui}</MemoryRouter>
        </QueryClientProvider>
      </I18nextProvider>,
    ),
  };
};
