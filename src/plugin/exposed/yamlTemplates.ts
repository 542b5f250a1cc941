// Exposed module `yamlTemplates`: console.yaml-template samples.

/**
 * A blank disk image (documentation 6.12.5 "Template: DataVolume configuration file for blank disk images"),
 * on cdi.kubevirt.io/v1beta1.
 */
export const blankDataVolume = `# A blank disk image: an empty PersistentVolumeClaim prepared by CDI for a virtual machine.
apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: blank-image-datavolume
spec:
  source:
    blank: {}
  pvc:
    # Optional: set the storage class or omit it to accept the default
    # storageClassName: "hostpath"
    accessModes:
      - ReadWriteOnce
    resources:
      requests:
        storage: 500Mi
`;
