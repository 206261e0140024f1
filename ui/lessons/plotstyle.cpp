#include "ui/lessons/plotstyle.h"

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

QCPTextElement* addPlotTitle(QCustomPlot* plot, const QString& title) {
  plot->plotLayout()->insertRow(0);
  auto* text = new QCPTextElement(plot, title, sized(plot->font(), 10, true));
  plot->plotLayout()->addElement(0, 0, text);
  return text;
}

}  // namespace ds::ui
