import type { LagPoint } from '../cutover/cutover-result.js'
import { el, Html } from './html.js'

export interface ChartMarker {
  readonly at: string
  readonly label: string
}

const W = 960
const H = 260
const PAD = { left: 64, right: 16, top: 16, bottom: 40 }

function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`
}

function fmtTime(t: number): string {
  return new Date(t).toISOString().slice(11, 19)
}

/**
 * Lag over time as inline SVG (no script, no external asset): the lag line, the threshold the
 * pre-check used as a dashed line, and vertical markers for the steps (freeze, switch).
 */
export function lagChartSvg(points: readonly LagPoint[], thresholdMs: number, markers: readonly ChartMarker[]): Html {
  const pts = points.filter((p) => p.lagMs !== undefined).map((p) => ({ t: Date.parse(p.at), v: p.lagMs! }))
  if (pts.length === 0) return el('p', { class: 'muted' }, 'No lag samples were recorded for this stream in the window.')
  const marks = markers.map((m) => ({ t: Date.parse(m.at), label: m.label })).filter((m) => Number.isFinite(m.t))
  const t0 = Math.min(pts[0]!.t, ...marks.map((m) => m.t))
  const t1 = Math.max(pts[pts.length - 1]!.t, ...marks.map((m) => m.t), t0 + 1000)
  const vMax = Math.max(thresholdMs * 1.2, ...pts.map((p) => p.v)) || 1
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right)
  const y = (v: number) => H - PAD.bottom - (v / vMax) * (H - PAD.top - PAD.bottom)
  const parts: string[] = []
  for (let i = 0; i <= 4; i++) {
    const v = (vMax * i) / 4
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e3e7ee"/>`)
    parts.push(`<text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#5c6575">${fmtMs(v)}</text>`)
  }
  for (let i = 0; i <= 4; i++) {
    const t = t0 + ((t1 - t0) * i) / 4
    const anchor = i === 0 ? 'start' : i === 4 ? 'end' : 'middle'
    parts.push(`<text x="${x(t).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="${anchor}" font-size="11" fill="#5c6575">${fmtTime(t)}</text>`)
  }
  parts.push(`<text x="${W / 2}" y="${H - 6}" text-anchor="middle" font-size="11" fill="#5c6575">UTC</text>`)
  parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(thresholdMs).toFixed(1)}" y2="${y(thresholdMs).toFixed(1)}" stroke="#cf222e" stroke-dasharray="6 4"/>`)
  parts.push(`<text x="${PAD.left + 4}" y="${(y(thresholdMs) - 4).toFixed(1)}" font-size="11" fill="#cf222e" stroke="#fff" stroke-width="3" paint-order="stroke">max lag ${fmtMs(thresholdMs)}</text>`)
  marks.forEach((m, i) => {
    // Markers are often seconds apart: labels step down so they do not overprint, and turn left near the right edge.
    const mx = x(m.t)
    const nearEdge = mx > W - PAD.right - 80
    parts.push(`<line x1="${mx.toFixed(1)}" x2="${mx.toFixed(1)}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#8250df" stroke-dasharray="3 3"/>`)
    parts.push(`<text x="${(nearEdge ? mx - 4 : mx + 4).toFixed(1)}" y="${PAD.top + 10 + i * 13}" text-anchor="${nearEdge ? 'end' : 'start'}" font-size="11" fill="#8250df" stroke="#fff" stroke-width="3" paint-order="stroke">${m.label.replace(/[<>&"]/g, '')}</text>`)
  })
  const line = pts.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')
  parts.push(`<polyline points="${line}" fill="none" stroke="#0969da" stroke-width="2"/>`)
  if (pts.length === 1) parts.push(`<circle cx="${x(pts[0]!.t).toFixed(1)}" cy="${y(pts[0]!.v).toFixed(1)}" r="3" fill="#0969da"/>`)
  parts.push(`<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#8c959f"/>`)
  parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom}" stroke="#8c959f"/>`)
  return new Html(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="CDC lag over time">${parts.join('')}</svg>`)
}
