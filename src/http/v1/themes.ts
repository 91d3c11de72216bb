import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Name, RealmParams, RealmResourceReadOnly, Timestamp, errorResponses, requiresScope } from '../schemas.js';
import type { Theme } from '../../domain/passkeys/passkeys.js';
import type { Yonder } from '../../services/context.js';
import { type ThemeInput, activeTheme, createTheme, getTheme, updateTheme } from '../../services/passkeys/themes.js';
import { realmRef } from '../params.js';

const BASE = '/v1/tenants/:tenant_id/realms/:realm_id/themes';
const ThemeParams = Type.Composite([
  RealmParams,
  Type.Object({ theme_id: Type.String({ maxLength: 64, description: "The theme's id, within the realm." }) }),
]);
const tags = ['Themes'];

const Colour = Type.String({ pattern: '^#[0-9a-fA-F]{3,8}$' });
const Url = Type.String({ maxLength: 2048 });

const ThemeInputSchema = Type.Object(
  {
    // A name like any other: it goes into the subject and body of binding-link emails.
    email_realm_name: Type.Optional(Name()),
    logo_url_light: Type.Optional(Url),
    logo_url_dark: Type.Optional(Url),
    support_url: Type.Optional(Type.String({ maxLength: 2048, description: 'An empty string unsets it.' })),
    button_color: Type.Optional(Colour),
    button_text_color: Type.Optional(Colour),
    ...RealmResourceReadOnly,
  },
  { additionalProperties: false },
);

const ThemeSchema = Type.Object(
  {
    id: Type.String(),
    tenant_id: Type.String(),
    realm_id: Type.String(),
    email_realm_name: Type.String(),
    logo_url_light: Type.String(),
    logo_url_dark: Type.String(),
    // Absent while unset: the contract says `format: url`, which an empty string is not.
    support_url: Type.Optional(Type.String()),
    button_color: Type.String(),
    button_text_color: Type.String(),
    create_time: Timestamp,
    update_time: Timestamp,
  },
  { $id: 'Theme' },
);

function settable(input: Static<typeof ThemeInputSchema>): ThemeInput {
  const { id, realm_id, tenant_id, create_time, update_time, ...rest } = input;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

/** The theme as the contract shows it: `support_url` only when it is set. */
function present(theme: Theme) {
  const { support_url, ...rest } = theme;
  return support_url === '' ? rest : theme;
}

export const themeRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(ThemeSchema);

  app.post(
    BASE,
    {
      schema: {
        operationId: 'CreateTheme',
        description: "Creates the realm's theme (a realm has at most one: 409 when it has one); it styles the binding-link emails.",
        summary: "Create the realm's theme (one per realm: 409 when it has one); it styles binding-link emails",
        tags,
        security: requiresScope('themes:create'),
        params: RealmParams,
        body: Type.Object({ theme: ThemeInputSchema }),
        response: { 200: Type.Ref('Theme'), ...errorResponses(404, 409) },
      },
    },
    async (request) => present(await createTheme(yonder, realmRef(request.params), settable(request.body.theme))),
  );

  app.get(
    `${BASE}/active`,
    {
      schema: {
        operationId: 'GetActiveTheme',
        description: "The theme the realm's emails use: its own, or the default one when it has none.",
        summary: "The realm's theme, or the default one",
        tags,
        security: requiresScope('themes:read'),
        params: RealmParams,
        response: { 200: Type.Ref('Theme'), ...errorResponses(404) },
      },
    },
    async (request) => present(await activeTheme(yonder.store, realmRef(request.params))),
  );

  app.get(
    `${BASE}/:theme_id`,
    {
      schema: {
        operationId: 'GetTheme',
        description: 'One theme, by id.',
        summary: 'Retrieve a theme',
        tags,
        security: requiresScope('themes:read'),
        params: ThemeParams,
        response: { 200: Type.Ref('Theme'), ...errorResponses(404) },
      },
    },
    async (request) => present(await getTheme(yonder, realmRef(request.params), request.params.theme_id)),
  );

  app.patch(
    `${BASE}/:theme_id`,
    {
      schema: {
        operationId: 'UpdateTheme',
        description: 'Changes the theme; only the fields sent change.',
        summary: 'Update a theme',
        tags,
        security: requiresScope('themes:update'),
        params: ThemeParams,
        body: Type.Object({ theme: ThemeInputSchema }),
        response: { 200: Type.Ref('Theme'), ...errorResponses(404) },
      },
    },
    async (request) => present(await updateTheme(yonder, realmRef(request.params), request.params.theme_id, settable(request.body.theme))),
  );
};
