import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { TenantScopedRepository } from '../database/tenant-scoped.repository';
import { Pipeline } from './pipeline.entity';

@Injectable()
export class PipelinesRepository extends TenantScopedRepository<Pipeline> {
  constructor(@InjectRepository(Pipeline) repository: Repository<Pipeline>) {
    super(repository);
  }
}
