import type { MiddlewareHandler } from 'hono';

export interface CorsOptions {
  /** `*`, or the origins of the host pages allowed to call the API. */
  readonly origin: '*' | readonly string[];
  readonly allowHeaders: readonly string[];
  readonly allowMethods: readonly string[];
  readonly maxAge: number;
}

/**
 * CORS, with the headers Hono's `cors` sends for the same options, set through `c.header()`
 * before the handler. Hono's `cors` sets them on `c.res` before the handler, which makes every
 * answer the handler then builds be re-wrapped into a full `Response` whose body node-server
 * streams chunk by chunk (see TOOLCHAIN.md); set this way, answers stay on node-server's fast path.
 */
export function corsHeaders({ origin, allowHeaders, allowMethods, maxAge }: CorsOptions): MiddlewareHandler {
  const allowed = origin === '*' ? () => '*' : (requestOrigin: string) => (origin.includes(requestOrigin) ? requestOrigin : null);
  const headers = allowHeaders.join(',');
  const methods = allowMethods.join(',');
  return async (c, next) => {
    const allowOrigin = allowed(c.req.header('origin') ?? '');
    if (c.req.method === 'OPTIONS') {
      const preflight = new Headers();
      if (allowOrigin) preflight.set('Access-Control-Allow-Origin', allowOrigin);
      if (origin !== '*') preflight.append('Vary', 'Origin');
      preflight.set('Access-Control-Max-Age', String(maxAge));
      preflight.set('Access-Control-Allow-Methods', methods);
      preflight.set('Access-Control-Allow-Headers', headers);
      preflight.append('Vary', 'Access-Control-Request-Headers');
      return c.body(null, 204, Object.fromEntries(preflight));
    }
    if (allowOrigin) c.header('Access-Control-Allow-Origin', allowOrigin);
    if (origin !== '*') c.header('Vary', 'Origin', { append: true });
    return next();
  };
}
