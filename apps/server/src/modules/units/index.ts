export { initUnits, unitTree, requireUnit, isInHomeProvince, listUnits, reloadUnitTree } from './units.service.js';
export { unitsRoutes } from './units.routes.js';
