/**
 * The portals at the API's origin (as CloudFront serves them in AWS): the built SPA from
 * web/dist (index.html for every client-side path), its `/config.json`, and locally the demo
 * users the sign-in page offers, each with a token from the development issuer.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DemoUser {
  role: 'platform_admin' | 'hr_admin' | 'employee' | 'partner';
  name: string;
  /** Company, department or country: what tells the demo users apart. */
  detail: string;
  token: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json',
  '.woff2': 'font/woff2', '.webp': 'image/webp', '.jpg': 'image/jpeg',
};

export function webApp(root: URL, demoUsers: () => Promise<DemoUser[]>) {
  const dist = fileURLToPath(new URL('web/dist/', root));
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/v1/')) return false;
    if (url.pathname === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ auth: 'local' }));
      return true;
    }
    if (url.pathname === '/_local/auth/users') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(await demoUsers()));
      return true;
    }
    if (url.pathname.startsWith('/_local/')) return false;
    if (!existsSync(join(dist, 'index.html'))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('The portals are not built: npm run build:web\n');
      return true;
    }
    const file = normalize(join(dist, decodeURIComponent(url.pathname)));
    const inside = file.startsWith(dist) || file + sep === dist;
    const asset = inside && existsSync(file) && statSync(file).isFile() ? file : undefined;
    const target = asset ?? join(dist, 'index.html');
    const hashed = asset?.includes(`${sep}assets${sep}`);
    res.writeHead(200, {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      ...(target.endsWith('.html') ? { 'content-security-policy': "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'" } : {}),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(target).pipe(res);
    return true;
  };
}
