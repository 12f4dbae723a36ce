/**
 * The dendrogram with its cut line, leaves coloured by class, and under it the heatmap of the leaves' mean
 * signatures (one row per compound, scaled per compound) in dendrogram order: one canvas, so that tree,
 * colour strip and heatmap share the same columns. A click on a branch or a leaf selects its samples; a
 * double click on a leaf of one class opens its card.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { modeOf, type SelectMode } from '../../state/selection';
import { usePreferences } from '../../state/preferences';
import { classColor, themeColors, UNCLASSIFIED } from '../../components/theme-colors';
import type { Dendrogram } from './dendrogram-layout';
import { heatRgb } from './leaf-heatmap';

interface Props {
  tree: Dendrogram;
  threshold: number | null;
  compounds: string[];
  /** Leaves × compounds means, or null while they are computed. */
  means: Float32Array | null;
  linked: ReadonlySet<number>;
  selectedPerLeaf: Float32Array;
  onSelect: (leaves: number[], mode: SelectMode) => void;
  onOpenClass: (classId: number) => void;
}

const LEFT = 170;
const RIGHT = 12;
const TREE_H = 230;
const STRIP_H = 14;
const ROW_H = 11;

/**
 * y of a merge height in the tree band (10 px margins), on a square-root scale: classes are cut low in the tree,
 * and a linear scale would crush every merge under the cut into the bottom pixels.
 */
const yAt = (h: number, max: number) => 10 + (TREE_H - 20) * (1 - Math.sqrt(Math.max(h, 0) / (max || 1)));

export function ClassTree({ tree, threshold, compounds, means, linked, selectedPerLeaf, onSelect, onOpenClass }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(800);
  const [tip, setTip] = useState<{ x: number; y: number; text: string } | null>(null);
  const { resolved } = usePreferences();
  const heatH = compounds.length * ROW_H;
  const height = TREE_H + STRIP_H + 10 + heatH + 8;
  const n = tree.leaves.length;
  const colW = (width - LEFT - RIGHT) / Math.max(n, 1);

  const colMax = useMemo(() => {
    const p = compounds.length;
    const max = new Float32Array(p);
    if (means) for (let k = 0; k < n; k++) for (let c = 0; c < p; c++) max[c] = Math.max(max[c], means[k * p + c]);
    return max;
  }, [means, compounds.length, n]);

  // The heatmap as an image, one pixel per leaf and compound, scaled to the columns when drawn: selection
  // changes redraw the tree without repainting 40,000 cells.
  const heat = useMemo(() => {
    if (!means || n === 0) return null;
    const p = compounds.length;
    const img = document.createElement('canvas');
    img.width = n;
    img.height = Math.max(p, 1);
    const ctx = img.getContext('2d')!;
    const data = ctx.createImageData(n, Math.max(p, 1));
    for (let c = 0; c < p; c++)
      for (let k = 0; k < n; k++) {
        const [r, g, b] = heatRgb(colMax[c] > 0 ? means[k * p + c] / colMax[c] : 0);
        const o = (c * n + k) * 4;
        data.data[o] = r;
        data.data[o + 1] = g;
        data.data[o + 2] = b;
        data.data[o + 3] = 255;
      }
    ctx.putImageData(data, 0, 0);
    return img;
  }, [means, n, compounds.length, colMax]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(400, el.getBoundingClientRect().width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const yOf = (h: number) => yAt(h, tree.maxHeight);
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    const ctx = c.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const col = themeColors();
    const xOf = (x: number) => LEFT + x * colW;
    const pos = new Map<number, { x: number; h: number }>();
    tree.leaves.forEach((l, i) => pos.set(l.id, { x: i + 0.5, h: l.height }));
    // Collapsed leaves: a bar from 0 to their own height, in their class colour.
    tree.leaves.forEach((l, i) => {
      ctx.fillStyle = l.classId !== null ? classColor(l.classId, linked.has(l.classId)) : UNCLASSIFIED;
      const top = yOf(l.height);
      ctx.fillRect(xOf(i) + colW * 0.15, top, Math.max(colW * 0.7, 1), yOf(0) - top);
    });
    ctx.strokeStyle = col.muted;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const node of tree.nodes) {
      const [a, b] = node.children!;
      const pa = pos.get(a)!;
      const pb = pos.get(b)!;
      const y = yOf(node.height);
      ctx.moveTo(xOf(pa.x), yOf(pa.h));
      ctx.lineTo(xOf(pa.x), y);
      ctx.lineTo(xOf(pb.x), y);
      ctx.lineTo(xOf(pb.x), yOf(pb.h));
      pos.set(node.id, { x: node.x, h: node.height });
    }
    ctx.stroke();
    // Height axis.
    ctx.fillStyle = col.muted;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'right';
    for (let k = 0; k <= 4; k++) {
      const h = tree.maxHeight * (k / 4) ** 2;
      ctx.fillText(h.toPrecision(2), LEFT - 8, yOf(h) + 4);
    }
    ctx.save();
    ctx.translate(14, TREE_H / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText('merge height (√ scale)', 0, 0);
    ctx.restore();
    if (threshold !== null && threshold <= tree.maxHeight) {
      ctx.strokeStyle = col.selection;
      ctx.setLineDash([6, 4]);
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(LEFT, yOf(threshold));
      ctx.lineTo(width - RIGHT, yOf(threshold));
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = col.selection;
      ctx.textAlign = 'left';
      ctx.fillText(`cut at ${threshold.toPrecision(3)}: classes below`, LEFT + 4, yOf(threshold) - 4);
    }
    // Class strip and selection marks.
    const stripY = TREE_H;
    tree.leaves.forEach((l, i) => {
      ctx.fillStyle = classColor(l.majority, l.classId !== null && linked.has(l.majority));
      ctx.fillRect(xOf(i), stripY, Math.max(colW - 0.5, 0.8), STRIP_H);
      if (selectedPerLeaf[i] > 0) {
        ctx.fillStyle = col.selection;
        ctx.fillRect(xOf(i), stripY + STRIP_H + 2, Math.max(colW - 0.5, 0.8), 5);
      }
    });
    // Heatmap (drawn once per data and width, see `heat`) and the compound names.
    const heatY = stripY + STRIP_H + 10;
    ctx.imageSmoothingEnabled = false;
    if (heat) ctx.drawImage(heat, LEFT, heatY, width - LEFT - RIGHT, heatH);
    ctx.textAlign = 'right';
    ctx.fillStyle = col.muted;
    compounds.forEach((name, c) => ctx.fillText(name.length > 24 ? `${name.slice(0, 23)}…` : name, LEFT - 8, heatY + c * ROW_H + ROW_H - 2));
  }, [tree, threshold, compounds, heat, heatH, linked, selectedPerLeaf, width, height, colW, resolved]);

  const hit = (e: { clientX: number; clientY: number }) => {
    const r = canvas.current!.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const yOf = (h: number) => yAt(h, tree.maxHeight);
    const leaf = Math.floor((x - LEFT) / colW);
    if (leaf < 0 || leaf >= n) return null;
    if (y < TREE_H) {
      // The lowest shown branch over this column that is above the pointer.
      let best: { from: number; to: number; height: number } | null = null;
      for (const node of tree.nodes) if (leaf >= node.from && leaf < node.to && yOf(node.height) <= y && (!best || node.height < best.height)) best = node;
      if (best && y < yOf(tree.leaves[leaf].height)) return { x, y, leaves: range(best.from, best.to), what: 'branch' as const };
    }
    return { x, y, leaves: [leaf], what: 'leaf' as const };
  };

  const describe = (leaves: number[], what: string) => {
    const ls = leaves.map((k) => tree.leaves[k]);
    const samples = ls.reduce((s, l) => s + l.members.length, 0);
    const classes = new Set(ls.map((l) => l.majority));
    if (what === 'leaf' && ls[0].classId !== null) return `Class ${ls[0].classId}${linked.has(ls[0].classId) ? '' : ' (one sample)'} · ${samples} sample${samples === 1 ? '' : 's'}`;
    return `${samples} samples in ${classes.size} class${classes.size === 1 ? '' : 'es'}${what === 'branch' ? ' (branch)' : ''}`;
  };

  return (
    <div ref={box} className="class-tree" style={{ position: 'relative' }} data-testid="dendrogram" data-leaves={n}>
      <canvas
        ref={canvas}
        style={{ width, height, display: 'block' }}
        role="img"
        aria-label={`Dendrogram of ${tree.leaves.reduce((s, l) => s + l.members.length, 0)} samples in ${n} branches with the cut line, and the heatmap of their mean signatures`}
        onPointerMove={(e) => {
          const h = hit(e);
          setTip(h ? { x: h.x, y: h.y, text: describe(h.leaves, h.what) } : null);
        }}
        onPointerLeave={() => setTip(null)}
        onClick={(e) => {
          const h = hit(e);
          if (h) onSelect(h.leaves, modeOf(e));
        }}
        onDoubleClick={(e) => {
          const h = hit(e);
          const leaf = h && h.what === 'leaf' ? tree.leaves[h.leaves[0]] : null;
          if (leaf?.classId != null && linked.has(leaf.classId)) onOpenClass(leaf.classId);
        }}
      />
      {tip && (
        <div className="tooltip" style={{ left: Math.min(tip.x + 12, width - 220), top: tip.y + 12 }}>
          {tip.text}
        </div>
      )}
    </div>
  );
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}
