#pragma once
// Spin boxes and combo boxes take the mouse wheel only when they have the keyboard focus (issue 12,
// "screens that break in a classroom"): scrolling a lesson's control column with the wheel used to
// change every value that passed under the pointer (five notches turned Depth L from 3 to 7).
//
// WheelGuard is an application-wide event filter. It gives every spin box and combo box the
// StrongFocus policy when it is polished (the wheel no longer focuses them; a click or Tab does),
// and a wheel event over one without the focus goes to the nearest scroll area around it instead,
// so the column scrolls on. A focused one steps with the wheel as usual.

#include <QObject>

namespace ds::ui {

class WheelGuard : public QObject {
  Q_OBJECT

 public:
  explicit WheelGuard(QObject* parent = nullptr);

  // Installs one guard on the application (idempotent); it lives as long as the application.
  static void install();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
};

}  // namespace ds::ui
