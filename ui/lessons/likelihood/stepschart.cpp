#include "ui/lessons/likelihood/stepschart.h"

#include "ui/lessons/likelihood/stepsjobs.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ds::ui {

namespace {
const StepsSampler kSamplers[] = {StepsSampler::Ddpm, StepsSampler::Ddim, StepsSampler::Ode, StepsSampler::Pc};
}

QString StepsChart::samplerName(StepsSampler sampler) {
  switch (sampler) {
    case StepsSampler::Ddpm:
      return tr("DDPM (respaced)");
    case StepsSampler::Ddim:
      return tr("DDIM (η = 0)");
    case StepsSampler::Ode:
      return tr("ODE (Heun)");
    case StepsSampler::Pc:
      return tr("PC (DDPM + Langevin)");
  }
  return {};
}

QColor StepsChart::samplerColor(StepsSampler sampler) {
  switch (sampler) {
    case StepsSampler::Ddpm:
      return palette::posterior();
    case StepsSampler::Ddim:
      return palette::data();
    case StepsSampler::Ode:
      return palette::likelihood();
    case StepsSampler::Pc:
      return palette::learned();
  }
  return Qt::black;
}

StepsChart::StepsChart(QWidget* parent) : QWidget(parent) {
  m_plot = new QCustomPlot(this);
  m_plot->setObjectName(QStringLiteral("stepsPlot"));
  m_plot->setMinimumSize(220, 180);
  m_title = addPlotTitle(m_plot, tr("Sample quality against sampling steps S"));
  m_plot->xAxis->setLabel(tr("sampling steps S (log scale)"));
  m_plot->yAxis->setLabel(tr("distance to the data"));
  m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
  m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
  for (StepsSampler s : kSamplers) {
    QCPGraph* g = m_plot->addGraph();
    g->setObjectName(QStringLiteral("steps_") + QString::fromStdString(toString(s)));
    g->setName(samplerName(s));
    m_graphs[s] = g;
  }
  m_floor = m_plot->addGraph();
  m_floor->setObjectName(QStringLiteral("steps_floor"));
  m_floor->setName(tr("floor: an exact sample"));
  placeLegendBelow(m_plot, 3);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  restyle();
}

void StepsChart::setResult(std::shared_ptr<const StepsResult> result) {
  m_result = std::move(result);
  const StepsResult& r = *m_result;
  double top = r.quality.floor;
  for (StepsSampler s : kSamplers) {
    QVector<double> keys, values;
    for (const StepsQualityRow& row : r.rowsOf(s)) {
      keys.push_back(row.steps);
      values.push_back(row.distance);
      top = std::max(top, row.distance);
    }
    QCPGraph* g = m_graphs[s];
    g->setData(keys, values, true);
    if (keys.isEmpty() || !g->visible()) g->removeFromLegend();
    else g->addToLegend();
  }
  const double lo = r.steps.front(), hi = r.steps.back();
  const double left = lo / 1.4, right = std::max(hi * 1.4, lo * 2.0);
  m_floor->setData(QVector<double>{left, right}, QVector<double>{r.quality.floor, r.quality.floor}, true);
  // A tick at every computed S: the reader looks up the lines there.
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (int s : r.steps) ticker->addTick(s, QString::number(s));
  m_plot->xAxis->setTicker(ticker);
  m_plot->xAxis->setRange(left, right);
  // Log distance axis: a sampler with too few steps can be off by orders of magnitude (the ODE's
  // 2-step Heun on a cosine schedule in 2-D), which would flatten every other line on a linear axis.
  // Ticks at 1, 2, 5 × 10^k inside the range (only 1 × 10^k when that gives too many).
  double bottom = top;
  for (const StepsQualityRow& row : r.quality.rows)
    if (row.distance > 0) bottom = std::min(bottom, row.distance);
  if (r.quality.floor > 0) bottom = std::min(bottom, r.quality.floor);
  const double yLo = std::max(bottom, 1e-9) / 1.5, yHi = std::max(top, 1e-9) * 1.5;
  auto yTicker = QSharedPointer<QCPAxisTickerText>::create();
  for (int pass = 0; pass < 2; ++pass) {
    yTicker->clear();
    int count = 0;
    for (int k = static_cast<int>(std::floor(std::log10(yLo))); k <= static_cast<int>(std::ceil(std::log10(yHi))); ++k)
      for (double m : pass == 0 ? std::vector<double>{1, 2, 5} : std::vector<double>{1}) {
        const double v = m * std::pow(10.0, k);
        if (v < yLo || v > yHi) continue;
        yTicker->addTick(v, QString::number(v, 'g', 3));
        ++count;
      }
    if (count <= 8) break;
  }
  m_plot->yAxis->setTicker(yTicker);
  m_plot->yAxis->setRange(yLo, yHi);
  const bool ks = r.quality.metric == "ks";
  // The axis label short (a long vertical label is cut on a projector's small plot); the title,
  // which wraps, spells the distance out.
  m_plot->yAxis->setLabel(ks ? tr("KS distance") : tr("sliced W2"));
  m_title->setText(tr("%1 to the data against steps S (T = %2, n = %3)")
                       .arg(ks ? tr("Kolmogorov–Smirnov (KS) distance") : tr("Sliced Wasserstein-2 (W2) distance"))
                       .arg(r.T)
                       .arg(r.settings.n));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void StepsChart::setSamplerVisible(StepsSampler sampler, bool visible) {
  QCPGraph* g = m_graphs[sampler];
  g->setVisible(visible);
  if (visible && !g->data()->isEmpty()) g->addToLegend();
  else g->removeFromLegend();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void StepsChart::setStyle(const PlotStyle& style) {
  m_style = style;
  restyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void StepsChart::restyle() {
  // Room for a two-line title, a three-row legend and a readable log-log axis rect at presentation
  // sizes (the page scrolls to the table below).
  m_plot->setMinimumHeight(m_style.size(180, 380));
  applyPlotStyle(m_plot, m_style);
  const QCPScatterStyle::ScatterShape shapes[] = {QCPScatterStyle::ssCircle, QCPScatterStyle::ssSquare,
                                                  QCPScatterStyle::ssTriangle, QCPScatterStyle::ssDiamond};
  int i = 0;
  for (StepsSampler s : kSamplers) {
    QCPGraph* g = m_graphs[s];
    const QColor c = samplerColor(s);
    g->setPen(QPen(c, m_style.pen(1.8)));
    g->setScatterStyle(QCPScatterStyle(shapes[i++], QPen(c, m_style.pen(1.5)), Qt::white, m_style.marker(7)));
  }
  m_floor->setPen(QPen(QColor(90, 90, 90), m_style.pen(1.5), Qt::DashLine));
}

}  // namespace ds::ui
