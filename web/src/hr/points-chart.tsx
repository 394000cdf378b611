/**
 * Points allocated vs redeemed per period bucket: grouped bars in an inline SVG with a title and
 * description, followed by the same numbers as a table (what screen readers and printouts use).
 */
import { useId } from 'react';
import { useI18n } from '../i18n';

export interface ChartBucket {
  /** Short, for the axis. */
  label: string;
  /** The bucket's days in full, for the table and tooltips. */
  range: string;
  allocated: number;
  redeemed: number;
}

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { top: 16, bottom: 40, side: 56 };
const COLORS = { allocated: '#5b21b6', redeemed: '#0f766e' };

/** A "nice" axis maximum: 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value) ?? 10) * power;
}

export function PointsChart({ buckets }: { buckets: ChartBucket[] }) {
  const { t, number, dir } = useI18n();
  const id = useId();
  const max = niceMax(Math.max(...buckets.flatMap((b) => [b.allocated, b.redeemed])));
  const plotWidth = WIDTH - PAD.side * 2;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / buckets.length;
  const bar = Math.min(28, slot / 3);
  // Time runs in the reading direction: right to left in Persian.
  const x = (i: number, offset: number, w: number) => {
    const start = PAD.side + i * slot + slot / 2 + offset;
    return dir === 'rtl' ? WIDTH - start - w : start;
  };
  const y = (v: number) => PAD.top + plotHeight - (Math.max(0, v) / max) * plotHeight;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const total = (k: 'allocated' | 'redeemed') => buckets.reduce((n, b) => n + b[k], 0);
  const axisX = dir === 'rtl' ? WIDTH - PAD.side + 8 : PAD.side - 8;

  return (
    <figure style={{ margin: 0 }}>
      <div className="card" style={{ padding: 8 }}>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} style={{ display: 'block', maxHeight: 320 }}>
          <title id={`${id}-title`}>{t('hr.chartTitle')}</title>
          <desc id={`${id}-desc`}>
            {t('hr.chartDesc', { n: number(buckets.length), allocated: number(total('allocated')), redeemed: number(total('redeemed')) })}
          </desc>
          {ticks.map((v) => (
            <g key={v}>
              <line x1={PAD.side} x2={WIDTH - PAD.side} y1={y(v)} y2={y(v)} stroke="#d6dbe4" />
              <text x={axisX} y={y(v) + 4} fontSize="11" fill="#5a6478" textAnchor={dir === 'rtl' ? 'start' : 'end'}>{number(v)}</text>
            </g>
          ))}
          {buckets.map((b, i) => (
            <g key={b.label}>
              <rect x={x(i, -bar - 1, bar)} y={y(b.allocated)} width={bar} height={y(0) - y(b.allocated)} fill={COLORS.allocated}>
                <title>{`${b.range}: ${t('hr.allocated')} ${number(b.allocated)}`}</title>
              </rect>
              <rect x={x(i, 1, bar)} y={y(b.redeemed)} width={bar} height={y(0) - y(b.redeemed)} fill={COLORS.redeemed}>
                <title>{`${b.range}: ${t('hr.redeemed')} ${number(b.redeemed)}`}</title>
              </rect>
              <text x={x(i, 0, 0)} y={HEIGHT - PAD.bottom + 18} fontSize="11" fill="#1d2433" textAnchor="middle">{b.label}</text>
            </g>
          ))}
        </svg>
        <ul className="row" style={{ listStyle: 'none', padding: 0, margin: '4px 8px', gap: 16 }} aria-hidden="true">
          {(['allocated', 'redeemed'] as const).map((k) => (
            <li key={k} style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
              <span style={{ width: 14, height: 14, background: COLORS[k], display: 'inline-block', borderRadius: 3 }} />
              {t(k === 'allocated' ? 'hr.allocated' : 'hr.redeemed')}
            </li>
          ))}
        </ul>
      </div>
      <figcaption>
        <details>
          <summary>{t('hr.chartAsTable')}</summary>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('hr.chartTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('hr.period')}</th>
                  <th scope="col">{t('hr.allocated')}</th>
                  <th scope="col">{t('hr.redeemed')}</th>
                </tr>
              </thead>
              <tbody>
                {buckets.map((b) => (
                  <tr key={b.label}>
                    <th scope="row">{b.range}</th>
                    <td>{number(b.allocated)}</td>
                    <td>{number(b.redeemed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figcaption>
    </figure>
  );
}
