#include "ui/widgets/plotstyle.h"

#include <QLocale>
#include <QTextBoundaryFinder>
#include <QTextLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace ds::ui {

namespace {

double g_presentationFontScale = 1.0;  // GUI thread only, like the application font it goes with

}  // namespace

double PlotStyle::presentationFontScale() { return g_presentationFontScale; }

void PlotStyle::setPresentationFontScale(double scale) {
  g_presentationFontScale = std::clamp(scale, kMinFontScale, 1.0);
}

double PlotStyle::factor() const {
  return std::clamp(fontScale < 0 ? g_presentationFontScale : fontScale, kMinFontScale, 1.0);
}

int PlotStyle::size(int normal, int presentationSize) const {
  if (!presentation) return normal;
  const double t = (factor() - kMinFontScale) / (1.0 - kMinFontScale);
  return normal + int(std::lround((presentationSize - normal) * t));
}

namespace {

// A plot title that wraps at word boundaries when the plot is narrower than it (a small screen,
// presentation-size fonts). QCPTextElement's size hint asks for the whole title on one line, which
// made the plot, and with it the window, as wide as the title.
class WrappingTitle : public QCPTextElement {
 public:
  using QCPTextElement::QCPTextElement;

  // At least one line (a short plot gives its axes the room first), at most the wrapped lines. As
  // narrow as the widest word: a Chinese title, which has no spaces, may break between characters.
  QSize minimumOuterSizeHint() const override {
    const QFontMetrics fm(mFont);
    const int widest = widestUnbreakable(mText, fm);
    return {widest + mMargins.left() + mMargins.right(), fm.height() + mMargins.top() + mMargins.bottom()};
  }
  QSize maximumOuterSizeHint() const override { return {QWIDGETSIZE_MAX, wrappedHeight()}; }

 protected:
  // Wrapped where the rect holds every line, else one line elided ("Density over time: exact…").
  void draw(QCPPainter* painter) override {
    const QFontMetrics fm(mainFont());
    painter->setFont(mainFont());
    painter->setPen(QPen(mainTextColor()));
    if (fm.boundingRect(mRect, mTextFlags, mText).height() <= mRect.height())
      painter->drawText(mRect, mTextFlags, mText, &mTextBoundingRect);
    else
      painter->drawText(mRect, Qt::AlignCenter, fm.elidedText(mText, Qt::ElideRight, mRect.width()),
                        &mTextBoundingRect);
  }

 private:
  // The title spans the plot's whole width (row 0 of its one-column layout).
  int wrappedHeight() const {
    const int width = std::max(1, mParentPlot->viewport().width() - mMargins.left() - mMargins.right());
    const QFontMetrics fm(mFont);
    const QRect text = fm.boundingRect(QRect(0, 0, width, QWIDGETSIZE_MAX), mTextFlags, mText);
    return text.height() + mMargins.top() + mMargins.bottom();
  }
};

// The most columns (up to `columns`) in which the legend fits the plot's width: a narrow plot
// stacks its legend entries instead of growing wider than the window.
void fitLegendColumns(QCustomPlot* plot, QCPLegend* legend, int columns) {
  const int available = plot->viewport().width();
  auto setColumns = [legend](int n) {
    if (legend->wrap() == n) return;
    legend->setWrap(n);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
  };
  int n = columns;
  for (; n > 1; --n) {
    setColumns(n);
    if (legend->minimumOuterSizeHint().width() <= available) break;
  }
  setColumns(n);
}

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

// Fewer ticks on a short axis, so tick labels never run into each other on a small plot (a small
// screen, presentation fonts); at most the axis's own tick count (QCP's default 5). True when a
// count changed.
bool fitTickCounts(QCustomPlot* plot) {
  // Each axis with the length it is drawn along: the axis rects' axes and the colour scales'.
  QList<QPair<QCPAxis*, QRect>> axes;
  QList<const QCPAxis*> scales;
  for (QCPAxisRect* rect : plot->axisRects())
    for (QCPAxis* axis : rect->axes()) axes.append({axis, rect->rect()});
  for (QCPLayoutElement* el : plot->plotLayout()->elements(true))
    if (auto* scale = qobject_cast<QCPColorScale*>(el)) {
      axes.append({scale->axis(), scale->rect()});
      scales.append(scale->axis());
    }
  bool changed = false;
  for (const auto& [axis, rect] : axes) {
    if (!axis->visible() || !axis->tickLabels()) continue;
    QVariant cap = axis->property("ds_maxTicks");
    if (!cap.isValid()) {
      cap = axis->ticker()->tickCount();
      axis->setProperty("ds_maxTicks", cap);
    }
    const QFontMetrics fm(axis->tickLabelFont());
    const bool horizontal = axis->orientation() == Qt::Horizontal;
    // Room per tick: a label like "-0.5" and a gap across, two text lines up. At least 3: with 2,
    // QCP's step can be wider than the range and leave a single tick.
    const int room = horizontal ? fm.horizontalAdvance(QStringLiteral("-0.5")) + fm.height() : 2 * fm.height();
    const int length = horizontal ? rect.width() : rect.height();
    int count = std::clamp(length / std::max(1, room), 3, std::max(3, cap.toInt()));
    // A colour scale as short as the 1-D density map's at its minimum (20–40 px) has room for two
    // labels: 0 and about its top, at a step QCP is made to meet (three or four labels drew over
    // each other there).
    if (std::any_of(scales.begin(), scales.end(), [axis = axis](const QCPAxis* s) { return s == axis; })) {
      const bool cramped = length < 3 * room;
      const auto strategy = cramped ? QCPAxisTicker::tssMeetTickCount : QCPAxisTicker::tssReadability;
      if (axis->ticker()->tickStepStrategy() != strategy) {
        axis->ticker()->setTickStepStrategy(strategy);
        changed = true;
      }
      if (cramped) count = 1;  // one step across the range: two labels
    }
    if (axis->ticker()->tickCount() != count) {
      axis->ticker()->setTickCount(count);
      changed = true;
    }
  }
  return changed;
}

}  // namespace

void applyPlotStyle(QCustomPlot* plot, const PlotStyle& style) {
  // Once per plot: after each layout the tick counts follow the axes' lengths.
  if (!plot->property("ds_fitsTicks").toBool()) {
    plot->setProperty("ds_fitsTicks", true);
    QObject::connect(plot, &QCustomPlot::afterLayout, plot, [plot] {
      if (fitTickCounts(plot)) plot->replot(QCustomPlot::rpQueuedReplot);
    });
  }
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
  // Re-fitted before a replot only when the width, the entries' names or their font changed
  // (scrubbing replots every frame).
  auto fitted = std::make_shared<QString>();
  QObject::connect(plot, &QCustomPlot::beforeReplot, legend, [plot, legend, columns, fitted] {
    QString key = QStringLiteral("%1 %2|").arg(plot->viewport().width()).arg(legend->font().pointSize());
    for (int i = 0; i < legend->itemCount(); ++i) {
      if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i)))
        key += item->plottable()->name() + QString::number(item->font().pointSize()) + QLatin1Char('|');
    }
    if (key == *fitted) return;
    *fitted = key;
    fitLegendColumns(plot, legend, columns);
    // Pinned: with only its size hint QCP's layout gave the legend row ~5 px less than its entries
    // need (plot heights to spare), and each entry's text, drawn at full height, ran into the next.
    legend->setMinimumSize(0, 0);
    legend->setMinimumSize(0, legend->minimumOuterSizeHint().height());
  });
  legend->setSizeConstraintRect(QCPLayoutElement::scrOuterRect);
}

int legendBelowHeight(const QCustomPlot* plot, int columns, int entries) {
  const QCPLegend* legend = plot->legend;
  int tallest = 0;
  for (int i = 0; i < legend->itemCount(); ++i)
    if (QCPAbstractLegendItem* item = legend->item(i))
      tallest = std::max(tallest, item->minimumOuterSizeHint().height());
  if (tallest == 0) {  // no entry yet: one line of the legend's font, QCP's default entry margins
    const QFontMetrics fm(legend->font());
    tallest = std::max(fm.height(), legend->iconSize().height()) + 4;
  }
  const int n = std::max(legend->itemCount(), entries);
  const int rows = std::max(1, (n + std::max(1, columns) - 1) / std::max(1, columns));
  return rows * tallest + (rows - 1) * legend->rowSpacing() + legend->margins().top() + legend->margins().bottom() +
         plot->plotLayout()->rowSpacing();
}

int legendBelowWidth(const QCustomPlot* plot) {
  const QCPLegend* legend = plot->legend;
  int widest = 0;
  for (int i = 0; i < legend->itemCount(); ++i)
    if (QCPAbstractLegendItem* item = legend->item(i)) widest = std::max(widest, item->minimumOuterSizeHint().width());
  return widest + legend->margins().left() + legend->margins().right();
}

QStringList wrapText(const QString& text, const QFont& font, int width, int maxLines) {
  const QFontMetrics fm(font);
  if (maxLines <= 1 || fm.horizontalAdvance(text) <= width) return {fm.elidedText(text, Qt::ElideRight, width)};
  QStringList lines;
  QTextLayout layout(text, font);
  QTextOption option;
  option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
  layout.setTextOption(option);
  layout.beginLayout();
  for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
    line.setLineWidth(width);
    if (lines.size() == maxLines - 1) {
      lines << fm.elidedText(text.mid(line.textStart()).trimmed(), Qt::ElideRight, width);
      break;
    }
    lines << text.mid(line.textStart(), line.textLength()).trimmed();
  }
  layout.endLayout();
  return lines;
}

int textLineHeight(const QFont& font) {
  // Only a Chinese interface shows Chinese characters in the plots' texts.
  if (QLocale().language() != QLocale::Chinese) return QFontMetrics(font).height();
  QTextLayout layout(QStringLiteral("Ag\u4e2d\u6587"), font);  // "Ag中文"
  layout.beginLayout();
  QTextLine line = layout.createLine();
  line.setLineWidth(QWIDGETSIZE_MAX / 4);
  layout.endLayout();
  return std::max(QFontMetrics(font).height(), int(std::ceil(line.height())));
}

int widestUnbreakable(const QString& text, const QFontMetrics& fm) {
  QTextBoundaryFinder breaks(QTextBoundaryFinder::Line, text);
  int widest = 0, start = 0;
  for (qsizetype at = breaks.toNextBoundary(); at >= 0; at = breaks.toNextBoundary()) {
    widest = std::max(widest, fm.horizontalAdvance(text.mid(start, at - start).trimmed()));
    start = int(at);
  }
  return widest;
}

QCPTextElement* addPlotTitle(QCustomPlot* plot, const QString& title) {
  plot->plotLayout()->insertRow(0);
  auto* text = new WrappingTitle(plot, title, sized(plot->font(), 10, true));
  text->setTextFlags(Qt::AlignCenter | Qt::TextWordWrap);
  plot->plotLayout()->addElement(0, 0, text);
  return text;
}

void fitTopMargin(QCustomPlot* plot) {
  QCPAxisRect* rect = plot->axisRect();
  QMargins margins = rect->minimumMargins();
  margins.setTop(QFontMetrics(rect->axis(QCPAxis::atLeft)->tickLabelFont()).height() / 2 + 2);
  rect->setMinimumMargins(margins);
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
