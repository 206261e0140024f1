#include "ui/lessons/images/imagegrid.h"

#include "ui/widgets/plotstyle.h"

#include <QLineF>
#include <QMouseEvent>
#include <QPainter>
#include <QTransform>
#include <QVector>

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace ds::ui {

QImage grayImage(const at::Tensor& image, double lo, double hi) {
  const at::Tensor img = image.dim() == 3 ? image[0] : image;
  const at::Tensor bytes =
      ((img.to(at::kFloat) - lo) * (255.0 / (hi - lo))).round().clamp(0, 255).to(at::kByte).contiguous();
  const int h = int(bytes.size(0)), w = int(bytes.size(1));
  QImage out(w, h, QImage::Format_Grayscale8);
  const std::uint8_t* p = bytes.data_ptr<std::uint8_t>();
  for (int y = 0; y < h; ++y) std::copy(p + y * w, p + (y + 1) * w, out.scanLine(y));
  return out;
}

std::vector<QImage> grayImages(const at::Tensor& batch, double lo, double hi) {
  std::vector<QImage> out;
  out.reserve(std::size_t(batch.size(0)));
  for (std::int64_t i = 0; i < batch.size(0); ++i) out.push_back(grayImage(batch[i], lo, hi));
  return out;
}

ImageGridView::ImageGridView(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageGridView::setImages(std::vector<QImage> images, int columns) {
  m_images = std::move(images);
  m_columns = std::max(1, columns);
  if (m_selected >= count()) m_selected = -1;
  updateGeometry();
  update();
}

void ImageGridView::setTitle(const QString& title) {
  m_title = title;
  update();
}

void ImageGridView::setRowLabels(const QStringList& labels) {
  m_rowLabels = labels;
  update();
}

void ImageGridView::setColumnLabels(const QStringList& labels) {
  m_columnLabels = labels;
  update();
}

void ImageGridView::setSelected(int index) {
  m_selected = index;
  update();
}

void ImageGridView::setPresentation(bool on) {
  m_presentation = on;
  updateGeometry();
  update();
}

int ImageGridView::rows() const { return (count() + m_columns - 1) / m_columns; }

QFont ImageGridView::titleFont() const {
  QFont f = font();
  f.setBold(true);
  f.setPointSizeF(PlotStyle{m_presentation}.titlePt());
  return f;
}

QFont ImageGridView::labelFont() const {
  // Bold: at small sizes the regular face places the combining hat of x̂₀ beside the x.
  QFont f = font();
  f.setBold(true);
  f.setPointSizeF(PlotStyle{m_presentation}.labelPt());
  return f;
}

ImageGridView::Layout ImageGridView::layoutFor(const QSize& size) const {
  Layout l;
  const QFontMetrics tm(titleFont()), lm(labelFont());
  const int margin = 4;
  int titleBottom = margin;
  if (!m_title.isEmpty()) {
    // Each line of the title on one line where it fits, else on two (the numbers of "Forward chain
    // at t = …" in Chinese at 1024×768), so nothing is elided on a small screen.
    const int width = std::max(1, size.width() - 2 * margin);
    for (const QString& line : m_title.split(QLatin1Char('\n'))) l.titleLines << wrapText(line, titleFont(), width, 2);
    l.title = QRect(margin, titleBottom, width, int(l.titleLines.size()) * tm.height());
    titleBottom += l.title.height() + margin;
  }
  for (const QString& label : m_rowLabels) l.labelWidth = std::max(l.labelWidth, lm.boundingRect(label).width() + 12);
  const int r = std::max(1, rows());
  const int availW = size.width() - 2 * margin - l.labelWidth;
  // Cells are square; a gap of 1/14 cell (2 px at 28 px) separates them.
  const auto fitCells = [&](int labelLines) {
    l.columnLabelLines = labelLines;
    l.columnLabelHeight = m_columnLabels.isEmpty() ? 0 : labelLines * lm.height();
    const int top = titleBottom + (m_columnLabels.isEmpty() ? 0 : l.columnLabelHeight + 2);
    const int availH = size.height() - top - margin;
    const double cellW = availW / (m_columns + (m_columns - 1) / 14.0);
    const double cellH = availH / (r + (r - 1) / 14.0);
    l.cell = std::max(4, int(std::floor(std::min(cellW, cellH))));
    l.gap = std::max(1, l.cell / 14);
    l.top = top;
  };
  fitCells(1);
  // A column label wider than its cell (a column is as wide as the cell plus the gap) takes two lines;
  // where two lines are still too narrow (Chinese class names under 35 px cells), a smaller font.
  const bool tooWide = std::any_of(m_columnLabels.begin(), m_columnLabels.end(),
                                   [&](const QString& label) { return lm.horizontalAdvance(label) > l.cell + l.gap; });
  if (tooWide) fitCells(2);
  l.columnLabelFont = labelFont();
  const double smallest = 0.7 * l.columnLabelFont.pointSizeF();
  const auto elided = [&] {
    return std::any_of(m_columnLabels.begin(), m_columnLabels.end(), [&](const QString& label) {
      return wrapText(label, l.columnLabelFont, l.cell + l.gap, l.columnLabelLines)
          .join(QString())
          .contains(QChar(0x2026));
    });
  };
  while (tooWide && l.columnLabelFont.pointSizeF() - 1 >= smallest && elided())
    l.columnLabelFont.setPointSizeF(l.columnLabelFont.pointSizeF() - 1);
  if (tooWide && elided()) fitCells(3);  // long English names ("Ankle boot") in very narrow cells
  const int gridW = m_columns * l.cell + (m_columns - 1) * l.gap;
  l.left = margin + l.labelWidth + std::max(0, (availW - gridW) / 2);
  return l;
}

QStringList ImageGridView::shownTitleLines() const { return layoutFor(size()).titleLines; }

QStringList ImageGridView::shownColumnLabel(int column) const {
  if (column < 0 || column >= m_columnLabels.size() || column >= m_columns) return {};
  const Layout l = layoutFor(size());
  return wrapText(m_columnLabels[column], l.columnLabelFont, l.cell + l.gap, l.columnLabelLines);
}

QRect ImageGridView::cellRect(int index) const { return cellRectIn(layoutFor(size()), index); }

QRect ImageGridView::cellRectIn(const Layout& l, int index) const {
  const int row = index / m_columns, col = index % m_columns;
  return QRect(l.left + col * (l.cell + l.gap), l.top + row * (l.cell + l.gap), l.cell, l.cell);
}

int ImageGridView::cellAt(const QPoint& pos) const {
  const Layout l = layoutFor(size());
  for (int i = 0; i < count(); ++i) {
    if (cellRectIn(l, i).contains(pos)) return i;
  }
  return -1;
}

QSize ImageGridView::sizeHint() const {
  const int r = std::max(1, rows());
  const int cell = PlotStyle{m_presentation}.size(56, 84);
  return QSize(m_columns * (cell + 4) + 40, r * (cell + 4) + 40);
}

QSize ImageGridView::minimumSizeHint() const {
  const QFontMetrics tm(titleFont());
  return QSize(120, tm.height() * (int(m_title.count(QLatin1Char('\n'))) + 2) + 40);
}

void ImageGridView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  const Layout l = layoutFor(size());
  if (!m_title.isEmpty()) {
    p.setFont(titleFont());
    p.setPen(palette().color(QPalette::Text));
    const QFontMetrics tm(titleFont());
    for (int i = 0; i < l.titleLines.size(); ++i) {
      const QRect line(l.title.left(), l.title.top() + i * tm.height(), l.title.width(), tm.height());
      p.drawText(line, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, l.titleLines[i]);
    }
  }
  p.setFont(l.columnLabelFont);
  p.setPen(palette().color(QPalette::Text));
  const int lineHeight = QFontMetrics(l.columnLabelFont).height();
  for (int c = 0; c < m_columns && c < m_columnLabels.size(); ++c) {
    const QRect cell = cellRectIn(l, c);
    // A label may use its cell and the gap; wider ones wrap (then elide), so neighbours never overlap.
    const QStringList lines = wrapText(m_columnLabels[c], l.columnLabelFont, cell.width() + l.gap, l.columnLabelLines);
    const int bottom = l.top - 2;
    for (int i = 0; i < lines.size(); ++i) {
      const QRect box(cell.left() - l.gap / 2, bottom - int(lines.size() - i) * lineHeight, cell.width() + l.gap,
                      lineHeight);
      p.drawText(box, Qt::AlignCenter | Qt::TextSingleLine, lines[i]);
    }
  }
  p.setFont(labelFont());
  for (int r = 0; r < rows() && r < m_rowLabels.size(); ++r) {
    const QRect cell = cellRectIn(l, r * m_columns);
    p.drawText(QRect(cell.left() - l.labelWidth, cell.top(), l.labelWidth - 6, cell.height()),
               Qt::AlignRight | Qt::AlignVCenter | Qt::TextSingleLine, m_rowLabels[r]);
  }
  // Nearest-neighbour scaling: every pixel of the 28×28 image stays a visible square.
  p.setRenderHint(QPainter::SmoothPixmapTransform, false);
  for (int i = 0; i < count(); ++i) p.drawImage(cellRectIn(l, i), m_images[std::size_t(i)]);
  if (!m_outline.empty()) {
    // Pixel edges between a filled (mask ≥ 0.5) and a kept pixel, drawn on the cell's pixel grid.
    const int w = m_outlineWidth, h = m_outlineHeight;
    auto filled = [&](int x, int y) {
      return x >= 0 && y >= 0 && x < w && y < h && m_outline[std::size_t(y * w + x)] >= 0.5f;
    };
    QVector<QLineF> edges;
    for (int y = 0; y <= h; ++y) {
      for (int x = 0; x <= w; ++x) {
        if (x < w && filled(x, y) != filled(x, y - 1)) edges.append(QLineF(x, y, x + 1, y));
        if (y < h && filled(x, y) != filled(x - 1, y)) edges.append(QLineF(x, y, x, y + 1));
      }
    }
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(QPen(QColor(255, 140, 0), m_presentation ? 2 : 1));
    for (int i = 0; i < count(); ++i) {
      const QRect cell = cellRectIn(l, i);
      QTransform toCell;
      toCell.translate(cell.left(), cell.top());
      toCell.scale(double(cell.width()) / w, double(cell.height()) / h);
      for (const QLineF& e : edges) p.drawLine(toCell.map(e));
    }
  }
  if (m_selected >= 0 && m_selected < count()) {
    QPen pen(palette::cursor(), std::max(2, l.gap + 1));
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawRect(cellRectIn(l, m_selected).adjusted(-l.gap / 2 - 1, -l.gap / 2 - 1, l.gap / 2, l.gap / 2));
  }
}

void ImageGridView::setOutline(std::vector<float> mask, int width, int height) {
  if (!mask.empty() && (width < 1 || height < 1 || mask.size() != std::size_t(width) * std::size_t(height))) return;
  m_outline = std::move(mask);
  m_outlineWidth = width;
  m_outlineHeight = height;
  update();
}

void ImageGridView::mousePressEvent(QMouseEvent* event) {
  if (!m_selectable || event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
  const int cell = cellAt(event->position().toPoint());
  if (cell >= 0) Q_EMIT cellClicked(cell);
}

}  // namespace ds::ui
