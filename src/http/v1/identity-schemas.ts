import { type TOptional, type TProperties, type TSchema, Type } from '@sinclair/typebox';
import { TRAIT_FIELDS, TRAIT_MAX_LENGTH, TRAITS_TYPE, type TraitField } from '../../domain/directory/traits.js';
import { Name, ReadOnly, RealmResourceReadOnly, StringEnum, Timestamp } from '../schemas.js';

type OtherTrait = Exclude<TraitField, 'username' | 'primary_email_address'>;
const OTHER_TRAITS = TRAIT_FIELDS.filter((f): f is OtherTrait => f !== 'username' && f !== 'primary_email_address');

const Email = (nullable: boolean) =>
  Type.Unsafe<string>({
    type: nullable ? ['string', 'null'] : 'string',
    maxLength: 320,
    pattern: '^[^\\s@]+@[^\\s@]+$',
    violation: 'must be an email address',
  });

const TraitValue = Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: TRAIT_MAX_LENGTH });

/** The optional traits, keyed by name, so `Static<>` of the input schemas knows every one. */
function otherTraits(): Record<OtherTrait, TOptional<typeof TraitValue>> {
  const properties = {} as Record<OtherTrait, TOptional<typeof TraitValue>>;
  for (const field of OTHER_TRAITS) properties[field] = Type.Optional(TraitValue);
  return properties;
}

function traitsInput<Username extends TSchema>(username: Username) {
  return Type.Object(
    {
      type: Type.Literal(TRAITS_TYPE, { description: 'Always `traits_v0`; required on every write.' }),
      username,
      primary_email_address: Type.Optional(Email(true)),
      ...otherTraits(),
    },
    {
      additionalProperties: false,
      description: 'Traits to set; on update, keys are merged and `null` removes one.',
    },
  );
}

const identityReadOnly = { ...RealmResourceReadOnly, enrollment_status: ReadOnly };

const Status = StringEnum(['active', 'suspended'] as const, 'Suspended identities cannot enroll or sign in.');

export const IdentityCreateInput = Type.Object(
  {
    display_name: Name(),
    status: Type.Optional(Status),
    traits: traitsInput(Name('Unique per realm, compared case-insensitively.')),
    ...identityReadOnly,
  },
  { additionalProperties: false },
);

export const IdentityUpdateInput = Type.Object(
  {
    display_name: Type.Optional(Name()),
    status: Type.Optional(Status),
    traits: Type.Optional(traitsInput(Type.Optional(Type.Unsafe<string | null>({ ...Name(), type: ['string', 'null'] })))),
    ...identityReadOnly,
  },
  { additionalProperties: false },
);

const traitsOutput: TProperties = { type: Type.String(), username: Type.String() };
for (const field of TRAIT_FIELDS) if (field !== 'username') traitsOutput[field] = Type.Optional(Type.String());

export const Identity = Type.Object(
  {
    id: Type.String(),
    realm_id: Type.String(),
    tenant_id: Type.String(),
    display_name: Type.String(),
    create_time: Timestamp,
    update_time: Timestamp,
    status: Type.String(),
    traits: Type.Object(traitsOutput),
    enrollment_status: StringEnum(['ENROLLED', 'PENDING', 'INVITE_FAILED', 'UNENROLLED'] as const),
  },
  { $id: 'Identity' },
);
