import type { KubeObject, ResourceType, SandboxProfile } from '../contract';

/**
 * The CRD-style API groups the world serves, with the names, short names and categories of the
 * real CRDs. `legacy`: the seed's era (CDI v1.34–v1.55 still serving `cdi.kubevirt.io/v1alpha1`,
 * HostPathProvisioner `v1alpha1` and `v1beta1`, HyperConverged `v1beta1`). `current`: CDI v1.66
 * (only `v1beta1`, plus the populator sources VolumeImportSource / VolumeUploadSource), HPP operator
 * v0.25 (only `v1beta1`: kubevirt/hostpath-provisioner-operator removed v1alpha1 in v0.15.0,
 * commit "Remove HPP v1alpha1 (#255)"), HyperConverged v1.18 (`v1`, the storage version, and
 * `v1beta1`: kubevirt/hyperconverged-cluster-operator `api/v1/hyperconverged_types.go`
 * `+kubebuilder:storageversion`).
 */

const status = { status: true };

/** HostPathProvisioner v1alpha1 has `useNamingPrefix` as a string, v1beta1 as a boolean. */
function convertHostPathProvisioner(obj: KubeObject, toVersion: string): KubeObject {
  const out = structuredClone(obj);
  out.apiVersion = `hostpathprovisioner.kubevirt.io/${toVersion}`;
  const spec = out.spec as { pathConfig?: { useNamingPrefix?: unknown } } | undefined;
  const pc = spec?.pathConfig;
  if (pc && pc.useNamingPrefix !== undefined) {
    if (toVersion === 'v1alpha1')
      pc.useNamingPrefix = String(pc.useNamingPrefix === true || pc.useNamingPrefix === 'true');
    else pc.useNamingPrefix = pc.useNamingPrefix === true || pc.useNamingPrefix === 'true';
  }
  return out;
}

/**
 * HyperConverged `v1` keeps the storage settings under `spec.storage` where `v1beta1` has them at the
 * top of `spec` (kubevirt/hyperconverged-cluster-operator `api/v1beta1/conversion.go`,
 * `convertStorageV1beta1ToV1` / `convertStorageV1ToV1beta1`).
 */
const HCO_STORAGE_FIELDS = [
  'scratchSpaceStorageClass',
  'vmStateStorageClass',
  'filesystemOverhead',
];

function convertHyperConverged(obj: KubeObject, toVersion: string): KubeObject {
  const out = structuredClone(obj);
  out.apiVersion = `hco.kubevirt.io/${toVersion}`;
  if (out.spec === undefined) return out;
  const spec = out.spec as Record<string, unknown>;
  const isStorageField = (k: string): boolean => HCO_STORAGE_FIELDS.includes(k);
  if (toVersion === 'v1') {
    const storage: Record<string, unknown> = {
      ...((spec.storage ?? {}) as Record<string, unknown>),
    };
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(spec)) {
      if (isStorageField(k)) storage[k] = v;
      else if (k !== 'localStorageClassName') rest[k] = v;
    }
    if (Object.keys(storage).length > 0) rest.storage = storage;
    out.spec = rest;
  } else {
    const storage = (spec.storage ?? {}) as Record<string, unknown>;
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(spec)) if (k !== 'storage') rest[k] = v;
    for (const [k, v] of Object.entries(storage)) if (isStorageField(k)) rest[k] = v;
    out.spec = rest;
  }
  return out;
}

const populatorSource = (kind: string, plural: string): ResourceType => ({
  group: 'cdi.kubevirt.io',
  versions: ['v1beta1'],
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced: true,
  subresources: status,
});

/** The API groups served on `profile`. */
export function worldTypes(profile: SandboxProfile): ResourceType[] {
  if (profile === 'legacy') return LEGACY_TYPES;
  const current = LEGACY_TYPES.map((t): ResourceType => {
    if (t.group === 'cdi.kubevirt.io' || t.group === 'upload.cdi.kubevirt.io')
      return { ...t, versions: ['v1beta1'] };
    if (t.kind === 'HostPathProvisioner') return { ...t, versions: ['v1beta1'] };
    if (t.kind === 'HyperConverged')
      return {
        ...t,
        versions: ['v1', 'v1beta1'],
        categories: ['all'],
        convert: convertHyperConverged,
      };
    return t;
  });
  // CDI's populator sources (kubevirt/containerized-data-importer
  // staging/src/kubevirt.io/containerized-data-importer-api/pkg/apis/core/v1beta1/types.go).
  return [
    ...current,
    populatorSource('VolumeImportSource', 'volumeimportsources'),
    populatorSource('VolumeUploadSource', 'volumeuploadsources'),
  ];
}

const LEGACY_TYPES: ResourceType[] = [
  {
    group: 'machineconfiguration.openshift.io',
    versions: ['v1'],
    kind: 'MachineConfig',
    additionalPrinterColumns: [
      {
        name: 'GeneratedByController',
        type: 'string',
        jsonPath:
          '.metadata.annotations.machineconfiguration\\.openshift\\.io/generated-by-controller-version',
      },
      { name: 'IgnitionVersion', type: 'string', jsonPath: '.spec.config.ignition.version' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
    plural: 'machineconfigs',
    singular: 'machineconfig',
    namespaced: false,
    shortNames: ['mc'],
  },
  {
    group: 'machineconfiguration.openshift.io',
    versions: ['v1'],
    kind: 'MachineConfigPool',
    additionalPrinterColumns: [
      { name: 'Config', type: 'string', jsonPath: '.status.configuration.name' },
      {
        name: 'Updated',
        type: 'string',
        jsonPath: '.status.conditions[?(@.type=="Updated")].status',
      },
      {
        name: 'Updating',
        type: 'string',
        jsonPath: '.status.conditions[?(@.type=="Updating")].status',
      },
      {
        name: 'Degraded',
        type: 'string',
        jsonPath: '.status.conditions[?(@.type=="Degraded")].status',
      },
      { name: 'MachineCount', type: 'number', jsonPath: '.status.machineCount' },
      { name: 'ReadyMachineCount', type: 'number', jsonPath: '.status.readyMachineCount' },
      { name: 'UpdatedMachineCount', type: 'number', jsonPath: '.status.updatedMachineCount' },
      { name: 'DegradedMachineCount', type: 'number', jsonPath: '.status.degradedMachineCount' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
    plural: 'machineconfigpools',
    singular: 'machineconfigpool',
    namespaced: false,
    shortNames: ['mcp'],
    subresources: status,
  },
  {
    group: 'hostpathprovisioner.kubevirt.io',
    versions: ['v1beta1', 'v1alpha1'],
    kind: 'HostPathProvisioner',
    plural: 'hostpathprovisioners',
    singular: 'hostpathprovisioner',
    namespaced: false,
    subresources: status,
    convert: convertHostPathProvisioner,
  },
  {
    group: 'cdi.kubevirt.io',
    versions: ['v1beta1', 'v1alpha1'],
    kind: 'DataVolume',
    additionalPrinterColumns: [
      {
        name: 'Phase',
        type: 'string',
        jsonPath: '.status.phase',
        description: 'The phase the data volume is in',
      },
      {
        name: 'Progress',
        type: 'string',
        jsonPath: '.status.progress',
        description: 'Transfer progress in percentage if known, N/A otherwise',
      },
      {
        name: 'Restarts',
        type: 'integer',
        jsonPath: '.status.restartCount',
        description: 'The number of times the transfer has been restarted.',
      },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
    plural: 'datavolumes',
    singular: 'datavolume',
    namespaced: true,
    shortNames: ['dv', 'dvs'],
    categories: ['all'],
    subresources: status,
  },
  {
    group: 'cdi.kubevirt.io',
    versions: ['v1beta1', 'v1alpha1'],
    kind: 'CDI',
    additionalPrinterColumns: [
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
    ],
    plural: 'cdis',
    singular: 'cdi',
    namespaced: false,
    shortNames: ['cdi', 'cdis'],
    subresources: status,
  },
  {
    group: 'cdi.kubevirt.io',
    versions: ['v1beta1', 'v1alpha1'],
    kind: 'CDIConfig',
    plural: 'cdiconfigs',
    singular: 'cdiconfig',
    namespaced: false,
    subresources: status,
  },
  {
    group: 'cdi.kubevirt.io',
    versions: ['v1beta1'],
    kind: 'StorageProfile',
    plural: 'storageprofiles',
    singular: 'storageprofile',
    namespaced: false,
    subresources: status,
  },
  {
    group: 'upload.cdi.kubevirt.io',
    versions: ['v1beta1', 'v1alpha1'],
    kind: 'UploadTokenRequest',
    plural: 'uploadtokenrequests',
    singular: 'uploadtokenrequest',
    namespaced: true,
    verbs: ['create'],
    virtual: true,
  },
  {
    group: 'kubevirt.io',
    versions: ['v1', 'v1alpha3'],
    kind: 'VirtualMachine',
    additionalPrinterColumns: [
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      { name: 'Status', type: 'string', jsonPath: '.status.printableStatus' },
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    ],
    plural: 'virtualmachines',
    singular: 'virtualmachine',
    namespaced: true,
    shortNames: ['vm', 'vms'],
    categories: ['all'],
    subresources: status,
  },
  {
    group: 'kubevirt.io',
    versions: ['v1', 'v1alpha3'],
    kind: 'VirtualMachineInstance',
    additionalPrinterColumns: [
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
      { name: 'IP', type: 'string', jsonPath: '.status.interfaces[0].ipAddress' },
      { name: 'NodeName', type: 'string', jsonPath: '.status.nodeName' },
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    ],
    plural: 'virtualmachineinstances',
    singular: 'virtualmachineinstance',
    namespaced: true,
    shortNames: ['vmi', 'vmis'],
    categories: ['all'],
    subresources: status,
  },
  {
    group: 'hco.kubevirt.io',
    versions: ['v1beta1'],
    kind: 'HyperConverged',
    additionalPrinterColumns: [
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
    plural: 'hyperconvergeds',
    singular: 'hyperconverged',
    namespaced: true,
    shortNames: ['hco', 'hcos'],
    subresources: status,
  },
];
