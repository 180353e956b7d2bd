/**
 * Serve the built site (dist/) on localhost — `npm start` / `npm run serve`.
 * Plain node:http, correct MIME types for Pagefind's files and the service
 * worker, no caching of HTML (so a rebuilt site shows up on reload).
 * PORT (default 4321) and HOST (default 127.0.0.1) can be set in the environment.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../../dist/', import.meta.url)));
const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? '127.0.0.1';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

async function find(pathname) {
  let p = decodeURIComponent(pathname);
  const full = normalize(join(root, p));
  if (!full.startsWith(root)) return undefined;
  try {
    const s = await stat(full);
    if (s.isDirectory()) return find(p.replace(/\/?$/, '/') + 'index.html');
    return full;
  } catch {
    return undefined;
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.endsWith('/') && !extname(url.pathname)) {
    const dir = await find(url.pathname + '/');
    if (dir) {
      res.writeHead(301, { Location: url.pathname + '/' + url.search });
      res.end();
      return;
    }
  }
  const file = await find(url.pathname);
  if (!file) {
    const notFound = await readFile(join(root, '404.html')).catch(() => Buffer.from('Not found'));
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(notFound);
    return;
  }
  const ext = extname(file);
  const body = await readFile(file);
  res.writeHead(200, {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Cache-Control': ext === '.html' || file.endsWith('sw.js') ? 'no-cache' : 'public, max-age=3600',
    ...(file.endsWith('sw.js') ? { 'Service-Worker-Allowed': '/' } : {}),
  });
  res.end(body);
});

server.listen(port, host, () => {
  process.stdout.write(`Kubernetes Objects Lab is being served at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/ (English: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/en/)\n`);
});
