#pragma once
// 1-D lesson, "at the current t": a histogram of the particles x_t (forward or reverse chain)
// against the exact marginal q(x_t). A perfect reverse process makes the two agree at every t.

#include "ui/widgets/plotstyle.h"

#include <QWidget>

#include <memory>

class QCustomPlot;
class QCPBars;
class QCPGraph;
class QCPItemStraightLine;
class QCPTextElement;

namespace ds {
struct Mixture1DChains;
struct ParticlePaths;
}  // namespace ds

namespace ds::ui {

class HistogramView : public QWidget {
  Q_OBJECT

 public:
  explicit HistogramView(QWidget* parent = nullptr);

  // Shows a new result: the particles of its forward or reverse chain against its q(x_t).
  void setResult(std::shared_ptr<const Mixture1DChains> result, bool reverse);
  void setReverse(bool reverse);
  void setTimestep(int t);
  void setXt(double xt);
  void setStyle(const PlotStyle& style);

  QCustomPlot* plot() const { return m_plot; }
  QCPBars* bars() const { return m_bars; }
  QCPGraph* marginal() const { return m_marginal; }
  // The t whose particles are shown (the recorded step nearest the requested t).
  int shownTimestep() const { return m_shownT; }

  static constexpr int kBins = 60;

 Q_SIGNALS:
  void xtDragged(double xt);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void refresh();
  void restyle();

  // The shown chain, inside m_result (null without a result).
  const ParticlePaths* paths() const;

  std::shared_ptr<const Mixture1DChains> m_result;
  bool m_reverse = false;
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
