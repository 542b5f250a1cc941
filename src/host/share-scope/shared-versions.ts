// The versions console 4.22 provides for each shared module (the host shares these installed copies).
/** Versions of the shared packages; a unit test checks them against node_modules. */
export const SHARED_VERSIONS = {
  react: '18.3.1',
  'react-i18next': '16.5.8',
  'react-router': '7.13.2',
  'react-redux': '9.2.0',
  redux: '5.0.1',
  '@openshift-console/dynamic-plugin-sdk': '4.22.0',
  '@openshift-console/dynamic-plugin-sdk-internal': '4.22.0',
  '@openshift/dynamic-plugin-sdk': '8.2.0',
} as const;
