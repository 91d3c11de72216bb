import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_CONDITION_IDS, MAX_RULES, POLICY_ACTIONS, POLICY_TRANSACTIONS, type Policy } from '../../domain/access/policy.js';
import { ListQuery, RealmParams, StringEnum, Timestamp, errorResponses, requiresScope, verbPath } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import { evaluate, getPolicy, listPolicyVersions, putPolicy, restorePolicy } from '../../services/access/policy.js';
import { realmRef } from '../params.js';

/**
 * yonder's own policy API (the v1 contract has none): one policy per realm, published as numbered
 * versions. See `domain/access/policy.ts` for how rules are evaluated.
 */
const BASE = '/v1/tenants/:tenant_id/realms/:realm_id/policy';
const tags = ['Policy'];

const Ids = (what: string) => Type.Array(Type.String({ maxLength: 64 }), { maxItems: MAX_CONDITION_IDS, description: `${what}; empty matches all.` });

const ConditionsInput = Type.Object(
  {
    groups: Type.Optional(Ids('The identity is a member of any of these groups')),
    applications: Type.Optional(Ids('The request is for one of these applications')),
    identities: Type.Optional(Ids('The identity is one of these')),
  },
  { additionalProperties: false },
);

const RuleInput = Type.Object(
  {
    id: Type.Optional(
      Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', violation: 'must be 1-64 letters, digits, - or _', description: 'Generated when left out.' }),
    ),
    name: Type.String({ minLength: 1, maxLength: 128 }),
    description: Type.Optional(Type.String({ maxLength: 300 })),
    transaction: StringEnum(POLICY_TRANSACTIONS),
    action: StringEnum(POLICY_ACTIONS, '`MONITOR` rules are reported when they match but never decide.'),
    conditions: Type.Optional(ConditionsInput),
    deny_message: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);

const Rule = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  transaction: Type.String(),
  action: Type.String(),
  conditions: Type.Object({
    groups: Type.Array(Type.String()),
    applications: Type.Array(Type.String()),
    identities: Type.Array(Type.String()),
  }),
  deny_message: Type.String(),
});

const PolicySchema = Type.Object(
  {
    tenant_id: Type.String(),
    realm_id: Type.String(),
    version: Type.Integer({ description: 'Published versions count up from 1; 0 means never published (deny all).' }),
    rules: Type.Array(Rule),
    create_time: Timestamp,
  },
  { $id: 'Policy' },
);

const Version = Type.Integer({ minimum: 0, maximum: 2_000_000_000 });

export const policyRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(PolicySchema);

  app.get(
    BASE,
    {
      schema: {
        operationId: 'GetPolicy',
        description: "The realm's published policy: its rules, in order, and its version (0 when none was ever published, which denies everything).",
        summary: "Retrieve the realm's current policy",
        tags,
        security: requiresScope('policy:read'),
        params: RealmParams,
        response: { 200: Type.Ref('Policy'), ...errorResponses(404) },
      },
    },
    async (request): Promise<Policy> => getPolicy(yonder, realmRef(request.params)),
  );

  app.put(
    BASE,
    {
      schema: {
        operationId: 'PutPolicy',
        summary: 'Publish a new version of the policy',
        description:
          'Replaces the whole ordered rule list. `version` is the version the change was made on; when it is ' +
          'no longer the current one the answer is 409 and nothing is published. Rules may only name groups, ' +
          'applications and identities of the realm (400 naming `policy.rules[i].conditions.<kind>`).',
        tags,
        security: requiresScope('policy:update'),
        params: RealmParams,
        body: Type.Object({
          policy: Type.Object({ version: Version, rules: Type.Array(RuleInput, { maxItems: MAX_RULES }) }, { additionalProperties: false }),
        }),
        response: { 200: Type.Ref('Policy'), ...errorResponses(404, 409) },
      },
    },
    async (request) => putPolicy(yonder, realmRef(request.params), request.body.policy),
  );

  app.get(
    verbPath(BASE, null, 'listVersions'),
    {
      schema: {
        operationId: 'ListPolicyVersions',
        description: "Every version of the realm's policy that was published, oldest first, so a change can be reviewed.",
        summary: 'List every published version of the policy, oldest first',
        tags,
        security: requiresScope('policy:read'),
        params: RealmParams,
        querystring: Type.Object(ListQuery),
        response: {
          200: Type.Object({
            policies: Type.Array(Type.Ref('Policy')),
            total_size: Type.Integer(),
            next_page_token: Type.Optional(Type.String()),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const page = await listPolicyVersions(yonder, realmRef(request.params), request.query);
      return { policies: page.items, total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );

  app.post(
    verbPath(BASE, null, 'restore'),
    {
      schema: {
        operationId: 'RestorePolicy',
        summary: 'Publish a new version with the rules of an old one',
        description: '409 when the old version names groups or applications that no longer exist.',
        tags,
        security: requiresScope('policy:update'),
        params: RealmParams,
        body: Type.Object({ version: Type.Integer({ minimum: 1, maximum: 2_000_000_000 }) }, { additionalProperties: false }),
        response: { 200: Type.Ref('Policy'), ...errorResponses(404, 409) },
      },
    },
    async (request) => restorePolicy(yonder, realmRef(request.params), request.body.version),
  );

  app.post(
    verbPath(BASE, null, 'evaluate'),
    {
      schema: {
        operationId: 'EvaluatePolicy',
        summary: "Decide a request against the realm's current policy",
        description:
          'Suspended identities are denied (`rule_id: "suspended"`); otherwise the first matching ALLOW or DENY ' +
          'rule decides, matching MONITOR rules are listed, and when nothing decides the answer is DENY ' +
          '(`rule_id: "default"`).',
        tags,
        security: requiresScope('policy:evaluate'),
        params: RealmParams,
        body: Type.Object(
          {
            identity_id: Type.String({ maxLength: 64 }),
            application_id: Type.Optional(Type.String({ maxLength: 64 })),
            transaction: StringEnum(POLICY_TRANSACTIONS),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            decision: StringEnum(['ALLOW', 'DENY'] as const),
            rule_id: Type.String(),
            monitored_rule_ids: Type.Array(Type.String()),
            deny_message: Type.Optional(Type.String()),
            policy_version: Type.Integer(),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => evaluate(yonder, realmRef(request.params), request.body),
  );
};
