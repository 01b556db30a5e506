// the routes are the provider adapters' (core/providers/); kept here for the proxy's existing importers
export { routeFor, type Route } from '../providers/route.js';
