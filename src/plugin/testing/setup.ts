// Set-up of the `components` Vitest project (jsdom): jest-dom's matchers, `getByTestId` reading our `data-test`
// attributes (the ones e2e uses), a clean DOM after each test, and
// PatternFly's CommonJS build, which `require`s its CSS (the console provides that CSS), given an empty module.
import '@testing-library/jest-dom/vitest';
import { createRequire } from 'node:module';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

interface ModuleLoaders {
  _extensions: Record<string, (module: { exports: unknown }) => void>;
}
const loaders = createRequire(import.meta.url)('node:module') as { Module: ModuleLoaders };
loaders.Module._extensions['.css'] = (module) => {
  module.exports = {};
};

configure({ testIdAttribute: 'data-test' });

// jsdom lays nothing out, so it has no scrolling; components that scroll a panel into view get a no-op.
Element.prototype.scrollIntoView = function scrollIntoView() {
  return undefined;
};

afterEach(() => {
  cleanup();
});
