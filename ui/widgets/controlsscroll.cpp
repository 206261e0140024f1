#include "ui/widgets/controlsscroll.h"

#include <QEvent>
#include <QScrollBar>
#include <QStyle>

#include <algorithm>

namespace ds::ui {

ControlsScrollArea::ControlsScrollArea(QWidget* content, QWidget* parent) : QScrollArea(parent) {
  setWidget(content);
  setWidgetResizable(true);
  setFrameShape(QFrame::NoFrame);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
  content->installEventFilter(this);
}

int ControlsScrollArea::contentWidth() const {
  const QWidget* content = widget();
  const int w = content ? std::max(content->minimumSizeHint().width(), 230) : 230;
  return w + style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 2;
}

QSize ControlsScrollArea::sizeHint() const { return {contentWidth(), 400}; }

QSize ControlsScrollArea::minimumSizeHint() const { return {contentWidth(), 100}; }

bool ControlsScrollArea::eventFilter(QObject* watched, QEvent* event) {
  // A font change (presentation mode) relayouts the content: re-ask the parent layout for width.
  if (watched == widget() && (event->type() == QEvent::LayoutRequest || event->type() == QEvent::FontChange))
    updateGeometry();
  return QScrollArea::eventFilter(watched, event);
}

}  // namespace ds::ui
