import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../auth.js';
import { IdentityParams, RealmParams, StringEnum, Timestamp, errorResponses, requiresScope, verbPath } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import {
  getAccountSettings,
  listPasskeys,
  putAccountSettings,
  renameIdentityPasskey,
  sendRecoveryLink,
  signOutEverywhere,
} from '../../services/passkeys/account.js';
import { realmRef } from '../params.js';
import { JobSchema } from './credential-binding-jobs.js';

const IDENTITIES = '/v1/tenants/:tenant_id/realms/:realm_id/identities';
const IDENTITY = `${IDENTITIES}/:identity_id`;
const tags = ['Account (yonder)'];

const withoutNulls = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) as T;

const Passkey = Type.Object(
  {
    id: Type.String({ description: "The credential's id (the same as in the credentials list)." }),
    name: Type.String({ description: "The name its person gave it; else its provider's name; else `Passkey`." }),
    provider: Type.Union([Type.String(), Type.Null()], { description: "The passkey provider's name from the authenticator's AAGUID, when known." }),
    device: StringEnum(['synced', 'device_bound'] as const, 'Synced by its provider to other devices, or held by one device.'),
    create_time: Timestamp,
    last_used_time: Type.Union([Timestamp, Type.Null()]),
    current: Type.Boolean({ description: 'Always false here: only the account page has a session of its own.' }),
  },
  { $id: 'Passkey' },
);
const settingsFields = {
  allow_removing_last_passkey: Type.Boolean({
    description: 'Whether a person may remove their last passkey on the account page (default false: they must add another first).',
  }),
};
const signInProviders = Type.Array(Type.String({ maxLength: 64 }), {
  maxItems: 20,
  description:
    'The realm\'s identity providers its hosted sign-in pages offer ("Sign in with ..."): the person is matched to one existing identity, never created. Default none.',
});
const AccountSettings = Type.Object({ ...settingsFields, sign_in_identity_providers: signInProviders }, { $id: 'AccountSettings' });
const PasskeyParams = Type.Composite([IdentityParams, Type.Object({ credential_id: Type.String({ description: "The passkey's credential id." }) })]);

/**
 * yonder's own operations beside the contract for the account page's administration: an
 * identity's passkeys with their names and device kinds, renaming one, ending every session, a
 * recovery link, and the realm's account settings. The same services the account page calls.
 */
export const accountAdminRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(Passkey);
  app.addSchema(AccountSettings);
  app.addSchema(JobSchema);
  const accountUrl = (p: { tenant_id: string; realm_id: string }) =>
    `${yonder.config.publicUrl}/hosted/tenants/${p.tenant_id}/realms/${p.realm_id}/account`;

  app.get(
    `${IDENTITY}/passkeys`,
    {
      schema: {
        operationId: 'ListPasskeys',
        summary: "List an identity's active passkeys with their names, device kinds and last use",
        description: 'What the account page shows of each active passkey; revoked ones are in the credentials list only.',
        tags,
        security: requiresScope('credentials:read'),
        params: IdentityParams,
        response: { 200: Type.Object({ passkeys: Type.Array(Type.Ref('Passkey')) }), ...errorResponses(404) },
      },
    },
    async (request) => ({ passkeys: await listPasskeys(yonder, realmRef(request.params), request.params.identity_id) }),
  );

  app.post(
    verbPath(`${IDENTITY}/passkeys`, 'credential_id', 'rename'),
    {
      schema: {
        operationId: 'RenamePasskey',
        summary: "Rename an identity's passkey",
        description: 'Gives an active passkey the name its person sees on the account page (1 to 64 characters).',
        tags,
        security: requiresScope('identities:update'),
        params: PasskeyParams,
        body: Type.Object({ display_name: Type.String({ maxLength: 256 }) }),
        response: { 200: Type.Ref('Passkey'), ...errorResponses(404) },
      },
    },
    async (request) =>
      renameIdentityPasskey(yonder, realmRef(request.params), request.params.identity_id, request.params.credential_id, request.body.display_name),
  );

  app.post(
    verbPath(IDENTITIES, 'identity_id', 'signOutEverywhere'),
    {
      schema: {
        operationId: 'SignOutIdentityEverywhere',
        summary: 'End every session of an identity',
        description:
          "Ends the identity's hosted sessions (and the console tokens minted from them) and its OpenID Connect sessions and grants " +
          'in every application of the realm, revoking the access and refresh tokens issued through them.',
        tags,
        security: requiresScope('credentials:revoke'),
        params: IdentityParams,
        response: { 200: Type.Object({ sessions: Type.Integer(), tokens: Type.Integer() }), ...errorResponses(404) },
      },
    },
    async (request) => signOutEverywhere(yonder, realmRef(request.params), request.params.identity_id),
  );

  app.post(
    verbPath(IDENTITIES, 'identity_id', 'sendRecoveryLink'),
    {
      schema: {
        operationId: 'SendRecoveryLink',
        summary: 'Email an identity a short-lived link to add a passkey',
        description:
          'The link "send me a new link" sends: an EMAIL credential binding job that works once, within 30 minutes, and leads to the ' +
          "account page. 422 when the identity has no email address; as for any binding link, the caller must be able to grant the identity's roles.",
        tags,
        security: requiresScope('credential-binding-jobs:create'),
        params: IdentityParams,
        response: { 200: Type.Object({ credential_binding_job: Type.Ref('CredentialBindingJob') }), ...errorResponses(404, 422) },
      },
    },
    // Unset optional fields are left out, as the contract shows a job.
    async (request) => ({
      credential_binding_job: withoutNulls(
        await sendRecoveryLink(yonder, realmRef(request.params), request.params.identity_id, principalOf(request), accountUrl(request.params)),
      ),
    }),
  );

  const SETTINGS = '/v1/tenants/:tenant_id/realms/:realm_id/account-settings';
  app.get(
    SETTINGS,
    {
      schema: {
        operationId: 'GetAccountSettings',
        summary: "The realm's account page settings",
        description: 'What people of the realm may do on their account page.',
        tags,
        security: requiresScope('realms:read'),
        params: RealmParams,
        response: { 200: Type.Ref('AccountSettings'), ...errorResponses(404) },
      },
    },
    async (request) => getAccountSettings(yonder, realmRef(request.params)),
  );
  app.put(
    SETTINGS,
    {
      schema: {
        operationId: 'PutAccountSettings',
        summary: "Change the realm's account page settings",
        description: 'Replaces what people of the realm may do on their account page.',
        tags,
        security: requiresScope('realms:update'),
        params: RealmParams,
        body: Type.Object({ ...settingsFields, sign_in_identity_providers: Type.Optional(signInProviders) }),
        response: { 200: Type.Ref('AccountSettings'), ...errorResponses(404) },
      },
    },
    async (request) => putAccountSettings(yonder, realmRef(request.params), request.body),
  );
};
