import { describe, expect, it } from 'vitest';
import { describeLoadError, messageOf, qualifiedResource, statusOf } from './load-error';
import { DataVolumeModel, PersistentVolumeClaimModel, PersistentVolumeModel } from './models';

/** The shape the SDK's fetch error has: `HttpError` with the response and the parsed Status body. */
const httpError = (status: number, message: string): Error => {
  const error = new Error(message) as Error & {
    code: number;
    response: { status: number };
    json: unknown;
  };
  error.code = status;
  error.response = { status };
  error.json = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code: status };
  return error;
};

describe('describeLoadError', () => {
  it('names the missing cluster-scoped permission from the API message', () => {
    const message =
      'persistentvolumes is forbidden: User "developer" cannot list resource "persistentvolumes" in API group "" at the cluster scope';
    expect(
      describeLoadError(httpError(403, message), { model: PersistentVolumeModel, verb: 'list' }),
    ).toEqual({
      kind: 'forbidden',
      verb: 'list',
      resource: 'persistentvolumes',
      group: '',
      scope: { kind: 'cluster' },
      message,
    });
  });

  it('names the namespace and the group', () => {
    const message =
      'datavolumes.cdi.kubevirt.io is forbidden: User "developer" cannot watch resource "datavolumes" in API group "cdi.kubevirt.io" in the namespace "vms"';
    const described = describeLoadError(httpError(403, message), {
      model: DataVolumeModel,
      verb: 'list',
      namespace: 'vms',
    });
    expect(described).toMatchObject({
      kind: 'forbidden',
      verb: 'watch',
      resource: 'datavolumes',
      group: 'cdi.kubevirt.io',
      scope: { kind: 'namespace', namespace: 'vms' },
    });
  });

  it('falls back to the request context when the message has another shape', () => {
    expect(
      describeLoadError(httpError(403, 'Forbidden'), {
        model: PersistentVolumeClaimModel,
        verb: 'list',
        namespace: 'team-a',
      }),
    ).toEqual({
      kind: 'forbidden',
      verb: 'list',
      resource: 'persistentvolumeclaims',
      group: '',
      scope: { kind: 'namespace', namespace: 'team-a' },
      message: 'Forbidden',
    });
    expect(
      describeLoadError(httpError(403, 'nope'), { model: DataVolumeModel, verb: 'list' }),
    ).toMatchObject({
      group: 'cdi.kubevirt.io',
      scope: { kind: 'cluster' },
    });
  });

  it('recognises a missing API and unknown models', () => {
    expect(
      describeLoadError(httpError(404, 'the server could not find the requested resource'), {
        model: DataVolumeModel,
        verb: 'list',
      }),
    ).toEqual({ kind: 'not-found', message: 'the server could not find the requested resource' });
    expect(
      describeLoadError(new Error('Model does not exist'), { model: DataVolumeModel, verb: 'list' })
        .kind,
    ).toBe('not-found');
  });

  it('passes other errors through with their status', () => {
    expect(
      describeLoadError(httpError(500, 'etcd is down'), { model: DataVolumeModel, verb: 'list' }),
    ).toEqual({
      kind: 'other',
      status: 500,
      message: 'etcd is down',
    });
    expect(
      describeLoadError(httpError(401, 'Unauthorized'), { model: DataVolumeModel, verb: 'list' })
        .kind,
    ).toBe('unauthorized');
    expect(describeLoadError('boom', { model: DataVolumeModel, verb: 'list' })).toEqual({
      kind: 'other',
      status: undefined,
      message: 'boom',
    });
  });
});

describe('error fields', () => {
  it('reads the status from response, code or body', () => {
    expect(statusOf({ response: { status: 403 } })).toBe(403);
    expect(statusOf({ code: 409 })).toBe(409);
    expect(statusOf({ json: { code: 422 } })).toBe(422);
    expect(statusOf(new Error('x'))).toBeUndefined();
    expect(statusOf(null)).toBeUndefined();
  });
  it('prefers the Status message', () => {
    expect(messageOf({ message: 'Forbidden', json: { message: 'pvc is forbidden: ...' } })).toBe(
      'pvc is forbidden: ...',
    );
    expect(messageOf(new Error('plain'))).toBe('plain');
  });
  it('qualifies resources like RBAC does', () => {
    expect(qualifiedResource('datavolumes', 'cdi.kubevirt.io')).toBe('datavolumes.cdi.kubevirt.io');
    expect(qualifiedResource('persistentvolumes', '')).toBe('persistentvolumes');
  });
});
