// What the two database ceilings share: the identity row a create body makes, and the JSON answer.
import { randomBytes } from 'node:crypto';

/** The row both ceilings insert for a v1 identity, with a fresh id. */
export function identityRow(identity) {
  return {
    id: randomBytes(8).toString('hex'),
    realm_id: 'r',
    display_name: identity.display_name,
    traits: identity.traits,
    create_time: new Date().toISOString(),
  };
}

export function sendJson(res, status, value) {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
