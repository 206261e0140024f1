#pragma once
// The "Steps vs quality" chart: the distance of each sampler's samples to the mixture (KS in 1-D,
// sliced W2 in 2-D) against the number of sampling steps S on a log axis, one line with markers per
// sampler, and the floor (an exact sample's distance) dashed. It only draws a StepsResult.

#include "core/eval/stepsquality.h"
#include "ui/widgets/plotstyle.h"

#include <QWidget>

#include <map>
#include <memory>

class QCustomPlot;
class QCPGraph;
class QCPTextElement;

namespace ds::ui {

struct StepsResult;

class StepsChart : public QWidget {
  Q_OBJECT

 public:
  explicit StepsChart(QWidget* parent = nullptr);

  void setResult(std::shared_ptr<const StepsResult> result);
  // Hides or shows one sampler's line (no recomputation).
  void setSamplerVisible(StepsSampler sampler, bool visible);
  void setStyle(const PlotStyle& style);

  QCustomPlot* plot() const { return m_plot; }
  QCPGraph* graph(StepsSampler sampler) const { return m_graphs.at(sampler); }
  QCPGraph* floorGraph() const { return m_floor; }

  static QString samplerName(StepsSampler sampler);
  static QColor samplerColor(StepsSampler sampler);

 private:
  void restyle();

  std::shared_ptr<const StepsResult> m_result;
  PlotStyle m_style;
  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  std::map<StepsSampler, QCPGraph*> m_graphs;
  QCPGraph* m_floor = nullptr;
};

}  // namespace ds::ui
