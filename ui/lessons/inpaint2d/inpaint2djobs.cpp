#include "ui/lessons/inpaint2d/inpaint2djobs.h"

#include "core/eval/mixtureeval.h"

#include <algorithm>

namespace ds::ui {

Inpaint2DResult runInpaint2D(const Inpaint2DRequest& request, const ProgressFn& progress, const CancelToken& cancel) {
  Inpaint2DResult out;
  out.request = request;
  out.inpaint = computeInpaint2D(request, progress, cancel);
  // One square covering the data along both axes, so the plane keeps equal scales.
  double lo0, hi0, lo1, hi1;
  plotRange(request.data, 0, 3.0, &lo0, &hi0);
  plotRange(request.data, 1, 3.0, &lo1, &hi1);
  out.lo = std::min(lo0, lo1);
  out.hi = std::max(hi0, hi1);
  const std::vector<double> centres = cellCentres2D(out.lo, out.lo, out.hi - out.lo, out.grid);
  const std::vector<double> d = density2D(request.data, centres);
  out.density.assign(d.begin(), d.end());
  out.curveX = linspace(out.inpaint->lo, out.inpaint->hi, kInpaintCurve);
  out.curveY = density1D(out.inpaint->conditional, out.curveX);
  return out;
}

}  // namespace ds::ui
