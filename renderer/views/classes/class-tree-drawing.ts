/**
 * The dendrogram figure on any FigureContext (the screen's canvas, a saved PNG or SVG): the tree on its height
 * axis (tree-scale.ts), the run's cut and a previewed cut, the class strip with class numbers where they fit, leaf
 * labels under it (the class, or the sample when a leaf is one sample), the selection marks, the heatmap of the
 * leaves' mean signatures and its colour key. Sizes in CSS pixels; `treeLayout` says where each part is, for hit
 * testing.
 */
import { PRETREATMENT_LABELS } from '../../../shared/analysis/labels';
import type { FigureContext } from '../../components/figure/svg-context';
import { classColor, UNCLASSIFIED, type ThemeColors } from '../../components/theme-colors';
import type { Dendrogram } from './dendrogram-layout';
import { heatRgb } from './leaf-heatmap';
import { treeScale, type TreeScale } from './tree-scale';

export const TREE_LAYOUT = { left: 170, right: 12, top: 10, treeH: 250, stripH: 16, labelH: 64, markH: 8, rowH: 11, keyH: 40 } as const;

export interface TreeModel {
  tree: Dendrogram;
  sampleIds: readonly string[];
  /** The run's cut height, or null for a cut into k. */
  threshold: number | null;
  /** A cut being previewed (dragged or typed), with its classes per sample; null: none. */
  preview: { height: number | null; classOf: Int32Array } | null;
  zoom: boolean;
  compounds: readonly string[];
  heat: HTMLCanvasElement | null;
  linked: ReadonlySet<number>;
  selectedPerLeaf: Float32Array;
}

export interface TreeLayout {
  width: number;
  height: number;
  colW: number;
  scale: TreeScale;
  stripY: number;
  labelsShown: boolean;
  heatY: number;
  keyY: number;
}

export function treeLayout(m: TreeModel, width: number): TreeLayout {
  const L = TREE_LAYOUT;
  const n = m.tree.leaves.length;
  const colW = (width - L.left - L.right) / Math.max(n, 1);
  const focus = m.zoom ? (m.threshold ?? m.preview?.height ?? null) : null;
  const scale = treeScale(m.tree.maxHeight, L.top, L.top + L.treeH, focus);
  const stripY = L.top + L.treeH;
  const labelsShown = n > 0;
  const heatY = stripY + L.stripH + (labelsShown ? L.labelH : 4) + L.markH;
  const keyY = heatY + m.compounds.length * L.rowH + 10;
  return { width, height: keyY + L.keyH, colW, scale, stripY, labelsShown, heatY, keyY };
}

/** The majority class of each leaf under the preview (0 = alone). */
function previewMajority(m: TreeModel): Int32Array {
  const out = new Int32Array(m.tree.leaves.length);
  if (!m.preview) return out;
  m.tree.leaves.forEach((l, k) => {
    const counts = new Map<number, number>();
    for (const i of l.members) counts.set(m.preview!.classOf[i], (counts.get(m.preview!.classOf[i]) ?? 0) + 1);
    out[k] = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  });
  return out;
}

function cutLine(ctx: FigureContext, y: number, x0: number, x1: number, colour: string, text: string, dash: number[], right = false) {
  ctx.strokeStyle = colour;
  ctx.setLineDash(dash);
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(x0, y);
  ctx.lineTo(x1, y);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = colour;
  ctx.textAlign = right ? 'right' : 'left';
  ctx.textBaseline = 'bottom';
  ctx.fillText(text, right ? x1 - 4 : x0 + 4, y - 3);
}

/** Draws the whole figure. O(leaves + shown nodes + compounds). */
export function drawClassTree(ctx: FigureContext, m: TreeModel, lay: TreeLayout, col: ThemeColors) {
  const L = TREE_LAYOUT;
  const { tree } = m;
  const { colW, scale, width } = lay;
  const xOf = (x: number) => L.left + x * colW;
  const pos = new Map<number, { x: number; h: number }>();
  tree.leaves.forEach((l, i) => pos.set(l.id, { x: i + 0.5, h: l.height }));
  const bottom = scale.y(0);
  // Collapsed leaves: a bar from 0 to their own height, in their class colour.
  tree.leaves.forEach((l, i) => {
    ctx.fillStyle = l.classId !== null ? classColor(l.classId, m.linked.has(l.classId)) : UNCLASSIFIED;
    const top = scale.y(l.height);
    ctx.fillRect(xOf(i) + colW * 0.15, top, Math.max(colW * 0.7, 1), Math.max(bottom - top, 0.5));
  });
  ctx.strokeStyle = col.muted;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const node of tree.nodes) {
    const [a, b] = node.children!;
    const pa = pos.get(a)!;
    const pb = pos.get(b)!;
    const y = scale.y(node.height);
    ctx.moveTo(xOf(pa.x), scale.y(pa.h));
    ctx.lineTo(xOf(pa.x), y);
    ctx.lineTo(xOf(pb.x), y);
    ctx.lineTo(xOf(pb.x), scale.y(pb.h));
    pos.set(node.id, { x: node.x, h: node.height });
  }
  ctx.stroke();
  // Height axis, its break and title.
  ctx.fillStyle = col.muted;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const h of scale.ticks) ctx.fillText(h.toPrecision(2), L.left - 8, scale.y(h));
  if (scale.breakY !== null) {
    ctx.strokeStyle = col.muted;
    ctx.beginPath();
    ctx.moveTo(L.left - 6, scale.breakY + 3);
    ctx.lineTo(L.left - 2, scale.breakY - 3);
    ctx.moveTo(L.left - 2, scale.breakY + 3);
    ctx.lineTo(L.left + 2, scale.breakY - 3);
    ctx.stroke();
    ctx.setLineDash([2, 3]);
    ctx.strokeStyle = col.grid;
    ctx.beginPath();
    ctx.moveTo(L.left, scale.breakY);
    ctx.lineTo(width - L.right, scale.breakY);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.save();
  ctx.translate(14, L.top + L.treeH / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(scale.title, 0, 0);
  ctx.restore();
  ctx.font = '11px system-ui, sans-serif';
  if (m.threshold !== null && m.threshold <= tree.maxHeight) cutLine(ctx, scale.y(m.threshold), L.left, width - L.right, col.selection, `cut of the run at ${m.threshold.toPrecision(3)}: classes below`, [6, 4]);
  if (m.preview?.height != null && m.preview.height !== m.threshold) cutLine(ctx, scale.y(m.preview.height), L.left, width - L.right, col.accent, `preview at ${m.preview.height.toPrecision(3)} (not yet run)`, [2, 2], true);
  // Class strip (the preview's classes while previewing), with the class number where it fits.
  const major = m.preview ? previewMajority(m) : null;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = '600 10px system-ui, sans-serif';
  let runStart = 0;
  const classAt = (i: number) => (major ? major[i] : tree.leaves[i].classId !== null && m.linked.has(tree.leaves[i].majority) ? tree.leaves[i].majority : 0);
  tree.leaves.forEach((_, i) => {
    const c = classAt(i);
    ctx.fillStyle = classColor(c, c > 0);
    ctx.fillRect(xOf(i), lay.stripY, Math.max(colW - 0.5, 0.8), L.stripH);
    if (m.selectedPerLeaf[i] > 0) {
      ctx.fillStyle = col.selection;
      ctx.fillRect(xOf(i), lay.heatY - L.markH + 1, Math.max(colW - 0.5, 0.8), 5);
    }
    // A run of leaves of one class ends here: its number in the middle of the run when it fits.
    if (i === tree.leaves.length - 1 || classAt(i + 1) !== c) {
      const text = String(c);
      if (c > 0 && (i - runStart + 1) * colW >= ctx.measureText(text).width + 4) {
        ctx.fillStyle = '#ffffff';
        ctx.strokeStyle = 'rgba(0,0,0,0.55)';
        ctx.lineWidth = 2.5;
        ctx.strokeText(text, xOf((runStart + i + 1) / 2), lay.stripY + L.stripH / 2 + 0.5);
        ctx.fillText(text, xOf((runStart + i + 1) / 2), lay.stripY + L.stripH / 2 + 0.5);
      }
      runStart = i + 1;
    }
  });
  // Leaf labels, rotated, where a column is wide enough for one: the class of a whole-class leaf, the sample of a leaf of one.
  if (lay.labelsShown && colW >= 9) {
    ctx.font = '10px system-ui, sans-serif';
    ctx.fillStyle = col.muted;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    tree.leaves.forEach((l, i) => {
      const text = l.members.length === 1 ? m.sampleIds[l.members[0]] : l.classId !== null ? `class ${l.classId} (${l.members.length})` : `${l.members.length} samples`;
      ctx.save();
      ctx.translate(xOf(i + 0.5), lay.stripY + L.stripH + 3);
      ctx.rotate(-Math.PI / 3);
      ctx.fillText(text.length > 14 ? `${text.slice(0, 13)}…` : text, 0, 0);
      ctx.restore();
    });
  } else if (lay.labelsShown) {
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = col.muted;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(`${tree.leaves.length} branches: too narrow to name each; the class strip names the classes, a pointer over a branch names its samples.`, L.left, lay.stripY + L.stripH + 6);
  }
  // Heatmap (an image of one pixel per leaf and compound, drawn scaled) and the compound names.
  const heatH = m.compounds.length * L.rowH;
  if (m.heat) ctx.drawImage(m.heat, L.left, lay.heatY, width - L.left - L.right, heatH);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = col.muted;
  m.compounds.forEach((name, c) => ctx.fillText(name.length > 24 ? `${name.slice(0, 23)}…` : name, L.left - 8, lay.heatY + c * L.rowH + L.rowH - 2));
  drawHeatKey(ctx, L.left, lay.keyY, Math.min(260, width - L.left - L.right), col);
}

/** The heatmap's colour key: a ramp from "not detected" to "the compound's highest leaf mean". */
function drawHeatKey(ctx: FigureContext, x: number, y: number, w: number, col: ThemeColors) {
  const steps = 20;
  for (let s = 0; s < steps; s++) {
    const [r, g, b] = heatRgb(s / (steps - 1));
    ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
    ctx.fillRect(x + (s * w) / steps, y, w / steps + 0.5, 10);
  }
  ctx.strokeStyle = col.border;
  ctx.lineWidth = 1;
  ctx.strokeRect(x, y, w, 10);
  ctx.fillStyle = col.muted;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText('0 (not detected)', x, y + 13);
  ctx.textAlign = 'center';
  ctx.fillText('50 %', x + w / 2, y + 13);
  ctx.textAlign = 'right';
  ctx.fillText('100 %', x + w, y + 13);
  ctx.textAlign = 'left';
  ctx.fillText(`Heatmap: mean ${PRETREATMENT_LABELS['fourth-root']} signature of each branch, as a share of the compound's highest branch mean`, x + w + 12, y + 1);
}
