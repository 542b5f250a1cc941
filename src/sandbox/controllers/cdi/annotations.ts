/** PVC annotations CDI's controllers and worker pods communicate through (`pkg/controller/common`). */
export const ANN_UPLOAD_TARGET = 'cdi.kubevirt.io/storage.upload.target';
export const ANN_POD_PHASE = 'cdi.kubevirt.io/storage.pod.phase';
export const ANN_POD_READY = 'cdi.kubevirt.io/storage.pod.ready';
export const ANN_POD_RESTARTS = 'cdi.kubevirt.io/storage.pod.restarts';
export const ANN_CONTENT_TYPE = 'cdi.kubevirt.io/storage.contentType';
export const ANN_IMMEDIATE_BIND = 'cdi.kubevirt.io/storage.bind.immediate.requested';
export const ANN_UPLOAD_POD = 'cdi.kubevirt.io/storage.uploadPodName';
export const ANN_IMPORT_POD = 'cdi.kubevirt.io/storage.import.importPodName';
export const ANN_IMPORT_SOURCE = 'cdi.kubevirt.io/storage.import.source';
export const ANN_CLONE_REQUEST = 'k8s.io/CloneRequest';
export const ANN_RUNNING = 'cdi.kubevirt.io/storage.condition.running';
export const ANN_RUNNING_REASON = 'cdi.kubevirt.io/storage.condition.running.reason';
export const ANN_RUNNING_MESSAGE = 'cdi.kubevirt.io/storage.condition.running.message';
export const ANN_PERMISSIVE_CLONE = 'cdi.kubevirt.io/permissiveClone';
export const ANN_DEFAULT_VIRT_CLASS = 'storageclass.kubevirt.io/is-default-virt-class';
/** Volume populators (CDI ≥ v1.58, `pkg/controller/common/util.go`). */
export const ANN_USE_POPULATOR = 'cdi.kubevirt.io/storage.usePopulator';
export const ANN_PVC_PRIME = 'cdi.kubevirt.io/storage.populator.pvcPrime';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const DISK_IMAGE = 'disk.img';
export const SCRATCH_SUFFIX = '-scratch';
export const CDI_LABELS = {
  app: 'containerized-data-importer',
  'app.kubernetes.io/component': 'storage',
  'app.kubernetes.io/managed-by': 'cdi-controller',
};
