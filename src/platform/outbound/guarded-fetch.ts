import { lookup } from 'node:dns';
import { type LookupFunction, isIP } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { blockedAddressReason, blockedNameReason } from '../../domain/network/address.js';

/**
 * `fetch` for URLs someone configured through the API (an upstream identity provider's endpoints),
 * which must not become a way to reach what stands behind yonder (server-side request forgery).
 * The check is made where the connection is made, on every connection (redirects included): a
 * name of this host or of a metadata service is refused, a name is resolved once and refused if
 * any of its addresses is loopback, private, link-local or otherwise internal, and the connection
 * goes to the address checked; an IP literal is checked as it is. See domain/network/address.ts.
 */

/** Resolves and checks a name; the connection uses the addresses it answers, so DNS cannot change between. */
const checkingLookup: LookupFunction = (hostname, options, callback) => {
  const refuse = (why: string) => (callback as (error: Error) => void)(new Error(`refused: ${why}`));
  const named = blockedNameReason(hostname);
  if (named !== null) return refuse(named);
  lookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
    if (error) return (callback as (error: Error) => void)(error);
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address);
      if (reason !== null) return refuse(`the name resolves to a ${reason} address`);
    }
    const [first] = addresses;
    if (!first) return refuse('the name resolves to no address');
    if ((options as { all?: boolean }).all) (callback as (e: null, a: typeof addresses) => void)(null, addresses);
    else callback(null, first.address, first.family);
  });
};

const connectChecked = buildConnector({ lookup: checkingLookup });

/** Every connection of the guarded agent: IP literals (which skip the lookup) are checked here. */
const guardedAgent = new Agent({
  connect(options, callback) {
    const host = options.hostname.replace(/^\[|\]$/g, '');
    const reason = isIP(host) !== 0 ? blockedAddressReason(host) : null;
    if (reason !== null) {
      callback(new Error(`refused: a ${reason} address`), null);
      return;
    }
    connectChecked(options, callback);
  },
});

/** With private destinations allowed: the same fetch and response types, connections unchecked. */
const openAgent = new Agent();

/**
 * The `fetch` to call configured URLs with: every connection checked as above, unless the
 * operator lets such calls reach private addresses (`allowPrivate`). Both are undici's fetch with
 * an agent of their own, so the code that reads the responses is the same either way. A refused
 * destination fails like an unreachable one (a `TypeError` whose cause says why).
 */
export function outboundFetch(allowPrivate: boolean): typeof fetch {
  const dispatcher = allowPrivate ? openAgent : guardedAgent;
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as object), dispatcher })) as unknown as typeof fetch;
}
