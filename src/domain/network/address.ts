import { isIP } from 'node:net';

/**
 * Where yonder may not send a request to a URL someone configured (server-side request forgery):
 * addresses that reach the host itself, its private networks or a cloud's metadata service rather
 * than a webhook receiver or an identity provider on the internet. Checked on the URL when it is
 * configured and on every address its name resolves to when it is called, unless the operator
 * lets them through (`WEBHOOKS_ALLOW_PRIVATE`, `IDENTITY_PROVIDERS_ALLOW_PRIVATE`).
 */
interface Range {
  base: bigint;
  bits: number;
  width: 32 | 128;
  why: string;
}

function v4(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6(text: string): bigint {
  let address = text.toLowerCase();
  // An embedded IPv4 tail (::ffff:10.0.0.1) becomes two hex groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (tail?.[1]) {
    const n = v4(tail[1]);
    address = `${address.slice(0, -tail[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = '', rest] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const groups = rest === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(Number.parseInt(group || '0', 16)), 0n);
}

const range = (cidr: string, why: string): Range => {
  const [base = '', bits = '0'] = cidr.split('/');
  const width = isIP(base) === 4 ? 32 : 128;
  return { base: width === 32 ? v4(base) : v6(base), bits: Number(bits), width, why };
};

const BLOCKED: readonly Range[] = [
  range('0.0.0.0/8', 'this network'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'carrier-grade NAT'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local (cloud metadata)'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'IETF protocol assignments'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'benchmarking'),
  range('224.0.0.0/4', 'multicast'),
  range('240.0.0.0/4', 'reserved'),
  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  range('64:ff9b:1::/48', 'local-use NAT64'),
  range('100::/64', 'discard-only'),
  range('fc00::/7', 'unique local (ULA)'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'site-local'),
  range('ff00::/8', 'multicast'),
  range('fd00:ec2::254/128', 'cloud metadata'),
];

function inRange(value: bigint, width: 32 | 128, r: Range): boolean {
  if (width !== r.width) return false;
  const shift = BigInt(width - r.bits);
  return value >> shift === r.base >> shift;
}

/** The IPv4 address an IPv6 one carries (mapped `::ffff:a.b.c.d`, or NAT64 `64:ff9b::a.b.c.d`), if any. */
function carriedV4(value: bigint): bigint | null {
  if (value >> 32n === 0xffffn) return value & 0xffffffffn;
  if (value >> 32n === 0x64ff9b0000000000000000n) return value & 0xffffffffn;
  return null;
}

/** Why `address` (an IP literal) may not be called, or null when it may. Not an IP: refused. */
export function blockedAddressReason(address: string): string | null {
  const literal = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const version = isIP(literal);
  if (version === 0) return 'not an IP address';
  const width = version === 4 ? 32 : 128;
  const value = version === 4 ? v4(literal) : v6(literal);
  const hit = BLOCKED.find((r) => inRange(value, width, r));
  if (hit) return hit.why;
  const inner = version === 6 ? carriedV4(value) : null;
  if (inner !== null) {
    const carried = BLOCKED.find((r) => inRange(inner, 32, r));
    if (carried) return `${carried.why} (IPv4 inside IPv6)`;
  }
  return null;
}

/** Names that always mean this host or a metadata service, whatever DNS says. */
const BLOCKED_NAMES = /^(localhost|.*\.localhost|metadata\.google\.internal|metadata|instance-data)\.?$/i;

export function blockedNameReason(hostname: string): string | null {
  return BLOCKED_NAMES.test(hostname) ? 'a name of this host or of a metadata service' : null;
}

/**
 * Why a URL's host (`url.hostname`) names a destination inside (a blocked literal address, or a
 * name of this host or of a metadata service), or null. Checked when a URL is configured; names
 * that resolve inside are caught again when they are called.
 */
export function internalHostReason(hostname: string): string | null {
  const host = hostname.replace(/^\[|\]$/g, '');
  const literal = blockedAddressReason(host);
  return literal === 'not an IP address' ? blockedNameReason(host) : literal;
}
