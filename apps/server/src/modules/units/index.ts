export { initUnits, unitTree, requireUnit, isInHomeProvince, listUnits, reloadUnitTree, checkLocation, getUnitBoundaries } from './units.service.js';
export { unitsRoutes } from './units.routes.js';
