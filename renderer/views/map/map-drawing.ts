/**
 * The map's drawing, on any FigureContext (screen or saved file): the land (northern U.S. states lighter, then
 * Canada's provinces), the lines between places that share a class (width by the classes shared), the ports of
 * entry as small squares (under the points); and a pie per place (over them), its slices the classes in the class
 * colours, faint when a selection elsewhere leaves it out, ringed when it holds selected samples.
 */
import type { FigureContext } from '../../components/figure/svg-context';
import type { ToScreen } from '../../components/points-drawing';
import { classColor, type ThemeColors } from '../../components/theme-colors';
import type { SamplePoints } from '../../data/sample-points';
import { portsOfEntry, usStates } from './border-shapes';
import { provinces, type Province } from './canada-shapes';
import { pieRadius, type Place, type PlaceLink } from './map-places';

function shapes(ctx: FigureContext, list: readonly Province[], fill: string, stroke: string, pixel: number) {
  ctx.lineWidth = pixel;
  ctx.lineJoin = 'round';
  for (const p of list) {
    ctx.beginPath();
    for (const ring of p.rings) {
      ctx.moveTo(ring[0], ring[1]);
      for (let k = 2; k < ring.length; k += 2) ctx.lineTo(ring[k], ring[k + 1]);
      ctx.closePath();
    }
    ctx.fillStyle = fill;
    ctx.fill('evenodd');
    ctx.strokeStyle = stroke;
    ctx.globalAlpha = 0.45;
    ctx.stroke();
    ctx.globalAlpha = 1;
  }
}

/** Land, class links and ports, in data coordinates (km); `pixel` is one screen pixel in km. */
export function drawBaseMap(ctx: FigureContext, pixel: number, c: ThemeColors, links: { places: readonly Place[]; links: readonly PlaceLink[] } | null) {
  // The U.S. in the panel's colour, Canada in the land colour: the border reads at a glance in both themes.
  shapes(ctx, usStates(), c.panel, c.muted, pixel);
  shapes(ctx, provinces(), c.land, c.muted, pixel);
  if (links) {
    ctx.strokeStyle = c.accent;
    ctx.lineCap = 'round';
    for (const l of links.links) {
      const [a, b] = [links.places[l.a], links.places[l.b]];
      ctx.globalAlpha = Math.min(0.7, 0.18 + 0.08 * l.classes.length);
      ctx.lineWidth = pixel * Math.min(5, 0.8 + Math.log2(l.classes.length));
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
  ctx.fillStyle = c.muted;
  const s = 2 * pixel;
  for (const p of portsOfEntry()) {
    ctx.beginPath();
    ctx.rect(p.at[0] - s, p.at[1] - s, 2 * s, 2 * s);
    ctx.fill();
  }
}

/** The pies, in screen pixels. O(places × classes shown). */
export function drawPies(ctx: FigureContext, at: ToScreen, c: ThemeColors, places: readonly Place[], largest: number, data: SamplePoints, selected: ReadonlySet<string>) {
  const any = selected.size > 0;
  // Smallest last, so that a small place beside a big one stays visible.
  for (let k = places.length - 1; k >= 0; k--) {
    const p = places[k];
    const [x, y] = at(p.x, p.y);
    const r = pieRadius(p.samples.length, largest);
    const picked = any ? p.samples.filter((i) => selected.has(data.ids[i])).length : 0;
    ctx.globalAlpha = any && picked === 0 ? 0.3 : 0.92;
    let a = -Math.PI / 2;
    for (const [cls, n] of p.classes) {
      const sweep = (2 * Math.PI * n) / p.samples.length;
      ctx.fillStyle = classColor(cls, cls !== 0);
      ctx.beginPath();
      if (p.classes.length === 1) ctx.arc(x, y, r, 0, 2 * Math.PI);
      else {
        ctx.moveTo(x, y);
        ctx.arc(x, y, r, a, a + sweep);
        ctx.closePath();
      }
      ctx.fill();
      a += sweep;
    }
    ctx.globalAlpha = 1;
    ctx.strokeStyle = picked ? c.selection : c.panel;
    ctx.lineWidth = picked ? 2.5 : 1;
    ctx.beginPath();
    ctx.arc(x, y, r + (picked ? 1.5 : 0), 0, 2 * Math.PI);
    ctx.stroke();
  }
}
