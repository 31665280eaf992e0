// The request line's target, parsed once and defensively. Only the origin form (`/path?query`)
// is accepted: the absolute form (`http://other/...`) names another authority than the Host
// header that the guard checks, and `//x` or `/\x` would be read by the URL parser as a host
// (a redirect built from such a path would leave the server: an open redirect).
export interface RequestTarget {
  /** Still percent-encoded, as in the request line. */
  pathname: string;
  searchParams: URLSearchParams;
}

const BASE = 'http://target.invalid';

/** null: not an origin-form target (the caller answers 400). */
export function parseRequestTarget(raw: string | undefined): RequestTarget | null {
  if (raw === undefined || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  return { pathname: url.pathname, searchParams: url.searchParams };
}
