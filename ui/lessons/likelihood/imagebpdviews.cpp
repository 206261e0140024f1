#include "ui/lessons/likelihood/imagebpdviews.h"

#include "ui/lessons/likelihood/imagebpdjobs.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace ds::ui {

namespace {

constexpr double kVlbRow = 1.0;  // the strip plot's rows (y)
constexpr double kOdeRow = 0.0;

QColor vlbColor() { return palette::model(); }
QColor odeColor() { return palette::data(); }

// A fixed vertical offset in [−0.3, 0.3] per image (golden-ratio sequence): dots of equal value
// stay apart, and the same image sits at the same height in both rows.
double jitter(std::size_t i) {
  const double u = std::fmod(0.5 + 0.6180339887498949 * double(i), 1.0);
  return 0.6 * (u - 0.5);
}

QCustomPlot* makePlot(QWidget* owner) {
  auto* plot = new QCustomPlot(owner);
  plot->setMinimumSize(200, 150);
  auto* layout = new QVBoxLayout(owner);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot);
  return plot;
}

QSharedPointer<QCPAxisTickerText> methodTicker(const QString& first, const QString& second, double a, double b) {
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  ticker->addTick(a, first);
  ticker->addTick(b, second);
  return ticker;
}

}  // namespace

// ---- strip plot -------------------------------------------------------------------------------

BpdStripPlot::BpdStripPlot(QWidget* parent) : QWidget(parent) {
  m_plot = makePlot(this);
  m_plot->setToolTip(
      tr("One dot per test image: its bits/dim by the variational bound (VLB) and by the probability-flow "
         "ODE.\nThe bar is the mean ± its standard error over the images. Lower is better."));
  m_title = addPlotTitle(m_plot, tr("Bits/dim of each test image"));
  m_plot->xAxis->setLabel(tr("bits/dim"));
  m_plot->yAxis->setLabel(tr("method"));
  m_plot->yAxis->setTicker(methodTicker(tr("ODE"), tr("VLB"), kOdeRow, kVlbRow));
  m_plot->yAxis->setRange(-0.6, 1.6);
  m_plot->xAxis->setRange(0, 8);

  auto dots = [this](const QColor& color, const QString& name) {
    QCPGraph* g = m_plot->addGraph();
    g->setName(name);
    g->setLineStyle(QCPGraph::lsNone);
    QColor fill = color;
    fill.setAlpha(150);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color.darker(115), fill, 6));
    return g;
  };
  m_vlbDots = dots(vlbColor(), tr("VLB"));
  m_odeDots = dots(odeColor(), tr("ODE"));
  m_means = m_plot->addGraph();
  m_means->setName(tr("mean ± s.e."));
  m_means->setLineStyle(QCPGraph::lsNone);
  m_errors = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
  m_errors->setDataPlottable(m_means);
  m_errors->setErrorType(QCPErrorBars::etKeyError);
  m_errors->removeFromLegend();
  placeLegendBelow(m_plot, 3);
  setStyle(m_style);
}

void BpdStripPlot::setResult(const ImageBpdResult* result) {
  QVector<double> vx, vy, ox, oy, mx, my;
  QVector<double> errors;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  auto fill = [&](const std::vector<double>& values, double row, QVector<double>& xs, QVector<double>& ys) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!std::isfinite(values[i])) continue;
      xs.push_back(values[i]);
      ys.push_back(row + jitter(i));
      lo = std::min(lo, values[i]);
      hi = std::max(hi, values[i]);
    }
    if (values.empty()) return;
    const MeanWithError m = meanWithError(values);
    mx.push_back(m.mean);
    my.push_back(row);
    errors.push_back(m.standardError);
  };
  if (result) {
    fill(result->vlb.bitsPerDim, kVlbRow, vx, vy);
    fill(result->ode.bitsPerDim, kOdeRow, ox, oy);
  }
  // The dots are drawn in x order for QCustomPlot's graph: keep (x, y) pairs together.
  m_vlbDots->data()->clear();
  m_odeDots->data()->clear();
  for (int i = 0; i < vx.size(); ++i) m_vlbDots->addData(vx[i], vy[i]);
  for (int i = 0; i < ox.size(); ++i) m_odeDots->addData(ox[i], oy[i]);
  // Means are drawn as their own scatter (one per row); QCPGraph sorts by key, so add pairwise.
  m_means->data()->clear();
  for (int i = 0; i < mx.size(); ++i) m_means->addData(mx[i], my[i]);
  // The error bars follow the sorted data: rebuild them in the graph's (sorted) order.
  QVector<double> sortedErrors;
  for (auto it = m_means->data()->constBegin(); it != m_means->data()->constEnd(); ++it) {
    for (int i = 0; i < mx.size(); ++i) {
      if (mx[i] == it->key && my[i] == it->value) {
        sortedErrors.push_back(errors[i]);
        break;
      }
    }
  }
  m_errors->setData(sortedErrors);
  if (std::isfinite(lo)) {
    const double pad = std::max(0.1, 0.06 * (hi - lo));
    m_plot->xAxis->setRange(std::max(0.0, lo - pad), hi + pad);
  } else {
    m_plot->xAxis->setRange(0, 8);
  }
  const std::size_t n = result ? result->indices.size() : 0;
  m_title->setText(n ? tr("Bits/dim of each test image (%n image(s))", nullptr, int(n))
                     : tr("Bits/dim of each test image"));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void BpdStripPlot::setStyle(const PlotStyle& style) {
  m_style = style;
  const double size = style.marker(6);
  for (auto [graph, color] : {std::pair{m_vlbDots, vlbColor()}, std::pair{m_odeDots, odeColor()}}) {
    QColor fill = color;
    fill.setAlpha(150);
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color.darker(115), fill, size));
  }
  m_means->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(Qt::black, style.pen(1.5)), QBrush(Qt::white), size * 1.8));
  m_errors->setPen(QPen(Qt::black, style.pen(2.0)));
  m_errors->setWhiskerWidth(style.marker(12));
  applyPlotStyle(m_plot, style);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// ---- terms -------------------------------------------------------------------------------------

BpdTermsPlot::BpdTermsPlot(QWidget* parent) : QWidget(parent) {
  m_plot = makePlot(this);
  m_plot->setToolTip(
      tr("The VLB's mean split into its terms (Ho et al. 2020, eq. 5): L₀ = −log p(x₀|x₁), the decoder "
         "of 8-bit pixels;\nΣ Lₜ₋₁, the denoising steps t = 2…T; L_T, the prior term (≈ 0). Beside it the "
         "ODE's mean. All in bits/dim."));
  m_title = addPlotTitle(m_plot, tr("Where the bits go"));
  m_plot->yAxis->setLabel(tr("bits/dim"));
  m_plot->xAxis->setLabel(tr("method"));
  m_plot->xAxis->setTicker(methodTicker(tr("VLB"), tr("ODE"), 1, 2));
  m_plot->xAxis->setRange(0.4, 2.6);
  m_plot->yAxis->setRange(0, 4);
  auto bars = [this](const QColor& color, const QString& name) {
    auto* b = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    b->setName(name);
    b->setWidth(0.6);
    b->setBrush(color);
    b->setPen(QPen(color.darker(130)));
    return b;
  };
  m_l0 = bars(vlbColor().lighter(125), tr("L₀ (decoder)"));
  m_lMid = bars(palette::posterior().lighter(140), tr("Σ Lₜ₋₁, t ≥ 2"));
  m_lT = bars(palette::prior(), tr("prior term (L at T)"));
  m_ode = bars(odeColor(), tr("ODE"));
  m_lMid->moveAbove(m_l0);
  m_lT->moveAbove(m_lMid);
  // The error bar of the VLB's total sits on an invisible point at the top of the stack (error bars
  // on a stacked QCPBars would be centred on that bar's own value, not on the stack's).
  m_total = m_plot->addGraph();
  m_total->setLineStyle(QCPGraph::lsNone);
  m_total->removeFromLegend();
  m_errors = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
  m_errors->removeFromLegend();
  m_errors->setDataPlottable(m_total);
  placeLegendBelow(m_plot, 2);
  setStyle(m_style);
}

void BpdTermsPlot::setResult(const ImageBpdResult* result) {
  for (QCPBars* b : {m_l0, m_lMid, m_lT, m_ode}) b->data()->clear();
  m_total->data()->clear();
  QVector<double> errors;  // in key order: the VLB (x = 1), then the ODE (x = 2)
  double top = 0;
  if (result && result->vlb.done() > 0) {
    const double l0 = meanWithError(result->vlb.l0).mean;
    const double mid = meanWithError(result->vlb.lMid).mean;
    const double lT = meanWithError(result->vlb.lT).mean;
    m_l0->addData(1, l0);
    m_lMid->addData(1, mid);
    m_lT->addData(1, lT);
    const MeanWithError total = meanWithError(result->vlb.bitsPerDim);
    m_total->addData(1, l0 + mid + lT);
    errors.push_back(total.standardError);
    top = std::max(top, total.mean + total.standardError);
  }
  if (result && result->ode.done() > 0) {
    const MeanWithError m = meanWithError(result->ode.bitsPerDim);
    m_ode->addData(2, m.mean);
    m_total->addData(2, m.mean);
    errors.push_back(m.standardError);
    top = std::max(top, m.mean + m.standardError);
  }
  m_errors->setData(errors);
  m_plot->yAxis->setRange(0, top > 0 ? 1.12 * top : 4.0);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void BpdTermsPlot::setStyle(const PlotStyle& style) {
  m_style = style;
  m_errors->setPen(QPen(Qt::black, style.pen(1.5)));
  m_errors->setWhiskerWidth(style.marker(10));
  applyPlotStyle(m_plot, style);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace ds::ui
