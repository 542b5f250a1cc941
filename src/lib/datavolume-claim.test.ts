// The claim API of new DataVolumes. Upstream facts checked here: CDI kubevirt/containerized-data-importer
// pkg/controller/datavolume/util.go (renderPvcSpecVolumeModeAndAccessModesAndStorageClass fills what spec.storage
// leaves out from the StorageProfile), kubevirt/kubevirt pkg/virtctl/imageupload/imageupload.go (createStorageSpec
// writes spec.storage with access / volume mode only when asked).
import { describe, expect, it } from 'vitest';
import { buildClaimSpec, chooseClaimApi, profileRecommendation } from './datavolume-claim';
import type { ClaimApi, ClaimValues, ProfileRecommendation } from './datavolume-claim';

const values = (over: Partial<ClaimValues> = {}): ClaimValues => ({
  size: '10Gi',
  storageClassName: 'hostpath-csi',
  accessMode: 'ReadWriteOnce',
  volumeMode: 'Filesystem',
  ...over,
});
const hppProfile: ProfileRecommendation = { accessMode: 'ReadWriteOnce', volumeMode: 'Filesystem' };

describe('buildClaimSpec', () => {
  const cases: {
    what: string;
    api: ClaimApi;
    values: ClaimValues;
    profile?: ProfileRecommendation;
    expected: Record<string, unknown>;
  }[] = [
    {
      what: 'pvc: everything written, Filesystem left to the API default',
      api: 'pvc',
      values: values(),
      profile: hppProfile,
      expected: {
        storageClassName: 'hostpath-csi',
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '10Gi' } },
      },
    },
    {
      what: 'pvc: Block written',
      api: 'pvc',
      values: values({ volumeMode: 'Block', storageClassName: '' }),
      expected: {
        accessModes: ['ReadWriteOnce'],
        volumeMode: 'Block',
        resources: { requests: { storage: '10Gi' } },
      },
    },
    {
      what: 'storage: what the StorageProfile recommends is left to CDI (virtctl without flags)',
      api: 'storage',
      values: values(),
      profile: hppProfile,
      expected: { storageClassName: 'hostpath-csi', resources: { requests: { storage: '10Gi' } } },
    },
    {
      what: 'storage: a changed volume mode is written, the access mode still left to the profile',
      api: 'storage',
      values: values({ volumeMode: 'Block' }),
      profile: hppProfile,
      expected: {
        storageClassName: 'hostpath-csi',
        volumeMode: 'Block',
        resources: { requests: { storage: '10Gi' } },
      },
    },
    {
      what: 'storage: no recommendation (profile without claimPropertySets) → both written',
      api: 'storage',
      values: values({ accessMode: 'ReadWriteMany' }),
      expected: {
        storageClassName: 'hostpath-csi',
        accessModes: ['ReadWriteMany'],
        volumeMode: 'Filesystem',
        resources: { requests: { storage: '10Gi' } },
      },
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      expect(buildClaimSpec(c.api, c.values, c.profile)).toEqual(c.expected);
    });
  }
});

describe('profileRecommendation', () => {
  it('takes the first claim property set of the status', () => {
    expect(
      profileRecommendation({
        status: {
          claimPropertySets: [
            { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
            { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
          ],
        },
      }),
    ).toEqual({ accessMode: 'ReadWriteMany', volumeMode: 'Block' });
    expect(profileRecommendation({ status: {} })).toBeUndefined();
    expect(profileRecommendation(undefined)).toBeUndefined();
  });
});

describe('chooseClaimApi', () => {
  it('spec.storage only where StorageProfiles are served and are the defaults', () => {
    expect(chooseClaimApi({ storageProfilesServed: true, defaultsConfigMapExists: false })).toBe(
      'storage',
    );
    expect(chooseClaimApi({ storageProfilesServed: true, defaultsConfigMapExists: true })).toBe(
      'pvc',
    );
    expect(chooseClaimApi({ storageProfilesServed: false, defaultsConfigMapExists: false })).toBe(
      'pvc',
    );
  });
});
