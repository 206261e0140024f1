#include "ui/widgets/wheelguard.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QWheelEvent>

namespace ds::ui {

namespace {

bool guarded(const QObject* object) {
  return qobject_cast<const QAbstractSpinBox*>(object) || qobject_cast<const QComboBox*>(object);
}

}  // namespace

WheelGuard::WheelGuard(QObject* parent) : QObject(parent) {}

void WheelGuard::install() {
  QCoreApplication* app = QCoreApplication::instance();
  if (!app || app->findChild<WheelGuard*>(QString(), Qt::FindDirectChildrenOnly)) return;
  app->installEventFilter(new WheelGuard(app));
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::Polish && guarded(watched)) {
    auto* widget = static_cast<QWidget*>(watched);
    if (widget->focusPolicy() == Qt::WheelFocus) widget->setFocusPolicy(Qt::StrongFocus);
    return false;
  }
  if (event->type() != QEvent::Wheel || !guarded(watched)) return false;
  auto* widget = static_cast<QWidget*>(watched);
  if (widget->hasFocus()) return false;  // a focused box steps with the wheel
  // Hand the wheel to the scroll area the box sits in (the control column), or drop it.
  for (QWidget* p = widget->parentWidget(); p; p = p->parentWidget()) {
    if (auto* area = qobject_cast<QAbstractScrollArea*>(p)) {
      QCoreApplication::sendEvent(area->viewport(), event);
      break;
    }
  }
  return true;
}

}  // namespace ds::ui
