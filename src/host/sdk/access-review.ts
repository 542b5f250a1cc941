// checkAccess / useAccessReview: SelfSubjectAccessReviews, cached briefly per attribute set as the console does.
import { useEffect, useState } from 'react';
import { k8sCreate } from './k8s-crud';
import type { AccessReviewResourceAttributes, SelfSubjectAccessReviewKind } from './k8s-types';
import { SelfSubjectAccessReviewModel } from './models/core-models';

const CACHE_MS = 10_000;
const cache = new Map<string, { at: number; promise: Promise<SelfSubjectAccessReviewKind> }>();

export const accessReviewKey = (attrs: AccessReviewResourceAttributes): string =>
  JSON.stringify([
    attrs.group ?? '',
    attrs.resource ?? '',
    attrs.subresource ?? '',
    attrs.verb ?? '',
    attrs.name ?? '',
    attrs.namespace ?? '',
  ]);

export const checkAccess = (
  resourceAttributes: AccessReviewResourceAttributes,
): Promise<SelfSubjectAccessReviewKind> => {
  const key = accessReviewKey(resourceAttributes);
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < CACHE_MS) return hit.promise;
  const { group, resource, subresource, verb, name, namespace } = resourceAttributes;
  const promise = k8sCreate<SelfSubjectAccessReviewKind & { metadata?: object }>({
    model: SelfSubjectAccessReviewModel,
    data: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: {
          ...(group !== undefined ? { group } : {}),
          ...(resource ? { resource } : {}),
          ...(subresource ? { subresource } : {}),
          ...(verb ? { verb } : {}),
          ...(name ? { name } : {}),
          ...(namespace ? { namespace } : {}),
        },
      },
    },
  });
  cache.set(key, { at: now, promise });
  promise.catch(() => cache.delete(key));
  return promise;
};

/** `[isAllowed, loading]`. Like the console, a failed review counts as allowed (the server still decides). */
export const useAccessReview = (
  resourceAttributes: AccessReviewResourceAttributes,
  _impersonate?: unknown,
  noCheckForEmptyGroupAndResource?: boolean,
): [boolean, boolean] => {
  const key = accessReviewKey(resourceAttributes);
  const skip =
    Boolean(noCheckForEmptyGroupAndResource) &&
    !resourceAttributes.group &&
    !resourceAttributes.resource;
  const [result, setResult] = useState<{ key: string; allowed: boolean } | undefined>(undefined);
  useEffect(() => {
    if (skip) return;
    let live = true;
    const attrs = JSON.parse(key) as string[];
    const [group, resource, subresource, verb, name, namespace] = attrs;
    checkAccess({
      group,
      resource,
      ...(subresource ? { subresource } : {}),
      ...(verb ? { verb: verb as AccessReviewResourceAttributes['verb'] } : {}),
      ...(name ? { name } : {}),
      ...(namespace ? { namespace } : {}),
    })
      .then((review) => {
        if (live) setResult({ key, allowed: Boolean(review.status?.allowed) });
      })
      .catch((error: unknown) => {
        console.warn('Access review failed; assuming access', error);
        if (live) setResult({ key, allowed: true });
      });
    return () => {
      live = false;
    };
  }, [key, skip]);
  if (skip) return [false, false];
  if (result?.key !== key) return [false, true];
  return [result.allowed, false];
};

export const useAccessReviewAllowed = (
  resourceAttributes: AccessReviewResourceAttributes,
): boolean => useAccessReview(resourceAttributes)[0];
