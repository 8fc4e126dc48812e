export { placesRoutes } from './places.routes.js';
export { pointsRoutes } from './points.routes.js';
export { targetsRoutes } from './targets.routes.js';
export { placesVersion, resolveToken, resolveShortCode, resolvedView, type ResolvedRows } from './points.service.js';
export { relationTo } from './place-access.js';
export { activePlacePins, basics as placeBasicsOf, findActivePlacesByName, hasAnyPlaceMembership, placeBasics, findPlaceForScan, pointLabels, relationToPlace, type PlaceBasics } from './place-lookup.js';
export { placeOwnersIn } from './place-owners.js';
export { leaveAllPlaces, membershipsForExport } from './privacy.js';
