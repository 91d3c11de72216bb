/** The v1 resources the console shows, as the API returns them. */

export interface Page {
  next_page_token?: string;
  total_size?: number;
}

export interface Tenant {
  id: string;
  display_name: string;
  create_time: string;
  update_time: string;
}

export interface Realm {
  id: string;
  tenant_id: string;
  display_name: string;
  classification?: string;
  create_time: string;
  update_time: string;
}

export interface Traits {
  type: 'traits_v0';
  username?: string;
  primary_email_address?: string;
  external_id?: string;
  given_name?: string;
  family_name?: string;
  formatted_name?: string;
  [trait: string]: unknown;
}

export interface Identity {
  id: string;
  realm_id: string;
  tenant_id: string;
  display_name: string;
  status: 'active' | 'suspended';
  traits: Traits;
  enrollment_status?: 'ENROLLED' | 'PENDING' | 'INVITE_FAILED' | 'UNENROLLED';
  create_time: string;
  update_time: string;
}

export interface Group {
  id: string;
  realm_id: string;
  tenant_id: string;
  display_name: string;
  description?: string;
  create_time: string;
  update_time: string;
}
