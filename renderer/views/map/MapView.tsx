/**
 * Where the classes were seized: Canada and the northern U.S. states with the land ports of entry of the border
 * (shapes and ports shipped with the app: no tile server, no network). Seizures are grouped per place (a city, or a
 * province when coordinates are hidden): a pie per place, its area the samples seized there, its slices the classes;
 * lines join the places that share a class. Or each sample as a point, a place's samples in a small spiral.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LegendItem } from '../../components/figure/figure-file';
import type { FigureContext } from '../../components/figure/svg-context';
import { PointsCanvas, type PointSet } from '../../components/PointsCanvas';
import type { Annotation, ToScreen } from '../../components/points-drawing';
import { classColor, CLASS_PALETTE, themeColors, UNCLASSIFIED } from '../../components/theme-colors';
import { samplePoints, type SamplePoints } from '../../data/sample-points';
import { StaleNotice } from '../../components/StaleNotice';
import { useAnalysis } from '../../state/analysis';
import { useFilters } from '../../state/filters';
import { useNavigation } from '../../state/navigation';
import { usePreferences } from '../../state/preferences';
import { useColumnRule } from '../../state/redaction';
import { useSelection, useSelectionStore } from '../../state/selection';
import type { OpenWorkspace } from '../../state/workbench';
import { ClassLegend } from '../shared/ClassLegend';
import { FilterSummary } from '../shared/FilterSummary';
import { BORDER_SOURCES, mapBounds, portsOfEntry } from './border-shapes';
import { drawBaseMap, drawPies } from './map-drawing';
import { groupPlaces, pieRadius, placeLinks } from './map-places';
import { spiralPoints } from './sample-spiral';

const NONE: ReadonlySet<string> = new Set();
const TRANSPARENT = 'rgba(0, 0, 0, 0)';

export function MapView({ session }: { session: OpenWorkspace }) {
  const analysis = useAnalysis();
  const rule = useColumnRule(session);
  const { filters } = useFilters();
  const selection = useSelection();
  const store = useSelectionStore();
  const { go } = useNavigation();
  const { resolved } = usePreferences();
  const [data, setData] = useState<SamplePoints | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [grouped, setGrouped] = useState(true);
  const [showLinks, setShowLinks] = useState(true);
  const [portNames, setPortNames] = useState(false);
  const selectedForFilter = filters.selectedOnly ? selection.ids : NONE;
  const precise = rule.visible('lat') && rule.visible('lon') && rule.visible('city');

  useEffect(() => {
    if (!analysis.tablesVersion) return;
    let live = true;
    samplePoints(session.db, filters, selectedForFilter, analysis.tablesVersion).then(
      (d) => live && setData(d),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [session.db, filters, selectedForFilter, analysis.tablesVersion]);

  const linked = useMemo(() => new Set((analysis.classRun?.record.classes ?? []).map((c) => c.class_id)), [analysis.classRun]);
  const { places, unplaced } = useMemo(() => (data ? groupPlaces(data, precise, linked) : { places: [], unplaced: 0 }), [data, precise, linked]);
  const links = useMemo(() => placeLinks(places), [places]);
  const largest = places[0]?.samples.length ?? 1;

  const placed = useMemo(() => {
    if (!data) return { points: { ids: [], x: new Float64Array(0), y: new Float64Array(0), colors: [] } as PointSet, rows: [] as number[] };
    if (grouped)
      return {
        points: {
          ids: places.map((p) => p.key),
          x: Float64Array.from(places, (p) => p.x),
          y: Float64Array.from(places, (p) => p.y),
          // The pies are drawn over the canvas (map-drawing.ts); the points only catch the pointer.
          colors: places.map(() => TRANSPARENT),
          radii: Float64Array.from(places, (p) => pieRadius(p.samples.length, largest)),
        } as PointSet,
        rows: [],
      };
    return spiralPoints(data, places, (i) => classColor(data.classId[i], data.classId[i] !== null && linked.has(data.classId[i]!)));
  }, [data, grouped, places, largest, linked]);

  const selectedSamples = useMemo(() => (data && selection.ids.size ? places.reduce((n, p) => n + p.samples.filter((i) => selection.ids.has(data.ids[i])).length, 0) : 0), [data, places, selection.ids]);

  const describe = useCallback(
    (k: number) => {
      if (!data) return '';
      if (grouped) {
        const p = places[k];
        const none = analysis.classRunUnreadable ? 'with no class (class run unreadable)' : 'in no class';
        const shares = p.classes.slice(0, 4).map(([c, n]) => (c === 0 ? `${n} ${none}` : `class ${c} (${n})`));
        return `${p.name} · ${p.samples.length} sample${p.samples.length === 1 ? '' : 's'} from ${p.seizures} seizure${p.seizures === 1 ? '' : 's'} · ${shares.join(', ')}${p.classes.length > 4 ? `, ${p.classes.length - 4} more` : ''}`;
      }
      const i = placed.rows[k];
      const cls = data.classId[i] !== null ? `class ${data.classId[i]}` : analysis.classRunUnreadable ? 'class run unreadable' : 'no class';
      const where = precise && data.city[i] ? `${data.city[i]}, ${data.region[i] ?? ''}` : (data.region[i] ?? 'unknown place');
      return `${data.ids[i]} · ${cls} · ${where} · ${data.seizedOn[i] ?? 'no date'}`;
    },
    [data, grouped, places, placed, precise, analysis.classRunUnreadable],
  );

  // eslint-disable-next-line react-hooks/exhaustive-deps -- the theme changes the colours read inside
  const background = useCallback((ctx: FigureContext, pixel: number) => drawBaseMap(ctx, pixel, themeColors(), grouped && showLinks ? { places, links } : null), [grouped, showLinks, places, links, resolved]);
  const overlay = useCallback(
    (ctx: FigureContext, at: ToScreen) => grouped && data && drawPies(ctx, at, themeColors(), places, largest, data, selection.ids),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the theme changes the colours read inside
    [grouped, data, places, largest, selection.ids, resolved],
  );
  const annotations = useMemo<Annotation[]>(() => {
    const out: Annotation[] = grouped ? places.slice(0, 40).map((p) => ({ x: p.x, y: p.y, text: `${p.name.split(',')[0]} ${p.samples.length}`, priority: p.samples.length, kind: 'note' })) : [];
    if (portNames) for (const p of portsOfEntry()) out.push({ x: p.at[0], y: p.at[1], text: `${p.name}, ${p.state}`, priority: -1, kind: 'note' });
    return out;
  }, [grouped, places, portNames]);

  const legend = useMemo<LegendItem[]>(() => {
    const classes = [...(analysis.classRun?.record.classes ?? [])].sort((a, b) => b.size - a.size).slice(0, CLASS_PALETTE.length);
    return [
      ...classes.map((c) => ({ label: `class ${c.class_id}`, color: classColor(c.class_id) })),
      { label: analysis.classRunUnreadable ? 'no class (the class run cannot be read)' : 'in no class', color: UNCLASSIFIED },
      ...(grouped ? [{ label: 'place (area: samples; slices: classes)', color: themeColors().text, mark: 'ring' as const }] : []),
      ...(grouped && showLinks ? [{ label: 'places sharing a class', color: themeColors().accent, mark: 'line' as const }] : []),
      { label: 'land port of entry (Canada–U.S.)', color: themeColors().muted, mark: 'square' as const },
    ];
  }, [analysis.classRun, analysis.classRunUnreadable, grouped, showLinks]);

  const onSelect = (ids: string[], mode: Parameters<typeof store.select>[2]) => {
    if (!data) return;
    const at = new Map(places.map((p) => [p.key, p]));
    const samples = grouped ? ids.flatMap((k) => at.get(k)?.samples.map((i) => data.ids[i]) ?? []) : ids;
    if (samples.length || mode === 'replace') store.select(samples, 'Map', mode);
  };

  if (error) return <p className="error" role="alert">The map could not be drawn: {error}. Reopen the workspace; if it persists, check the SQL console.</p>;
  const count = placed.points.ids.length;
  return (
    <div className="view-body map-view" data-testid="map-view" data-selected-samples={selectedSamples} data-places={places.length}>
      <header className="toolbar">
        <h2>Map</h2>
        <FilterSummary />
        <span className="hint" data-testid="map-count">
          {(data ? data.ids.length - unplaced : 0).toLocaleString('en-CA')} samples on the map{grouped ? ` at ${count} place${count === 1 ? '' : 's'}` : ''}
          {unplaced ? `, ${unplaced.toLocaleString('en-CA')} without a place` : ''}
          {grouped && showLinks ? ` · ${links.length} pairs of places share a class` : ''}
          {!precise && ' · grouped by province (coordinates or cities hidden)'}
        </span>
        <label>
          <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} data-testid="map-grouped" /> Group per place
        </label>
        <label>
          <input type="checkbox" checked={showLinks} disabled={!grouped} onChange={(e) => setShowLinks(e.target.checked)} data-testid="map-links" /> Places sharing a class
        </label>
        <label>
          <input type="checkbox" checked={portNames} onChange={(e) => setPortNames(e.target.checked)} data-testid="map-port-names" /> Port names
        </label>
      </header>
      <StaleNotice which="classes" compact />
      <ClassLegend onPick={(ids) => store.select(ids, 'Map legend')} max={CLASS_PALETTE.length} />
      <div className="legend" aria-label="What the marks mean" data-testid="map-legend">
        {grouped && <span>◔ a place: its area the samples seized there, its slices their classes</span>}
        {grouped && showLinks && <span>— places that share a class (thicker: more classes shared)</span>}
        <span>▪ a land port of entry on the Canada–U.S. border</span>
        <span>U.S. states unshaded, Canada shaded</span>
      </div>
      {data && data.ids.length === 0 ? (
        <p className="empty-note">No samples match the filters. Clear them in Samples, or import sample metadata with places (city, latitude, longitude, province).</p>
      ) : (
        <PointsCanvas
          points={placed.points}
          selected={grouped ? NONE : selection.ids}
          onSelect={onSelect}
          onOpen={grouped ? undefined : (id) => go({ view: 'samples', sampleId: id })}
          describe={describe}
          background={background}
          overlay={grouped ? overlay : undefined}
          annotations={annotations}
          bounds={mapBounds()}
          label={grouped ? 'Map of Canada and the northern U.S.: places where samples were seized, with their classes' : 'Map of Canada and the northern U.S.: samples coloured by chemical class'}
          testId="map-canvas"
          figure={{ title: `Seizures per place and chemical class${analysis.classRun ? ` (class run ${analysis.classRun.record.id})` : ''}`, legend, note: BORDER_SOURCES }}
        />
      )}
      <p className="hint map-sources">
        {BORDER_SOURCES} Each port faces its CBSA counterpart across the border; the source names the U.S. side.
      </p>
    </div>
  );
}
