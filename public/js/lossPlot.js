// A tiny line plot of the losses over iterations on a <canvas> (no library).

const COLORS = ['#3457d5', '#d5346b', '#1e7d32', '#c77800', '#7b3fb5', '#00838f', '#6d4c41', '#546e7a'];
const PAD = { left: 48, right: 10, top: 40, bottom: 22 };
const LEGEND_LINE = 14;

/** points: [{ iteration, losses: { name: value } }] in iteration order. */
export function drawLossPlot(canvas, points) {
  const ctx = canvas.getContext('2d');
  const { width, height } = canvas;
  ctx.clearRect(0, 0, width, height);
  ctx.font = '12px system-ui, sans-serif';
  if (points.length === 0) {
    ctx.fillStyle = '#6b6b70';
    ctx.fillText('waiting for the first iterations…', PAD.left, height / 2);
    return;
  }
  const names = [...new Set(points.flatMap((p) => Object.keys(p.losses)))];
  const values = points.flatMap((p) => Object.values(p.losses)).filter(Number.isFinite);
  let [lo, hi] = [Math.min(...values), Math.max(...values)];
  if (lo === hi) { lo -= 1; hi += 1; }
  const [x0, x1] = [points[0].iteration, Math.max(points.at(-1).iteration, points[0].iteration + 1)];
  const sx = (it) => PAD.left + ((it - x0) / (x1 - x0)) * (width - PAD.left - PAD.right);
  const sy = (v) => height - PAD.bottom - ((v - lo) / (hi - lo)) * (height - PAD.top - PAD.bottom);
  axes(ctx, width, height, lo, hi, x0, x1, sy);
  legend(ctx, names, width);
  names.forEach((name, k) => {
    ctx.strokeStyle = COLORS[k % COLORS.length];
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let started = false;
    for (const p of points) {
      const v = p.losses[name];
      if (!Number.isFinite(v)) continue;
      if (started) ctx.lineTo(sx(p.iteration), sy(v)); else ctx.moveTo(sx(p.iteration), sy(v));
      started = true;
    }
    ctx.stroke();
  });
}

/** Names in their colours, left to right, wrapping to a second line when the canvas is narrow. */
function legend(ctx, names, width) {
  let x = PAD.left;
  let y = LEGEND_LINE;
  names.forEach((name, k) => {
    const w = ctx.measureText(name).width + 14;
    if (x + w > width - PAD.right) { x = PAD.left; y += LEGEND_LINE; }
    ctx.fillStyle = COLORS[k % COLORS.length];
    ctx.fillText(name, x, y);
    x += w;
  });
}

function axes(ctx, width, height, lo, hi, x0, x1, sy) {
  ctx.strokeStyle = '#dcdad5';
  ctx.fillStyle = '#6b6b70';
  ctx.lineWidth = 1;
  for (let i = 0; i <= 4; i++) {
    const v = lo + ((hi - lo) * i) / 4;
    const y = sy(v);
    ctx.beginPath(); ctx.moveTo(PAD.left, y); ctx.lineTo(width - PAD.right, y); ctx.stroke();
    ctx.fillText(v.toPrecision(3), 4, y + 4);
  }
  ctx.fillText(`iteration ${x0}`, PAD.left, height - 6);
  const last = `${x1}`;
  ctx.fillText(last, width - PAD.right - ctx.measureText(last).width, height - 6);
}
