// Apache ECharts behind Components/Shared/EChart.razor (ADR 0017). An ES module imported by IJSRuntime.
// echarts.min.js is a UMD script (window.echarts): it is loaded once, on the first chart, by a <script src> from this
// origin, which the CSP (script-src 'self') allows; no inline script, no eval.

// element -> { chart, observer, frame }. Blazor often removes a chart's element before its dispose call arrives (the
// element reference then resolves to null), so every call also disposes the charts whose element left the page.
const charts = new Map();
const pending = new WeakMap(); // element -> token of the render still loading (dispose cancels it)
let loading = null;

function loadECharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (loading) return loading;
  loading = new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = new URL('../lib/echarts/echarts.min.js', import.meta.url).href;
    s.async = true;
    s.onload = () => (window.echarts ? resolve(window.echarts) : reject(new Error('echarts.min.js did not define echarts')));
    s.onerror = () => { loading = null; s.remove(); reject(new Error('echarts.min.js could not be loaded')); };
    document.head.appendChild(s);
  });
  return loading;
}

function parse(optionJson) {
  return typeof optionJson === 'string' ? JSON.parse(optionJson) : optionJson;
}

// The first drawing (with its animation) is done, or 3 s passed (a hidden element never finishes).
function finished(chart) {
  return new Promise(resolve => {
    const timer = setTimeout(done, 3000);
    function done() { clearTimeout(timer); chart.off('finished', done); resolve(); }
    chart.on('finished', done);
  });
}

function number(v) {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function drop(element, state) {
  charts.delete(element);
  cancelAnimationFrame(state.frame);
  state.observer?.disconnect();
  if (!state.chart.isDisposed()) state.chart.dispose();
}

function sweep() {
  for (const [element, state] of charts) if (!element.isConnected) drop(element, state);
}

export async function render(element, optionJson, theme, dotnetRef) {
  dispose(element);
  if (!element) return false;
  const token = {};
  pending.set(element, token);
  const echarts = await loadECharts();
  if (pending.get(element) !== token || !element.isConnected) return false;
  pending.delete(element);

  const chart = echarts.init(element, theme || null, { renderer: 'canvas' });
  const state = { chart, observer: null, frame: 0 };
  charts.set(element, state);

  chart.on('click', p => {
    if (!dotnetRef) return;
    const data = p.data !== null && typeof p.data === 'object' && !Array.isArray(p.data) ? p.data : null;
    // value: a number, or for [x, y] data the last number of the pair.
    let value = number(p.value);
    if (value === null && Array.isArray(p.value)) value = number(p.value[p.value.length - 1]);
    dotnetRef.invokeMethodAsync('OnChartClick', {
      seriesName: p.seriesName ?? null,
      name: p.name ?? null,
      dataIndex: typeof p.dataIndex === 'number' ? p.dataIndex : -1,
      value,
      code: data && typeof data.code === 'string' ? data.code : null,
      data,
    }).catch(() => { /* circuit gone */ });
  });

  state.observer = new ResizeObserver(() => {
    cancelAnimationFrame(state.frame);
    state.frame = requestAnimationFrame(() => { if (!chart.isDisposed()) chart.resize(); });
  });
  state.observer.observe(element);

  const drawn = finished(chart);
  chart.setOption(parse(optionJson));
  await drawn;
  return charts.get(element) === state;
}

export function update(element, optionJson) {
  sweep();
  const state = element && charts.get(element);
  if (!state || state.chart.isDisposed()) return false;
  state.chart.setOption(parse(optionJson), { notMerge: true });
  return true;
}

export function dispose(element) {
  if (element) {
    pending.delete(element);
    const state = charts.get(element);
    if (state) drop(element, state);
  }
  sweep();
}
