// The bridge's CSRF rule: the `csrf-token` cookie must be echoed in `X-CSRFToken` on unsafe methods.

export const CSRF_COOKIE = 'csrf-token';
export const CSRF_HEADER = 'X-CSRFToken';

export const readCookie = (cookieHeader: string, name: string): string | undefined => {
  for (const part of cookieHeader.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
};

export const isSafeMethod = (method: string | undefined): boolean =>
  ['GET', 'HEAD', 'OPTIONS', 'TRACE'].includes((method ?? 'GET').toUpperCase());

const isAbsolute = (url: string): boolean =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || url.startsWith('//');

/** The CSRF header to add to a request, if any (never for safe methods or absolute URLs). */
export const csrfHeaders = (
  url: string,
  method: string | undefined,
  cookieHeader: string,
): Record<string, string> => {
  if (isSafeMethod(method) || isAbsolute(url)) return {};
  const token = readCookie(cookieHeader, CSRF_COOKIE);
  return token ? { [CSRF_HEADER]: token } : {};
};
