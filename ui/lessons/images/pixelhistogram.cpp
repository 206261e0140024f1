#include "ui/lessons/images/pixelhistogram.h"

#include "core/eval/imagechains.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace ds::ui {

PixelHistogramView::PixelHistogramView(QWidget* parent) : QWidget(parent) {
  m_plot = new QCustomPlot(this);
  m_plot->setMinimumSize(180, 120);
  m_plot->setToolTip(tr("All pixel values of the images xₜ at the current t, against the standard normal density."));
  m_title = addPlotTitle(m_plot, tr("Pixel values of xₜ"));
  m_plot->xAxis->setLabel(tr("pixel value"));
  m_plot->yAxis->setLabel(tr("density"));
  m_plot->xAxis->setRange(-kHistogramRange, kHistogramRange);

  m_bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
  m_bars->setName(tr("pixels of xₜ"));
  QColor fill = palette::data();
  fill.setAlpha(110);
  m_bars->setBrush(fill);
  m_bars->setPen(QPen(palette::data().lighter(120), 0.5));
  m_bars->setWidth(2 * kHistogramRange / kHistogramBins);

  m_gaussian = m_plot->addGraph();
  m_gaussian->setName(tr("N(0, 1)"));
  QVector<double> xs, ys;
  for (int i = 0; i <= 200; ++i) {
    const double x = -kHistogramRange + 2 * kHistogramRange * i / 200.0;
    xs.push_back(x);
    ys.push_back(std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI));
  }
  m_gaussian->setData(xs, ys, true);

  // Under the plot: inside, at classroom font sizes, it covered the bars and the curve.
  placeLegendBelow(m_plot, 2);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  setStyle(m_style);
}

void PixelHistogramView::setHistogram(int t, const std::vector<double>& bins, double mean, double stdev) {
  const double width = 2 * kHistogramRange / kHistogramBins;
  QVector<double> keys, values;
  double top = 0;
  for (std::size_t b = 0; b < bins.size(); ++b) {
    keys.push_back(-kHistogramRange + (double(b) + 0.5) * width);
    values.push_back(bins[b]);
    top = std::max(top, bins[b]);
  }
  m_bars->setData(keys, values, true);
  // Near t = 0 most pixels are background (−1), a bar far above the Gaussian; the axis follows it
  // up to a cap so the N(0, 1) curve stays readable.
  m_plot->yAxis->setRange(0, 1.1 * std::clamp(top, 0.45, 2.0));
  m_title->setText(
      tr("Pixel values of xₜ at t = %1: mean %2, std %3").arg(t).arg(mean, 0, 'f', 2).arg(stdev, 0, 'f', 2));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PixelHistogramView::setStyle(const PlotStyle& style) {
  m_style = style;
  // Title, axes and the legend under it take ~130 px at presentation sizes: keep ~90 px for the bars.
  m_plot->setMinimumHeight(style.size(150, 230));
  m_gaussian->setPen(QPen(palette::posterior(), style.pen(2.0)));
  applyPlotStyle(m_plot, style);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace ds::ui
