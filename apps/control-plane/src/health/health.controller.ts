import { Controller, Get, Inject } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { UnavailableError } from '../common/app-error';
import { PRODUCER_REDIS } from '../queues/queue.tokens';

@Controller('v1/health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PRODUCER_REDIS) private readonly redis: Redis,
  ) {}

  @Public()
  @Get()
  async check() {
    const [database, queue] = await Promise.all([
      this.db.query('SELECT 1').then(() => 'up' as const, () => 'down' as const),
      this.redis.ping().then(() => 'up' as const, () => 'down' as const),
    ]);
    if (database === 'down' || queue === 'down') {
      throw new UnavailableError(`database is ${database}, queue is ${queue}`);
    }
    return { status: 'ok', database, queue };
  }
}
