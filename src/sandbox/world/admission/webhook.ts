import type { SandboxContext } from '../../contract';

/**
 * A validating webhook's denial, as the API server reports it:
 * `admission webhook "<name>" denied the request: <message>`. CDI and KubeVirt answer with code 422
 * and a message that begins with a space (they join causes with a leading space). Uses the
 * machinery's `webhookDenied` when it offers one (exact code), else a 400 Bad Request.
 */
export function webhookDenied(
  ctx: SandboxContext,
  webhook: string,
  message: string,
  code = 422,
): Error {
  const errors = ctx.errors as SandboxContext['errors'] & {
    webhookDenied?: (webhook: string, message: string, code: number) => Error;
  };
  if (errors.webhookDenied) return errors.webhookDenied(webhook, message, code);
  return errors.badRequest(`admission webhook "${webhook}" denied the request: ${message}`);
}
