import type { INestApplication } from '@nestjs/common';

interface ExpressLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

/** `METHOD /path` for every route the Express router of the running app holds, in registration order. */
export function liveRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: ExpressLayer[] }; _router?: { stack: ExpressLayer[] } };
  const stack = (express.router ?? express._router)?.stack;
  if (!stack) throw new Error('cannot read the Express router stack of the control plane');
  const routes: string[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    const { path, methods } = layer.route;
    if (typeof path !== 'string') throw new Error(`route with a non-string path: ${String(path)}`);
    for (const [method, on] of Object.entries(methods)) {
      if (!on || method === '_all') continue;
      const key = `${method.toUpperCase()} ${path}`;
      if (!routes.includes(key)) routes.push(key);
    }
  }
  return routes;
}
