import { describe, expect, it } from 'vitest';
import { placeLabels, type LabelRequest } from '../../../renderer/components/label-placement';

describe('label placement', () => {
  it('places no label over another or over a mark, higher priority first', () => {
    const labels: LabelRequest[] = [];
    // A crowded cluster of 60 points in 120 × 60 px, and a few far ones.
    for (let i = 0; i < 60; i++) labels.push({ x: 100 + (i % 10) * 12, y: 100 + Math.floor(i / 10) * 10, r: 3, text: `CASE-${i}`, width: 50, priority: i });
    labels.push({ x: 600, y: 300, r: 4, text: 'alone', width: 30, priority: -1 });
    const marks = labels.map((l) => ({ x: l.x, y: l.y, r: l.r }));
    const placed = placeLabels(labels, 800, 400, 12, marks);
    const boxes = placed.map((p) => {
      const l = labels[p.index];
      const x0 = p.align === 'left' ? p.x : p.align === 'right' ? p.x - l.width : p.x - l.width / 2;
      return { x0, x1: x0 + l.width, y0: p.y - 6, y1: p.y + 6 };
    });
    for (let a = 0; a < boxes.length; a++) {
      for (let b = a + 1; b < boxes.length; b++) expect(boxes[a].x0 < boxes[b].x1 && boxes[b].x0 < boxes[a].x1 && boxes[a].y0 < boxes[b].y1 && boxes[b].y0 < boxes[a].y1).toBe(false);
      for (const m of marks) expect(boxes[a].x0 < m.x + m.r && m.x - m.r < boxes[a].x1 && boxes[a].y0 < m.y + m.r && m.y - m.r < boxes[a].y1).toBe(false);
    }
    // The crowd cannot hold 60 labels; the highest priorities got theirs, and the lone point its own.
    expect(placed.length).toBeLessThan(60);
    expect(placed.map((p) => labels[p.index].text)).toContain('alone');
    expect(placed.map((p) => p.index)).toContain(59);
    expect(placed.map((p) => p.index)).not.toContain(0);
  });
});
