import type { KubeObject, ResourceAttributes, UserInfo } from '../contract';
import type { SandboxStore } from '../store/store';

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

interface Binding extends KubeObject {
  subjects?: Subject[];
  roleRef?: { kind?: string; name?: string };
}

const RBAC = 'rbac.authorization.k8s.io';

const subjectMatches = (s: Subject, user: UserInfo): boolean => {
  if (s.kind === 'User') return s.name === user.username;
  if (s.kind === 'Group') return s.name !== undefined && user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount') {
    return user.username === `system:serviceaccount:${s.namespace ?? ''}:${s.name ?? ''}`;
  }
  return false;
};

const has = (list: string[] | undefined, v: string): boolean =>
  list !== undefined && (list.includes('*') || list.includes(v));

const ruleAllows = (rule: PolicyRule, attrs: ResourceAttributes): boolean => {
  if (!has(rule.verbs, attrs.verb)) return false;
  if (!has(rule.apiGroups, attrs.group)) return false;
  const resources = rule.resources ?? [];
  const full = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const resourceOk =
    resources.includes('*') ||
    resources.includes(full) ||
    (attrs.subresource !== undefined && resources.includes(`*/${attrs.subresource}`));
  if (!resourceOk) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (attrs.name !== undefined && names.includes(attrs.name));
};

const subjectLabel = (s: Subject): string => `${s.kind ?? ''} "${s.name ?? ''}"`;

/** RBAC evaluation over the Role/ClusterRole/RoleBinding/ClusterRoleBinding objects in the store. */
export class RbacAuthorizer {
  constructor(private readonly store: SandboxStore) {}

  private rulesOf(roleRef: Binding['roleRef'], namespace: string | undefined): PolicyRule[] {
    if (!roleRef?.name) return [];
    const role =
      roleRef.kind === 'ClusterRole'
        ? this.store.getRaw({ group: RBAC, kind: 'ClusterRole' }, undefined, roleRef.name)
        : this.store.getRaw({ group: RBAC, kind: 'Role' }, namespace, roleRef.name);
    return (role?.rules as PolicyRule[] | undefined) ?? [];
  }

  /** Every (binding, rules) that applies to the user in the namespace (or cluster-wide). */
  private applicable(
    user: UserInfo,
    namespace: string | undefined,
  ): { label: string; rules: PolicyRule[] }[] {
    const out: { label: string; rules: PolicyRule[] }[] = [];
    for (const b of this.store.listRaw({ group: RBAC, kind: 'ClusterRoleBinding' }) as Binding[]) {
      const s = (b.subjects ?? []).find((x) => subjectMatches(x, user));
      if (!s) continue;
      out.push({
        label: `ClusterRoleBinding "${b.metadata.name ?? ''}" of ${b.roleRef?.kind ?? ''} "${b.roleRef?.name ?? ''}" to ${subjectLabel(s)}`,
        rules: this.rulesOf(b.roleRef, undefined),
      });
    }
    if (namespace) {
      for (const b of this.store.listRaw(
        { group: RBAC, kind: 'RoleBinding' },
        namespace,
      ) as Binding[]) {
        const s = (b.subjects ?? []).find((x) => subjectMatches(x, user));
        if (!s) continue;
        out.push({
          label: `RoleBinding "${b.metadata.name ?? ''}/${namespace}" of ${b.roleRef?.kind ?? ''} "${b.roleRef?.name ?? ''}" to ${subjectLabel(s)}`,
          rules: this.rulesOf(b.roleRef, namespace),
        });
      }
    }
    return out;
  }

  authorize(user: UserInfo, attrs: ResourceAttributes): { allowed: boolean; reason: string } {
    if (user.groups.includes('system:masters')) return { allowed: true, reason: '' };
    for (const { label, rules } of this.applicable(user, attrs.namespace || undefined)) {
      if (rules.some((r) => ruleAllows(r, attrs))) {
        return { allowed: true, reason: `RBAC: allowed by ${label}` };
      }
    }
    return { allowed: false, reason: '' };
  }

  /** The rules a user has in a namespace (SelfSubjectRulesReview). */
  rulesFor(user: UserInfo, namespace: string): PolicyRule[] {
    if (user.groups.includes('system:masters')) {
      return [
        { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
        { verbs: ['*'], nonResourceURLs: ['*'] },
      ];
    }
    return this.applicable(user, namespace).flatMap((a) => a.rules);
  }
}

/** `Kind "name" is forbidden: User "u" cannot VERB resource "r" in API group "g" ...`, as the API server words it. */
export const forbiddenMessage = (
  user: UserInfo,
  attrs: ResourceAttributes,
  reason = '',
): string => {
  const qualified = attrs.group ? `${attrs.resource}.${attrs.group}` : attrs.resource;
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const scope = attrs.namespace ? `in the namespace "${attrs.namespace}"` : 'at the cluster scope';
  const head = attrs.name ? `${qualified} "${attrs.name}"` : qualified;
  const why = `User "${user.username}" cannot ${attrs.verb} resource "${resource}" in API group "${attrs.group}" ${scope}`;
  return `${head} is forbidden: ${why}${reason ? `: ${reason}` : ''}`;
};
