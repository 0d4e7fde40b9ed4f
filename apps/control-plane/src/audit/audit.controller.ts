import { Controller, Get, Query } from '@nestjs/common';
import { HumanOnly } from '../api-keys/human-only.decorator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { AuditLogService } from './audit-log.service';
import { auditEntryView } from './audit.view';
import { listAuditQuerySchema, verifyAuditQuerySchema, type ListAuditQuery, type VerifyAuditQuery } from './dto/audit-query.dto';

@Controller('v1/audit')
// Reading the audit trail is an administrator's review, not a machine client's job.
@HumanOnly()
@Roles('platform_operator', 'tenant_admin')
export class AuditController {
  constructor(private readonly audit: AuditLogService) {}

  @Get('verify')
  async verify(@CurrentUser() caller: AuthUser, @Query({ schema: verifyAuditQuerySchema }) query: VerifyAuditQuery) {
    const chain = await this.audit.chainFor(caller, query.tenantId);
    return { tenantId: chain, ...(await this.audit.verify(chain)) };
  }

  @Get('events')
  async list(@CurrentUser() caller: AuthUser, @Query({ schema: listAuditQuerySchema }) query: ListAuditQuery) {
    const chain = await this.audit.chainFor(caller, query.tenantId);
    const entries = await this.audit.list(chain, query.limit, query.before);
    const oldest = entries.at(-1);
    return {
      tenantId: chain,
      items: entries.map(auditEntryView),
      nextBefore: entries.length === query.limit && oldest && oldest.seq > 1 ? oldest.seq : null,
    };
  }
}
