import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { parseTableName, X12_DATA_TYPES, type DataType, type QualitySettings, type SourceFormat } from '@ade/contracts';
import { availableStatePacks } from '@ade/healthcare';
import { expectationOverrideProblems } from '@ade/quality-model';
import { PlanLimits } from '../billing/plan-limits';
import { ConflictError, InvalidFieldError, NotFoundError } from '../common/app-error';
import { ConnectorsRepository } from '../connectors/connectors.repository';
import { isForeignKeyViolation, isUniqueViolation } from '../database/unique-violation';
import { PipelineSchedules } from '../schedules/pipeline-schedules';
import { TenantsRepository } from '../tenants/tenants.repository';
import type { CreatePipelineDto } from './dto/create-pipeline.dto';
import type { UpdatePipelineDto } from './dto/update-pipeline.dto';
import { Pipeline } from './pipeline.entity';
import { PipelinesRepository } from './pipelines.repository';

@Injectable()
export class PipelinesService {
  constructor(
    private readonly pipelines: PipelinesRepository,
    private readonly tenants: TenantsRepository,
    private readonly schedules: PipelineSchedules,
    private readonly connectors: ConnectorsRepository,
    private readonly limits: PlanLimits,
  ) {}

  async create(tenantId: string, dto: CreatePipelineDto): Promise<Pipeline> {
    await this.assertOwnCatalog(tenantId, dto.targetTable);
    assertKnownState(dto.options.state);
    assertFormatFitsType(dto.sourceFormat, dto.dataType);
    assertExpectationsFit(dto.quality, dto.dataType);
    await this.assertOwnConnector(tenantId, dto.connectorId);
    await this.limits.assertRoomFor(tenantId, 'pipelines', () => this.pipelines.count(tenantId));
    const pipeline = Object.assign(new Pipeline(), { ...dto, id: randomUUID(), tenantId });
    const saved = await this.saveUniquely(tenantId, pipeline);
    // A new pipeline has no job scheduler yet: only a schedule needs the queue.
    if (saved.schedule) await this.schedules.sync(saved);
    return saved;
  }

  list(tenantId: string, name?: string): Promise<Pipeline[]> {
    return this.pipelines.find(tenantId, { where: name ? { name } : {}, order: { name: 'ASC' } });
  }

  async get(tenantId: string, id: string): Promise<Pipeline> {
    const pipeline = await this.pipelines.findById(tenantId, id);
    if (!pipeline) throw new NotFoundError('pipeline');
    return pipeline;
  }

  async update(tenantId: string, id: string, patch: UpdatePipelineDto): Promise<Pipeline> {
    const pipeline = await this.get(tenantId, id);
    if (patch.targetTable) await this.assertOwnCatalog(tenantId, patch.targetTable);
    assertKnownState(patch.options?.state);
    assertFormatFitsType(patch.sourceFormat ?? pipeline.sourceFormat, patch.dataType ?? pipeline.dataType);
    assertExpectationsFit(patch.quality ?? pipeline.quality, patch.dataType ?? pipeline.dataType);
    await this.assertOwnConnector(tenantId, patch.connectorId);
    Object.assign(pipeline, patch);
    const saved = await this.saveUniquely(tenantId, pipeline);
    if ('schedule' in patch) await this.schedules.sync(saved);
    return saved;
  }

  /** Run history stays: runs keep the pipeline's name and lose only the link. */
  async delete(tenantId: string, id: string): Promise<void> {
    if (!(await this.pipelines.delete(tenantId, id))) throw new NotFoundError('pipeline');
    await this.schedules.remove(id);
  }

  private async assertOwnCatalog(tenantId: string, targetTable: string): Promise<void> {
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) throw new NotFoundError('tenant');
    if (parseTableName(targetTable)?.catalog !== tenant.catalogName) {
      throw new InvalidFieldError('targetTable', `catalog must be this tenant's catalog '${tenant.catalogName}'`);
    }
  }

  /** Another tenant's connector is as unknown as one that does not exist. */
  private async assertOwnConnector(tenantId: string, connectorId: string | null | undefined): Promise<void> {
    if (!connectorId) return;
    if (!(await this.connectors.findById(tenantId, connectorId))) throw new InvalidFieldError('connectorId', 'no such connector');
  }

  private async saveUniquely(tenantId: string, pipeline: Pipeline): Promise<Pipeline> {
    try {
      return await this.pipelines.save(tenantId, pipeline);
    } catch (error) {
      // The connector was deleted between the check and the save (the foreign key is per tenant too).
      if (isForeignKeyViolation(error, 'pipelines_connector_fkey')) throw new InvalidFieldError('connectorId', 'no such connector');
      if (isUniqueViolation(error, 'pipelines_tenant_name_key')) {
        throw new ConflictError(`a pipeline named '${pipeline.name}' already exists`, [
          { field: 'name', message: 'is already used by another pipeline' },
        ]);
      }
      throw error;
    }
  }
}

/** A pipeline's state must have a Medicaid rule pack, or its claims could not be judged by it. */
function assertKnownState(state: string | undefined): void {
  if (state === undefined) return;
  const packs = availableStatePacks().filter((pack) => pack !== 'default');
  if (!packs.includes(state)) {
    throw new InvalidFieldError('options.state', `has no state rule pack; available: ${packs.join(', ')}`);
  }
}

/** X12 files carry professional (837P) or institutional (837I) claims, enrollment (834) or remittance advice (835), only. */
function assertFormatFitsType(format: SourceFormat, dataType: DataType): void {
  if (format === 'x12' && !(X12_DATA_TYPES as readonly string[]).includes(dataType)) {
    throw new InvalidFieldError('sourceFormat', `x12 carries ${X12_DATA_TYPES.join(', ')} (837P, 837I, 834, 835), not ${dataType}`);
  }
}

/** Overrides must name expectations the data type has, and custom SQL may read only its columns. */
function assertExpectationsFit(quality: QualitySettings, dataType: DataType): void {
  const [problem] = expectationOverrideProblems(dataType, quality.expectations);
  if (problem) throw new InvalidFieldError(`quality.expectations.${problem.index}.${problem.field}`, problem.message);
}
