import type { PipeTransform } from '@nestjs/common';
import { isUuid } from '@ade/contracts';
import { NotFoundError } from './app-error';

/**
 * A malformed id names nothing that exists, so it gets the same 404 as another tenant's id:
 * the caller learns nothing from the difference.
 */
export class ResourceIdPipe implements PipeTransform<string, string> {
  constructor(private readonly resource: string) {}

  transform(value: string): string {
    const id = value.toLowerCase();
    if (!isUuid(id)) throw new NotFoundError(this.resource);
    return id;
  }
}
