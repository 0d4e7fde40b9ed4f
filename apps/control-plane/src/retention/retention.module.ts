import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { LegalHoldController } from './legal-hold.controller';
import { LegalHoldService } from './legal-hold.service';
import { RetentionProcessor } from './retention.processor';
import { RetentionRepository } from './retention.repository';
import { RetentionScheduler } from './retention.scheduler';
import { RetentionService } from './retention.service';
import { RETENTION_QUEUE } from './retention.queue';

/** Retention of run history and audit events on a schedule, and the per-tenant legal hold that stops it. */
@Module({
  imports: [BullModule.registerQueue({ name: RETENTION_QUEUE })],
  controllers: [LegalHoldController],
  providers: [RetentionRepository, RetentionService, RetentionProcessor, RetentionScheduler, LegalHoldService],
  exports: [RetentionService],
})
export class RetentionModule {}
