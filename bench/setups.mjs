// Unmeasured set-up for the bench operations that need data before they can be driven (group
// members to add, a 10k-group policy to evaluate, client credentials), shared by bench/run.mjs
// and bench/profile.mjs.
//
// A `target` is a started yonder: { url, databaseUrl, ctx } where ctx has tenantId, realmId,
// headers (admin bearer token) and, from the first-start banner, `client` (the management
// application's client credentials). Bulk rows go in with `yonder seed` (a second process on the
// same store: batched inserts, seconds instead of minutes through the API); everything else goes
// through the API. Each set-up works in a realm of its own, so the other operations' realm keeps
// its size.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'main.js');

/** The management application's credentials, as `yonder serve` prints them on first start. */
export function clientFromBanner(stdout) {
  const take = (key) => new RegExp(`export ${key}=(\\S+)`).exec(stdout)?.[1];
  return { realmId: take('ADMIN_REALM_ID'), applicationId: take('APPLICATION_ID'), clientId: take('CLIENT_ID'), clientSecret: take('CLIENT_SECRET') };
}

export async function api(target, method, path, body) {
  const res = await fetch(`${target.url}${path}`, {
    method,
    headers: target.ctx.headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} ${path.slice(0, 120)}: ${res.status} ${text.slice(0, 500)}`);
  return text === '' ? undefined : JSON.parse(text);
}

/** Every item of a v1 list, 200 a page. */
export async function listAll(target, path, key) {
  const items = [];
  for (let token = ''; ; ) {
    const page = await api(target, 'GET', `${path}?page_size=200${token ? `&page_token=${encodeURIComponent(token)}` : ''}`);
    items.push(...page[key]);
    if (!page.next_page_token) return items;
    token = page.next_page_token;
  }
}

function cli(target, args) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, DATABASE_URL: target.databaseUrl }, maxBuffer: 1 << 24 },
      (error, stdout, stderr) => (error ? reject(new Error(`yonder ${args.join(' ')}: ${stderr}`)) : resolve(stdout)),
    );
  });
}

export async function benchRealm(target, name) {
  const realm = await api(target, 'POST', `/v1/tenants/${target.ctx.tenantId}/realms`, {
    realm: { display_name: `${name} ${randomBytes(3).toString('hex')}` },
  });
  return { id: realm.id, path: (rest) => `/v1/tenants/${target.ctx.tenantId}/realms/${realm.id}${rest}` };
}

/**
 * A group and `identities` identities that are not in it, in a realm of their own. `next()` hands
 * out their ids in turn; past the last it starts over (adding a member twice is not an error, but
 * those requests are cheaper, so `wrapped` says how many there were).
 */
export async function setupAddMembers(target, { identities }) {
  const realm = await benchRealm(target, 'Bench members');
  await cli(target, ['seed', '--identities', String(identities), '--realm', realm.id]);
  const ids = (await listAll(target, realm.path('/identities'), 'identities')).map((i) => i.id);
  if (ids.length !== identities) throw new Error(`seeded ${identities} identities, listed ${ids.length}`);
  const group = await api(target, 'POST', realm.path('/groups'), { group: { display_name: 'bench members' } });
  const state = { path: realm.path(`/groups/${group.id}:addMembers`), ids, issued: 0, wrapped: 0 };
  state.next = () => {
    const id = ids[state.issued % ids.length];
    if (state.issued >= ids.length) state.wrapped++;
    state.issued++;
    return id;
  };
  return state;
}

/** The request adding the next fresh identity to the group, one per call. */
export function addMembersRequest(state) {
  return {
    method: 'POST',
    path: state.path,
    setupRequest: (req) => ({ ...req, body: JSON.stringify({ identity_ids: [state.next()] }) }),
  };
}

/**
 * The scale of bench/policy-evaluate.ts, over HTTP: `groups` groups, a published policy of `rules`
 * rules each naming `groupsPerRule` groups and one of ten applications, and one identity in the
 * last `memberships` groups, which no rule but the last (ALLOW) names: every evaluation walks all
 * the rules. Returns the evaluate request's path and body, checked once.
 */
export async function setupPolicyEvaluate(target, { groups = 10_000, rules = 1_000, groupsPerRule = 10, memberships = 20, applications = 10 } = {}) {
  const realm = await benchRealm(target, 'Bench policy');
  await cli(target, ['seed', '--identities', '1', '--groups', String(groups), '--realm', realm.id]);
  const groupIds = (await listAll(target, realm.path('/groups'), 'groups')).map((g) => g.id);
  if (groupIds.length !== groups) throw new Error(`seeded ${groups} groups, listed ${groupIds.length}`);
  const [identity] = await listAll(target, realm.path('/identities'), 'identities');
  const appIds = [];
  for (let i = 0; i < applications; i++) {
    const app = await api(target, 'POST', realm.path('/applications'), {
      application: { display_name: `bench app ${i}`, protocol_config: { type: 'oidc' } },
    });
    appIds.push(app.id);
  }
  const mine = groupIds.slice(groups - memberships);
  await Promise.all(mine.map((g) => api(target, 'POST', realm.path(`/groups/${g}:addMembers`), { identity_ids: [identity.id] })));

  const ruleList = [];
  for (let r = 0; r < rules - 1; r++) {
    ruleList.push({
      name: `rule ${r}`,
      transaction: 'authentication',
      action: r % 10 === 0 ? 'MONITOR' : 'DENY',
      conditions: {
        groups: Array.from({ length: groupsPerRule }, (_, k) => groupIds[(r * groupsPerRule + k) % (groups - memberships)]),
        applications: [appIds[r % appIds.length]],
      },
    });
  }
  ruleList.push({
    name: 'allow members of the last group',
    transaction: 'authentication',
    action: 'ALLOW',
    conditions: { groups: [groupIds[groups - 1]], applications: [appIds[0]] },
  });
  const current = await api(target, 'GET', realm.path('/policy'));
  const policy = await api(target, 'PUT', realm.path('/policy'), { policy: { version: current.version, rules: ruleList } });

  const path = realm.path('/policy:evaluate');
  const body = JSON.stringify({ identity_id: identity.id, application_id: appIds[0], transaction: 'authentication' });
  const check = await api(target, 'POST', path, JSON.parse(body));
  const last = policy.rules[policy.rules.length - 1].id;
  if (check.decision !== 'ALLOW' || check.rule_id !== last) throw new Error(`unexpected decision ${JSON.stringify(check).slice(0, 300)}`);
  return { path, body, summary: `${groups} groups, ${rules} rules, identity in ${memberships} groups` };
}

export function evaluateRequest(state) {
  return { method: 'POST', path: state.path, body: state.body };
}

/** Basic credentials as RFC 6749 §2.3.1 spells them: each part form-url-encoded. */
export function basicAuth(clientId, clientSecret) {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
}

/** The client-credentials grant of the management application, authenticated by HTTP Basic. */
export function tokenRequest(ctx) {
  const { realmId, applicationId, clientId, clientSecret } = ctx.client;
  return {
    method: 'POST',
    path: `/v1/tenants/${ctx.tenantId}/realms/${realmId}/applications/${applicationId}/token`,
    headers: { authorization: basicAuth(clientId, clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  };
}
