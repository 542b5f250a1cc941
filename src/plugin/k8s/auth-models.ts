// Models of the authentication and RBAC kinds the move-disk wizard reads or shows (SelfSubjectReview: who am I).
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';

export const SelfSubjectReviewModel: K8sModel = {
  apiGroup: 'authentication.k8s.io',
  apiVersion: 'v1',
  kind: 'SelfSubjectReview',
  plural: 'selfsubjectreviews',
  abbr: 'SSR',
  label: 'SelfSubjectReview',
  labelPlural: 'SelfSubjectReviews',
  namespaced: false,
};

export interface SelfSubjectReviewKind {
  apiVersion: string;
  kind: string;
  metadata?: Record<string, unknown>;
  status?: { userInfo?: { username?: string; groups?: string[] } };
}
