import { JOB_TTL_SECONDS } from '../domain/passkeys/passkeys.js';
import type { BootstrapResult } from '../services/bootstrap.js';

/** The first-start message: what was created, the admin token (shown only now), a ready curl line. */
export function bootstrapBanner(result: BootstrapResult, publicUrl: string): string {
  const { tenant, adminRealm, defaultRealm, adminToken, managementClient, consoleLink } = result;
  const body = JSON.stringify({
    identity: {
      display_name: 'Test Identity',
      traits: { type: 'traits_v0', username: 'test', primary_email_address: 'test@example.com' },
    },
  });
  return [
    '',
    'yonder: first start, created a tenant with an admin realm and a realm named "Default".',
    '',
    `  tenant          ${tenant.id}`,
    `  admin realm     ${adminRealm.id}`,
    `  Default realm   ${defaultRealm.id}`,
    '',
    ...(consoleLink ? consoleLinkLines(consoleLink, publicUrl) : []),
    'Admin token (every scope, valid 90 days). It is shown only this once; keep it safe.',
    'Paste these lines into your shell:',
    '',
    `export YONDER_URL=${publicUrl}`,
    `export TENANT_ID=${tenant.id}`,
    `export REALM_ID=${defaultRealm.id}`,
    `export YONDER_TOKEN=${adminToken}`,
    '',
    'Then create an identity:',
    '',
    `curl -sS -X POST "$YONDER_URL/v1/tenants/$TENANT_ID/realms/$REALM_ID/identities" \\`,
    `  -H "Authorization: Bearer $YONDER_TOKEN" -H "Content-Type: application/json" \\`,
    `  -d '${body}'`,
    '',
    ...(managementClient ? managementClientLines(managementClient, tenant.id, adminRealm.id, publicUrl) : []),
    'More tokens: npm run yonder -- token create --scopes all',
    '',
  ].join('\n');
}

/**
 * The "yonder Management API" application's client credentials, for scripts written for Beyond
 * Identity: they obtain tokens by the client-credentials grant. The secret is shown only once.
 */
function managementClientLines(
  client: NonNullable<BootstrapResult['managementClient']>,
  tenantId: string,
  adminRealmId: string,
  publicUrl: string,
): string[] {
  return [
    'The "yonder Management API" application issues tokens by the OAuth client-credentials grant.',
    'Its client secret is shown only this once (rotate it with: yonder app credentials):',
    '',
    `export ADMIN_REALM_ID=${adminRealmId}`,
    `export APPLICATION_ID=${client.applicationId}`,
    `export CLIENT_ID=${client.clientId}`,
    `export CLIENT_SECRET=${client.clientSecret}`,
    '',
    `curl -sS -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials \\`,
    `  "${publicUrl}/v1/tenants/${tenantId}/realms/$ADMIN_REALM_ID/applications/$APPLICATION_ID/token"`,
    '',
  ];
}

/** The Admin Console: the first administrator's one-time enrollment link, then where the console is. */
function consoleLinkLines(link: string, publicUrl: string): string[] {
  return [
    `Open this link to create the first administrator's passkey: ${link}`,
    `It works once, for ${JOB_TTL_SECONDS / 86_400} days, and then takes you to the Admin Console at ${publicUrl}/console/.`,
    'A fresh link any time: npm run yonder -- console-link',
    '',
  ];
}

/** What `yonder app credentials` prints: the new secret, once. */
export function credentialLines(applicationId: string, clientId: string, clientSecret: string): string {
  return [`export APPLICATION_ID=${applicationId}`, `export CLIENT_ID=${clientId}`, `export CLIENT_SECRET=${clientSecret}`, ''].join('\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
