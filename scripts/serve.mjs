// Serves web/ as static files on http://localhost:8080 (PORT to change) with Node's own http module:
// correct MIME types (.wasm as application/wasm, .mjs as JavaScript), a strict Content-Security-Policy
// (no eval; 'wasm-unsafe-eval' only to compile WebAssembly), and no path outside web/.
// Any origin may embed the site: pages may be framed (`frame-ancestors *`), and every file is sent with
// `Access-Control-Allow-Origin: *` so that another origin's page can load /seqlab-demo.js and the modules it
// imports (module scripts are fetched in CORS mode). The files are public and no request carries
// credentials, so the wildcard gives nothing away.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');
const port = Number(process.env.PORT || 8080);

const mimeTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
};

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors *",
].join('; ');

/** Maps a URL path to a file inside web/, or null when it would leave web/ or does not exist. */
function resolveFile(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  let file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

export function startServer(listenPort = port) {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveFile(request.url || '/');
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    // no-cache + ETag: the browser keeps every file but asks each time whether it changed (an edit shows on
    // reload); an unchanged file is a 304, so the cached copy, and the compiled code Chromium keeps beside a
    // streamed .wasm (V8's code cache), are used again.
    const { size, mtimeMs } = statSync(file);
    const etag = `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
    const headers = {
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      ETag: etag,
    };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers).end();
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Type': mimeTypes[path.extname(file)] || 'application/octet-stream' });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // The page loads bundles (scripts/bundle-page.mjs): rewritten as their sources change, so an edit shows on reload.
  const { bundlePage } = await import('./bundle-page.mjs');
  await bundlePage({ watch: true });
  const server = await startServer();
  console.log(`seqlab playground: http://localhost:${server.address().port}/`);
}
