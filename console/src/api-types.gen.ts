// Generated from /openapi.json by test/api/console-api-types.test.ts (npm run api-types); do not edit.

export interface paths {
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Public keys that verify the tokens yonder signs
         * @description The JWKS (RFC 7517) of the keys yonder signs management-API tokens with; rotated keys stay listed while tokens they signed may still be live.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: {
                                [key: string]: unknown;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve the tenant
         * @description The tenant the token belongs to: its id, display name and times.
         */
        get: operations["GetTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update the tenant
         * @description Changes the tenant's display name; only the fields sent change.
         */
        patch: operations["UpdateTenant"];
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the realms of a tenant
         * @description Every realm of the tenant, paged with `page_size` and `page_token`.
         */
        get: operations["ListRealms"];
        put?: never;
        /**
         * Create a new realm
         * @description Adds a realm to the tenant. A realm holds its own identities, groups, applications and policy.
         */
        post: operations["CreateRealm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a realm
         * @description One realm of the tenant, by id.
         */
        get: operations["GetRealm"];
        put?: never;
        post?: never;
        /**
         * Delete an empty realm
         * @description Answers 409 `realm has children` while the realm holds identities, groups or applications.
         */
        delete: operations["DeleteRealm"];
        options?: never;
        head?: never;
        /**
         * Update a realm
         * @description Changes a realm's display name; only the fields sent change.
         */
        patch: operations["UpdateRealm"];
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List identities of a realm
         * @description Filters use the SCIM grammar: `eq`, `co`, `sw` on `id`, `display_name`, `traits.username`, `traits.primary_email_address`, `traits.external_id`, joined by `and` / `or`. Usernames, emails and display names compare case-insensitively. The filter is locked into the page token.
         */
        get: operations["ListIdentities"];
        put?: never;
        /**
         * Create a new identity
         * @description Adds an identity (a person) to the realm. `traits.username` must be unique in the realm, compared without case.
         */
        post: operations["CreateIdentity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities:batchDelete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete 1 to 1000 identities, all or nothing
         * @description Deletes the listed identities in one transaction: if any of them cannot be deleted, none is.
         */
        post: operations["BatchDeleteIdentities"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an identity
         * @description One identity of the realm, by id.
         */
        get: operations["GetIdentity"];
        put?: never;
        post?: never;
        /**
         * Delete an identity
         * @description Deletes the identity; the groups it was a member of lose it.
         */
        delete: operations["DeleteIdentity"];
        options?: never;
        head?: never;
        /**
         * Update an identity
         * @description Omitted fields are left unchanged; trait keys are merged and `null` removes one.
         */
        patch: operations["UpdateIdentity"];
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List groups of a realm
         * @description The groups of the realm, paged with `page_size` and `page_token`.
         */
        get: operations["ListGroups"];
        put?: never;
        /**
         * Create a new group
         * @description Adds a group to the realm; its display name must be unique in the realm, whatever the case (409).
         */
        post: operations["CreateGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/groups/{group_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a group
         * @description One group of the realm, by id.
         */
        get: operations["GetGroup"];
        put?: never;
        post?: never;
        /**
         * Delete a group
         * @description Answers 409 `group has children` while the group has members, and 409 naming the rules while a rule of the realm's current policy names the group.
         */
        delete: operations["DeleteGroup"];
        options?: never;
        head?: never;
        /**
         * Update a group
         * @description Omitted fields are left unchanged; read-only fields are ignored.
         */
        patch: operations["UpdateGroup"];
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/groups/{group_id}:addMembers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add 1 to 1000 identities to a group, all or nothing
         * @description Adding a member twice is not an error. Any unknown id (or one of another realm): 404, nothing added. A group that holds roles of the Management API resource server gives its members their scopes: new members need a caller holding all of them, without a realm restriction (else 403).
         */
        post: operations["AddGroupMembers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/groups/{group_id}:deleteMembers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Remove 1 to 1000 identities from a group, all or nothing
         * @description Removing a non-member is not an error. Any unknown id (or one of another realm): 404, nothing removed.
         */
        post: operations["DeleteGroupMembers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/groups/{group_id}:listMembers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the members of a group
         * @description The identities that are members of the group, paged.
         */
        get: operations["ListGroupMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}:listGroups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the groups an identity is a member of
         * @description The groups the identity is a member of, paged.
         */
        get: operations["ListIdentityGroups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List applications of a realm
         * @description Each application with its `client_id`, and its `client_secret` for a token holding `applications:read-secrets` (see GetApplication).
         */
        get: operations["ListApplications"];
        put?: never;
        /**
         * Create a new application
         * @description Issues a `client_id`, and for confidential clients a 256-bit `client_secret` that is shown only in this reply. `allowed_scopes` must be scopes of the application's resource server (same realm). On the Management API resource server they must be scopes the caller holds (else 403: nothing grants more than its caller holds); such an application's tokens are restricted to its realm. `expires_after` is at most 7776000 seconds (90 days).
         */
        post: operations["CreateApplication"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/applications/{application_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an application
         * @description `protocol_config.client_id` is included. `client_secret` is included for a token holding `applications:read-secrets` and every Management API scope the application allows (tenant-wide for the managed Management API application: a secret is its power), each such read an `application.secret_read` event, when yonder keeps the secret sealed (`CLIENT_SECRETS=sealed`, the default; secrets issued before yonder kept them are hashed only). Otherwise it never is; rotate it with `POST .../applications/{application_id}:rotateSecret`.
         */
        get: operations["GetApplication"];
        put?: never;
        post?: never;
        /**
         * Delete an application
         * @description Answers 409 naming the rules while a rule of the realm's current policy names the application. The tokens it issued are revoked with it.
         */
        delete: operations["DeleteApplication"];
        options?: never;
        head?: never;
        /**
         * Update an application
         * @description Omitted fields are left unchanged; `protocol_config` is replaced as a whole. Managed applications: 409. The caller must hold every Management API scope the application allows once changed (403). Tokens issued before stop carrying scopes it no longer allows.
         */
        patch: operations["UpdateApplication"];
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/applications/{application_id}:rotateSecret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a new client secret (yonder)
         * @description yonder's own. Replaces the client secret of a confidential application, managed ones included, and answers the application with the new `protocol_config.client_secret`. The previous secret stops working at once, on every process. Unless the caller may read secrets (`applications:read-secrets`), this is how a lost secret is replaced (the `yonder app credentials` command does the same). Public clients have no secret: 409. The secret is the application's power, so the caller must hold every Management API scope it allows, and for the managed Management API application (tenant-wide tokens) every management scope without a realm restriction (403). Tokens issued before keep working. The change is recorded as an `application.secret_rotated` event, without the secret or its hash.
         */
        post: operations["RotateApplicationSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/resource-servers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List resource servers of a realm
         * @description The resource servers (APIs that accept yonder's tokens) of the realm, paged.
         */
        get: operations["ListResourceServers"];
        put?: never;
        /**
         * Create a new resource server
         * @description An identifier already used in the realm, or `beyondidentity`, answers 409.
         */
        post: operations["CreateResourceServer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/resource-servers/{resource_server_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a resource server
         * @description One resource server of the realm, by id, with its identifier (the tokens' audience) and scopes.
         */
        get: operations["GetResourceServer"];
        put?: never;
        post?: never;
        /**
         * Delete a resource server
         * @description Its roles go with it. Answers 409 for a managed resource server and while applications reference it.
         */
        delete: operations["DeleteResourceServer"];
        options?: never;
        head?: never;
        /**
         * Update a resource server
         * @description Omitted fields are left unchanged; `scopes` is replaced as a whole. Removed scopes leave its roles at once. Answers 409 for a managed resource server, and when a removed scope is still in an application's `allowed_scopes`.
         */
        patch: operations["UpdateResourceServer"];
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/applications/{application_id}/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Obtain an access token (client credentials)
         * @description RFC 6749 §4.4 with a form-encoded body: `grant_type=client_credentials`, optional `scope` (within the application's `allowed_scopes`; all of them when omitted) and `expiration_time` (seconds, at most the configured lifetime). The client authenticates by HTTP Basic or with `client_id` and `client_secret` in the body. Errors follow RFC 6749 §5.2; repeated failed authentications answer 429 with `Retry-After`.
         */
        post: operations["Token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/applications/{application_id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke an access token (RFC 7009)
         * @description Form-encoded `token` (and an optional `token_type_hint`), with the issuing application authenticating as for the token endpoint; a public client (no secret) names itself with `client_id` (RFC 7009 §2.1). Answers 200 with an empty body whether or not the token was known.
         */
        post: operations["RevokeAccessToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/introspect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Introspect an access token (RFC 7662)
         * @description Form-encoded `token`; any confidential application of the realm authenticates with its client credentials. An active token answers its claims; anything else `{"active": false}`.
         */
        post: operations["Introspect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/applications/{application_id}/.well-known/openid-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * OpenID Provider metadata of an application as token issuer
         * @description Describes exactly what yonder serves for this issuer: the token endpoint (client credentials only), RFC 7009 revocation, RFC 7662 introspection and the JWKS. There is no `authorization_endpoint` (nor `userinfo_endpoint`): yonder has no authorization-code or implicit flow, so `response_types_supported` is empty and no ID token is issued. The members OpenID Connect Discovery requires are present: `subject_types_supported` and `id_token_signing_alg_values_supported` describe the access tokens (`sub` is the application id, the same for every caller; signed RS256). Verify tokens with the keys at `jwks_uri`.
         */
        get: operations["OpenIdConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/applications/{application_id}/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The keys that verify the tokens an application issues
         * @description The public keys (JWKS) that verify the access tokens this application issues; a resource server fetches them to check a token's signature.
         */
        get: operations["ApplicationJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/applications/{application_id}/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the live tokens an application issued
         * @description Revoked and expired tokens are not listed. `principal_type` (`application` or `identity`) and `principal_id` together list one principal's tokens: an application's own, or those of the person a console token was minted for.
         */
        get: operations["ListTokens"];
        put?: never;
        /**
         * Create a named token (yonder)
         * @description yonder's own, for the console's "Create token": the application issues a token named `display_name` with the chosen `scopes`, which must be within its `allowed_scopes` (else 400) and within the caller's own (else 403). `expires_after` (seconds) defaults to, and may not exceed, the configured lifetime (at most 90 days). `realm_id` restricts a token of the managed Management API application to one realm of the tenant (a realm-restricted caller can only mint tokens for its own realm); any other application mints tokens restricted to its own realm (another `realm_id`: 400). The token is in `access_token` of this reply only.
         */
        post: operations["CreateToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/applications/{application_id}/tokens/{token_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a token
         * @description The token (by its `jti`) stops working on every process with the next request.
         */
        delete: operations["RevokeToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/resource-servers/{resource_server_id}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List roles of a resource server
         * @description The array is under `roles` (the published file says `groups`).
         */
        get: operations["ListRoles"];
        put?: never;
        /**
         * Create a new role
         * @description The body key is `role` (the published file says `group`; the service uses `role`).
         */
        post: operations["CreateRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/resource-servers/{resource_server_id}/roles/{role_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a role
         * @description One role of the resource server, by id.
         */
        get: operations["GetRole"];
        put?: never;
        post?: never;
        /**
         * Delete a role
         * @description Answers 409 `role has children` while the role has scopes or members; remove them first.
         */
        delete: operations["DeleteRole"];
        options?: never;
        head?: never;
        /**
         * Update a role
         * @description Changes a role's display name or description; only the fields sent change.
         */
        patch: operations["UpdateRole"];
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/resource-servers/{resource_server_id}/roles/{role_id}:addMembers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign identities and groups to a role
         * @description At least one id; at most 1000 of each kind. Unknown identities or groups answer 404. New members of a role of the Management API resource server get its scopes, so adding them needs a caller holding every scope of the role, without a realm restriction (else 403).
         */
        post: operations["AddRoleMembers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/resource-servers/{resource_server_id}/roles/{role_id}:deleteMembers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unassign identities and groups from a role
         * @description At least one id; at most 1000 of each kind. Unknown identities or groups answer 404. New members of a role of the Management API resource server get its scopes, so adding them needs a caller holding every scope of the role, without a realm restriction (else 403).
         */
        post: operations["DeleteRoleMembers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/resource-servers/{resource_server_id}/roles/{role_id}:listMembers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the identities and groups of a role
         * @description The identities and the groups the role is assigned to, each paged on its own (`identities_skip`, `groups_page_size`...).
         */
        get: operations["ListRoleMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/resource-servers/{resource_server_id}/roles/{role_id}:addScopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign scopes to a role
         * @description One to 1000 scopes; added scopes must be scopes of the resource server (else 400). Scopes added to a role of the Management API resource server must be held by the caller, without a realm restriction (else 403).
         */
        post: operations["AddRoleScopes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/resource-servers/{resource_server_id}/roles/{role_id}:deleteScopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unassign scopes from a role
         * @description One to 1000 scopes; added scopes must be scopes of the resource server (else 400). Scopes added to a role of the Management API resource server must be held by the caller, without a realm restriction (else 403).
         */
        post: operations["DeleteRoleScopes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/resource-servers/{resource_server_id}/roles/{role_id}:listScopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the scopes of a role
         * @description The scopes the role grants, paged.
         */
        get: operations["ListRoleScopes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}:listRoles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the roles of an identity on one resource server
         * @description Roles held directly; `resource_server_id` is required.
         */
        get: operations["ListIdentityRoles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/groups/{group_id}:listRoles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the roles of a group on one resource server
         * @description Roles held directly; `resource_server_id` is required.
         */
        get: operations["ListGroupRoles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve the realm's current policy
         * @description The realm's published policy: its rules, in order, and its version (0 when none was ever published, which denies everything).
         */
        get: operations["GetPolicy"];
        /**
         * Publish a new version of the policy
         * @description Replaces the whole ordered rule list. `version` is the version the change was made on; when it is no longer the current one the answer is 409 and nothing is published. Rules may only name groups, applications and identities of the realm (400 naming `policy.rules[i].conditions.<kind>`).
         */
        put: operations["PutPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/policy:listVersions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List every published version of the policy, oldest first
         * @description Every version of the realm's policy that was published, oldest first, so a change can be reviewed.
         */
        get: operations["ListPolicyVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/policy:restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a new version with the rules of an old one
         * @description 409 when the old version names groups or applications that no longer exist.
         */
        post: operations["RestorePolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/policy:evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide a request against the realm's current policy
         * @description Suspended identities are denied (`rule_id: "suspended"`); otherwise the first matching ALLOW or DENY rule decides, matching MONITOR rules are listed, and when nothing decides the answer is DENY (`rule_id: "default"`).
         */
        post: operations["EvaluatePolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a realm's audit events, newest first
         * @description Every change to the realm (and every policy decision, every sign-in attempt) is recorded in the transaction that makes it; a rejected request records nothing. Tenant-wide events (the tenant updated, realms created and deleted) are listed under the tenant's admin realm. Newest first; the page token continues further back in time and is locked to the filters it was issued with.
         */
        get: operations["ListEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tenant's webhook endpoints (yonder)
         * @description yonder's own. Every endpoint of the tenant (at most 20) with where its delivery stands; never a secret.
         */
        get: operations["ListWebhooks"];
        put?: never;
        /**
         * Register a webhook endpoint (yonder)
         * @description yonder's own. The tenant's audit events, from this one (`webhook.created`) on, are POSTed to `url` one at a time, in order, each at least once, signed as Standard Webhooks does (`webhook-id` is the event id; see the operating guide). The signing secret is in `secret` of this reply only. Loopback, private, link-local and metadata addresses are refused unless the server allows them (`WEBHOOKS_ALLOW_PRIVATE`).
         */
        post: operations["CreateWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/webhooks/{webhook_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a webhook endpoint (yonder)
         * @description yonder's own. The endpoint and where its delivery stands: the last event handled, the last attempt, the next retry.
         */
        get: operations["GetWebhook"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint (yonder)
         * @description yonder's own. Delivery to it stops; its recent attempts go with it.
         */
        delete: operations["DeleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Update a webhook endpoint (yonder)
         * @description yonder's own. Only the fields sent change. A new `url` or `enabled` retries at once, without waiting out the backoff. A new `secret` signs every delivery from now on.
         */
        patch: operations["UpdateWebhook"];
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/webhooks/{webhook_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a webhook endpoint's recent delivery attempts (yonder)
         * @description yonder's own. The last 50 attempts, newest first: the event, the receiver's status or what went wrong.
         */
        get: operations["ListWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/scim/v2/ServiceProviderConfig": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What this SCIM service supports
         * @description SCIM discovery (RFC 7644 §4): which optional features (PATCH, bulk, filter, sort, ETags) this service supports and their limits.
         */
        get: operations["GetServiceProviderConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/scim/v2/ResourceTypes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The resource types served
         * @description SCIM discovery: the resource types served here, User and Group, with their endpoints and schemas.
         */
        get: operations["ListResourceTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/scim/v2/ResourceTypes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One resource type
         * @description SCIM discovery: one resource type, User or Group, by name.
         */
        get: operations["GetResourceType"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/scim/v2/Schemas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The schemas served
         * @description SCIM discovery: the schemas of the resources served, with every attribute and its mutability.
         */
        get: operations["ListSchemas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/scim/v2/Schemas/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One schema
         * @description SCIM discovery: one schema, by its URN.
         */
        get: operations["GetSchema"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/scim/v2/Users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List or filter Users
         * @description The realm's identities as SCIM Users. `filter` takes the SCIM grammar (RFC 7644 §3.4.2.2); a bad filter is 400 `invalidFilter` saying where it broke.
         */
        get: operations["SCIMListUsers"];
        put?: never;
        /**
         * Create a User (a new identity)
         * @description Provisions a User: creates the identity it stands for. A taken `userName` is 409 `uniqueness`.
         */
        post: operations["SCIMCreateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/scim/v2/Users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a User
         * @description One User, by id; `attributes` and `excludedAttributes` choose what is returned.
         */
        get: operations["SCIMGetUser"];
        /**
         * Replace a User
         * @description Okta deactivates with `active: false` here (O4); that suspends the identity.
         */
        put: operations["SCIMReplaceUser"];
        post?: never;
        /**
         * Delete a User (and its identity)
         * @description Deprovisions a User: deletes the identity it stands for.
         */
        delete: operations["SCIMDeleteUser"];
        options?: never;
        head?: never;
        /**
         * Update a User with a PatchOp
         * @description Applies a SCIM PatchOp (add, replace, remove) to a User; `active: false` suspends the identity.
         */
        patch: operations["SCIMPatchUser"];
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/scim/v2/Groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List or filter Groups
         * @description Okta probes `?startIndex=1&count=100` (O5); Entra filters `displayName eq` with `excludedAttributes=members` (M1).
         */
        get: operations["SCIMListGroups"];
        put?: never;
        /**
         * Create a Group (a v1 group), with its members
         * @description Provisions a Group: creates the v1 group it stands for, with the members given.
         */
        post: operations["SCIMCreateGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/scim/v2/Groups/{group_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a Group with its members
         * @description One Group, by id, with its members; `excludedAttributes=members` leaves them out.
         */
        get: operations["SCIMGetGroup"];
        /**
         * Replace a Group: its name, externalId and whole member list
         * @description Replaces a Group: its display name, externalId and whole member list become what is sent.
         */
        put: operations["SCIMReplaceGroup"];
        post?: never;
        /**
         * Delete a Group and its memberships
         * @description Members go with it (unlike v1); 409 while a rule of the current policy names the group.
         */
        delete: operations["SCIMDeleteGroup"];
        options?: never;
        head?: never;
        /**
         * Update a Group with a PatchOp: rename, add and remove members
         * @description Answers 200 with the group, as the contract says and RFC 7644 §3.5.2 allows, without its members unless `attributes` or `excludedAttributes` ask otherwise (`attributes=members`, `excludedAttributes=externalId`). With `Prefer: return=minimal` (RFC 7240) it answers 204 with the new ETag and no body.
         */
        patch: operations["SCIMUpdateGroup"];
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/scim/v2/Bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run up to 1000 operations on Users and Groups in one request
         * @description Runs several SCIM operations (RFC 7644 §3.7) on Users and Groups in one request; a `bulkId` can refer to a resource created earlier in the same request.
         */
        post: operations["SCIMBulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List credentials of an identity, or of the realm with `-`
         * @description The credentials (passkeys) of an identity; `-` as the identity id lists those of the whole realm.
         */
        get: operations["ListCredentials"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}/credentials/{credential_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a credential
         * @description One credential (passkey) of the identity, by id.
         */
        get: operations["GetCredential"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}/credentials/{credential_id}:revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a credential: it can no longer sign in, and its sessions end
         * @description Revokes the credential: it can no longer sign in, and the sessions it opened end.
         */
        post: operations["RevokeCredential"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an identity's active passkeys with their names, device kinds and last use
         * @description What the account page shows of each active passkey; revoked ones are in the credentials list only.
         */
        get: operations["ListPasskeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}/passkeys/{credential_id}:rename": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rename an identity's passkey
         * @description Gives an active passkey the name its person sees on the account page (1 to 64 characters).
         */
        post: operations["RenamePasskey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}:signOutEverywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End every session of an identity
         * @description Ends the identity's hosted sessions (and the console tokens minted from them) and its OpenID Connect sessions and grants in every application of the realm, revoking the access and refresh tokens issued through them.
         */
        post: operations["SignOutIdentityEverywhere"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}:sendRecoveryLink": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email an identity a short-lived link to add a passkey
         * @description The link "send me a new link" sends: an EMAIL credential binding job that works once, within 30 minutes, and leads to the account page. 422 when the identity has no email address; as for any binding link, the caller must be able to grant the identity's roles.
         */
        post: operations["SendRecoveryLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/account-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The realm's account page settings
         * @description What people of the realm may do on their account page.
         */
        get: operations["GetAccountSettings"];
        /**
         * Change the realm's account page settings
         * @description Replaces what people of the realm may do on their account page.
         */
        put: operations["PutAccountSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}/credential-binding-jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List credential binding jobs of an identity, or of the realm with `-`
         * @description `filter` takes the SCIM grammar (RFC 7644 §3.4.2.2) on `state` and `delivery_method` with `eq`, `ne`, `and`, `or`, e.g. `state eq "COMPLETE"`; states compare as shown, so `EXPIRED` includes pending jobs past their expiry. Any other attribute or operator is a 400. The filter is locked into the page token.
         */
        get: operations["ListCredentialBindingJobs"];
        put?: never;
        /**
         * Create a credential binding job: a one-time link that enrolls a passkey
         * @description With `RETURN` the link comes back in `credential_binding_link`; with `EMAIL` it is emailed to the identity's primary email address (422 when it has none). Without `authenticator_config_id` the realm's default hosted_web configuration is used. Jobs expire 7 days after creation. Whoever follows the link signs in as the identity, so for an identity holding roles of the Management API resource server the caller must hold every scope those roles give, without a realm restriction (else 403).
         */
        post: operations["CreateCredentialBindingJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}/credential-binding-jobs/{credential_binding_job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a credential binding job
         * @description One credential binding job of the identity: its state, delivery method and expiry.
         */
        get: operations["GetCredentialBindingJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}/credential-binding-jobs/{credential_binding_job_id}:revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a credential binding job: its link stops working (409 once COMPLETE)
         * @description Revokes the job: its binding link stops working. A completed job cannot be revoked (409).
         */
        post: operations["SetCredentialBindingJobRevoked"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/batch-credential-binding-jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email binding links to 1 to 1000 identities
         * @description The jobs are written in one transaction and the emails sent after it commits, before the reply (1,000 take seconds), so the batch comes back finished (SUCCESS, PARTIAL_SUCCESS or FAILED) with per-identity errors. Nothing stays queued after the reply, so the queue limit (429) never applies. An identity holding roles of the Management API resource server whose scopes the caller could not grant refuses the whole batch (403).
         */
        post: operations["CreateBatchCredentialBindingJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/batch-credential-binding-jobs/{batch_credential_binding_job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a batch credential binding job
         * @description One batch credential binding job of the realm, by id.
         */
        get: operations["GetBatchCredentialBindingJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/batch-credential-binding-jobs/{batch_credential_binding_job_id}:listResults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the jobs a batch made
         * @description The credential binding jobs the batch made, one per identity, paged.
         */
        get: operations["ListBatchCredentialBindingJobResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/authenticator-configs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List authenticator configurations
         * @description The authenticator configurations of the realm, paged.
         */
        get: operations["ListAuthenticatorConfigs"];
        put?: never;
        /**
         * Create an authenticator configuration (hosted_web, embedded or console)
         * @description Adds an authenticator configuration: `hosted_web` (yonder's enrollment pages), `embedded` (the application's own), or `console` (yonder's enrollment page, after the person proves who they are at the identity provider its `verification_method` names).
         */
        post: operations["CreateAuthenticatorConfig"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/authenticator-configs/{authenticator_config_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an authenticator configuration
         * @description One authenticator configuration, by id.
         */
        get: operations["GetAuthenticatorConfig"];
        put?: never;
        post?: never;
        /**
         * Delete an authenticator configuration (not the realm's default: 409)
         * @description Deletes an authenticator configuration; the realm's default one cannot be deleted (409).
         */
        delete: operations["DeleteAuthenticatorConfig"];
        options?: never;
        head?: never;
        /**
         * Update an authenticator configuration; its type cannot change
         * @description Changes an authenticator configuration; its type stays what it was created with.
         */
        patch: operations["UpdateAuthenticatorConfig"];
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/themes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create the realm's theme (one per realm: 409 when it has one); it styles binding-link emails
         * @description Creates the realm's theme (a realm has at most one: 409 when it has one); it styles the binding-link emails.
         */
        post: operations["CreateTheme"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/themes/active": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The realm's theme, or the default one
         * @description The theme the realm's emails use: its own, or the default one when it has none.
         */
        get: operations["GetActiveTheme"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/themes/{theme_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a theme
         * @description One theme, by id.
         */
        get: operations["GetTheme"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a theme
         * @description Changes the theme; only the fields sent change.
         */
        patch: operations["UpdateTheme"];
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/flow-type-config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The realm's flow type configuration (launch mechanisms), made with the defaults on first read
         * @description The realm's flow type configuration: 8 platforms × 13 flow types, each `{enabled, valid}`. The first read stores the default document. yonder enforces the web platform's `embedded` and `copy` flows on binding links; the rest are kept for Beyond Identity's native authenticator.
         */
        get: operations["GetFlowTypeConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the realm's flow type configuration: a deep merge; unknown fields are refused
         * @description Merges the body into the document field by field (platform, flow type, `enabled` or `valid`); what the body leaves out stays. A platform, flow type or field the contract does not name is a 400.
         */
        patch: operations["UpdateFlowTypeConfig"];
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identity-providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the identity providers of the realm
         * @description The identity providers of the realm, paged.
         */
        get: operations["listIdentityProviders"];
        put?: never;
        /**
         * Add an upstream OpenID Connect identity provider (oidc_idp)
         * @description The body is the provider itself (no wrapper). The reply is the whole provider, with its id and its read-only `redirect_url` (yonder's callback, to register at the upstream); the upstream's client secret is kept sealed.
         */
        post: operations["createIdentityProvider"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identity-providers/{identity_provider_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an identity provider
         * @description One identity provider, by id, with its client secret.
         */
        get: operations["getIdentityProvider"];
        put?: never;
        post?: never;
        /**
         * Delete an identity provider
         * @description Deletes an identity provider; one an authenticator configuration verifies with cannot be deleted (409).
         */
        delete: operations["deleteIdentityProvider"];
        options?: never;
        head?: never;
        /**
         * Update an identity provider
         * @description Changes an identity provider; only the fields sent change (`protocol_config.type` is always `oidc_idp`).
         */
        patch: operations["updateIdentityProvider"];
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/sso-configs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List SSO configs of a realm
         * @description Paged; each payload in its short form. `order_by`: `id` (the default) or `display_name`.
         */
        get: operations["ListSsoConfigs"];
        put?: never;
        /**
         * Create an SSO config
         * @description `generic_oidc` (and Entra, Okta-as-IdP-of-yonder) makes an OpenID Connect application with its hosted authenticator config; `scim` (and Nametag) a client-credentials application for yonder's own API in this realm: the caller must hold the scopes it grants (403). Their client secret is shown in this reply only. The other types are validated and stored.
         */
        post: operations["CreateSsoConfig"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/sso-configs/{sso_config_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an SSO config
         * @description The config with its whole payload; secrets are not shown again.
         */
        get: operations["GetSsoConfig"];
        put?: never;
        post?: never;
        /**
         * Delete an SSO config
         * @description Its assignments and its linked application (tokens revoked) go with it; 409 while the policy names that application.
         */
        delete: operations["DeleteSsoConfig"];
        options?: never;
        head?: never;
        /**
         * Update an SSO config
         * @description Changes the name and the payload fields sent. The payload names the config's own type (fixed: another is 400). A linked application follows the change.
         */
        patch: operations["UpdateSsoConfig"];
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/sso-configs/{sso_config_id}:addIdentities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign identities to an SSO config
         * @description Every identity must be of the realm (else 404 naming the unknown ones, and nothing changes); assigned ones stay assigned.
         */
        post: operations["AddIdentitiesToSsoConfig"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/sso-configs/{sso_config_id}:deleteIdentities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unassign identities from an SSO config
         * @description Ids not assigned are ignored.
         */
        post: operations["DeleteIdentitiesFromSsoConfig"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/sso-configs/{sso_config_id}:addGroups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign groups to an SSO config
         * @description Every group must be of the realm (else 404 naming the unknown ones, and nothing changes); assigned ones stay assigned.
         */
        post: operations["AddGroupsToSsoConfig"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/sso-configs/{sso_config_id}:deleteGroups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unassign groups from an SSO config
         * @description Ids not assigned are ignored.
         */
        post: operations["DeleteGroupsFromSsoConfig"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/sso-configs/{sso_config_id}:listIdentityAssociations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the identities assigned to an SSO config, directly or through groups
         * @description In id order, paged; one assigned through a group names the group (`group_id`, `group_display_name`).
         */
        get: operations["ListIdentitiesForSsoConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/sso-configs/{sso_config_id}:listGroupAssociations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the groups assigned to an SSO config
         * @description Each with its number of members.
         */
        get: operations["ListGroupsForSSOConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/sso-configs/{sso_config_id}/is-group-assigned": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Whether any of some groups is assigned to an SSO config
         * @description True when at least one of `group_ids` is assigned.
         */
        post: operations["SSOIsGroupAssigned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/sso-configs/{sso_config_id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test an SSO config's connections
         * @description Fetches the OpenID discovery document of the config's application and each identity provider's endpoints it names, and says how each answered (`status_code` is the HTTP status, or the failure).
         */
        post: operations["TestSsoConfig"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}/sso-configs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the SSO configs an identity is assigned to
         * @description Directly or through its groups; paged, each payload in its short form.
         */
        get: operations["ListSsoConfigsForIdentity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}/sso-configs/{sso_config_id}/is-identity-assigned": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether an identity is assigned to an SSO config
         * @description Directly or through one of its groups.
         */
        get: operations["IdentityToSSOConfigCheck"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/groups/{group_id}/sso-configs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the SSO configs a group is assigned to
         * @description Paged, each payload in its short form.
         */
        get: operations["ListSsoConfigsForGroup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/applications/{application_id}/sso-configs-id": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The SSO config an application was made for
         * @description `sso_config_id` is absent for an application of no SSO config.
         */
        get: operations["ApplicationIdToSSOConfigId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}/credential-binding-jobs/{credential_binding_job_id}:invokeAuthenticator": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The credential binding link: the hosted page that creates a passkey
         * @description Public: the 256-bit `token` authorizes it. Single use; dead once expired, revoked or used.
         */
        get: operations["InvokeAuthenticator"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hosted/assets/simplewebauthn/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The SimpleWebAuthn browser script the hosted pages load. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The script file's path inside the package. */
                    "*": string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hosted/assets/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A script or style sheet of the hosted sign-in and enrollment pages. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The asset's file name. */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hosted/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}/credential-binding-jobs/{credential_binding_job_id}/registration-options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Starts the passkey enrollment of a binding link: the WebAuthn registration options for the browser. The link token authorizes it. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The tenant's id. */
                    tenant_id: string;
                    /** @description The realm's id, within the tenant. */
                    realm_id: string;
                    /** @description The identity's id, within the realm. */
                    identity_id: string;
                    /** @description The credential binding job's id, within the identity. */
                    credential_binding_job_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hosted/tenants/{tenant_id}/realms/{realm_id}/identities/{identity_id}/credential-binding-jobs/{credential_binding_job_id}/registration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Finishes the passkey enrollment of a binding link: verifies the browser's WebAuthn registration and keeps the new credential. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The tenant's id. */
                    tenant_id: string;
                    /** @description The realm's id, within the tenant. */
                    realm_id: string;
                    /** @description The identity's id, within the realm. */
                    identity_id: string;
                    /** @description The credential binding job's id, within the identity. */
                    credential_binding_job_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                        challenge_id: string;
                        response: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hosted/tenants/{tenant_id}/realms/{realm_id}/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The hosted passkey sign-in page of the realm (HTML). */
        get: {
            parameters: {
                query?: {
                    /** @description The application the person signs in to, when not the Admin Console. */
                    application_id?: string;
                    /** @description Where to send the person once signed in (a path on this server). */
                    return_to?: string;
                };
                header?: never;
                path: {
                    /** @description The tenant's id. */
                    tenant_id: string;
                    /** @description The realm's id, within the tenant. */
                    realm_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hosted/tenants/{tenant_id}/realms/{realm_id}/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The realm's app launcher (HTML): the tiles of the SSO configs assigned to the signed-in person. Without a session, the sign-in page first, which comes back here. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The tenant's id. */
                    tenant_id: string;
                    /** @description The realm's id, within the tenant. */
                    realm_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hosted/tenants/{tenant_id}/realms/{realm_id}/sign-in/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Starts a passkey sign-in to the realm: the WebAuthn authentication options for the browser. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The tenant's id. */
                    tenant_id: string;
                    /** @description The realm's id, within the tenant. */
                    realm_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        application_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hosted/tenants/{tenant_id}/realms/{realm_id}/sign-in/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Finishes a passkey sign-in: verifies the browser's WebAuthn assertion and sets the session cookie. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The tenant's id. */
                    tenant_id: string;
                    /** @description The realm's id, within the tenant. */
                    realm_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        challenge_id: string;
                        response: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hosted/tenants/{tenant_id}/realms/{realm_id}/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The signed-in session of this browser in the realm (from its session cookie), if any. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The tenant's id. */
                    tenant_id: string;
                    /** @description The realm's id, within the tenant. */
                    realm_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hosted/tenants/{tenant_id}/realms/{realm_id}/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Ends the browser's session in the realm and clears its cookie; only this site's own pages may ask. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The tenant's id. */
                    tenant_id: string;
                    /** @description The realm's id, within the tenant. */
                    realm_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/api/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the Admin Console needs to start: its tenant, admin realm, application and sign-in page
         * @description What the Admin Console needs to start: the tenant, the admin realm, the console's application and where to sign in.
         */
        get: operations["GetConsoleConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/api/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A 5-minute management token for the person signed in to the Admin Console
         * @description Authorized by the hosted sign-in session cookie of the admin realm and the header `X-Yonder-Console: 1`. The admin realm's policy must allow the identity the Admin Console; the token's scopes are those of its roles on the Management API resource server. 401 `not_signed_in` without a live session.
         */
        post: operations["CreateConsoleToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/api/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the Admin Console session: the session and every token minted from it
         * @description Ends the Admin Console session, and with it every token minted from it.
         */
        post: operations["ConsoleSignOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The v1 error shape: a snake-case status name, a message, optional details. */
        Error: {
            code: string;
            message: string;
            details?: ({
                type: string;
            } & {
                [key: string]: unknown;
            })[];
        };
        Tenant: {
            id: string;
            display_name: string;
            /** Format: date-time */
            create_time: string;
            /** Format: date-time */
            update_time: string;
        };
        Realm: {
            id: string;
            tenant_id: string;
            display_name: string;
            classification: string;
            /** Format: date-time */
            create_time: string;
            /** Format: date-time */
            update_time: string;
        };
        Identity: {
            id: string;
            realm_id: string;
            tenant_id: string;
            display_name: string;
            /** Format: date-time */
            create_time: string;
            /** Format: date-time */
            update_time: string;
            status: string;
            traits: {
                type: string;
                username: string;
                primary_email_address?: string;
                secondary_email_address?: string;
                external_id?: string;
                family_name?: string;
                given_name?: string;
                formatted_name?: string;
                middle_name?: string;
                honorific_prefix?: string;
                honorific_suffix?: string;
                nick_name?: string;
                title?: string;
                primary_phone?: string;
                secondary_phone?: string;
                profile_url?: string;
                photo?: string;
                preferred_language?: string;
                locale?: string;
                timezone?: string;
                formatted_address?: string;
                street_address?: string;
                locality?: string;
                region?: string;
                postal_code?: string;
                country?: string;
                user_type?: string;
                employee_number?: string;
                cost_center?: string;
                organization?: string;
                division?: string;
                department?: string;
                manager_id?: string;
                manager_name?: string;
            };
            /** @enum {string} */
            enrollment_status: "ENROLLED" | "PENDING" | "INVITE_FAILED" | "UNENROLLED";
        };
        Group: {
            id: string;
            realm_id: string;
            tenant_id: string;
            display_name: string;
            description: string;
            /** Format: date-time */
            create_time: string;
            /** Format: date-time */
            update_time: string;
        };
        Application: {
            id: string;
            realm_id: string;
            tenant_id: string;
            resource_server_id?: string;
            authenticator_config_id?: string;
            display_name: string;
            is_managed: boolean;
            /** @description `management_api` for the managed Management API application. */
            classification?: string;
            protocol_config: {
                /**
                 * @description `oauth2`, `oidc`, or `saml`: a SAML 2.0 service provider yonder signs people in to (the SSO config payload of that type; no client credentials).
                 * @enum {string}
                 */
                type: "oauth2" | "oidc" | "saml";
                /** @description A subset of the resource server's scopes; empty without a resource server. */
                allowed_scopes?: string[];
                /**
                 * @description Default `confidential`.
                 * @enum {string}
                 */
                confidentiality?: "confidential" | "public";
                /**
                 * @description Confidential clients may authenticate by HTTP Basic or in the body either way.
                 * @enum {string}
                 */
                token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post" | "none";
                grant_type?: ("authorization_code" | "client_credentials")[];
                redirect_uris?: string[];
                token_configuration?: {
                    /** @description Seconds; 1 to 7776000 (90 days). */
                    expires_after: number;
                    /** @enum {string} */
                    subject_field?: "id" | "email" | "username";
                    /** @enum {string} */
                    token_signing_algorithm?: "RS256";
                };
                /** @enum {string} */
                pkce?: "disabled" | "plain" | "s256";
                /** @description yonder's extension for Beyond Identity's console switch "Enable Refresh Tokens": an `authorization_code` application also issues rotating refresh tokens. */
                enable_refresh_tokens?: boolean;
                /**
                 * @description `self_contained` (JWT, the default); `referential` (opaque) for `oidc` applications without `client_credentials`.
                 * @enum {string}
                 */
                token_format?: "self_contained" | "referential";
                /** @description Read-only: set by yonder. */
                client_id?: string;
                /** @description Read-only. In the reply that issued it (create, an update that made the client confidential, `:rotateSecret`), and in reads by a token holding `applications:read-secrets` while yonder keeps it sealed (`CLIENT_SECRETS=sealed`, the default); never to any other reader. A lost secret is replaced with `:rotateSecret`. */
                client_secret?: string;
            } & {
                [key: string]: unknown;
            };
        };
        ResourceServer: {
            id: string;
            realm_id: string;
            tenant_id: string;
            display_name: string;
            is_managed: boolean;
            identifier: string;
            scopes: string[];
        };
        Token: {
            id: string;
            display_name: string;
            scopes: string[];
            token_suffix: string;
            token_format: string;
            expires: number;
            issued_at: number;
            token_type: string;
        };
        Role: {
            id: string;
            resource_server_id: string;
            realm_id: string;
            tenant_id: string;
            display_name: string;
            description: string;
            create_time: string;
            update_time: string;
        };
        Policy: {
            tenant_id: string;
            realm_id: string;
            /** @description Published versions count up from 1; 0 means never published (deny all). */
            version: number;
            rules: {
                id: string;
                name: string;
                description: string;
                transaction: string;
                action: string;
                conditions: {
                    groups: string[];
                    applications: string[];
                    identities: string[];
                };
                deny_message: string;
            }[];
            /** Format: date-time */
            create_time: string;
        };
        AuditEvent: {
            /** @description A UUIDv7: ids of newer events sort after those of older ones. */
            id: string;
            tenant_id: string;
            realm_id: string;
            /** @description One of: tenant.updated, realm.created, realm.updated, realm.deleted, identity.created, identity.updated, identity.deleted, group.created, group.updated, group.deleted, group.members_added, group.members_removed, application.created, application.updated, application.deleted, application.secret_rotated, application.secret_read, resource_server.created, resource_server.updated, resource_server.deleted, role.created, role.updated, role.deleted, role.members_added, role.members_removed, role.scopes_added, role.scopes_removed, token.issued, token.deleted, token.revoked, token.refreshed, authorization.granted, authorization.denied, policy.published, policy.restored, policy.evaluated, sign_in.succeeded, sign_in.failed, authenticator_config.created, authenticator_config.updated, authenticator_config.deleted, theme.created, theme.updated, flow_type_config.updated, identity_provider.created, identity_provider.updated, identity_provider.deleted, identity_provider.verified, identity_provider.verification_failed, sso_config.created, sso_config.updated, sso_config.deleted, sso_config.identities_added, sso_config.identities_removed, sso_config.groups_added, sso_config.groups_removed, credential_binding_job.created, credential_binding_job.revoked, credential_binding_job.completed, credential_binding_job.failed_to_send, batch_credential_binding_job.created, credential.created, credential.revoked, credential.renamed, identity.signed_out_everywhere, identity.recovery_requested, realm.account_settings_updated, console.token_issued, console.signed_out, webhook.created, webhook.updated, webhook.deleted. */
            type: string;
            /** @description One of: tenant, realm, identity, group, application, resource_server, role, token, policy, authenticator_config, theme, flow_type_config, identity_provider, sso_config, credential_binding_job, batch_credential_binding_job, credential, webhook. A token's id is its jti; a policy's id is the realm id. */
            resource_type: string;
            resource_id: string;
            /** @description A token names its `subject` and `jti`; a console user or a person on their account page its `identity_id`; a client (client credentials) its `application_id`. */
            actor: {
                /** @description token, console, account, client, cli, system or anonymous. */
                type: string;
            } & {
                [key: string]: unknown;
            };
            /** @description The caller's IP address; null outside HTTP. */
            address: string | null;
            request_id: string | null;
            /** @description The resource before the change, secrets redacted. */
            before: {
                [key: string]: unknown;
            } | null;
            /** @description The resource after the change (or the decision made), secrets redacted. */
            after: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            create_time: string;
        };
        Webhook: {
            id: string;
            tenant_id: string;
            /** @description Where events are POSTed. */
            url: string;
            description: string;
            /** @description The event types delivered; empty: all of them. */
            event_types: string[];
            /** @description A disabled endpoint keeps its place; events wait for it. */
            enabled: boolean;
            /** Format: date-time */
            create_time: string;
            /** Format: date-time */
            update_time: string;
            /** @description Where delivery stands. */
            status: {
                /** @description The last event handled (delivered, or skipped by the filter); null before the first. */
                cursor_event_id: string | null;
                /** @description Failed attempts in a row; 0 after a success. */
                failure_count: number;
                /**
                 * Format: date-time
                 * @description When delivery is retried after a failure; null when not backing off.
                 */
                next_attempt_time: string | null;
                /**
                 * Format: date-time
                 * @description The last attempt.
                 */
                last_attempt_time: string | null;
                /**
                 * Format: date-time
                 * @description The last delivery the receiver answered with a 2xx.
                 */
                last_success_time: string | null;
                /** @description The receiver's status at the last attempt; null when none came. */
                last_status_code: number | null;
                /** @description What went wrong at the last attempt; null after a success. */
                last_error: string | null;
            };
        };
        WebhookDelivery: {
            id: string;
            /** @description The event posted: the `webhook-id` header. */
            event_id: string;
            event_type: string;
            /** @description 1 for the first attempt at this event, then up by one per retry. */
            attempt: number;
            /** @description The receiver's status; null when none came. */
            status_code: number | null;
            /** @description What went wrong; null on a 2xx. */
            error: string | null;
            succeeded: boolean;
            duration_ms: number;
            /** Format: date-time */
            create_time: string;
        };
        Credential: {
            id: string;
            identity_id: string;
            realm_id: string;
            tenant_id: string;
            /** @enum {string} */
            state: "ACTIVE" | "REVOKED";
            /** @enum {string} */
            csr_type: "JWT" | "WEBAUTHN" | "FIDO2";
            jwk_json: string;
            jwk_thumbprint: string;
            /** Format: date-time */
            create_time: string;
            /** Format: date-time */
            update_time: string;
        };
        Passkey: {
            /** @description The credential's id (the same as in the credentials list). */
            id: string;
            /** @description The name its person gave it; else its provider's name; else `Passkey`. */
            name: string;
            /** @description The passkey provider's name from the authenticator's AAGUID, when known. */
            provider: string | null;
            /**
             * @description Synced by its provider to other devices, or held by one device.
             * @enum {string}
             */
            device: "synced" | "device_bound";
            /** Format: date-time */
            create_time: string;
            /** Format: date-time */
            last_used_time: string | null;
            /** @description Always false here: only the account page has a session of its own. */
            current: boolean;
        };
        AccountSettings: {
            /** @description Whether a person may remove their last passkey on the account page (default false: they must add another first). */
            allow_removing_last_passkey: boolean;
            /** @description The realm's identity providers its hosted sign-in pages offer ("Sign in with ..."): the person is matched to one existing identity, never created. Default none. */
            sign_in_identity_providers: string[];
        };
        CredentialBindingJob: {
            id: string;
            identity_id: string;
            realm_id: string;
            tenant_id: string;
            credential_id?: string;
            batch_id?: string;
            /** @enum {string} */
            delivery_method: "RETURN" | "EMAIL";
            /** @enum {string} */
            state: "LINK_SENT" | "LINK_OPENED" | "REQUEST_DELIVERED" | "COMPLETE" | "EXPIRED" | "FAILED_TO_SEND" | "REVOKED";
            post_binding_redirect_uri?: string;
            authenticator_config_id: string;
            /** Format: date-time */
            expire_time: string;
            /** Format: date-time */
            create_time: string;
            /** Format: date-time */
            update_time: string;
        };
        BatchCredentialBindingJob: {
            id: string;
            tenant_id: string;
            realm_id: string;
            identity_ids: string[];
            /** @enum {string} */
            state: "RUNNING" | "FAILED" | "PARTIAL_SUCCESS" | "SUCCESS";
            state_commentary: {
                errors: {
                    [key: string]: {
                        last_error: string;
                        failed_permanently: boolean;
                    };
                };
            };
            job_template: {
                authenticator_config_id?: string;
                post_binding_redirect_uri?: string;
            };
            /** Format: date-time */
            create_time: string;
            /** Format: date-time */
            update_time: string;
        };
        AuthenticatorConfig: {
            id: string;
            realm_id: string;
            tenant_id: string;
            display_name: string;
            config: {
                [key: string]: unknown;
            };
        };
        Theme: {
            id: string;
            tenant_id: string;
            realm_id: string;
            email_realm_name: string;
            logo_url_light: string;
            logo_url_dark: string;
            support_url?: string;
            button_color: string;
            button_text_color: string;
            /** Format: date-time */
            create_time: string;
            /** Format: date-time */
            update_time: string;
        };
        FlowTypeConfig: {
            id: string;
            tenant_id: string;
            realm_id: string;
            /** Format: date-time */
            create_time: string;
            /** Format: date-time */
            update_time: string;
            platform_config: {
                android: {
                    unknown: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    scheme: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    embedded: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    copy: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    roaming_auth: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_autofill: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_accessibility: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    pipe: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    universal_link: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    safari_extension: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    layered_auth_qr_code: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    secure_localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                };
                macos: {
                    unknown: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    scheme: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    embedded: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    copy: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    roaming_auth: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_autofill: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_accessibility: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    pipe: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    universal_link: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    safari_extension: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    layered_auth_qr_code: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    secure_localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                };
                ios: {
                    unknown: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    scheme: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    embedded: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    copy: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    roaming_auth: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_autofill: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_accessibility: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    pipe: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    universal_link: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    safari_extension: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    layered_auth_qr_code: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    secure_localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                };
                windows: {
                    unknown: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    scheme: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    embedded: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    copy: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    roaming_auth: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_autofill: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_accessibility: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    pipe: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    universal_link: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    safari_extension: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    layered_auth_qr_code: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    secure_localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                };
                web: {
                    unknown: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    scheme: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    embedded: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    copy: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    roaming_auth: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_autofill: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_accessibility: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    pipe: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    universal_link: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    safari_extension: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    layered_auth_qr_code: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    secure_localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                };
                linux: {
                    unknown: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    scheme: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    embedded: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    copy: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    roaming_auth: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_autofill: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_accessibility: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    pipe: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    universal_link: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    safari_extension: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    layered_auth_qr_code: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    secure_localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                };
                chromeos: {
                    unknown: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    scheme: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    embedded: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    copy: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    roaming_auth: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_autofill: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_accessibility: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    pipe: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    universal_link: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    safari_extension: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    layered_auth_qr_code: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    secure_localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                };
                chromeosweb: {
                    unknown: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    scheme: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    embedded: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    copy: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    roaming_auth: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_autofill: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    android_accessibility: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    pipe: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    universal_link: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    safari_extension: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    layered_auth_qr_code: {
                        enabled: boolean;
                        valid: boolean;
                    };
                    secure_localhost: {
                        enabled: boolean;
                        valid: boolean;
                    };
                };
            };
        };
        IdentityProvider: {
            id: string;
            tenant_id: string;
            realm_id: string;
            display_name: string;
            protocol_config: {
                /** @enum {string} */
                type: "oidc_idp";
                client_id: string;
                client_secret: string;
                token_scopes: string[];
                identity_attribute: string;
                pkce: string;
                jwks_url: string;
                token_url: string;
                authorize_url: string;
                /** @description yonder's callback for this provider: register it at the upstream. */
                redirect_url: string;
                identifying_claim_name: string;
                oauth_2_par_enabled: boolean;
                oauth_2_par_endpoint: string | null;
                claims: string;
                token_endpoint_auth_method: string;
            };
        };
        /** @description An SSO config: its payload's secrets (yonder's client secret, a third party's) appear only in the reply that set them. */
        SsoConfig: {
            id: string;
            display_name: string;
            payload: {
                /** @enum {string} */
                type: "bookmark" | "entra_id_external_auth_methods" | "generic_oidc" | "generic_oidc_idp" | "generic_saml" | "okta_idp" | "okta_sso_bi_idp" | "scim" | "ws_fed" | "nametag_oauth2";
            } & {
                [key: string]: unknown;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    GetTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UpdateTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    tenant: {
                        display_name?: string;
                        id?: unknown;
                        create_time?: unknown;
                        update_time?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListRealms: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        realms: components["schemas"]["Realm"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateRealm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    realm: {
                        display_name: string;
                        /** @enum {string} */
                        classification?: "SECURE_CUSTOMER" | "SECURE_WORKFORCE";
                        id?: unknown;
                        tenant_id?: unknown;
                        create_time?: unknown;
                        update_time?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Realm"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetRealm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Realm"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteRealm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UpdateRealm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    realm: {
                        display_name?: string;
                        /** @enum {string} */
                        classification?: "SECURE_CUSTOMER" | "SECURE_WORKFORCE";
                        id?: unknown;
                        tenant_id?: unknown;
                        create_time?: unknown;
                        update_time?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Realm"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListIdentities: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
                /** @description SCIM filter grammar (RFC 7644 §3.4.2.2): `eq`, `co` or `sw` on `id`, `display_name`, `traits.username`, `traits.primary_email_address` or `traits.external_id`, combined with `and` and `or`; e.g. `traits.username eq "ada"`. Any other attribute or operator is a 400. */
                filter?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        identities: components["schemas"]["Identity"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateIdentity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    identity: {
                        display_name: string;
                        /**
                         * @description Suspended identities cannot enroll or sign in.
                         * @enum {string}
                         */
                        status?: "active" | "suspended";
                        /** @description Traits to set; on update, keys are merged and `null` removes one. */
                        traits: {
                            /**
                             * @description Always `traits_v0`; required on every write.
                             * @enum {string}
                             */
                            type: "traits_v0";
                            /** @description Unique per realm, compared case-insensitively. */
                            username: string;
                            primary_email_address?: string | null;
                            secondary_email_address?: string | null;
                            external_id?: string | null;
                            family_name?: string | null;
                            given_name?: string | null;
                            formatted_name?: string | null;
                            middle_name?: string | null;
                            honorific_prefix?: string | null;
                            honorific_suffix?: string | null;
                            nick_name?: string | null;
                            title?: string | null;
                            primary_phone?: string | null;
                            secondary_phone?: string | null;
                            profile_url?: string | null;
                            photo?: string | null;
                            preferred_language?: string | null;
                            locale?: string | null;
                            timezone?: string | null;
                            formatted_address?: string | null;
                            street_address?: string | null;
                            locality?: string | null;
                            region?: string | null;
                            postal_code?: string | null;
                            country?: string | null;
                            user_type?: string | null;
                            employee_number?: string | null;
                            cost_center?: string | null;
                            organization?: string | null;
                            division?: string | null;
                            department?: string | null;
                            manager_id?: string | null;
                            manager_name?: string | null;
                        };
                        id?: unknown;
                        realm_id?: unknown;
                        tenant_id?: unknown;
                        create_time?: unknown;
                        update_time?: unknown;
                        enrollment_status?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Identity"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    BatchDeleteIdentities: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                };
            };
        };
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetIdentity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Identity"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteIdentity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UpdateIdentity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    identity: {
                        display_name?: string;
                        /**
                         * @description Suspended identities cannot enroll or sign in.
                         * @enum {string}
                         */
                        status?: "active" | "suspended";
                        /** @description Traits to set; on update, keys are merged and `null` removes one. */
                        traits?: {
                            /**
                             * @description Always `traits_v0`; required on every write.
                             * @enum {string}
                             */
                            type: "traits_v0";
                            username?: string | null;
                            primary_email_address?: string | null;
                            secondary_email_address?: string | null;
                            external_id?: string | null;
                            family_name?: string | null;
                            given_name?: string | null;
                            formatted_name?: string | null;
                            middle_name?: string | null;
                            honorific_prefix?: string | null;
                            honorific_suffix?: string | null;
                            nick_name?: string | null;
                            title?: string | null;
                            primary_phone?: string | null;
                            secondary_phone?: string | null;
                            profile_url?: string | null;
                            photo?: string | null;
                            preferred_language?: string | null;
                            locale?: string | null;
                            timezone?: string | null;
                            formatted_address?: string | null;
                            street_address?: string | null;
                            locality?: string | null;
                            region?: string | null;
                            postal_code?: string | null;
                            country?: string | null;
                            user_type?: string | null;
                            employee_number?: string | null;
                            cost_center?: string | null;
                            organization?: string | null;
                            division?: string | null;
                            department?: string | null;
                            manager_id?: string | null;
                            manager_name?: string | null;
                        };
                        id?: unknown;
                        realm_id?: unknown;
                        tenant_id?: unknown;
                        create_time?: unknown;
                        update_time?: unknown;
                        enrollment_status?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Identity"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListGroups: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        groups: components["schemas"]["Group"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    group: {
                        /** @description Unique per realm, compared case-insensitively. */
                        display_name: string;
                        description?: string;
                        id?: unknown;
                        realm_id?: unknown;
                        tenant_id?: unknown;
                        create_time?: unknown;
                        update_time?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The group's id. */
                group_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The group's id. */
                group_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UpdateGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The group's id. */
                group_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    group: {
                        display_name?: string;
                        description?: string;
                        id?: unknown;
                        realm_id?: unknown;
                        tenant_id?: unknown;
                        create_time?: unknown;
                        update_time?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    AddGroupMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The group's id. */
                group_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    identity_ids: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteGroupMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The group's id. */
                group_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    identity_ids: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListGroupMembers: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The group's id. */
                group_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        identities: components["schemas"]["Identity"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListIdentityGroups: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id. */
                identity_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        groups: components["schemas"]["Group"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListApplications: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applications: components["schemas"]["Application"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    application: {
                        display_name: string;
                        protocol_config: {
                            /**
                             * @description `oauth2`, `oidc`, or `saml`: a SAML 2.0 service provider yonder signs people in to (the SSO config payload of that type; no client credentials).
                             * @enum {string}
                             */
                            type: "oauth2" | "oidc" | "saml";
                            /** @description A subset of the resource server's scopes; empty without a resource server. */
                            allowed_scopes?: string[];
                            /**
                             * @description Default `confidential`.
                             * @enum {string}
                             */
                            confidentiality?: "confidential" | "public";
                            /**
                             * @description Confidential clients may authenticate by HTTP Basic or in the body either way.
                             * @enum {string}
                             */
                            token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post" | "none";
                            grant_type?: ("authorization_code" | "client_credentials")[];
                            redirect_uris?: string[];
                            token_configuration?: {
                                /** @description Seconds; 1 to 7776000 (90 days). */
                                expires_after: number;
                                /** @enum {string} */
                                subject_field?: "id" | "email" | "username";
                                /** @enum {string} */
                                token_signing_algorithm?: "RS256";
                            };
                            /** @enum {string} */
                            pkce?: "disabled" | "plain" | "s256";
                            /** @description yonder's extension for Beyond Identity's console switch "Enable Refresh Tokens": an `authorization_code` application also issues rotating refresh tokens. */
                            enable_refresh_tokens?: boolean;
                            /**
                             * @description `self_contained` (JWT, the default); `referential` (opaque) for `oidc` applications without `client_credentials`.
                             * @enum {string}
                             */
                            token_format?: "self_contained" | "referential";
                            /** @description Read-only: set by yonder. */
                            client_id?: string;
                            /** @description Read-only. In the reply that issued it (create, an update that made the client confidential, `:rotateSecret`), and in reads by a token holding `applications:read-secrets` while yonder keeps it sealed (`CLIENT_SECRETS=sealed`, the default); never to any other reader. A lost secret is replaced with `:rotateSecret`. */
                            client_secret?: string;
                        } & {
                            [key: string]: unknown;
                        };
                        resource_server_id?: string;
                        authenticator_config_id?: string;
                        id?: unknown;
                        realm_id?: unknown;
                        tenant_id?: unknown;
                        is_managed?: unknown;
                        classification?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Application"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The application's id, within the realm. */
                application_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Application"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The application's id, within the realm. */
                application_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UpdateApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The application's id, within the realm. */
                application_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    application: {
                        display_name?: string;
                        protocol_config?: {
                            /**
                             * @description `oauth2`, `oidc`, or `saml`: a SAML 2.0 service provider yonder signs people in to (the SSO config payload of that type; no client credentials).
                             * @enum {string}
                             */
                            type: "oauth2" | "oidc" | "saml";
                            /** @description A subset of the resource server's scopes; empty without a resource server. */
                            allowed_scopes?: string[];
                            /**
                             * @description Default `confidential`.
                             * @enum {string}
                             */
                            confidentiality?: "confidential" | "public";
                            /**
                             * @description Confidential clients may authenticate by HTTP Basic or in the body either way.
                             * @enum {string}
                             */
                            token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post" | "none";
                            grant_type?: ("authorization_code" | "client_credentials")[];
                            redirect_uris?: string[];
                            token_configuration?: {
                                /** @description Seconds; 1 to 7776000 (90 days). */
                                expires_after: number;
                                /** @enum {string} */
                                subject_field?: "id" | "email" | "username";
                                /** @enum {string} */
                                token_signing_algorithm?: "RS256";
                            };
                            /** @enum {string} */
                            pkce?: "disabled" | "plain" | "s256";
                            /** @description yonder's extension for Beyond Identity's console switch "Enable Refresh Tokens": an `authorization_code` application also issues rotating refresh tokens. */
                            enable_refresh_tokens?: boolean;
                            /**
                             * @description `self_contained` (JWT, the default); `referential` (opaque) for `oidc` applications without `client_credentials`.
                             * @enum {string}
                             */
                            token_format?: "self_contained" | "referential";
                            /** @description Read-only: set by yonder. */
                            client_id?: string;
                            /** @description Read-only. In the reply that issued it (create, an update that made the client confidential, `:rotateSecret`), and in reads by a token holding `applications:read-secrets` while yonder keeps it sealed (`CLIENT_SECRETS=sealed`, the default); never to any other reader. A lost secret is replaced with `:rotateSecret`. */
                            client_secret?: string;
                        } & {
                            [key: string]: unknown;
                        };
                        resource_server_id?: string;
                        authenticator_config_id?: string;
                        id?: unknown;
                        realm_id?: unknown;
                        tenant_id?: unknown;
                        is_managed?: unknown;
                        classification?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Application"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    RotateApplicationSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The application's id, within the realm. */
                application_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Application"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListResourceServers: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        resource_servers: components["schemas"]["ResourceServer"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateResourceServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    resource_server: {
                        display_name: string;
                        /** @description Unique per realm; the `aud` of its tokens. `beyondidentity` is reserved. */
                        identifier: string;
                        /** @description OAuth scope names (no spaces); repeats are dropped. */
                        scopes?: string[];
                        id?: unknown;
                        realm_id?: unknown;
                        tenant_id?: unknown;
                        is_managed?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceServer"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetResourceServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource server's id, within the realm. */
                resource_server_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceServer"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteResourceServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource server's id, within the realm. */
                resource_server_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UpdateResourceServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource server's id, within the realm. */
                resource_server_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    resource_server: {
                        display_name?: string;
                        /** @description Unique per realm; the `aud` of its tokens. `beyondidentity` is reserved. */
                        identifier?: string;
                        /** @description OAuth scope names (no spaces); repeats are dropped. */
                        scopes?: string[];
                        id?: unknown;
                        realm_id?: unknown;
                        tenant_id?: unknown;
                        is_managed?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceServer"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    Token: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The application's id, within the realm. */
                application_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    grant_type: string;
                    scope?: string;
                    expiration_time?: string;
                    client_id?: string;
                    client_secret?: string;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        /** @enum {string} */
                        token_type: "Bearer";
                        expires_in: number;
                        scope: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
        };
    };
    RevokeAccessToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The application's id, within the realm. */
                application_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    token: string;
                    token_type_hint?: string;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Revoked, or nothing to revoke. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
        };
    };
    Introspect: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    token: string;
                    token_type_hint?: string;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
        };
    };
    OpenIdConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The application's id, within the realm. */
                application_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        issuer: string;
                        jwks_uri: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    ApplicationJwks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The application's id, within the realm. */
                application_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
        };
    };
    ListTokens: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
                /** @description With `principal_id`: only the tokens of that application or identity. */
                principal_type?: "application" | "identity";
                /** @description With `principal_type`: the id of the application or identity whose tokens to list. */
                principal_id?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The application's id, within the realm. */
                application_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tokens: components["schemas"]["Token"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The application's id, within the realm. */
                application_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: {
                        display_name: string;
                        scopes: string[] & string[];
                        expires_after?: number;
                        realm_id?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        display_name: string;
                        scopes: string[];
                        token_suffix: string;
                        token_format: string;
                        expires: number;
                        issued_at: number;
                        token_type: string;
                        access_token: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    RevokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The application's id, within the realm. */
                application_id: string;
                /** @description The token's id (its jti). */
                token_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListRoles: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource server's id. */
                resource_server_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        roles: components["schemas"]["Role"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource server's id. */
                resource_server_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    role: {
                        display_name: string;
                        description?: string;
                        id?: unknown;
                        resource_server_id?: unknown;
                        realm_id?: unknown;
                        tenant_id?: unknown;
                        create_time?: unknown;
                        update_time?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource server's id. */
                resource_server_id: string;
                /** @description The role's id. */
                role_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource server's id. */
                resource_server_id: string;
                /** @description The role's id. */
                role_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UpdateRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource server's id. */
                resource_server_id: string;
                /** @description The role's id. */
                role_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    role: {
                        display_name?: string;
                        description?: string;
                        id?: unknown;
                        resource_server_id?: unknown;
                        realm_id?: unknown;
                        tenant_id?: unknown;
                        create_time?: unknown;
                        update_time?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    AddRoleMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource server's id. */
                resource_server_id: string;
                /** @description The role's id. */
                role_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    identity_ids?: string[];
                    group_ids?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteRoleMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource server's id. */
                resource_server_id: string;
                /** @description The role's id. */
                role_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    identity_ids?: string[];
                    group_ids?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListRoleMembers: {
        parameters: {
            query?: {
                /** @description How many member groups to return. */
                groups_page_size?: number;
                /** @description How many member groups to skip. */
                groups_skip?: number;
                /** @description How many member identities to return. */
                identities_page_size?: number;
                /** @description How many member identities to skip. */
                identities_skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource server's id. */
                resource_server_id: string;
                /** @description The role's id. */
                role_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        groups: {
                            [key: string]: unknown;
                        }[];
                        total_groups_size: number;
                        identities: {
                            [key: string]: unknown;
                        }[];
                        total_identities_size: number;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    AddRoleScopes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource server's id. */
                resource_server_id: string;
                /** @description The role's id. */
                role_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    scopes: string[] & string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteRoleScopes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource server's id. */
                resource_server_id: string;
                /** @description The role's id. */
                role_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    scopes: string[] & string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListRoleScopes: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource server's id. */
                resource_server_id: string;
                /** @description The role's id. */
                role_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        scopes: string[];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListIdentityRoles: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
                /** @description The resource server whose roles to list (required). */
                resource_server_id?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        roles: components["schemas"]["Role"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListGroupRoles: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
                /** @description The resource server whose roles to list (required). */
                resource_server_id?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The group's id, within the realm. */
                group_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        roles: components["schemas"]["Role"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Policy"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    PutPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    policy: {
                        version: number;
                        rules: {
                            /** @description Generated when left out. */
                            id?: string;
                            name: string;
                            description?: string;
                            /** @enum {string} */
                            transaction: "authentication" | "credential_enrollment";
                            /**
                             * @description `MONITOR` rules are reported when they match but never decide.
                             * @enum {string}
                             */
                            action: "ALLOW" | "DENY" | "MONITOR";
                            conditions?: {
                                /** @description The identity is a member of any of these groups; empty matches all. */
                                groups?: string[];
                                /** @description The request is for one of these applications; empty matches all. */
                                applications?: string[];
                                /** @description The identity is one of these; empty matches all. */
                                identities?: string[];
                            };
                            deny_message?: string;
                        }[];
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Policy"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListPolicyVersions: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        policies: components["schemas"]["Policy"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    RestorePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    version: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Policy"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    EvaluatePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    identity_id: string;
                    application_id?: string;
                    /** @enum {string} */
                    transaction: "authentication" | "credential_enrollment";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        decision: "ALLOW" | "DENY";
                        rule_id: string;
                        monitored_rule_ids: string[];
                        deny_message?: string;
                        policy_version: number;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListEvents: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
                /** @description Only events of this type, e.g. `identity.updated`. */
                type?: string;
                /** @description Only events on this kind of resource, e.g. `identity`. */
                resource_type?: string;
                /** @description Only events on this resource. */
                resource_id?: string;
                /** @description Only events by this actor: a token's jti or subject, a console identity's id, a client's application id, `cli` or `system`. */
                actor?: string;
                /** @description Only events at or after this RFC 3339 time. */
                since?: string;
                /** @description Only events before this RFC 3339 time. */
                until?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["AuditEvent"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhooks: components["schemas"]["Webhook"][];
                        total_size: number;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    webhook: {
                        /** @description An http or https URL. */
                        url: string;
                        description?: string;
                        /** @description Event types to deliver (empty or absent: all). One of: tenant.updated, realm.created, realm.updated, realm.deleted, identity.created, identity.updated, identity.deleted, group.created, group.updated, group.deleted, group.members_added, group.members_removed, application.created, application.updated, application.deleted, application.secret_rotated, application.secret_read, resource_server.created, resource_server.updated, resource_server.deleted, role.created, role.updated, role.deleted, role.members_added, role.members_removed, role.scopes_added, role.scopes_removed, token.issued, token.deleted, token.revoked, token.refreshed, authorization.granted, authorization.denied, policy.published, policy.restored, policy.evaluated, sign_in.succeeded, sign_in.failed, authenticator_config.created, authenticator_config.updated, authenticator_config.deleted, theme.created, theme.updated, flow_type_config.updated, identity_provider.created, identity_provider.updated, identity_provider.deleted, identity_provider.verified, identity_provider.verification_failed, sso_config.created, sso_config.updated, sso_config.deleted, sso_config.identities_added, sso_config.identities_removed, sso_config.groups_added, sso_config.groups_removed, credential_binding_job.created, credential_binding_job.revoked, credential_binding_job.completed, credential_binding_job.failed_to_send, batch_credential_binding_job.created, credential.created, credential.revoked, credential.renamed, identity.signed_out_everywhere, identity.recovery_requested, realm.account_settings_updated, console.token_issued, console.signed_out, webhook.created, webhook.updated, webhook.deleted. */
                        event_types?: string[];
                        enabled?: boolean;
                        /** @description A signing secret of your choosing, `whsec_` and base64 of 24 to 64 bytes; absent, yonder makes one. */
                        secret?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenant_id: string;
                        /** @description Where events are POSTed. */
                        url: string;
                        description: string;
                        /** @description The event types delivered; empty: all of them. */
                        event_types: string[];
                        /** @description A disabled endpoint keeps its place; events wait for it. */
                        enabled: boolean;
                        /** Format: date-time */
                        create_time: string;
                        /** Format: date-time */
                        update_time: string;
                        /** @description Where delivery stands. */
                        status: {
                            /** @description The last event handled (delivered, or skipped by the filter); null before the first. */
                            cursor_event_id: string | null;
                            /** @description Failed attempts in a row; 0 after a success. */
                            failure_count: number;
                            /**
                             * Format: date-time
                             * @description When delivery is retried after a failure; null when not backing off.
                             */
                            next_attempt_time: string | null;
                            /**
                             * Format: date-time
                             * @description The last attempt.
                             */
                            last_attempt_time: string | null;
                            /**
                             * Format: date-time
                             * @description The last delivery the receiver answered with a 2xx.
                             */
                            last_success_time: string | null;
                            /** @description The receiver's status at the last attempt; null when none came. */
                            last_status_code: number | null;
                            /** @description What went wrong at the last attempt; null after a success. */
                            last_error: string | null;
                        };
                        /** @description Shown once. */
                        secret: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The webhook endpoint's id. */
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The webhook endpoint's id. */
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UpdateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The webhook endpoint's id. */
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    webhook: {
                        /** @description An http or https URL. */
                        url?: string;
                        description?: string;
                        /** @description Event types to deliver (empty or absent: all). One of: tenant.updated, realm.created, realm.updated, realm.deleted, identity.created, identity.updated, identity.deleted, group.created, group.updated, group.deleted, group.members_added, group.members_removed, application.created, application.updated, application.deleted, application.secret_rotated, application.secret_read, resource_server.created, resource_server.updated, resource_server.deleted, role.created, role.updated, role.deleted, role.members_added, role.members_removed, role.scopes_added, role.scopes_removed, token.issued, token.deleted, token.revoked, token.refreshed, authorization.granted, authorization.denied, policy.published, policy.restored, policy.evaluated, sign_in.succeeded, sign_in.failed, authenticator_config.created, authenticator_config.updated, authenticator_config.deleted, theme.created, theme.updated, flow_type_config.updated, identity_provider.created, identity_provider.updated, identity_provider.deleted, identity_provider.verified, identity_provider.verification_failed, sso_config.created, sso_config.updated, sso_config.deleted, sso_config.identities_added, sso_config.identities_removed, sso_config.groups_added, sso_config.groups_removed, credential_binding_job.created, credential_binding_job.revoked, credential_binding_job.completed, credential_binding_job.failed_to_send, batch_credential_binding_job.created, credential.created, credential.revoked, credential.renamed, identity.signed_out_everywhere, identity.recovery_requested, realm.account_settings_updated, console.token_issued, console.signed_out, webhook.created, webhook.updated, webhook.deleted. */
                        event_types?: string[];
                        enabled?: boolean;
                        /** @description A signing secret of your choosing, `whsec_` and base64 of 24 to 64 bytes; absent, yonder makes one. */
                        secret?: string;
                        id?: unknown;
                        tenant_id?: unknown;
                        create_time?: unknown;
                        update_time?: unknown;
                        status?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListWebhookDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The webhook endpoint's id. */
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deliveries: components["schemas"]["WebhookDelivery"][];
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetServiceProviderConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ListResourceTypes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GetResourceType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource type's name (User, Group) or the schema's URN. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ListSchemas: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GetSchema: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The resource type's name (User, Group) or the schema's URN. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SCIMListUsers: {
        parameters: {
            query?: {
                /** @description RFC 7644 §3.4.2.2 filter, e.g. userName eq "bjensen". */
                filter?: string;
                /** @description 1-based index of the first result. */
                startIndex?: string;
                /** @description Results per page; default 100, at most 1000; 0 gives only totalResults. */
                count?: string;
                /** @description userName, displayName, meta.created or meta.lastModified. */
                sortBy?: string;
                /** @description ascending (default) or descending. */
                sortOrder?: string;
                /** @description Comma-separated attributes to return. */
                attributes?: string;
                /** @description Comma-separated attributes to leave out. */
                excludedAttributes?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SCIMCreateUser: {
        parameters: {
            query?: {
                /** @description Comma-separated attributes to return. */
                attributes?: string;
                /** @description Comma-separated attributes to leave out. */
                excludedAttributes?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        /** @description A SCIM resource (application/scim+json or application/json). */
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SCIMGetUser: {
        parameters: {
            query?: {
                /** @description Comma-separated attributes to return. */
                attributes?: string;
                /** @description Comma-separated attributes to leave out. */
                excludedAttributes?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The User's id. */
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SCIMReplaceUser: {
        parameters: {
            query?: {
                /** @description Comma-separated attributes to return. */
                attributes?: string;
                /** @description Comma-separated attributes to leave out. */
                excludedAttributes?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The User's id. */
                user_id: string;
            };
            cookie?: never;
        };
        /** @description A SCIM resource (application/scim+json or application/json). */
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SCIMDeleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The User's id. */
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SCIMPatchUser: {
        parameters: {
            query?: {
                /** @description Comma-separated attributes to return. */
                attributes?: string;
                /** @description Comma-separated attributes to leave out. */
                excludedAttributes?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The User's id. */
                user_id: string;
            };
            cookie?: never;
        };
        /** @description A SCIM resource (application/scim+json or application/json). */
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SCIMListGroups: {
        parameters: {
            query?: {
                /** @description RFC 7644 §3.4.2.2 filter, e.g. displayName eq "Sales". */
                filter?: string;
                /** @description 1-based index of the first result. */
                startIndex?: string;
                /** @description Results per page; default 100, at most 1000; 0 gives only totalResults. */
                count?: string;
                /** @description displayName, meta.created or meta.lastModified. */
                sortBy?: string;
                /** @description ascending (default) or descending. */
                sortOrder?: string;
                /** @description Comma-separated attributes to return. */
                attributes?: string;
                /** @description Comma-separated attributes to leave out; `members` skips reading them (Entra, M1). */
                excludedAttributes?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SCIMCreateGroup: {
        parameters: {
            query?: {
                /** @description Comma-separated attributes to return. */
                attributes?: string;
                /** @description Comma-separated attributes to leave out; `members` skips reading them (Entra, M1). */
                excludedAttributes?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        /** @description A SCIM resource (application/scim+json or application/json). */
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SCIMGetGroup: {
        parameters: {
            query?: {
                /** @description Comma-separated attributes to return. */
                attributes?: string;
                /** @description Comma-separated attributes to leave out; `members` skips reading them (Entra, M1). */
                excludedAttributes?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The Group's id. */
                group_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SCIMReplaceGroup: {
        parameters: {
            query?: {
                /** @description Comma-separated attributes to return. */
                attributes?: string;
                /** @description Comma-separated attributes to leave out; `members` skips reading them (Entra, M1). */
                excludedAttributes?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The Group's id. */
                group_id: string;
            };
            cookie?: never;
        };
        /** @description A SCIM resource (application/scim+json or application/json). */
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SCIMDeleteGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The Group's id. */
                group_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SCIMUpdateGroup: {
        parameters: {
            query?: {
                /** @description Comma-separated attributes to return. */
                attributes?: string;
                /** @description Comma-separated attributes to leave out; `members` skips reading them (Entra, M1). */
                excludedAttributes?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The Group's id. */
                group_id: string;
            };
            cookie?: never;
        };
        /** @description A SCIM resource (application/scim+json or application/json). */
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SCIMBulk: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ListCredentials: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        credentials: components["schemas"]["Credential"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetCredential: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
                /** @description The credential's (passkey's) id, within the identity. */
                credential_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Credential"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    RevokeCredential: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
                /** @description The credential's (passkey's) id, within the identity. */
                credential_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Credential"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListPasskeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        passkeys: components["schemas"]["Passkey"][];
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    RenamePasskey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
                /** @description The passkey's credential id. */
                credential_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    display_name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Passkey"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    SignOutIdentityEverywhere: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sessions: number;
                        tokens: number;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    SendRecoveryLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        credential_binding_job: components["schemas"]["CredentialBindingJob"];
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetAccountSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountSettings"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    PutAccountSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Whether a person may remove their last passkey on the account page (default false: they must add another first). */
                    allow_removing_last_passkey: boolean;
                    /** @description The realm's identity providers its hosted sign-in pages offer ("Sign in with ..."): the person is matched to one existing identity, never created. Default none. */
                    sign_in_identity_providers?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountSettings"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListCredentialBindingJobs: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
                /** @description SCIM filter on `state` and `delivery_method` (see above), e.g. `state eq "COMPLETE"`. */
                filter?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        credential_binding_jobs: components["schemas"]["CredentialBindingJob"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateCredentialBindingJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    job: {
                        /** @enum {string} */
                        delivery_method: "RETURN" | "EMAIL";
                        authenticator_config_id?: string;
                        post_binding_redirect_uri?: string;
                        id?: unknown;
                        identity_id?: unknown;
                        realm_id?: unknown;
                        tenant_id?: unknown;
                        credential_id?: unknown;
                        batch_id?: unknown;
                        state?: unknown;
                        expire_time?: unknown;
                        create_time?: unknown;
                        update_time?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        credential_binding_job: components["schemas"]["CredentialBindingJob"];
                        credential_binding_link?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetCredentialBindingJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
                /** @description The credential binding job's id, within the identity. */
                credential_binding_job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CredentialBindingJob"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    SetCredentialBindingJobRevoked: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
                /** @description The credential binding job's id, within the identity. */
                credential_binding_job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CredentialBindingJob"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateBatchCredentialBindingJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    batch_credential_binding_job: {
                        identity_ids: string[];
                        job_template: {
                            authenticator_config_id?: string;
                            post_binding_redirect_uri?: string;
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchCredentialBindingJob"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetBatchCredentialBindingJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The batch credential binding job's id, within the realm. */
                batch_credential_binding_job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchCredentialBindingJob"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListBatchCredentialBindingJobResults: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The batch credential binding job's id, within the realm. */
                batch_credential_binding_job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        job_results: components["schemas"]["CredentialBindingJob"][];
                        total_success_count: number;
                        total_failure_count: number;
                        total_pending_count: number;
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListAuthenticatorConfigs: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        authenticator_configs: components["schemas"]["AuthenticatorConfig"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateAuthenticatorConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    authenticator_config: {
                        display_name?: string;
                        config: {
                            /** @enum {string} */
                            type: "hosted_web" | "embedded" | "console";
                            authentication_methods?: {
                                /** @enum {string} */
                                type: "email_one_time_password" | "software_passkey" | "webauthn_passkey";
                            }[];
                            trusted_origins?: string[];
                            invoke_url?: string;
                            /** @enum {string} */
                            invocation_type?: "automatic" | "manual";
                            onboarding_configuration?: {
                                verification_method: {
                                    /** @enum {string} */
                                    type: "idp";
                                    idp_id: string;
                                } | {
                                    /** @enum {string} */
                                    type: "none";
                                };
                            };
                        };
                        id?: unknown;
                        realm_id?: unknown;
                        tenant_id?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthenticatorConfig"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetAuthenticatorConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The authenticator configuration's id, within the realm. */
                authenticator_config_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthenticatorConfig"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteAuthenticatorConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The authenticator configuration's id, within the realm. */
                authenticator_config_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UpdateAuthenticatorConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The authenticator configuration's id, within the realm. */
                authenticator_config_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    authenticator_config: {
                        display_name?: string;
                        config?: {
                            /** @enum {string} */
                            type?: "hosted_web" | "embedded" | "console";
                            authentication_methods?: {
                                /** @enum {string} */
                                type: "email_one_time_password" | "software_passkey" | "webauthn_passkey";
                            }[];
                            trusted_origins?: string[];
                            invoke_url?: string;
                            /** @enum {string} */
                            invocation_type?: "automatic" | "manual";
                            onboarding_configuration?: {
                                verification_method: {
                                    /** @enum {string} */
                                    type: "idp";
                                    idp_id: string;
                                } | {
                                    /** @enum {string} */
                                    type: "none";
                                };
                            };
                        };
                        id?: unknown;
                        realm_id?: unknown;
                        tenant_id?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthenticatorConfig"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateTheme: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    theme: {
                        email_realm_name?: string;
                        logo_url_light?: string;
                        logo_url_dark?: string;
                        /** @description An empty string unsets it. */
                        support_url?: string;
                        button_color?: string;
                        button_text_color?: string;
                        id?: unknown;
                        realm_id?: unknown;
                        tenant_id?: unknown;
                        create_time?: unknown;
                        update_time?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Theme"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetActiveTheme: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Theme"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetTheme: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The theme's id, within the realm. */
                theme_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Theme"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UpdateTheme: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The theme's id, within the realm. */
                theme_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    theme: {
                        email_realm_name?: string;
                        logo_url_light?: string;
                        logo_url_dark?: string;
                        /** @description An empty string unsets it. */
                        support_url?: string;
                        button_color?: string;
                        button_text_color?: string;
                        id?: unknown;
                        realm_id?: unknown;
                        tenant_id?: unknown;
                        create_time?: unknown;
                        update_time?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Theme"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetFlowTypeConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlowTypeConfig"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UpdateFlowTypeConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    android?: {
                        unknown?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        scheme?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        embedded?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        copy?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        roaming_auth?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_autofill?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_accessibility?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        pipe?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        universal_link?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        safari_extension?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        layered_auth_qr_code?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        secure_localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                    };
                    macos?: {
                        unknown?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        scheme?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        embedded?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        copy?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        roaming_auth?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_autofill?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_accessibility?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        pipe?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        universal_link?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        safari_extension?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        layered_auth_qr_code?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        secure_localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                    };
                    ios?: {
                        unknown?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        scheme?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        embedded?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        copy?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        roaming_auth?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_autofill?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_accessibility?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        pipe?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        universal_link?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        safari_extension?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        layered_auth_qr_code?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        secure_localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                    };
                    windows?: {
                        unknown?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        scheme?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        embedded?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        copy?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        roaming_auth?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_autofill?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_accessibility?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        pipe?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        universal_link?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        safari_extension?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        layered_auth_qr_code?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        secure_localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                    };
                    web?: {
                        unknown?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        scheme?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        embedded?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        copy?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        roaming_auth?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_autofill?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_accessibility?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        pipe?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        universal_link?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        safari_extension?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        layered_auth_qr_code?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        secure_localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                    };
                    linux?: {
                        unknown?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        scheme?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        embedded?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        copy?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        roaming_auth?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_autofill?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_accessibility?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        pipe?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        universal_link?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        safari_extension?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        layered_auth_qr_code?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        secure_localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                    };
                    chromeos?: {
                        unknown?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        scheme?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        embedded?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        copy?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        roaming_auth?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_autofill?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_accessibility?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        pipe?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        universal_link?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        safari_extension?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        layered_auth_qr_code?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        secure_localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                    };
                    chromeosweb?: {
                        unknown?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        scheme?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        embedded?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        copy?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        roaming_auth?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_autofill?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        android_accessibility?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        pipe?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        universal_link?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        safari_extension?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        layered_auth_qr_code?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                        secure_localhost?: {
                            enabled?: boolean;
                            valid?: boolean;
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlowTypeConfig"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listIdentityProviders: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        identity_providers: components["schemas"]["IdentityProvider"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createIdentityProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    display_name: string;
                    protocol_config: {
                        /** @enum {string} */
                        type: "oidc_idp";
                        client_id: string;
                        /** @description The upstream's client secret; kept sealed, given back on read. */
                        client_secret: string;
                        token_scopes: string[];
                        /**
                         * @description The identity field the identifying claim is matched against.
                         * @enum {string}
                         */
                        identity_attribute: "id" | "email" | "username" | "external_id";
                        /** @enum {string} */
                        pkce: "disabled" | "plain" | "s256";
                        jwks_url: string;
                        token_url: string;
                        authorize_url: string;
                        identifying_claim_name: string;
                        oauth_2_par_enabled: boolean;
                        oauth_2_par_endpoint?: string | null;
                        /** @description The OpenID Connect `claims` request parameter, as JSON text; empty: none. */
                        claims?: string;
                        /** @enum {string} */
                        token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post";
                        redirect_url?: unknown;
                    };
                    id?: unknown;
                    tenant_id?: unknown;
                    realm_id?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityProvider"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getIdentityProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity provider's id, within the realm. */
                identity_provider_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityProvider"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteIdentityProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity provider's id, within the realm. */
                identity_provider_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateIdentityProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity provider's id, within the realm. */
                identity_provider_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    identity_provider: {
                        display_name?: string;
                        protocol_config?: {
                            /** @enum {string} */
                            type: "oidc_idp";
                            client_id?: string;
                            /** @description The upstream's client secret; kept sealed, given back on read. */
                            client_secret?: string;
                            token_scopes?: string[];
                            /**
                             * @description The identity field the identifying claim is matched against.
                             * @enum {string}
                             */
                            identity_attribute?: "id" | "email" | "username" | "external_id";
                            /** @enum {string} */
                            pkce?: "disabled" | "plain" | "s256";
                            jwks_url?: string;
                            token_url?: string;
                            authorize_url?: string;
                            identifying_claim_name?: string;
                            oauth_2_par_enabled?: boolean;
                            oauth_2_par_endpoint?: string | null;
                            /** @description The OpenID Connect `claims` request parameter, as JSON text; empty: none. */
                            claims?: string;
                            /** @enum {string} */
                            token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post";
                            redirect_url?: unknown;
                        };
                        id?: unknown;
                        tenant_id?: unknown;
                        realm_id?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityProvider"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListSsoConfigs: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
                /** @description Only configs of these types; repeat the parameter for several. */
                type?: ("bookmark" | "entra_id_external_auth_methods" | "generic_oidc" | "generic_oidc_idp" | "generic_saml" | "okta_idp" | "okta_sso_bi_idp" | "scim" | "ws_fed" | "nametag_oauth2") | ("bookmark" | "entra_id_external_auth_methods" | "generic_oidc" | "generic_oidc_idp" | "generic_saml" | "okta_idp" | "okta_sso_bi_idp" | "scim" | "ws_fed" | "nametag_oauth2")[];
                /** @description Only configs of these types; repeat the parameter for several. */
                "type[]"?: ("bookmark" | "entra_id_external_auth_methods" | "generic_oidc" | "generic_oidc_idp" | "generic_saml" | "okta_idp" | "okta_sso_bi_idp" | "scim" | "ws_fed" | "nametag_oauth2") | ("bookmark" | "entra_id_external_auth_methods" | "generic_oidc" | "generic_oidc_idp" | "generic_saml" | "okta_idp" | "okta_sso_bi_idp" | "scim" | "ws_fed" | "nametag_oauth2")[];
                /** @description Only configs added by a migration script (or only others). */
                is_migrated?: boolean;
                /** @description `id` (creation order, the default) or `display_name`. */
                order_by?: "id" | "display_name";
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sso_configs: components["schemas"]["SsoConfig"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateSsoConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    sso_config: {
                        display_name: string;
                        /** @description Set by migration scripts; a list can be filtered by it. Fixed once created. */
                        is_migrated?: boolean;
                        /** @description The type and its fields (the contract's SsoConfigPayload). The type is fixed once created. */
                        payload: {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "bookmark";
                            login_link: string;
                            icon?: string;
                            is_tile_visible?: boolean;
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "entra_id_external_auth_methods";
                            redirect_uris: string[];
                            /** @enum {string} */
                            discover_endpoint: "global_azure" | "azure_us_government" | "microsoft_azure_vianet";
                            inbound_scim?: {
                                [key: string]: unknown;
                            };
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "generic_oidc";
                            redirect_uris: string[];
                            scopes: string[];
                            trusted_origins?: string[];
                            login_link?: string;
                            icon?: string;
                            is_tile_visible?: boolean;
                            /** @enum {string} */
                            confidentiality: "confidential" | "public";
                            /** @enum {string} */
                            pkce: "disabled" | "plain" | "s256";
                            inbound_scim?: {
                                [key: string]: unknown;
                            };
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id: string;
                            /** @description The upstream's secret: kept sealed, never shown again. */
                            client_secret?: string | null;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint: string;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "generic_oidc_idp";
                            /** @enum {string} */
                            pkce?: "disabled" | "plain" | "s256";
                            id_token_scopes?: string[];
                            identifying_claim_name: string;
                            /** @enum {string} */
                            identity_attribute: "id" | "email" | "username" | "external_id";
                            authorization_endpoint: string | null;
                            jwks_endpoint: string;
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "generic_saml";
                            acs_url: string;
                            override_recipient_and_destination: boolean;
                            recipient_url?: string;
                            destination_url?: string;
                            audience_url: string;
                            default_relay_state: string;
                            /** @enum {string} */
                            name_format: "unspecified" | "email_address" | "x509_subject_name" | "persistent" | "transient" | "entity" | "kerberos" | "windows_domain_qualified_name";
                            /** @enum {string} */
                            authentication_context: "x509" | "integrated_windows_federation" | "kerberos" | "password" | "password_protected_transport" | "tls_client" | "unspecified" | "refeds_mfa";
                            /** @enum {string} */
                            subject_user_name_attribute: "user_name" | "email" | "email_prefix" | "external_id" | "display_name" | "custom" | "none";
                            sign_envelope: boolean;
                            sign_assertions: boolean;
                            /** @enum {string} */
                            signature_algorithm: "rsa_sha256" | "rsa_sha1" | "rsa_sha384" | "rsa_sha512";
                            /** @enum {string} */
                            digest_algorithm: "sha256" | "sha1" | "sha384" | "sha512";
                            encrypt_assertions: boolean;
                            assertion_validity_duration_seconds: number;
                            /** @enum {string} */
                            assertion_encryption_algorithm?: "aes256_cbc" | "aes256_gcm" | "aes128_cbc" | "aes128_gcm";
                            /** @enum {string} */
                            assertion_key_transport_algorithm?: "rsa_oaep" | "rsa1_5";
                            assertion_encryption_public_key?: string;
                            sp_signature_certificates: {
                                sp_public_signing_key: string;
                            }[];
                            enable_single_log_out: boolean;
                            single_log_out_url?: string;
                            single_log_out_issuer_url?: string;
                            /** @enum {string} */
                            single_log_out_binding?: "post" | "redirect";
                            single_logout_sign_request_and_response: boolean;
                            validate_signed_requests: boolean;
                            other_sso_urls?: {
                                index: number;
                                url: string;
                            };
                            additional_user_attributes: {
                                name: string;
                                /** @enum {string} */
                                name_format: "unspecified" | "email_address" | "x509_subject_name" | "persistent" | "transient" | "entity" | "kerberos" | "windows_domain_qualified_name";
                                /** @enum {string} */
                                value: "email" | "user_name" | "external_id" | "display_name" | "custom_static_string";
                                custom_value?: string;
                            }[];
                            icon?: string;
                            is_tile_visible?: boolean;
                            inbound_scim?: {
                                [key: string]: unknown;
                            };
                            use_short_url?: boolean;
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id: string;
                            /** @description The upstream's secret: kept sealed, never shown again. */
                            client_secret?: string | null;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "okta_idp";
                            /** @enum {string} */
                            pkce?: "disabled" | "plain" | "s256";
                            id_token_scopes?: string[];
                            identifying_claim_name: string;
                            /** @enum {string} */
                            identity_attribute: "id" | "email" | "username" | "external_id";
                            okta_domain: string;
                            inbound_scim?: {
                                [key: string]: unknown;
                            };
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "okta_sso_bi_idp";
                            /** @enum {string} */
                            pkce: "disabled" | "plain" | "s256";
                            okta_registration: {
                                domain?: string;
                                /** @description Kept sealed, never shown again. */
                                okta_token?: string | null;
                                attribute_name?: string;
                                is_enabled?: boolean;
                            };
                            inbound_scim?: {
                                [key: string]: unknown;
                            };
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "scim";
                            inbound_scim?: {
                                [key: string]: unknown;
                            };
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "ws_fed";
                            acs_url: string;
                            audience_url: string;
                            expiration_time_seconds: number;
                            /** @enum {string} */
                            digest_algorithm: "sha256" | "sha1" | "sha384" | "sha512";
                            /** @enum {string} */
                            signature_algorithm: "rsa_sha256" | "rsa_sha1" | "rsa_sha384" | "rsa_sha512";
                            /** @enum {string} */
                            name_format: "unspecified" | "email_address" | "x509_subject_name" | "persistent" | "transient" | "entity" | "kerberos" | "windows_domain_qualified_name";
                            /** @enum {string} */
                            subject_user_name_attribute: "user_name" | "email" | "email_prefix" | "external_id" | "display_name" | "custom" | "none";
                            /** @enum {string} */
                            authentication_context: "x509" | "integrated_windows_federation" | "kerberos" | "password" | "password_protected_transport" | "tls_client" | "unspecified" | "refeds_mfa";
                            additional_user_attributes: {
                                name: string;
                                /** @enum {string} */
                                name_format: "unspecified" | "email_address" | "x509_subject_name" | "persistent" | "transient" | "entity" | "kerberos" | "windows_domain_qualified_name";
                                /** @enum {string} */
                                value: "email" | "user_name" | "external_id" | "display_name" | "custom_static_string";
                                namespace?: string;
                            }[];
                            icon?: string;
                            is_tile_visible?: boolean;
                            inbound_scim?: {
                                [key: string]: unknown;
                            };
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "nametag_oauth2";
                        };
                        id?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description An SSO config: its payload's secrets (yonder's client secret, a third party's) appear only in the reply that set them. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsoConfig"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetSsoConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The SSO config's id, within the realm. */
                sso_config_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An SSO config: its payload's secrets (yonder's client secret, a third party's) appear only in the reply that set them. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsoConfig"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteSsoConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The SSO config's id, within the realm. */
                sso_config_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UpdateSsoConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The SSO config's id, within the realm. */
                sso_config_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    sso_config: {
                        display_name?: string;
                        /** @description Set by migration scripts; a list can be filtered by it. Fixed once created. */
                        is_migrated?: boolean;
                        /** @description The type (the config's own: it is fixed) and the fields to change; those not sent stay. */
                        payload?: {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "bookmark";
                            login_link?: string;
                            icon?: string;
                            is_tile_visible?: boolean;
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "entra_id_external_auth_methods";
                            redirect_uris?: string[];
                            /** @enum {string} */
                            discover_endpoint?: "global_azure" | "azure_us_government" | "microsoft_azure_vianet";
                            inbound_scim?: {
                                [key: string]: unknown;
                            };
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "generic_oidc";
                            redirect_uris?: string[];
                            scopes?: string[];
                            trusted_origins?: string[];
                            login_link?: string;
                            icon?: string;
                            is_tile_visible?: boolean;
                            /** @enum {string} */
                            confidentiality?: "confidential" | "public";
                            /** @enum {string} */
                            pkce?: "disabled" | "plain" | "s256";
                            inbound_scim?: {
                                [key: string]: unknown;
                            };
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: string;
                            /** @description The upstream's secret: kept sealed, never shown again. */
                            client_secret?: string | null;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: string;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "generic_oidc_idp";
                            /** @enum {string} */
                            pkce?: "disabled" | "plain" | "s256";
                            id_token_scopes?: string[];
                            identifying_claim_name?: string;
                            /** @enum {string} */
                            identity_attribute?: "id" | "email" | "username" | "external_id";
                            authorization_endpoint?: string | null;
                            jwks_endpoint?: string;
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "generic_saml";
                            acs_url?: string;
                            override_recipient_and_destination?: boolean;
                            recipient_url?: string;
                            destination_url?: string;
                            audience_url?: string;
                            default_relay_state?: string;
                            /** @enum {string} */
                            name_format?: "unspecified" | "email_address" | "x509_subject_name" | "persistent" | "transient" | "entity" | "kerberos" | "windows_domain_qualified_name";
                            /** @enum {string} */
                            authentication_context?: "x509" | "integrated_windows_federation" | "kerberos" | "password" | "password_protected_transport" | "tls_client" | "unspecified" | "refeds_mfa";
                            /** @enum {string} */
                            subject_user_name_attribute?: "user_name" | "email" | "email_prefix" | "external_id" | "display_name" | "custom" | "none";
                            sign_envelope?: boolean;
                            sign_assertions?: boolean;
                            /** @enum {string} */
                            signature_algorithm?: "rsa_sha256" | "rsa_sha1" | "rsa_sha384" | "rsa_sha512";
                            /** @enum {string} */
                            digest_algorithm?: "sha256" | "sha1" | "sha384" | "sha512";
                            encrypt_assertions?: boolean;
                            assertion_validity_duration_seconds?: number;
                            /** @enum {string} */
                            assertion_encryption_algorithm?: "aes256_cbc" | "aes256_gcm" | "aes128_cbc" | "aes128_gcm";
                            /** @enum {string} */
                            assertion_key_transport_algorithm?: "rsa_oaep" | "rsa1_5";
                            assertion_encryption_public_key?: string;
                            sp_signature_certificates?: {
                                sp_public_signing_key: string;
                            }[];
                            enable_single_log_out?: boolean;
                            single_log_out_url?: string;
                            single_log_out_issuer_url?: string;
                            /** @enum {string} */
                            single_log_out_binding?: "post" | "redirect";
                            single_logout_sign_request_and_response?: boolean;
                            validate_signed_requests?: boolean;
                            other_sso_urls?: {
                                index: number;
                                url: string;
                            };
                            additional_user_attributes?: {
                                name: string;
                                /** @enum {string} */
                                name_format: "unspecified" | "email_address" | "x509_subject_name" | "persistent" | "transient" | "entity" | "kerberos" | "windows_domain_qualified_name";
                                /** @enum {string} */
                                value: "email" | "user_name" | "external_id" | "display_name" | "custom_static_string";
                                custom_value?: string;
                            }[];
                            icon?: string;
                            is_tile_visible?: boolean;
                            inbound_scim?: {
                                [key: string]: unknown;
                            };
                            use_short_url?: boolean;
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: string;
                            /** @description The upstream's secret: kept sealed, never shown again. */
                            client_secret?: string | null;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "okta_idp";
                            /** @enum {string} */
                            pkce?: "disabled" | "plain" | "s256";
                            id_token_scopes?: string[];
                            identifying_claim_name?: string;
                            /** @enum {string} */
                            identity_attribute?: "id" | "email" | "username" | "external_id";
                            okta_domain?: string;
                            inbound_scim?: {
                                [key: string]: unknown;
                            };
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "okta_sso_bi_idp";
                            /** @enum {string} */
                            pkce?: "disabled" | "plain" | "s256";
                            okta_registration?: {
                                domain?: string;
                                /** @description Kept sealed, never shown again. */
                                okta_token?: string | null;
                                attribute_name?: string;
                                is_enabled?: boolean;
                            };
                            inbound_scim?: {
                                [key: string]: unknown;
                            };
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "scim";
                            inbound_scim?: {
                                [key: string]: unknown;
                            };
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "ws_fed";
                            acs_url?: string;
                            audience_url?: string;
                            expiration_time_seconds?: number;
                            /** @enum {string} */
                            digest_algorithm?: "sha256" | "sha1" | "sha384" | "sha512";
                            /** @enum {string} */
                            signature_algorithm?: "rsa_sha256" | "rsa_sha1" | "rsa_sha384" | "rsa_sha512";
                            /** @enum {string} */
                            name_format?: "unspecified" | "email_address" | "x509_subject_name" | "persistent" | "transient" | "entity" | "kerberos" | "windows_domain_qualified_name";
                            /** @enum {string} */
                            subject_user_name_attribute?: "user_name" | "email" | "email_prefix" | "external_id" | "display_name" | "custom" | "none";
                            /** @enum {string} */
                            authentication_context?: "x509" | "integrated_windows_federation" | "kerberos" | "password" | "password_protected_transport" | "tls_client" | "unspecified" | "refeds_mfa";
                            additional_user_attributes?: {
                                name: string;
                                /** @enum {string} */
                                name_format: "unspecified" | "email_address" | "x509_subject_name" | "persistent" | "transient" | "entity" | "kerberos" | "windows_domain_qualified_name";
                                /** @enum {string} */
                                value: "email" | "user_name" | "external_id" | "display_name" | "custom_static_string";
                                namespace?: string;
                            }[];
                            icon?: string;
                            is_tile_visible?: boolean;
                            inbound_scim?: {
                                [key: string]: unknown;
                            };
                        } | {
                            application_id?: unknown;
                            authenticator_config_id?: unknown;
                            resource_server_id?: unknown;
                            oidc_configuration?: unknown;
                            client_id?: unknown;
                            client_secret?: unknown;
                            application_tile_id?: unknown;
                            identity_provider_id?: unknown;
                            redirect_uri?: unknown;
                            identity_provider_certs?: unknown;
                            idp_initiated_url?: unknown;
                            sp_initiated_url?: unknown;
                            short_sp_initiated_url?: unknown;
                            short_entity_id_url?: unknown;
                            idp_sso_url?: unknown;
                            idp_issuer_url?: unknown;
                            metadata_url?: unknown;
                            scim_url?: unknown;
                            token_endpoint?: unknown;
                            tenant_id?: unknown;
                            realm_id?: unknown;
                            api_base_url?: unknown;
                            /** @enum {string} */
                            type: "nametag_oauth2";
                        };
                        id?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description An SSO config: its payload's secrets (yonder's client secret, a third party's) appear only in the reply that set them. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsoConfig"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    AddIdentitiesToSsoConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The SSO config's id, within the realm. */
                sso_config_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 1 to 1000 identity ids of the realm. */
                    identity_ids: string[];
                };
            };
        };
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteIdentitiesFromSsoConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The SSO config's id, within the realm. */
                sso_config_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 1 to 1000 identity ids of the realm. */
                    identity_ids: string[];
                };
            };
        };
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    AddGroupsToSsoConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The SSO config's id, within the realm. */
                sso_config_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 1 to 1000 group ids of the realm. */
                    group_ids: string[];
                };
            };
        };
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteGroupsFromSsoConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The SSO config's id, within the realm. */
                sso_config_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 1 to 1000 group ids of the realm. */
                    group_ids: string[];
                };
            };
        };
        responses: {
            /** @description The action was successful and the response body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListIdentitiesForSsoConfig: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The SSO config's id, within the realm. */
                sso_config_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        identities: {
                            id: string;
                            realm_id: string;
                            tenant_id: string;
                            display_name: string;
                            /** Format: date-time */
                            create_time: string;
                            /** Format: date-time */
                            update_time: string;
                            status: string;
                            traits: {
                                type: string;
                                username: string;
                                primary_email_address?: string;
                                secondary_email_address?: string;
                                external_id?: string;
                                family_name?: string;
                                given_name?: string;
                                formatted_name?: string;
                                middle_name?: string;
                                honorific_prefix?: string;
                                honorific_suffix?: string;
                                nick_name?: string;
                                title?: string;
                                primary_phone?: string;
                                secondary_phone?: string;
                                profile_url?: string;
                                photo?: string;
                                preferred_language?: string;
                                locale?: string;
                                timezone?: string;
                                formatted_address?: string;
                                street_address?: string;
                                locality?: string;
                                region?: string;
                                postal_code?: string;
                                country?: string;
                                user_type?: string;
                                employee_number?: string;
                                cost_center?: string;
                                organization?: string;
                                division?: string;
                                department?: string;
                                manager_id?: string;
                                manager_name?: string;
                            };
                            /** @enum {string} */
                            enrollment_status: "ENROLLED" | "PENDING" | "INVITE_FAILED" | "UNENROLLED";
                            group_id?: string;
                            group_display_name?: string;
                        }[];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListGroupsForSSOConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The SSO config's id, within the realm. */
                sso_config_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        groups: {
                            id: string;
                            realm_id: string;
                            tenant_id: string;
                            display_name: string;
                            /** Format: date-time */
                            create_time: string;
                            /** Format: date-time */
                            update_time: string;
                            member_count: number;
                        }[];
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    SSOIsGroupAssigned: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The SSO config's id, within the realm. */
                sso_config_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    group_ids?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        is_assigned_to_sso_config: boolean;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    TestSsoConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The SSO config's id, within the realm. */
                sso_config_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        identity_providers: {
                            identity_provider_id: string;
                            display_name: string;
                            is_success: boolean;
                            status_code: string;
                            error_context?: string;
                        }[];
                        oidc_applications: {
                            application_id: string;
                            display_name: string;
                            is_success: boolean;
                            status_code: string;
                            error_context?: string;
                        }[];
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListSsoConfigsForIdentity: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id. */
                identity_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sso_configs: components["schemas"]["SsoConfig"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    IdentityToSSOConfigCheck: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id. */
                identity_id: string;
                /** @description The SSO config's id. */
                sso_config_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        is_assigned_to_sso_config: boolean;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListSsoConfigsForGroup: {
        parameters: {
            query?: {
                /** @description Items per page; default 20, capped at the maximum (200). */
                page_size?: number;
                /** @description Token from the previous page. */
                page_token?: string;
                /** @description Items to skip; not kept in the page token. */
                skip?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The group's id. */
                group_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sso_configs: components["schemas"]["SsoConfig"][];
                        total_size: number;
                        next_page_token?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ApplicationIdToSSOConfigId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The application's id. */
                application_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sso_config_id?: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    InvokeAuthenticator: {
        parameters: {
            query?: {
                /** @description The binding link's one-time token, from the email or the job. */
                token?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's id. */
                tenant_id: string;
                /** @description The realm's id, within the tenant. */
                realm_id: string;
                /** @description The identity's id, within the realm. */
                identity_id: string;
                /** @description The credential binding job's id, within the identity. */
                credential_binding_job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GetConsoleConfig: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenant_id: string;
                        admin_realm_id: string;
                        console_application_id: string;
                        /** @description The hosted sign-in page of the admin realm, returning to /console/. */
                        sign_in_url: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateConsoleToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        /** @enum {string} */
                        token_type: "Bearer";
                        expires_in: number;
                        /** @description Space-separated: the scopes of the identity's roles on the Management API. */
                        scope: string;
                        identity: {
                            id: string;
                            display_name: string;
                            username: string;
                        };
                        tenant_id: string;
                        admin_realm_id: string;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ConsoleSignOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        signed_out: boolean;
                    };
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The v1 error shape: a snake-case status name, a message, optional details. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
