// Fixture HTTPS server for the browser end-to-end tests. Loopback only.
//
// - An `https` server on 127.0.0.1 (random port) with a throwaway self-signed certificate made at start with
//   `openssl req -x509` in a temp dir (removed on close). It serves tests/fixtures/ pages chosen by the Host
//   header and the path (SITES in ./sites.mjs); /assets/* is served for every host.
// - An HTTP proxy on 127.0.0.1 (random port) for Firefox, which has no host-resolver-rules: CONNECT host:443
//   is tunnelled to the HTTPS server for the hosts in the routing table (403 for any other host, so nothing
//   ever leaves the machine); a plain `GET http://host/path` is answered from the same table.
//
// Chromium reaches the HTTPS server with `--host-resolver-rules=MAP * 127.0.0.1:PORT`.
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SITES } from './sites.mjs';

export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.ico': 'image/x-icon',
};

function makeCert(dir) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=omamori-e2e.invalid',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

function hostOf(hostHeader) {
  return String(hostHeader || '').toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/**
 * Starts the fixture server and the proxy.
 * @param {{sites?: Record<string, Record<string, string>>}} [opts]
 */
export async function startFixtureServer(opts = {}) {
  const sites = opts.sites ?? SITES;
  const tmp = mkdtempSync(path.join(tmpdir(), 'omamori-e2e-cert-'));
  let tls;
  try {
    tls = makeCert(tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`openssl could not make the test certificate: ${e.stderr || e.message}`);
  }
  const requests = []; // {host, path, method, via}

  function resolveFile(host, urlPath) {
    const p = urlPath.split('?')[0].split('#')[0];
    if (p.startsWith('/assets/')) {
      const f = path.normalize(path.join(FIXTURES_DIR, p));
      if (f.startsWith(path.join(FIXTURES_DIR, 'assets') + path.sep) && existsSync(f)) return f;
      return null;
    }
    const table = sites[host];
    if (!table) return null;
    const name = table[p] ?? table[p.replace(/\/$/, '')] ?? table['*'];
    // an absolute path serves a page from outside tests/fixtures (the real pages of the corpus test)
    return name ? (path.isAbsolute(name) ? name : path.join(FIXTURES_DIR, name)) : null;
  }

  function handle(req, res, via) {
    let host;
    let urlPath = req.url;
    if (/^https?:\/\//i.test(req.url)) { // proxy-style absolute URL
      const u = new URL(req.url);
      host = u.hostname.toLowerCase();
      urlPath = u.pathname + u.search;
    } else {
      host = hostOf(req.headers.host);
    }
    requests.push({ host, path: urlPath, method: req.method, via });
    if (req.method === 'POST') {
      req.resume();
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end('<!DOCTYPE html><html lang="ja"><meta charset="utf-8"><title>送信完了</title><p>送信されました。</p>');
      return;
    }
    const file = resolveFile(host, urlPath);
    if (!file || !existsSync(file)) {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end('<!DOCTYPE html><html lang="ja"><meta charset="utf-8"><title>404</title><p>Not Found</p>');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  }

  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => handle(req, res, 'https'));
  const proxy = http.createServer((req, res) => {
    const host = /^https?:\/\//i.test(req.url) ? new URL(req.url).hostname.toLowerCase() : '';
    if (!host || !(host in sites)) {
      requests.push({ host, path: req.url, method: req.method, via: 'proxy-refused' });
      res.writeHead(403).end();
      return;
    }
    handle(req, res, 'http');
  });
  const sockets = new Set();
  const track = (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); };
  server.on('connection', track);
  proxy.on('connection', track);
  proxy.on('connect', (req, client, head) => {
    const [host, port = '443'] = String(req.url).toLowerCase().split(/:(?=\d+$)/);
    if (!(host in sites) || port !== '443') {
      requests.push({ host, path: `CONNECT ${req.url}`, method: 'CONNECT', via: 'proxy-refused' });
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(server.address().port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head && head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.on('tlsClientError', () => {});

  await new Promise((ok, ko) => server.listen(0, '127.0.0.1', ok).once('error', ko));
  await new Promise((ok, ko) => proxy.listen(0, '127.0.0.1', ok).once('error', ko));

  const port = server.address().port;
  const proxyPort = proxy.address().port;
  let closed = false;
  return {
    port,
    proxyPort,
    requests,
    /** Every request host seen (for "was this page served at all" checks). */
    hosts: () => [...new Set(requests.map((r) => r.host))],
    async close() {
      if (closed) return;
      closed = true;
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise((ok) => server.close(() => ok())),
        new Promise((ok) => proxy.close(() => ok())),
      ]);
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
