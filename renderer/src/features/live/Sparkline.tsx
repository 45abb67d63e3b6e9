import { useId } from 'react';

/**
 * A 60-point depth trend drawn as plain SVG: five of these tick on screen at once, and a canvas
 * chart per tile would cost far more than it shows. The full chart uses chart.js.
 */
export function Sparkline({ values, label, className = '' }: { values: readonly number[]; label: string; className?: string }) {
  const gradient = useId();
  const width = 120;
  const height = 32;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((v, i) => [i * step, height - 1 - (v / max) * (height - 3)] as const);
  const line = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
  const area = points.length > 0 ? `${line}L${width},${height}L0,${height}Z` : '';
  const last = points[points.length - 1];
  return (
    <svg className={`sparkline ${className}`} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <defs>
        <linearGradient id={gradient} x1="0" x2="0" y1="0" y2="1">
          <stop offset="0%" stopColor="currentColor" stopOpacity="0.35" />
          <stop offset="100%" stopColor="currentColor" stopOpacity="0" />
        </linearGradient>
      </defs>
      {area && <path d={area} fill={`url(#${gradient})`} stroke="none" />}
      {line && <path d={line} fill="none" stroke="currentColor" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />}
      {last && <circle cx={last[0]} cy={last[1]} r="2" fill="currentColor" vectorEffect="non-scaling-stroke" />}
    </svg>
  );
}
