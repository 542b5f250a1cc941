// The modules the host shares with plugins, with the versions console 4.22 provides.
import * as openshiftDynamicPluginSDK from '@openshift/dynamic-plugin-sdk';
import * as React from 'react';
import * as ReactI18next from 'react-i18next';
import * as ReactRedux from 'react-redux';
import * as ReactRouter from 'react-router';
import * as Redux from 'redux';
import * as ConsoleSDK from '../sdk';
import type { SharedModule } from './share-scope';
import { buildShareScope } from './share-scope';
import { SHARED_VERSIONS } from './shared-versions';

/** The internal SDK is not used by our plugin; console ships it, so the key exists. */
const ConsoleSDKInternal = Object.freeze({ __esModule: true });

export const sharedModules = (): SharedModule[] => [
  { name: 'react', version: SHARED_VERSIONS.react, module: React },
  { name: 'react-i18next', version: SHARED_VERSIONS['react-i18next'], module: ReactI18next },
  { name: 'react-router', version: SHARED_VERSIONS['react-router'], module: ReactRouter },
  { name: 'react-redux', version: SHARED_VERSIONS['react-redux'], module: ReactRedux },
  { name: 'redux', version: SHARED_VERSIONS.redux, module: Redux },
  {
    name: '@openshift-console/dynamic-plugin-sdk',
    version: SHARED_VERSIONS['@openshift-console/dynamic-plugin-sdk'],
    module: ConsoleSDK,
  },
  {
    name: '@openshift-console/dynamic-plugin-sdk-internal',
    version: SHARED_VERSIONS['@openshift-console/dynamic-plugin-sdk-internal'],
    module: ConsoleSDKInternal,
  },
  {
    name: '@openshift/dynamic-plugin-sdk',
    version: SHARED_VERSIONS['@openshift/dynamic-plugin-sdk'],
    module: openshiftDynamicPluginSDK,
  },
];

export const createConsoleShareScope = () => buildShareScope(sharedModules());
