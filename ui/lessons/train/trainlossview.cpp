#include "ui/lessons/train/trainlossview.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {

QColor bandColor(int i, int n) {
  // Light (small t, little noise) to dark (large t, mostly noise).
  const double f = n > 1 ? static_cast<double>(i) / (n - 1) : 0.0;
  return QColor::fromHsvF(0.58, 0.25 + 0.6 * f, 0.95 - 0.55 * f);
}

// A log axis over less than about a decade (an ε-MSE falling from 1 to 0.3) gets QCP's linear
// ticks, which crowd together at the top of a log scale ("1", "1.25" and "1.5" drew over each
// other): of those, only ticks at least a tick count's share of the axis apart stay.
class SparseLogTicker : public QCPAxisTickerLog {
 protected:
  QVector<double> createTickVector(double tickStep, const QCPRange& range) override {
    QVector<double> ticks = QCPAxisTickerLog::createTickVector(tickStep, range);
    if (range.lower <= 0 || range.upper <= range.lower || std::log10(range.upper / range.lower) >= 1.6)
      return ticks;
    const double gap = std::log(range.upper / range.lower) / (tickCount() + 1);
    QVector<double> kept;
    for (double t : ticks)
      if (t > 0 && (kept.isEmpty() || std::log(t / kept.back()) >= gap)) kept.append(t);
    return kept;
  }
};

}  // namespace

TrainLossView::TrainLossView(QWidget* parent) : QWidget(parent) {
  m_plot = new QCustomPlot(this);
  m_plot->setMinimumSize(180, 140);
  m_plot->setToolTip(
      tr("Training loss per step. L_simple = E‖ε − ε_θ(xₜ, t)‖² (Ho et al. 2020, eq. 14); "
         "the bands are the same ε-MSE split by t: near t = 1 the noise is tiny and hard to "
         "predict, near t = T xₜ is almost all noise and ε is easy."));
  m_title = addPlotTitle(m_plot, tr("Loss"));
  m_plot->xAxis->setLabel(tr("training step"));
  m_plot->yAxis->setLabel(tr("loss (ε-MSE)"));
  m_loss = m_plot->addGraph();
  m_loss->setName(tr("training loss"));
  // Under the plot, in as many columns as fit: inside, on a narrow plot (a small screen,
  // presentation fonts), the six entries covered the curves.
  placeLegendBelow(m_plot, 3);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  setLogScale(true);
  reset(5, 1000);
}

void TrainLossView::reset(int bands, int T) {
  for (QCPGraph* g : m_bands) m_plot->removeGraph(g);
  m_bands.clear();
  m_loss->data()->clear();
  for (int i = 0; i < bands; ++i) {
    QCPGraph* g = m_plot->addGraph();
    const int lo = 1 + static_cast<int>(static_cast<long long>(T) * i / bands);
    const int hi = static_cast<int>(static_cast<long long>(T) * (i + 1) / bands);
    g->setName(tr("t ∈ %1…%2").arg(lo).arg(hi));
    g->setVisible(m_bandsVisible);
    if (!m_bandsVisible) g->removeFromLegend();
    m_bands.push_back(g);
  }
  m_plot->xAxis->setRange(0, 100);
  m_plot->yAxis->setRange(m_log ? 0.05 : 0, 1.5);
  restyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainLossView::append(const std::vector<LossPoint>& points) {
  if (points.empty()) return;
  for (const LossPoint& p : points) {
    if (std::isfinite(p.loss) && p.loss > 0) m_loss->addData(static_cast<double>(p.step), p.loss);
    for (size_t i = 0; i < p.bandLoss.size() && i < m_bands.size(); ++i)
      if (std::isfinite(p.bandLoss[i]) && p.bandLoss[i] > 0)
        m_bands[i]->addData(static_cast<double>(p.step), p.bandLoss[i]);
  }
  rescale();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainLossView::rescale() {
  bool found = false;
  const QCPRange keys = m_loss->getKeyRange(found);
  m_plot->xAxis->setRange(0, std::max(found ? keys.upper : 0.0, 10.0) * 1.02);
  double lo = 1e300, hi = 0;
  auto span = [&](QCPGraph* g) {
    if (!g->visible()) return;
    bool ok = false;
    const QCPRange r = g->getValueRange(ok, QCP::sdBoth, QCPRange());
    if (!ok) return;
    lo = std::min(lo, r.lower);
    hi = std::max(hi, r.upper);
  };
  span(m_loss);
  for (QCPGraph* g : m_bands) span(g);
  if (hi <= 0) return;
  if (m_log) m_plot->yAxis->setRange(std::max(lo, 1e-6) / 1.3, hi * 1.3);
  else m_plot->yAxis->setRange(0, hi * 1.05);
}

void TrainLossView::setLogScale(bool on) {
  m_log = on;
  if (on) {
    m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> ticker(new SparseLogTicker);
    m_plot->yAxis->setTicker(ticker);
    m_plot->yAxis->setNumberFormat(QStringLiteral("gb"));
  } else {
    m_plot->yAxis->setScaleType(QCPAxis::stLinear);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    m_plot->yAxis->setNumberFormat(QStringLiteral("g"));
  }
  rescale();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainLossView::setBandsVisible(bool on) {
  m_bandsVisible = on;
  for (QCPGraph* g : m_bands) {
    g->setVisible(on);
    on ? g->addToLegend() : g->removeFromLegend();
  }
  rescale();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainLossView::setWeightingLabel(const QString& label) {
  m_loss->setName(label);
  m_title->setText(tr("Loss: %1").arg(label));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainLossView::setStyle(const PlotStyle& style) {
  m_style = style;
  restyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainLossView::restyle() {
  m_loss->setPen(QPen(QColor(20, 20, 20), m_style.pen(1.8)));
  for (size_t i = 0; i < m_bands.size(); ++i)
    m_bands[i]->setPen(QPen(bandColor(static_cast<int>(i), static_cast<int>(m_bands.size())), m_style.pen(1.1)));
  applyPlotStyle(m_plot, m_style);
}

}  // namespace ds::ui
