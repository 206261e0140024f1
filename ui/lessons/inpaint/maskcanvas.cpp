#include "ui/lessons/inpaint/maskcanvas.h"

#include "ui/lessons/inpaint/maskdocument.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {

// The overlay's colour: orange reads on black, white and every gray between.
QColor overlayColor() { return QColor(255, 80, 0); }

bool isEditorKey(const QKeyEvent* e) {
  switch (e->key()) {
    case Qt::Key_BracketLeft:
    case Qt::Key_BracketRight:
      return true;  // whatever modifiers the keyboard layout needs to type them
    case Qt::Key_X:
      return !(e->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
    case Qt::Key_Space:
      return e->modifiers() == Qt::NoModifier;
    default:
      return false;
  }
}

}  // namespace

MaskCanvas::MaskCanvas(MaskDocument* document, QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("maskCanvas"));
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  setFocusPolicy(Qt::StrongFocus);
  setMouseTracking(true);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setToolTip(
      tr("Paint the mask: orange pixels will be filled in, the rest of the picture is kept.\n"
         "Left drag: use the tool · right drag or Shift: erase / clear instead\n"
         "Mouse wheel: zoom about the cursor · middle drag or Space + drag: pan\n"
         "[ and ]: smaller / larger brush · X: swap brush and eraser"));
  setDocument(document);
  updateCursor();
}

void MaskCanvas::setDocument(MaskDocument* document) {
  if (m_doc) disconnect(m_doc, nullptr, this, nullptr);
  m_doc = document;
  if (m_doc) {
    connect(m_doc, &MaskDocument::maskChanged, this, [this] {
      rebuildOverlay();
      update();
    });
    connect(m_doc, &MaskDocument::imageChanged, this, qOverload<>(&QWidget::update));
  }
  setBrushSize(m_brushSize);  // the range depends on the picture's size
  rebuildOverlay();
  fitToWindow();
}

MaskDocument* MaskCanvas::document() const { return m_doc; }

void MaskCanvas::setTool(MaskTool tool) {
  if (tool == m_tool) return;
  m_tool = tool;
  m_drag = Drag::None;
  m_lasso.clear();
  updateCursor();
  update();
  Q_EMIT toolChanged(tool);
}

double MaskCanvas::maxBrushSize() const {
  return m_doc ? double(std::max(m_doc->width(), m_doc->height())) : double(MaskDocument::kDefaultSide);
}

void MaskCanvas::setBrushSize(double size) {
  size = std::clamp(size, kMinBrushSize, maxBrushSize());
  if (std::abs(size - m_brushSize) < 1e-9) return;
  m_brushSize = size;
  update();
  Q_EMIT brushSizeChanged(size);
}

void MaskCanvas::growBrush() { setBrushSize(std::max(m_brushSize * 1.25, m_brushSize + 1.0)); }

void MaskCanvas::shrinkBrush() { setBrushSize(std::min(m_brushSize / 1.25, m_brushSize - 1.0)); }

void MaskCanvas::setHardness(double hardness) {
  hardness = std::clamp(hardness, 0.0, 1.0);
  if (hardness == m_hardness) return;
  m_hardness = hardness;
  update();
  Q_EMIT hardnessChanged(hardness);
}

void MaskCanvas::setOverlayOpacity(double opacity) {
  opacity = std::clamp(opacity, 0.0, 1.0);
  if (opacity == m_opacity) return;
  m_opacity = opacity;
  rebuildOverlay();
  update();
  Q_EMIT overlayOpacityChanged(opacity);
}

// ---- View mapping

double MaskCanvas::fitScale() const {
  if (!m_doc || width() <= 0 || height() <= 0) return 1.0;
  return std::max(1e-3, std::min(double(width()) / m_doc->width(), double(height()) / m_doc->height()));
}

double MaskCanvas::zoom() const { return m_scale / fitScale(); }

void MaskCanvas::applyFit() {
  const double before = zoom();
  m_scale = fitScale();
  if (m_doc) m_offset = QPointF((width() - m_doc->width() * m_scale) / 2, (height() - m_doc->height() * m_scale) / 2);
  if (std::abs(zoom() - before) > 1e-12) Q_EMIT zoomChanged(zoom());
}

void MaskCanvas::fitToWindow() {
  m_fit = true;
  applyFit();
  update();
}

void MaskCanvas::setZoom(double zoom) { setZoom(zoom, QPointF(width() / 2.0, height() / 2.0)); }

void MaskCanvas::setZoom(double zoom, QPointF anchor) {
  setScale(std::clamp(zoom, kMinZoom, kMaxZoom) * fitScale(), anchor);
}

void MaskCanvas::setScale(double scale, QPointF anchor) {
  const QPointF fixed = mapToImage(anchor);
  m_scale = scale;
  m_offset = anchor - fixed * m_scale;
  m_fit = false;
  Q_EMIT zoomChanged(zoom());
  update();
}

void MaskCanvas::panBy(QPointF delta) {
  m_offset += delta;
  m_fit = false;
  update();
}

QTransform MaskCanvas::imageToWidget() const { return QTransform(m_scale, 0, 0, m_scale, m_offset.x(), m_offset.y()); }

QPointF MaskCanvas::mapToImage(QPointF widgetPoint) const { return (widgetPoint - m_offset) / m_scale; }

QSize MaskCanvas::sizeHint() const { return {480, 480}; }

QSize MaskCanvas::minimumSizeHint() const { return {160, 160}; }

// ---- Painting

void MaskCanvas::rebuildOverlay() {
  if (!m_doc) {
    m_overlay = QImage();
    return;
  }
  m_overlay = QImage(m_doc->size(), QImage::Format_ARGB32);
  const QColor c = overlayColor();
  const std::vector<float>& mask = m_doc->mask();
  for (int y = 0; y < m_doc->height(); ++y) {
    auto* row = reinterpret_cast<QRgb*>(m_overlay.scanLine(y));
    for (int x = 0; x < m_doc->width(); ++x) {
      const float m = mask[std::size_t(y) * m_doc->width() + x];
      row[x] = qRgba(c.red(), c.green(), c.blue(), int(std::lround(255.0 * m_opacity * m)));
    }
  }
}

void MaskCanvas::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().color(QPalette::Mid));
  if (!m_doc) return;
  const QRectF imageRect(QPointF(0, 0), QSizeF(m_doc->size()));
  p.save();
  p.setTransform(imageToWidget());
  // Nearest-neighbour: every picture pixel stays a crisp square at any zoom.
  p.setRenderHint(QPainter::SmoothPixmapTransform, false);
  p.drawImage(imageRect, m_doc->image());
  p.drawImage(imageRect, m_overlay);
  p.restore();
  paintGrid(p);
  p.setPen(QPen(palette().color(QPalette::Shadow), 1));
  p.setBrush(Qt::NoBrush);
  p.drawRect(imageToWidget().mapRect(imageRect).adjusted(-1, -1, 0, 0));
  paintPreview(p);
  paintBrushOutline(p);
}

void MaskCanvas::paintGrid(QPainter& p) const {
  if (m_scale < kGridMinScale) return;
  p.save();
  p.setPen(QPen(QColor(128, 128, 128, 110), 0));
  const QRectF area = imageToWidget().mapRect(QRectF(QPointF(0, 0), QSizeF(m_doc->size()))).intersected(rect());
  const int x0 = std::max(0, int(std::floor(mapToImage(area.topLeft()).x())));
  const int x1 = std::min(m_doc->width(), int(std::ceil(mapToImage(area.bottomRight()).x())));
  const int y0 = std::max(0, int(std::floor(mapToImage(area.topLeft()).y())));
  const int y1 = std::min(m_doc->height(), int(std::ceil(mapToImage(area.bottomRight()).y())));
  for (int x = x0; x <= x1; ++x) {
    const double vx = std::round(mapFromImage(QPointF(x, 0)).x()) + 0.5;
    p.drawLine(QLineF(vx, area.top(), vx, area.bottom()));
  }
  for (int y = y0; y <= y1; ++y) {
    const double vy = std::round(mapFromImage(QPointF(0, y)).y()) + 0.5;
    p.drawLine(QLineF(area.left(), vy, area.right(), vy));
  }
  p.restore();
}

void MaskCanvas::paintPreview(QPainter& p) const {
  if (m_drag != Drag::Rectangle && m_drag != Drag::Lasso) return;
  p.save();
  p.setRenderHint(QPainter::Antialiasing, m_drag == Drag::Lasso);
  QColor fill = m_clearing ? QColor(0, 0, 0, 90) : overlayColor();
  if (!m_clearing) fill.setAlpha(110);
  QPen pen(palette().color(QPalette::Highlight), 2, Qt::DashLine);
  p.setPen(pen);
  p.setBrush(fill);
  if (m_drag == Drag::Rectangle) {
    const QRect r = rectanglePixels().intersected(QRect(QPoint(0, 0), m_doc->size()));
    if (!r.isEmpty()) p.drawRect(imageToWidget().mapRect(QRectF(r)));
  } else if (!m_lasso.isEmpty()) {
    p.drawPolygon(imageToWidget().map(m_lasso));
  }
  p.restore();
}

void MaskCanvas::paintBrushOutline(QPainter& p) const {
  const bool brushTool = m_tool == MaskTool::Brush || m_tool == MaskTool::Eraser;
  if (!brushTool || !m_mouseInside || m_spaceHeld || m_drag == Drag::Pan) return;
  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  p.setBrush(Qt::NoBrush);
  const double r = std::max(0.5, m_brushSize / 2) * m_scale;
  // A white ring under a black one: visible on black bars, white picture and orange mask alike.
  p.setPen(QPen(Qt::white, 3));
  p.drawEllipse(m_mousePos, r, r);
  p.setPen(QPen(Qt::black, 1));
  p.drawEllipse(m_mousePos, r, r);
  if (m_hardness < 1.0 && m_hardness * r > 2) {
    p.setPen(QPen(Qt::black, 1, Qt::DotLine));
    p.drawEllipse(m_mousePos, m_hardness * r, m_hardness * r);
  }
  p.restore();
}

// ---- Input

bool MaskCanvas::event(QEvent* event) {
  // Window shortcuts (the timeline's Space = play) must not take the editor's keys while the
  // canvas has the focus.
  if (event->type() == QEvent::ShortcutOverride && isEditorKey(static_cast<QKeyEvent*>(event))) {
    event->accept();
    return true;
  }
  return QWidget::event(event);
}

void MaskCanvas::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  if (m_fit) applyFit();
  else Q_EMIT zoomChanged(zoom());
}

void MaskCanvas::wheelEvent(QWheelEvent* event) {
  const QPoint delta = event->angleDelta();
  const int steps = delta.y() != 0 ? delta.y() : delta.x();
  if (steps == 0 || !m_doc) return event->ignore();
  // 1.25× per notch (120 units); trackpads send smaller deltas for smooth zooming.
  setZoom(zoom() * std::pow(1.25, steps / 120.0), event->position());
  event->accept();
}

void MaskCanvas::mousePressEvent(QMouseEvent* event) {
  const QPointF pos = event->position();
  m_mousePos = pos;
  if (!m_doc || m_drag != Drag::None) return;
  if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
    m_drag = Drag::Pan;
    m_lastWidgetPos = pos;
    updateCursor();
    return;
  }
  if (event->button() != Qt::LeftButton && event->button() != Qt::RightButton) return QWidget::mousePressEvent(event);
  m_clearing = event->button() == Qt::RightButton || (event->modifiers() & Qt::ShiftModifier);
  const QPointF at = mapToImage(pos);
  switch (m_tool) {
    case MaskTool::Brush:
    case MaskTool::Eraser: {
      m_drag = Drag::Paint;
      m_stroke = m_doc->beginStroke();
      m_lastImagePos = at;
      m_doc->dab(at, currentBrush(), m_stroke);
      break;
    }
    case MaskTool::Rectangle:
      m_drag = Drag::Rectangle;
      m_dragStart = m_dragEnd = at;
      break;
    case MaskTool::Lasso:
      m_drag = Drag::Lasso;
      m_lasso = QPolygonF{at};
      break;
  }
  update();
}

void MaskCanvas::mouseMoveEvent(QMouseEvent* event) {
  const QPointF pos = event->position();
  m_mousePos = pos;
  m_mouseInside = true;
  if (m_doc) {
    const QPointF at = mapToImage(pos);
    switch (m_drag) {
      case Drag::Pan:
        panBy(pos - m_lastWidgetPos);
        m_lastWidgetPos = pos;
        break;
      case Drag::Paint: {
        m_doc->dabLine(m_lastImagePos, at, currentBrush(), m_stroke);
        m_lastImagePos = at;
        break;
      }
      case Drag::Rectangle:
        m_dragEnd = at;
        break;
      case Drag::Lasso:
        if (m_lasso.isEmpty() || QLineF(m_lasso.last(), at).length() > 0.05) m_lasso << at;
        break;
      case Drag::None:
        break;
    }
    reportHover(pos);
  }
  update();
}

void MaskCanvas::mouseReleaseEvent(QMouseEvent* event) {
  const bool ends =
      (m_drag == Drag::Pan && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) ||
      (m_drag != Drag::None && m_drag != Drag::Pan &&
       (event->button() == Qt::LeftButton || event->button() == Qt::RightButton));
  if (!ends) return QWidget::mouseReleaseEvent(event);
  if (m_doc && m_drag != Drag::Pan) {
    const QPointF at = mapToImage(event->position());
    if (m_drag == Drag::Paint && at != m_lastImagePos) {
      // The release point ends the stroke even when no move event reported it.
      m_doc->dabLine(m_lastImagePos, at, currentBrush(), m_stroke);
    }
    if (m_drag == Drag::Rectangle) m_dragEnd = at;
    if (m_drag == Drag::Lasso && QLineF(m_lasso.last(), at).length() > 0.05) m_lasso << at;
  }
  finishDrag();
}

MaskBrush MaskCanvas::currentBrush() const {
  // The eraser, or the brush with the right button / Shift.
  return MaskBrush{m_brushSize, m_hardness, (m_tool == MaskTool::Eraser) != m_clearing};
}

void MaskCanvas::finishDrag() {
  const float value = m_clearing ? 0.0f : 1.0f;
  const Drag drag = m_drag;
  m_drag = Drag::None;
  if (m_doc && drag == Drag::Rectangle) m_doc->fillRect(rectanglePixels(), value);
  if (m_doc && drag == Drag::Lasso) m_doc->fillPolygon(m_lasso, value);
  m_lasso.clear();
  updateCursor();
  update();
}

QRect MaskCanvas::rectanglePixels() const {
  const int x0 = int(std::floor(std::min(m_dragStart.x(), m_dragEnd.x())));
  const int x1 = int(std::floor(std::max(m_dragStart.x(), m_dragEnd.x())));
  const int y0 = int(std::floor(std::min(m_dragStart.y(), m_dragEnd.y())));
  const int y1 = int(std::floor(std::max(m_dragStart.y(), m_dragEnd.y())));
  return QRect(QPoint(x0, y0), QPoint(x1, y1));
}

void MaskCanvas::keyPressEvent(QKeyEvent* event) {
  if (!isEditorKey(event)) return QWidget::keyPressEvent(event);
  switch (event->key()) {
    case Qt::Key_Space:
      if (!event->isAutoRepeat()) {
        m_spaceHeld = true;
        updateCursor();
        update();
      }
      break;
    case Qt::Key_BracketLeft:
      shrinkBrush();
      break;
    case Qt::Key_BracketRight:
      growBrush();
      break;
    case Qt::Key_X:
      setTool(m_tool == MaskTool::Brush ? MaskTool::Eraser : MaskTool::Brush);
      break;
  }
  event->accept();
}

void MaskCanvas::keyReleaseEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
    m_spaceHeld = false;
    updateCursor();
    update();
    return;
  }
  QWidget::keyReleaseEvent(event);
}

void MaskCanvas::leaveEvent(QEvent* event) {
  m_mouseInside = false;
  Q_EMIT hovered(-1, -1, 0.0f);
  update();
  QWidget::leaveEvent(event);
}

void MaskCanvas::focusOutEvent(QFocusEvent* event) {
  // The Space release may go to another widget; do not stay stuck in pan mode.
  m_spaceHeld = false;
  updateCursor();
  QWidget::focusOutEvent(event);
}

void MaskCanvas::reportHover(QPointF widgetPos) {
  const QPointF at = mapToImage(widgetPos);
  const int x = int(std::floor(at.x())), y = int(std::floor(at.y()));
  if (x >= 0 && y >= 0 && x < m_doc->width() && y < m_doc->height()) Q_EMIT hovered(x, y, m_doc->maskAt(x, y));
  else Q_EMIT hovered(-1, -1, 0.0f);
}

void MaskCanvas::updateCursor() {
  if (m_drag == Drag::Pan) setCursor(Qt::ClosedHandCursor);
  else if (m_spaceHeld) setCursor(Qt::OpenHandCursor);
  else setCursor(Qt::CrossCursor);
}

}  // namespace ds::ui
