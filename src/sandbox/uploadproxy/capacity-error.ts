// What the upload server answers when an image does not fit the volume, per modelled CDI release.
//
// CDI ≥ 1.63 (`current`): 400 "Saving stream failed: effective image size is larger than the reported available
// storage: …" on every endpoint (kubevirt/containerized-data-importer pkg/uploadserver/uploadserver.go
// `handleStreamError` with pkg/importer/errors.go `IsNoCapacityError`; PR #3704, first in v1.63.0).
//
// CDI v1.38 (`legacy`, the seed's era): the size check's own text, pkg/image/qemu.go `checkIfURLIsValid`
// ("Virtual image size … is larger than available size … (PVC size …, reserved overhead …%). A larger PVC is
// required.", its "PVC size" printing the virtual size). pkg/uploadserver/uploadserver.go `uploadHandlerAsync`
// answers an `importer.ValidationSizeError` with 400 and "Saving stream failed: <error>"; the synchronous
// `uploadHandler` answers every processing error with a bare 500 and no body.
import type { SandboxProfile } from '../contract';
import { UploadError } from './processor';

/** Go's `%f`: six decimals. */
const goFloat = (n: number): string => n.toFixed(6);

export interface CapacityErrorInput {
  profile: SandboxProfile;
  /** The `-async` endpoints. */
  async: boolean;
  virtualSize: number;
  /** Usable bytes of the target after the filesystem overhead. */
  available: number;
  /** The filesystem overhead applied (0 for Block volumes). */
  overhead: number;
}

export const capacityError = (input: CapacityErrorInput): UploadError => {
  const { virtualSize, available, overhead } = input;
  if (input.profile === 'current') {
    return new UploadError(
      400,
      `Saving stream failed: effective image size is larger than the reported available storage: virtual image size ${String(virtualSize)} is larger than the reported available storage ${String(available)}. A larger PVC is required`,
    );
  }
  if (!input.async) return new UploadError(500, '');
  return new UploadError(
    400,
    `Saving stream failed: Virtual image size ${String(virtualSize)} is larger than available size ${String(available)} (PVC size ${String(virtualSize)}, reserved overhead ${goFloat(overhead)}%). A larger PVC is required.`,
  );
};
