#pragma once
// 1-D lesson, top panel: the exact q(x_t) as a heatmap over (t, x), recorded particle
// trajectories on top, and a vertical line at the current t. The heatmap and trajectories are
// drawn once per result; scrubbing only redraws the cursor layer (a separately buffered layer).

#include "ui/widgets/plotstyle.h"

#include <QWidget>

#include <memory>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPGraph;
class QCPItemStraightLine;
class QCPLayer;

namespace ds {
struct Mixture1DChains;
struct ParticlePaths;
}  // namespace ds

namespace ds::ui {

class DensityView : public QWidget {
  Q_OBJECT

 public:
  explicit DensityView(QWidget* parent = nullptr);

  // Shows a new result (heatmap and the trajectories of its forward or reverse chain).
  void setResult(std::shared_ptr<const Mixture1DChains> result, bool reverse);
  void setReverse(bool reverse);
  void setTimestep(int t);
  void setStyle(const PlotStyle& style);

  QCustomPlot* plot() const { return m_plot; }
  QCPColorMap* colorMap() const { return m_map; }
  int trajectoryCount() const;

  static constexpr int kTrajectories = 16;

 private:
  void updateCursor();
  void restyle();

  // The shown chain, inside m_result (null without a result).
  const ParticlePaths* paths() const;

  std::shared_ptr<const Mixture1DChains> m_result;
  bool m_reverse = false;
  int m_t = 0;
  PlotStyle m_style;

  QCustomPlot* m_plot = nullptr;
  QCPColorMap* m_map = nullptr;
  QCPColorScale* m_scale = nullptr;
  QCPLayer* m_cursorLayer = nullptr;
  QCPItemStraightLine* m_cursor = nullptr;
  QCPGraph* m_heads = nullptr;  // the drawn particles' positions at t
  std::vector<QCPGraph*> m_trajectories;
};

}  // namespace ds::ui
