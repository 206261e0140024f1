#pragma once
// The mask editor's canvas: the picture with crisp nearest-neighbour pixels, the mask as a
// coloured overlay, a 1-pixel grid when zoomed in far and the brush outline under the cursor.
// One QTransform (image coordinates → widget coordinates) is used for painting and for mouse
// input, so the mask lands exactly under the cursor at every zoom and pan.
//
// Mouse: left drag applies the tool; the right button (or Shift) does the opposite (brush → erase,
// rectangle/lasso → clear). Wheel zooms about the cursor (with or without Ctrl); middle drag, or
// Space held + left drag, pans. Keys: [ and ] shrink/grow the brush, X swaps brush and eraser.
// Undo/redo are the page's QUndoStack actions, not the canvas's.

#include <QImage>
#include <QPointF>
#include <QPointer>
#include <QPolygonF>
#include <QTransform>
#include <QWidget>

namespace ds::ui {

class MaskDocument;
struct MaskBrush;

enum class MaskTool { Brush, Eraser, Rectangle, Lasso };

class MaskCanvas : public QWidget {
  Q_OBJECT

 public:
  explicit MaskCanvas(MaskDocument* document = nullptr, QWidget* parent = nullptr);

  void setDocument(MaskDocument* document);
  MaskDocument* document() const;

  MaskTool tool() const { return m_tool; }
  void setTool(MaskTool tool);
  // Brush diameter in image pixels, kMinBrushSize..maxBrushSize() (the picture's longer side).
  double brushSize() const { return m_brushSize; }
  void setBrushSize(double size);
  double maxBrushSize() const;
  // ×1.25 / ÷1.25, and at least ±1 pixel (the [ and ] keys).
  void growBrush();
  void shrinkBrush();
  double hardness() const { return m_hardness; }  // 0..1
  void setHardness(double hardness);
  double overlayOpacity() const { return m_opacity; }  // 0..1
  void setOverlayOpacity(double opacity);

  // Zoom is relative to the fitted view: 1 shows the whole picture as large as the widget allows.
  double zoom() const;
  // Zooms about the widget centre (kMinZoom..kMaxZoom); leaves fit-to-window mode.
  void setZoom(double zoom);
  // Zooms keeping the image point under `anchor` (widget coordinates) where it is.
  void setZoom(double zoom, QPointF anchor);
  // Fits and centres the picture; it stays fitted on resize until the user zooms or pans.
  void fitToWindow();
  bool isFitToWindow() const { return m_fit; }
  // Moves the view by `delta` widget pixels; leaves fit-to-window mode.
  void panBy(QPointF delta);
  // Widget pixels per image pixel.
  double scale() const { return m_scale; }

  // The one image → widget mapping used for painting and for input.
  QTransform imageToWidget() const;
  QPointF mapFromImage(QPointF imagePoint) const { return imageToWidget().map(imagePoint); }
  QPointF mapToImage(QPointF widgetPoint) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

  static constexpr double kMinBrushSize = 1.0;
  static constexpr double kMinZoom = 0.25;
  static constexpr double kMaxZoom = 40.0;
  static constexpr double kGridMinScale = 24.0;  // widget pixels per image pixel

 Q_SIGNALS:
  void toolChanged(ds::ui::MaskTool tool);
  void brushSizeChanged(double size);
  void hardnessChanged(double hardness);
  void overlayOpacityChanged(double opacity);
  void zoomChanged(double zoom);
  // The pixel under the cursor and its mask value; (−1, −1, 0) when the cursor leaves the picture.
  void hovered(int x, int y, float maskValue);

 protected:
  bool event(QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void keyReleaseEvent(QKeyEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void focusOutEvent(QFocusEvent* event) override;

 private:
  enum class Drag { None, Pan, Paint, Rectangle, Lasso };
  double fitScale() const;
  void applyFit();
  void setScale(double scale, QPointF anchor);
  void rebuildOverlay();
  void updateCursor();
  void reportHover(QPointF widgetPos);
  QRect rectanglePixels() const;  // the whole pixels between the drag's start and end
  void finishDrag();
  MaskBrush currentBrush() const;
  void paintGrid(QPainter& p) const;
  void paintPreview(QPainter& p) const;
  void paintBrushOutline(QPainter& p) const;

  QPointer<MaskDocument> m_doc;
  MaskTool m_tool = MaskTool::Brush;
  double m_brushSize = 3.0;
  double m_hardness = 1.0;
  double m_opacity = 0.55;
  double m_scale = 1.0;
  QPointF m_offset;  // widget position of the image origin
  bool m_fit = true;
  QImage m_overlay;  // ARGB, the mask's colour with alpha = mask · opacity

  Drag m_drag = Drag::None;
  bool m_clearing = false;  // right button or Shift: erase / clear instead of paint / fill
  bool m_spaceHeld = false;
  int m_stroke = 0;
  QPointF m_lastImagePos;   // the previous dab of a stroke
  QPointF m_dragStart;      // image coordinates (rectangle)
  QPointF m_dragEnd;        // image coordinates (rectangle)
  QPointF m_lastWidgetPos;  // pan
  QPolygonF m_lasso;        // image coordinates
  QPointF m_mousePos{-1, -1};
  bool m_mouseInside = false;
};

}  // namespace ds::ui
