#pragma once
// The Images lesson's "where did the picture go" plot: the histogram of all pixel values of the
// shown x_t against the N(0, 1) density. At t = 0 the pixels pile up at −1 (background) and a few
// bright values; as t grows the histogram spreads and settles onto N(0, 1), and at t = T the images
// are pure noise. The forward job computes a histogram per t; this view only picks one.

#include "ui/widgets/plotstyle.h"

#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPBars;
class QCPGraph;
class QCPTextElement;

namespace ds::ui {

class PixelHistogramView : public QWidget {
  Q_OBJECT

 public:
  explicit PixelHistogramView(QWidget* parent = nullptr);

  // bins: density over kHistogramBins bins of [−kHistogramRange, kHistogramRange] (core/eval/imagechains.h).
  void setHistogram(int t, const std::vector<double>& bins, double mean, double stdev);
  void setStyle(const PlotStyle& style);

  QCustomPlot* plot() const { return m_plot; }
  QCPBars* bars() const { return m_bars; }
  QCPGraph* gaussian() const { return m_gaussian; }

 private:
  QCustomPlot* m_plot;
  QCPTextElement* m_title;
  QCPBars* m_bars;
  QCPGraph* m_gaussian;
  PlotStyle m_style;
};

}  // namespace ds::ui
