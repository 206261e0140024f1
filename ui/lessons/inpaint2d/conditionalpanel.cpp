#include "ui/lessons/inpaint2d/conditionalpanel.h"

#include "ui/lessons/inpaint2d/inpaint2djobs.h"
#include "ui/lessons/inpaint2d/methodstyle.h"

#include <QLabel>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>

namespace ds::ui {

namespace {

// How far from exact a KS distance is, in units of the 1 % critical value.
enum class Fit { Exact, Off, Far };

Fit fitOf(double ks, double critical) {
  if (ks <= critical) return Fit::Exact;
  if (ks <= 2.5 * critical) return Fit::Off;
  return Fit::Far;
}

}  // namespace

ConditionalPanel::ConditionalPanel(InpaintMethod method, QWidget* parent) : QWidget(parent), m_method(method) {
  const QString key = methodKey(method);
  setObjectName(QStringLiteral("panel_") + key);
  setToolTip(methodExplanation(method));
  m_ks = new QLabel(this);
  m_ks->setObjectName(QStringLiteral("ks_") + key);
  m_ks->setTextFormat(Qt::RichText);
  m_ks->setWordWrap(true);
  m_ks->setToolTip(
      tr("Kolmogorov–Smirnov distance: the largest gap between the samples' empirical CDF and the exact "
         "conditional CDF. A correct sampler exceeds the 1 % critical value 1.63/√n only once in a hundred runs."));

  m_plot = new QCustomPlot(this);
  m_plot->setObjectName(QStringLiteral("plot_") + key);
  m_plot->yAxis->setLabel(tr("density"));
  m_bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
  m_bars->setPen(Qt::NoPen);
  QColor fill = methodColor(method);
  fill.setAlpha(150);
  m_bars->setBrush(fill);
  m_exact = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
  m_plot->legend->setVisible(false);  // until there is something to name
  // Under the plot: inside, at classroom sizes, it would cover the histogram it explains.
  placeLegendBelow(m_plot, 2);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(m_ks);
  layout->addWidget(m_plot, 1);
  setStyle(PlotStyle{});
}

QString ConditionalPanel::verdict(double ks, double critical) {
  const QString value = QStringLiteral("KS %1").arg(ks, 0, 'g', 2);
  const QString crit = QString::number(critical, 'g', 2);
  switch (fitOf(ks, critical)) {
    case Fit::Exact:
      return tr("%1 — within sampling error (1 % critical %2)").arg(value, crit);
    case Fit::Off:
      return tr("%1 — a little off (1 % critical %2)").arg(value, crit);
    case Fit::Far:
      return tr("%1 — far from exact").arg(value);
  }
  return value;
}

void ConditionalPanel::setResult(const Inpaint2DResult& result, const Inpaint2DMethod& m) {
  const Inpaint2D& r = *result.inpaint;
  const QString unknown = r.observedDim == 1 ? tr("x₁") : tr("x₂");
  const QString observed = r.observedDim == 1 ? tr("x₂") : tr("x₁");
  m_plot->xAxis->setLabel(unknown);
  const double width = r.centres.size() > 1 ? r.centres[1] - r.centres[0] : 1.0;
  m_bars->setWidth(width);
  m_bars->setData(QVector<double>(r.centres.begin(), r.centres.end()),
                  QVector<double>(m.histogram.begin(), m.histogram.end()), true);
  // Short names: two legend columns must fit a ~260 px panel (n is in the tooltip and the status).
  m_bars->setName(tr("samples"));
  m_plot->setToolTip(tr("Histogram of the %1 samples of %2 from %3, over the exact conditional density.")
                         .arg(m.samples.size())
                         .arg(unknown, methodTitle(m_method)));
  m_exact->setData(QVector<double>(result.curveX.begin(), result.curveX.end()),
                   QVector<double>(result.curveY.begin(), result.curveY.end()), true);
  m_exact->setName(tr("exact q(%1|%2=%3)").arg(unknown, observed).arg(r.value));
  double top = 0;
  for (double v : m.histogram) top = std::max(top, v);
  for (double v : result.curveY) top = std::max(top, v);
  m_plot->xAxis->setRange(r.lo, r.hi);
  m_plot->yAxis->setRange(0, std::max(1e-6, 1.15 * top));
  m_plot->legend->setVisible(true);
  m_ksValue = m.ks;
  m_critical = r.ksCritical1;
  showKs();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ConditionalPanel::showKs() {
  const QString name = QStringLiteral("<span style='font-size:%1pt; font-weight:bold; color:%2'>%3</span>&nbsp; ")
                           .arg(m_style.size(12, 18))
                           .arg(methodColor(m_method).name(), methodTitle(m_method).toHtmlEscaped());
  if (m_ksValue < 0) {
    m_ks->setText(name + QStringLiteral("<br>") + tr("computing…"));  // two lines, as the result
    return;
  }
  static const char* const colors[] = {"#1b7a1b", "#b86500", "#c01010"};
  const QString text = verdict(m_ksValue, m_critical);
  // The method and the number big on the first line, the verdict on the second: wrapped wherever the
  // column ended, the line broke inside "(1 % critical 0.07)". Its words stay together where they fit.
  const int split = text.indexOf(QStringLiteral(" — "));
  const QString number = split < 0 ? text : text.left(split);
  QString words = split < 0 ? QString() : text.mid(split + 3).toHtmlEscaped();
  int paren = words.indexOf(QLatin1Char('('));
  if (paren < 0) paren = words.indexOf(QChar(0xFF08));  // the Chinese full-width "（"
  if (paren >= 0) words = words.left(paren) + words.mid(paren).replace(QLatin1Char(' '), QStringLiteral("&nbsp;"));
  m_ks->setText(name + QStringLiteral("<span style='font-size:%1pt; font-weight:bold; color:%2'>%3</span><br>%4")
                           .arg(m_style.size(14, 20))
                           .arg(QLatin1String(colors[static_cast<int>(fitOf(m_ksValue, m_critical))]))
                           .arg(number.toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;")), words));
}

void ConditionalPanel::setStyle(const PlotStyle& style) {
  m_style = style;
  applyPlotStyle(m_plot, style);
  m_exact->setPen(QPen(Qt::black, style.pen(2.0)));
  QFont body = font();
  body.setPointSize(style.size(10, 14));
  m_ks->setFont(body);
  // The KS line above the plot wraps in a narrow column; the plot keeps a readable height under it,
  // plus its legend's two entries stacked (a ~180 px panel has no room for two columns): with less,
  // QCP squeezed the legend's rows and "samples" drew over "exact q(…)" (1280×800 at scale 1.5).
  m_plot->setMinimumSize(150, readableHeight() - 70 + legendBelowHeight(m_plot, 1, 2));
  showKs();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace ds::ui
