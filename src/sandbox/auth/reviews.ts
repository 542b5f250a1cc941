import type { AdmissionRequest, ResourceAttributes, UserInfo } from '../contract';
import type { SandboxStore } from '../store/store';
import { ApiError } from '../api/status';
import type { RbacAuthorizer } from './rbac';

interface ReviewSpec {
  resourceAttributes?: Partial<ResourceAttributes> & { version?: string };
  nonResourceAttributes?: { path?: string; verb?: string };
  user?: string;
  groups?: string[];
  namespace?: string;
}

const decide = (
  rbac: RbacAuthorizer,
  user: UserInfo,
  spec: ReviewSpec,
): { allowed: boolean; reason?: string } => {
  if (spec.nonResourceAttributes) {
    const allowed =
      user.groups.includes('system:authenticated') || user.groups.includes('system:masters');
    return { allowed };
  }
  const ra = spec.resourceAttributes;
  if (!ra) {
    throw new ApiError(
      422,
      'Invalid',
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
  }
  const d = rbac.authorize(user, {
    verb: ra.verb ?? '',
    group: ra.group ?? '',
    resource: ra.resource ?? '',
    ...(ra.subresource ? { subresource: ra.subresource } : {}),
    ...(ra.namespace ? { namespace: ra.namespace } : {}),
    ...(ra.name ? { name: ra.name } : {}),
  });
  return d.reason ? { allowed: d.allowed, reason: d.reason } : { allowed: d.allowed };
};

/** Admission hooks that answer the review kinds (they are never stored). */
export const installReviewHooks = (store: SandboxStore, rbac: RbacAuthorizer): void => {
  store.addAdmission(
    { group: 'authorization.k8s.io', kind: 'SelfSubjectAccessReview' },
    (req: AdmissionRequest) => {
      const obj = req.object;
      if (!obj) return;
      obj.status = decide(rbac, req.user, obj.spec ?? {});
    },
  );
  store.addAdmission({ group: 'authorization.k8s.io', kind: 'SubjectAccessReview' }, (req) => {
    const obj = req.object;
    if (!obj) return;
    const spec = (obj.spec ?? {}) as ReviewSpec;
    const user: UserInfo = { username: spec.user ?? '', groups: spec.groups ?? [] };
    obj.status = decide(rbac, user, spec);
  });
  store.addAdmission({ group: 'authorization.k8s.io', kind: 'SelfSubjectRulesReview' }, (req) => {
    const obj = req.object;
    if (!obj) return;
    const spec = (obj.spec ?? {}) as ReviewSpec;
    const rules = rbac.rulesFor(req.user, spec.namespace ?? '');
    obj.status = {
      resourceRules: rules
        .filter((r) => r.resources)
        .map((r) => ({
          verbs: r.verbs ?? [],
          apiGroups: r.apiGroups ?? [],
          resources: r.resources ?? [],
          ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}),
        })),
      nonResourceRules: rules
        .filter((r) => r.nonResourceURLs)
        .map((r) => ({ verbs: r.verbs ?? [], nonResourceURLs: r.nonResourceURLs ?? [] })),
      incomplete: false,
    };
  });
  store.addAdmission({ group: 'authentication.k8s.io', kind: 'SelfSubjectReview' }, (req) => {
    const obj = req.object;
    if (!obj) return;
    obj.status = { userInfo: { username: req.user.username, groups: req.user.groups } };
  });
};
