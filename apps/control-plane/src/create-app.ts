import { ConsoleLogger, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { ErrorFilter } from './common/error.filter';
import { applyHttpHardening } from './common/http-hardening';
import { requestValidationPipe } from './common/request-validation';
import type { ControlPlaneConfig } from './config/control-plane.config';
import { assertApplicationRole } from './database/app-role';

export function jsonLogger(): LoggerService {
  return new ConsoleLogger({ json: true, colors: false });
}

/**
 * The HTTP app with its hardening, global pipe and filter; main.ts and the e2e tests build it
 * the same way.
 */
export async function createControlPlaneApp(
  config: ControlPlaneConfig,
  logger: LoggerService | false = jsonLogger(),
): Promise<INestApplication> {
  await assertApplicationRole(config.database.url.reveal(), config.database.schema);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger,
    bodyParser: false,
    // Keeps each JSON body's bytes as received (request.rawBody): Stripe's webhook signature is over them.
    rawBody: true,
  });
  applyHttpHardening(app, config.httpSecurity);
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  return app;
}
