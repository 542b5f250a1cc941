// DataVolume (cdi.kubevirt.io/v1beta1) from @kubevirt-ui-ext/kubevirt-api, generated from CDI's OpenAPI spec
// (kubevirt/containerized-data-importer api/openapi-spec/swagger.json). `status.phase` is a string there; the
// values are CDI's `DataVolumePhase` (staging/src/kubevirt.io/containerized-data-importer-api/pkg/apis/core/v1beta1/
// types.go), shown as they come.
import type {
  V1beta1DataVolume,
  V1beta1DataVolumeSource,
} from '@kubevirt-ui-ext/kubevirt-api/containerized-data-importer';
import type { Watched } from './common';

export type DataVolumeSource = V1beta1DataVolumeSource;
export type DataVolumeKind = Watched<V1beta1DataVolume>;
