import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre looks for its worker beside its own module, a file the bundler does not emit unless it
// is named here. Without it every map draws an empty background and nothing else.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

maplibregl.setWorkerUrl(workerUrl);

/** MapLibre, ready to draw: import it from here rather than from the package. */
export { maplibregl };
