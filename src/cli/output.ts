import type { BootstrapResult } from '../services/bootstrap.js';

/** The first-start message: what was created, the admin token (shown only now), a ready curl line. */
export function bootstrapBanner(result: BootstrapResult, publicUrl: string): string {
  const { tenant, adminRealm, defaultRealm, adminToken } = result;
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
    'More tokens: npm run yonder -- token create --scopes all',
    '',
  ].join('\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
