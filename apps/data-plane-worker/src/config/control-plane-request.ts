import type { ControlPlaneAccess } from './worker.config';

/** How long the worker waits for the control plane before the job's own retry takes over. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * POSTs JSON to one of the control plane's internal routes with this worker's DATA_PLANE_TOKEN;
 * null when the control plane could not be reached (the caller says what for). Redirects are
 * refused: the token goes to CONTROL_PLANE_URL and nowhere else.
 */
export async function postToControlPlane(access: ControlPlaneAccess, path: string, body: unknown): Promise<Response | null> {
  try {
    return await fetch(`${access.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access.token.reveal()}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch {
    return null;
  }
}
