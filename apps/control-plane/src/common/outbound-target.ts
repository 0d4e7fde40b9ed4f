import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where the control plane may send a request to an address someone else chose (a tenant's
 * webhook, an identity provider's JWKS URL). Such a request from inside the platform could reach
 * internal services (SSRF), so loopback, private, link-local, shared, multicast and reserved
 * addresses are refused unless allowed by config, when the URL is saved and again, after DNS
 * resolution, at every connection.
 */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

export class BlockedTargetError extends Error {
  override readonly name = 'BlockedTargetError';
  readonly code = 'EBLOCKEDTARGET';
}

export const BLOCKED_TARGET_MESSAGE = 'must not point to a loopback, private, link-local or reserved address';

/** True for an address an outbound request must not reach by default. IPv4 inside IPv6 is judged as IPv4. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '');
  const version = isIP(ip);
  if (version === 4) return BLOCKED.check(ip, 'ipv4');
  if (version !== 6) return true;
  const embedded = embeddedIpv4(ip);
  if (embedded) return BLOCKED.check(embedded, 'ipv4');
  return BLOCKED.check(ip, 'ipv6');
}

/** The IPv4 address of an IPv4-mapped (::ffff:a.b.c.d), -compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address. */
function embeddedIpv4(ip: string): string | null {
  const groups = expandIpv6(ip.toLowerCase());
  if (!groups) return null;
  const prefix = groups.slice(0, 6).map((group) => group.toString(16)).join(':');
  const mapped = prefix === '0:0:0:0:0:ffff' || prefix === '64:ff9b:0:0:0:0' || (prefix === '0:0:0:0:0:0' && groups[6] !== 0);
  if (!mapped) return null;
  const [high, low] = [groups[6]!, groups[7]!];
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

function expandIpv6(ip: string): number[] | null {
  let text = ip.split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const bytes = dotted[1]!.split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? left.length !== 8 : missing < 0) return null;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((group) => parseInt(group, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** Syntax only: an absolute http(s) URL with a host. The message names the rule, never the value. */
export function httpUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (!url.hostname) return 'must name a host';
  return null;
}

export type Resolve = (hostname: string) => Promise<string[]>;

const resolveAll: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses.map((a) => a.address)))),
  );

/**
 * Null when the URL may be requested; else why not. Checks the syntax, and unless private
 * targets are allowed, every address the host resolves to (a host with any private address is
 * refused). A request checks the addresses again when it connects (see guardedLookup).
 */
export async function outboundTargetProblem(value: string, allowPrivate: boolean, resolve: Resolve = resolveAll): Promise<string | null> {
  const syntax = httpUrlProblem(value);
  if (syntax || allowPrivate) return syntax;
  const host = new URL(value).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isPrivateAddress(host) ? BLOCKED_TARGET_MESSAGE : null;
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return 'host could not be resolved';
  }
  if (addresses.length === 0) return 'host could not be resolved';
  return addresses.some(isPrivateAddress) ? BLOCKED_TARGET_MESSAGE : null;
}

/**
 * A DNS lookup for http.request that drops private addresses at connection time, so a host that
 * resolved to a public address when the endpoint was saved cannot be re-pointed inside (DNS
 * rebinding). Fails with BlockedTargetError when nothing is left.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { family: options.family ?? 0, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const allowed = allowPrivate ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
      if (allowed.length === 0) return callback(new BlockedTargetError('host resolves only to blocked addresses'));
      if (options.all) return callback(null, allowed);
      return callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  }) as unknown as LookupFunction;
}

/**
 * An http(s) request to a URL someone else chose, reaching only addresses the policy allows: an
 * IP literal (which skips DNS, and so guardedLookup) is judged before anything is sent, a name at
 * connection time after DNS resolution. Null, with nothing sent, for a blocked literal.
 */
export function outboundRequest(url: URL, allowPrivate: boolean, options: RequestOptions, onResponse: (response: IncomingMessage) => void): ClientRequest | null {
  // Stryker disable next-line Regex: equivalent, a URL's hostname has brackets only around an IPv6 address, at both ends
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) && isPrivateAddress(host)) return null;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return send(url, { ...options, lookup: guardedLookup(allowPrivate) }, onResponse);
}
