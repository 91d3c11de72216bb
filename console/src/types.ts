/** The v1 resources the console shows, as the API returns them. */

import type { components } from './api-types.gen';

export interface Page {
  next_page_token?: string;
  total_size?: number;
}

/** The resources as yonder's OpenAPI document describes them (see api-types.gen.ts). */
type Schemas = components['schemas'];

export type Tenant = Schemas['Tenant'];
export type Realm = Schemas['Realm'];
export type Identity = Schemas['Identity'];
export type Traits = Identity['traits'];
export type Group = Schemas['Group'];
