import { z } from 'zod';

/**
 * An id in a request body or query, normalized like ResourceIdPipe normalizes path ids: UUIDs are
 * case-insensitive, but every tenant scope and job contract takes the lowercase form.
 */
export const resourceIdSchema = z.uuid().transform((id) => id.toLowerCase());
