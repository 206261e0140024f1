#include "ui/widgets/plotstyle.h"

#include <qcustomplot.h>

namespace ds::ui {

namespace {

QFont sized(QFont font, int pt, bool bold = false) {
  font.setPointSize(pt);
  font.setBold(bold);
  return font;
}

void styleAxis(QCPAxis* axis, const PlotStyle& style, const QFont& base) {
  axis->setTickLabelFont(sized(base, style.tickPt()));
  axis->setLabelFont(sized(base, style.labelPt()));
  const double w = style.pen(1.0);
  QPen pen = axis->basePen();
  pen.setWidthF(w);
  axis->setBasePen(pen);
  pen = axis->tickPen();
  pen.setWidthF(w);
  axis->setTickPen(pen);
}

}  // namespace

void applyPlotStyle(QCustomPlot* plot, const PlotStyle& style) {
  const QFont base = plot->font();
  for (QCPLayoutElement* el : plot->plotLayout()->elements(true)) {
    if (!el) continue;
    if (auto* rect = qobject_cast<QCPAxisRect*>(el)) {
      for (QCPAxis* axis : rect->axes()) styleAxis(axis, style, base);
    } else if (auto* scale = qobject_cast<QCPColorScale*>(el)) {
      styleAxis(scale->axis(), style, base);
      scale->setBarWidth(static_cast<int>(12 * style.scale()));
    } else if (auto* legend = qobject_cast<QCPLegend*>(el)) {
      legend->setFont(sized(base, style.legendPt()));
      legend->setIconSize(QSize(static_cast<int>(20 * style.scale()), static_cast<int>(10 * style.scale())));
      for (int i = 0; i < legend->itemCount(); ++i)
        if (auto* item = legend->item(i)) item->setFont(sized(base, style.legendPt()));
    } else if (auto* text = qobject_cast<QCPTextElement*>(el)) {
      text->setFont(sized(base, style.titlePt(), true));
    }
  }
  // Legends inside axis rects live in the inset layout, which elements(true) also visits.
}

void fitSquare(QCustomPlot* plot, double cx, double cy, double half) {
  const QRect r = plot->axisRect()->rect();
  const double ratio = (r.width() > 0 && r.height() > 0) ? static_cast<double>(r.width()) / r.height() : 1.0;
  const double hx = ratio >= 1 ? half * ratio : half;
  const double hy = ratio >= 1 ? half : half / ratio;
  plot->xAxis->setRange(cx - hx, cx + hx);
  plot->yAxis->setRange(cy - hy, cy + hy);
}

void placeLegendBelow(QCustomPlot* plot, int columns) {
  QCPLegend* legend = plot->legend;
  legend->setVisible(true);
  legend->setBrush(Qt::NoBrush);
  legend->setBorderPen(Qt::NoPen);
  plot->axisRect()->insetLayout()->take(legend);
  QCPLayoutGrid* layout = plot->plotLayout();
  layout->addElement(layout->rowCount(), 0, legend);
  legend->setWrap(columns);  // before the fill order: setFillOrder re-lays out the items, setWrap does not
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
  layout->setRowStretchFactor(layout->rowCount() - 1, 0.001);
}

QCPTextElement* addPlotTitle(QCustomPlot* plot, const QString& title) {
  plot->plotLayout()->insertRow(0);
  auto* text = new QCPTextElement(plot, title, sized(plot->font(), 10, true));
  plot->plotLayout()->addElement(0, 0, text);
  return text;
}

ScrubAntialiasing::ScrubAntialiasing(QObject* parent) : QObject(parent) {
  m_restore.setSingleShot(true);
  m_restore.setInterval(kRestoreMs);
  connect(&m_restore, &QTimer::timeout, this, [this] { setFast(false); });
}

void ScrubAntialiasing::addPlot(QCustomPlot* plot) { m_plots.append(plot); }

void ScrubAntialiasing::noteFrame() {
  if (m_last.isValid() && m_last.elapsed() < kFrameGapMs) {
    setFast(true);
    m_restore.start();
  }
  m_last.restart();
}

void ScrubAntialiasing::setFast(bool fast) {
  if (fast == m_fast) return;
  m_fast = fast;
  for (const QPointer<QCustomPlot>& plot : m_plots) {
    if (!plot) continue;
    plot->setNotAntialiasedElements(
        fast ? QCP::AntialiasedElements(QCP::aePlottables | QCP::aeFills | QCP::aeItems | QCP::aeScatters)
             : QCP::AntialiasedElements(QCP::aeNone));
    if (!fast) plot->replot(QCustomPlot::rpQueuedReplot);
  }
}

// White to blue in ten bands (they read like density contours): the data density of the 2-D planes.
QCPColorGradient densityGradient() {
  QCPColorGradient g;
  g.clearColorStops();
  g.setColorStopAt(0.0, QColor(255, 255, 255));
  g.setColorStopAt(0.25, QColor(222, 235, 247));
  g.setColorStopAt(0.6, QColor(158, 202, 225));
  g.setColorStopAt(1.0, QColor(66, 146, 198));
  g.setLevelCount(10);  // banding reads like density contours
  return g;
}

}  // namespace ds::ui
