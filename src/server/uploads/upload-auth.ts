/**
 * Who is calling the uploads API: the user behind the bearer token (TokenReview-like `whoami` through the
 * cluster, cached a minute per token), and the owner's latest token for the CDI leg, which creates
 * UploadTokenRequests as the user. Tokens live in memory only.
 */
import { bearerToken } from '../api/bearer';
import { KubeApiError, type KubeClient } from '../api/kube-client';
import type { SessionStore } from './session-store';
import { ACTIVE_STATES } from './session-types';

const WHOAMI_CACHE_MS = 60_000;

/** A refusal the tus server (and our tus handler) turns into a plain-text response: `status_code`, `body`. */
export class TusError extends Error {
  readonly body: string;
  constructor(
    readonly status_code: number,
    message: string,
  ) {
    super(message);
    this.body = `${message}\n`;
  }
}

export const tusError = (status: number, message: string): TusError =>
  new TusError(status, message);

export class UploadAuth {
  private readonly tokens = new Map<string, string>();
  private readonly whoamiCache = new Map<string, { user: string; at: number }>();

  constructor(private readonly kube: KubeClient | null) {}

  /** The user the token belongs to (cached); remembers the token as that user's latest. */
  async userOf(token: string): Promise<string> {
    const hit = this.whoamiCache.get(token);
    if (hit && Date.now() - hit.at < WHOAMI_CACHE_MS) return hit.user;
    if (!this.kube) throw tusError(503, 'no cluster is configured');
    const info = await this.kube.whoami({ kind: 'bearer', token });
    this.whoamiCache.set(token, { user: info.username, at: Date.now() });
    this.tokens.set(info.username, token);
    return info.username;
  }

  /** The owner's latest token, for the CDI leg. */
  tokenOf(owner: string): string | undefined {
    return this.tokens.get(owner);
  }

  /**
   * A tus request's identity from `Authorization: Bearer`; anyone but the owner gets 404 and a finished upload
   * takes no bytes (410). `onOwner` runs for the owner's request on an active upload (its CDI leg resumes).
   */
  async authorizeTus(
    store: SessionStore,
    method: string,
    authorization: string | undefined,
    id: string,
    onOwner: (id: string) => void,
  ): Promise<void> {
    const token = bearerToken({ authorization });
    if (!token) throw tusError(401, 'Unauthorized');
    const user = await this.userOf(token).catch((err: unknown) => {
      if (err instanceof KubeApiError) throw tusError(err.status === 403 ? 403 : 401, err.message);
      throw err;
    });
    if (method === 'POST') return;
    const session = store.get(id);
    if (!session || session.owner !== user) throw tusError(404, 'Upload not found');
    if (ACTIVE_STATES.has(session.state)) onOwner(id);
    else if (method === 'PATCH') {
      throw tusError(410, `This upload is ${session.state}; start a new one`);
    }
  }
}
