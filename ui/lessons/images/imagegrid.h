#pragma once
// A grid of small grayscale images (28×28 Fashion-MNIST pictures, x_t, x̂_0, noise), scaled up
// with square nearest-neighbour pixels so a projected classroom screen shows the real pixels. An
// optional title on top (lines separated by '\n'; a line wider than the grid wraps onto a second
// one), labels over the columns (on two lines where a cell is narrower than a label, e.g. Chinese
// class names at presentation size) and left of the rows; a click on a cell selects it
// (cellClicked), the selected cell gets a coloured frame.

#include <QFont>
#include <QImage>
#include <QStringList>
#include <QWidget>

#include <vector>

namespace at {
class Tensor;
}

namespace ds::ui {

// One image [1, H, W] or [H, W] as 8-bit gray, mapping [lo, hi] to 0..255 (clipped): the model's
// [−1, 1] pixel scale by default, so x_t beyond it saturates as in the papers' figures.
QImage grayImage(const at::Tensor& image, double lo = -1.0, double hi = 1.0);
// The N images of a batch [N, 1, H, W].
std::vector<QImage> grayImages(const at::Tensor& batch, double lo = -1.0, double hi = 1.0);

class ImageGridView : public QWidget {
  Q_OBJECT

 public:
  explicit ImageGridView(QWidget* parent = nullptr);

  // The cells in reading order, `columns` per row.
  void setImages(std::vector<QImage> images, int columns);
  void setTitle(const QString& title);
  void setRowLabels(const QStringList& labels);
  void setColumnLabels(const QStringList& labels);
  void setSelected(int index);  // −1: none
  void setSelectable(bool on) { m_selectable = on; }
  void setPresentation(bool on);
  // Outlines, on every cell, the boundary between the pixels where `mask` (W×H, the images' size) is
  // ≥ 0.5 and the others: the Inpaint lesson's known region. An empty vector removes it.
  void setOutline(std::vector<float> mask, int width, int height);

  int count() const { return int(m_images.size()); }
  int columns() const { return m_columns; }
  const QImage& image(int index) const { return m_images.at(std::size_t(index)); }
  QString title() const { return m_title; }
  // What is drawn at the current size: the title's lines, a column label's lines (elided ones end
  // in "…").
  QStringList shownTitleLines() const;
  QStringList shownColumnLabel(int column) const;
  int selected() const { return m_selected; }
  // The cell under a widget position, −1 outside every cell.
  int cellAt(const QPoint& pos) const;
  QRect cellRect(int index) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 Q_SIGNALS:
  void cellClicked(int index);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  struct Layout {
    QRect title;
    QStringList titleLines;
    int left = 0, top = 0, cell = 0, gap = 0, labelWidth = 0, columnLabelHeight = 0;
    int columnLabelLines = 1;
    QFont columnLabelFont;
  };
  Layout layoutFor(const QSize& size) const;
  QRect cellRectIn(const Layout& layout, int index) const;
  int rows() const;
  QFont titleFont() const;
  QFont labelFont() const;

  std::vector<QImage> m_images;
  int m_columns = 1;
  QString m_title;
  QStringList m_rowLabels, m_columnLabels;
  int m_selected = -1;
  std::vector<float> m_outline;
  int m_outlineWidth = 0, m_outlineHeight = 0;
  bool m_selectable = false;
  bool m_presentation = false;
};

}  // namespace ds::ui
