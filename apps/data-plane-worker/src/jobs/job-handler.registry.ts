import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_NAMES, type AnyJob, type JobName } from '@ade/contracts';
import { JOB_HANDLER, type JobContext } from './job-handler.decorator';

export class HandlerRegistrationError extends Error {
  override readonly name = 'HandlerRegistrationError';
}

type BoundHandler = (job: AnyJob, context: JobContext) => Promise<unknown>;

/**
 * Finds every @JobHandler at boot. The worker refuses to start when a job name has no handler
 * or more than one: a job that nobody handles would otherwise sit in a queue until it expires.
 */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobName, BoundHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = new Map<JobName, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, instance[method] as () => unknown);
        if (!name) continue;
        found.set(name, [...(found.get(name) ?? []), `${prototype.constructor.name}.${method}`]);
        this.handlers.set(name, (instance[method] as BoundHandler).bind(instance));
      }
    }
    assertExactlyOneHandlerEach(found);
  }

  handlerFor(name: JobName): BoundHandler {
    const handler = this.handlers.get(name);
    if (!handler) throw new HandlerRegistrationError(`no handler for job '${name}'`);
    return handler;
  }
}

export function assertExactlyOneHandlerEach(found: Map<JobName, string[]>): void {
  const problems: string[] = [];
  for (const name of JOB_NAMES) {
    const owners = found.get(name) ?? [];
    if (owners.length === 0) problems.push(`job '${name}' has no handler`);
    if (owners.length > 1) problems.push(`job '${name}' has ${owners.length} handlers: ${owners.join(', ')}`);
  }
  if (problems.length) throw new HandlerRegistrationError(`job handlers are misconfigured: ${problems.join('; ')}`);
}
