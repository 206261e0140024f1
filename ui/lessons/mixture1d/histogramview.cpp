#include "ui/lessons/mixture1d/histogramview.h"

#include "core/eval/mixture1dchains.h"

#include <QMouseEvent>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace ds::ui {

HistogramView::HistogramView(QWidget* parent) : QWidget(parent) {
  m_plot = new QCustomPlot(this);
  m_plot->setMinimumSize(180, 130);
  m_plot->setToolTip(
      tr("Histogram of the particles at the current t against the exact marginal q(xₜ). "
         "Drag to move the observed xₜ of the posterior panel."));
  m_title = addPlotTitle(m_plot, tr("At t = 0"));
  m_plot->xAxis->setLabel(tr("xₜ"));
  m_plot->yAxis->setLabel(tr("density"));

  m_bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
  m_bars->setName(tr("particles (histogram)"));
  QColor fill = palette::data();
  fill.setAlpha(90);
  m_bars->setBrush(fill);
  m_bars->setPen(QPen(palette::data().lighter(120), 0.5));
  m_marginal = m_plot->addGraph();
  m_marginal->setName(tr("exact q(xₜ)"));
  m_marginal->setPen(QPen(QColor(10, 45, 110), 2));

  m_xtMarker = new QCPItemStraightLine(m_plot);
  m_xtMarker->setPen(QPen(palette::cursor(), 1.2, Qt::DashLine));
  m_xtMarker->point1->setCoords(0, 0);
  m_xtMarker->point2->setCoords(0, 1);

  // Under the plot: inside, on a narrow plot (a small screen, presentation fonts) it covered a peak.
  placeLegendBelow(m_plot, 2);
  m_plot->installEventFilter(this);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  restyle();
}

const ParticlePaths* HistogramView::paths() const {
  if (!m_result) return nullptr;
  return m_reverse ? &m_result->reverse : &m_result->forward;
}

void HistogramView::setResult(std::shared_ptr<const Mixture1DChains> result, bool reverse) {
  m_result = std::move(result);
  m_plot->xAxis->setRange(m_result->xMin, m_result->xMax);
  m_bars->setWidth((m_result->xMax - m_result->xMin) / kBins);
  setReverse(reverse);
}

void HistogramView::setReverse(bool reverse) {
  m_reverse = reverse;
  refresh();
}

void HistogramView::setTimestep(int t) {
  m_t = t;
  refresh();
}

void HistogramView::setXt(double xt) {
  m_xtMarker->point1->setCoords(xt, 0);
  m_xtMarker->point2->setCoords(xt, 1);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HistogramView::refresh() {
  if (!m_result) return;
  const Mixture1DChains& r = *m_result;
  const int t = std::clamp(m_t, 0, r.T);
  const double lo = r.xMin, width = (r.xMax - r.xMin) / kBins;

  // Particles → density-normalised histogram, so bars and q(x_t) share the y axis.
  QVector<double> keys(kBins), counts(kBins, 0.0);
  for (int b = 0; b < kBins; ++b) keys[b] = lo + (b + 0.5) * width;
  m_shownT = t;
  const ParticlePaths* paths = this->paths();
  if (paths && !paths->empty()) {
    const int index = paths->indexFor(t);
    m_shownT = paths->recordedT(index);
    const float* x = paths->at(index, 0);
    for (int i = 0; i < paths->n; ++i) {
      const int b = static_cast<int>(std::floor((x[i] - lo) / width));
      if (b >= 0 && b < kBins) counts[b] += 1.0;
    }
    const double norm = 1.0 / (paths->n * width);
    for (double& c : counts) c *= norm;
  }
  m_bars->setData(keys, counts, true);

  QVector<double> gx(r.gridX), gy(r.gridX);
  const float* row = r.density.data() + static_cast<size_t>(t) * r.gridX;
  double top = 0;
  for (int j = 0; j < r.gridX; ++j) {
    gx[j] = r.grid[static_cast<size_t>(j)];
    gy[j] = row[j];
    top = std::max(top, gy[j]);
  }
  for (double c : counts) top = std::max(top, c);
  m_marginal->setData(gx, gy, true);
  m_plot->yAxis->setRange(0, 1.1 * std::max(top, 1e-9));
  m_title->setText(tr("Particles at t = %1 vs q(xₜ)").arg(m_shownT));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HistogramView::setStyle(const PlotStyle& style) {
  m_style = style;
  restyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HistogramView::restyle() {
  applyPlotStyle(m_plot, m_style);
  // As wide as the legend's widest entry: at 1024×768 in presentation mode the window's minimum made
  // the plot narrower and cut "particles (histogram)".
  m_plot->setMinimumSize(std::max(180, legendBelowWidth(m_plot)), 130);
  m_marginal->setPen(QPen(QColor(10, 45, 110), m_style.pen(2)));
  m_xtMarker->setPen(QPen(palette::cursor(), m_style.pen(1.2), Qt::DashLine));
}

bool HistogramView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_plot && (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseMove)) {
    auto* me = static_cast<QMouseEvent*>(event);
    if (me->buttons() & Qt::LeftButton) {
      Q_EMIT xtDragged(m_plot->xAxis->pixelToCoord(me->position().x()));
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace ds::ui
