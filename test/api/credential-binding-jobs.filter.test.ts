import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids.js';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * The binding-job list's `filter` (the contract's SCIM grammar on `state` and `delivery_method`):
 * states compare as the API shows them, the filter is locked into the page token, and anything the
 * list cannot answer is a 400 in the v1 error shape.
 */
describeApi('credential binding jobs: the list filter', () => {
  let y: TestYonder;
  let identityId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    y = await TestYonder.start();
    const identity = await y.createIdentity('filtered', {
      traits: { type: 'traits_v0', username: 'filtered', primary_email_address: 'filtered@example.com' },
    });
    identityId = identity.id;
    const create = async (delivery_method: string) =>
      (await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs`), { body: { job: { delivery_method } } })).body
        .credential_binding_job.id as string;
    ids.sent = await create('RETURN');
    ids.emailed = await create('EMAIL');
    ids.revoked = await create('RETURN');
    await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs/${ids.revoked}:revoke`));
    // A job created eight days ago: stored LINK_SENT, shown EXPIRED.
    const config = await y.yonder.store.authenticatorConfigs.getDefault(y.realmId);
    const long = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();
    ids.expired = newId();
    await y.yonder.store.bindingJobs.insert(
      {
        id: ids.expired,
        tenant_id: y.tenantId,
        realm_id: y.realmId,
        identity_id: identity.id,
        credential_id: null,
        batch_id: null,
        delivery_method: 'RETURN',
        state: 'LINK_SENT',
        post_binding_redirect_uri: null,
        authenticator_config_id: config!.id,
        expire_time: long(1),
        create_time: long(8),
        update_time: long(8),
      },
      'not-a-real-token-hash',
    );
  });
  afterAll(async () => y?.close());

  async function listed(filter: string, identity = '-') {
    const reply = await y.request('GET', y.realmPath(`/identities/${identity}/credential-binding-jobs?filter=${encodeURIComponent(filter)}`));
    expect(reply.status, reply.text).toBe(200);
    return (reply.body.credential_binding_jobs as { id: string; state: string }[]).map((j) => j.id).sort();
  }
  const sorted = (...names: string[]) => names.map((n) => ids[n]).sort();

  it('state eq matches the state the API shows: a pending job past its expiry is EXPIRED, not LINK_SENT', async () => {
    expect(await listed('state eq "LINK_SENT"')).toEqual(sorted('sent', 'emailed'));
    expect(await listed('state eq "EXPIRED"')).toEqual(sorted('expired'));
    expect(await listed('state eq "REVOKED"', identityId)).toEqual(sorted('revoked'));
    expect(await listed('state eq "COMPLETE"')).toEqual([]);
  });

  it('delivery_method, ne, and, or, and case-insensitive attribute names and values', async () => {
    expect(await listed('delivery_method eq "EMAIL"')).toEqual(sorted('emailed'));
    expect(await listed('Delivery_Method eq "return" and state ne "REVOKED"')).toEqual(sorted('sent', 'expired'));
    expect(await listed('state eq "REVOKED" or state eq "EXPIRED"')).toEqual(sorted('revoked', 'expired'));
  });

  it('total_size counts the filtered list, and the filter is locked into the page token', async () => {
    const first = await y.request(
      'GET',
      y.realmPath(`/identities/-/credential-binding-jobs?page_size=1&filter=${encodeURIComponent('delivery_method eq "RETURN"')}`),
    );
    expect(first.status).toBe(200);
    expect(first.body.total_size).toBe(3);
    const token = first.body.next_page_token as string;
    const next = await y.request(
      'GET',
      y.realmPath(`/identities/-/credential-binding-jobs?page_token=${token}&filter=${encodeURIComponent('delivery_method eq "RETURN"')}`),
    );
    expect(next.status).toBe(200);
    expect(next.body.credential_binding_jobs).toHaveLength(1);
    const changed = await y.request(
      'GET',
      y.realmPath(`/identities/-/credential-binding-jobs?page_token=${token}&filter=${encodeURIComponent('state eq "REVOKED"')}`),
    );
    expect(changed.status).toBe(400);
  });

  it.each([
    ['an unknown attribute', 'identity_id eq "x"'],
    ['an unsupported operator', 'state co "LINK"'],
    ['a negation', 'not (state eq "LINK_SENT")'],
    ['an unknown state', 'state eq "DONE"'],
    ['a non-string value', 'state eq 1'],
    ['bad syntax', 'state eq'],
    ['an injection attempt', `state eq "COMPLETE' OR 1=1 --"`],
  ])('a filter with %s is a 400 in the v1 error shape', async (_what, filter) => {
    const reply = await y.request('GET', y.realmPath(`/identities/-/credential-binding-jobs?filter=${encodeURIComponent(filter)}`));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'bad_request', details: [{ type: 'FieldViolations', field_violations: [{ field: 'filter' }] }] });
  });
});
