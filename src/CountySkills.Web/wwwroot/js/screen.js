// The command-centre screen (Features/Dashboard/ScreenPage.razor): a 1920x1080 stage scaled to fit the window, centred,
// recomputed on every resize. An ES module imported by IJSRuntime; fit() returns a handle whose dispose() stops following.
const W = 1920, H = 1080;

export function fit(stage) {
  const apply = () => {
    if (!stage.isConnected) return;
    const vw = document.documentElement.clientWidth || window.innerWidth;
    const vh = document.documentElement.clientHeight || window.innerHeight;
    const s = Math.min(vw / W, vh / H);
    stage.style.transform = `translate(${(vw - W * s) / 2}px, ${(vh - H * s) / 2}px) scale(${s})`;
    stage.dataset.scale = s.toFixed(4);
  };
  apply();
  window.addEventListener('resize', apply);
  return { dispose: () => window.removeEventListener('resize', apply) };
}
