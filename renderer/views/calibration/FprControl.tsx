/** The accepted false-positive rate: a slider on a log scale (0.1 %–20 %), a number field and the rates of the literature. */
import { percent } from '../../../shared/analysis/labels';

const PRESETS = [
  { value: 0.005, why: 'Carby-Robinson et al. 2021' },
  { value: 0.01, why: '' },
  { value: 0.025, why: 'Popovic et al.' },
  { value: 0.05, why: '' },
];
const MIN = Math.log(0.001);
const MAX = Math.log(0.2);

export function FprControl({ value, onChange, saved }: { value: number; onChange: (v: number) => void; saved: number | null }) {
  const clamp = (v: number) => Math.min(0.2, Math.max(0.001, v));
  return (
    <div className="fpr-control" role="group" aria-label="Accepted false-positive rate">
      <label htmlFor="fpr-range">Accepted false-positive rate</label>
      <input
        id="fpr-range"
        type="range"
        min={0}
        max={1000}
        value={Math.round(((Math.log(clamp(value)) - MIN) / (MAX - MIN)) * 1000)}
        onChange={(e) => onChange(Number(Math.exp(MIN + (Number(e.target.value) / 1000) * (MAX - MIN)).toPrecision(3)))}
        data-testid="fpr-range"
      />
      <input
        type="number"
        aria-label="Accepted false-positive rate in percent"
        min={0.1}
        max={20}
        step={0.1}
        value={Number((value * 100).toPrecision(3))}
        onChange={(e) => Number.isFinite(e.target.valueAsNumber) && onChange(clamp(e.target.valueAsNumber / 100))}
        data-testid="fpr-input"
      />
      <span>%</span>
      {PRESETS.map((p) => (
        <button key={p.value} className={`chip${Math.abs(p.value - value) < 1e-9 ? ' active' : ''}`} onClick={() => onChange(p.value)} title={p.why || undefined}>
          {percent(p.value)}
        </button>
      ))}
      {saved !== null && Math.abs(saved - value) > 1e-9 && (
        <button className="link" onClick={() => onChange(saved)}>
          Back to the saved {percent(saved)}
        </button>
      )}
    </div>
  );
}
