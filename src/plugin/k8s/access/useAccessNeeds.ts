// Asks the API (SelfSubjectAccessReview through the SDK's `checkAccess`) which of a page's needs the user lacks,
// before any form is filled. The SDK's `[data, loaded, error]` shape: the denied needs, whether every review has
// answered, and the error of a review that failed (then nothing is reported denied: the server still decides).
import { useEffect, useState } from 'react';
import { checkAccess } from '@openshift-console/dynamic-plugin-sdk';
import type { AccessNeed } from './access-needs';
import { needsKey } from './access-needs';

interface Answer {
  key: string;
  denied: AccessNeed[];
  error: unknown;
}

const NO_NEEDS: AccessNeed[] = [];

export const useAccessNeeds = (needs: readonly AccessNeed[]): [AccessNeed[], boolean, unknown] => {
  const key = needsKey(needs);
  const [answer, setAnswer] = useState<Answer | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const asked = JSON.parse(key) as [AccessNeed['verb'], string, string, string, string][];
    const wanted: AccessNeed[] = asked.map(([verb, group, resource, namespace, name]) => ({
      verb,
      group,
      resource,
      ...(namespace ? { namespace } : {}),
      ...(name ? { name } : {}),
    }));
    Promise.all(
      wanted.map((need) =>
        checkAccess({
          group: need.group,
          resource: need.resource,
          verb: need.verb,
          ...(need.namespace ? { namespace: need.namespace } : {}),
          ...(need.name ? { name: need.name } : {}),
        }).then((review) => ({ need, allowed: review.status?.allowed === true })),
      ),
    )
      .then((decisions) => {
        if (live)
          setAnswer({
            key,
            denied: decisions.filter((d) => !d.allowed).map((d) => d.need),
            error: undefined,
          });
      })
      .catch((error: unknown) => {
        if (live) setAnswer({ key, denied: NO_NEEDS, error });
      });
    return () => {
      live = false;
    };
  }, [key]);
  if (answer?.key !== key) return [NO_NEEDS, needs.length === 0, undefined];
  return [answer.denied, true, answer.error];
};
