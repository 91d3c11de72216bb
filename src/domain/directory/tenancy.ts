/** Tenants contain realms; a realm holds applications, settings and identities. */
export interface Tenant {
  id: string;
  display_name: string;
  create_time: string;
  update_time: string;
}

/** What yonder keeps about a tenant besides its public fields. */
export interface TenantRecord extends Tenant {
  admin_realm_id: string;
  management_application_id: string;
}

export const REALM_CLASSIFICATIONS = ['SECURE_CUSTOMER', 'SECURE_WORKFORCE'] as const;
export type RealmClassification = (typeof REALM_CLASSIFICATIONS)[number];

export interface Realm {
  id: string;
  tenant_id: string;
  display_name: string;
  classification: RealmClassification;
  create_time: string;
  update_time: string;
}
