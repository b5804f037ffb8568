import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import type { NavigationEntry } from './navigation.js';

export type RouteModule = (app: FastifyInstance, ctx: AppContext) => void | Promise<void>;

/** An area's typed paths: functions from ids to its pages' URLs. */
export type Paths = Readonly<Record<string, (...ids: never[]) => string>>;

/**
 * What an area gives the service, exported by its index.ts and assembled by the composition
 * root (src/server.ts): its routes, its entries in the navigation, and its paths, which
 * templates use as `paths.<name>`.
 */
export interface Area {
  name: string;
  routes: readonly RouteModule[];
  navigation?: readonly NavigationEntry[];
  paths?: Paths;
}
