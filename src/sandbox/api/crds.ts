import { createHash } from 'node:crypto';
import type { KubeObject } from '../contract';
import { listKindOf, type TypeRegistry } from '../store/registry';

const stableUid = (name: string): string => {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/** CustomResourceDefinition objects reflecting the non-built-in types registered by the world. */
export const synthesizeCrds = (registry: TypeRegistry, createdAt: string): KubeObject[] =>
  registry
    .all()
    .filter((t) => !registry.isBuiltin(t) && !t.virtual && t.group !== '')
    .map((t) => {
      const name = `${t.plural}.${t.group}`;
      const names = {
        kind: t.kind,
        listKind: listKindOf(t),
        plural: t.plural,
        singular: t.singular,
        ...(t.shortNames ? { shortNames: t.shortNames } : {}),
        ...(t.categories ? { categories: t.categories } : {}),
      };
      return {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: {
          name,
          uid: stableUid(name),
          resourceVersion: '1',
          generation: 1,
          creationTimestamp: createdAt,
        },
        spec: {
          group: t.group,
          names,
          scope: t.namespaced ? 'Namespaced' : 'Cluster',
          versions: t.versions.map((v, i) => ({
            name: v,
            served: true,
            storage: i === 0,
            schema: {
              openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
            ...(t.subresources?.status ? { subresources: { status: {} } } : {}),
            ...(t.additionalPrinterColumns
              ? { additionalPrinterColumns: t.additionalPrinterColumns }
              : {}),
          })),
        },
        status: {
          acceptedNames: names,
          storedVersions: [t.versions[0]],
          conditions: [
            {
              type: 'NamesAccepted',
              status: 'True',
              reason: 'NoConflicts',
              message: 'no conflicts found',
              lastTransitionTime: createdAt,
            },
            {
              type: 'Established',
              status: 'True',
              reason: 'InitialNamesAccepted',
              message: 'the initial names have been accepted',
              lastTransitionTime: createdAt,
            },
          ],
        },
      };
    });
