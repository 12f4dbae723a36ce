/**
 * Pre-drawn discs for PointsCanvas, packed into a few shared canvases (shelf packing) and kept across redraws.
 * Thousands of drawImage calls from one atlas rasterise far faster than as many arcs in one path without a GPU; a
 * canvas per sprite, as before, cost a context each (getContext and its set-up held the UI thread for over 100 ms
 * when the case network, whose nodes come in many sizes, first drew). No library does this for Canvas 2D without
 * a scene graph we would not otherwise use.
 */

/** Where a sprite is: its page and its square cell, in device pixels. */
export interface Sprite {
  page: HTMLCanvasElement;
  sx: number;
  sy: number;
  side: number;
}

const PAGE = 1024;
/** Pages kept before the atlas starts again (a guard: colours × sizes × rings stay far below this in practice). */
const MAX_PAGES = 8;

export class SpriteAtlas {
  private readonly sprites = new Map<string, Sprite>();
  private pages: { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D }[] = [];
  private x = 0;
  private y = 0;
  private shelf = 0;

  /** `dpr`: device pixels per CSS pixel; a new ratio (window moved to another screen) needs a new atlas. */
  constructor(readonly dpr: number) {}

  /** The disc of radius `r` (CSS px) filled with `color`, ringed with `ring` (1.5 px) when given. */
  disc(color: string, r: number, ring: string | null): Sprite {
    const key = `${color}|${r}|${ring ?? ''}`;
    const known = this.sprites.get(key);
    if (known) return known;
    const side = Math.ceil((2 * r + 4) * this.dpr);
    const { page, ctx, sx, sy } = this.place(side);
    ctx.save();
    ctx.translate(sx, sy);
    ctx.scale(this.dpr, this.dpr);
    ctx.beginPath();
    ctx.arc(r + 2, r + 2, r, 0, 2 * Math.PI);
    ctx.fillStyle = color;
    ctx.fill();
    if (ring) {
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = ring;
      ctx.stroke();
    }
    ctx.restore();
    const sprite = { page, sx, sy, side };
    this.sprites.set(key, sprite);
    return sprite;
  }

  /** Sprites drawn so far (for tests and the curious). */
  get size(): number {
    return this.sprites.size;
  }

  private place(side: number): { page: HTMLCanvasElement; ctx: CanvasRenderingContext2D; sx: number; sy: number } {
    let page = this.pages[this.pages.length - 1];
    if (page && this.x + side > page.canvas.width) {
      this.x = 0;
      this.y += this.shelf;
      this.shelf = 0;
    }
    if (!page || this.y + side > page.canvas.height) {
      if (this.pages.length >= MAX_PAGES) {
        this.pages = [];
        this.sprites.clear();
      }
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = Math.max(PAGE, side);
      page = { canvas, ctx: canvas.getContext('2d')! };
      this.pages.push(page);
      this.x = this.y = this.shelf = 0;
    }
    const at = { page: page.canvas, ctx: page.ctx, sx: this.x, sy: this.y };
    this.x += side;
    this.shelf = Math.max(this.shelf, side);
    return at;
  }
}
