/** The view for the current place; views that need heavy code (plots) load it when first shown. */
import { lazy, Suspense } from 'react';
import { SqlConsole } from '../screens/SqlConsole';
import { useNavigation } from '../state/navigation';
import { usePreferences } from '../state/preferences';
import type { OpenWorkspace } from '../state/workbench';
import { DataView } from '../views/data/DataView';
import { HomeView } from '../views/home/HomeView';
import { SamplesView } from '../views/samples/SamplesView';

const SamplePage = lazy(() => import('../views/samples/SamplePage').then((m) => ({ default: m.SamplePage })));
const CalibrationView = lazy(() => import('../views/calibration/CalibrationView').then((m) => ({ default: m.CalibrationView })));
const ClassesView = lazy(() => import('../views/classes/ClassesView').then((m) => ({ default: m.ClassesView })));
const ClassCard = lazy(() => import('../views/classes/ClassCard').then((m) => ({ default: m.ClassCard })));
const MapView = lazy(() => import('../views/map/MapView').then((m) => ({ default: m.MapView })));
const TimelineView = lazy(() => import('../views/timeline/TimelineView').then((m) => ({ default: m.TimelineView })));
const NetworkView = lazy(() => import('../views/network/NetworkView').then((m) => ({ default: m.NetworkView })));

export function ViewRouter({ session }: { session: OpenWorkspace }) {
  const { place } = useNavigation();
  const { investigator } = usePreferences();
  const body = (() => {
    switch (place.view) {
      case 'home':
        return <HomeView session={session} />;
      case 'samples':
        return place.sampleId ? <SamplePage session={session} sampleId={place.sampleId} /> : <SamplesView session={session} />;
      case 'calibration':
        return <CalibrationView session={session} />;
      case 'classes':
        return place.classId !== undefined ? <ClassCard session={session} classId={place.classId} /> : <ClassesView session={session} />;
      case 'map':
        return <MapView session={session} />;
      case 'timeline':
        return <TimelineView session={session} />;
      case 'network':
        return <NetworkView session={session} />;
      case 'data':
        return <DataView session={session} tab={place.dataTab ?? 'measurements'} />;
      case 'sql':
        return investigator ? <HomeView session={session} /> : <SqlConsole session={session} />;
    }
  })();
  return <Suspense fallback={<p className="hint loading-view">Loading the view…</p>}>{body}</Suspense>;
}
