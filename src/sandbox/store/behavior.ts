import type { KubeObject, UserInfo } from '../contract';

export interface FieldCause {
  field: string;
  message: string;
}

export interface BehaviorContext {
  /** Reads from the store (no copies guaranteed; do not mutate). */
  list(group: string, kind: string, namespace?: string): KubeObject[];
  get(
    group: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined;
  user: UserInfo;
}

/**
 * What the API server itself does for a built-in type: decoding checks (400), defaulting,
 * validation (422) and built-in admission plugins (which may throw `ApiError`).
 */
export interface TypeBehavior {
  /** A decode error message (the object cannot be parsed as this type), answered as 400. */
  decode?(obj: KubeObject): string | undefined;
  defaults?(obj: KubeObject, old: KubeObject | undefined, ctx: BehaviorContext): void;
  validate?(obj: KubeObject, old: KubeObject | undefined, ctx: BehaviorContext): FieldCause[];
  /** Built-in admission plugins (DefaultStorageClass, PersistentVolumeClaimResize, ...). */
  admit?(obj: KubeObject, old: KubeObject | undefined, ctx: BehaviorContext): void;
  /** Where status lives; by default `status`. StorageClass has none. */
  hasStatus?: boolean;
  /** Whether metadata.generation is maintained (CRDs and some built-ins). */
  generation?: boolean;
}
