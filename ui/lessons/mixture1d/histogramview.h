#pragma once
// 1-D lesson, "at the current t": a histogram of the particles x_t (forward or reverse chain)
// against the exact marginal q(x_t). A perfect reverse process makes the two agree at every t.

#include "ui/lessons/plotstyle.h"

#include <QWidget>

#include <memory>

class QCustomPlot;
class QCPBars;
class QCPGraph;
class QCPItemStraightLine;
class QCPTextElement;

namespace ds::ui {

struct Lesson1DResult;
struct ParticlePaths;

class HistogramView : public QWidget {
  Q_OBJECT

 public:
  explicit HistogramView(QWidget* parent = nullptr);

  void setResult(std::shared_ptr<const Lesson1DResult> result, const ParticlePaths* paths);
  void setPaths(const ParticlePaths* paths);
  void setTimestep(int t);
  void setXt(double xt);
  void setStyle(const PlotStyle& style);

  QCustomPlot* plot() const { return m_plot; }
  QCPBars* bars() const { return m_bars; }
  QCPGraph* marginal() const { return m_marginal; }
  // The t whose particles are shown (the recorded step nearest the requested t).
  int shownTimestep() const { return m_shownT; }

  static constexpr int kBins = 60;

 signals:
  void xtDragged(double xt);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void refresh();
  void restyle();

  std::shared_ptr<const Lesson1DResult> m_result;
  const ParticlePaths* m_paths = nullptr;
  int m_t = 0;
  int m_shownT = 0;
  PlotStyle m_style;

  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QCPBars* m_bars = nullptr;
  QCPGraph* m_marginal = nullptr;
  QCPItemStraightLine* m_xtMarker = nullptr;
};

}  // namespace ds::ui
