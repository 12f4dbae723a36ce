/**
 * Points drawn with WebGL 2 for PointsCanvas: one gl.POINTS draw call for the whole set, each point a quad the
 * fragment shader turns into an antialiased disc (or square) with an optional ring of the selection colour.
 * The buffers (packed by point-buffers.ts) are uploaded when the points or the selection change; a pan or a zoom
 * only sets uniforms.
 *
 * Our own rather than a library: regl (under plotly's scattergl) generates its command functions with
 * `new Function`, which the Content-Security-Policy forbids (script-src has no 'unsafe-eval'); deck.gl and
 * PixiJS carry a scene graph and hundreds of kilobytes for what is here two short shaders. Raw WebGL needs no
 * eval: the shaders are compiled by the GL driver, not by JavaScript.
 */
import type { Rgba } from './css-color';
import { ALPHA, DIM_ALPHA, FLAG_DIM, FLAG_RING, FLAG_SQUARE, type PackedPoints } from './point-buffers';

const VERTEX = `#version 300 es
in vec2 a_xy;
in vec4 a_rgba;
in float a_r;
in uint a_flags;
uniform vec2 u_offset;   // data centre of the packed positions minus the view's centre
uniform float u_k;       // CSS px per data unit
uniform vec2 u_size;     // canvas in device px
uniform float u_margin;  // device px the viewport reaches past each edge
uniform float u_dpr;
uniform float u_max;     // largest point size the driver draws
out vec4 v_rgba;
out float v_size;
out float v_r;
out float v_ring;
flat out uint v_flags;
void main() {
  vec2 s = vec2((a_xy.x + u_offset.x) * u_k, -(a_xy.y + u_offset.y) * u_k) * u_dpr + u_size * 0.5 + u_margin;
  vec2 area = u_size + 2.0 * u_margin;
  gl_Position = vec4(s.x / area.x * 2.0 - 1.0, 1.0 - s.y / area.y * 2.0, 0.0, 1.0);
  float full = (2.0 * a_r + 3.0) * u_dpr;
  v_size = min(full, u_max);
  float shrink = v_size / full;
  v_r = a_r * u_dpr * shrink;
  v_ring = 0.75 * u_dpr * shrink;
  gl_PointSize = v_size;
  v_rgba = a_rgba;
  v_flags = a_flags;
}`;

const FRAGMENT = `#version 300 es
precision mediump float;
in vec4 v_rgba;
in float v_size;
in float v_r;
in float v_ring;
flat in uint v_flags;
uniform vec4 u_ring;
uniform vec2 u_alpha;   // (alpha, dimmed alpha)
out vec4 colour;
void main() {
  vec2 p = (gl_PointCoord - 0.5) * v_size;
  float d = (v_flags & ${FLAG_SQUARE}u) != 0u ? max(abs(p.x), abs(p.y)) : length(p);
  float fill = clamp(v_r - d + 0.5, 0.0, 1.0);
  vec4 c = vec4(v_rgba.rgb * v_rgba.a, v_rgba.a) * fill;
  float alpha = u_alpha.x;
  if ((v_flags & ${FLAG_RING}u) != 0u) {
    float cover = clamp(v_ring - abs(d - v_r) + 0.5, 0.0, 1.0);
    vec4 ring = vec4(u_ring.rgb * u_ring.a, u_ring.a) * cover;
    c = ring + c * (1.0 - ring.a);
    alpha = 1.0;
  } else if ((v_flags & ${FLAG_DIM}u) != 0u) {
    alpha = u_alpha.y;
  }
  c *= alpha;
  if (c.a < 0.002) discard;
  colour = c;
}`;

/** Device pixels the viewport reaches past each edge: GL drops a point whose centre is outside the viewport, so a point half over the edge would vanish. */
const MARGIN = 64;

export interface GlView {
  /** The view's centre in data units (double precision: the offset from the packed centre is taken on the CPU). */
  cx: number;
  cy: number;
  /** CSS px per data unit. */
  k: number;
}

function compile(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type)!;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS) && !gl.isContextLost()) throw new Error(`WebGL shader: ${gl.getShaderInfoLog(shader)}`);
  return shader;
}

export class GlPoints {
  private readonly program: WebGLProgram;
  private readonly vao: WebGLVertexArrayObject;
  private readonly buffers: Record<'xy' | 'rgba' | 'r' | 'flags', WebGLBuffer>;
  private readonly uniforms: Record<string, WebGLUniformLocation | null>;
  private readonly maxSize: number;
  private packed: PackedPoints | null = null;
  private lost = false;

  /** A renderer on `canvas`, or null when WebGL 2 is not available; `onLost` is called once if the context is lost later. */
  static create(canvas: HTMLCanvasElement, onLost: () => void): GlPoints | null {
    try {
      const gl = canvas.getContext('webgl2', { alpha: true, premultipliedAlpha: true, antialias: false, depth: false, stencil: false, preserveDrawingBuffer: false });
      return gl ? new GlPoints(gl, canvas, onLost) : null;
    } catch {
      // A shader the driver would not compile: as if there were no WebGL.
      return null;
    }
  }

  private constructor(
    private readonly gl: WebGL2RenderingContext,
    canvas: HTMLCanvasElement,
    onLost: () => void,
  ) {
    const program = gl.createProgram()!;
    gl.attachShader(program, compile(gl, gl.VERTEX_SHADER, VERTEX));
    gl.attachShader(program, compile(gl, gl.FRAGMENT_SHADER, FRAGMENT));
    gl.linkProgram(program);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`WebGL program: ${gl.getProgramInfoLog(program)}`);
    this.program = program;
    this.vao = gl.createVertexArray()!;
    gl.bindVertexArray(this.vao);
    const attribute = (name: string, size: number, type: number, normalized: boolean, integer = false): WebGLBuffer => {
      const buffer = gl.createBuffer()!;
      const at = gl.getAttribLocation(program, name);
      gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
      gl.enableVertexAttribArray(at);
      if (integer) gl.vertexAttribIPointer(at, size, type, 0, 0);
      else gl.vertexAttribPointer(at, size, type, normalized, 0, 0);
      return buffer;
    };
    this.buffers = {
      xy: attribute('a_xy', 2, gl.FLOAT, false),
      rgba: attribute('a_rgba', 4, gl.UNSIGNED_BYTE, true),
      r: attribute('a_r', 1, gl.FLOAT, false),
      flags: attribute('a_flags', 1, gl.UNSIGNED_BYTE, false, true),
    };
    gl.bindVertexArray(null);
    this.uniforms = Object.fromEntries(['u_offset', 'u_k', 'u_size', 'u_margin', 'u_dpr', 'u_max', 'u_ring', 'u_alpha'].map((u) => [u, gl.getUniformLocation(program, u)]));
    this.maxSize = (gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE) as Float32Array)[1] || 1;
    canvas.addEventListener(
      'webglcontextlost',
      () => {
        this.lost = true;
        onLost();
      },
      { once: true },
    );
  }

  /** Largest point the driver draws, in device px; bigger points are drawn at this size (their disc shrunk to fit). */
  get maxPointSize(): number {
    return this.maxSize;
  }

  /** Uploads a packed point set (after the points or the selection changed). */
  upload(p: PackedPoints): void {
    const gl = this.gl;
    if (this.lost) return;
    const put = (b: WebGLBuffer, data: ArrayBufferView) => {
      gl.bindBuffer(gl.ARRAY_BUFFER, b);
      gl.bufferData(gl.ARRAY_BUFFER, data, gl.STATIC_DRAW);
    };
    put(this.buffers.xy, p.xy);
    put(this.buffers.rgba, p.rgba);
    put(this.buffers.r, p.radius);
    put(this.buffers.flags, p.flags);
    this.packed = p;
  }

  /** Draws the uploaded points for the view; `ring` is the selection colour. The canvas's size is its device pixels. */
  draw(view: GlView, dpr: number, ring: Rgba): void {
    const gl = this.gl;
    if (this.lost) return;
    const { width, height } = gl.canvas;
    gl.viewport(-MARGIN, -MARGIN, width + 2 * MARGIN, height + 2 * MARGIN);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    const p = this.packed;
    if (!p || p.count === 0) return;
    gl.useProgram(this.program);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    const u = this.uniforms;
    gl.uniform2f(u.u_offset, p.centre[0] - view.cx, p.centre[1] - view.cy);
    gl.uniform1f(u.u_k, view.k);
    gl.uniform2f(u.u_size, width, height);
    gl.uniform1f(u.u_margin, MARGIN);
    gl.uniform1f(u.u_dpr, dpr);
    gl.uniform1f(u.u_max, this.maxSize);
    gl.uniform4f(u.u_ring, ring[0] / 255, ring[1] / 255, ring[2] / 255, ring[3] / 255);
    gl.uniform2f(u.u_alpha, ALPHA, DIM_ALPHA);
    gl.bindVertexArray(this.vao);
    gl.drawArrays(gl.POINTS, 0, p.count);
    gl.bindVertexArray(null);
  }

  /** Frees the GPU objects (the component unmounts or falls back to Canvas 2D). */
  dispose(): void {
    const gl = this.gl;
    if (this.lost) return;
    for (const b of Object.values(this.buffers)) gl.deleteBuffer(b);
    gl.deleteVertexArray(this.vao);
    gl.deleteProgram(this.program);
    this.packed = null;
  }
}
