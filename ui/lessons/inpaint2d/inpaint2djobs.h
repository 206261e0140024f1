#pragma once
// The Inpaint 2-D lesson's job: a plain function of the request and the device, run on the lesson's
// JobTracker (worker thread). core/eval/inpaint2d computes the methods, their histograms, KS
// distances and paths; this adds the tables the views draw (the data density on a square grid and
// a fine curve of the exact conditional), so the GUI thread evaluates nothing.

#include "core/eval/inpaint2d.h"
#include "core/runtime/progress.h"

#include <memory>
#include <vector>

namespace ds::ui {

constexpr int kInpaintPlaneGrid = 120;  // density cells per axis of the plane
constexpr int kInpaintBins = 60;        // histogram bins over the unknown axis
constexpr int kInpaintCurve = 400;      // points of the exact conditional density curve
constexpr int kInpaintPaths = 8;        // particle paths per method

struct Inpaint2DResult {
  Inpaint2DRequest request;
  std::shared_ptr<const Inpaint2D> inpaint;
  // The data density p(x₁, x₂) on a grid×grid square [lo, hi]², x fastest (cell centres).
  double lo = -4, hi = 4;
  int grid = kInpaintPlaneGrid;
  std::vector<float> density;
  // The exact conditional density on a fine grid over the histogram's range.
  std::vector<double> curveX, curveY;
};

Inpaint2DResult runInpaint2D(const Inpaint2DRequest& request, const ProgressFn& progress, const CancelToken& cancel);

}  // namespace ds::ui
