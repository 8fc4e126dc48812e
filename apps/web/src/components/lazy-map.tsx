import { lazy, Suspense, type ComponentProps } from 'react';
import { Loading } from './ui.js';

// MapLibre is large; pages load it only when a map is on screen.
const MapView = lazy(() => import('./map-view.js').then((m) => ({ default: m.MapView })));

export function LazyMap(props: ComponentProps<typeof MapView>) {
  return (
    <Suspense fallback={<Loading />}>
      <MapView {...props} />
    </Suspense>
  );
}
