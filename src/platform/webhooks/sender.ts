import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { blockedAddressReason, blockedNameReason } from '../../domain/network/address.js';

export interface SendOptions {
  /** `WEBHOOKS_ALLOW_PRIVATE`: let loopback, private and metadata addresses through. */
  allowPrivate: boolean;
  /** The whole attempt, connection to response headers; the connection alone gets at most a third. */
  timeoutMs: number;
}

export interface SendResult {
  /** The response status, null when none came (refused, unreachable, timed out). */
  status: number | null;
  /** What went wrong, in a few words without secrets; null on a 2xx. */
  error: string | null;
}

/** The receiver's reply is read no further than this: its status is the answer, the body is not ours. */
const RESPONSE_BODY_LIMIT = 4096;

/**
 * The addresses `hostname` resolves to, each checked: a name or any of its addresses that points
 * inside (loopback, private, link-local, metadata...) refuses the whole delivery, so a name that
 * answers one public and one private address cannot be used to reach the private one.
 */
async function checkedAddresses(hostname: string, allowPrivate: boolean): Promise<{ address: string; family: number }[]> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const version = isIP(host);
  if (version === 0 && !allowPrivate) {
    const reason = blockedNameReason(host);
    if (reason !== null) throw new Error(`refused: ${reason}`);
  }
  const addresses = version !== 0 ? [{ address: host, family: version }] : await lookup(host, { all: true, verbatim: true });
  if (addresses.length === 0) throw new Error('the name resolves to no address');
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address);
      if (reason !== null) throw new Error(`refused: the name resolves to a ${reason} address`);
    }
  }
  return addresses;
}

/** A lookup that answers the one address already checked, so the connection goes where the check looked. */
function pinned(address: string, family: number): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/**
 * POSTs one webhook: resolves and checks the destination, connects to the checked address (TLS
 * still verified against the URL's name), follows no redirect (a 3xx is a failure like any
 * non-2xx), and gives up at the deadline. Never throws: every outcome is a result.
 */
export async function postWebhook(target: string, headers: Record<string, string>, body: string, options: SendOptions): Promise<SendResult> {
  let url: URL;
  try {
    url = new URL(target);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { status: null, error: 'not an http or https URL' };
  } catch {
    return { status: null, error: 'not a URL' };
  }
  let chosen: { address: string; family: number };
  try {
    const addresses = await checkedAddresses(url.hostname, options.allowPrivate);
    chosen = addresses[0] as { address: string; family: number };
  } catch (error) {
    return { status: null, error: (error as Error).message.slice(0, 200) };
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(connectDeadline);
      resolve(result);
    };
    const request = client.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        lookup: pinned(chosen.address, chosen.family),
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        let read = 0;
        const done = () => {
          response.destroy();
          finish({ status, error: status >= 200 && status < 300 ? null : `the receiver answered ${status}` });
        };
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > RESPONSE_BODY_LIMIT) done();
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    const connectDeadline = setTimeout(() => request.destroy(new Error('could not connect in time')), Math.max(1, Math.floor(options.timeoutMs / 3)));
    request.on('socket', (socket) => {
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectDeadline));
    });
    request.on('error', (error) => finish({ status: null, error: error.message.slice(0, 200) }));
    request.end(body);
  });
}

/** How long registering an endpoint waits for its name to resolve before leaving the check to delivery. */
const REGISTRATION_LOOKUP_MS = 2000;

/**
 * Why `target` may not receive webhooks as its name resolves now, or null. A name that does not
 * resolve (yet) is accepted: delivery checks every address again, each time.
 */
export async function destinationProblem(target: string): Promise<string | null> {
  const hostname = new URL(target).hostname;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), REGISTRATION_LOOKUP_MS);
  });
  try {
    return await Promise.race([
      checkedAddresses(hostname, false).then(
        () => null,
        (error: Error) =>
          error.message.startsWith('refused: ') ? `must not point inside the network: ${error.message.slice('refused: '.length)}` : null,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
