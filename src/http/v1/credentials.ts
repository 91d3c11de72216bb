import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdentityParams, ListQuery, StringEnum, Timestamp, errorResponses, requiresScope, verbPath } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import { getCredential, listCredentials, revokeCredential } from '../../services/passkeys/credentials.js';
import { realmRef } from '../params.js';

const BASE = '/v1/tenants/:tenant_id/realms/:realm_id/identities/:identity_id/credentials';
const CredentialParams = Type.Composite([
  IdentityParams,
  Type.Object({ credential_id: Type.String({ description: "The credential's (passkey's) id, within the identity." }) }),
]);
const tags = ['Credentials'];

export const CredentialSchema = Type.Object(
  {
    id: Type.String(),
    identity_id: Type.String(),
    realm_id: Type.String(),
    tenant_id: Type.String(),
    state: StringEnum(['ACTIVE', 'REVOKED'] as const),
    csr_type: StringEnum(['JWT', 'WEBAUTHN', 'FIDO2'] as const),
    jwk_json: Type.String(),
    jwk_thumbprint: Type.String(),
    create_time: Timestamp,
    update_time: Timestamp,
  },
  { $id: 'Credential' },
);

/** `-` in place of the identity id means every identity of the realm. */
const identityOf = (id: string) => (id === '-' ? null : id);

export const credentialRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(CredentialSchema);

  app.get(
    BASE,
    {
      schema: {
        operationId: 'ListCredentials',
        description: 'The credentials (passkeys) of an identity; `-` as the identity id lists those of the whole realm.',
        summary: 'List credentials of an identity, or of the realm with `-`',
        tags,
        security: requiresScope('credentials:read'),
        params: IdentityParams,
        querystring: Type.Object(ListQuery),
        response: {
          200: Type.Object({
            credentials: Type.Array(Type.Ref('Credential')),
            total_size: Type.Integer(),
            next_page_token: Type.Optional(Type.String()),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const page = await listCredentials(yonder, realmRef(request.params), identityOf(request.params.identity_id), request.query);
      return { credentials: page.items, total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );

  /** A route on one credential that answers it; its path names the credential and its identity (or `-`). */
  const oneCredential = (operationId: string, summary: string, description: string, scope: string) => ({
    schema: {
      operationId,
      summary,
      description,
      tags,
      security: requiresScope(scope),
      params: CredentialParams,
      response: { 200: Type.Ref('Credential'), ...errorResponses(404) },
    },
  });
  const credentialOf = (p: Static<typeof CredentialParams>) => [realmRef(p), identityOf(p.identity_id), p.credential_id] as const;

  app.get(
    `${BASE}/:credential_id`,
    oneCredential('GetCredential', 'Retrieve a credential', 'One credential (passkey) of the identity, by id.', 'credentials:read'),
    async (request) => getCredential(yonder, ...credentialOf(request.params)),
  );

  app.post(
    verbPath(BASE, 'credential_id', 'revoke'),
    oneCredential(
      'RevokeCredential',
      'Revoke a credential: it can no longer sign in, and its sessions end',
      'Revokes the credential: it can no longer sign in, and the sessions it opened end.',
      'credentials:revoke',
    ),
    async (request) => revokeCredential(yonder, ...credentialOf(request.params)),
  );
};
