import { describe, expect, it } from 'vitest';
import { SvgContext } from '../../../renderer/components/figure/svg-context';

describe('the SVG drawing context', () => {
  it('writes paths after the transform, whole circles as arcs, dashes and alpha', () => {
    const ctx = new SvgContext(200, 100);
    ctx.translate(10, 20);
    ctx.beginPath();
    ctx.moveTo(0, 0);
    ctx.lineTo(30, 40);
    ctx.strokeStyle = '#123456';
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 2]);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.arc(50, 50, 5, 0, 2 * Math.PI);
    ctx.globalAlpha = 0.5;
    ctx.fillStyle = 'red';
    ctx.fill();
    const svg = ctx.toSvg('A <test> & "figure"');
    expect(svg).toContain('<path d="M10 20L40 60" fill="none" stroke="#123456" stroke-width="2" stroke-linejoin="miter" stroke-linecap="butt" stroke-dasharray="4 2"/>');
    expect(svg).toContain('<path d="M55 70a5 5 0 1 0 10 0a5 5 0 1 0 -10 0" fill="red" opacity="0.5"/>');
    expect(svg).toContain('<title>A &lt;test&gt; &amp; &quot;figure&quot;</title>');
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="200" height="100" viewBox="0 0 200 100"/);
  });

  it('scales line widths and flips with the transform (data coordinates with y up), and keeps text as escaped text', () => {
    const ctx = new SvgContext(100, 100);
    ctx.save();
    ctx.transform(2, 0, 0, -2, 50, 50);
    ctx.beginPath();
    ctx.rect(0, 0, 10, 10);
    ctx.lineWidth = 0.5;
    ctx.stroke();
    ctx.restore();
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText('CASE-2024-0017 <b>', 90, 10);
    const svg = ctx.toSvg('t');
    expect(svg).toContain('d="M50 50L70 50L70 30L50 30Z"');
    expect(svg).toContain('stroke-width="1"');
    expect(svg).toContain('text-anchor="end" dominant-baseline="central"');
    expect(svg).toContain('>CASE-2024-0017 &lt;b&gt;</text>');
  });
});
