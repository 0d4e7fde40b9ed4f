import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, pipelineBody, type TenantFixture } from './factories';

describe('pipelines API', () => {
  let cp: ControlPlaneHarness;
  let tenant: TenantFixture;

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'pipelines' });
    tenant = await createTenant(cp);
  });
  afterAll(() => cp?.close());

  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  it('creates, reads, updates, lists and deletes a pipeline', async () => {
    const created = await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody({ name: 'crud' })).expect(201);
    expect(created.body).toMatchObject({
      name: 'crud',
      dataType: 'professional_claims',
      sourceFormat: 'csv',
      schedule: null,
      options: {},
      targetTable: 'healthcare_data.silver.professional_claims',
      connectorId: null,
    });
    expect(Object.keys(created.body).sort()).toEqual([
      'connectorId',
      'createdAt',
      'dataType',
      'id',
      'name',
      'options',
      'quality',
      'schedule',
      'sourceFormat',
      'sourcePath',
      'targetTable',
      'updatedAt',
    ]);
    const id = created.body.id as string;

    await cp.http().get(`/v1/pipelines/${id}`).set(as(tenant.admin.token)).expect(200);
    const updated = await cp
      .http()
      .patch(`/v1/pipelines/${id}`)
      .set(as(tenant.admin.token))
      .send({ schedule: '0 6 * * *', options: { delimiter: '|' } })
      .expect(200);
    expect(updated.body).toMatchObject({ schedule: '0 6 * * *', options: { delimiter: '|' } });

    const byName = await cp.http().get('/v1/pipelines?name=crud').set(as(tenant.admin.token)).expect(200);
    expect(byName.body.items.map((p: { id: string }) => p.id)).toEqual([id]);

    await cp.http().delete(`/v1/pipelines/${id}`).set(as(tenant.admin.token)).expect(204);
    await cp.http().get(`/v1/pipelines/${id}`).set(as(tenant.admin.token)).expect(404);
  });

  it('answers 400 naming each bad field', async () => {
    const response = await cp
      .http()
      .post('/v1/pipelines')
      .set(as(tenant.admin.token))
      .send({ name: 'Bad Name!', dataType: 'dental_claims', sourcePath: '../etc/passwd', targetTable: 'claims', schedule: 'every day' })
      .expect(400);
    expect(response.body.error).toBe('validation_failed');
    const fields = response.body.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['dataType', 'name', 'schedule', 'sourcePath', 'targetTable']);
  });

  it('answers 400 for a target table outside the medallion schemas or the tenant catalog', async () => {
    const badSchema = await cp
      .http()
      .post('/v1/pipelines')
      .set(as(tenant.admin.token))
      .send(pipelineBody({ targetTable: 'healthcare_data.staging.claims' }))
      .expect(400);
    expect(badSchema.body.fields).toEqual([{ field: 'targetTable', message: 'schema must be one of bronze, silver, gold' }]);
    const otherCatalog = await cp
      .http()
      .post('/v1/pipelines')
      .set(as(tenant.admin.token))
      .send(pipelineBody({ targetTable: 'someone_else.silver.claims' }))
      .expect(400);
    expect(otherCatalog.body.fields[0].field).toBe('targetTable');
    const injection = await cp
      .http()
      .post('/v1/pipelines')
      .set(as(tenant.admin.token))
      .send(pipelineBody({ targetTable: 'healthcare_data.silver.claims; drop table x' }))
      .expect(400);
    expect(injection.body.fields[0].field).toBe('targetTable');
  });

  it.each(['/etc/passwd', 'C:\\claims\\x.csv', '~/claims.csv', 'claims/../../other-tenant/x.csv'])(
    'refuses the source path %s, which could leave the landing zone',
    async (sourcePath) => {
      const response = await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody({ sourcePath })).expect(400);
      expect(response.body.fields.map((f: { field: string }) => f.field)).toEqual(['sourcePath']);
    },
  );

  it('accepts a state with a Medicaid rule pack and refuses one without', async () => {
    await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody({ options: { state: 'NY' } })).expect(201);
    const response = await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody({ options: { state: 'WY' } })).expect(400);
    expect(response.body.fields).toEqual([{ field: 'options.state', message: 'has no state rule pack; available: CA, FL, NY, OH, PA, TX' }]);
  });

  it('keeps quality settings: expectation overrides and custom SQL expectations', async () => {
    const quality = {
      expectations: [
        { id: 'npi.check_digit', action: 'warn' },
        { id: 'icd10cm.header_code:diagnosis_code_2', enabled: false },
        { id: 'custom.large_paid', sql: 'paid_amount > 10000 AND upper(claim_type) = \'PROFESSIONAL\'', action: 'warn' },
      ],
      freshnessMaxDays: 90,
    };
    const created = await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody({ name: 'with-quality', quality })).expect(201);
    expect(created.body.quality).toEqual(quality);
    const defaults = await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody({ name: 'default-quality' })).expect(201);
    expect(defaults.body.quality).toEqual({ expectations: [] });
  });

  it('answers 400 naming the expectation field for an unknown id, unsafe SQL or a bad action', async () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [{ id: 'npi.made_up' }, 'quality.expectations.0.id', /is not an expectation of professional_claims/],
      [{ id: 'custom.peek', sql: "paid_amount > 0 OR EXISTS (SELECT 1 FROM read_csv('/etc/passwd'))" }, 'quality.expectations.0.sql', /only a single expression/],
      [{ id: 'custom.file', sql: "length(read_text('/etc/hosts')) > 0" }, 'quality.expectations.0.sql', /read_text/],
      [{ id: 'custom.other', sql: 'secret_column > 1' }, 'quality.expectations.0.sql', /not a column of the table/],
      [{ id: 'npi.check_digit', action: 'explode' }, 'quality.expectations.0.action', /./],
    ];
    for (const [expectation, field, message] of cases) {
      const response = await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody({ name: 'bad-quality', quality: { expectations: [expectation] } })).expect(400);
      expect(response.body.fields[0].field).toBe(field);
      expect(response.body.fields[0].message).toMatch(message);
    }
  });

  it('rejects unknown fields and a duplicate name', async () => {
    const unknown = await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody({ owner: 'me' })).expect(400);
    // The unknown key is named by its position only: a key a caller made up could be anything.
    expect(unknown.body.fields).toEqual([{ field: '(request)', message: 'has an unknown key (key 5 of 5); see the API reference for the fields it takes' }]);
    await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody({ name: 'dupe' })).expect(201);
    const dupe = await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody({ name: 'dupe' })).expect(409);
    expect(dupe.body.fields).toEqual([{ field: 'name', message: 'is already used by another pipeline' }]);
  });

  it('answers 400 for malformed JSON without leaking parser internals', async () => {
    const response = await cp
      .http()
      .post('/v1/pipelines')
      .set(as(tenant.admin.token))
      .set('content-type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(response.body.error).toBe('bad_request');
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.js/);
  });
});
