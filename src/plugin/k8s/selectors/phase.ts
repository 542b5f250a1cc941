// Maps the phases and states of the kinds we show to a small set of status kinds for labels and icons.

export type StatusKind = 'success' | 'danger' | 'warning' | 'progress' | 'pending' | 'neutral';

const TABLE: Readonly<Partial<Record<string, StatusKind>>> = {
  // PersistentVolume / PersistentVolumeClaim
  Bound: 'success',
  Available: 'success',
  Released: 'warning',
  Lost: 'danger',
  Pending: 'pending',
  // DataVolume
  Succeeded: 'success',
  Failed: 'danger',
  Unknown: 'neutral',
  Paused: 'warning',
  WaitForFirstConsumer: 'pending',
  PendingPopulation: 'pending',
  UploadReady: 'progress',
  PVCBound: 'progress',
  // VirtualMachine printable status
  Running: 'success',
  Stopped: 'neutral',
  Starting: 'progress',
  Stopping: 'progress',
  Migrating: 'progress',
  Provisioning: 'progress',
  Terminating: 'progress',
  ErrorUnschedulable: 'danger',
  ErrImagePull: 'danger',
  ImagePullBackOff: 'danger',
  ErrorPvcNotFound: 'danger',
  ErrorDataVolumeNotFound: 'danger',
  DataVolumeError: 'danger',
  CrashLoopBackOff: 'danger',
  WaitingForVolumeBinding: 'pending',
  // Node readiness
  Ready: 'success',
  NotReady: 'danger',
  True: 'success',
  False: 'danger',
};

/** The status kind of a phase; `...InProgress` and `...Scheduled` phases are progress, anything else neutral. */
export const statusKindOf = (phase: string | undefined): StatusKind => {
  if (!phase) return 'pending';
  const known = TABLE[phase];
  if (known) return known;
  if (/InProgress$|Scheduled$/.test(phase)) return 'progress';
  if (/^Error|Error$|Failed$/.test(phase)) return 'danger';
  return 'neutral';
};
