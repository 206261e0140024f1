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
  int top = margin;
  if (!m_title.isEmpty()) {
    const int lines = int(m_title.count(QLatin1Char('\n'))) + 1;
    l.title = QRect(margin, top, size.width() - 2 * margin, lines * tm.height());
    top += l.title.height() + margin;
  }
  if (!m_columnLabels.isEmpty()) {
    l.columnLabelHeight = lm.height();
    top += l.columnLabelHeight + 2;
  }
  for (const QString& label : m_rowLabels) l.labelWidth = std::max(l.labelWidth, lm.boundingRect(label).width() + 12);
  const int r = std::max(1, rows());
  const int availW = size.width() - 2 * margin - l.labelWidth;
  const int availH = size.height() - top - margin;
  // Cells are square; a gap of 1/14 cell (2 px at 28 px) separates them.
  const double cellW = availW / (m_columns + (m_columns - 1) / 14.0);
  const double cellH = availH / (r + (r - 1) / 14.0);
  l.cell = std::max(4, int(std::floor(std::min(cellW, cellH))));
  l.gap = std::max(1, l.cell / 14);
  const int gridW = m_columns * l.cell + (m_columns - 1) * l.gap;
  l.left = margin + l.labelWidth + std::max(0, (availW - gridW) / 2);
  l.top = top;
  return l;
}

QRect ImageGridView::cellRect(int index) const {
  const Layout l = layoutFor(size());
  const int row = index / m_columns, col = index % m_columns;
  return QRect(l.left + col * (l.cell + l.gap), l.top + row * (l.cell + l.gap), l.cell, l.cell);
}

int ImageGridView::cellAt(const QPoint& pos) const {
  for (int i = 0; i < count(); ++i) {
    if (cellRect(i).contains(pos)) return i;
  }
  return -1;
}

QSize ImageGridView::sizeHint() const {
  const int r = std::max(1, rows());
  const int cell = m_presentation ? 84 : 56;
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
    const QStringList lines = m_title.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
      const QRect line(l.title.left(), l.title.top() + i * tm.height(), l.title.width(), tm.height());
      p.drawText(line, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                 tm.elidedText(lines[i], Qt::ElideRight, line.width()));
    }
  }
  p.setFont(labelFont());
  p.setPen(palette().color(QPalette::Text));
  for (int c = 0; c < m_columns && c < m_columnLabels.size(); ++c) {
    const QRect cell = cellRect(c);
    // Labels wider than a cell are elided, so neighbours never overlap.
    const QRect box(cell.left(), l.top - l.columnLabelHeight - 2, cell.width(), l.columnLabelHeight);
    p.drawText(box, Qt::AlignCenter | Qt::TextSingleLine,
               QFontMetrics(labelFont()).elidedText(m_columnLabels[c], Qt::ElideRight, box.width()));
  }
  for (int r = 0; r < rows() && r < m_rowLabels.size(); ++r) {
    const QRect cell = cellRect(r * m_columns);
    p.drawText(QRect(cell.left() - l.labelWidth, cell.top(), l.labelWidth - 6, cell.height()),
               Qt::AlignRight | Qt::AlignVCenter | Qt::TextSingleLine, m_rowLabels[r]);
  }
  // Nearest-neighbour scaling: every pixel of the 28×28 image stays a visible square.
  p.setRenderHint(QPainter::SmoothPixmapTransform, false);
  for (int i = 0; i < count(); ++i) p.drawImage(cellRect(i), m_images[std::size_t(i)]);
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
      const QRect cell = cellRect(i);
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
    p.drawRect(cellRect(m_selected).adjusted(-l.gap / 2 - 1, -l.gap / 2 - 1, l.gap / 2, l.gap / 2));
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
