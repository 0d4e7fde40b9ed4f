import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/**
 * The floor the API bench measures against: a bare NestJS application on the same HTTP adapter
 * (Express) as the control plane, one GET route answering a small JSON body, no middleware, no
 * guards, no database, no Redis, no logging.
 */
@Controller()
class HelloController {
  @Get('hello')
  hello(): { status: string } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(HelloModule, { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  process.stdout.write('hello listening\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`hello app failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
