import { Global, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TenantsRepositoryModule } from '../tenants/tenants-repository.module';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogService } from './audit-log.service';
import { AuditController } from './audit.controller';
import { HttpAuditMiddleware } from './http-audit.middleware';

/** The tamper-evident audit log: the HTTP trail, reading and verifying the chains. */
@Global()
@Module({
  imports: [TenantsRepositoryModule],
  controllers: [AuditController],
  providers: [AuditLogRepository, AuditLogService],
  exports: [AuditLogService, AuditLogRepository],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpAuditMiddleware).forRoutes('*path');
  }
}
