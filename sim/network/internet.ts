/**
 * A tiny simulated internet: the public names examples look up (the guide runs
 * with no network). Upstream answers are not authoritative, as from a real
 * forwarder. Addresses are the ones these names published at the time of
 * writing; they only need to look real and stay stable.
 */
export interface ExternalHost {
  /** CNAME target, if this name is an alias */
  cname?: string;
  a?: string[];
  /** HTTP answer for GET / on port 80 */
  http?: { status: number; statusText: string; headers: Record<string, string>; body: string };
}

const githubPages = {
  status: 301,
  statusText: 'Moved Permanently',
  headers: { Server: 'GitHub.com', 'Content-Type': 'text/html', Location: 'https://github.github.io/' },
  body: '<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n<center><h1>301 Moved Permanently</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
};

export const INTERNET: Record<string, ExternalHost> = {
  'github.com': {
    a: ['20.200.245.247'],
    http: { status: 301, statusText: 'Moved Permanently', headers: { 'Content-Length': '0', Location: 'https://github.com/' }, body: '' },
  },
  'www.github.com': { cname: 'github.com' },
  'github.github.io': { a: ['185.199.108.153', '185.199.109.153', '185.199.110.153', '185.199.111.153'], http: githubPages },
  'google.com': { a: ['142.250.207.46'] },
  'www.google.com': { a: ['142.250.196.100'] },
  'kubernetes.io': { a: ['15.197.167.90', '3.33.186.135'] },
  'www.kubernetes.io': { cname: 'kubernetes.io' },
  'example.com': {
    a: ['23.192.228.80', '23.192.228.84', '23.215.0.136', '23.215.0.138', '96.7.128.175', '96.7.128.198'],
    http: {
      status: 200,
      statusText: 'OK',
      headers: { 'Content-Type': 'text/html' },
      body:
        '<!doctype html><html lang="en"><head><title>Example Domain</title></head><body><div><h1>Example Domain</h1><p>This domain is for use in documentation examples without needing permission.</p></div></body></html>\n',
    },
  },
  'www.example.com': { cname: 'example.com' },
  // package archives apt-get reaches (sim/network/apt.ts); deb.debian.org is served by Fastly
  'archive.ubuntu.com': { a: ['185.125.190.81', '185.125.190.82', '185.125.190.83', '91.189.91.81', '91.189.91.82', '91.189.91.83'] },
  'security.ubuntu.com': { a: ['185.125.190.36', '185.125.190.39'] },
  'deb.debian.org': { cname: 'debian.map.fastly.net' },
  'debian.map.fastly.net': { a: ['151.101.2.132', '151.101.66.132', '151.101.130.132', '151.101.194.132'] },
};

/** Reverse lookup of the simulated internet's addresses. */
export function externalHostByIP(ip: string): string | undefined {
  for (const [name, h] of Object.entries(INTERNET)) if (h.a?.includes(ip)) return name;
  return undefined;
}
