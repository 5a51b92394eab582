import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
);

/** One line or bar series of a trend chart. */
export interface TrendSeries {
  label: string;
  values: Array<number | null>;
  color: string;
}

/** A weekly trend drawn by Chart.js: bars or lines over the week labels, redrawn when data change. */
export function TrendChart(props: {
  kind: 'bar' | 'line';
  labels: string[];
  series: TrendSeries[];
  unit: string;
  ariaLabel: string;
}) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const { kind, labels, series, unit, ariaLabel } = props;
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: kind,
      data: {
        labels,
        datasets: series.map((s) => ({
          label: s.label,
          data: s.values,
          backgroundColor: s.color,
          borderColor: s.color,
          spanGaps: true,
          tension: 0.25,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: unit } } },
        plugins: { legend: { display: series.length > 1, position: 'bottom' } },
      },
    });
    return () => chart.destroy();
  }, [kind, labels, series, unit]);
  return (
    <div className="trend-chart">
      <canvas ref={canvas} role="img" aria-label={ariaLabel} />
    </div>
  );
}
